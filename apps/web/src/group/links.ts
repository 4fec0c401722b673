/** A liaison group's link as its page shows it, with this quarter's standing. */
import type { Directory } from '../directory.js';

export interface GroupLink {
  id: string;
  scheme: string;
  sourceId: string;
  targetId: string;
  /** Names from the roster, filled in by the page. */
  sourceName: string;
  targetName: string;
  usage: { perPeriod: Array<{ counted: number; required: number; met: boolean }> };
}

/** A link's figures for this quarter: the last period of its usage, asked for `on` now. */
export const thisQuarter = (link: GroupLink) => link.usage.perPeriod[link.usage.perPeriod.length - 1];

/** The links still short of their requirement this quarter first (the clerk's work), else in the order given. */
export const unmetFirst = <L extends GroupLink>(links: L[]): L[] => [...links].sort((a, b) => Number(thisQuarter(a)?.met ?? false) - Number(thisQuarter(b)?.met ?? false));

/**
 * The liaison group a link belongs to, as the leaders' by-group coverage counts it: an end that
 * is a liaison group itself (target first), else the target member's group, else the source
 * member's; null when none (the Party group's links, most of the committee office's).
 */
export function groupOfLink(directory: Directory, link: Pick<GroupLink, 'sourceId' | 'targetId'>): string | null {
  for (const end of [link.targetId, link.sourceId]) if (directory.get(end)?.orgKind === 'LIAISON_GROUP') return end;
  return directory.get(link.targetId)?.liaisonGroupId ?? directory.get(link.sourceId)?.liaisonGroupId ?? null;
}
