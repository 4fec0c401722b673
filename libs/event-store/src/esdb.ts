/**
 * The EventStoreDB / KurrentDB adapter: the same port, and the same contract suite, as SQLite.
 *
 * How EventStoreDB's model is normalised to the port's:
 *
 * - Revisions are the server's stream revisions (first event 0); an absent stream is `NO_STREAM`;
 *   the server's `WrongExpectedVersion` becomes `StreamVersionConflictError { expected, actual }`.
 * - Positions. `$all` is ordered by commit position, a byte offset into the server's log (a
 *   64-bit integer with gaps, shared with system events). The port promises positions 1, 2, 3 …
 *   without gaps, the same on every instance, so a position is the event's ordinal among this
 *   store's events in `$all` commit order. Every instance derives the same ordinals from the same
 *   `$all`, so a position handed out by one API instance means the same event on another. Each
 *   adapter keeps an in-memory index of the log it has seen (commit and prepare position and event
 *   id per event, about 100 bytes each), built by the first full read, which the projection
 *   runner's catch-up does anyway. Commit positions are converted to `number`, exact below 2^53
 *   (9 PB of log); beyond that the adapter refuses to run rather than round.
 *   This holds as long as no event leaves `$all`: never delete, truncate (`$maxCount`, `$maxAge`)
 *   or scavenge this store's streams, or the ordinals of later events would shift.
 * - System events (`$`-prefixed types or streams, including `$>` links) are not part of the log:
 *   reads and subscriptions skip them, and appending them is refused.
 * - Idempotency. The server de-duplicates a retried append only when the expected revision is
 *   exact (not `any`), and it knows nothing of ids across streams. So the adapter checks ids
 *   against its index before writing (a repeated append returns the original result whatever
 *   expectedVersion says; an id recorded elsewhere is a `DuplicateEventIdError`), and it never
 *   sends `any`: `ANY` and `STREAM_EXISTS` are resolved to the exact revision it just read, and
 *   re-read and retried if another writer got in between. Across processes the id check sees
 *   everything committed before it started; only a different append of the same ids racing it
 *   from another process can slip past, and client-generated UUIDv7 ids make that a bug, not a race.
 * - `appendMany` has no transaction to run in: EventStoreDB writes one stream atomically and
 *   nothing more. The whole batch is validated first (every expected version and every id, as
 *   SQLite's transaction would), then written stream by stream at the validated revisions. So a
 *   batch is all-or-nothing against everything the batch itself can cause; a concurrent writer on
 *   one of its streams, or a lost connection, between validation and the last write leaves the
 *   items before it written and raises the error. Repeating the same batch (same ids) then
 *   completes it: written items are recognised as retries.
 * - Leader: the connection string is forced to `nodePreference=leader` and every call requires
 *   the leader, so reads see every acknowledged write. A follower answers `NotLeaderError` naming
 *   the leader; the client switches its channel to it and the call is repeated (it was refused,
 *   so nothing was written).
 * - Failures: an unreachable server, a dropped call and a missed deadline surface as the port's
 *   `StoreUnavailableError` / `StoreTimeoutError`. Appends use the connection's `defaultDeadline`
 *   (connection string, default 10 s); reads, which the client leaves without a deadline, fail
 *   when the server stays silent that long.
 */
import {
  assertExpectedVersion,
  DuplicateEventIdError,
  NO_STREAM,
  START,
  StoreTimeoutError,
  StoreUnavailableError,
  StreamVersionConflictError,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type ExpectedVersion,
  type Metadata,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
} from './eventStore.js';
import {
  END,
  NO_STREAM as ESDB_NO_STREAM,
  START as ESDB_START,
  clientPackageFor,
  openClient,
  type ClientEventData,
  type ClientPackage,
  type ClientRecordedEvent,
  type ClientResolvedEvent,
  type Position,
  type ReadCall,
  type StoreClient,
} from './esdbClient.js';

export interface EsdbEventStoreOptions {
  /**
   * `kurrentdb://host:2113?tls=false`, `kurrentdb://a:2113,b:2113,c:2113`, `kurrentdb+discover://…`
   * (served by `@kurrent/kurrentdb-client`), or the same with `esdb` (served by
   * `@eventstore/db-client`): the scheme chooses the client, see esdbClient.ts.
   */
  connectionString: string;
  /**
   * Streams are stored as `${namespace}${streamId}` and the store sees only those: positions count
   * its own events only. The product uses none; the contract suite uses a fresh one per test so
   * that each test starts from an empty store on a shared real server.
   */
  namespace?: string;
  /** How long a read may wait for the server's next message. Default: the connection's `defaultDeadline`. */
  readTimeoutMs?: number;
}

/** Metadata key under which `appendCopies` keeps a copied event's original `recordedAt`. */
export const RECORDED_AT_KEY = '$recordedAt';

const DEFAULT_DEADLINE_MS = 10_000;
/** Raw `$all` records per read call; system and foreign records make own events sparser than this. */
const READ_PAGE = 1000;
const NOT_LEADER_ATTEMPTS = 3;
/** Re-reads for ANY / STREAM_EXISTS when another writer keeps moving the stream. */
const RACE_ATTEMPTS = 5;

/**
 * Checks a connection string and returns it with `nodePreference=leader`; throws an Error saying
 * what is wrong (the API turns it into a ConfigError naming the setting).
 */
export function leaderConnectionString(connectionString: string): string {
  const trimmed = connectionString.trim();
  const preference = querySetting(trimmed, 'nodePreference');
  if (preference !== undefined && preference.toLowerCase() !== 'leader') {
    throw new Error(`nodePreference=${preference}: writes go to the leader and reads must see them, so only nodePreference=leader is allowed`);
  }
  const withLeader = preference === undefined ? `${trimmed}${trimmed.includes('?') ? '&' : '?'}nodePreference=leader` : trimmed;
  // Parsing happens here, by the client the scheme names; it opens no connection until its first call.
  void openClient(withLeader).dispose().catch(() => undefined);
  return withLeader;
}

/** The connection string without credentials or settings, for messages and logs. */
export function describeConnection(connectionString: string): string {
  return connectionString.trim().replace(/\/\/[^@/]*@/, '//').replace(/\?.*$/, '');
}

function querySetting(connectionString: string, name: string): string | undefined {
  const query = connectionString.split('?')[1];
  if (query === undefined) return undefined;
  const flat = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  for (const [key, value] of new URLSearchParams(query)) if (flat(key) === flat(name)) return value;
  return undefined;
}

/** Commit positions of the events this adapter has seen, in order: entry `o - 1` is the event at position `o`. */
class LogIndex {
  readonly commits: number[] = [];
  readonly prepares: number[] = [];
  readonly positionById = new Map<string, number>();

  get length(): number {
    return this.commits.length;
  }

  /** Records that the event with `id` at `at` in `$all` is at `position`; positions arrive in order from a known one. */
  learn(position: number, at: Position, id: string): void {
    if (position <= this.commits.length) return;
    if (position > this.commits.length + 1) throw new Error(`log index: position ${position} learned before ${this.commits.length + 1}`);
    this.commits.push(safeNumber(at.commit));
    this.prepares.push(safeNumber(at.prepare));
    this.positionById.set(id, position);
  }

  /** The `$all` position of the event at `position` (1-based); `START` for position 0. */
  allPosition(position: number): Position | typeof ESDB_START {
    if (position === 0) return ESDB_START;
    return { commit: BigInt(this.commits[position - 1]!), prepare: BigInt(this.prepares[position - 1]!) };
  }

  /** The port position of the event at commit position `commit`, if it has been seen. */
  positionAt(commit: number): number | undefined {
    let low = 0;
    let high = this.commits.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.commits[middle]!;
      if (value === commit) return middle + 1;
      if (value < commit) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`commit position ${value} is beyond 2^53 and cannot be kept exactly as a number`);
  return Number(value);
}

interface StreamHead {
  revision: number;
  commit: number;
}

/** What validation decided for one item of a batch. */
type Plan =
  | { kind: 'done'; result: AppendResult }
  | { kind: 'same-as'; index: number }
  | { kind: 'write'; streamId: string; events: EventData[]; ids: string[]; expected: ExpectedVersion; revision: number | typeof NO_STREAM };

export class EsdbEventStore implements EventStore {
  readonly namespace: string;
  /** The server, without credentials, for messages. */
  readonly server: string;
  /** Which client the connection string's scheme chose. */
  readonly clientPackage: ClientPackage;
  private readonly client: StoreClient;
  private readonly index = new LogIndex();
  private readonly readTimeoutMs: number;
  private readonly subscriptions = new Set<Subscription>();
  private closing: Promise<void> | undefined;
  private syncRunning: Promise<void> = Promise.resolve();
  private syncQueued: Promise<void> | undefined;

  constructor(private readonly options: EsdbEventStoreOptions) {
    const connectionString = leaderConnectionString(options.connectionString);
    this.client = openClient(connectionString);
    this.clientPackage = clientPackageFor(connectionString);
    this.namespace = options.namespace ?? '';
    if (this.namespace.startsWith('$')) throw new Error(`namespace ${this.namespace}: names starting with $ belong to the server`);
    this.server = describeConnection(connectionString);
    const deadline = Number(querySetting(connectionString, 'defaultDeadline') ?? DEFAULT_DEADLINE_MS);
    this.readTimeoutMs = options.readTimeoutMs ?? (Number.isFinite(deadline) && deadline > 0 ? deadline : DEFAULT_DEADLINE_MS);
  }

  /** The same store (server and namespace) through a new client, as another process would open it. */
  reopen(): EsdbEventStore {
    return new EsdbEventStore(this.options);
  }

  async appendToStream(streamId: string, events: EventData[], options: AppendOptions): Promise<AppendResult> {
    return (await this.appendMany([{ streamId, events, expectedVersion: options.expectedVersion }]))[0]!;
  }

  async appendMany(batch: StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    for (const item of batch) checkWritable(item);
    return this.call(`append to ${batch.map((item) => item.streamId).join(', ')}`, async () => {
      const plans = await this.validate(batch);
      const results: AppendResult[] = [];
      const written: Array<{ index: number; lastId: string; revision: number }> = [];
      for (const [index, plan] of plans.entries()) {
        if (plan.kind === 'write') {
          const revision = await this.write(plan);
          written.push({ index, lastId: plan.ids.at(-1)!, revision });
        }
      }
      if (written.length > 0) await this.sync();
      for (const [index, plan] of plans.entries()) {
        if (plan.kind === 'done') results[index] = plan.result;
        else if (plan.kind === 'write') {
          const { lastId, revision } = written.find((w) => w.index === index)!;
          results[index] = { nextExpectedVersion: revision, position: this.knownPosition(lastId) };
        }
      }
      for (const [index, plan] of plans.entries()) if (plan.kind === 'same-as') results[index] = results[plan.index]!;
      return results;
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.call(`read stream ${streamId}`, () => this.readStreamEvents(streamId, options));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.trunc(options.maxCount));
    return this.call('read $all', () => this.readAfter(Math.max(0, Math.trunc(options.after ?? START)), maxCount));
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = new EsdbSubscription(this, options, (finished) => this.subscriptions.delete(finished));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.call('read the head of $all', async () => {
      await this.sync();
      return this.index.length;
    });
  }

  /**
   * Migration only: appends events copied from another store, keeping their ids, revisions and their
   * original `recordedAt` (kept in the stored metadata under `$recordedAt`, which reads turn back
   * into `recordedAt`). The expected revision is exact, so the server de-duplicates a repeated copy.
   */
  async appendCopies(streamId: string, events: RecordedEvent[]): Promise<void> {
    this.assertOpen();
    return this.call(`copy into ${streamId}`, async () => {
      if (events.length === 0) return;
      const first = events[0]!.revision;
      try {
        await this.client.append(
          this.namespace + streamId,
          events.map((e) => toEsdbEvent(e, { ...e.metadata, [RECORDED_AT_KEY]: e.recordedAt })),
          first === 0 ? ESDB_NO_STREAM : BigInt(first - 1),
        );
      } catch (error) {
        if (this.client.errorType(error) === 'wrong-expected-version') {
          throw new StreamVersionConflictError(streamId, first === 0 ? 'NO_STREAM' : first - 1, this.actualOf(error));
        }
        throw error;
      }
    });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
      await this.client.dispose();
    })();
    return this.closing;
  }

  // ------------------------------------------------------------------ used by EsdbSubscription

  /** Own events after `after` (a port position) in commit order, at most `maxCount`, learning their positions. */
  async readAfter(after: number, maxCount: number): Promise<RecordedEvent[]> {
    if (maxCount === 0) return [];
    if (after > this.index.length) await this.sync();
    if (after > this.index.length) return [];
    const out: RecordedEvent[] = [];
    // A few more raw records than wanted: the skipped start record, and system records in between.
    const pageSize = Math.min(READ_PAGE, maxCount + 16);
    let from = this.index.allPosition(after);
    let position = after;
    for (;;) {
      const skipAtOrBefore = from === ESDB_START ? -1n : from.commit;
      let raw = 0;
      let last: Position | undefined;
      await this.consume(this.client.readAll({ fromPosition: from, maxCount: pageSize }), (resolved) => {
        raw++;
        const event = resolved.event;
        if (event?.position === undefined) return true;
        last = event.position;
        if (event.position.commit <= skipAtOrBefore || !this.owns(event)) return true;
        position++;
        this.index.learn(position, event.position, event.id);
        out.push(this.materialise(event, position));
        return out.length < maxCount;
      });
      if (out.length >= maxCount || raw < pageSize || last === undefined) return out;
      from = last;
    }
  }

  /** Brings the index up to the head of `$all`. Concurrent callers share a pass that starts after their call. */
  sync(): Promise<void> {
    if (this.syncQueued) return this.syncQueued;
    const pass = this.syncRunning
      .catch(() => undefined)
      .then(async () => {
        this.syncQueued = undefined;
        while ((await this.readAfter(this.index.length, READ_PAGE)).length === READ_PAGE);
      });
    this.syncQueued = pass;
    this.syncRunning = pass;
    return pass;
  }

  /** Live subscription to `$all` from a port position, filtered server-side to this store's events. */
  subscribeLive(after: number) {
    return {
      from: this.index.allPosition(after),
      subscription: this.client.subscribeToAll({ fromPosition: this.index.allPosition(after), prefix: this.namespace }),
    };
  }

  get indexedLength(): number {
    return this.index.length;
  }

  learn(position: number, event: ClientRecordedEvent & { position: Position }): void {
    this.index.learn(position, event.position, event.id);
  }

  owns(event: ClientRecordedEvent): boolean {
    return !event.type.startsWith('$') && !event.streamId.startsWith('$') && event.streamId.startsWith(this.namespace);
  }

  /**
   * `recordedAt` is the server's `created` stamp of the event (set by the server when it wrote it,
   * in 100 ns ticks; as `Date`, to the millisecond), except for a copy made by `appendCopies`
   * (migrate), whose original time is kept in its metadata under `$recordedAt` and read back here.
   * The chain's form 2 hashes this string as returned (libs/audit/src/chain.ts), so it must be a
   * pure function of what the server stored: it is, both ways, and a migrated log chains to the
   * same hashes as its source. An own metadata key for every event was not chosen: it would be
   * the writer's clock, which a client could set, where `created` is the server's.
   */
  materialise(event: ClientRecordedEvent, position: number): RecordedEvent {
    const stored = event.metadata;
    const metadata: Metadata = stored !== null && typeof stored === 'object' && !(stored instanceof Uint8Array) ? { ...(stored as Metadata) } : {};
    const copiedAt = metadata[RECORDED_AT_KEY];
    delete metadata[RECORDED_AT_KEY];
    return {
      id: event.id,
      type: event.type,
      data: event.data,
      metadata,
      streamId: event.streamId.slice(this.namespace.length),
      revision: Number(event.revision),
      position,
      recordedAt: typeof copiedAt === 'string' ? copiedAt : event.created.toISOString(),
    };
  }

  /** Runs `op`, repeating it after a not-leader refusal, and turns client failures into the port's errors. */
  async call<T>(what: string, op: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (error) {
        // The client has already pointed its channel at the leader the refusal named.
        if (this.client.errorType(error) === 'not-leader' && attempt < NOT_LEADER_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
          continue;
        }
        throw this.translate(error, what);
      }
    }
  }

  translate(error: unknown, what: string): unknown {
    const type = this.client.errorType(error);
    if (type === undefined) {
      const code = (error as { code?: unknown } | null)?.code;
      // Raw gRPC failures that the client did not wrap, and a failed cluster discovery.
      if (code === 14 || code === 1 || /Failed to discover/.test((error as Error)?.message ?? '')) {
        return new StoreUnavailableError(`the event store at ${this.server} is unreachable (${what}): ${(error as Error).message}`, { cause: error });
      }
      if (code === 4) return new StoreTimeoutError(`the event store at ${this.server} did not answer in time (${what})`, { cause: error });
      return error;
    }
    switch (type) {
      case 'deadline-exceeded':
      case 'timeout':
        return new StoreTimeoutError(`the event store at ${this.server} did not answer in time (${what}); a retry with the same event ids will not write twice`, { cause: error });
      case 'unavailable':
      case 'cancelled':
      case 'not-leader':
        return new StoreUnavailableError(`the event store at ${this.server} is unreachable (${what}): ${(error as Error).message}`, { cause: error });
      default:
        return error;
    }
  }

  // ------------------------------------------------------------------ internals

  /** Checks every item as one transaction would, without writing; see the class comment. */
  private async validate(batch: StreamAppend[]): Promise<Plan[]> {
    const seen = new Set<string>();
    for (const item of batch) {
      for (const event of item.events) {
        const id = event.id.toLowerCase();
        if (seen.has(id)) throw new DuplicateEventIdError(event.id, item.streamId);
        seen.add(id);
      }
    }
    await this.sync();
    const plans: Plan[] = [];
    /** Streams already touched by earlier items: their version as this batch leaves it. */
    const pending = new Map<string, { index: number; revision: number | typeof NO_STREAM }>();
    for (const [index, { streamId, events, expectedVersion }] of batch.entries()) {
      const ids = events.map((e) => e.id.toLowerCase());
      if (ids.length > 0 && this.index.positionById.has(ids[0]!)) {
        plans.push({ kind: 'done', result: await this.recordedRetry(streamId, events, ids) });
        continue;
      }
      ids.forEach((id, i) => {
        if (this.index.positionById.has(id)) throw new DuplicateEventIdError(events[i]!.id, streamId);
      });
      const before = pending.get(streamId);
      // A lone append at an exact version needs no read: the server checks it as well as we would,
      // and there is no earlier item to keep from being written. Anything else is checked here.
      const exact = batch.length === 1 && events.length > 0 && ((typeof expectedVersion === 'number' && expectedVersion >= 0) || expectedVersion === 'NO_STREAM');
      if (exact) {
        plans.push({ kind: 'write', streamId, events, ids, expected: expectedVersion, revision: expectedVersion });
        continue;
      }
      const head = before === undefined ? await this.streamHead(streamId) : undefined;
      const actual = before !== undefined ? before.revision : head === undefined ? NO_STREAM : head.revision;
      assertExpectedVersion(streamId, expectedVersion, actual);
      if (events.length === 0) {
        if (before !== undefined) plans.push({ kind: 'same-as', index: before.index });
        else plans.push({ kind: 'done', result: head === undefined ? { nextExpectedVersion: -1, position: START } : { nextExpectedVersion: head.revision, position: await this.positionAtCommit(head.commit) } });
        continue;
      }
      plans.push({ kind: 'write', streamId, events, ids, expected: expectedVersion, revision: actual });
      pending.set(streamId, { index, revision: (actual === NO_STREAM ? -1 : actual) + events.length });
    }
    return plans;
  }

  /** Appends one validated item at its exact revision; returns the stream's new last revision. */
  private async write(plan: Extract<Plan, { kind: 'write' }>): Promise<number> {
    let revision = plan.revision;
    for (let attempt = 1; ; attempt++) {
      try {
        const next = await this.client.append(
          this.namespace + plan.streamId,
          plan.events.map((e) => toEsdbEvent(e, e.metadata ?? {})),
          revision === NO_STREAM ? ESDB_NO_STREAM : BigInt(revision),
        );
        return Number(next);
      } catch (error) {
        if (this.client.errorType(error) !== 'wrong-expected-version') throw error;
        const actual = this.actualOf(error);
        // ANY and STREAM_EXISTS still hold after another writer moved the stream: write at its new revision.
        const stillHolds = plan.expected === 'ANY' || (plan.expected === 'STREAM_EXISTS' && actual !== NO_STREAM);
        if (!stillHolds || attempt >= RACE_ATTEMPTS) throw new StreamVersionConflictError(plan.streamId, plan.expected, actual);
        revision = actual;
      }
    }
  }

  /** The original result when `events` repeats consecutive recorded events of this stream; see the port. */
  private async recordedRetry(streamId: string, events: EventData[], ids: string[]): Promise<AppendResult> {
    const [first] = await this.readAfter(this.index.positionById.get(ids[0]!)! - 1, 1);
    if (first === undefined || first.streamId !== streamId) throw new DuplicateEventIdError(events[0]!.id, streamId);
    const recorded = await this.readStreamEvents(streamId, { from: first.revision, maxCount: events.length });
    if (recorded.length !== events.length || recorded.some((e, i) => e.id !== ids[i])) throw new DuplicateEventIdError(events[0]!.id, streamId);
    const last = recorded.at(-1)!;
    return { nextExpectedVersion: last.revision, position: last.position };
  }

  private async streamHead(streamId: string): Promise<StreamHead | undefined> {
    let head: StreamHead | undefined;
    await this.readStreamRaw(streamId, { direction: 'backwards', fromRevision: END, maxCount: 1 }, (event) => {
      head = { revision: Number(event.revision), commit: commitOf(event) };
      return false;
    });
    return head;
  }

  private async readStreamEvents(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.trunc(options.maxCount));
    if (maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const to = options.to;
    const found: ClientRecordedEvent[] = [];
    await this.readStreamRaw(
      streamId,
      {
        direction: backwards ? 'backwards' : 'forwards',
        fromRevision: options.from === undefined ? (backwards ? END : ESDB_START) : BigInt(Math.max(0, Math.trunc(options.from))),
        maxCount,
      },
      (event) => {
        const revision = Number(event.revision);
        if (to !== undefined && (backwards ? revision < to : revision > to)) return false;
        if (this.owns(event)) found.push(event);
        return found.length < maxCount;
      },
    );
    const out: RecordedEvent[] = [];
    for (const event of found) out.push(this.materialise(event, await this.positionAtCommit(commitOf(event))));
    return out;
  }

  /** Reads a stream's raw events; an absent stream reads as nothing. `each` returns false to stop. */
  private async readStreamRaw(
    streamId: string,
    options: { direction: 'forwards' | 'backwards'; fromRevision: bigint | typeof ESDB_START | typeof END; maxCount: number },
    each: (event: ClientRecordedEvent) => boolean,
  ): Promise<void> {
    try {
      await this.consume(this.client.readStream(this.namespace + streamId, options), (resolved) => (resolved.event === undefined ? true : each(resolved.event)));
    } catch (error) {
      if (this.client.errorType(error) === 'stream-not-found') return;
      throw error;
    }
  }

  private async positionAtCommit(commit: number): Promise<number> {
    let position = this.index.positionAt(commit);
    if (position === undefined) {
      await this.sync();
      position = this.index.positionAt(commit);
    }
    if (position === undefined) throw new Error(`the event at commit position ${commit} is not in this store's view of $all`);
    return position;
  }

  private knownPosition(id: string): number {
    const position = this.index.positionById.get(id);
    if (position === undefined) throw new Error(`event ${id} was acknowledged but is not in $all after reading to its end`);
    return position;
  }

  /**
   * Feeds a client read to `each` (in order) until it ends or `each` returns false.
   * The clients give reads no deadline, so silence longer than `readTimeoutMs` fails the read.
   */
  private async consume(read: ReadCall<ClientResolvedEvent>, each: (item: ClientResolvedEvent) => boolean): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreTimeoutError(`the event store at ${this.server} sent nothing for ${this.readTimeoutMs} ms during a read`)), this.readTimeoutMs);
    });
    try {
      for (;;) {
        const pending = read.next();
        // A read abandoned on a timeout may still fail later; that failure has no one to tell.
        pending.catch(() => undefined);
        const item = await Promise.race([pending, silence]);
        if (item.done) return;
        timer!.refresh();
        if (!each(item.value)) {
          read.cancel();
          return;
        }
      }
    } catch (error) {
      read.cancel();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private actualOf(error: unknown): number | typeof NO_STREAM {
    const actual = this.client.actualRevision(error);
    return actual === ESDB_NO_STREAM ? NO_STREAM : Number(actual);
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new Error(`the event store at ${this.server} is closed`);
  }
}

/**
 * A catch-up subscription: history by paged reads (as the projection runner's catch-up reads), then
 * a live server subscription from the last delivered event's `$all` position, numbering events on
 * from the last delivered position. A dropped connection ends it with `StoreUnavailableError` on
 * `onError`; resuming is the subscriber's job (the projection runner does it from its checkpoint).
 */
class EsdbSubscription implements Subscription {
  private closed = false;
  private inHandlerCall = false;
  private live: { unsubscribe(): Promise<void>; destroy(): void } | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly store: EsdbEventStore,
    private readonly options: SubscribeOptions,
    private readonly onFinished: (subscription: EsdbSubscription) => void,
  ) {
    this.finished = Promise.resolve()
      .then(() => this.run())
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.stopLive();
        this.onFinished(this);
      });
  }

  /** As CatchUpSubscription.close: waits for a running handler, except when called from inside one. */
  close(): Promise<void> {
    this.closed = true;
    this.stopLive();
    return this.inHandlerCall ? Promise.resolve() : this.finished;
  }

  private async run(): Promise<void> {
    const after = this.options.after ?? START;
    let delivered = after;
    for (;;) {
      const page = await this.store.call('read $all', () => this.store.readAfter(delivered, READ_PAGE));
      for (const event of page) {
        if (this.closed) return;
        await this.deliver(event);
        delivered = event.position;
      }
      if (this.closed) return;
      if (page.length < READ_PAGE) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.options.onCaughtUp?.(delivered);

    // Numbering continues from the last position this adapter knows, which may be before `after`
    // when `after` is beyond the head; events up to `after` are then counted but not delivered.
    let position = Math.min(delivered, this.store.indexedLength);
    const { from, subscription } = this.store.subscribeLive(position);
    this.live = subscription;
    if (this.closed) return;
    const skipAtOrBefore = from === ESDB_START ? -1n : from.commit;
    try {
      for await (const resolved of subscription) {
        if (this.closed) return;
        const event = resolved.event;
        // The server starts after `from`; the guard keeps that true whatever a server version does.
        if (event === undefined || event.position.commit <= skipAtOrBefore || !this.store.owns(event)) continue;
        position++;
        this.store.learn(position, event);
        if (position <= delivered) continue;
        await this.deliver(this.store.materialise(event, position));
        delivered = position;
        if (subscription.readableLength === 0 && !this.closed) this.options.onCaughtUp?.(delivered);
      }
    } catch (error) {
      if (this.closed) return;
      throw this.store.translate(error, 'subscription to $all');
    }
    if (!this.closed) throw new StoreUnavailableError(`the event store at ${this.store.server} ended the subscription to $all`);
  }

  private async deliver(event: RecordedEvent): Promise<void> {
    this.inHandlerCall = true;
    let pending: void | Promise<void>;
    try {
      pending = this.options.onEvent(event);
    } finally {
      this.inHandlerCall = false;
    }
    if (pending !== undefined) await pending;
  }

  private stopLive(): void {
    const live = this.live;
    this.live = undefined;
    if (live === undefined) return;
    void live.unsubscribe().catch(() => undefined);
    live.destroy();
  }

  private fail(error: unknown): void {
    this.closed = true;
    const failure = typeof error === 'object' && error !== null && 'message' in error ? (error as Error) : new Error(String(error));
    if (this.options.onError) this.options.onError(failure);
    else
      queueMicrotask(() => {
        throw failure;
      });
  }
}

function checkWritable({ streamId, events }: StreamAppend): void {
  if (streamId.startsWith('$')) throw new Error(`stream ${streamId}: names starting with $ belong to the server`);
  for (const event of events) {
    if (event.type.startsWith('$')) throw new Error(`event type ${event.type}: types starting with $ belong to the server`);
    if (event.metadata !== undefined && RECORDED_AT_KEY in event.metadata) throw new Error(`metadata key ${RECORDED_AT_KEY} is reserved for copies made by migrate`);
  }
}

function toEsdbEvent(event: { id: string; type: string; data: unknown }, metadata: Metadata): ClientEventData {
  return {
    id: event.id.toLowerCase(),
    type: event.type,
    // The clients serialise with JSON.stringify, which turns a top-level undefined into nothing at all.
    data: event.data === undefined ? null : event.data,
    metadata,
  };
}

/** Stream reads carry commit positions from EventStoreDB 22.10 on; the adapter needs them to number events. */
function commitOf(event: ClientRecordedEvent): number {
  if (event.position === undefined) throw new Error('the server reports no commit positions on stream reads; EventStoreDB 22.10 or later (or KurrentDB) is needed');
  return safeNumber(event.position.commit);
}
