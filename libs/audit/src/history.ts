/**
 * The record as an auditor reads it: every event with who recorded it, when it was recorded
 * (the store's clock), when the thing happened (the domain's occurred-at), and why (the reason a
 * correction, retraction or change gives). Read straight from the store, never from a read model,
 * so what is shown is what is recorded.
 */
import { DomainEvent, auditFacts, notFound } from '#domain';
import { EventStore, RecordedEvent, START } from '#event-store/eventStore';

/** One stream per entity, named `<kind>-<id>` by the deciders. */
export const ENTITY_STREAM_KINDS = ['member', 'organization', 'locality', 'person', 'plenary', 'link', 'contact'] as const;

export interface LogEntry {
  position: number;
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
  actor: string | null;
  occurredAt: string | null;
  reason: string | null;
  correlationId: string | null;
  causationId: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Occurred-at and reason come from the metadata the writer stamped; events recorded before the
 * writers stamped them get the same facts from their data (auditFacts), so old and new events
 * read alike.
 */
export function logEntry(event: RecordedEvent): LogEntry {
  const m = event.metadata;
  const facts = auditFacts(event as unknown as DomainEvent);
  return {
    position: event.position,
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: m,
    recordedAt: event.recordedAt,
    actor: text(m.actor),
    occurredAt: text(m.occurredAt) ?? facts.occurredAt ?? null,
    reason: text(m.reason) ?? facts.reason ?? null,
    correlationId: text(m.correlationId),
    causationId: text(m.causationId),
  };
}

/**
 * Every event of the entity's own stream (whatever kind of entity the id names), plus those of
 * `relatedStreamIds` (e.g. the links and contacts of a member), merged in log order. An id that
 * names no entity is NOT_FOUND.
 */
export async function entityHistory(store: EventStore, entityId: string, relatedStreamIds: readonly string[] = []): Promise<LogEntry[]> {
  const own = await Promise.all(ENTITY_STREAM_KINDS.map((kind) => store.readStream(`${kind}-${entityId}`)));
  if (own.every((events) => events.length === 0)) {
    throw notFound(`no member, organization, locality, person, plenary session, link or contact has the id ${entityId}`, 'entityId');
  }
  const ownIds = new Set(ENTITY_STREAM_KINDS.map((kind) => `${kind}-${entityId}`));
  const related = await Promise.all([...new Set(relatedStreamIds)].filter((s) => !ownIds.has(s)).map((s) => store.readStream(s)));
  return [...own, ...related]
    .flat()
    .sort((a, b) => a.position - b.position)
    .map(logEntry);
}

export interface LogQuery {
  /** Only events after this position (a page's cursor). */
  after?: number;
  /** Page size. */
  first: number;
  types?: readonly string[];
  streamId?: string;
  actor?: string;
  /** Recorded at or after this instant (epoch ms). */
  recordedFrom?: number;
  /** Recorded before this instant (epoch ms). */
  recordedTo?: number;
}

const PAGE = 1_000;

/**
 * A page of the raw log, filtered, in position order. With a stream it reads only that stream;
 * otherwise it scans the log from the cursor until it has a page (plus one, to know whether
 * another page follows), so a filter that matches little costs a longer scan, never a wrong page.
 */
export async function searchLog(store: EventStore, query: LogQuery): Promise<{ entries: LogEntry[]; hasNextPage: boolean }> {
  const after = query.after ?? START;
  const types = query.types && query.types.length > 0 ? new Set(query.types) : undefined;
  const matches = (e: RecordedEvent): boolean => {
    if (types && !types.has(e.type)) return false;
    if (query.streamId !== undefined && e.streamId !== query.streamId) return false;
    if (query.actor !== undefined && e.metadata.actor !== query.actor) return false;
    if (query.recordedFrom !== undefined || query.recordedTo !== undefined) {
      const at = Date.parse(e.recordedAt);
      if (query.recordedFrom !== undefined && at < query.recordedFrom) return false;
      if (query.recordedTo !== undefined && at >= query.recordedTo) return false;
    }
    return true;
  };
  const found: RecordedEvent[] = [];
  if (query.streamId !== undefined) {
    for (const e of await store.readStream(query.streamId)) if (e.position > after && matches(e) && found.length <= query.first) found.push(e);
  } else {
    for (let from = after; found.length <= query.first; ) {
      const page = await store.readAll({ after: from, maxCount: PAGE });
      for (const e of page) {
        if (matches(e)) found.push(e);
        if (found.length > query.first) break;
      }
      if (page.length < PAGE) break;
      from = page[page.length - 1]!.position;
    }
  }
  return { entries: found.slice(0, query.first).map(logEntry), hasNextPage: found.length > query.first };
}
