/**
 * The few figures every dashboard query is built from, defined once (DOMAIN.md, "What the
 * dashboards measure"). Each is O(log n) in a link's contacts: they read `link.contactTimes` by
 * binary search and never walk the contacts themselves, so a query over ~600 links stays in the
 * low milliseconds at a million contacts.
 */
import { PERIOD_KINDS, Period, PeriodKind, SCHEMES, Scheme, invalid, parsePeriod, requireOneOf, requiredContacts } from '#domain';
import { LinkRow, LiaisonView, currentSource } from '../liaisonView.js';

/** A period as the API receives it (`2020-Q2`) or already parsed. */
export type PeriodInput = string | Period;

export const toPeriod = (period: PeriodInput, field = 'period'): Period => (typeof period === 'string' ? parsePeriod(period, field) : period);

export const checkScheme = (scheme: Scheme | undefined | null): Scheme | undefined =>
  scheme == null ? undefined : requireOneOf(scheme, SCHEMES, 'scheme');

export const checkPeriodKind = (kind: PeriodKind, field = 'per'): PeriodKind => requireOneOf(kind, PERIOD_KINDS, field);

export function checkInstant(ms: number, field: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw invalid(`${field} must be an instant in epoch milliseconds, not ${String(ms)}`, field);
  return ms;
}

/** Due in [from, to): active at some moment of it. `activeToMs` is exclusive. */
export const isActiveDuring = (link: LinkRow, from: number, to: number): boolean =>
  link.activeFromMs < to && (link.activeToMs === null || link.activeToMs > from);

export const isDue = (link: LinkRow, period: Period): boolean => isActiveDuring(link, period.start, period.end);

export const isActiveAt = (link: LinkRow, ms: number): boolean => link.activeFromMs <= ms && (link.activeToMs === null || link.activeToMs > ms);

/** [from, to) clipped to the link's active window; empty (lo >= hi) when they do not meet. */
export function activeRange(link: LinkRow, from: number, to: number): [number, number] {
  return [Math.max(from, link.activeFromMs), link.activeToMs === null ? to : Math.min(to, link.activeToMs)];
}

/**
 * Contacts serving the link that occurred in [from, to) while it was active. A contact before
 * `activeFrom` is on record but outside the window, so it counts nowhere.
 */
export function contactsIn(link: LinkRow, from: number, to: number): number {
  const [lo, hi] = activeRange(link, from, to);
  return link.contactTimes.countBetween(lo, hi);
}

/** Plenary session windows [start, end), sorted and merged so an overlap is never subtracted twice. */
export function plenaryWindows(model: LiaisonView): Array<[number, number]> {
  const sorted = [...model.plenarySessions.values()].map((s): [number, number] => [s.startMs, s.endMs]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * The contacts that count toward the requirement in [from, to): those in the active window and,
 * for a CONVENER link, only those between plenary sessions (闭会期间).
 */
export function countedContacts(link: LinkRow, from: number, to: number, plenary: ReadonlyArray<[number, number]>): number {
  const [lo, hi] = activeRange(link, from, to);
  let n = link.contactTimes.countBetween(lo, hi);
  if (n > 0 && link.scheme === 'CONVENER') {
    for (const [s, e] of plenary) n -= link.contactTimes.countBetween(Math.max(lo, s), Math.min(hi, e));
  }
  return n;
}

/** The link's requirement converted to a period of `kind`, rounded up (2/QUARTER → 8/YEAR, 1/MONTH). */
export const requiredIn = (link: LinkRow, kind: PeriodKind): number => requiredContacts(link.requirement.minContacts, link.requirement.per, kind);

/** Index in `tenures` of the holder at `ms`: the last tenure begun by then (the first, before any). */
export function tenureIndexAt(link: LinkRow, ms: number): number {
  let i = 0;
  while (i + 1 < link.tenures.length && link.tenures[i + 1].fromMs <= ms) i++;
  return i;
}

/** Who held the link at `ms`. */
export const sourceAt = (link: LinkRow, ms: number): string => link.tenures[tenureIndexAt(link, ms)].sourceId;

/** The latest moment of [from, to) when the link was active (assumes it was active in it). */
export const lastActiveMoment = (link: LinkRow, to: number): number => (link.activeToMs === null ? to : Math.min(to, link.activeToMs)) - 1;

/** The source that held the link at the latest moment of [from, to) when it was active. */
export const sourceDuring = (link: LinkRow, to: number): string => sourceAt(link, lastActiveMoment(link, to));

/**
 * The liaison group a link belongs to for the by-group breakdown: the target or the current
 * source when it is a group itself, else the target member's group, else the source member's;
 * undefined when none (the link is then left out of that breakdown only).
 */
export function liaisonGroupOfLink(model: LiaisonView, link: LinkRow): string | undefined {
  const source = currentSource(link);
  for (const end of [link.targetId, source]) if (model.organizations.get(end)?.kind === 'LIAISON_GROUP') return end;
  return model.members.get(link.targetId)?.liaisonGroupId ?? model.members.get(source)?.liaisonGroupId ?? undefined;
}

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Links of one scheme, or of all, in id order so every list and breakdown is stable. */
export function linksOf(model: LiaisonView, scheme?: Scheme): LinkRow[] {
  const out: LinkRow[] = [];
  for (const link of model.links.values()) if (!scheme || link.scheme === scheme) out.push(link);
  return out.sort(byId);
}
