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
