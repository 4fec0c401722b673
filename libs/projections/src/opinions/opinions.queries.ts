/**
 * The public-opinion reports figures, each a function of the projection (live, or as of an earlier
 * point): the list with its ladder, counts per member, group, sector and body, the year's ladder
 * by level, and the members' credit recomputed from the rule tables. Each reads the per-year
 * indexes the projection keeps; none scans the log.
 */
import type { CreditItem, OpinionLevel, ReportSource, ReportStage } from '#domain';
import { OPINION_LEVELS, REPORT_SOURCES, creditTableFor } from '#domain';
import { CREDIT_SLOTS, TOTAL_KEY, creditSlot, type CountDimension, type OpinionsProjection, type ReportRow, type YearLadder } from './opinions.projection.js';

export interface ReportFilter {
  stage?: ReportStage | null;
  /** Year of submission (a combined report: of combination). */
  year?: number | null;
  /** Among the authors (a member or a body; a combined report's are its parts'). */
  authorId?: string | null;
  recipientId?: string | null;
  source?: ReportSource | null;
  /** Taken up from this contact's raised issues (the trail from a conversation to its report). */
  sourceContactId?: string | null;
  /** Taken up from this proposal, not filed. */
  sourceProposalId?: string | null;
  issued?: boolean | null;
  combined?: boolean | null;
}

/** Visits the reports matching the filter, most recently recorded first (the office's intake order), kept by `keep` (the reader's grants). */
export function eachReport(p: OpinionsProjection, f: ReportFilter, keep: (row: ReportRow) => boolean, visit: (row: ReportRow) => void): void {
  // An author's or a recipient's reports are read off their index (the shorter, when both are
  // asked); any other list walks every report.
  const byAuthor = f.authorId ? (p.reportsByAuthor.get(f.authorId) ?? []) : null;
  const byRecipient = f.recipientId ? (p.reportsByRecipient.get(f.recipientId) ?? []) : null;
  const ordinals = byAuthor && byRecipient ? (byAuthor.length <= byRecipient.length ? byAuthor : byRecipient) : (byAuthor ?? byRecipient);
  for (let k = (ordinals ?? p.reportAt).length - 1; k >= 0; k--) {
    const row = p.reportAt[ordinals ? ordinals[k]! : k]!;
    if (f.stage && row.stage !== f.stage) continue;
    if (f.year && row.year !== f.year) continue;
    if (f.authorId && !row.authorIds.includes(f.authorId)) continue;
    if (f.recipientId && !row.forwards.some((x) => x.recipientId === f.recipientId)) continue;
    if (f.source && row.source !== f.source) continue;
    if (f.sourceContactId && row.sourceContactId !== f.sourceContactId) continue;
    if (f.sourceProposalId && row.sourceProposalId !== f.sourceProposalId) continue;
    if (f.issued !== undefined && f.issued !== null && (row.issued !== null) !== f.issued) continue;
    if (f.combined !== undefined && f.combined !== null && (row.authorKind === 'COMBINED') !== f.combined) continue;
    if (!keep(row)) continue;
    visit(row);
  }
}

/** The matching reports as a list (eachReport, collected). */
export function listReports(p: OpinionsProjection, f: ReportFilter, keep: (row: ReportRow) => boolean = () => true): ReportRow[] {
  const out: ReportRow[] = [];
  eachReport(p, f, keep, (row) => out.push(row));
  return out;
}

export interface CountRow {
  id: string;
  submitted: number;
  adopted: number;
  /** adopted ÷ submitted; null when nothing was submitted. */
  adoptionRate: number | null;
}

const rated = (id: string, c: { submitted: number; adopted: number }): CountRow => ({ id, submitted: c.submitted, adopted: c.adopted, adoptionRate: c.submitted === 0 ? null : c.adopted / c.submitted });

/**
 * Reports submitted in a year (withdrawn ones and combined reports aside) and how many of them the
 * committee adopted (itself, or by combining them), per member, liaison group, sector or body, with
 * the committee's total. A report of several members counts once for each, and once for the total.
 */
export function opinionCounts(p: OpinionsProjection, year: number, by: CountDimension): { total: CountRow; rows: CountRow[] } {
  const counts = p.counts.get(year);
  const prefix = `${by}:`;
  const rows: CountRow[] = [];
  for (const [key, c] of counts ?? []) if (key.startsWith(prefix) && (c.submitted > 0 || c.adopted > 0)) rows.push(rated(key.slice(prefix.length), c));
  rows.sort((a, b) => b.submitted - a.submitted || b.adopted - a.adopted || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { total: rated('committee', counts?.get(TOTAL_KEY) ?? { submitted: 0, adopted: 0 }), rows };
}

export interface DaysFigure {
  count: number;
  median: number | null;
  p90: number | null;
}

/** Median and 90th percentile (nearest rank) of whole days. */
export function daysFigure(days: readonly number[]): DaysFigure {
  if (days.length === 0) return { count: 0, median: null, p90: null };
  const sorted = Float64Array.from(days).sort();
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { count: n, median, p90: sorted[Math.ceil(0.9 * n) - 1]! };
}

export interface LadderFigures {
  year: number;
  submitted: number;
  bySource: Array<{ source: ReportSource; count: number }>;
  combined: number;
  committeeAdoptions: number;
  notAdopted: number;
  issued: number;
  forwarded: number;
  recipientAdoptions: Array<{ level: OpinionLevel; count: number }>;
  instructions: Array<{ level: OpinionLevel; count: number }>;
  mediaPickups: number;
  daysToAdoption: DaysFigure;
  daysToFirstInstruction: DaysFigure;
}

/**
 * The days figures of a ladder, kept until its days change: sorting a year's days (tens of
 * thousands at the benchmark's size) on every dashboard call would be most of its cost.
 */
const daysMemo = new WeakMap<YearLadder, { version: number; adoption: DaysFigure; instruction: DaysFigure }>();
function daysOf(l: YearLadder) {
  let m = daysMemo.get(l);
  if (!m || m.version !== l.daysVersion) daysMemo.set(l, (m = { version: l.daysVersion, adoption: daysFigure(l.daysToAdoption), instruction: daysFigure(l.daysToFirstInstruction) }));
  return m;
}

/** The year's ladder; each step counted in the year of its own date (reports by source: by year of submission). */
export function opinionLadder(p: OpinionsProjection, year: number): LadderFigures {
  const l = p.ladders.get(year);
  const days = l ? daysOf(l) : { adoption: daysFigure([]), instruction: daysFigure([]) };
  const levels = (counts: Record<OpinionLevel, number> | undefined) => OPINION_LEVELS.map((level) => ({ level, count: counts?.[level] ?? 0 }));
  return {
    year,
    submitted: l?.submitted ?? 0,
    bySource: REPORT_SOURCES.map((source) => ({ source, count: l?.bySource[source] ?? 0 })),
    combined: l?.combined ?? 0,
    committeeAdoptions: l?.committeeAdoptions ?? 0,
    notAdopted: l?.notAdopted ?? 0,
    issued: l?.issued ?? 0,
    forwarded: l?.forwarded ?? 0,
    recipientAdoptions: levels(l?.recipientAdoptions),
    instructions: levels(l?.instructions),
    mediaPickups: l?.mediaPickups ?? 0,
    daysToAdoption: days.adoption,
    daysToFirstInstruction: days.instruction,
  };
}

export interface CreditLine {
  reportId: string;
  item: CreditItem;
  level: OpinionLevel | null;
  on: string;
  points: number;
}

export interface AuthorCredit {
  authorId: string;
  points: number;
  items: CreditLine[];
}

export interface CreditFigures {
  year: number;
  /** The table the year's credit is computed with (the greatest fromYear at or before the year); null when none is in force. */
  fromYear: number | null;
  authors: AuthorCredit[];
}

/**
 * Each author's credit for a year, recomputed from the year's credit items and the table in force
 * for that year as the rules stand now (or stood at asOf): a later table from an earlier fromYear
 * changes this year's figure, a table from a later year does not.
 */
export function opinionCredit(p: OpinionsProjection, year: number, authorId?: string | null, options: { first?: number; items?: boolean } = {}): CreditFigures {
  const table = creditTableFor(p.opinionRules().creditTables, year);
  // Points per slot under this table; the totals are each author's tally times these.
  const slotPoints = new Float64Array(CREDIT_SLOTS);
  if (table) {
    slotPoints[creditSlot('COMMITTEE_ADOPTION', null)] = table.points.committeeAdoption;
    slotPoints[creditSlot('MEDIA_PICKUP', null)] = table.points.mediaPickup ?? 0;
    for (const level of OPINION_LEVELS) {
      slotPoints[creditSlot('RECIPIENT_ADOPTION', level)] = table.points.adoption[level];
      slotPoints[creditSlot('INSTRUCTION', level)] = table.points.instruction[level];
    }
  }
  const tallies = p.creditCounts.get(year);
  const totals: Array<[string, number]> = [];
  const total = (tally: Int32Array) => {
    let points = 0;
    for (let k = 0; k < CREDIT_SLOTS; k++) points += tally[k]! * slotPoints[k]!;
    return points;
  };
  if (authorId) {
    const tally = tallies?.get(authorId);
    if (tally) totals.push([authorId, total(tally)]);
  } else {
    for (const [a, tally] of tallies ?? []) totals.push([a, total(tally)]);
  }
  const ranked = totals.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.first ?? Infinity);
  const mine = p.creditsByAuthor.get(year);
  const authors = ranked.map(([a, points]): AuthorCredit => {
    // The items only when asked for: a ranking of every member needs none of them.
    const items = options.items === false ? [] : (mine?.get(a) ?? []).map((e): CreditLine => ({ reportId: e.reportId, item: e.item, level: e.level, on: e.on, points: slotPoints[creditSlot(e.item, e.level)]! }));
    items.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : x.reportId < y.reportId ? -1 : 1));
    return { authorId: a, points, items };
  });
  return { year, fromYear: table?.fromYear ?? null, authors };
}
