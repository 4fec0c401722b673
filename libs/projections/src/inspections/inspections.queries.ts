/**
 * The inspections figures, each a function of the projection and an "on" instant (the `on`
 * argument, else the asOf point, else now). Overdue is derived here for `onMs` with the proposals
 * wing's deadline arithmetic (a report or a response is a "round" due by a date, met by the day
 * it is dated); nothing was written back to make it. Every figure reads an index kept in the fold
 * (inspections by year, held ones, recommendations by unit) rather than the log.
 */
import type { DeadlineState, InspectionKind, InspectionStage, OrganiserKind, RecommendationStatus } from '#domain';
import { RECOMMENDATION_STATUSES, committeeDate, committeeDayStart, daysOverdue, deadlineState } from '#domain';
import type { InspectionRow, InspectionsProjection, RecommendationRow } from './inspections.projection.js';

// ---------------------------------------------------------------- deadlines

/** The report's deadline on `onMs`: null until the visit is held. */
export function reportDeadline(row: InspectionRow, onMs: number, dueSoonDays: number): { state: DeadlineState; daysOverdue: number } | null {
  const round = row.reportRound;
  return round && { state: deadlineState(round, onMs, dueSoonDays), daysOverdue: daysOverdue(round, onMs) };
}

/** A recommendation's first response's deadline on `onMs` (the row is its round). */
export function responseDeadline(r: RecommendationRow, onMs: number, dueSoonDays: number): { state: DeadlineState; daysOverdue: number } {
  return { state: deadlineState(r, onMs, dueSoonDays), daysOverdue: daysOverdue(r, onMs) };
}

/**
 * The latest follow-up dated on or before `onMs` (follow-ups are recorded in the order of their
 * dates, so it is the last such one): the status that held that day. Null before any.
 */
export function followUpOn(r: RecommendationRow, onMs: number) {
  for (let i = r.followUps.length - 1; i >= 0; i--) if (r.followUps[i]!.respondedDayMs <= onMs) return r.followUps[i]!;
  return null;
}

// ---------------------------------------------------------------- the list

export interface InspectionFilter {
  year?: number | null;
  stage?: InspectionStage | null;
  kind?: InspectionKind | null;
  organiserId?: string | null;
  topicId?: string | null;
  /** Invited to, or attended. */
  memberId?: string | null;
  /** Has a recommendation addressed to this unit, or met it during the visit. */
  unitId?: string | null;
}

export function listInspections(p: InspectionsProjection, f: InspectionFilter): InspectionRow[] {
  // The narrowest index the filter names; every filter is still checked on each row.
  const from: Iterable<InspectionRow> = f.memberId ? p.rowsOf(p.byParty.get(f.memberId)) : f.unitId ? p.rowsOf(p.byUnit.get(f.unitId)) : f.year ? p.rowsOf(p.byYear.get(f.year)) : p.inspectionAt;
  const out: InspectionRow[] = [];
  for (const row of from) {
    if (f.year && row.year !== f.year) continue;
    if (f.stage && row.stage !== f.stage) continue;
    if (f.kind && row.kind !== f.kind) continue;
    if (f.organiserId && row.organiserId !== f.organiserId) continue;
    if (f.topicId && row.topicId !== f.topicId) continue;
    if (f.memberId && !row.invitations.some((i) => i.inviteeId === f.memberId) && !row.attendeeIds.includes(f.memberId)) continue;
    if (f.unitId && !row.recommendations.some((r) => r.unitId === f.unitId) && !row.held?.unitIds.includes(f.unitId)) continue;
    out.push(row);
  }
  // Latest visit first (as held, else as planned), the office's planner order.
  const day = (row: InspectionRow) => row.held?.heldFrom ?? row.startsOn;
  return out.sort((a, b) => (day(a) === day(b) ? (a.id < b.id ? -1 : 1) : day(a) < day(b) ? 1 : -1));
}

// ---------------------------------------------------------------- planned vs held

export interface OrganiserCount {
  year: number;
  organiserKind: OrganiserKind;
  organiserId: string;
  /** Every inspection of the year, whatever became of it. */
  planned: number;
  /** Held (reported or not). */
  held: number;
  reported: number;
  cancelled: number;
  /** Planned and neither held nor cancelled yet. */
  pending: number;
}

/** Per organiser and year (the year of the visit as held, else as planned); one year when given. */
export function inspectionCounts(p: InspectionsProjection, year: number | null): OrganiserCount[] {
  const rows = year ? p.rowsOf(p.byYear.get(year)) : p.inspectionAt;
  const counts = new Map<string, OrganiserCount>();
  for (const row of rows) {
    const key = `${row.year}\u0000${row.organiserId}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { year: row.year, organiserKind: row.organiserKind, organiserId: row.organiserId, planned: 0, held: 0, reported: 0, cancelled: 0, pending: 0 }));
    c.planned++;
    if (row.stage === 'HELD' || row.stage === 'REPORTED') c.held++;
    if (row.stage === 'REPORTED') c.reported++;
    if (row.stage === 'CANCELLED') c.cancelled++;
    if (row.stage === 'PLANNED') c.pending++;
  }
  return [...counts.values()].sort((a, b) => a.year - b.year || (a.organiserId < b.organiserId ? -1 : 1));
}

// ---------------------------------------------------------------- attendance

export interface MemberAttendance {
  memberId: string;
  /** Invitations to the year's inspections that were held. */
  invited: number;
  accepted: number;
  declined: number;
  /** Held inspections attended, invited or not. */
  attended: number;
  /** Of the invitations, those attended. */
  attendedInvited: number;
  /** attendedInvited ÷ invited; null without invitations. */
  rate: number | null;
}

/**
 * Per member, over the year's held inspections (a planned or cancelled one has no attendance yet
 * to count). `isMember` keeps registered persons (experts, staff) out of the members' figures.
 */
export function inspectionAttendance(p: InspectionsProjection, year: number, isMember: (id: string) => boolean, memberId?: string | null): MemberAttendance[] {
  const rows = memberId ? p.rowsOf(p.byParty.get(memberId)).filter((r) => r.year === year) : p.rowsOf(p.byYear.get(year));
  const out = new Map<string, MemberAttendance>();
  const of = (id: string) => {
    let a = out.get(id);
    if (!a) out.set(id, (a = { memberId: id, invited: 0, accepted: 0, declined: 0, attended: 0, attendedInvited: 0, rate: null }));
    return a;
  };
  for (const row of rows) {
    if (row.stage !== 'HELD' && row.stage !== 'REPORTED') continue;
    const attended = new Set(row.attendeeIds);
    for (const i of row.invitations) {
      if (i.inviteeKind !== 'MEMBER' || (memberId && i.inviteeId !== memberId)) continue;
      const a = of(i.inviteeId);
      a.invited++;
      if (i.answer === 'ACCEPTED') a.accepted++;
      if (i.answer === 'DECLINED') a.declined++;
      if (attended.has(i.inviteeId)) a.attendedInvited++;
    }
    for (const id of row.attendeeIds) if ((!memberId || id === memberId) && isMember(id)) of(id).attended++;
  }
  for (const a of out.values()) a.rate = a.invited > 0 ? a.attendedInvited / a.invited : null;
  return [...out.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
}

// ---------------------------------------------------------------- overdue

/** Held inspections whose report is overdue on `onMs`, longest overdue first. */
export function overdueReports(p: InspectionsProjection, onMs: number): Array<{ row: InspectionRow; daysOverdue: number }> {
  const { dueSoonDays } = p.inspectionRules().rules;
  const out: Array<{ row: InspectionRow; daysOverdue: number }> = [];
  for (const row of p.held) {
    const round = row.reportRound!;
    if (deadlineState(round, onMs, dueSoonDays) === 'OVERDUE') out.push({ row, daysOverdue: daysOverdue(round, onMs) });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.row.id < b.row.id ? -1 : 1));
}

/** Recommendations without a response past their deadline on `onMs`, longest overdue first; one unit's when given. */
export function overdueRecommendations(p: InspectionsProjection, onMs: number, unitId?: string | null): Array<{ row: InspectionRow; recommendation: RecommendationRow; daysOverdue: number }> {
  const { dueSoonDays } = p.inspectionRules().rules;
  const out: Array<{ row: InspectionRow; recommendation: RecommendationRow; daysOverdue: number }> = [];
  const lists = unitId ? [p.recommendationsByUnit.get(unitId) ?? []] : p.recommendationsByUnit.values();
  for (const list of lists) {
    for (const r of list) if (deadlineState(r, onMs, dueSoonDays) === 'OVERDUE') out.push({ row: p.inspections.get(r.inspectionId)!, recommendation: r, daysOverdue: daysOverdue(r, onMs) });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : a.recommendation.number - b.recommendation.number));
}

// ---------------------------------------------------------------- recommendations by unit

export interface RecommendationStanding {
  unitId: string;
  recommendations: number;
  /** By the status that held on the "on" date (the latest follow-up dated by then); NONE: no response yet. */
  byStatus: Array<{ status: RecommendationStatus | 'NONE'; count: number }>;
  /** Whose first-response deadline had passed by then, or that were answered: what the share is of. */
  due: number;
  /** Answered by the deadline (within the office's M days). */
  onTime: number;
  late: number;
  /** Past the deadline without an answer. */
  overdue: number;
  /** onTime ÷ due; null when nothing was due. */
  shareOnTime: number | null;
}

/** Where each status counts in a unit's tally (NONE: no response yet, last). */
const STANDING_KEYS = [...RECOMMENDATION_STATUSES, 'NONE'] as const;
const STATUS_SLOT = new Map<string, number>(STANDING_KEYS.map((k, i) => [k, i]));

/**
 * A unit's standings, remembered per committee day and year. Every threshold a standing compares
 * the "on" instant with (a reply's day, a deadline's end) is a committee midnight, so a standing is
 * the same for every instant of one committee day; the unit's version (a report addressing it, a
 * follow-up) says when it must be worked out again. The memo is keyed by the unit's list, so a
 * time-travel copy, which has lists of its own, never reads the live model's standings.
 */
const standingsMemo = new WeakMap<readonly RecommendationRow[], { version: number; byDayAndYear: Map<string, RecommendationStanding> }>();
/** Days and years a unit's memo keeps before it starts again: a dashboard asks today's, and a few earlier days. */
const STANDINGS_MEMO_SIZE = 32;

/**
 * Per unit the recommendations address, of the reports of a year (or all); one unit's when given.
 * Each unit's standing is worked out only when its recommendations changed or another day is asked.
 */
export function recommendationStandings(p: InspectionsProjection, onMs: number, filter: { year?: number | null; unitId?: string | null }): RecommendationStanding[] {
  const { dueSoonDays } = p.inspectionRules().rules;
  const entries: Iterable<[string, RecommendationRow[]]> = filter.unitId ? [[filter.unitId, p.recommendationsByUnit.get(filter.unitId) ?? []]] : p.recommendationsByUnit;
  const key = `${committeeDayStart(committeeDate(onMs))}:${filter.year ?? ''}`;
  const out: RecommendationStanding[] = [];
  for (const [unitId, list] of entries) {
    const version = p.unitVersions.get(unitId) ?? 0;
    let memo = standingsMemo.get(list);
    if (!memo || memo.version !== version || memo.byDayAndYear.size >= STANDINGS_MEMO_SIZE) standingsMemo.set(list, (memo = { version, byDayAndYear: new Map() }));
    let s = memo.byDayAndYear.get(key);
    if (!s) memo.byDayAndYear.set(key, (s = unitStanding(unitId, list, onMs, filter.year ?? null, dueSoonDays)));
    if (s.recommendations === 0 && !filter.unitId) continue;
    out.push(s);
  }
  return out.sort((a, b) => (a.unitId < b.unitId ? -1 : 1));
}

function unitStanding(unitId: string, list: readonly RecommendationRow[], onMs: number, year: number | null, dueSoonDays: number): RecommendationStanding {
  const tally = new Int32Array(STANDING_KEYS.length);
  const s: RecommendationStanding = { unitId, recommendations: 0, byStatus: [], due: 0, onTime: 0, late: 0, overdue: 0, shareOnTime: null };
  for (const r of list) {
    if (year && r.year !== year) continue;
    s.recommendations++;
    const latest = followUpOn(r, onMs);
    tally[latest ? STATUS_SLOT.get(latest.status)! : STANDING_KEYS.length - 1]!++;
    const d = deadlineState(r, onMs, dueSoonDays);
    if (d === 'REPLIED_ON_TIME') s.onTime++;
    else if (d === 'REPLIED_LATE') s.late++;
    else if (d === 'OVERDUE') s.overdue++;
  }
  s.due = s.onTime + s.late + s.overdue;
  s.shareOnTime = s.due > 0 ? s.onTime / s.due : null;
  s.byStatus = STANDING_KEYS.map((status, i) => ({ status, count: tally[i]! }));
  return s;
}
