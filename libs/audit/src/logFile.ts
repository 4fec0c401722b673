/**
 * The log as a file an auditor can take away: NDJSON, one event per line, in log order, each line
 * with the event's position and the running hash after it (chain.ts, in the form in effect there:
 * the file holds the seals that switch it, so the hashes are recomputed from the lines alone):
 *
 *   {"position":1,"hash":"…","id":"…","streamId":"member-m-001","revision":0,"type":"MemberRegistered","recordedAt":"…","data":{…},"metadata":{…}}
 *
 * Anyone can recompute the hashes from the lines alone (the first line's from 32 zero bytes), so a
 * complete export is its own proof, and its last hash can be checked against the live record
 * later (`verify --expect`). A range export (`from`/`to`) still carries hashes from the start of
 * the log; only a complete one can be imported again.
 */
import { DomainError, conflict, invalid } from '#domain/shared/errors';
import { EventStore, NO_STREAM, START, StreamAppend } from '#event-store/eventStore';
import { RunningHash, isHash } from './chain.js';
import { isSealEvent } from './seal.js';

export interface ExportedEvent {
  position: number;
  hash: string;
  id: string;
  streamId: string;
  revision: number;
  type: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface ExportRange {
  /** First position to write (inclusive); default the first of the log. */
  from?: number;
  /** Last position to write (inclusive); default the head. */
  to?: number;
}

const PAGE = 1_000;

/**
 * Checks the range against the log before anything is written: a reversed or out-of-bounds range
 * is refused (VALIDATION) rather than answered with an empty or partial file.
 */
export async function exportRange(store: EventStore, range: ExportRange): Promise<{ from: number; to: number; empty: boolean }> {
  const whole = (value: number | undefined, field: string) => {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) throw invalid(`--${field} must be a position, a whole number from 1; got ${value}`, field);
  };
  whole(range.from, 'from');
  whole(range.to, 'to');
  const head = await store.headPosition();
  const [firstEvent] = await store.readAll({ after: START, maxCount: 1 });
  if (!firstEvent) {
    if (range.from !== undefined || range.to !== undefined) throw invalid('the log is empty: there is no position to export', range.from !== undefined ? 'from' : 'to');
    return { from: START + 1, to: START, empty: true };
  }
  const from = range.from ?? firstEvent.position;
  const to = range.to ?? head;
  if (from > to) throw invalid(`the range is reversed: --from ${from} is after --to ${to}`, 'from');
  if (from < firstEvent.position || to > head) {
    throw invalid(`positions ${from} to ${to} are out of bounds: the log holds positions ${firstEvent.position} to ${head}`, to > head ? 'to' : 'from');
  }
  return { from, to, empty: false };
}

/** NDJSON lines (without newline) for the events in the range; call `exportRange` first to check it. */
export async function* exportLines(store: EventStore, range: { from: number; to: number }): AsyncGenerator<string> {
  const running = new RunningHash();
  for (let after = START; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE });
    for (const e of page) {
      const { hash } = running.push(e);
      if (e.position > range.to) return;
      if (e.position < range.from) continue;
      const line: ExportedEvent = {
        position: e.position,
        hash: hash.toString('hex'),
        id: e.id,
        streamId: e.streamId,
        revision: e.revision,
        type: e.type,
        recordedAt: e.recordedAt,
        data: e.data,
        metadata: e.metadata,
      };
      yield JSON.stringify(line);
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.position;
  }
}

/**
 * Lets an import set the store's clock before each commit, so the restored events keep the
 * recorded-at of the original (time travel on the copy then answers as on the original). Pass
 * `clock.now` as the store's `clock`.
 */
export class ReplayClock {
  private current = new Date(0);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  readonly now = (): Date => this.current;
}

export interface ImportLogReport {
  events: number;
  seals: number;
  commits: number;
  headPosition: number;
  /** The running hash after the last event: equal to the file's last hash, and to the original log's. */
  headHash: string;
}

/**
 * Imports a complete export into an EMPTY store. The file is read twice: first every line is
 * checked (well-formed, revisions in order, each hash recomputed from the line and the one
 * before), so a damaged or partial file writes nothing; then the events are appended in file
 * order with their original ids, streams, revisions, data and metadata. Consecutive events with
 * the same recorded-at go into one commit (at most 1,000), with `clock` set to that time.
 * A store that already holds events is refused (CONFLICT): positions and hashes could not match.
 */
export async function importLog(
  lines: () => AsyncIterable<string>,
  store: EventStore,
  options: { clock?: ReplayClock } = {},
): Promise<ImportLogReport> {
  const assertEmpty = async () => {
    const head = await store.headPosition();
    if (head !== START) throw conflict(`the store already holds events (head at position ${head}); import-log writes only into an empty store`, 'db');
  };
  await assertEmpty();
  const checked = await checkFile(lines());
  await assertEmpty();

  let batch: StreamAppend[] = [];
  let batchSize = 0;
  let batchRecordedAt = '';
  let commits = 0;
  let headPosition = START;
  const flush = async () => {
    if (batchSize === 0) return;
    options.clock?.set(batchRecordedAt);
    const results = await store.appendMany(batch);
    headPosition = results[results.length - 1]!.position;
    commits++;
    batch = [];
    batchSize = 0;
  };
  for await (const { event } of parsedLines(lines())) {
    if (batchSize > 0 && (event.recordedAt !== batchRecordedAt || batchSize >= PAGE)) await flush();
    batchRecordedAt = event.recordedAt;
    const recorded = { id: event.id, type: event.type, data: event.data, metadata: event.metadata };
    const last = batch[batch.length - 1];
    if (last?.streamId === event.streamId) last.events.push(recorded);
    else batch.push({ streamId: event.streamId, events: [recorded], expectedVersion: event.revision === 0 ? NO_STREAM : event.revision - 1 });
    batchSize++;
  }
  await flush();
  return { events: checked.events, seals: checked.seals, commits, headPosition, headHash: checked.headHash };
}

async function checkFile(lines: AsyncIterable<string>): Promise<{ events: number; seals: number; headHash: string }> {
  const running = new RunningHash();
  let events = 0;
  let seals = 0;
  let lastPosition = START;
  const revisions = new Map<string, number>();
  for await (const { event, line } of parsedLines(lines)) {
    const at = `line ${line} (position ${event.position})`;
    if (event.position <= lastPosition) throw invalid(`${at}: positions must increase; the previous line was at ${lastPosition}`, 'file');
    const expectedRevision = (revisions.get(event.streamId) ?? -1) + 1;
    if (event.revision !== expectedRevision) throw invalid(`${at}: stream ${event.streamId} should be at revision ${expectedRevision}, not ${event.revision}`, 'file');
    if (running.push(event).hash.toString('hex') !== event.hash) {
      throw invalid(
        events === 0
          ? `${at}: the hash does not chain from the start of a log; only a complete export (without --from) can be imported`
          : `${at}: the hash does not match the line and the one before it: the file was altered`,
        'file',
      );
    }
    revisions.set(event.streamId, event.revision);
    lastPosition = event.position;
    events++;
    if (isSealEvent(event)) seals++;
  }
  return { events, seals, headHash: running.hash.toString('hex') };
}

async function* parsedLines(lines: AsyncIterable<string>): AsyncGenerator<{ event: ExportedEvent; line: number }> {
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw invalid(`line ${line}: not JSON (${(error as Error).message})`, 'file');
    }
    yield { event: exportedEvent(value, line), line };
  }
}

function exportedEvent(value: unknown, line: number): ExportedEvent {
  const v = value as Partial<ExportedEvent> | null;
  const bad = (what: string): DomainError => invalid(`line ${line}: ${what}`, 'file');
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad('not an event object');
  if (!Number.isSafeInteger(v.position) || v.position! < 1) throw bad('position must be a whole number from 1');
  if (!isHash(v.hash)) throw bad('hash must be 64 lowercase hex digits');
  if (typeof v.id !== 'string' || v.id === '') throw bad('id is missing');
  if (typeof v.streamId !== 'string' || v.streamId === '') throw bad('streamId is missing');
  if (!Number.isSafeInteger(v.revision) || v.revision! < 0) throw bad('revision must be a whole number from 0');
  if (typeof v.type !== 'string' || v.type === '') throw bad('type is missing');
  if (typeof v.recordedAt !== 'string' || Number.isNaN(Date.parse(v.recordedAt))) throw bad('recordedAt must be an ISO-8601 instant');
  if (!('data' in v)) throw bad('data is missing');
  if (typeof v.metadata !== 'object' || v.metadata === null || Array.isArray(v.metadata)) throw bad('metadata must be an object');
  return v as ExportedEvent;
}
