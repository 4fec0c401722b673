/**
 * A party's contacts, newest occurrence first. It walks only the contacts listed under that
 * party, never the whole log.
 */
import { ContactRow, LiaisonView } from '../liaisonView.js';
import { checkInstant, compareStrings } from '../network/linkFigures.js';

export interface TimelineQuery {
  partyId: string;
  /** occurredAt ≥ from (epoch ms). */
  from?: number | null;
  /** occurredAt < to (epoch ms). */
  to?: number | null;
  /** Also show retracted contacts (flagged `retracted: true`), for auditors. */
  includeRetracted?: boolean | null;
}

export function contactTimeline(model: LiaisonView, query: TimelineQuery): ContactRow[] {
  const from = query.from == null ? -Infinity : checkInstant(query.from, 'from');
  const to = query.to == null ? Infinity : checkInstant(query.to, 'to');
  const out: ContactRow[] = [];
  for (const c of model.contactsByParty.get(query.partyId) ?? []) {
    if (c.occurredMs < from || c.occurredMs >= to) continue;
    if (c.retracted && !query.includeRetracted) continue;
    // A correction may have taken the party off the contact; its row stays listed under them.
    if (!c.participantIds.includes(query.partyId)) continue;
    out.push({ ...c, participantIds: [...c.participantIds], linkIds: [...c.linkIds] });
  }
  // Same instant: the later-recorded first, then by id, so the order never depends on Set order.
  return out.sort((a, b) => b.occurredMs - a.occurredMs || b.position - a.position || compareStrings(a.id, b.id));
}
