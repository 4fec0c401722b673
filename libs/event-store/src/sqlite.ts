import Database from 'better-sqlite3';
import { CatchUpSubscription } from './catchUp.js';
import {
  assertExpectedVersion,
  DuplicateEventIdError,
  NO_STREAM,
  START,
  StreamVersionConflictError,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type ExpectedVersion,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
  UnreadableEventError,
} from './eventStore.js';

/**
 * The event store's schema, exported so a benchmark can build the same tables for a raw-SQLite
 * baseline. Streams are keyed by an integer: `UNIQUE(stream_key, revision)` on an integer key
 * appends about 4x faster than the same index on the text stream id (TOOLCHAIN.md), and the text
 * id is then stored once per stream instead of once per event. `position` is the rowid, so reading
 * the log in commit order is a scan of the table itself.
 */
export const EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  stream_key INTEGER PRIMARY KEY,
  stream_id  TEXT    NOT NULL UNIQUE,
  revision   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  event_id    TEXT    NOT NULL UNIQUE,
  stream_key  INTEGER NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_key, revision)
);
`;

export interface SqliteEventStoreOptions {
  /** Database file; created with the schema if absent. Several stores (and processes) may share one. */
  file: string;
  /**
   * `FULL` (default) fsyncs the WAL on every commit, so an acknowledged append survives a process
   * kill or power loss. `NORMAL` survives a process kill but may lose the last commits on power loss.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** Source of `recordedAt`; one reading per commit. */
  clock?: () => Date;
  /**
   * How often a live subscription looks for appends made through other connections (another
   * process, another store object). Appends through this object wake subscriptions at once.
   */
  pollIntervalMs?: number;
  /**
   * Whether `close` folds the WAL back into the database file (default true). A reader opened beside
   * a serving instance (an audit worker) passes false: that checkpoint (TRUNCATE) holds off every
   * writer of the file until it is done, and the server's writes would wait on it.
   */
  checkpointOnClose?: boolean;
}

const DEFAULT_POLL_INTERVAL_MS = 200;
const BUSY_TIMEOUT_MS = 5000;
/** SQLite reads a negative LIMIT as "no limit". */
const NO_LIMIT = -1;

/**
 * Rows are read raw (arrays, no column-name objects). The text stream id comes from a join on
 * `streams` (an integer primary-key lookup per row): a cache of ids by key would grow with the
 * number of streams (one per contact: ~95 MB at a million) and live as long as the process.
 */
type EventRow = [
  position: number,
  id: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];
type Stmt = Database.Statement<unknown[], unknown>;

const EVENT_COLUMNS = 'e.position, e.event_id, s.stream_id, e.revision, e.type, e.data, e.metadata, e.recorded_at';
const EVENTS_WITH_STREAM_IDS = 'events e JOIN streams s ON s.stream_key = e.stream_key';

/**
 * Rows per query when reading many events. A page of ~1000 raw rows dies in V8's young
 * generation once materialised; reading 10 000 at once measured several times slower here,
 * because the raw rows live long enough to be promoted before they become garbage.
 */
const READ_PAGE_SIZE = 1000;

/** Events this store keeps of its own latest commits for its readers (between this and twice it). */
const RECENT_EVENTS = 4096;

/**
 * The SQLite adapter (better-sqlite3, WAL). Guarantees:
 * - an append is one `BEGIN IMMEDIATE` transaction, and positions are assigned inside it, so
 *   commits are serialised across connections and processes and readers never see a gap;
 * - with `synchronous=FULL` an acknowledged append is on disk before the promise resolves;
 * - version conflicts and reused event ids surface as the port's errors, never as SQLite errors.
 *
 * better-sqlite3 is synchronous: every call runs to completion on the calling thread, which is
 * what makes an append and the wake-up of this object's subscriptions a single step.
 */
export class SqliteEventStore implements EventStore {
  /** `appendMany` is one transaction. */
  readonly atomicBatches = true;
  readonly file: string;
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly pollIntervalMs: number;
  private readonly checkpointOnClose: boolean;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closing: Promise<void> | undefined;
  /**
   * Committed `stream_key -> stream_id` pairs, which never change once committed. Filled from
   * reads only: a key seen inside an append transaction could still be rolled back and reused.
   */
  /** Lets every event of one type share one string instead of each holding its own copy. */
  private readonly internedTypes = new Map<string, string>();
  /** The latest events committed through this store, a gap-free run of positions (see `remember`). */
  private recent: RecordedEvent[] = [];
  /**
   * SQLite's data_version as it was inside the transaction that wrote the end of `recent`: while the
   * connection still reads the same value, no other connection has committed since, so the end of
   * `recent` is the end of the log and a subscription there has nothing to read from the file.
   */
  private recentDataVersion: number | undefined;

  private readonly selectStream: Stmt;
  private readonly insertStream: Stmt;
  private readonly updateStreamRevision: Stmt;
  private readonly selectHead: Stmt;
  private readonly selectDataVersion: Stmt;
  private readonly selectEventById: Stmt;
  private readonly selectEventIdsFrom: Stmt;
  private readonly selectPositionAt: Stmt;
  private readonly insertEvent: Stmt;
  private readonly selectAllAfter: Stmt;
  private readonly selectStreamForwards: Stmt;
  private readonly selectStreamBackwards: Stmt;
  private readonly appendTransaction: Database.Transaction<(batch: StreamAppend[], recordedAt: string) => AppendOutcome>;
  private readonly readAllSnapshot: Database.Transaction<(after: number, limit: number) => RecordedEvent[]>;

  constructor(options: SqliteEventStoreOptions) {
    const synchronous = options.synchronous ?? 'FULL';
    if (synchronous !== 'FULL' && synchronous !== 'NORMAL') throw new Error(`synchronous must be FULL or NORMAL, not ${String(synchronous)}`);
    this.file = options.file;
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.checkpointOnClose = options.checkpointOnClose ?? true;

    const db = new Database(options.file);
    this.db = db;
    try {
      // First, so that switching to WAL and creating the schema wait for another process's lock.
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      const journalMode = db.pragma('journal_mode = WAL', { simple: true });
      if (journalMode !== 'wal' && !db.memory) throw new Error(`${options.file}: SQLite refused WAL mode (journal_mode=${String(journalMode)})`);
      db.pragma(`synchronous = ${synchronous}`);
      // wal_autocheckpoint stays at SQLite's default (a PASSIVE checkpoint by the commit that takes
      // the WAL past 1000 pages). Moving it to a timer would take it off the request path, but a
      // bulk import that awaits only this store's promises never yields to timers, so the WAL would
      // grow unbounded for the whole import; revisit with a measured p99 if it matters.
      db.exec(EVENT_STORE_SCHEMA);
    } catch (error) {
      db.close();
      throw error;
    }

    this.selectStream = db.prepare('SELECT stream_key, revision FROM streams WHERE stream_id = ?').raw();
    this.insertStream = db.prepare('INSERT INTO streams (stream_id, revision) VALUES (?, ?)');
    this.updateStreamRevision = db.prepare('UPDATE streams SET revision = ? WHERE stream_key = ?');
    this.selectHead = db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck();
    this.selectDataVersion = db.prepare('PRAGMA data_version').pluck();
    this.selectEventById = db.prepare('SELECT stream_key, revision FROM events WHERE event_id = ?').raw();
    this.selectEventIdsFrom = db
      .prepare('SELECT event_id, position FROM events WHERE stream_key = ? AND revision >= ? ORDER BY revision LIMIT ?')
      .raw();
    this.selectPositionAt = db.prepare('SELECT position FROM events WHERE stream_key = ? AND revision = ?').pluck();
    this.insertEvent = db.prepare(
      'INSERT INTO events (position, event_id, stream_key, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectAllAfter = db.prepare(`SELECT ${EVENT_COLUMNS} FROM ${EVENTS_WITH_STREAM_IDS} WHERE e.position > ? ORDER BY e.position LIMIT ?`).raw();
    this.selectStreamForwards = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM ${EVENTS_WITH_STREAM_IDS} WHERE e.stream_key = @key AND e.revision BETWEEN @from AND @to ORDER BY e.revision LIMIT @limit`)
      .raw();
    this.selectStreamBackwards = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM ${EVENTS_WITH_STREAM_IDS} WHERE e.stream_key = @key AND e.revision BETWEEN @to AND @from ORDER BY e.revision DESC LIMIT @limit`)
      .raw();
    this.readAllSnapshot = db.transaction((after: number, limit: number) => this.readAllPaged(after, limit));
    this.appendTransaction = db.transaction((batch: StreamAppend[], recordedAt: string) => this.appendBatch(batch, recordedAt));
  }

  async appendToStream(streamId: string, events: EventData[], options: AppendOptions): Promise<AppendResult> {
    return this.commit([{ streamId, events, expectedVersion: options.expectedVersion }])[0]!;
  }

  async appendMany(batch: StreamAppend[]): Promise<AppendResult[]> {
    return this.commit(batch);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const stream = this.selectStream.get(streamId) as [key: number, revision: number] | undefined;
    if (stream === undefined) return [];
    const [key, last] = stream;
    const limit = limitOf(options.maxCount);
    const rows =
      options.direction === 'backwards'
        ? (this.selectStreamBackwards.all({ key, from: options.from ?? last, to: options.to ?? 0, limit }) as EventRow[])
        : (this.selectStreamForwards.all({ key, from: options.from ?? 0, to: options.to ?? last, limit }) as EventRow[]);
    const events: RecordedEvent[] = [];
    this.materialiseInto(events, rows);
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readPage(options.after ?? START, limitOf(options.maxCount));
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(
      // A live subscription takes this store's own latest commits from memory; events after them
      // (another process's) come with its next page, read from the file. `readAll` always reads the
      // file, so verify and export see the log as it is stored.
      (after, maxCount) => this.fromRecent(after, maxCount) ?? this.readPage(after, maxCount),
      options,
      this.pollIntervalMs,
      (finished) => this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.selectHead.get() as number;
  }

  /** What this connection actually runs with, as SQLite reports it (for tests and health checks). */
  durabilitySettings(): { journalMode: string; synchronous: string; busyTimeoutMs: number } {
    this.assertOpen();
    const synchronousLevels = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: synchronousLevels[Number(this.db.pragma('synchronous', { simple: true }))] ?? 'UNKNOWN',
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  /**
   * Stops every subscription (waiting for running handlers), folds the WAL back into the database
   * file (unless `checkpointOnClose` is false) and closes it, so a closed store is a single
   * self-contained file.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
      try {
        if (this.checkpointOnClose) this.db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        this.db.close();
      }
    })();
    return this.closing;
  }

  private readPage(after: number, limit: number): RecordedEvent[] {
    if (limit !== NO_LIMIT && limit <= READ_PAGE_SIZE) {
      const events: RecordedEvent[] = [];
      this.materialiseInto(events, this.selectAllAfter.all(after, limit) as EventRow[]);
      return events;
    }
    return this.readAllSnapshot.deferred(after, limit);
  }

  /** Runs in one read transaction, so the pages form a single snapshot of the log. */
  private readAllPaged(after: number, limit: number): RecordedEvent[] {
    const events: RecordedEvent[] = [];
    for (;;) {
      const want = limit === NO_LIMIT ? READ_PAGE_SIZE : Math.min(READ_PAGE_SIZE, limit - events.length);
      if (want === 0) return events;
      const rows = this.selectAllAfter.all(after, want) as EventRow[];
      this.materialiseInto(events, rows);
      if (rows.length < want) return events;
      after = rows[rows.length - 1]![0];
    }
  }

  private materialiseInto(events: RecordedEvent[], rows: EventRow[]): void {
    // Consecutive events mostly share a commit; reusing its timestamp string saves one retained string each.
    let recordedAt = '';
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row[7] !== recordedAt) recordedAt = row[7];
      events.push({
        id: row[1],
        type: this.internType(row[4]),
        data: parseCell(row, 5),
        metadata: row[6] === '{}' ? {} : (parseCell(row, 6) as RecordedEvent['metadata']),
        streamId: row[2],
        revision: row[3],
        position: row[0],
        recordedAt,
      });
    }
  }

  private internType(type: string): string {
    const interned = this.internedTypes.get(type);
    if (interned !== undefined) return interned;
    this.internedTypes.set(type, type);
    return type;
  }

  private commit(batch: StreamAppend[]): AppendResult[] {
    this.assertOpen();
    const { results, rows, dataVersion } = this.appendTransaction.immediate(batch, this.clock().toISOString());
    if (rows.length > 0 && this.subscriptions.size > 0) {
      this.remember(rows);
      this.recentDataVersion = dataVersion;
      for (const subscription of this.subscriptions) subscription.wake();
    }
    return results;
  }

  /**
   * Keeps the events just committed, parsed back from the very cells written, so that this store's
   * subscriptions (the projections', time travel's) take them from memory instead of each reading
   * and parsing them again. A store without a subscription (the CLI's import) parses nothing more.
   * A run kept earlier stays true (committed events never change); positions after it are read from
   * the file. Only a gap-free run of positions is kept: when another
   * connection or process wrote in between, the run starts again here, and earlier positions are
   * read from the file.
   */
  private remember(rows: EventRow[]): void {
    const fresh: RecordedEvent[] = [];
    // Only what a run can hold: the newest RECENT_EVENTS of a large batch (the tail is gap-free too).
    this.materialiseInto(fresh, rows.length > RECENT_EVENTS ? rows.slice(-RECENT_EVENTS) : rows);
    const last = this.recent.at(-1);
    if (last === undefined || last.position + 1 !== fresh[0]!.position) this.recent = fresh;
    else for (const event of fresh) this.recent.push(event);
    if (this.recent.length > 2 * RECENT_EVENTS) this.recent = this.recent.slice(-RECENT_EVENTS);
  }

  /**
   * The events after `after` from the recent run, when it holds the next one, or none at its end
   * when no other connection has committed since; else undefined (read the file). A caught-up
   * subscription thus costs no read of the file per commit of this store.
   */
  private fromRecent(after: number, limit: number): RecordedEvent[] | undefined {
    const first = this.recent[0];
    if (first === undefined || after + 1 < first.position) return undefined;
    const last = this.recent.at(-1)!.position;
    if (after === last) return this.selectDataVersion.get() === this.recentDataVersion ? [] : undefined;
    if (after > last) return undefined;
    const from = after + 1 - first.position;
    return this.recent.slice(from, from + limit);
  }

  /** Runs inside `BEGIN IMMEDIATE`: a throw rolls back every item of the batch. */
  private appendBatch(batch: StreamAppend[], recordedAt: string): AppendOutcome {
    let head = this.selectHead.get() as number;
    // Read inside the write lock, after the transaction's first read: no other connection can commit
    // between this and the commit, and this connection's own commit leaves the value as it is.
    const dataVersion = this.selectDataVersion.get() as number;
    const results: AppendResult[] = [];
    const rows: EventRow[] = [];
    for (const { streamId, events, expectedVersion } of batch) {
      const stream = this.selectStream.get(streamId) as [key: number, revision: number] | undefined;
      if (events.length > 0) {
        const recorded = this.selectEventById.get(events[0]!.id) as [key: number, revision: number] | undefined;
        if (recorded !== undefined) {
          results.push(this.recordedRetry(streamId, stream, recorded, events));
          continue;
        }
      }
      const actual = stream === undefined ? NO_STREAM : stream[1];
      assertExpectedVersion(streamId, expectedVersion, actual);
      if (events.length === 0) {
        results.push(
          stream === undefined
            ? { nextExpectedVersion: -1, position: START }
            : { nextExpectedVersion: stream[1], position: this.selectPositionAt.get(stream[0], stream[1]) as number },
        );
        continue;
      }
      let revision = stream === undefined ? -1 : stream[1];
      const key = stream === undefined ? Number(this.insertStream.run(streamId, revision + events.length).lastInsertRowid) : stream[0];
      let event: EventData | undefined;
      try {
        for (event of events) {
          const row: EventRow = [++head, event.id, streamId, ++revision, event.type, JSON.stringify(event.data) ?? 'null', event.metadata === undefined ? '{}' : JSON.stringify(event.metadata), recordedAt];
          this.insertEvent.run(row[0], row[1], key, row[3], row[4], row[5], row[6], row[7]);
          rows.push(row);
        }
      } catch (error) {
        throw translateConstraint(error, streamId, event, expectedVersion, actual);
      }
      if (stream !== undefined) this.updateStreamRevision.run(revision, key);
      results.push({ nextExpectedVersion: revision, position: head });
    }
    return { results, rows, dataVersion };
  }

  /** The original result when `events` repeats consecutive recorded events of this stream; see the port. */
  private recordedRetry(
    streamId: string,
    stream: [key: number, revision: number] | undefined,
    [recordedKey, firstRevision]: [key: number, revision: number],
    events: EventData[],
  ): AppendResult {
    const firstId = events[0]!.id;
    if (stream === undefined || stream[0] !== recordedKey) throw new DuplicateEventIdError(firstId, streamId);
    const recorded = this.selectEventIdsFrom.all(recordedKey, firstRevision, events.length) as Array<[id: string, position: number]>;
    const matches = recorded.length === events.length && events.every((event, i) => recorded[i]![0] === event.id);
    if (!matches) throw new DuplicateEventIdError(firstId, streamId);
    return { nextExpectedVersion: firstRevision + events.length - 1, position: recorded[recorded.length - 1]![1] };
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new Error(`the event store on ${this.file} is closed`);
  }
}

interface AppendOutcome {
  results: AppendResult[];
  /** The rows written, as a read would return them (empty when nothing was written). */
  rows: EventRow[];
  /** PRAGMA data_version inside the transaction (see recentDataVersion). */
  dataVersion: number;
}

/** A data (5) or metadata (6) cell parsed; a cell that is not JSON is an UnreadableEventError naming the event's position. */
function parseCell(row: EventRow, column: 5 | 6): unknown {
  try {
    return JSON.parse(row[column]);
  } catch (error) {
    throw new UnreadableEventError(row[0], column === 5 ? 'data' : 'metadata', row[2], row[3], { cause: error });
  }
}

function limitOf(maxCount: number | undefined): number {
  return maxCount === undefined ? NO_LIMIT : Math.max(0, Math.trunc(maxCount));
}

/**
 * Both unique constraints are backstops: ids are checked before writing and `BEGIN IMMEDIATE`
 * serialises revisions, but an id repeated inside one append, or a writer that bypassed this
 * class, still ends as the port's error rather than a raw SQLite one.
 */
function translateConstraint(
  error: unknown,
  streamId: string,
  event: EventData | undefined,
  expected: ExpectedVersion,
  actual: number | typeof NO_STREAM,
): unknown {
  // Matched by shape, not `instanceof`: the native addon keeps the error class of the first copy of
  // better-sqlite3 loaded in the process, which need not be this module's copy nor even this
  // realm's `Error` (Jest runs each test file in its own context within one worker process).
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || typeof message !== 'string') return error;
  if (message.includes('events.event_id') && event !== undefined) return new DuplicateEventIdError(event.id, streamId);
  if (message.includes('events.stream_key')) return new StreamVersionConflictError(streamId, expected, actual);
  return error;
}
