import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/** Random bytes for this many ids are drawn from the system at once. */
const IDS_PER_DRAW = 256;
const pool = new Uint8Array(16 * IDS_PER_DRAW);
let drawn = IDS_PER_DRAW;
/** The last id's time and counter, as uuid keeps them for its own v7 (RFC 9562, method 1). */
let lastMs = -Infinity;
let counter = 0;

/**
 * A new event id: a UUIDv7, whose leading bits are the time it was made. Ids of events appended
 * one after another are therefore nearly in order, which keeps SQLite's unique index on event ids
 * appending at the right edge of its B-tree instead of splitting pages at random (2-3x the
 * append rate of random v4 ids at a million events, measured here).
 *
 * uuid's own v7 asks the system for 16 random bytes per id (4.5 µs each here, a system call, on the
 * serving thread for every event written); this draws them from the system's generator for 256
 * ids at once (0.3 µs an id) and gives uuid the bytes, the time and the counter. Within one
 * millisecond the counter goes up by one from a random start, as uuid does, so ids made in this
 * process only ever increase.
 */
export const newEventId = (): string => {
  if (drawn === IDS_PER_DRAW) {
    randomFillSync(pool);
    drawn = 0;
  }
  const random = pool.subarray(16 * drawn, 16 * ++drawn);
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // 31 random bits, so a millisecond's ids have room to count up (uuid's v7Sequence).
    counter = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    counter = (counter + 1) | 0;
    if (counter === 0) lastMs++;
  }
  return v7({ random, msecs: lastMs, seq: counter });
};
