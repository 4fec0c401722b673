/**
 * `migrate --from sqlite:FILE|esdb:CONN --to sqlite:FILE|esdb:CONN`: copies the whole event log
 * from one engine to another (SQLite → EventStoreDB/KurrentDB and back, or between two of a kind).
 *
 * Guarantees:
 * - every event keeps its id, stream, revision, type, data, metadata and `recordedAt`, and the log
 *   keeps its order, so the target's positions are the source's. (SQLite takes `recordedAt` as the
 *   commit time of each copied commit; EventStoreDB stamps its own time, so the original is kept in
 *   the event's metadata under `$recordedAt`, which the adapter reads back as `recordedAt`.)
 * - The target must be empty or hold an exact copy of the start of the source, as a previous run
 *   leaves it, complete or cut off: copying resumes after it. Re-running is therefore a no-op, and an
 *   interrupted run is finished by running it again. Any other target is refused before writing.
 * - Afterwards both logs are read again and compared: event count, per-stream contents (a digest of
 *   each stream's events in revision order) and the order of the whole log. The result is printed;
 *   any difference fails the command.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EsdbEventStore, describeConnection, leaderConnectionString } from '#event-store/esdb';
import { START, type EventData, type EventStore, type RecordedEvent, type StreamAppend } from '#event-store/eventStore';
import { SqliteEventStore } from '#event-store/sqlite';
import { NO_PROGRESS, type Progress } from './progress.js';

export type StoreSpec = { kind: 'sqlite'; file: string } | { kind: 'esdb'; connectionString: string };

/** Events read per page on either side; small enough to keep memory flat on a million-event log. */
const PAGE = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class MigrateUsageError extends Error {}

/** `sqlite:FILE` or `esdb:esdb://…`; throws MigrateUsageError naming the option. */
export function parseStoreSpec(value: string, option: string): StoreSpec {
  const colon = value.indexOf(':');
  const kind = colon < 0 ? '' : value.slice(0, colon);
  const rest = value.slice(colon + 1);
  if (kind === 'sqlite' && rest.length > 0) return { kind, file: rest };
  if (kind === 'esdb' && rest.length > 0) {
    try {
      return { kind, connectionString: leaderConnectionString(rest) };
    } catch (error) {
      throw new MigrateUsageError(`--${option} ${describeSpec({ kind, connectionString: rest })}: ${(error as Error).message.split(rest).join(describeConnection(rest))}`);
    }
  }
  throw new MigrateUsageError(`--${option} must be sqlite:FILE or esdb:CONNECTION_STRING (e.g. esdb:esdb://127.0.0.1:2113?tls=false), not ${JSON.stringify(value)}`);
}

export function describeSpec(spec: StoreSpec): string {
  return spec.kind === 'sqlite' ? `sqlite:${spec.file}` : `esdb:${describeConnection(spec.connectionString)}`;
}

export interface MigrateIo {
  out(line: string): void;
  err(line: string): void;
}

export async function runMigrate(from: StoreSpec, to: StoreSpec, io: MigrateIo, progress: Progress = NO_PROGRESS): Promise<number> {
  if (from.kind === 'sqlite' && !existsSync(from.file)) throw new MigrateUsageError(`--from ${describeSpec(from)}: no such file`);
  if (describeSpec(from) === describeSpec(to) || (from.kind === 'sqlite' && to.kind === 'sqlite' && resolve(from.file) === resolve(to.file))) {
    throw new MigrateUsageError('--from and --to name the same store');
  }
  const source = open(from);
  const target = open(to);
  try {
    io.out(`migrate ${describeSpec(from)} → ${describeSpec(to)}`);
    const sourceHead = await source.store.headPosition();
    const held = await heldPrefix(source.store, target.store, sourceHead, progress);
    if (typeof held === 'string') {
      io.err(`refused: ${held}; nothing written to ${describeSpec(to)}`);
      return 1;
    }
    progress.step('copying', 'events', sourceHead - held);
    const copied = await copyAfter(source.store, target, held, progress);
    io.out(`target held ${held} of ${sourceHead} events; copied ${copied.events} events in ${copied.appends} appends`);

    progress.step('comparing', 'events', sourceHead);
    const problems = await compare(source.store, target.store, progress);
    progress.end();
    if (problems.mismatches.length > 0) {
      for (const line of problems.mismatches.slice(0, 20)) io.err(`mismatch: ${line}`);
      io.err(`verification failed: ${problems.mismatches.length} difference(s) between ${describeSpec(from)} and ${describeSpec(to)}`);
      return 1;
    }
    io.out(`verified: ${problems.events} events in ${problems.streams} streams; counts, every stream's events and the order of the whole log match`);
    return 0;
  } finally {
    await Promise.all([source.store.close(), target.store.close()]);
  }
}

interface Opened {
  store: EventStore;
  /** Copies one source commit (events sharing a `recordedAt`, in order) keeping ids, revisions and recordedAt. */
  copyCommit(events: RecordedEvent[]): Promise<number>;
}

function open(spec: StoreSpec): Opened {
  if (spec.kind === 'esdb') {
    const store = new EsdbEventStore({ connectionString: spec.connectionString });
    return {
      store,
      copyCommit: async (events) => {
        const bad = events.find((e) => !UUID.test(e.id));
        if (bad) throw new Error(`event ${bad.id} at position ${bad.position}: EventStoreDB needs UUID event ids`);
        const runs = streamRuns(events);
        for (const run of runs) await store.appendCopies(run[0]!.streamId, run);
        return runs.length;
      },
    };
  }
  mkdirSync(dirname(resolve(spec.file)), { recursive: true });
  // SQLite stamps `recordedAt` from its clock once per commit: the clock reads the source commit's.
  let recordedAt = new Date(0);
  const store = new SqliteEventStore({ file: spec.file, clock: () => recordedAt });
  return {
    store,
    copyCommit: async (events) => {
      recordedAt = new Date(events[0]!.recordedAt);
      const batch: StreamAppend[] = streamRuns(events).map((run) => ({
        streamId: run[0]!.streamId,
        events: run.map(toEventData),
        expectedVersion: run[0]!.revision === 0 ? 'NO_STREAM' : run[0]!.revision - 1,
      }));
      await store.appendMany(batch);
      return 1;
    },
  };
}

/** How many leading source events the target holds exactly, or why the target cannot be resumed. */
async function heldPrefix(source: EventStore, target: EventStore, sourceHead: number, progress: Progress): Promise<number | string> {
  const targetHead = await target.headPosition();
  if (targetHead > sourceHead) return `the target holds ${targetHead} events, more than the source's ${sourceHead}`;
  if (targetHead > START) progress.step('checking what the target holds', 'events', targetHead);
  for (let after = START; after < targetHead; after += PAGE) {
    progress.set(after);
    const [mine, theirs] = await Promise.all([source.readAll({ after, maxCount: Math.min(PAGE, targetHead - after) }), target.readAll({ after, maxCount: PAGE })]);
    for (const [i, event] of theirs.entries()) {
      const difference = differenceOf(mine[i], event);
      if (difference) return `the target is not a copy of the start of the source: at position ${event.position} ${difference}`;
    }
  }
  return targetHead;
}

async function copyAfter(source: EventStore, target: Opened, after: number, progress: Progress): Promise<{ events: number; appends: number }> {
  let events = 0;
  let appends = 0;
  let pending: RecordedEvent[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    appends += await target.copyCommit(pending);
    events += pending.length;
    pending = [];
    progress.set(events);
  };
  for (;;) {
    const page = await source.readAll({ after, maxCount: PAGE });
    for (const event of page) {
      if (pending.length > 0 && pending[0]!.recordedAt !== event.recordedAt) await flush();
      pending.push(event);
      after = event.position;
    }
    if (page.length < PAGE) break;
  }
  await flush();
  return { events, appends };
}

/** Reads both logs again, page by page, and lists every difference. */
async function compare(source: EventStore, target: EventStore, progress: Progress): Promise<{ events: number; streams: number; mismatches: string[] }> {
  const mismatches: string[] = [];
  const digests = [new Map<string, StreamDigest>(), new Map<string, StreamDigest>()] as const;
  let events = 0;
  for (let after = START; ; after += PAGE) {
    const pages = await Promise.all([source.readAll({ after, maxCount: PAGE }), target.readAll({ after, maxCount: PAGE })]);
    pages.forEach((page, side) => page.forEach((event) => digestOf(digests[side], event.streamId).add(event)));
    const longer = Math.max(pages[0].length, pages[1].length);
    for (let i = 0; i < longer; i++) {
      const difference = differenceOf(pages[0][i], pages[1][i]);
      if (difference) mismatches.push(`position ${after + i + 1}: ${difference}`);
    }
    events += pages[0].length;
    progress.set(events);
    if (longer < PAGE) {
      if (pages[0].length !== pages[1].length) mismatches.push(`the source has ${events} events, the target ${after + pages[1].length}`);
      break;
    }
  }
  for (const streamId of new Set([...digests[0].keys(), ...digests[1].keys()])) {
    const [mine, theirs] = [digests[0].get(streamId), digests[1].get(streamId)];
    if (mine?.result() !== theirs?.result()) mismatches.push(`stream ${streamId}: ${mine?.count ?? 0} events in the source, ${theirs?.count ?? 0} in the target, or different contents`);
  }
  return { events, streams: digests[0].size, mismatches };
}

class StreamDigest {
  count = 0;
  private readonly hash = createHash('sha256');
  add(event: RecordedEvent): void {
    this.count++;
    this.hash.update(`${canonical(event)}\n`);
  }
  result(): string {
    return `${this.count}:${this.hash.copy().digest('hex')}`;
  }
}

function digestOf(map: Map<string, StreamDigest>, streamId: string): StreamDigest {
  let digest = map.get(streamId);
  if (!digest) map.set(streamId, (digest = new StreamDigest()));
  return digest;
}

/** Everything migrate promises to keep, in one string (key order as stored on both sides). */
function canonical(e: RecordedEvent): string {
  return JSON.stringify([e.id, e.streamId, e.revision, e.position, e.type, e.recordedAt, e.data, e.metadata]);
}

function differenceOf(expected: RecordedEvent | undefined, actual: RecordedEvent | undefined): string | undefined {
  if (expected === undefined) return `the target has ${actual!.id} where the source has nothing`;
  if (actual === undefined) return `the target is missing ${expected.id} (${expected.streamId}@${expected.revision})`;
  if (canonical(expected) === canonical(actual)) return undefined;
  return `the source has ${expected.id} (${expected.streamId}@${expected.revision}, ${expected.type}), the target ${actual.id} (${actual.streamId}@${actual.revision}, ${actual.type})${
    expected.id === actual.id ? ' with different data, metadata or recordedAt' : ''
  }`;
}

/** Maximal runs of consecutive events of one stream: one append each. */
function streamRuns(events: RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const run = runs.at(-1);
    if (run && run[0]!.streamId === event.streamId) run.push(event);
    else runs.push([event]);
  }
  return runs;
}

function toEventData(event: RecordedEvent): EventData {
  return { id: event.id, type: event.type, data: event.data, metadata: event.metadata };
}
