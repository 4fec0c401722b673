/**
 * The event-store port. Every adapter (in-memory, SQLite, EventStoreDB) implements exactly this
 * and passes the same contract suite (`contract.ts`), so nothing above this line knows which
 * engine it runs on.
 *
 * Versions are normalised across adapters: a stream's first event has revision 0, an absent
 * stream is `NO_STREAM`, and every adapter reports its own conflict as
 * `StreamVersionConflictError { streamId, expected, actual }`.
 */

/** What the writer believes about the stream before appending. */
export type ExpectedVersion = 'NO_STREAM' | 'STREAM_EXISTS' | 'ANY' | number;

/** Revision of an absent stream, as reported in `StreamVersionConflictError.actual`. */
export const NO_STREAM = 'NO_STREAM' as const;

/** The position before the first event of the log: `readAll({ after: START })` reads everything. */
export const START = 0;

export type Metadata = Record<string, unknown>;

/** An event as the writer hands it over; `id` is a client-generated UUID and makes retries idempotent. */
export interface EventData<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata?: Metadata;
}

/** An event as the store keeps it. Positions are global, strictly increasing in commit order. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: Metadata;
  streamId: string;
  /** 0 for the first event of a stream, then +1 without gaps. */
  revision: number;
  /** Global position in the log; the first event of a store is at position 1. */
  position: number;
  /** ISO-8601 instant, taken from the store's clock when the append committed. */
  recordedAt: string;
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as `expectedVersion` for the next append. */
  nextExpectedVersion: number;
  /** Global position of the last event of this append (of the already-written events on an idempotent retry). */
  position: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** First revision to read (inclusive). Default: 0 forwards, the last revision backwards. */
  from?: number;
  /** Last revision to read (inclusive), in the direction of reading. */
  to?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events whose position is strictly greater than this. Default `START`. */
  after?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Deliver events whose position is strictly greater than this. Default `START`. */
  after?: number;
  /**
   * Called once per event, in position order, never concurrently: the next event waits for the
   * returned promise. A throw (or rejection) stops the subscription and reaches `onError`.
   */
  onEvent: (event: RecordedEvent) => void | Promise<void>;
  /** Called each time the subscription has delivered everything recorded so far. */
  onCaughtUp?: (position: number) => void;
  onError?: (error: Error) => void;
}

export interface Subscription {
  close(): Promise<void>;
}

/** One stream's share of an `appendMany` batch. */
export interface StreamAppend {
  streamId: string;
  events: EventData[];
  expectedVersion: ExpectedVersion;
}

export interface EventStore {
  /**
   * True when `appendMany` is all-or-nothing even against writers in other processes or on other
   * connections (one transaction: SQLite, in memory). The write path groups commands into one
   * append only on such a store. EventStoreDB writes one stream atomically and no more: absent.
   */
  readonly atomicBatches?: boolean;
  /**
   * Appends atomically. A retry is recognised by event ids: when the first id is already recorded
   * in this stream and every id matches the consecutive events recorded from there, the original
   * result is returned and nothing is written, whatever `expectedVersion` says. Any other reuse of
   * a recorded id is a `DuplicateEventIdError`. An empty `events` list checks `expectedVersion`,
   * writes nothing and reports the stream as it is (`nextExpectedVersion` -1 and position `START`
   * for an absent stream).
   */
  appendToStream(streamId: string, events: EventData[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams in one transaction: all of it is written or none of it (any
   * conflict or duplicate id rolls the whole batch back). Items apply in order, so a stream may
   * appear twice. Returns one result per item, each as `appendToStream` would.
   */
  appendMany(batch: StreamAppend[]): Promise<AppendResult[]>;
  /** Events of one stream; an absent stream reads as an empty array. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every stream after a position, in commit order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription: history after `after`, then live events, in one ordered sequence. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** Position of the last recorded event, `START` for an empty store. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

export class StreamVersionConflictError extends Error {
  readonly code = 'CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number | typeof NO_STREAM,
  ) {
    super(`stream ${streamId} is at version ${actual}, but the write expected ${expected}; reload and try again`);
    this.name = 'StreamVersionConflictError';
  }
}

/** An event id already used by a different event (another stream or another revision). */
export class DuplicateEventIdError extends Error {
  readonly code = 'CONFLICT';
  constructor(readonly eventId: string, readonly streamId: string) {
    super(`event id ${eventId} is already recorded elsewhere in the log; a retry must repeat the original append exactly`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * A recorded event whose stored data or metadata cannot be read back (not JSON): the log was edited
 * behind the store's back, or the file is damaged. Reads that reach it throw this, naming the
 * position, instead of the parser's bare message; verify reports it as `UNREADABLE_EVENT` there.
 */
export class UnreadableEventError extends Error {
  readonly code = 'UNREADABLE_EVENT';
  constructor(
    readonly position: number,
    readonly field: 'data' | 'metadata',
    /** Its stream and revision, which are still readable, so verify's structural checks go on past it. */
    readonly streamId: string,
    readonly revision: number,
    options?: { cause?: unknown },
  ) {
    super(`the event at position ${position} (stream ${streamId}, revision ${revision}) cannot be read: its ${field} is not JSON`, options);
    this.name = 'UnreadableEventError';
  }
}

/** Whether `error` is an `UnreadableEventError` (by shape: it may come from another realm). */
export function isUnreadableEventError(error: unknown): error is UnreadableEventError {
  return error instanceof UnreadableEventError || (error as { name?: unknown } | null)?.name === 'UnreadableEventError';
}

/**
 * A remote store (EventStoreDB) could not be reached or answered with a transient failure. Nothing
 * can be said about a write that fails this way: retry it with the same event ids, which the store
 * recognises, so a write that did land is not recorded twice. Local adapters never throw it.
 */
export class StoreUnavailableError extends Error {
  readonly code: 'UNAVAILABLE' | 'TIMEOUT' = 'UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** A remote store did not answer within its deadline; the same caveat as `StoreUnavailableError` applies. */
export class StoreTimeoutError extends StoreUnavailableError {
  override readonly code = 'TIMEOUT' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreTimeoutError';
  }
}

/** Whether `error` is a transient store failure that a caller may retry (by shape: it may come from another realm). */
export function isTransientStoreError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return error instanceof StoreUnavailableError || name === 'StoreUnavailableError' || name === 'StoreTimeoutError';
}

/**
 * The one definition of when an expected version holds; every adapter calls it so that none can
 * drift from the normalised semantics.
 */
export function assertExpectedVersion(
  streamId: string,
  expected: ExpectedVersion,
  actual: number | typeof NO_STREAM,
): void {
  if (!expectedVersionHolds(expected, actual)) throw new StreamVersionConflictError(streamId, expected, actual);
}

function expectedVersionHolds(expected: ExpectedVersion, actual: number | typeof NO_STREAM): boolean {
  switch (expected) {
    case 'ANY':
      return true;
    case 'NO_STREAM':
      return actual === NO_STREAM;
    case 'STREAM_EXISTS':
      return actual !== NO_STREAM;
    default:
      return expected === actual;
  }
}
