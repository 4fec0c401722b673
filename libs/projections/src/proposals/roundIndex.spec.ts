import { describe, expect, it } from '@jest/globals';
import { RoundIndex, medianOf } from './roundIndex.js';

const sortedMedian = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

describe('the round index', () => {
  it('selects the median of any slice as sorting would, duplicates and even sizes included', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 50;
    for (let n = 1; n < 60; n++) {
      const values = Array.from({ length: n }, () => Math.floor(next()) / 2);
      const column = Float64Array.from([99, ...values, -99]);
      expect([n, medianOf(column, 1, n + 1)]).toEqual([n, sortedMedian(values)]);
    }
    expect(medianOf(new Float64Array(3), 1, 1)).toBeNull();
  });

  it('grows past its first capacity, and a copy changes apart from it', () => {
    const index = new RoundIndex();
    for (let k = 0; k < 3000; k++) index.add({ unitId: `u${k % 7}`, termId: 't', proposal: k, lead: k % 2 === 0, first: true, startedMs: k, dueEndMs: k + 10 });
    index.setClosed(2999, true);
    const copy = index.copy();
    index.replied[5] = 42;
    index.held[6] = 0;
    index.setClosed(2999, false);
    expect([index.size, copy.size, copy.unitIds.length, copy.dueEnd[2999], copy.replied[5], copy.held[6], copy.closed[2999], index.closed[2999]]).toEqual([3000, 3000, 7, 3009, NaN, 1, 1, 0]);
  });
});
