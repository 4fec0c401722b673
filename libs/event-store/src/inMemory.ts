import { CatchUpSubscription } from './catchUp.js';
import {
  assertExpectedVersion,
  DuplicateEventIdError,
  NO_STREAM,
  START,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
} from './eventStore.js';

export interface InMemoryEventStoreOptions {
  /** Source of `recordedAt`; one reading per commit. */
  clock?: () => Date;
}

/**
 * Data and metadata are kept as JSON text, exactly as the SQLite adapter keeps them, so a payload
 * that would not survive a real store (a `Date`, an `undefined` field) does not survive here either,
 * and no caller can mutate a recorded event through a reference it kept or read.
 */
interface StoredEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
  streamId: string;
  revision: number;
  position: number;
  recordedAt: string;
}

/** The reference adapter for tests: the same contract as SQLite, nothing persisted. */
export class InMemoryEventStore implements EventStore {
  /** `appendMany` is one transaction. */
  readonly atomicBatches = true;
  /** `log[i]` is at position `i + 1`. */
  private readonly log: StoredEvent[] = [];
  /** `streams.get(id)[r]` is revision `r`; a stream is present only once it has an event. */
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byEventId = new Map<string, StoredEvent>();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly clock: () => Date;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  async appendToStream(streamId: string, events: EventData[], options: AppendOptions): Promise<AppendResult> {
    return this.commit([{ streamId, events, expectedVersion: options.expectedVersion }])[0]!;
  }

  async appendMany(batch: StreamAppend[]): Promise<AppendResult[]> {
    return this.commit(batch);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const stream = this.streams.get(streamId);
    if (stream === undefined) return [];
    const last = stream.length - 1;
    const limit = options.maxCount === undefined ? Infinity : Math.max(0, Math.trunc(options.maxCount));
    const out: RecordedEvent[] = [];
    if (options.direction === 'backwards') {
      const to = Math.max(options.to ?? 0, 0);
      for (let r = Math.min(options.from ?? last, last); r >= to && out.length < limit; r--) out.push(materialise(stream[r]!));
    } else {
      const to = Math.min(options.to ?? last, last);
      for (let r = Math.max(options.from ?? 0, 0); r <= to && out.length < limit; r++) out.push(materialise(stream[r]!));
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readPage(options.after ?? START, options.maxCount);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(
      (after, maxCount) => this.readPage(after, maxCount),
      options,
      undefined,
      (finished) => this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.log.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private readPage(after: number, maxCount: number | undefined): RecordedEvent[] {
    const start = Math.max(0, Math.trunc(after));
    const end = maxCount === undefined ? this.log.length : start + Math.max(0, Math.trunc(maxCount));
    return this.log.slice(start, end).map(materialise);
  }

  /** All of `batch` or nothing: a failure undoes every event this commit pushed. */
  private commit(batch: StreamAppend[]): AppendResult[] {
    this.assertOpen();
    const logLengthBefore = this.log.length;
    const recordedAt = this.clock().toISOString();
    let results: AppendResult[];
    try {
      results = batch.map((item) => this.appendOne(item, recordedAt));
    } catch (error) {
      this.rollbackTo(logLengthBefore);
      throw error;
    }
    if (this.log.length > logLengthBefore) for (const subscription of this.subscriptions) subscription.wake();
    return results;
  }

  private appendOne({ streamId, events, expectedVersion }: StreamAppend, recordedAt: string): AppendResult {
    const retried = this.recordedRetry(streamId, events);
    if (retried !== undefined) return retried;
    const existing = this.streams.get(streamId);
    const actual = existing === undefined ? NO_STREAM : existing.length - 1;
    assertExpectedVersion(streamId, expectedVersion, actual);
    if (events.length === 0) {
      return existing === undefined
        ? { nextExpectedVersion: -1, position: START }
        : { nextExpectedVersion: existing.length - 1, position: existing[existing.length - 1]!.position };
    }
    const stream = existing ?? [];
    for (const event of events) {
      if (this.byEventId.has(event.id)) throw new DuplicateEventIdError(event.id, streamId);
      const stored: StoredEvent = {
        id: event.id,
        type: event.type,
        data: JSON.stringify(event.data) ?? 'null',
        metadata: event.metadata === undefined ? '{}' : JSON.stringify(event.metadata),
        streamId,
        revision: stream.length,
        position: this.log.length + 1,
        recordedAt,
      };
      stream.push(stored);
      this.log.push(stored);
      this.byEventId.set(event.id, stored);
    }
    // Registered only once it holds events: an absent stream must stay absent if this append fails.
    if (existing === undefined) this.streams.set(streamId, stream);
    return { nextExpectedVersion: stream.length - 1, position: this.log.length };
  }

  /** The original result when `events` repeats consecutive recorded events of this stream; see the port. */
  private recordedRetry(streamId: string, events: EventData[]): AppendResult | undefined {
    if (events.length === 0) return undefined;
    const first = this.byEventId.get(events[0]!.id);
    if (first === undefined) return undefined;
    const stream = first.streamId === streamId ? this.streams.get(streamId)! : [];
    const matches = events.every((event, i) => stream[first.revision + i]?.id === event.id);
    if (!matches) throw new DuplicateEventIdError(first.id, streamId);
    const last = stream[first.revision + events.length - 1]!;
    return { nextExpectedVersion: last.revision, position: last.position };
  }

  private rollbackTo(logLength: number): void {
    while (this.log.length > logLength) {
      const undone = this.log.pop()!;
      this.byEventId.delete(undone.id);
      const stream = this.streams.get(undone.streamId);
      if (stream === undefined) continue;
      stream.pop();
      if (stream.length === 0) this.streams.delete(undone.streamId);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the in-memory event store is closed');
  }
}

function materialise(stored: StoredEvent): RecordedEvent {
  return {
    id: stored.id,
    type: stored.type,
    data: JSON.parse(stored.data),
    metadata: JSON.parse(stored.metadata),
    streamId: stored.streamId,
    revision: stored.revision,
    position: stored.position,
    recordedAt: stored.recordedAt,
  };
}
