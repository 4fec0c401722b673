import { describe, expect, it } from '@jest/globals';
import { SortedTimes } from './sortedTimes.js';

/** The plain model SortedTimes must behave as: a sorted array. */
class Reference {
  values: number[] = [];
  insert(t: number) {
    let i = 0;
    while (i < this.values.length && this.values[i]! <= t) i++;
    this.values.splice(i, 0, t);
  }
  remove(t: number) {
    const i = this.values.indexOf(t);
    if (i < 0) return false;
    this.values.splice(i, 1);
    return true;
  }
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function expectSame(times: SortedTimes, reference: Reference, random: () => number) {
  const v = reference.values;
  expect(times.size).toBe(v.length);
  expect(times.between(-Infinity, Infinity)).toEqual(v);
  for (let q = 0; q < 40; q++) {
    const a = Math.floor(random() * 3000) - 100;
    const b = a + Math.floor(random() * 1500);
    expect(times.countBetween(a, b)).toBe(v.filter((t) => t >= a && t < b).length);
    expect(times.between(a, b)).toEqual(v.filter((t) => t >= a && t < b));
    expect(times.lastBefore(a)).toBe(v.filter((t) => t < a).at(-1));
    expect(times.firstAtOrAfter(a)).toBe(v.find((t) => t >= a));
  }
}

describe('SortedTimes', () => {
  it('answers as a sorted array does through appends, late inserts, duplicates across runs and removals that empty runs', () => {
    const random = rng(7);
    const times = new SortedTimes();
    const reference = new Reference();
    // Mostly in order, as contacts arrive; some late, many equal (runs split and meet at equal times).
    for (let i = 0; i < 4000; i++) {
      const t = random() < 0.8 ? Math.floor(i / 2) : Math.floor(random() * 2000);
      times.insert(t);
      reference.insert(t);
    }
    expectSame(times, reference, random);
    for (let i = 0; i < 3000; i++) {
      const t = Math.floor(random() * 2100);
      expect(times.remove(t)).toBe(reference.remove(t));
    }
    expectSame(times, reference, random);
    // Emptied entirely, then used again.
    for (const t of [...reference.values]) expect(times.remove(t)).toBe(reference.remove(t));
    expect(times.size).toBe(0);
    expect(times.remove(5)).toBe(false);
    times.insert(5);
    reference.insert(5);
    expectSame(times, reference, random);
  });

  it('keeps a copy and its original apart: each changes on its own, whichever writes a shared run first', () => {
    const random = rng(11);
    const original = new SortedTimes();
    const reference = new Reference();
    for (let i = 0; i < 2000; i++) {
      original.insert(i);
      reference.insert(i);
    }
    const copies: Array<[SortedTimes, Reference]> = [];
    for (let round = 0; round < 5; round++) {
      const copy = original.clone();
      const kept = new Reference();
      kept.values = [...reference.values];
      copies.push([copy, kept]);
      // The original goes on (appends, a late insert, a removal in an early run), and so do some copies.
      for (let i = 0; i < 300; i++) {
        const t = random() < 0.7 ? 2000 + round * 300 + i : Math.floor(random() * 2000);
        original.insert(t);
        reference.insert(t);
      }
      const gone = Math.floor(random() * 2000);
      expect(original.remove(gone)).toBe(reference.remove(gone));
      if (round % 2 === 1) {
        copy.insert(-1);
        kept.insert(-1);
        expect(copy.remove(1000)).toBe(kept.remove(1000));
      }
    }
    expectSame(original, reference, random);
    for (const [copy, kept] of copies) expectSame(copy, kept, random);
    // A copy of a copy.
    const [first, firstKept] = copies[0]!;
    const second = first.clone();
    second.insert(99_999);
    expectSame(first, firstKept, random);
    expect(second.size).toBe(first.size + 1);
  });
  it('holds only its times as enumerable fields, also when read back without its constructor (a saved state), and works on from there', () => {
    const random = rng(3);
    const times = new SortedTimes();
    const reference = new Reference();
    for (let i = 0; i < 1500; i++) {
      const t = Math.floor(random() * 1000);
      times.insert(t);
      reference.insert(t);
    }
    times.clone();
    expect(Object.keys(times).sort()).toEqual(['chunks', 'count']);
    // As a saved state brings it back: its enumerable fields on the class's prototype.
    const readBack = Object.assign(Object.create(SortedTimes.prototype) as SortedTimes, structuredClone({ ...times }));
    expectSame(readBack, reference, random);
    readBack.insert(500);
    reference.insert(500);
    expect(readBack.remove(reference.values[0]!)).toBe(reference.remove(reference.values[0]!));
    readBack.clone().insert(2);
    expectSame(readBack, reference, random);
    expect(Object.keys(readBack).sort()).toEqual(['chunks', 'count']);
    // Two indexes with the same times are equal, whatever was shared or worked out in them.
    const rebuilt = new SortedTimes();
    for (const t of reference.values) rebuilt.insert(t);
    expect(rebuilt.between(-Infinity, Infinity)).toEqual(readBack.between(-Infinity, Infinity));
  });
});
