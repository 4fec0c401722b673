/**
 * The only module that imports an EventStoreDB / KurrentDB client. Two are supported behind one
 * small interface, and the connection string's scheme chooses between them:
 *
 * - `kurrentdb://`, `kurrentdb+discover://` (also `kurrent://`, `kdb://` and their `+discover`
 *   forms): `@kurrent/kurrentdb-client`, the maintained client.
 * - `esdb://`, `esdb+discover://`: `@eventstore/db-client`, the client the project was specified
 *   with (no release since 2024).
 *
 * The two are not a rename of each other: the successor takes `streamState` where the original
 * takes `expectedRevision`, reports a conflict's current revision as `actualState` instead of
 * `actualVersion`, and returns reads as async iterators (served by a native bridge) where the
 * original returns Node streams with `cancel()`. Both speak the same v1 gRPC protocol
 * (`event_store.client.streams.Streams`), and both subscriptions are Node readable streams.
 * Everything the adapter needs is named here in the adapter's terms, so esdb.ts does not know which
 * client it runs on.
 */
import { createRequire } from 'node:module';
import type * as EventStoreModule from '@eventstore/db-client';
import type * as KurrentModule from '@kurrent/kurrentdb-client';

/**
 * A process loads only the client its connection string names. Both packages register their
 * generated protobuf classes in google-protobuf's one global namespace (`proto.event_store.…`),
 * and the package loaded second replaces the first one's classes. Both seen here with both loaded:
 * the stand-in's `ReadResp.CaughtUp` built from one set failed to serialise under the other's
 * serialiser (`13 INTERNAL: Error serializing response`), and the successor's subscription failed
 * on a `CaughtUp` decoded into the original's class (`hasTimestamp is not a function`). Loading one
 * avoids the whole class of problem, and the successor's native bridge is not loaded for `esdb://`.
 */
const require = createRequire(import.meta.url);
const loadKurrent = () => require('@kurrent/kurrentdb-client') as typeof KurrentModule;
const loadEventStore = () => require('@eventstore/db-client') as typeof EventStoreModule;

export type ClientPackage = '@kurrent/kurrentdb-client' | '@eventstore/db-client';

/** A place in `$all`: the server's commit and prepare positions. */
export interface Position {
  commit: bigint;
  prepare: bigint;
}

/** An event as either client reads it. */
export interface ClientRecordedEvent {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  data: unknown;
  metadata: unknown;
  created: Date;
  /** Stream reads carry it from EventStoreDB 22.10 on; `$all` reads and subscriptions always. */
  position?: Position;
}

export interface ClientResolvedEvent {
  event?: ClientRecordedEvent;
}

/** What the adapter appends: ids are lower-case UUIDs, data and metadata JSON. */
export interface ClientEventData {
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

export const START = 'start';
export const END = 'end';
export const NO_STREAM = 'no_stream';
export type Direction = 'forwards' | 'backwards';

/** One read in progress: items in order, and a way to stop it early. */
export interface ReadCall<T> {
  next(): Promise<IteratorResult<T>>;
  /** Stops the read; what a client cannot stop at once is abandoned and ends on its own. */
  cancel(): void;
}

/** A live subscription to `$all`, as both clients give it: a readable stream of resolved events. */
export interface LiveSubscription extends AsyncIterable<ClientResolvedEvent & { event?: ClientRecordedEvent & { position: Position } }> {
  readonly readableLength: number;
  unsubscribe(): Promise<void>;
  destroy(): void;
}

/** The client errors the adapter tells apart; the two clients use the same strings. */
export type ClientErrorType = 'wrong-expected-version' | 'stream-not-found' | 'not-leader' | 'unavailable' | 'cancelled' | 'deadline-exceeded' | 'timeout';

export interface StoreClient {
  readonly packageName: ClientPackage;
  /** Appends at an exact revision (never `any`: see esdb.ts on idempotency); returns the stream's new last revision. */
  append(streamName: string, events: ClientEventData[], expected: bigint | typeof NO_STREAM): Promise<bigint>;
  readStream(streamName: string, options: { direction: Direction; fromRevision: bigint | typeof START | typeof END; maxCount: number }): ReadCall<ClientResolvedEvent>;
  readAll(options: { fromPosition: Position | typeof START; maxCount: number }): ReadCall<ClientResolvedEvent>;
  /** Every leader-side `$all` event after `fromPosition`, filtered by the server to streams starting with `prefix` (system events excluded when empty). */
  subscribeToAll(options: { fromPosition: Position | typeof START; prefix: string }): LiveSubscription;
  /** The kind of a client error, or undefined for anything else (a raw gRPC failure included). */
  errorType(error: unknown): ClientErrorType | string | undefined;
  /** A wrong-expected-version error's current revision of the stream. */
  actualRevision(error: unknown): bigint | typeof NO_STREAM;
  dispose(): Promise<void>;
}

const KURRENT_SCHEMES = /^(kurrentdb|kurrent|kdb)(\+discover)?:\/\//i;
const ESDB_SCHEMES = /^esdb(\+discover)?:\/\//i;

/** The client a connection string asks for by its scheme; throws on a scheme neither client takes. */
export function clientPackageFor(connectionString: string): ClientPackage {
  const trimmed = connectionString.trim();
  if (KURRENT_SCHEMES.test(trimmed)) return '@kurrent/kurrentdb-client';
  if (ESDB_SCHEMES.test(trimmed)) return '@eventstore/db-client';
  throw new Error(`unknown scheme in ${trimmed.replace(/\/\/[^@/]*@/, '//')}: use kurrentdb:// (or kurrentdb+discover://) for @kurrent/kurrentdb-client, esdb:// (or esdb+discover://) for @eventstore/db-client`);
}

/** Parses the connection string with the client its scheme names; opens no connection (both connect on first call). */
export function openClient(connectionString: string): StoreClient {
  return clientPackageFor(connectionString) === '@kurrent/kurrentdb-client' ? new KurrentClient(connectionString) : new EventStoreClient(connectionString);
}

/**
 * A successor client whose first connection failed stays failed: tried here, a `kurrentdb://`
 * client created while the server was down answered every later read with `unavailable` at once,
 * for 20 s after the server came up (a client that had connected once did reconnect after a
 * restart). So until a read has succeeded, an `unavailable` read replaces the client for the next
 * call; the API's not-ready retries then reach a server that appears after the start.
 */
class KurrentClient implements StoreClient {
  readonly packageName = '@kurrent/kurrentdb-client';
  private readonly kurrent = loadKurrent();
  private client: KurrentModule.KurrentDBClient;
  private connected = false;

  constructor(private readonly connectionString: string) {
    this.client = this.kurrent.KurrentDBClient.connectionString(connectionString);
  }

  async append(streamName: string, events: ClientEventData[], expected: bigint | typeof NO_STREAM): Promise<bigint> {
    const result = await this.client.appendToStream(streamName, events.map(jsonEvent) as KurrentModule.EventData[], { streamState: expected, requiresLeader: true });
    return result.nextExpectedRevision;
  }

  readStream(streamName: string, options: { direction: Direction; fromRevision: bigint | typeof START | typeof END; maxCount: number }): ReadCall<ClientResolvedEvent> {
    return this.read(this.client.readStream(streamName, { ...options, requiresLeader: true }));
  }

  readAll(options: { fromPosition: Position | typeof START; maxCount: number }): ReadCall<ClientResolvedEvent> {
    return this.read(this.client.readAll({ ...options, requiresLeader: true }));
  }

  private read<T>(iterator: AsyncIterableIterator<T>): ReadCall<ClientResolvedEvent> {
    const call = iteratorCall(iterator);
    const used = this.client;
    return {
      next: async () => {
        try {
          const item = await call.next();
          this.connected = true;
          return item;
        } catch (error) {
          if (!this.connected && this.client === used && this.errorType(error) === 'unavailable') {
            this.client = this.kurrent.KurrentDBClient.connectionString(this.connectionString);
            void used.dispose().catch(() => undefined);
          }
          throw error;
        }
      },
      cancel: call.cancel,
    };
  }

  subscribeToAll({ fromPosition, prefix }: { fromPosition: Position | typeof START; prefix: string }): LiveSubscription {
    return this.client.subscribeToAll({
      fromPosition,
      filter: prefix ? this.kurrent.streamNameFilter({ prefixes: [prefix] }) : this.kurrent.excludeSystemEvents(),
      requiresLeader: true,
    }) as unknown as LiveSubscription;
  }

  errorType(error: unknown): string | undefined {
    return error instanceof Error && this.kurrent.isCommandError(error) ? error.type : undefined;
  }

  actualRevision(error: unknown): bigint | typeof NO_STREAM {
    const actual = (error as { actualState?: unknown }).actualState;
    return typeof actual === 'bigint' ? actual : NO_STREAM;
  }

  dispose(): Promise<void> {
    return this.client.dispose();
  }
}

class EventStoreClient implements StoreClient {
  readonly packageName = '@eventstore/db-client';
  private readonly eventstore = loadEventStore();
  private readonly client: EventStoreModule.EventStoreDBClient;

  constructor(connectionString: string) {
    this.client = this.eventstore.EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamName: string, events: ClientEventData[], expected: bigint | typeof NO_STREAM): Promise<bigint> {
    const result = await this.client.appendToStream(streamName, events.map(jsonEvent) as EventStoreModule.EventData[], { expectedRevision: expected, requiresLeader: true });
    return result.nextExpectedRevision;
  }

  readStream(streamName: string, options: { direction: Direction; fromRevision: bigint | typeof START | typeof END; maxCount: number }): ReadCall<ClientResolvedEvent> {
    return streamCall(this.client.readStream(streamName, { ...options, requiresLeader: true }));
  }

  readAll(options: { fromPosition: Position | typeof START; maxCount: number }): ReadCall<ClientResolvedEvent> {
    return streamCall(this.client.readAll({ ...options, requiresLeader: true }));
  }

  subscribeToAll({ fromPosition, prefix }: { fromPosition: Position | typeof START; prefix: string }): LiveSubscription {
    return this.client.subscribeToAll({
      fromPosition,
      filter: prefix ? this.eventstore.streamNameFilter({ prefixes: [prefix] }) : this.eventstore.excludeSystemEvents(),
      requiresLeader: true,
    }) as unknown as LiveSubscription;
  }

  errorType(error: unknown): string | undefined {
    return error instanceof Error && this.eventstore.isCommandError(error) ? error.type : undefined;
  }

  actualRevision(error: unknown): bigint | typeof NO_STREAM {
    const actual = (error as { actualVersion?: unknown }).actualVersion;
    return typeof actual === 'bigint' ? actual : NO_STREAM;
  }

  dispose(): Promise<void> {
    return this.client.dispose();
  }
}

function jsonEvent(event: ClientEventData) {
  return { id: event.id, type: event.type, contentType: 'application/json' as const, data: event.data, metadata: event.metadata };
}

/**
 * The successor's reads are async generators over a native stream. A generator cannot be stopped
 * while a `next()` is pending, so a read abandoned on a timeout ends when its next message arrives
 * (or the client is disposed); a read stopped between items ends at once.
 */
function iteratorCall<T>(iterator: AsyncIterableIterator<T>): ReadCall<ClientResolvedEvent> {
  return {
    next: () => iterator.next() as Promise<IteratorResult<ClientResolvedEvent>>,
    cancel: () => void iterator.return?.().catch(() => undefined),
  };
}

/** The original client's reads are Node streams; `cancel()` ends the gRPC call. */
function streamCall<T>(stream: EventStoreModule.StreamingRead<T>): ReadCall<ClientResolvedEvent> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<ClientResolvedEvent>;
  return {
    next: () => iterator.next(),
    cancel: () => void stream.cancel().catch(() => undefined),
  };
}
