/** The links as a filtered list, sorted by id for stable pagination. */
import { Requirement, Scheme } from '#domain';
import { byId, checkInstant, checkScheme, iso, isActiveAt, sourceAt } from '../network/linkFigures.js';
import { LinkRow, LiaisonView, currentSource } from '../liaisonView.js';

export interface LinkListRow {
  id: string;
  scheme: Scheme;
  /** The source now, or at `activeOn` when the list was asked for a moment. */
  sourceId: string;
  /** Every holder, oldest first, with the instant each took the link over. */
  tenures: Array<{ sourceId: string; from: string }>;
  targetId: string;
  requirement: Requirement;
  activeFrom: string;
  /** Exclusive; null while active. */
  activeTo: string | null;
  endReason: string | null;
  /** Non-retracted contacts serving it, whenever they occurred. */
  contacts: number;
}

export interface LinkFilter {
  scheme?: Scheme | null;
  /** Matches the source now, or at `activeOn` when given. */
  sourceId?: string | null;
  targetId?: string | null;
  /** Only links active at this instant (epoch ms). */
  activeOn?: number | null;
}

export function listLinks(model: LiaisonView, filter: LinkFilter = {}): LinkListRow[] {
  const scheme = checkScheme(filter.scheme);
  const activeOn = filter.activeOn == null ? undefined : checkInstant(filter.activeOn, 'activeOn');
  const out: LinkListRow[] = [];
  for (const link of model.links.values()) {
    if (scheme && link.scheme !== scheme) continue;
    if (filter.targetId && link.targetId !== filter.targetId) continue;
    if (activeOn !== undefined && !isActiveAt(link, activeOn)) continue;
    const sourceId = activeOn === undefined ? currentSource(link) : sourceAt(link, activeOn);
    if (filter.sourceId && sourceId !== filter.sourceId) continue;
    out.push(linkView(link, sourceId));
  }
  return out.sort(byId);
}

/** One link as the API shows it; `sourceId` defaults to the current holder. */
export function linkView(link: LinkRow, sourceId = currentSource(link)): LinkListRow {
  return {
    id: link.id,
    scheme: link.scheme,
    sourceId,
    tenures: link.tenures.map((t) => ({ sourceId: t.sourceId, from: iso(t.fromMs) })),
    targetId: link.targetId,
    requirement: { ...link.requirement },
    activeFrom: iso(link.activeFromMs),
    activeTo: link.activeToMs === null ? null : iso(link.activeToMs),
    endReason: link.endReason,
    contacts: link.contactTimes.size,
  };
}
