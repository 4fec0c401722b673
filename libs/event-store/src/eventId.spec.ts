import { describe, expect, it } from '@jest/globals';
import { validate, version } from 'uuid';
import { newEventId } from './eventId.js';

describe('newEventId', () => {
  it('makes valid, distinct UUIDv7s that only ever increase, their time the time they were made', () => {
    const before = Date.now();
    // More than one draw of random bytes (256 ids each), most of them within one millisecond.
    const ids = Array.from({ length: 2000 }, () => newEventId());
    const after = Date.now();
    for (const id of ids) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(msOf(ids[0]!)).toBeGreaterThanOrEqual(before);
    expect(msOf(ids.at(-1)!)).toBeLessThanOrEqual(after + 1);
    // The random part differs from one draw to the next (not the same bytes again).
    const tails = new Set(ids.map((id) => id.slice(-12)));
    expect(tails.size).toBe(ids.length);
  });
});
