/**
 * Whether a contact counts for each link it serves (DOMAIN.md, "What the dashboards measure"): a
 * contact counts for a link when it occurred while the link was active and, for a CONVENER link,
 * between plenary sessions (闭会期间). The figures read the same rules (linkFigures.ts); this
 * says them for one contact, so a clerk is told at once when an entry will count nowhere.
 */
import { LiaisonView } from '../liaisonView.js';
import { isActiveAt, plenaryWindows } from '../network/linkFigures.js';

/** Why a contact does not count for a link. */
export const NOT_COUNTED_CODES = ['BEFORE_ACTIVE', 'AFTER_END', 'IN_PLENARY_SESSION', 'RETRACTED', 'UNKNOWN_LINK'] as const;
export type NotCountedCode = (typeof NOT_COUNTED_CODES)[number];

export interface LinkCount {
  linkId: string;
  counts: boolean;
  /** Null when it counts. */
  code: NotCountedCode | null;
  reason: string | null;
}

const day = (ms: number) => new Date(ms).toISOString();

/** One entry per link the contact serves, in the contact's order; empty for an unknown or ad-hoc contact. */
export function contactLinkCounts(model: LiaisonView, contactId: string): LinkCount[] {
  const contact = model.contacts.get(contactId);
  if (!contact) return [];
  const ms = contact.occurredMs;
  return contact.linkIds.map((linkId): LinkCount => {
    const link = model.links.get(linkId);
    const no = (code: NotCountedCode, reason: string): LinkCount => ({ linkId, counts: false, code, reason });
    if (!link) return no('UNKNOWN_LINK', `link ${linkId} is not in the read model`);
    if (contact.retracted) return no('RETRACTED', `contact ${contactId} is retracted; it counts for no link`);
    if (!isActiveAt(link, ms)) {
      return ms < link.activeFromMs
        ? no('BEFORE_ACTIVE', `occurred ${contact.occurredAt}, before link ${linkId} became active (${day(link.activeFromMs)}): it is on record but counts for no period`)
        : no('AFTER_END', `occurred ${contact.occurredAt}, after link ${linkId} ended (${day(link.activeToMs!)}): it is on record but counts for no period`);
    }
    if (link.scheme === 'CONVENER' && plenaryWindows(model).some(([s, e]) => s <= ms && ms < e)) {
      return no('IN_PLENARY_SESSION', `occurred during a plenary session; a CONVENER link counts only contacts between sessions (闭会期间)`);
    }
    return { linkId, counts: true, code: null, reason: null };
  });
}
