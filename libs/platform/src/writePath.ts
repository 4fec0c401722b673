/**
 * The write path: every command of every system, from the API, the CSV import and the command
 * line, is recorded here and nowhere else. In order, for each command:
 *
 * 1. read-your-writes: the projections catch up with the head of the log;
 * 2. authorisation: the writer's role may send the command type (the registry's command roles),
 *    and the command's system's access policy accepts it against the projections as they are now
 *    (a recorder's grants); an operator at the data file (CLI, import) may send any command;
 * 3. the decider, on the command's stream as recorded (upcast to the current event shapes), with
 *    the deciders' directory over the projections;
 * 4. metadata on every event: actor, token id, command type, correlation and causation ids, the
 *    event's audit facts, and for imports the source file and line;
 * 5. the append, at the version that was read (a conflict is decided again unless pinned);
 * 6. read-your-writes again: the answer comes once the projections show the write;
 * 7. sealing, when enough events have gathered since the last seal.
 *
 * A refusal at any step before 5 has written nothing. Commands run one at a time per write path:
 * deciders check cross-aggregate rules (one active link per pair, is the target CPC?) against the
 * projections, and running them in sequence, each after the projections caught up with the
 * previous write, keeps those checks exact within one instance.
 *
 * Group commit. Commands that arrive while a write is in flight wait, and the next turn takes them
 * all. A run of waiting commands that the registry marks independent (the contacts' commands:
 * CommandSpec.independent), on distinct streams and with distinct command ids, is decided side by
 * side against the model as it stands and appended in one `appendMany`: one transaction, one
 * fsync. Being independent, each is decided exactly as it would have been after the ones before
 * it. A refusal among them is answered at once and writes nothing; the others are answered once
 * the whole append is durable and projected. If the append fails (a writer in another process
 * took one of the streams), nothing of it was written and each command is run again on its own,
 * as above. That needs an `appendMany` that is all-or-nothing against concurrent writers
 * (`EventStore.atomicBatches`: SQLite, in memory); on EventStoreDB, which has no transaction
 * across streams, a group's commands are appended side by side, each on its own (appendGroup).
 *
 * Two kinds of write do not come through here because they carry no command: a seal the auditors
 * ask for (`seal`, which still comes through here for its authorisation), and a verbatim copy of a
 * whole log (`import-log`, `migrate`), which keeps every event as it was recorded.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AnyCommand, CommandContext, DomainError, Directory, Principal, SystemRegistry, conflict, forbidden, reproduces, requireId } from '#domain';
import { NEW_LOG_METADATA, canonicalJson } from '#audit/chain';
import { Sealer, type Seal } from '#audit/seal';
import { newEventId } from '#event-store/eventId';
import { AppendResult, EventData, EventStore, ExpectedVersion, Metadata, NO_STREAM, RecordedEvent, StreamAppend, StreamVersionConflictError } from '#event-store/eventStore';
import { appendedResult, decideCommand, handleCommand, type Decided, type HandleOptions, type HandleResult } from '#event-store/handleCommand';
import { CommandIdsProjection, commandKey } from '#projections/shared/commandIds.projection';
import { ProjectionSet } from '#projections/shared/projection';
import type { ProjectionSystem } from '#projections/systems';
import { ProjectionRunner } from '#projections/shared/runner';

/** Who sends a command: the holder of a verified token, or an operator with the data file in hand. */
export type Writer = { kind: 'TOKEN'; principal: Principal } | { kind: 'OPERATOR'; name: string };

export const operator = (name: string): Writer => ({ kind: 'OPERATOR', name });
export const tokenHolder = (principal: Principal): Writer => ({ kind: 'TOKEN', principal });
const actorOf = (writer: Writer): string => (writer.kind === 'TOKEN' ? writer.principal.subject : writer.name);

export interface Origin {
  writer: Writer;
  /** Optimistic concurrency: the stream version the client last read. */
  expectedVersion?: ExpectedVersion;
  /**
   * The client's id for this command (an idempotency key), kept in its events' metadata. Sent
   * again by the same actor with the same command, it is answered as the first time (`written: 0`,
   * the same position) without deciding again; with another command, it is a CONFLICT.
   */
  commandId?: string;
}

export interface WriteOutcome {
  streamId: string;
  /** Global position of the last event of the stream after this command. */
  position: number;
  /** Revision of the stream's last event (-1 when the command wrote nothing to a new stream). */
  version: number;
  written: number;
}

export interface WritePathOptions {
  registry: SystemRegistry;
  /** The projection systems: each may bring its access policy for its domain system's commands. */
  systems: readonly ProjectionSystem[];
  /** The deciders' view of the projections (the roster and the links). */
  directory: (projections: ProjectionSet) => Directory;
  /** A fresh, empty set of projections like the runner's, for a batch's staging. */
  createProjections: () => ProjectionSet;
  readYourWritesTimeoutMs: number;
  sealer?: Sealer;
  /** A seal that fails after a command: the command stands and a later one seals. */
  onSealError?: (error: unknown) => void;
  /** The clock; commands take their `now` from here. */
  now?: () => Date;
  /** Told of every append and every refused command (the API's metrics); never changes an outcome. */
  observer?: WriteObserver;
  /** Most commands one group commit appends together (default 256); 1 turns group commit off. */
  groupCommitLimit?: number;
}

/**
 * What the write path reports as it works, for metrics kept outside the lib. Calls are synchronous
 * and an observer that throws is ignored: a command's outcome never depends on its observer.
 */
export interface WriteObserver {
  /**
   * A command's events were appended: how many, and how long it took from reading the stream to
   * the append's acknowledgement, conflict retries included. (A batch, the CSV import's, is not
   * reported: only the CLI writes batches, and it keeps no metrics.)
   */
  appended?(report: { command: string; events: number; seconds: number }): void;
  /** A command was refused before its append was acknowledged: the error it was refused with. */
  refused?(report: { command: string; error: unknown }): void;
}

function tell(observe: () => void): void {
  try {
    observe();
  } catch {
    // An observer's fault is not the command's.
  }
}

const secondsSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

/** A command waiting for its turn, with the promise its caller holds. */
interface Waiting {
  command: AnyCommand;
  origin: Origin;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

/** A command of a group, decided and not yet written. */
interface Staged {
  waiting: Waiting;
  decided: Extract<Decided, { kind: 'APPEND' }>;
  started: bigint;
}

const DEFAULT_GROUP_COMMIT_LIMIT = 256;

export class WritePath {
  private queue: Promise<unknown> = Promise.resolve();
  /** Commands waiting for the next turn; non-empty only while a turn to take them is queued. */
  private waiting: Waiting[] = [];
  private readonly groupLimit: number;

  constructor(
    private readonly store: EventStore,
    private readonly runner: ProjectionRunner<ProjectionSet>,
    private readonly options: WritePathOptions,
  ) {
    this.groupLimit = Math.max(1, options.groupCommitLimit ?? DEFAULT_GROUP_COMMIT_LIMIT);
  }

  /** Records one command; resolves once this instance's projections show it. */
  record(command: AnyCommand, origin: Origin): Promise<WriteOutcome> {
    if (this.groupLimit === 1) return this.serial(() => this.run(command, origin));
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.waiting.push({ command, origin, resolve, reject });
      // For a command that can be grouped, the turn starts after this turn of the event loop: every
      // request whose body has arrived by now reaches this queue first (its way here is promises)
      // and joins the same group. Any other command starts its turn at once, as it runs alone.
      if (this.waiting.length !== 1) return;
      const gathered = this.options.registry.independent(command.type) ? new Promise<void>((resolve) => setImmediate(resolve)) : Promise.resolve();
      void this.serial(() => gathered.then(() => this.turn()));
    });
  }

  /**
   * The same write path, telling `observer` of its appends and refusals. For a caller that gets its
   * write path from the composition (which builds it without one); call it before the first command.
   */
  observedBy(observer: WriteObserver): WritePath {
    return new WritePath(this.store, this.runner, { ...this.options, observer });
  }

  /**
   * Authorises a seal of everything recorded so far: an auditor's token or an operator. Returns the
   * seals written and the last seal (null on an empty log).
   */
  seal(writer: Writer): Promise<{ written: Seal[]; last: Seal | null }> {
    if (writer.kind === 'TOKEN' && writer.principal.role !== 'AUDITOR') throw forbidden(`the role ${writer.principal.role} may not seal the log (allowed: AUDITOR)`);
    const sealer = this.options.sealer;
    if (!sealer) throw new Error('this write path has no sealer');
    const correlationId = randomUUID();
    return this.serial(() => sealer.seal({ actor: actorOf(writer), ...(writer.kind === 'TOKEN' ? { tokenId: writer.principal.tokenId } : {}), correlationId, causationId: correlationId }));
  }

  /**
   * An all-or-nothing batch (the CSV import): every command is decided against the log as recorded
   * plus the commands staged before it, on projections of its own (the live ones never see a
   * staged event), and `commit` writes them all in one append.
   */
  async batch(writer: Writer, source: Metadata): Promise<WriteBatch> {
    const projections = this.options.createProjections();
    await new ProjectionRunner(this.store, projections).catchUp();
    return new WriteBatch(this.store, this.options, projections, writer, source, (work) => this.serial(work), () => this.afterWrite(randomUUID()));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One turn of the write path: every command that was waiting when it began, in arrival order. */
  private async turn(): Promise<void> {
    const work = this.waiting;
    this.waiting = [];
    while (work.length > 0) {
      if (this.options.registry.independent(work[0]!.command.type)) {
        await this.group(work);
        continue;
      }
      const next = work.shift()!;
      await this.run(next.command, next.origin).then(next.resolve, next.reject);
    }
  }

  /**
   * Takes from the front of `work` the independent commands that can share one append (distinct
   * streams, distinct command ids, at most the limit), decides each against the model as it
   * stands, and appends the ones that write in one `appendMany`.
   */
  private async group(work: Waiting[]): Promise<void> {
    const { registry, observer } = this.options;
    try {
      await this.caughtUpTo(await this.store.headPosition());
    } catch (error) {
      // As a command alone would be: this one is refused with the reason, the next tries again.
      const first = work.shift()!;
      tell(() => observer?.refused?.({ command: first.command.type, error }));
      first.reject(error);
      return;
    }
    const projections = this.runner.model;
    const streams = new Set<string>();
    const commandIds = new Set<string>();
    const staged: Staged[] = [];
    while (work.length > 0 && staged.length < this.groupLimit) {
      const waiting = work[0]!;
      const { command, origin } = waiting;
      if (!registry.independent(command.type)) break;
      const key = origin.commandId === undefined ? undefined : commandKey(actorOf(origin.writer), origin.commandId);
      if (streams.has(registry.decider(command).streamId(command)) || (key !== undefined && commandIds.has(key))) break;
      work.shift();
      const started = process.hrtime.bigint();
      let decided: Decided;
      try {
        // Only the first command on an empty log stamps the chain's form (#audit/chain).
        decided = await this.decide(command, origin, projections, staged.length === 0);
      } catch (error) {
        tell(() => observer?.refused?.({ command: command.type, error }));
        waiting.reject(error);
        continue;
      }
      if (decided.kind === 'NOTHING') {
        waiting.resolve(outcomeOf(decided.result));
        continue;
      }
      const reserved = decided.items.map((item) => item.streamId);
      if (reserved.some((streamId) => streams.has(streamId))) {
        // A reservation another command of this group holds: it waits for the next group.
        work.unshift(waiting);
        break;
      }
      for (const streamId of reserved) streams.add(streamId);
      if (key !== undefined) commandIds.add(key);
      staged.push({ waiting, decided, started });
    }
    if (staged.length === 0) return;
    const results = await this.appendGroup(staged);
    const landed: Array<{ waiting: Waiting; outcome: WriteOutcome }> = [];
    for (const [i, { waiting, started }] of staged.entries()) {
      const result = results[i];
      if (!result) continue;
      tell(() => observer?.appended?.({ command: waiting.command.type, events: result.written, seconds: secondsSince(started) }));
      landed.push({ waiting, outcome: outcomeOf(result) });
    }
    if (landed.length > 0) {
      try {
        await this.caughtUpTo(Math.max(...landed.map((l) => l.outcome.position)));
        await this.afterWrite(randomUUID());
        for (const { waiting, outcome } of landed) waiting.resolve(outcome);
      } catch (error) {
        for (const { waiting } of landed) waiting.reject(error);
      }
    }
    // A command whose append failed wrote nothing (or, after a store's TIMEOUT, perhaps did: deciding
    // it again then finds its events and writes nothing): it runs again on its own.
    for (const [i, { waiting }] of staged.entries()) if (!results[i]) await this.run(waiting.command, waiting.origin).then(waiting.resolve, waiting.reject);
  }

  /**
   * The group's appends; per command its result, or undefined when its append failed. On a store
   * whose appendMany is all-or-nothing, one appendMany (one transaction, one fsync): any failure
   * fails them all. Elsewhere (EventStoreDB, which writes one stream atomically and no more) each
   * command's appends go out at once, side by side: the commands are independent, so one failing
   * leaves the others as they are, and the group waits one round trip instead of one per command.
   */
  private async appendGroup(staged: readonly Staged[]): Promise<Array<HandleResult | undefined>> {
    if (this.store.atomicBatches === true) {
      let results: AppendResult[];
      try {
        results = await this.store.appendMany(staged.flatMap((s) => s.decided.items));
      } catch {
        return staged.map(() => undefined);
      }
      let at = 0;
      return staged.map(({ decided }) => appendedResult(decided, results.slice(at, (at += decided.items.length))));
    }
    const settled = await Promise.allSettled(staged.map(({ decided }) => this.store.appendMany(decided.items)));
    return settled.map((s, i) => (s.status === 'fulfilled' ? appendedResult(staged[i]!.decided, s.value) : undefined));
  }

  private async run(command: AnyCommand, origin: Origin): Promise<WriteOutcome> {
    const { observer } = this.options;
    // A command starts its own correlation and is the cause of the events it writes.
    const commandId = randomUUID();
    const result = await this.decideAndAppend(command, origin, commandId).catch((error: unknown) => {
      tell(() => observer?.refused?.({ command: command.type, error }));
      throw error;
    });
    // Answer only once this instance's projections show the write, so the client's next query sees it.
    await this.caughtUpTo(result.position);
    if (result.written > 0) await this.afterWrite(commandId);
    return outcomeOf(result);
  }

  /** Steps 1 to 5; a command that throws here wrote nothing (or, on a TIMEOUT, may have: see handleCommand). */
  private async decideAndAppend(command: AnyCommand, origin: Origin, commandId: string): Promise<HandleResult> {
    const { registry, observer } = this.options;
    await this.caughtUpTo(await this.store.headPosition());
    const projections = this.runner.model;
    const repeat = this.admit(command, origin, projections);
    if (repeat) return repeat;
    const started = process.hrtime.bigint();
    const result = await handleCommand(this.store, registry.decider(command), command, context(this.options, actorOf(origin.writer), projections), this.handleOptions(command, origin, commandId, projections, true));
    if (result.written > 0) tell(() => observer?.appended?.({ command: command.type, events: result.written, seconds: secondsSince(started) }));
    return result;
  }

  /** Steps 2 to 4 for a command of a group: as in decideAndAppend, without the append. */
  private async decide(command: AnyCommand, origin: Origin, projections: ProjectionSet, stampsNewLog: boolean): Promise<Decided> {
    const repeat = this.admit(command, origin, projections);
    if (repeat) return { kind: 'NOTHING', result: repeat };
    const { registry } = this.options;
    // A command starts its own correlation and is the cause of the events it writes.
    return decideCommand(this.store, registry.decider(command), command, context(this.options, actorOf(origin.writer), projections), this.handleOptions(command, origin, randomUUID(), projections, stampsNewLog));
  }

  /**
   * Steps 2 and 3: the writer may send the command (else it throws FORBIDDEN), and a command id
   * sent before is answered as the first time (the returned result) or refused as a CONFLICT when
   * it came with another command.
   */
  private admit(command: AnyCommand, origin: Origin, projections: ProjectionSet): HandleResult | undefined {
    authorizeCommand(this.options, origin.writer, command, projections);
    if (origin.commandId === undefined) return undefined;
    const commandId = requireId(origin.commandId, 'commandId');
    const first = projections.get<CommandIdsProjection>(CommandIdsProjection.NAME).recorded(actorOf(origin.writer), commandId);
    if (!first) return undefined;
    if (first.fingerprint !== fingerprintOf(command)) {
      throw conflict(`command id ${commandId} was sent before with another command (${first.type}, recorded at position ${first.position}); a new command needs a new id`, 'commandId');
    }
    return { streamId: first.streamId, written: 0, position: first.position, nextExpectedVersion: first.version };
  }

  /** Step 4's metadata and the decider's options; `stampsNewLog`: this command may be the log's first. */
  private handleOptions(command: AnyCommand, origin: Origin, commandId: string, projections: ProjectionSet, stampsNewLog: boolean): HandleOptions {
    const { registry } = this.options;
    const keyed = origin.commandId === undefined ? undefined : { commandId: origin.commandId, commandFingerprint: fingerprintOf(command) };
    return {
      expectedVersion: origin.expectedVersion,
      upcast: (event) => registry.upcast(event),
      claim: (event) => registry.claim(event),
      // The first command on an empty log puts the log in form 2 of the chain from its first event (#audit/chain).
      metadata: { ...writerMetadata(origin.writer), command: command.type, correlationId: commandId, causationId: commandId, ...keyed, ...(stampsNewLog && projections.position === 0 ? NEW_LOG_METADATA : {}) },
      eventMetadata: (event) => ({ ...registry.auditFacts(event) }),
    };
  }

  /**
   * Waits for a runner that follows the log (the API's) to reach `position`; a runner that does not
   * (a command-line process that read the log once) reads on to it now.
   */
  private async caughtUpTo(position: number): Promise<void> {
    if (this.runner.status.state === 'live' || this.runner.status.state === 'retrying' || this.runner.status.state === 'catching-up') {
      await this.runner.waitFor(position, this.options.readYourWritesTimeoutMs);
      return;
    }
    if (this.runner.position < position) await this.runner.catchUp();
  }

  /** The write stands whatever happens to the seal; a seal that fails is written after a later command. */
  private async afterWrite(correlationId: string): Promise<void> {
    await this.options.sealer?.sealIfDue({ actor: 'system:sealer', correlationId, causationId: correlationId }).catch((error: unknown) => this.options.onSealError?.(error));
  }
}

const outcomeOf = (result: HandleResult): WriteOutcome => ({ streamId: result.streamId, position: result.position, version: result.nextExpectedVersion, written: result.written });

function context(options: WritePathOptions, actor: string, projections: ProjectionSet): CommandContext {
  return { now: (options.now?.() ?? new Date()).toISOString(), actor, directory: options.directory(projections), newId: newEventId };
}

/** What identifies a command for its id: the SHA-256 of its canonical JSON (chain.ts). */
const fingerprintOf = (command: AnyCommand): string => createHash('sha256').update(canonicalJson(command)).digest('hex');

function writerMetadata(writer: Writer): Metadata {
  return writer.kind === 'TOKEN' ? { actor: writer.principal.subject, tokenId: writer.principal.tokenId } : { actor: writer.name, via: 'operator' };
}

/** Role, then the command's system's policy. An operator holds the data file and may send anything. */
export function authorizeCommand(options: Pick<WritePathOptions, 'registry' | 'systems'>, writer: Writer, command: AnyCommand, projections: ProjectionSet): void {
  if (writer.kind === 'OPERATOR') return;
  const { principal } = writer;
  const roles = options.registry.roles(command.type);
  if (!roles.includes(principal.role)) throw forbidden(`the role ${principal.role} may not ${command.type} (allowed: ${roles.join(', ') || 'nobody'})`);
  const system = options.registry.systemOf(command.type);
  for (const entry of options.systems) if (entry.system === system) entry.policy?.authorize(principal, command, projections);
}

// ---------------------------------------------------------------- batches (the import)

interface StreamSlot {
  /** Events already in the store, oldest first, in their current shape. */
  stored: RecordedEvent[];
  /** The state folded from `stored` and from the events staged for this stream so far. */
  state: unknown;
  /** Revision of the last event, stored or staged; -1 for none. */
  revision: number;
}

/** Where a staged command came from: the file and line of its row. */
export interface RowOrigin {
  file: string;
  line: number;
}

export class WriteBatch {
  private readonly slots = new Map<string, StreamSlot>();
  /** In staging order; consecutive events of one stream share an item, so the log keeps cause before effect. */
  private readonly items: StreamAppend[] = [];
  private position: number;
  private committed = false;
  readonly correlationId = randomUUID();

  constructor(
    private readonly store: EventStore,
    private readonly options: WritePathOptions,
    private readonly projections: ProjectionSet,
    private readonly writer: Writer,
    /** Metadata of every event of the batch, e.g. `{ source: 'csv-import' }`. */
    private readonly source: Metadata,
    private readonly serial: <T>(work: () => Promise<T>) => Promise<T>,
    private readonly afterCommit: () => Promise<void>,
  ) {
    this.position = projections.position;
  }

  /** Events staged so far. */
  get staged(): number {
    return this.items.reduce((n, item) => n + item.events.length, 0);
  }

  /**
   * Decides a command against the record plus what this batch has staged; returns the number of
   * events staged, 0 when the command was already applied. A refusal throws and stages nothing.
   */
  async stage(command: AnyCommand, row: RowOrigin, now: string): Promise<number> {
    const { registry } = this.options;
    authorizeCommand(this.options, this.writer, command, this.projections);
    const decider = registry.decider(command);
    const streamId = decider.streamId(command);
    const slot = await this.slot(streamId, decider);
    const ctx = context({ ...this.options, now: () => new Date(now) }, actorOf(this.writer), this.projections);
    if (this.alreadyApplied(decider, command, slot, row, ctx)) return 0;
    const events = decider.decide(command, slot.state, ctx);
    // The row's command causes its events; the batch as a whole is their one correlation.
    const causationId = randomUUID();
    // Reservations first, as handleCommand appends them: on EventStoreDB, which writes stream by
    // stream, a claim lost to a concurrent writer then stops the batch before the row's events.
    const claimsFirst = [...events.filter((e) => registry.claim(e)), ...events.filter((e) => !registry.claim(e))];
    for (const event of claimsFirst) {
      const claim = registry.claim(event);
      if (!claim) {
        this.put(streamId, slot, decider.evolve(slot.state, event), event, row, causationId, command.type, now);
        continue;
      }
      // A reservation beside the command's stream: it must take exactly the revision it claims.
      const claimed = await this.slot(claim.streamId, decider);
      if (claimed.revision + 1 !== claim.revision) throw new StreamVersionConflictError(claim.streamId, claim.revision === 0 ? NO_STREAM : claim.revision - 1, claimed.revision < 0 ? NO_STREAM : claimed.revision);
      this.put(claim.streamId, claimed, claimed.state, event, row, causationId, command.type, now);
    }
    return events.length;
  }

  /** Writes every staged event in one append (one transaction on SQLite); returns the count. */
  async commit(): Promise<number> {
    if (this.committed) throw new Error('this batch was committed already');
    this.committed = true;
    if (this.items.length === 0) return 0;
    await this.serial(() => this.store.appendMany(this.items));
    await this.afterCommit();
    return this.staged;
  }

  /**
   * A row is already applied when its stream holds events recorded from the same source, file and
   * line that the row, decided again on the state just before them and as the same actor,
   * reproduces exactly. This is what makes a correction, retraction or link end safe to re-run
   * (deciding those again on the current state would be refused, or would undo a later
   * correction), and it keeps a re-run of a create quiet after the entity changed since. Any other
   * row is decided on the current state, where the deciders' own rule applies: an identical
   * repeat of a create decides nothing. A row whose line moved since the first run is therefore
   * decided on the current state, which refuses a repeated correction, retraction or end loudly
   * rather than applying it twice.
   */
  private alreadyApplied(decider: ReturnType<SystemRegistry['decider']>, command: AnyCommand, slot: StreamSlot, row: RowOrigin, ctx: CommandContext): boolean {
    let state = decider.initialState;
    for (const [i, recorded] of slot.stored.entries()) {
      const m = recorded.metadata;
      if (m.source === this.source.source && m.file === row.file && m.line === row.line && typeof m.actor === 'string') {
        try {
          // Ids the decider drew from `newId` (an issue's) were the writer's then and are another now: `reproduces` matches them.
          const actor = m.actor;
          // A reservation the row made lives in another stream: the row's own stream holds the rest.
          const own = (newId: () => string) => decider.decide(command, state, { ...ctx, actor, newId }).filter((e: { type: string; data: unknown }) => !this.options.registry.claim(e));
          if (reproduces(own, slot.stored.slice(i))) return true;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
      }
      state = decider.evolve(state, { type: recorded.type, data: recorded.data });
    }
    return false;
  }

  private async slot(streamId: string, decider: ReturnType<SystemRegistry['decider']>): Promise<StreamSlot> {
    let slot = this.slots.get(streamId);
    if (!slot) {
      const stored = (await this.store.readStream(streamId)).map((e) => this.options.registry.upcast(e));
      const state = stored.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data }), decider.initialState);
      slot = { stored, state, revision: stored.length - 1 };
      this.slots.set(streamId, slot);
    }
    return slot;
  }

  private put(streamId: string, slot: StreamSlot, next: unknown, event: { type: string; data: unknown }, row: RowOrigin, causationId: string, command: string, now: string): void {
    const recorded: EventData = {
      id: newEventId(),
      type: event.type,
      data: event.data,
      metadata: {
        ...writerMetadata(this.writer),
        command,
        correlationId: this.correlationId,
        causationId,
        ...this.source,
        file: row.file,
        line: row.line,
        ...this.options.registry.auditFacts(event),
        // The first event of an empty log puts it in form 2 of the chain (#audit/chain).
        ...(this.position === 0 ? NEW_LOG_METADATA : {}),
      },
    };
    const last = this.items.at(-1);
    if (last?.streamId === streamId) last.events.push(recorded);
    else this.items.push({ streamId, events: [recorded], expectedVersion: slot.revision < 0 ? NO_STREAM : slot.revision });
    slot.revision++;
    slot.state = next;
    // The batch's own projections see the staged event as if recorded, so later rows find it.
    this.projections.apply({ ...recorded, metadata: recorded.metadata!, streamId, revision: slot.revision, position: ++this.position, recordedAt: now });
  }
}
