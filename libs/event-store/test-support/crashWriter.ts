/**
 * Child process of `sqlite.crash.spec.ts`: appends batches to a few streams through the real
 * SqliteEventStore as fast as it can, until it is killed. Each append is reported on stdout only
 * after its promise resolved, so every line is a write the store acknowledged:
 *
 *   <streamId> <revision of the append's last event> <its position>
 *
 * Usage: node crashWriter.js <database file>
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { NO_STREAM, type AppendResult, type EventData, type ExpectedVersion } from '../src/eventStore.js';
import { SqliteEventStore } from '../src/sqlite.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: crashWriter.js <database file>');

const store = new SqliteEventStore({ file });
const streams = ['member-a', 'member-b', 'link-c', 'contact-d'];
const versions = new Map<string, ExpectedVersion>();
for (const streamId of streams) {
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  versions.set(streamId, last === undefined ? NO_STREAM : last.revision);
}

const batch = (streamId: string, size: number): EventData[] =>
  Array.from({ length: size }, (_, i) => ({
    id: randomUUID(),
    type: 'CrashTested',
    data: { streamId, i, note: 'written by a process that is about to be killed' },
  }));

/** A synchronous write: the line is in the pipe before the next append starts. */
const acknowledge = (streamId: string, result: AppendResult) => {
  versions.set(streamId, result.nextExpectedVersion);
  writeSync(1, `${streamId} ${result.nextExpectedVersion} ${result.position}\n`);
};

for (let n = 0; ; n++) {
  const streamId = streams[n % streams.length]!;
  if (n % 3 === 2) {
    const other = streams[(n + 1) % streams.length]!;
    const results = await store.appendMany([
      { streamId, events: batch(streamId, 1 + (n % 4)), expectedVersion: versions.get(streamId)! },
      { streamId: other, events: batch(other, 2), expectedVersion: versions.get(other)! },
    ]);
    acknowledge(streamId, results[0]!);
    acknowledge(other, results[1]!);
  } else {
    acknowledge(streamId, await store.appendToStream(streamId, batch(streamId, 1 + (n % 7)), { expectedVersion: versions.get(streamId)! }));
  }
}
