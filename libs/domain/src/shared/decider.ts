import { Directory } from './directory.js';

/** A domain event as deciders produce it; the store adds id, stream, revision, position and time. */
export interface Event<Type extends string, Data> {
  type: Type;
  data: Data;
}

/**
 * What a command brings besides its own fields. `now` is the only clock a decider sees, so a
 * replay decides exactly as the original did; `directory` answers cross-aggregate questions
 * (is the target CPC? does the locality exist?) from the read model the caller has caught up.
 */
export interface CommandContext {
  now: string;
  actor: string;
  directory: Directory;
  /**
   * A fresh id (UUIDv7 in the write path) for what a command creates without naming it, such as
   * an issue raised in a contact. Only `decide` calls it, and what it returns is recorded in the
   * events, so a replay (which folds events and never decides) sees the same ids.
   */
  newId: () => string;
}

export interface Decider<Command, DomainEvent, State> {
  /** The stream the command writes to; one command, one stream. */
  streamId(command: Command): string;
  initialState: State;
  evolve(state: State, event: DomainEvent): State;
  /** The events the command produces, `[]` when it is already done (an idempotent repeat), or a thrown DomainError. */
  decide(command: Command, state: State, context: CommandContext): DomainEvent[];
}

/** Structural equality for plain JSON data, used to recognise an idempotent repeat of a create. */
export function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether a command decided again reproduces events already recorded, the ids it takes from
 * `newId` aside: those are the writer's choice (a UUIDv7 then, another now), so each id drawn
 * matches whatever the recorded event holds in its place, the same recorded id wherever it is
 * drawn again. Everything else must be sameData. Recognises a command already applied, such as a
 * row of an earlier CSV import, when its events hold ids the decider assigned.
 */
export function reproduces(decide: (newId: () => string) => ReadonlyArray<{ type: string; data: unknown }>, recorded: ReadonlyArray<{ type: string; data: unknown }>): boolean {
  const drawn = new Map<string, unknown>();
  const decided = decide(() => {
    const id = `\u0000new-${drawn.size}`;
    drawn.set(id, undefined);
    return id;
  });
  const same = (a: unknown, b: unknown): boolean => {
    if (typeof a === 'string' && drawn.has(a)) {
      if (typeof b !== 'string') return false;
      const matched = drawn.get(a);
      drawn.set(a, b);
      return matched === undefined || matched === b;
    }
    if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
    if (typeof a === 'object' && a !== null) {
      if (typeof b !== 'object' || b === null || Array.isArray(b)) return false;
      const keys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
      const other = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
      return sameData(keys, other) && keys.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
    }
    return sameData(a, b);
  };
  return decided.length > 0 && decided.length <= recorded.length && decided.every((e, k) => e.type === recorded[k]!.type && same(e.data, recorded[k]!.data));
}
