/**
 * Given/when/then for deciders, and read models built from a list of events in one line.
 *
 *   given(contact, [logged]).when(logAgain, { directory }).then([]);
 *   given(liaisonLink, []).when(assign, { directory }).thenThrows('VALIDATION', 'is not CPC');
 *   const model = modelFrom([member('m1'), link('l1', 'm0', 'm1'), contact('c1', '2020-02-03', ['m0', 'm1'], { links: ['l1'] })]);
 *
 * `then` is named after the Given/When/Then it reads as (as in Emmett's DeciderSpecification);
 * the object it hangs on is therefore a thenable, so never `await` or return a bare `when(…)`.
 */
import { expect } from '@jest/globals';
import { CommandContext, DOMAIN, Decider, DomainError, DomainEvent, ErrorCode, parseInstant } from '#domain';
import { RecordedEvent } from '#event-store/eventStore';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { ProjectionSet } from '#projections/shared/projection';
import { createProjections } from '#projections/systems';

// ------------------------------------------------------------------ recording

/** A domain event, optionally with the store time it was recorded at (for late-logged contacts). */
export type GivenEvent = DomainEvent & { recordedAt?: string };

/** The event recorded at a given store time: `recordedAt('2020-05-10', contact(…))`. */
export const recordedAt = <E extends DomainEvent>(when: string, event: E): E & { recordedAt: string } => ({
  ...event,
  recordedAt: parseInstant(when, 'recordedAt'),
});

const BASE_RECORDED_MS = Date.parse('2018-01-01T00:00:00Z');


/** The instant an event speaks of, if any; used to give unstated `recordedAt`s a plausible, monotonic value. */
function ownInstant(event: DomainEvent): number | undefined {
  const d = event.data as unknown as Record<string, unknown>;
  for (const key of ['occurredAt', 'activeFrom', 'activeTo', 'effectiveAt', 'joinedOn', 'leftOn', 'dissolvedOn', 'startsOn']) {
    if (typeof d[key] === 'string') return Date.parse(d[key] as string);
  }
  return undefined;
}

/**
 * Events as the store would hand them to a projection: positions from `after + 1`, revisions per
 * stream, ids, and `recordedAt` as given or else the later of the previous one and the event's own
 * instant (an event is never recorded before it happened, and store time never goes back).
 */
export function record(events: readonly GivenEvent[], after = 0): RecordedEvent[] {
  const revisions = new Map<string, number>();
  let lastMs = BASE_RECORDED_MS;
  return events.map(({ recordedAt: stated, ...event }, i) => {
    const streamId = DOMAIN.streamOf(event);
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    lastMs = stated ? Date.parse(stated) : Math.max(lastMs, ownInstant(event as DomainEvent) ?? lastMs);
    const position = after + i + 1;
    return { id: `event-${position}`, type: event.type, data: event.data, metadata: {}, streamId, revision, position, recordedAt: new Date(lastMs).toISOString() };
  });
}

/** Folds events into a model, continuing from its position (a repeated event gets a new position). */
export function applyAll<M extends { position: number; apply(event: RecordedEvent): void }>(model: M, events: readonly GivenEvent[]): M {
  for (const e of record(events, model.position)) model.apply(e);
  return model;
}

/** Every registered projection, fed these events in order. */
export const projectionsFrom = (events: readonly GivenEvent[]): ProjectionSet => applyAll(createProjections(), events);

/** The liaison view of every registered projection, fed these events in order. */
export const modelFrom = (events: readonly GivenEvent[]): LiaisonView => LiaisonView.of(projectionsFrom(events));

// ------------------------------------------------------------------ errors

/** Matches a DomainError by code and part of its message: `expect(() => q()).toThrow(domainError('NOT_FOUND', 'link l9'))`. */
export const domainError = (code: ErrorCode, messagePart = '') =>
  expect.objectContaining({ name: 'DomainError', code, message: expect.stringContaining(messagePart) });

// ------------------------------------------------------------------ deciders

export const DEFAULT_NOW = '2020-12-31T04:00:00.000Z';

/** Ids `id-1`, `id-2` … per `when`, so an expected event can name the id a command was given. */
const counter = () => {
  let n = 0;
  return () => `id-${++n}`;
};

const defaultContext = (context: Partial<CommandContext>): CommandContext => ({
  now: context.now ?? DEFAULT_NOW,
  actor: context.actor ?? 'clerk',
  directory: context.directory ?? new LiaisonView(),
  newId: context.newId ?? counter(),
});

export interface DeciderThen<E> {
  /** The command produced exactly these events (`[]` for an idempotent repeat). */
  then(expected: E[]): void;
  /** The command was refused with this code and a message containing `messagePart`. */
  thenThrows(code: ErrorCode, messagePart?: string): void;
}

export function given<C, E, S>(decider: Decider<C, E, S>, events: readonly E[] = []) {
  const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState);
  return {
    state,
    when(command: C, context: Partial<CommandContext> = {}): DeciderThen<E> {
      const run = () => decider.decide(command, state, defaultContext(context));
      return {
        then(expected) {
          expect(run()).toEqual(expected);
        },
        thenThrows(code, messagePart) {
          expect(run).toThrow(DomainError);
          expect(run).toThrow(domainError(code, messagePart));
        },
      };
    },
  };
}
