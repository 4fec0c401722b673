/** A liaison group's link as its page shows it, with this quarter's standing. */
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
