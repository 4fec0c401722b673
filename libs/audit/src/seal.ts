/**
 * Seals: the running hash (chain.ts) written into the log at intervals, as ordinary events of the
 * stream `audit-seals`, so a later reader can tell whether the record before them changed.
 *
 * A seal covers the events BEFORE it, never itself: seal data `{ count, hash }` says "the first
 * `count` events of the log chain to `hash`". The seal event is then chained like any other
 * event, so the next seal covers it, and altering a seal shows up in the next one. A seal is
 * normally the event right after the last one it covers; when another writer appends in between,
 * it still covers exactly `count` events and verify checks it at that ordinal.
 *
 * Every seal written here says `form: 2`: the events after it are hashed with their recorded-at
 * (chain.ts). On a log written before form 2, the first such seal is the switch.
 *
 * The stream is not `$`-prefixed: EventStoreDB reserves those names for system streams.
 */
import { randomUUID } from 'node:crypto';
import { EventStore, Metadata, NO_STREAM, RecordedEvent, START, StreamVersionConflictError } from '#event-store/eventStore';
import { newEventId } from '#event-store/eventId';
import { ChainWindow, FINGERPRINT_HEX, LATEST_FORM, RunningHash, SEAL_STREAM, SEAL_EVENT, declaresForm2, isHash, isSealEvent, startsForm2 } from './chain.js';

export { SEAL_STREAM, SEAL_EVENT, isSealEvent };

export interface SealData {
  /** Store position of the last event covered. */
  position: number;
  /** How many events the seal covers from the start of the log: the last one's ordinal (= `position` in a gap-free store). */
  count: number;
  /** The running hash after the last event covered (64 hex digits). */
  hash: string;
  /** `count` of the previous seal, 0 for the first: this seal covers ordinals previousCount+1 … count. */
  previousCount: number;
  /**
   * The first 8 hex digits of the running hash after each covered event, in order. The full hash
   * proves the interval intact; these let verify name the first altered event rather than only
   * the interval (32 bits each: a forger who matches one still fails the full hash).
   */
  fingerprints: string;
  /** The sealer's clock when it sealed. */
  sealedAt: string;
  /**
   * 2: the events after this seal are hashed in form 2 (with recorded-at). Absent in seals written
   * before form 2; once a seal has said 2, every later one must (verify reports one that does not).
   */
  form?: typeof LATEST_FORM;
}

/** A seal as recorded: its data and where the seal event itself sits. */
export interface Seal extends SealData {
  sealPosition: number;
}

/** Why a seal event's data is not a well-formed seal, or undefined when it is. */
export function sealDataProblem(data: unknown): string | undefined {
  const d = data as Partial<SealData> | null;
  if (typeof d !== 'object' || d === null) return 'its data is not an object';
  const whole = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!whole(d.count) || !whole(d.previousCount) || !whole(d.position)) return 'count, previousCount and position must be whole numbers';
  if (d.previousCount! > d.count!) return `it covers from #${d.previousCount! + 1} to #${d.count}, backwards`;
  if (!isHash(d.hash)) return 'its hash is not 64 hex digits';
  if (typeof d.fingerprints !== 'string' || d.fingerprints.length !== (d.count! - d.previousCount!) * FINGERPRINT_HEX) {
    return `it should hold ${d.count! - d.previousCount!} fingerprints of ${FINGERPRINT_HEX} hex digits`;
  }
  if (typeof d.sealedAt !== 'string') return 'sealedAt is missing';
  if (d.form !== undefined && d.form !== LATEST_FORM) return `its form is ${JSON.stringify(d.form)}: a seal declares form ${LATEST_FORM}, or nothing (a seal from before form 2)`;
  return undefined;
}

export const sealOf = (event: RecordedEvent): Seal => ({ ...(event.data as SealData), sealPosition: event.position });

export interface SealerOptions {
  /** Seal once this many events (other than seals) have been recorded since the last seal; 0 seals only on demand. */
  every: number;
  /**
   * True (default) when the store numbers positions 1, 2, 3 … without gaps, as every adapter here
   * does: the sealer then resumes from the last seal's position. Otherwise it recomputes the chain
   * from the start of the log once per process before its first seal.
   */
  gapless?: boolean;
  /** Most events one seal covers; a longer unsealed stretch gets several seals in a row. */
  maxEventsPerSeal?: number;
  clock?: () => Date;
}

const DEFAULT_MAX_EVENTS_PER_SEAL = 100_000;
const PAGE = 1_000;

interface ChainState {
  window: ChainWindow;
  /** The running hash after the last event read, and the form of the next. */
  running: RunningHash;
  /** Store position of the last event read. */
  position: number;
  lastSeal: Seal | null;
  /** Revision of the seal stream's last event, -1 when there is none. */
  sealRevision: number;
  /** Ordinals of the seal events inside `window`: they do not count towards `every`. */
  sealOrdinals: number[];
}

/**
 * Keeps the chain from the last seal to the head of the log and writes seals. One instance per
 * process; its calls run one at a time. Two processes sealing the same store meet on the seal
 * stream's expected version: the loser reloads and seals only what is still unsealed.
 */
export class Sealer {
  private state: ChainState | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** A sealIfDue that has not begun yet (sealIfDue). */
  private waitingCheck: Promise<Seal[]> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: SealerOptions,
  ) {}

  /**
   * Writes seals when `every` events have gathered since the last one; returns the seals written.
   * A call made while an earlier one still waits its turn joins it: that one reads the log to its
   * head when its turn comes, so it covers the later caller's events too, and a batch of commands
   * costs one read of the log's tail instead of one per command. A joined seal carries the first
   * caller's metadata (its correlation names one command of the batch).
   */
  sealIfDue(metadata: Metadata = {}): Promise<Seal[]> {
    if (this.waitingCheck) return this.waitingCheck;
    const check = this.serial(async () => {
      this.waitingCheck = undefined; // from here on, a caller's events may come after the read: it queues a check of its own
      if (this.options.every <= 0) return [];
      const state = await this.caughtUp();
      if (unsealed(state) < this.options.every) return [];
      return this.sealUpTo(state.window.last, metadata);
    });
    this.waitingCheck = check;
    return check;
  }

  /** Seals everything recorded so far; `written` is empty when nothing was left unsealed. */
  seal(metadata: Metadata = {}): Promise<{ written: Seal[]; last: Seal | null }> {
    return this.serial(async () => {
      const state = await this.caughtUp();
      const written = unsealed(state) > 0 ? await this.sealUpTo(state.window.last, metadata) : [];
      return { written, last: this.state?.lastSeal ?? null };
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sealUpTo(target: number, metadata: Metadata): Promise<Seal[]> {
    const written: Seal[] = [];
    for (let conflicts = 0; ; ) {
      const state = await this.caughtUp();
      if ((state.lastSeal?.count ?? 0) >= target || state.window.length === 0) return written;
      try {
        written.push(await this.write(state, metadata));
      } catch (error) {
        if (!(error instanceof StreamVersionConflictError) || ++conflicts > 3) throw error;
        // Another process sealed meanwhile: start again from its seal.
        this.state = undefined;
      }
    }
  }

  private async write(state: ChainState, metadata: Metadata): Promise<Seal> {
    const { window } = state;
    const upTo = Math.min(window.last, window.base + (this.options.maxEventsPerSeal ?? DEFAULT_MAX_EVENTS_PER_SEAL));
    const data: SealData = {
      position: window.positionAt(upTo),
      count: upTo,
      hash: window.hashAt(upTo).toString('hex'),
      previousCount: window.base,
      fingerprints: window.fingerprints(upTo),
      sealedAt: (this.options.clock?.() ?? new Date()).toISOString(),
      form: LATEST_FORM,
    };
    const id = newEventId();
    const result = await this.store.appendToStream(
      SEAL_STREAM,
      [{ id, type: SEAL_EVENT, data, metadata: { correlationId: id, causationId: id, ...metadata } }],
      { expectedVersion: state.sealRevision < 0 ? NO_STREAM : state.sealRevision },
    );
    const seal: Seal = { ...data, sealPosition: result.position };
    state.lastSeal = seal;
    state.sealRevision = result.nextExpectedVersion;
    window.dropThrough(upTo);
    state.sealOrdinals = state.sealOrdinals.filter((o) => o > upTo);
    return seal;
  }

  private async caughtUp(): Promise<ChainState> {
    this.state ??= await this.load();
    const state = this.state;
    for (;;) {
      const page = await this.store.readAll({ after: state.position, maxCount: PAGE });
      for (const event of page) this.chain(state, event);
      if (page.length < PAGE) return state;
    }
  }

  private chain(state: ChainState, event: RecordedEvent): void {
    state.window.push(event.position, state.running.push(event).hash);
    state.position = event.position;
    if (!isSealEvent(event)) return;
    state.sealOrdinals.push(state.window.last);
    state.sealRevision = Math.max(state.sealRevision, event.revision);
    // A seal this process did not write (the CLI's, another instance's) is adopted when it agrees
    // with the chain as computed here, so the next seal continues from it.
    const d = event.data as SealData;
    if (sealDataProblem(d) === undefined && d.previousCount === state.window.base && state.window.has(d.count) && state.window.hashAt(d.count).toString('hex') === d.hash) {
      state.lastSeal = sealOf(event);
      state.window.dropThrough(d.count);
      state.sealOrdinals = state.sealOrdinals.filter((o) => o > d.count);
    }
  }

  /**
   * Starts from the last seal (trusting it: checking the record is verify's job) or from the start
   * of the log. Resuming reads the events after the seal's last covered one, the seal itself
   * included, and those are hashed in the form in effect before the seal: form 2 when the seal
   * before it declared it (forms never go back, so that one tells), and the last seal's own
   * `form: 2` switches what follows it as the event is read.
   */
  private async load(): Promise<ChainState> {
    const [last, before] = await this.store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 2 });
    const fresh: ChainState = { window: new ChainWindow(0), running: new RunningHash(), position: START, lastSeal: null, sealRevision: last?.revision ?? -1, sealOrdinals: [] };
    if (!last || (this.options.gapless ?? true) === false || sealDataProblem(last.data) !== undefined) return fresh;
    const seal = sealOf(last);
    // The form before the last seal: 2 when the seal before it declared it, or when the log's first event put the whole log in form 2.
    const [first] = before !== undefined && declaresForm2(before) ? [] : await this.store.readAll({ after: START, maxCount: 1 });
    const form = (before !== undefined && declaresForm2(before)) || (first !== undefined && startsForm2(first)) ? LATEST_FORM : 1;
    return { ...fresh, window: new ChainWindow(seal.count), running: new RunningHash(Buffer.from(seal.hash, 'hex'), form), position: seal.position, lastSeal: seal };
  }
}

/** Events since the last seal that are not seals themselves. */
const unsealed = (state: ChainState): number => state.window.length - state.sealOrdinals.length;

/** Metadata for a seal written by the system after a command: it is caused by that command. */
export const sealMetadata = (actor: string, cause?: { correlationId?: unknown; causationId?: unknown }): Metadata => ({
  actor,
  correlationId: typeof cause?.correlationId === 'string' ? cause.correlationId : randomUUID(),
  ...(typeof cause?.causationId === 'string' ? { causationId: cause.causationId } : {}),
});
