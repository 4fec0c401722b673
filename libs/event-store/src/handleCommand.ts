/**
 * Decide and append, on one stream: load the command's stream, fold it, decide, append at the
 * version that was read. The platform's write path (WritePath in libs/platform) runs every command
 * through this, after authorising it; the benchmark calls it directly to measure the store. A rule broken in `decide` throws before anything is written; a concurrent writer shows up
 * as StreamVersionConflictError at append, and the command is decided again on fresh state
 * (unless the caller pinned an expected version, which is then reported as a conflict).
 */
import { newEventId } from './eventId.js';
import { AppendResult, EventStore, ExpectedVersion, Metadata, NO_STREAM, RecordedEvent, START, StreamAppend, StreamVersionConflictError, assertExpectedVersion } from './eventStore.js';

/** Structural view of a decider, so the store does not depend on the domain library. */
export interface DeciderLike<Command, Event extends { type: string; data: unknown }, State, Context> {
  streamId(command: Command): string;
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: Context): Event[];
}

export interface HandleOptions {
  /** The version the client last saw; a different current version is a conflict, not a retry. */
  expectedVersion?: ExpectedVersion;
  metadata?: Metadata;
  /** Per-event additions to `metadata` (an event's occurred-at, a change's reason), merged over it. */
  eventMetadata?: (event: { type: string; data: unknown }) => Metadata;
  /** Attempts after a conflict when no expected version was pinned. */
  retries?: number;
  /** Brings a recorded event to its current shape before the decider folds it (the domain's upcasters). */
  upcast?: (event: RecordedEvent) => RecordedEvent;
  /**
   * For an event that belongs beside the command's stream (a reservation): its stream and the
   * revision it claims there. Such events are appended with the command's in one `appendMany`, at
   * the revision before their claim, so a claim already taken is a conflict and nothing is written.
   */
  claim?: (event: { type: string; data: unknown }) => { streamId: string; revision: number } | undefined;
}

export interface HandleResult extends AppendResult {
  streamId: string;
  /** Events written; 0 when the command was already done (an idempotent repeat). */
  written: number;
}

export async function loadState<C, E extends { type: string; data: unknown }, S, X>(
  store: EventStore,
  decider: DeciderLike<C, E, S, X>,
  streamId: string,
  upcast: (event: RecordedEvent) => RecordedEvent = (event) => event,
): Promise<{ state: S; version: number | 'NO_STREAM'; position: number }> {
  const events = await store.readStream(streamId);
  let state = decider.initialState;
  for (const recorded of events) {
    const e = upcast(recorded);
    state = decider.evolve(state, { type: e.type, data: e.data } as E);
  }
  const last = events.at(-1);
  return { state, version: last ? last.revision : 'NO_STREAM', position: last ? last.position : START };
}

/**
 * A command decided and not yet written: the appends that record it (its reservations first, then
 * its own stream at the version that was read), or nothing to write (an idempotent repeat).
 */
export type Decided =
  | { kind: 'NOTHING'; result: HandleResult }
  | { kind: 'APPEND'; streamId: string; written: number; items: StreamAppend[] };

/**
 * Loads the command's stream, checks a pinned version, decides. Throws what the decider throws
 * (nothing is written) and a StreamVersionConflictError for a pinned version that no longer holds.
 */
export async function decideCommand<C, E extends { type: string; data: unknown }, S, X>(
  store: EventStore,
  decider: DeciderLike<C, E, S, X>,
  command: C,
  context: X,
  options: HandleOptions = {},
): Promise<Decided> {
  const streamId = decider.streamId(command);
  const { state, version, position } = await loadState(store, decider, streamId, options.upcast);
  if (options.expectedVersion !== undefined) assertExpectedVersion(streamId, options.expectedVersion, version);
  const events = decider.decide(command, state, context);
  if (events.length === 0) return { kind: 'NOTHING', result: { streamId, written: 0, position, nextExpectedVersion: version === 'NO_STREAM' ? -1 : version } };
  const recorded = (e: E) => ({ id: newEventId(), type: e.type, data: e.data, metadata: { ...options.metadata, ...options.eventMetadata?.(e) } });
  const own = events.filter((e) => !options.claim?.(e));
  // Reservations go first. In one transaction (SQLite) the order changes nothing; EventStoreDB
  // writes stream by stream, so a writer that lost a claim to a concurrent one between its check
  // and its write is stopped before its own events land. What a lost connection can leave there
  // is a claim without its event, which holds nothing: the next writer claims the next revision
  // (a proposal number skipped, a link pair free).
  const claimed = events.flatMap((e) => {
    const claim = options.claim?.(e);
    return claim ? [{ streamId: claim.streamId, events: [recorded(e)], expectedVersion: claim.revision === 0 ? NO_STREAM : claim.revision - 1 }] : [];
  });
  return { kind: 'APPEND', streamId, written: events.length, items: [...claimed, { streamId, events: own.map(recorded), expectedVersion: version }] };
}

/** The result of a decided command's appends (`results`: one per item, as `appendMany` answers). */
export const appendedResult = (decided: Extract<Decided, { kind: 'APPEND' }>, results: readonly AppendResult[]): HandleResult => ({
  streamId: decided.streamId,
  written: decided.written,
  ...results.at(-1)!,
});

export async function handleCommand<C, E extends { type: string; data: unknown }, S, X>(
  store: EventStore,
  decider: DeciderLike<C, E, S, X>,
  command: C,
  context: X,
  options: HandleOptions = {},
): Promise<HandleResult> {
  for (let attempt = 0; ; attempt++) {
    const decided = await decideCommand(store, decider, command, context, options);
    if (decided.kind === 'NOTHING') return decided.result;
    try {
      const [only] = decided.items;
      const results = decided.items.length === 1 ? [await store.appendToStream(only!.streamId, only!.events, { expectedVersion: only!.expectedVersion })] : await store.appendMany(decided.items);
      return appendedResult(decided, results);
    } catch (error) {
      if (error instanceof StreamVersionConflictError && options.expectedVersion === undefined && attempt < (options.retries ?? 3)) continue;
      throw error;
    }
  }
}
