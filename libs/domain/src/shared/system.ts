/**
 * A system (wing) as the domain library sees it: its commands, each with the decider that runs it
 * and the roles that may send it, and its events, each with the stream it lives in, the facts an
 * auditor reads off it and, where its shape changed, how an older version is read.
 *
 * Both tables are mapped types over the system's own unions, so a command without a decider or
 * roles, or an event without its stream and facts, fails the type check. The registry
 * (`systems.ts`) spreads any number of systems and refuses two that claim the same type.
 */
import type { Decider } from './decider.js';
import type { GrantSpec } from './grants.js';
import type { AccessRole } from './roles.js';

/**
 * What an auditor reads off an event besides its data: when the thing it records happened in the
 * world (occurred-at, the domain's valid time) and the reason given for a change. Recorded-at
 * (transaction time) is not here: the store stamps it.
 */
export interface AuditFacts {
  occurredAt?: string;
  reason?: string;
}

export interface CommandSpec<C> {
  decider: Decider<C, any, any>;
  /** Who may send it; finer checks (a recorder's grants) belong to the system's access policy. */
  roles: readonly AccessRole[];
  /**
   * Its decision, and its system's policy for it, read nothing that the events of another command
   * marked so can change, except in its own stream. The write path then decides commands marked so
   * side by side against one model and commits them in one transaction (group commit), which gives
   * exactly what deciding them one after another would. Mark a command only when that holds; the
   * write path's group-commit test decides a batch both ways and compares.
   */
  independent?: true;
}

export interface EventSpec<Data> {
  /** The stream the event lives in: `${prefix}-${data[key]}`, or `prefix` alone for a key of null (one stream per committee). */
  stream: readonly [prefix: string, key: string | null];
  /**
   * For an event a command records beside the events of its own stream (a reservation, such as a
   * proposal number): the revision it must take in its stream. The write path appends it in the
   * same transaction at the revision before, so a second writer with the same claim conflicts
   * instead of being recorded. Absent: the event belongs to the command's own stream.
   */
  claims?(data: Data): number;
  facts(data: Data): AuditFacts;
  /**
   * Reads an older version of the event's data as the current one. Events in a log are never
   * rewritten: every reader (projections, the write path, the contact texts) upcasts on read, so
   * the hash chain still covers the bytes as recorded. Must be a pure function of the recorded
   * event, so every reader and every replay sees the same current shape.
   */
  upcast?(data: unknown, event: { id: string; streamId: string }): Data;
}

export interface DomainSystem<C extends { type: string } = { type: string }, E extends { type: string; data: unknown } = { type: string; data: any }> {
  name: string;
  commands: { readonly [T in C['type']]: CommandSpec<Extract<C, { type: T }>> };
  events: { readonly [T in E['type']]: EventSpec<Extract<E, { type: T }>['data']> };
  /** The kinds of grant a token may carry for this system, by kind. */
  grants?: Readonly<Record<string, GrantSpec>>;
}

/** Types a system by its unions: `defineSystem<RosterCommand, RosterEvent>()({ … })`. */
export const defineSystem =
  <C extends { type: string }, E extends { type: string; data: unknown }>() =>
  (system: DomainSystem<C, E>): DomainSystem<C, E> =>
    system;

export type CommandOf<S> = S extends DomainSystem<infer C, any> ? C : never;
export type EventOf<S> = S extends DomainSystem<any, infer E> ? E : never;
