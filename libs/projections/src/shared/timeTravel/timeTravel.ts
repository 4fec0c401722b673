/**
 * Time travel on the transaction-time axis: the read model as it stood when the record held only
 * the events up to a position, i.e. what every dashboard said then. (The other axis, valid time,
 * is the period a figure is for: "Q1, as known now" is `coverage(period: "2020-Q1")`; "Q1, as
 * known on 1 April" is the same query with `asOf: "2020-04-01"`.)
 *
 * How it stays fast: while the live runner folds the log, every `snapshotEvery` events this keeps
 * a copy of the projections that opt in (Projection.copyForTimeTravel: for the liaison wing, the
 * roster, the links and the contacts' indexes of times, without the contact rows, which are most
 * of the memory). Projections that do not opt in (the tokens) have no past to ask about here. A model as of position P starts
 * from the nearest copy at or before P, whose times it overlays rather than copies (OverlayTimes),
 * and is folded forward with the events up to P; contacts corrected or retracted in that stretch
 * but logged before it get their rows from their own streams first. So the work per answer is
 * bounded by `snapshotEvery` events, however long the log, and leaves little garbage behind.
 *
 * "As of" an instant T means the longest prefix of the log whose events were all recorded at or
 * before T: that is what a dashboard could have shown at T, since positions follow commit order.
 */
import { START, type EventStore, type RecordedEvent } from '#event-store/eventStore';
import { invalid, parseInstant, toMs } from '#domain';
import { ProjectionSet } from '../projection.js';
import { ProjectionRunner } from '../runner.js';
import { OverlayTimes } from './overlayTimes.js';

/**
 * Events between two kept copies, by default. An answer folds at most this many events onto an
 * overlay of the nearest copy, at about the rate of a rebuild. Measured at 1M events on two cores
 * (bench/readSide.ts, `asOf`): 25,000 answered within about 0.5 s, 50,000 within about 0.8 s; each
 * copy costs about 18 MB of heap at 1M contacts (it holds contact times, not contacts).
 */
export const DEFAULT_SNAPSHOT_EVERY = 25_000;

export interface TimeTravelOptions {
  /** Events between two kept copies of the model; bounds the events folded per answer. */
  snapshotEvery: number;
  /** Models built for an `asOf` that are kept for the next query at the same point (a dashboard asks several). */
  cacheSize?: number;
  /** A fresh, empty set like the live one: where a fold starts before the first copy is kept. */
  empty: () => ProjectionSet;
  /** How earlier events read for a copy are brought to their current shape (the domain's upcasters). */
  upcast?: (event: RecordedEvent) => RecordedEvent;
}

/** TimeTravel's index of the record's times, as a saved state keeps it. */
export interface SavedTimeIndex {
  firstPosition: number | null;
  lastPosition: number;
  times: Float64Array;
  positions: Float64Array;
  before: Float64Array;
}

/** A resolved `asOf`: the last position of the record then, and the instant the figures are "now" at. */
export interface AsOfPoint {
  position: number;
  /** For an instant, that instant; for a position, when the record first reached it (its latest recorded-at). */
  atMs: number;
}

const PAGE = 1_000;
const POSITION = /^\d+$/;

export class TimeTravel {
  /** Figures-only copies, by ascending position. */
  private readonly snapshots: ProjectionSet[] = [];
  private sinceSnapshot = 0;
  private live: ProjectionSet | undefined;
  private firstPosition: number | undefined;
  private lastPosition = START;
  /**
   * Where the running maximum of recorded-at rises: at `positions[i]` it becomes `times[i]`, and
   * `before[i]` is the position just before that event. A prefix ending before `positions[i]`
   * was all recorded by `times[i - 1]`. One entry per commit at most (events of one commit share
   * their recorded-at), and none when a clock steps back.
   */
  private readonly times: number[] = [];
  private readonly positions: number[] = [];
  private readonly before: number[] = [];
  private readonly cache = new Map<number, Promise<ProjectionSet>>();

  constructor(
    private readonly store: EventStore,
    private readonly options: TimeTravelOptions,
  ) {
    if (!Number.isInteger(options.snapshotEvery) || options.snapshotEvery < 1) throw new RangeError('snapshotEvery must be a whole number from 1');
  }

  /** Follows a runner: every event it applies to its model from now on (start it afterwards, so the history is seen too). */
  attach(runner: ProjectionRunner<ProjectionSet>): () => void {
    return runner.onApplied((event) => this.observe(event, runner.model));
  }

  /** Called after `event` was applied to `model`, the live model, in log order. */
  observe(event: RecordedEvent, model: ProjectionSet): void {
    this.live = model;
    this.firstPosition ??= event.position;
    const recordedMs = Date.parse(event.recordedAt);
    if (this.times.length === 0 || recordedMs > this.times[this.times.length - 1]!) {
      this.times.push(recordedMs);
      this.positions.push(event.position);
      this.before.push(this.lastPosition);
    }
    this.lastPosition = event.position;
    if (++this.sinceSnapshot >= this.options.snapshotEvery) {
      this.snapshots.push(model.copyForTimeTravel((times) => times.clone()));
      this.sinceSnapshot = 0;
    }
  }

  /**
   * What this knows of the record's times up to now (not the copies): kept in a saved state with
   * the model it was built beside, so a restart that restores the model restores this too.
   */
  savedIndex(): SavedTimeIndex {
    return { firstPosition: this.firstPosition ?? null, lastPosition: this.lastPosition, times: Float64Array.from(this.times), positions: Float64Array.from(this.positions), before: Float64Array.from(this.before) };
  }

  /**
   * After `model` was restored from a saved state at its position, before any later event is
   * observed: takes back the index of times, and keeps one copy at the restored position. No copy
   * is kept for the stretch before it, so an `asOf` there folds the log from its first event
   * (correct, and slower: bounded by the log's length instead of `snapshotEvery`).
   */
  restoreIndex(index: SavedTimeIndex, model: ProjectionSet): void {
    if (this.lastPosition !== START || this.snapshots.length > 0) throw new Error('restoreIndex is for a time travel that has observed nothing yet');
    if (index.lastPosition !== model.position) throw new Error(`the index of times ends at position ${index.lastPosition}, the model at ${model.position}`);
    this.firstPosition = index.firstPosition ?? undefined;
    this.lastPosition = index.lastPosition;
    if (index.times.length !== index.positions.length || index.times.length !== index.before.length) throw new Error('the index of times is incomplete');
    for (let i = 0; i < index.times.length; i++) {
      this.times.push(index.times[i]!);
      this.positions.push(index.positions[i]!);
      this.before.push(index.before[i]!);
    }
    this.live = model;
    if (model.position > START) this.snapshots.push(model.copyForTimeTravel((times) => times.clone()));
    this.sinceSnapshot = 0;
  }

  /** Positions of the copies kept so far. */
  snapshotPositions(): number[] {
    return this.snapshots.map((s) => s.position);
  }

  /** The copy kept at `position`, if there is one (for replay's comparison). */
  snapshotAt(position: number): ProjectionSet | undefined {
    return this.snapshots.find((s) => s.position === position);
  }

  /**
   * Reads `asOf`: digits are a position, anything else an instant as `parseInstant` reads it (a
   * date alone is committee midnight). Refused (VALIDATION, field `asOf`): a point after `nowMs` or
   * beyond the head of the log, or before its first event.
   */
  resolve(asOf: string, nowMs: number): AsOfPoint {
    const first = this.firstPosition;
    if (POSITION.test(asOf)) {
      const position = Number(asOf);
      if (first === undefined || position < first) throw invalid(`asOf position ${asOf} is before the first event of the record${first === undefined ? ' (the record is empty)' : ` (position ${first})`}`, 'asOf');
      if (position > this.lastPosition) throw invalid(`asOf position ${asOf} is beyond the head of the record (position ${this.lastPosition})`, 'asOf');
      return { position, atMs: this.times[upperBound(this.positions, position) - 1]! };
    }
    const atMs = toMs(parseInstant(asOf, 'asOf'));
    if (atMs > nowMs) throw invalid(`asOf ${asOf} is in the future (now is ${new Date(nowMs).toISOString()})`, 'asOf');
    if (first === undefined || atMs < this.times[0]!) {
      throw invalid(`asOf ${asOf} is before the first event of the record${first === undefined ? ' (the record is empty)' : ` (recorded at ${new Date(this.times[0]!).toISOString()})`}`, 'asOf');
    }
    const rise = upperBound(this.times, atMs);
    return { position: rise < this.times.length ? this.before[rise]! : this.lastPosition, atMs };
  }

  /**
   * Runs `read` on the model as of `position` (which `resolve` checked). `read` runs in the same
   * turn as the check that the live model still stands at `position`, so it never sees a later event.
   */
  async answerAt<T>(position: number, read: (model: ProjectionSet) => T, reads: readonly string[] = []): Promise<T> {
    const missing = reads.filter((name) => !this.travelling.includes(name));
    if (missing.length > 0) throw invalid(`asOf cannot be answered from ${missing.join(', ')}: only ${this.travelling.join(', ')} keep their past`, 'asOf');
    if (this.live?.position === position) return read(this.live);
    let built = this.cache.get(position);
    if (!built) {
      built = this.build(position);
      this.cache.set(position, built);
      built.catch(() => this.cache.delete(position));
      while (this.cache.size > (this.options.cacheSize ?? 2)) this.cache.delete(this.cache.keys().next().value!);
    }
    return read(await built);
  }

  /** The model as of `position`, from the nearest copy at or before it. */
  async modelAt(position: number): Promise<ProjectionSet> {
    return this.answerAt(position, (m) => m);
  }

  private async build(position: number): Promise<ProjectionSet> {
    const base = this.snapshots[upperBound(this.snapshots.map((s) => s.position), position) - 1];
    // The kept copy is never changed: the answer's times are overlays on it, not copies of it.
    const model = base ? base.copyForTimeTravel((times) => new OverlayTimes(times)) : this.fresh();
    // Small pages, folded as they come: a page dies young in V8's heap, where a whole stretch kept
    // until the end would be promoted and then collected by full collections of a large heap.
    while (model.position < position) {
      const page = await this.store.readAll({ after: model.position, maxCount: PAGE });
      if (page.length === 0) break;
      const wanted = page[page.length - 1]!.position <= position ? page : page.filter((e) => e.position <= position);
      // Asked event by event, just before the event is folded: a contact logged earlier in this
      // same page then has its row already, and is not adopted (unindexed) before its own log.
      for (const e of wanted) {
        await this.adoptEarlier(model, e);
        model.apply(e);
      }
      if (wanted.length < page.length) break;
    }
    return model;
  }

  /**
   * A copy that leaves history out (the contacts' copy holds no contact rows) asks for the earlier
   * events of a stream before it folds a later one (a correction of a contact logged before the
   * copy): they all lie at or before the copy's position, and the copy takes the row they leave.
   */
  private async adoptEarlier(model: ProjectionSet, e: RecordedEvent): Promise<void> {
    for (const projection of model.projections) {
      if (!projection.handles.has(e.type) || !projection.needsEarlier?.(e)) continue;
      const earlier = await this.store.readStream(e.streamId, { to: e.revision - 1 });
      projection.adoptEarlier!(earlier.map((before) => this.upcast(before)));
    }
  }

  /** An empty set of the projections the live one copies for time travel (before the first copy). */
  private fresh(): ProjectionSet {
    return this.options.empty().copyForTimeTravel((times) => times.clone());
  }

  private upcast(event: RecordedEvent): RecordedEvent {
    return this.options.upcast ? this.options.upcast(event) : event;
  }

  private get travelling(): string[] {
    return (this.live ?? this.options.empty()).travelling();
  }
}

/** Index of the first element greater than `value` in an ascending array. */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
