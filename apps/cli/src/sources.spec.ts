import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { cellText, decodeCsv } from './sources.js';

describe('a workbook cell as the CSV would hold it', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['郭勒木德镇', '郭勒木德镇'],
    [3, '3'],
    [0.5, '0.5'],
    [true, 'true'],
    [new Date(Date.UTC(2020, 11, 20)), '2020-12-20'],
    [new Date(Date.UTC(2020, 11, 20, 15, 0)), '2020-12-20T15:00'],
    [new Date(Date.UTC(2020, 11, 20, 15, 0, 30)), '2020-12-20T15:00:30'],
    [{ richText: [{ text: '昆仑' }, { text: '路街道' }] }, '昆仑路街道'],
    [{ formula: '5*2', result: 10 }, '10'],
    [{ formula: 'A1', result: new Date(Date.UTC(2019, 0, 1)) }, '2019-01-01'],
    [{ formula: 'A1' }, ''],
    [{ sharedFormula: 'B2', result: 'x' }, 'x'],
    [{ text: '链接', hyperlink: 'http://x' }, '链接'],
    [{ error: '#N/A' }, '#N/A'],
  ])('%j → %j', (value, text) => expect(cellText(value as never)).toBe(text));
});

describe('CSV bytes', () => {
  const text = 'id,name\nm-001,薛岩庆\n';
  it('reads UTF-8 with or without a byte-order mark, and GBK', () => {
    expect(decodeCsv(Buffer.from(text))).toBe(text);
    expect(decodeCsv(Buffer.from('\uFEFF' + text))).toBe(text); // the mark is dropped
    expect(decodeCsv(iconv.encode(text, 'gbk'))).toBe(text);
    expect(decodeCsv(iconv.encode(text, 'gbk'), 'gbk')).toBe(text);
  });
});
