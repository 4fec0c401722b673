/**
 * The proposals figures, each a function of the projection and an "on" instant (now, or the asOf
 * point): what the office, the units and the leaders read. Deadline states are derived here for
 * `onMs`; nothing was written back-dated to make them.
 */
import type { AssignmentRole, DeadlineState, ProposalStage, Satisfaction } from '#domain';
import { DEADLINE_STATES, PROPOSAL_STAGES, SATISFACTION, committeeDate, committeeDayEnd, daysOverdue, deadlineState, periodContaining } from '#domain';
import type { AssignmentRow, ProposalRow, ProposalsProjection, RoundRow } from './proposals.projection.js';

const DAY_MS = 86_400_000;

export interface ProposalFilter {
  stage?: ProposalStage | null;
  termId?: string | null;
  sessionId?: string | null;
  /** Year of submission (committee time). */
  year?: number | null;
  unitId?: string | null;
  topicId?: string | null;
  /** Led by this member or body. */
  proposerId?: string | null;
  /** Led or co-signed (signed, or invited) by this member. */
  memberId?: string | null;
  /** Proposals of members of this sector, and the sector's own. */
  sectorId?: string | null;
  key?: boolean | null;
}

/** Sector of a member, for the sector filter; the caller passes the roster's answer. */
export type SectorOf = (memberId: string) => string | undefined;

export function listProposals(p: ProposalsProjection, filter: ProposalFilter, sectorOf: SectorOf): ProposalRow[] {
  const out: ProposalRow[] = [];
  for (const row of p.proposals.values()) if (matches(row, filter, sectorOf)) out.push(row);
  // Newest first, the office's intake order.
  return out.sort((a, b) => b.submittedMs - a.submittedMs || (a.id < b.id ? -1 : 1));
}

function matches(row: ProposalRow, f: ProposalFilter, sectorOf: SectorOf): boolean {
  if (f.stage && row.stage !== f.stage) return false;
  if (f.termId && row.termId !== f.termId) return false;
  if (f.sessionId && row.sessionId !== f.sessionId) return false;
  if (f.year && yearOf(row.submittedMs) !== f.year) return false;
  if (f.unitId && !row.assignments.some((a) => a.unitId === f.unitId)) return false;
  if (f.topicId && row.topicId !== f.topicId) return false;
  if (f.proposerId && row.proposerId !== f.proposerId) return false;
  if (f.memberId && row.proposerId !== f.memberId && !row.coSigners.some((c) => c.memberId === f.memberId)) return false;
  if (f.sectorId && row.proposerId !== f.sectorId && sectorOf(row.proposerId) !== f.sectorId) return false;
  if (f.key !== undefined && f.key !== null && !!row.key !== f.key) return false;
  return true;
}

const yearOf = (ms: number) => Number(committeeDate(ms).slice(0, 4));

// ---------------------------------------------------------------- counts and filing

export interface StageCount {
  stage: ProposalStage;
  count: number;
}

export interface ProposalCounts {
  total: number;
  byStage: StageCount[];
  /** 大会提案 and 平时提案. */
  duringSession: number;
  betweenSessions: number;
  /** Filed ÷ (filed + not filed); merged proposals are counted apart, never lost. */
  filed: number;
  notFiled: number;
  merged: number;
  filingRate: number | null;
  notFiledReasons: Array<{ code: string; label: string; count: number; toOpinionReport: number }>;
  keyProposals: number;
}

/** Filed in the sense of the filing rate: it was given a number (closed ones too). */
const wasFiled = (row: ProposalRow) => row.serial !== null;

export function proposalCounts(p: ProposalsProjection, filter: ProposalFilter, sectorOf: SectorOf): ProposalCounts {
  // Counts need no order: one pass over the matching rows, not listProposals (which sorts them all).
  const byStage = new Map<ProposalStage, number>(PROPOSAL_STAGES.map((s) => [s, 0]));
  const reasons = new Map<string, { count: number; toOpinionReport: number }>();
  let total = 0;
  let filed = 0;
  let notFiled = 0;
  let duringSession = 0;
  let keyProposals = 0;
  for (const row of p.proposals.values()) {
    if (!matches(row, filter, sectorOf)) continue;
    total++;
    if (row.occasion === 'SESSION') duringSession++;
    if (row.key) keyProposals++;
    byStage.set(row.stage, byStage.get(row.stage)! + 1);
    if (wasFiled(row)) filed++;
    if (row.notFiled) {
      notFiled++;
      const r = reasons.get(row.notFiled.reasonCode) ?? { count: 0, toOpinionReport: 0 };
      r.count++;
      if (row.notFiled.toOpinionReport) r.toOpinionReport++;
      reasons.set(row.notFiled.reasonCode, r);
    }
  }
  const labels = p.rules().reasons;
  return {
    total,
    byStage: [...byStage].map(([stage, count]) => ({ stage, count })),
    duringSession,
    betweenSessions: total - duringSession,
    filed,
    notFiled,
    merged: byStage.get('MERGED')!,
    filingRate: filed + notFiled === 0 ? null : filed / (filed + notFiled),
    notFiledReasons: [...reasons].map(([code, r]) => ({ code, label: labels[code] ?? code, ...r })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    keyProposals,
  };
}

// ---------------------------------------------------------------- deadlines, per assignment

export interface AssignmentStanding {
  proposal: ProposalRow;
  assignment: AssignmentRow;
  round: RoundRow;
  state: DeadlineState;
  daysOverdue: number;
}

/**
 * Rounds of assignments still held (not returned), on proposals that were filed. A callback, not a
 * generator: a generator allocated a result object per round (300,000 per call at the bench's size).
 */
function forEachHeldRound(p: ProposalsProjection, visit: (proposal: ProposalRow, assignment: AssignmentRow, round: RoundRow) => void): void {
  for (const proposal of p.proposals.values()) {
    for (const assignment of proposal.assignments) {
      if (assignment.returned) continue;
      for (const round of assignment.rounds) visit(proposal, assignment, round);
    }
  }
}

/** The reply the office released in a round (at most one per round). */
const releasedReply = (round: RoundRow) => {
  for (const r of round.replies) if (r.status === 'RELEASED') return r;
  return undefined;
};

/** Whether a round still waits for a reply that counts (a proposal closed by the office waits for nothing). */
const stillAwaited = (proposal: ProposalRow, round: RoundRow) => round.repliedMs === null && proposal.stage !== 'CLOSED';

/** Each held assignment's current round on `onMs`, with its state (the deadline board). */
export function deadlineBoard(p: ProposalsProjection, onMs: number, filter: { unitId?: string | null; states?: readonly DeadlineState[] | null } = {}): AssignmentStanding[] {
  const dueSoon = p.rules().rules.dueSoonDays;
  const out: AssignmentStanding[] = [];
  for (const proposal of p.proposals.values()) {
    for (const assignment of proposal.assignments) {
      if (assignment.returned || (filter.unitId && assignment.unitId !== filter.unitId)) continue;
      const round = assignment.rounds.at(-1)!;
      if (!stillAwaited(proposal, round) && round.repliedMs === null) continue;
      const state = deadlineState(round, onMs, dueSoon);
      if (filter.states?.length && !filter.states.includes(state)) continue;
      out.push({ proposal, assignment, round, state, daysOverdue: daysOverdue(round, onMs) });
    }
  }
  return out.sort((a, b) => (a.round.dueOn < b.round.dueOn ? -1 : a.round.dueOn > b.round.dueOn ? 1 : a.assignment.id < b.assignment.id ? -1 : 1));
}

/** The overdue list on `onMs`, longest overdue first. */
export function overdueAssignments(p: ProposalsProjection, onMs: number): AssignmentStanding[] {
  return deadlineBoard(p, onMs, { states: ['OVERDUE'] }).sort((a, b) => b.daysOverdue - a.daysOverdue || (a.assignment.id < b.assignment.id ? -1 : 1));
}

// ---------------------------------------------------------------- per handling unit

export interface OnTime {
  /** Rounds due in the window (or replied in it), counted once decided: replied, or overdue. */
  due: number;
  onTime: number;
  late: number;
  /** Due and still without a reply on the "on" date. */
  overdue: number;
  rate: number | null;
}

export interface SatisfactionCount {
  level: Satisfaction;
  count: number;
}

export interface UnitStanding {
  unitId: string;
  assigned: number;
  returned: number;
  replied: number;
  lead: OnTime;
  assisting: OnTime;
  medianDaysToReply: number | null;
  overdueNow: number;
  attitude: SatisfactionCount[];
  result: SatisfactionCount[];
  /** Replies answered A and rated unsatisfied (on either axis). */
  aUnsatisfied: number;
  /** Held assignments whose unit met or called the proposer (a contact serving the proposal with both taking part). */
  consulted: number;
}

/** Whether the assignment's unit consulted the proposer: a contact serving the proposal in which both took part. */
export const consulted = (proposal: ProposalRow, a: AssignmentRow): boolean =>
  proposal.contacts.some((c) => c.participantIds.includes(a.unitId) && c.participantIds.includes(proposal.proposerId));

export interface UnitWindow {
  /** Count the rounds due on or after this date (committee date), if given. */
  dueFrom?: string | null;
  /** … and on or before this one, if given. "Due by 30 June": dueBy 2025-06-30. */
  dueBy?: string | null;
  termId?: string | null;
  unitId?: string | null;
}

const emptyOnTime = (): OnTime => ({ due: 0, onTime: 0, late: 0, overdue: 0, rate: null });

/** Per handling unit: assigned, replied, on time (lead and assisting apart), median days, overdue, satisfaction. */
export function unitStandings(p: ProposalsProjection, onMs: number, window: UnitWindow = {}): UnitStanding[] {
  const units = new Map<string, UnitStanding & { days: number[] }>();
  const unit = (id: string) => {
    let u = units.get(id);
    if (!u) {
      u = {
        unitId: id,
        assigned: 0,
        returned: 0,
        replied: 0,
        lead: emptyOnTime(),
        assisting: emptyOnTime(),
        medianDaysToReply: null,
        overdueNow: 0,
        attitude: SATISFACTION.map((level) => ({ level, count: 0 })),
        result: SATISFACTION.map((level) => ({ level, count: 0 })),
        aUnsatisfied: 0,
        consulted: 0,
        days: [],
      };
      units.set(id, u);
    }
    return u;
  };
  for (const proposal of p.proposals.values()) {
    if (window.termId && proposal.termId !== window.termId) continue;
    for (const a of proposal.assignments) {
      if (window.unitId && a.unitId !== window.unitId) continue;
      const u = unit(a.unitId);
      u.assigned++;
      if (a.returned) {
        u.returned++;
        continue;
      }
      if (proposal.contacts.length > 0 && consulted(proposal, a)) u.consulted++;
      for (const round of a.rounds) countRound(u, a.role, proposal, round, onMs, window);
    }
  }
  return [...units.values()]
    .map(({ days, ...u }) => {
      for (const o of [u.lead, u.assisting]) o.rate = o.due === 0 ? null : o.onTime / o.due;
      return { ...u, medianDaysToReply: median(days) };
    })
    .sort((a, b) => (a.unitId < b.unitId ? -1 : 1));
}

function countRound(u: UnitStanding & { days: number[] }, role: AssignmentRole, proposal: ProposalRow, round: RoundRow, onMs: number, window: UnitWindow): void {
  const state = deadlineState(round, onMs, 0);
  if (round.repliedMs !== null && round.repliedMs <= onMs) {
    u.replied++;
    u.days.push((round.repliedMs - round.startedMs) / DAY_MS);
    if (round.rating) {
      u.attitude[SATISFACTION.indexOf(round.rating.attitude)]!.count++;
      u.result[SATISFACTION.indexOf(round.rating.result)]!.count++;
      if ((round.rating.attitude === 'UNSATISFIED' || round.rating.result === 'UNSATISFIED') && releasedReply(round)?.result === 'A') u.aUnsatisfied++;
    }
  } else if (state === 'OVERDUE' && stillAwaited(proposal, round)) {
    u.overdueNow++;
  }
  if (window.dueFrom && round.dueOn < window.dueFrom) return;
  if (window.dueBy && round.dueOn > window.dueBy) return;
  const o = role === 'LEAD' ? u.lead : u.assisting;
  if (state === 'REPLIED_ON_TIME') [o.due, o.onTime] = [o.due + 1, o.onTime + 1];
  else if (state === 'REPLIED_LATE') [o.due, o.late] = [o.due + 1, o.late + 1];
  else if (state === 'OVERDUE' && stillAwaited(proposal, round)) [o.due, o.overdue] = [o.due + 1, o.overdue + 1];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparator call per comparison.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

// ---------------------------------------------------------------- flags, key proposals, B promises

export interface AUnsatisfied {
  proposal: ProposalRow;
  assignment: AssignmentRow;
  round: RoundRow;
}

/** Replies answered A (solved) and then rated unsatisfied on either axis: the claims to look at. */
export function aUnsatisfied(p: ProposalsProjection): AUnsatisfied[] {
  const out: AUnsatisfied[] = [];
  forEachHeldRound(p, (proposal, assignment, round) => {
    if (!round.rating || (round.rating.attitude !== 'UNSATISFIED' && round.rating.result !== 'UNSATISFIED')) return;
    if (releasedReply(round)?.result === 'A') out.push({ proposal, assignment, round });
  });
  return out.sort((a, b) => b.round.rating!.ratedMs - a.round.rating!.ratedMs);
}

export const PROMISE_STATES = ['DELIVERED_ON_TIME', 'DELIVERED_LATE', 'OPEN', 'OPEN_PAST_DATE'] as const;
export type PromiseState = (typeof PROMISE_STATES)[number];

export interface PromiseEntry {
  proposal: ProposalRow;
  assignment: AssignmentRow;
  round: RoundRow;
  plannedOn: string;
  /** The office's report counts; the unit's alone is shown, but the promise stays open until the office confirms. */
  deliveredOn: string | null;
  unitReportedOn: string | null;
  state: PromiseState;
}

/** The B-promise ledger: every released B reply and whether its planned date was kept. */
export function promiseLedger(p: ProposalsProjection, onMs: number): { entries: PromiseEntry[]; counts: Array<{ state: PromiseState; count: number }> } {
  const entries: PromiseEntry[] = [];
  const counts = new Map<PromiseState, number>(PROMISE_STATES.map((state) => [state, 0]));
  forEachHeldRound(p, (proposal, assignment, round) => {
    const released = releasedReply(round);
    if (released?.result !== 'B' || !released.plannedOn || released.releasedMs! > onMs) return;
    const deliveredOn = round.delivered.OFFICE ?? null;
    const state: PromiseState = deliveredOn
      ? deliveredOn <= released.plannedOn
        ? 'DELIVERED_ON_TIME'
        : 'DELIVERED_LATE'
      : onMs >= committeeDayEnd(released.plannedOn)
        ? 'OPEN_PAST_DATE'
        : 'OPEN';
    counts.set(state, counts.get(state)! + 1);
    entries.push({ proposal, assignment, round, plannedOn: released.plannedOn, deliveredOn, unitReportedOn: round.delivered.UNIT ?? null, state });
  });
  return { entries: byDateThenAssignment(entries), counts: PROMISE_STATES.map((state) => ({ state, count: counts.get(state)! })) };
}

/**
 * Entries by planned date, then assignment id: grouped by date first (a few hundred dates), so the
 * comparator runs on the dates and within each date's group, not n log n times over every entry.
 */
function byDateThenAssignment(entries: PromiseEntry[]): PromiseEntry[] {
  const byDate = new Map<string, PromiseEntry[]>();
  for (const e of entries) {
    const group = byDate.get(e.plannedOn);
    if (group) group.push(e);
    else byDate.set(e.plannedOn, [e]);
  }
  const out: PromiseEntry[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const group = byDate.get(date)!;
    if (group.length > 1) group.sort((a, b) => (a.assignment.id < b.assignment.id ? -1 : 1));
    for (const e of group) out.push(e);
  }
  return out;
}

export interface KeyProgress {
  proposal: ProposalRow;
  assignments: number;
  replied: number;
  overdue: number;
  /** Contacts that served it with its supervising leader taking part (督办). */
  supervisions: number;
}

/** The key proposals' progress on `onMs`. */
export function keyProgress(p: ProposalsProjection, onMs: number): KeyProgress[] {
  const out: KeyProgress[] = [];
  for (const proposal of p.proposals.values()) {
    if (!proposal.key) continue;
    const held = proposal.assignments.filter((a) => !a.returned).map((a) => a.rounds.at(-1)!);
    out.push({
      proposal,
      assignments: held.length,
      replied: held.filter((r) => r.repliedMs !== null && r.repliedMs <= onMs).length,
      overdue: held.filter((r) => stillAwaited(proposal, r) && deadlineState(r, onMs, 0) === 'OVERDUE').length,
      supervisions: proposal.contacts.filter((c) => c.participantIds.includes(proposal.key!.supervisorId)).length,
    });
  }
  return out.sort((a, b) => (a.proposal.number ?? '') < (b.proposal.number ?? '') ? -1 : 1);
}

/** Counts by deadline state of a board's rows (its legend). */
export function deadlineCounts(board: readonly AssignmentStanding[]): Array<{ state: DeadlineState; count: number }> {
  return DEADLINE_STATES.map((state) => ({ state, count: board.filter((b) => b.state === state).length }));
}

/** The year of a proposal, for the callers that group by it. */
export const proposalYear = (row: ProposalRow): number => Number(periodContaining(row.submittedMs, 'YEAR').id);
