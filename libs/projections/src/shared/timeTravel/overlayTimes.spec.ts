import { describe, expect, it } from '@jest/globals';
import { SortedTimes } from '../../liaison/network/sortedTimes.js';
import { OverlayTimes } from './overlayTimes.js';

/** A small deterministic generator, so a failure can be replayed. */
const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

describe('OverlayTimes', () => {
  it('answers every question as a SortedTimes holding base + inserted − removed, and never changes its base', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const next = random(seed);
      const time = () => Math.floor(next() * 40) * 1000; // few distinct times: repeats and removals collide
      const base = new SortedTimes();
      for (let i = 0; i < 25; i++) base.insert(time());
      const before = base.between(-Infinity, Infinity);
      const overlay = new OverlayTimes(base);
      const plain = base.clone();
      for (let op = 0; op < 60; op++) {
        const t = time();
        if (next() < 0.5) {
          overlay.insert(t);
          plain.insert(t);
        } else {
          expect(overlay.remove(t)).toBe(plain.remove(t));
        }
        const [a, b] = [time(), time() + 5000];
        expect([overlay.size, overlay.countBetween(a, b), overlay.lastBefore(a), overlay.firstAtOrAfter(a), overlay.between(a, b)]).toEqual([
          plain.size,
          plain.countBetween(a, b),
          plain.lastBefore(a),
          plain.firstAtOrAfter(a),
          plain.between(a, b),
        ]);
      }
      expect(overlay.clone().between(-Infinity, Infinity)).toEqual(plain.between(-Infinity, Infinity));
      expect(base.between(-Infinity, Infinity)).toEqual(before);
    }
  });
});
