import { describe, expect, it } from '@jest/globals';
import { QUERY_LIMITS, TooManyKeysError, countJsonKeys, refuseManyKeys } from './limits.js';

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

describe('countJsonKeys: the object keys of a JSON text, without parsing it', () => {
  it.each<[string, unknown, number]>([
    ['an empty object', {}, 0],
    ['a flat object', { a: 1, b: 'two', c: null }, 3],
    ['nested objects and lists of objects', { query: 'q', variables: { input: { ids: ['a', 'b'], roles: [{ x: 1 }, { y: 2, z: { w: 3 } }] } } }, 9],
    ['colons, quotes and backslashes inside strings', { 'a:b': 'c:d', e: 'say "x: y"', f: 'C:\\path\\"q":', '"g":': 1 }, 4],
    ['Chinese text and emoji, whose UTF-8 bytes never look like quotes or colons', { 名称: '格尔木：昆仑路街道', 摘要: '“走访”：😀' }, 2],
    ['a list of scalars', [1, 'a:b', true], 0],
  ])('%s', (_what, value, keys) => {
    expect(countJsonKeys(bytes(value))).toBe(keys);
  });

  it('counts keys the way JSON.parse finds them, for a body shaped like the abuse (20,000 unknown keys)', () => {
    const input = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}:"`, `v${i}\\:`]));
    expect(countJsonKeys(bytes({ query: 'mutation', variables: { input } }))).toBe(20_003);
  });

  it('stops once the count passes the limit it is given, and counts a body under it in full', () => {
    const input = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
    expect(countJsonKeys(bytes({ input }), 2000)).toBe(2001);
    expect(countJsonKeys(bytes({ input }), 20_001)).toBe(20_001);
  });
});

describe('refuseManyKeys: the body parser refuses a body over the limit before parsing it', () => {
  const over = { variables: Object.fromEntries(Array.from({ length: QUERY_LIMITS.maxBodyKeys }, (_, i) => [`k${i}`, 0])) };
  it('lets a body at the limit through, and refuses one key more', () => {
    expect(() => refuseManyKeys(null, null, bytes({ ...over, variables: { ...over.variables, k0: undefined } }), 'utf-8')).not.toThrow();
    expect(() => refuseManyKeys(null, null, bytes(over), 'utf-8')).toThrow(new TooManyKeysError());
  });
  it('leaves a body in another charset to the variables check (its bytes are not UTF-8)', () => {
    expect(() => refuseManyKeys(null, null, Buffer.from(JSON.stringify(over), 'utf16le'), 'utf-16le')).not.toThrow();
  });
});
