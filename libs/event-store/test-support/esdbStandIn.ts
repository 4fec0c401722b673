/**
 * An in-process stand-in for an EventStoreDB / KurrentDB node, for tests only (the product never
 * imports it). It serves the real gRPC `event_store.client.streams.Streams` service, built from the
 * definitions shipped inside `@kurrent/kurrentdb-client`, so the real clients talk to it unchanged:
 * `@eventstore/db-client` and `@kurrent/kurrentdb-client` (whose reads go through its native
 * bridge) both speak this v1 protocol, and the adapter's specs run against it with each.
 *
 * What it implements, with the server's semantics:
 * - `Append`: expected revision (`any`, `no_stream`, `stream_exists`, exact), `WrongExpectedVersion`
 *   answers with the current revision, and de-duplication by event ids when the expected revision
 *   is exact or `no_stream` (the case the server guarantees; with `any`/`stream_exists` the
 *   stand-in never de-duplicates, the pessimistic reading of the server's best effort). Event ids
 *   must be UUIDs and are kept lower-case, as the server formats them.
 * - `Read`: a stream forwards/backwards from start, end or a revision (`StreamNotFound` for an
 *   absent stream); `$all` forwards/backwards from start, end or a commit position (inclusive
 *   forwards, exclusive backwards); a catch-up subscription to a stream or to `$all`
 *   (confirmation → history → caught-up → live), with stream-name and event-type filters
 *   (prefixes or regex).
 * - Commit positions like a real log: byte offsets that grow by each record's size, with system
 *   events (`$`-prefixed streams and types) in `$all` from the start, so an adapter that exposed raw
 *   commit positions or forgot to exclude system events would fail the contract here too.
 * - Faults: `stop()` drops every connection and call (subscribers see the stream fail) while the
 *   data survives, `restart()` serves the same data on the same port again, `slowDown()` answers
 *   late, and `follow(leader)` makes it a follower that refuses leader-only calls with the server's
 *   `not-leader` error naming the leader.
 *
 * What it does not implement: `BatchAppend` and `ServerFeatures` (the client then falls back to
 * `Append`), `Delete`/`Tombstone`, stream metadata and ACLs, persistent subscriptions, projections,
 * gossip and cluster elections, authentication and TLS, filtered-read checkpoints, link resolution,
 * `maxSearchWindow`, and durability (everything lives in this process's memory).
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
// The successor's definitions: the newer protocol, a superset of the original's (`CaughtUp`, for
// one, gained fields). Messages built from the newer classes serialise under either package's
// classes, which replace each other in google-protobuf's global namespace when a process loads
// both (see esdbClient.ts); messages built from the older ones do not.
import sharedPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import streamsGrpc from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb.js';
import streamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type AppendOptions = InstanceType<typeof streamsPb.AppendReq.Options>;
type ProposedMessage = InstanceType<typeof streamsPb.AppendReq.ProposedMessage>;

const { ReadResp, AppendResp } = streamsPb;
const ExpectedCase = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;

/** One record of the stand-in's log, as the server would keep it. */
export interface StandInRecord {
  streamId: string;
  revision: number;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  created: bigint;
  /** Commit position (equal to the prepare position, as for the server's single-append writes). */
  position: bigint;
}

export interface StandInOptions {
  /** Port on 127.0.0.1; 0 (default) lets the OS choose. */
  port?: number;
  /** Seed `$all` with the system records a fresh server has (default true). */
  systemEvents?: boolean;
}

interface Subscriber {
  call: grpc.ServerWritableStream<ReadReq, ReadResp>;
  /** Whether a record goes to this subscriber, and after which point (exclusive). */
  wants: (record: StandInRecord) => boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TICKS_PER_MS = 10_000n;
const utf8 = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : Buffer.from(bytes)).toString('utf8');
const bytesOf = (value: Uint8Array | string) => (typeof value === 'string' ? Buffer.from(value, 'base64') : value);

export class EsdbStandIn {
  /** Every record in commit order, system records included. */
  readonly log: StandInRecord[] = [];
  /** Append calls that reached the log (or were refused by it), for tests that count round trips. */
  appendCalls = 0;
  private readonly streams = new Map<string, StandInRecord[]>();
  private readonly subscribers = new Set<Subscriber>();
  private nextPosition = 0n;
  private server: grpc.Server | undefined;
  private delays = { appendMs: 0, readMs: 0 };
  private leader: { host: string; port: number } | undefined;
  /** Late answers still to be sent; a stop drops them, as a crashed node would. */
  private readonly lateAnswers = new Set<NodeJS.Timeout>();
  /**
   * Called when an append reaches the log, before it is applied: a test can write a competing
   * record here, or return an error to refuse the call as a dropped connection would.
   */
  beforeAppend: ((streamId: string) => grpc.ServiceError | void) | undefined;

  private constructor(public port: number) {}

  static async start(options: StandInOptions = {}): Promise<EsdbStandIn> {
    const standIn = new EsdbStandIn(options.port ?? 0);
    if (options.systemEvents ?? true) {
      standIn.appendRecord('$epoch-information', '$epoch-information');
      standIn.appendRecord('$$$stats-127.0.0.1:2113', '$metadata');
      standIn.appendRecord('$stats-127.0.0.1:2113', '$statsCollected');
    }
    await standIn.listen();
    return standIn;
  }

  /**
   * `esdb://127.0.0.1:PORT?tls=false`, plus any extra query settings (e.g. `defaultDeadline=300`);
   * with `kurrentdb` as the scheme, the same for `@kurrent/kurrentdb-client`.
   */
  connectionString(extra = '', scheme: 'esdb' | 'kurrentdb' = 'esdb'): string {
    return `${scheme}://127.0.0.1:${this.port}?tls=false${extra ? `&${extra}` : ''}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Records of user streams (not `$`-prefixed) in commit order. */
  userRecords(): StandInRecord[] {
    return this.log.filter((r) => !r.streamId.startsWith('$'));
  }

  /** Drops every connection and call at once, as a crashed or restarting node does; the data stays. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const subscriber of this.subscribers) subscriber.call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'the node is shutting down' });
    this.subscribers.clear();
    for (const timer of this.lateAnswers) clearTimeout(timer);
    this.lateAnswers.clear();
    server?.forceShutdown();
  }

  /** Serves the same data on the same port again. */
  async restart(): Promise<void> {
    if (this.server) await this.stop();
    await this.listen();
  }

  /** Answers later: an append is applied at once and acknowledged after `appendMs` (the client cannot tell it landed); a read starts after `readMs`. */
  slowDown(delays: { appendMs?: number; readMs?: number }): void {
    this.delays = { appendMs: delays.appendMs ?? 0, readMs: delays.readMs ?? 0 };
  }

  /** Makes this node a follower of `leader`: calls that require the leader are refused with `not-leader`. */
  follow(leader: { host: string; port: number } | undefined): void {
    this.leader = leader;
  }

  /** Writes a record directly, as the server writes its own (`$stats`, `$metadata` …) or as another writer would. */
  appendRecord(streamId: string, type: string, data: unknown = {}): StandInRecord {
    const stream = this.streams.get(streamId) ?? [];
    const payload = Buffer.from(JSON.stringify(data));
    return this.write(streamId, stream, [{ id: randomUUID(), type, contentType: 'application/json', data: payload, customMetadata: new Uint8Array() }])[0]!;
  }

  private async listen(): Promise<void> {
    const server = new grpc.Server();
    server.addService(streamsGrpc.StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => void this.read(call),
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => this.append(call, callback),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    this.server = server;
  }

  // ------------------------------------------------------------------ Append

  private append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void {
    const refusal = this.notLeader(call.metadata);
    if (refusal) {
      callback(refusal);
      return;
    }
    let options: AppendOptions | undefined;
    const proposed: ProposedMessage[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      else if (req.hasProposedMessage()) proposed.push(req.getProposedMessage()!);
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (options === undefined) {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: 'an append starts with its options' });
        return;
      }
      let outcome: AppendResp | grpc.ServiceError;
      try {
        this.appendCalls++;
        const refused = this.beforeAppend?.(utf8(options.getStreamIdentifier()!.getStreamName()));
        outcome = (refused as grpc.ServiceError | undefined) ?? this.commit(options, proposed);
      } catch (error) {
        outcome = Object.assign(new Error((error as Error).message), { code: grpc.status.INVALID_ARGUMENT, details: (error as Error).message, metadata: new grpc.Metadata() });
      }
      const answer = () => (outcome instanceof AppendResp ? callback(null, outcome) : callback(outcome));
      if (this.delays.appendMs === 0) return answer();
      const timer = setTimeout(() => {
        this.lateAnswers.delete(timer);
        answer();
      }, this.delays.appendMs);
      this.lateAnswers.add(timer);
    });
  }

  private commit(options: AppendOptions, proposed: ProposedMessage[]): AppendResp {
    const streamId = utf8(options.getStreamIdentifier()!.getStreamName());
    const stream = this.streams.get(streamId);
    const current = stream === undefined ? -1 : stream.length - 1;
    const events = proposed.map((message) => {
      const id = message.getId()?.getString().toLowerCase() ?? '';
      if (!UUID.test(id)) throw new Error(`event id "${id}" is not a UUID`);
      const metadata = message.getMetadataMap();
      return {
        id,
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: bytesOf(message.getData()),
        customMetadata: bytesOf(message.getCustomMetadata()),
      };
    });
    const expectedCase = options.getExpectedStreamRevisionCase();
    const expectedRevision = expectedCase === ExpectedCase.REVISION ? Number(options.getRevision()) : expectedCase === ExpectedCase.NO_STREAM ? -1 : undefined;

    // The server's guaranteed idempotency: the same ids at the revisions right after the expected one.
    if (expectedRevision !== undefined && stream !== undefined && events.length > 0 && expectedRevision < current) {
      const recorded = stream.slice(expectedRevision + 1, expectedRevision + 1 + events.length);
      if (recorded.length === events.length && recorded.every((r, i) => r.id === events[i]!.id)) return success(recorded.at(-1)!);
    }

    const holds =
      expectedCase === ExpectedCase.ANY ||
      (expectedCase === ExpectedCase.STREAM_EXISTS && stream !== undefined) ||
      (expectedRevision !== undefined && expectedRevision === current);
    if (!holds) return wrongExpectedVersion(options, current);
    if (events.length === 0) {
      const answer = new AppendResp.Success();
      if (current >= 0) answer.setCurrentRevision(String(current));
      else answer.setNoStream(new sharedPb.Empty());
      answer.setNoPosition(new sharedPb.Empty());
      return new AppendResp().setSuccess(answer);
    }
    const written = this.write(streamId, stream ?? [], events);
    return success(written.at(-1)!);
  }

  private write(streamId: string, stream: StandInRecord[], events: Array<Omit<StandInRecord, 'streamId' | 'revision' | 'created' | 'position'>>): StandInRecord[] {
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written = events.map((event) => {
      const record: StandInRecord = { ...event, streamId, revision: stream.length, created, position: this.nextPosition };
      // A record's size on disk: a header plus its names and payloads, so positions have gaps.
      this.nextPosition += BigInt(96 + streamId.length + event.type.length + event.data.length + event.customMetadata.length);
      stream.push(record);
      this.log.push(record);
      return record;
    });
    this.streams.set(streamId, stream);
    for (const subscriber of this.subscribers) for (const record of written) if (subscriber.wants(record)) subscriber.call.write(toReadResp(record));
    return written;
  }

  // ------------------------------------------------------------------ Read

  private async read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
    const refusal = this.notLeader(call.metadata);
    if (refusal) {
      call.emit('error', refusal);
      return;
    }
    if (this.delays.readMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delays.readMs));
    if (call.cancelled || !this.running) return;
    const options = call.request.getOptions()!;
    const matches = filterOf(options);
    if (options.hasStream()) this.readStream(call, options, matches);
    else this.readAll(call, options, matches);
  }

  private readStream(call: grpc.ServerWritableStream<ReadReq, ReadResp>, options: ReadOptions, matches: (r: StandInRecord) => boolean): void {
    const streamOptions = options.getStream()!;
    const streamId = utf8(streamOptions.getStreamIdentifier()!.getStreamName());
    const stream = this.streams.get(streamId) ?? [];
    if (options.hasSubscription()) {
      // A stream subscription delivers strictly after the given revision.
      const after = streamOptions.hasStart() ? -1 : streamOptions.hasEnd() ? stream.length - 1 : Number(streamOptions.getRevision());
      const history = stream.filter((r) => r.revision > after && matches(r));
      this.subscribe(call, history, (r) => r.streamId === streamId && matches(r));
      return;
    }
    if (!this.streams.has(streamId)) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(streamOptions.getStreamIdentifier());
      call.write(new ReadResp().setStreamNotFound(notFound));
      call.end();
      return;
    }
    const count = countOf(options);
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const last = stream.length - 1;
    const from = streamOptions.hasStart() ? (backwards ? -1 : 0) : streamOptions.hasEnd() ? (backwards ? last : stream.length) : Number(streamOptions.getRevision());
    let sent = 0;
    if (backwards) for (let r = Math.min(from, last); r >= 0 && sent < count; r--, sent++) call.write(toReadResp(stream[r]!));
    else for (let r = Math.max(from, 0); r <= last && sent < count; r++, sent++) call.write(toReadResp(stream[r]!));
    call.end();
  }

  private readAll(call: grpc.ServerWritableStream<ReadReq, ReadResp>, options: ReadOptions, matches: (r: StandInRecord) => boolean): void {
    const allOptions = options.getAll()!;
    const position = allOptions.hasPosition() ? BigInt(allOptions.getPosition()!.getCommitPosition()) : undefined;
    if (options.hasSubscription()) {
      // An $all subscription delivers strictly after the given position.
      const after = allOptions.hasStart() ? -1n : allOptions.hasEnd() ? this.nextPosition : position!;
      const history = this.log.filter((r) => r.position > after && matches(r));
      this.subscribe(call, history, matches);
      return;
    }
    const count = countOf(options);
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    let candidates: StandInRecord[];
    if (backwards) {
      const before = allOptions.hasStart() ? 0n : allOptions.hasEnd() ? this.nextPosition : position!;
      candidates = this.log.filter((r) => r.position < before).reverse();
    } else {
      const from = allOptions.hasStart() ? 0n : allOptions.hasEnd() ? this.nextPosition : position!;
      candidates = this.log.filter((r) => r.position >= from);
    }
    let sent = 0;
    for (const record of candidates) {
      if (sent >= count) break;
      if (!matches(record)) continue;
      call.write(toReadResp(record));
      sent++;
    }
    call.end();
  }

  private subscribe(call: grpc.ServerWritableStream<ReadReq, ReadResp>, history: StandInRecord[], wants: (r: StandInRecord) => boolean): void {
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    call.write(new ReadResp().setConfirmation(confirmation));
    for (const record of history) call.write(toReadResp(record));
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    const subscriber: Subscriber = { call, wants };
    this.subscribers.add(subscriber);
    const forget = () => this.subscribers.delete(subscriber);
    call.on('cancelled', forget);
    call.on('close', forget);
    call.on('error', forget);
  }

  private notLeader(metadata: grpc.Metadata): grpc.ServiceError | undefined {
    if (this.leader === undefined || metadata.get('requires-leader')[0] !== 'true') return undefined;
    const answer = new grpc.Metadata();
    answer.set('exception', 'not-leader');
    answer.set('leader-endpoint-host', this.leader.host);
    answer.set('leader-endpoint-port', String(this.leader.port));
    return Object.assign(new Error('Leader info available'), { code: grpc.status.NOT_FOUND, details: 'Leader info available', metadata: answer });
  }
}

function success(last: StandInRecord): AppendResp {
  const answer = new AppendResp.Success();
  answer.setCurrentRevision(String(last.revision));
  const position = new AppendResp.Position();
  position.setCommitPosition(String(last.position));
  position.setPreparePosition(String(last.position));
  answer.setPosition(position);
  return new AppendResp().setSuccess(answer);
}

function wrongExpectedVersion(options: AppendOptions, current: number): AppendResp {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (current >= 0) wrong.setCurrentRevision(String(current));
  else wrong.setCurrentNoStream(new sharedPb.Empty());
  switch (options.getExpectedStreamRevisionCase()) {
    case ExpectedCase.REVISION:
      wrong.setExpectedRevision(options.getRevision());
      break;
    case ExpectedCase.NO_STREAM:
      wrong.setExpectedNoStream(new sharedPb.Empty());
      break;
    case ExpectedCase.STREAM_EXISTS:
      wrong.setExpectedStreamExists(new sharedPb.Empty());
      break;
    default:
      wrong.setExpectedAny(new sharedPb.Empty());
  }
  return new AppendResp().setWrongExpectedVersion(wrong);
}

function toReadResp(record: StandInRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(new sharedPb.UUID().setString(record.id));
  recorded.setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(record.streamId, 'utf8')));
  recorded.setStreamRevision(String(record.revision));
  recorded.setCommitPosition(String(record.position));
  recorded.setPreparePosition(String(record.position));
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', String(record.created));
  recorded.setCustomMetadata(record.customMetadata);
  recorded.setData(record.data);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(String(record.position));
  return new ReadResp().setEvent(event);
}

function countOf(options: ReadOptions): number {
  return options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
}

/** The request's server-side filter (stream name or event type, by prefixes or regex), or everything. */
function filterOf(options: ReadOptions): (record: StandInRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (record) => {
    const subject = onStream ? record.streamId : record.type;
    if (prefixes.length > 0 && !prefixes.some((p) => subject.startsWith(p))) return false;
    return regex === undefined || regex.test(subject);
  };
}

/** A port on 127.0.0.1 that nothing listens on now (for an absent server that appears later). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
