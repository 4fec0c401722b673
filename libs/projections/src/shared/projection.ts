/**
 * Many projections, one read of the log. A projection names the event types it folds; the set
 * reads each event once, upcasts it to its current shape, and hands it to every projection that
 * handles its type, in registration order (a projection may read the ones registered before it).
 *
 * Guarantees:
 * - deterministic: the same log gives the same projections, whatever pages it arrives in; an event
 *   at or before the set's position is ignored, so a replayed or duplicated delivery changes nothing;
 * - a projection never throws on data: an event of a handled type it cannot use (a reference to
 *   nothing, a duplicate) is counted in its own `skipped`; an event no projection handles (a seal,
 *   another system's) is counted in the set's `unhandled` and is nobody's `skipped`.
 */
import type { RecordedEvent } from '#event-store/eventStore';
import type { SortedTimes } from '../liaison/network/sortedTimes.js';

export interface Projection {
  readonly name: string;
  readonly handles: ReadonlySet<string>;
  /** Events of a handled type it could not use. */
  skipped: number;
  /** Folds one event; false when the event could not be used (the set counts it in `skipped`). */
  apply(event: RecordedEvent): boolean;
  /**
   * Opting in to time travel: a copy that answers as this one does now and keeps folding like it.
   * `copies` holds the copies of the projections registered before this one (by name), which the
   * copy reads instead of the live ones; `copyTimes` copies an index of times (time travel passes
   * an overlay that never changes the kept copy's times). Absent: `asOf` cannot read it.
   */
  copyForTimeTravel?(copies: ReadonlyMap<string, Projection>, copyTimes: (times: SortedTimes) => SortedTimes): Projection;
  /**
   * For a copy that leaves history out (the contacts' copy keeps no contact rows): does it need the
   * earlier events of this event's stream before it can fold it, and then takes them.
   */
  needsEarlier?(event: RecordedEvent): boolean;
  adoptEarlier?(earlier: RecordedEvent[]): void;
  /** Fields a time-travel copy leaves empty (replay does not compare them on a copy). */
  readonly omittedFromCopies?: ReadonlySet<string>;
  /**
   * The version of this projection's state for a saved state (savedState/codec.ts; 1 when absent).
   * Any change to the projections' sources already invalidates saved states; bump this to say so
   * explicitly when the meaning of a field changes.
   */
  readonly stateVersion?: number;
}

export type Upcast = <E extends RecordedEvent>(event: E) => E;

export class ProjectionSet {
  /** Position of the last event read (handled or not). */
  position = 0;
  /** Events no projection of this set handles: seals, or events of a system this set does not run. */
  unhandled = 0;
  private readonly byName = new Map<string, Projection>();
  private readonly byType = new Map<string, Projection[]>();

  constructor(
    readonly projections: readonly Projection[],
    private readonly upcast: Upcast = (event) => event,
  ) {
    for (const projection of projections) {
      if (this.byName.has(projection.name)) throw new Error(`two projections are named ${projection.name}`);
      this.byName.set(projection.name, projection);
      for (const type of projection.handles) {
        const list = this.byType.get(type);
        if (list) list.push(projection);
        else this.byType.set(type, [projection]);
      }
    }
  }

  apply(event: RecordedEvent): void {
    if (event.position <= this.position) return;
    this.position = event.position;
    const projections = this.byType.get(event.type);
    if (!projections) {
      this.unhandled++;
      return;
    }
    const current = this.upcast(event);
    for (const projection of projections) if (!projection.apply(current)) projection.skipped++;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The projection registered under `name`; a name nobody registered is a programming error. */
  get<P extends Projection>(name: string): P {
    const projection = this.byName.get(name);
    if (!projection) throw new Error(`no projection named ${name} is registered (have: ${[...this.byName.keys()].join(', ')})`);
    return projection as P;
  }

  /** Skipped events per projection. */
  skipped(): Record<string, number> {
    return Object.fromEntries(this.projections.map((p) => [p.name, p.skipped]));
  }

  /** Names of the projections that keep copies for `asOf`. */
  travelling(): string[] {
    return this.projections.filter((p) => p.copyForTimeTravel).map((p) => p.name);
  }

  /** A set of copies of the projections that opt in to time travel, at this position. */
  copyForTimeTravel(copyTimes: (times: SortedTimes) => SortedTimes): ProjectionSet {
    const copies = new Map<string, Projection>();
    for (const projection of this.projections) {
      const copy = projection.copyForTimeTravel?.(copies, copyTimes);
      if (copy) copies.set(copy.name, copy);
    }
    const set = new ProjectionSet([...copies.values()], this.upcast);
    set.position = this.position;
    set.unhandled = this.unhandled;
    return set;
  }
}
