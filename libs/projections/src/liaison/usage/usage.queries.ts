/**
 * How a link is used: contacts per period, total, last contact, days since, mean interval; the
 * distribution of due links by contacts in a period; and the stale links (DOMAIN.md, "Usage of a
 * link"). Only contacts in the link's active window count anywhere here: one that occurred
 * before `activeFrom` is on record but is not usage of the link.
 */
import { Period, PeriodKind, Scheme, daysBetween, invalid, notFound, periodsBetween } from '#domain';
import {
  PeriodInput,
  activeRange,
  checkInstant,
  checkPeriodKind,
  checkScheme,
  compareStrings,
  countedContacts,
  iso,
  isActiveAt,
  isDue,
  linksOf,
  plenaryWindows,
  requiredIn,
  sourceAt,
  toPeriod,
} from '../network/linkFigures.js';
import { LinkRow, LiaisonView } from '../liaisonView.js';

const DAY_MS = 86_400_000;

export interface PeriodUsage {
  period: Period;
  /** Contacts serving the link in the period, within its active window and up to `on`. */
  contacts: number;
  /** The part of `contacts` that counts toward the requirement (a CONVENER link leaves out plenary sessions). */
  counted: number;
  /** The requirement converted to this period's kind. */
  required: number;
  met: boolean;
}

export interface LinkUsage {
  linkId: string;
  /** Contacts in the active window up to and including `on`. */
  total: number;
  perPeriod: PeriodUsage[];
  lastContactAt: string | null;
  /** Whole days from the last contact to `on`; null when never contacted. */
  daysSinceLast: number | null;
  /** Mean gap between consecutive contacts, in days to one decimal; null with fewer than two. */
  meanIntervalDays: number | null;
}

/** The latest contact in the active window at or before `on`, if any. */
function lastContact(link: LinkRow, on: number): number | undefined {
  const [lo, hi] = activeRange(link, -Infinity, on + 1);
  if (hi <= lo) return undefined;
  const last = link.contactTimes.lastBefore(hi);
  return last !== undefined && last >= lo ? last : undefined;
}

export function linkUsage(model: LiaisonView, query: { linkId: string; per: PeriodKind; on: number }): LinkUsage {
  const link = model.links.get(query.linkId);
  if (!link) throw notFound(`link ${query.linkId} is not assigned`, 'linkId');
  const per = checkPeriodKind(query.per);
  const on = checkInstant(query.on, 'on');
  const [lo, hi] = activeRange(link, -Infinity, on + 1);
  const total = hi > lo ? link.contactTimes.countBetween(lo, hi) : 0;
  const plenary = plenaryWindows(model);
  // The last period is the one holding the last active moment up to `on` (activeTo is exclusive).
  const perPeriod =
    hi > lo
      ? periodsBetween(lo, hi - 1, per).map((period): PeriodUsage => {
          const contacts = link.contactTimes.countBetween(Math.max(lo, period.start), Math.min(hi, period.end));
          const counted = countedContacts(link, period.start, Math.min(hi, period.end), plenary);
          const required = requiredIn(link, per);
          return { period, contacts, counted, required, met: counted >= required };
        })
      : [];
  const last = lastContact(link, on);
  const first = total > 0 ? link.contactTimes.firstAtOrAfter(lo) : undefined;
  return {
    linkId: link.id,
    total,
    perPeriod,
    lastContactAt: last === undefined ? null : iso(last),
    daysSinceLast: last === undefined ? null : daysBetween(last, on),
    // The consecutive gaps telescope: their mean is (last − first) / (n − 1).
    meanIntervalDays: total >= 2 && first !== undefined && last !== undefined ? Math.round(((last - first) / (total - 1) / DAY_MS) * 10) / 10 : null,
  };
}

export interface UsageBucket {
  /** `0` … `4`, then `5+`. */
  label: string;
  min: number;
  /** Inclusive; null for the open last bucket. */
  max: number | null;
  links: number;
}

export interface UsageHistogram {
  period: Period;
  scheme: Scheme | null;
  due: number;
  buckets: UsageBucket[];
}

/**
 * Due links by the number of their contacts in P that count toward the requirement (the figure
 * coverage compares with it), bucketed 0, 1, 2, 3, 4, 5+.
 */
export function usageHistogram(model: LiaisonView, query: { period: PeriodInput; scheme?: Scheme | null }): UsageHistogram {
  const period = toPeriod(query.period);
  const scheme = checkScheme(query.scheme);
  const plenary = plenaryWindows(model);
  const counts = [0, 0, 0, 0, 0, 0];
  let due = 0;
  for (const link of model.links.values()) {
    if ((scheme && link.scheme !== scheme) || !isDue(link, period)) continue;
    due++;
    counts[Math.min(5, countedContacts(link, period.start, period.end, plenary))]++;
  }
  return {
    period,
    scheme: scheme ?? null,
    due,
    buckets: counts.map((links, i) => ({ label: i < 5 ? String(i) : '5+', min: i, max: i < 5 ? i : null, links })),
  };
}

export interface StaleLink {
  linkId: string;
  scheme: Scheme;
  /** The source holding the link at `on`. */
  sourceId: string;
  targetId: string;
  activeFrom: string;
  lastContactAt: string | null;
  daysSinceLast: number | null;
}

/**
 * Links active at `on` with no contact in (on − days, on]. Never-contacted links come first (the
 * longest-active first), then by days since the last contact, most neglected first; ties by id.
 */
export function staleLinks(model: LiaisonView, query: { days: number; on: number; scheme?: Scheme | null }): StaleLink[] {
  const { days } = query;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) throw invalid(`days must be a whole number of at least 1, not ${String(days)}`, 'days');
  const on = checkInstant(query.on, 'on');
  const scheme = checkScheme(query.scheme);
  const stale: Array<StaleLink & { lastMs: number | undefined; fromMs: number }> = [];
  for (const link of linksOf(model, scheme)) {
    if (!isActiveAt(link, on)) continue;
    const last = lastContact(link, on);
    if (last !== undefined && last > on - days * DAY_MS) continue;
    stale.push({
      linkId: link.id,
      scheme: link.scheme,
      sourceId: sourceAt(link, on),
      targetId: link.targetId,
      activeFrom: iso(link.activeFromMs),
      lastContactAt: last === undefined ? null : iso(last),
      daysSinceLast: last === undefined ? null : daysBetween(last, on),
      lastMs: last,
      fromMs: link.activeFromMs,
    });
  }
  stale.sort((a, b) => {
    if (a.lastMs === undefined || b.lastMs === undefined) {
      if (a.lastMs !== b.lastMs) return a.lastMs === undefined ? -1 : 1;
      return a.fromMs - b.fromMs || compareStrings(a.linkId, b.linkId);
    }
    return a.lastMs - b.lastMs || compareStrings(a.linkId, b.linkId);
  });
  return stale.map(({ lastMs: _l, fromMs: _f, ...row }) => row);
}
