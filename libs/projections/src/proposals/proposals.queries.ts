/**
 * The proposals figures, each a function of the projection and an "on" instant (now, or the asOf
 * point): what the office, the units and the leaders read. Deadline states are derived here for
 * `onMs`; nothing was written back-dated to make them.
 */
import type { DeadlineState, ProposalStage, Satisfaction } from '#domain';
import { DEADLINE_STATES, PROPOSAL_STAGES, SATISFACTION, committeeDate, committeeDayEnd, daysOverdue, deadlineState, periodContaining } from '#domain';
import type { AssignmentRow, ProposalRow, ProposalsProjection, RoundRow } from './proposals.projection.js';
import { RESULT_CODES, UNSATISFIED, kthSmallest, medianOf, type RoundIndex } from './roundIndex.js';

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
  for (const row of candidates(p, filter)) if (matches(row, filter, sectorOf)) out.push(row);
  // Newest first, the office's intake order.
  return out.sort((a, b) => b.submittedMs - a.submittedMs || (a.id < b.id ? -1 : 1));
}

/** The rows a filter can match: for a unit, the proposals its rounds name (read off the index); else every row. */
function candidates(p: ProposalsProjection, filter: ProposalFilter): Iterable<ProposalRow> {
  if (!filter.unitId) return p.proposals.values();
  const r = p.rounds;
  const unit = r.knownUnit(filter.unitId);
  const rows: ProposalRow[] = [];
  if (unit < 0) return rows;
  let last = -1;
  for (let i = 0; i < r.size; i++) {
    const ordinal = r.proposal[i]!;
    // A proposal's rounds need not be adjacent (a reopening adds one later): skip only repeats in a row, and de-duplicate below.
    if (r.unit[i] === unit && ordinal !== last) {
      rows.push(p.proposalAt[ordinal]!);
      last = ordinal;
    }
  }
  return new Set(rows);
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
  for (const row of candidates(p, filter)) {
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

/** A board entry for round `i` of the index, with its rows. */
function standingAt(p: ProposalsProjection, i: number, state: DeadlineState, onMs: number): AssignmentStanding {
  const round = p.roundAt[i]!;
  return { proposal: p.proposalAt[p.rounds.proposal[i]!]!, assignment: p.assignmentAt[i]!, round, state, daysOverdue: daysOverdue(round, onMs) };
}

/** The board's state of round `i` on `onMs`: as deadlineState, read off the columns. */
function stateAt(r: RoundIndex, i: number, onMs: number, dueSoonMs: number): DeadlineState {
  const replied = r.replied[i]!;
  const end = r.dueEnd[i]!;
  if (replied <= onMs) return replied < end ? 'REPLIED_ON_TIME' : 'REPLIED_LATE';
  if (onMs >= end) return 'OVERDUE';
  return onMs >= end - dueSoonMs ? 'DUE_SOON' : 'NOT_YET_DUE';
}

/**
 * Each held assignment's current round on `onMs`, with its state (the deadline board), by
 * deadline. A round not replied on a closed proposal waits for nothing and is left out.
 */
export function deadlineBoard(p: ProposalsProjection, onMs: number, filter: { unitId?: string | null; states?: readonly DeadlineState[] | null } = {}): AssignmentStanding[] {
  return deadlineBoardPage(p, onMs, filter).assignments;
}

/**
 * The deadline board's counts (every state, whatever `filter.states` keeps) and its first `first`
 * rounds in board order, with a standing built only for those: the board's page as the dashboard
 * asks for it, without a standing for each of a term's rounds.
 */
export function deadlineBoardPage(
  p: ProposalsProjection,
  onMs: number,
  filter: { unitId?: string | null; states?: readonly DeadlineState[] | null } = {},
  first = Infinity,
): { counts: Array<{ state: DeadlineState; count: number }>; assignments: AssignmentStanding[] } {
  const r = p.rounds;
  const dueSoonMs = (p.rules().rules.dueSoonDays + 1) * DAY_MS;
  const unit = filter.unitId ? r.knownUnit(filter.unitId) : -1;
  const tally = new Map<DeadlineState, number>(DEADLINE_STATES.map((state) => [state, 0]));
  const counts = () => DEADLINE_STATES.map((state) => ({ state, count: tally.get(state)! }));
  if (filter.unitId && unit < 0) return { counts: counts(), assignments: [] };
  const picked: number[] = [];
  const states: DeadlineState[] = [];
  for (let i = 0; i < r.size; i++) {
    if (!r.current[i] || !r.held[i] || (unit >= 0 && r.unit[i] !== unit)) continue;
    if (!(r.replied[i]! <= onMs) && r.closed[r.proposal[i]!]) continue;
    const state = stateAt(r, i, onMs, dueSoonMs);
    tally.set(state, tally.get(state)! + 1);
    if (filter.states?.length && !filter.states.includes(state)) continue;
    picked.push(i);
    states.push(state);
  }
  // Board order is deadline, then assignment id. For a page, only the rounds due by the page's last
  // deadline are sorted (found by a numeric sort of the deadlines); many rounds share a deadline,
  // and comparing their ids is what a sort of the whole board spends its time on.
  let candidates = picked.map((_, k) => k);
  if (first < picked.length) {
    const deadlines = Float64Array.from(picked, (i) => r.dueEnd[i]!).sort();
    const last = deadlines[Math.max(0, first - 1)]!;
    candidates = candidates.filter((k) => r.dueEnd[picked[k]!]! <= last);
  }
  const order = candidates.sort((x, y) => r.dueEnd[picked[x]!]! - r.dueEnd[picked[y]!]! || byId(p.assignmentAt[picked[x]!]!.id, p.assignmentAt[picked[y]!]!.id));
  return { counts: counts(), assignments: order.slice(0, first).map((k) => standingAt(p, picked[k]!, states[k]!, onMs)) };
}

/**
 * What the compliance board's PROPOSALS_REPLIED_ON_TIME rule counts (compliance/board.ts): of the
 * year's proposals, each held assignment's current round whose deadline has passed on `onMs` or
 * that was replied (the deadline board's rounds but NOT_YET_DUE and DUE_SOON), and those not
 * replied on time, as `proposalId/assignmentId`. Reads the columns and allocates only the ids of
 * the late ones: the deadline board itself builds and sorts a standing for every round.
 */
export function repliesOnTime(p: ProposalsProjection, onMs: number, year: number): { due: number; late: string[] } {
  const r = p.rounds;
  const dueSoonMs = (p.rules().rules.dueSoonDays + 1) * DAY_MS;
  const { start, end } = periodContaining(Date.UTC(year, 6, 1), 'YEAR');
  let due = 0;
  const late: string[] = [];
  for (let i = 0; i < r.size; i++) {
    if (!r.current[i] || !r.held[i]) continue;
    if (!(r.replied[i]! <= onMs) && r.closed[r.proposal[i]!]) continue;
    const proposal = p.proposalAt[r.proposal[i]!]!;
    // proposalYear's test, without a period per round.
    if (proposal.submittedMs < start || proposal.submittedMs >= end) continue;
    const state = stateAt(r, i, onMs, dueSoonMs);
    if (state === 'NOT_YET_DUE' || state === 'DUE_SOON') continue;
    due++;
    if (state !== 'REPLIED_ON_TIME') late.push(`${proposal.id}/${p.assignmentAt[i]!.id}`);
  }
  return { due, late };
}

/** The overdue list on `onMs`, longest overdue first. */
export function overdueAssignments(p: ProposalsProjection, onMs: number): AssignmentStanding[] {
  return deadlineBoard(p, onMs, { states: ['OVERDUE'] }).sort((a, b) => b.daysOverdue - a.daysOverdue || byId(a.assignment.id, b.assignment.id));
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Scratch columns reused by every call, grown as the index grows: a board over 300,000 rounds
 * would otherwise allocate megabytes per call, and the collector's pauses would show in the p99.
 * Queries run one at a time on the event loop, so one set is enough.
 */
const scratch = { ints: new Int32Array(0), floats: new Float64Array(0), bytes: new Uint8Array(0) };
function scratchInts(n: number): Int32Array {
  if (scratch.ints.length < n) scratch.ints = new Int32Array(Math.max(n, scratch.ints.length * 2));
  return scratch.ints;
}
function scratchFloats(n: number): Float64Array {
  if (scratch.floats.length < n) scratch.floats = new Float64Array(Math.max(n, scratch.floats.length * 2));
  return scratch.floats;
}
function scratchBytes(n: number): Uint8Array {
  if (scratch.bytes.length < n) scratch.bytes = new Uint8Array(Math.max(n, scratch.bytes.length * 2));
  return scratch.bytes;
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
  const r = p.rounds;
  const units = r.unitIds.length;
  const only = window.unitId ? r.knownUnit(window.unitId) : -1;
  const term = window.termId ? r.knownTerm(window.termId) : -1;
  if ((window.unitId && only < 0) || (window.termId && term < 0)) return [];
  const fromEnd = window.dueFrom ? committeeDayEnd(window.dueFrom) : -Infinity;
  const byEnd = window.dueBy ? committeeDayEnd(window.dueBy) : Infinity;
  // Counters per unit, one row of COUNTERS per unit.
  const c = new Int32Array(units * COUNTERS);
  const seen = new Uint8Array(units);
  // Days to reply, grouped by unit for the medians: counted first, then placed.
  const repliedPerUnit = new Int32Array(units + 1);
  const repliedRounds = scratchInts(r.size);
  let repliedCount = 0;
  for (let i = 0; i < r.size; i++) {
    const u = r.unit[i]!;
    if ((only >= 0 && u !== only) || (term >= 0 && r.term[i] !== term)) continue;
    seen[u] = 1;
    const row = u * COUNTERS;
    if (r.first[i]) {
      c[row + ASSIGNED]!++;
      if (!r.held[i]) c[row + RETURNED]!++;
    }
    if (!r.held[i]) continue;
    const replied = r.replied[i]!;
    const end = r.dueEnd[i]!;
    const isReplied = replied <= onMs;
    const overdue = !isReplied && onMs >= end && !r.closed[r.proposal[i]!];
    if (isReplied) {
      c[row + REPLIED]!++;
      repliedPerUnit[u + 1]!++;
      repliedRounds[repliedCount++] = i;
      const attitude = r.attitude[i]!;
      const result = r.result[i]!;
      if (attitude) c[row + ATTITUDE + attitude - 1]!++;
      if (result) c[row + RESULT + result - 1]!++;
      if (r.released[i] === RESULT_CODES.A && (attitude === UNSATISFIED || result === UNSATISFIED)) c[row + A_UNSATISFIED]!++;
    } else if (overdue) {
      c[row + OVERDUE_NOW]!++;
    }
    if (end < fromEnd || end > byEnd) continue;
    const o = row + (r.lead[i] ? LEAD : ASSIST);
    if (isReplied) {
      c[o + DUE]!++;
      c[o + (replied < end ? ON_TIME : LATE)]!++;
    } else if (overdue) {
      c[o + DUE]!++;
      c[o + OVERDUE]!++;
    }
  }
  // The medians: every replied round's days, placed in its unit's slice, then selected.
  for (let u = 0; u < units; u++) repliedPerUnit[u + 1]! += repliedPerUnit[u]!;
  const days = scratchFloats(repliedPerUnit[units]!);
  const fill = repliedPerUnit.slice(0, units);
  for (let k = 0; k < repliedCount; k++) {
    const i = repliedRounds[k]!;
    days[fill[r.unit[i]!]!++] = (r.replied[i]! - r.started[i]!) / DAY_MS;
  }
  const consultedBy = consultedPerUnit(p, window);
  const out: UnitStanding[] = [];
  for (let u = 0; u < units; u++) {
    if (!seen[u]) continue;
    const row = u * COUNTERS;
    const onTime = (at: number): OnTime => {
      const due = c[row + at + DUE]!;
      return { due, onTime: c[row + at + ON_TIME]!, late: c[row + at + LATE]!, overdue: c[row + at + OVERDUE]!, rate: due === 0 ? null : c[row + at + ON_TIME]! / due };
    };
    const m = medianOf(days, repliedPerUnit[u]!, repliedPerUnit[u + 1]!);
    out.push({
      unitId: r.unitIds[u]!,
      assigned: c[row + ASSIGNED]!,
      returned: c[row + RETURNED]!,
      replied: c[row + REPLIED]!,
      lead: onTime(LEAD),
      assisting: onTime(ASSIST),
      medianDaysToReply: m === null ? null : Math.round(m * 10) / 10,
      overdueNow: c[row + OVERDUE_NOW]!,
      attitude: SATISFACTION.map((level, k) => ({ level, count: c[row + ATTITUDE + k]! })),
      result: SATISFACTION.map((level, k) => ({ level, count: c[row + RESULT + k]! })),
      aUnsatisfied: c[row + A_UNSATISFIED]!,
      consulted: consultedBy.get(r.unitIds[u]!) ?? 0,
    });
  }
  return out.sort((a, b) => byId(a.unitId, b.unitId));
}

// Offsets of one unit's counters; an on-time block is DUE, ON_TIME, LATE, OVERDUE.
const [ASSIGNED, RETURNED, REPLIED, OVERDUE_NOW, A_UNSATISFIED, ATTITUDE, RESULT, LEAD, ASSIST, COUNTERS] = [0, 1, 2, 3, 4, 5, 8, 11, 15, 19] as const;
const [DUE, ON_TIME, LATE, OVERDUE] = [0, 1, 2, 3] as const;

/** Held assignments whose unit consulted the proposer, per unit: only proposals with contacts are looked at. */
function consultedPerUnit(p: ProposalsProjection, window: UnitWindow): Map<string, number> {
  const out = new Map<string, number>();
  if (p.contactProposals.size === 0) return out;
  const proposals = new Set<string>();
  for (const ids of p.contactProposals.values()) for (const id of ids) proposals.add(id);
  for (const id of proposals) {
    const proposal = p.proposals.get(id);
    if (!proposal || (window.termId && proposal.termId !== window.termId)) continue;
    for (const a of proposal.assignments) {
      if (a.returned || (window.unitId && a.unitId !== window.unitId) || !consulted(proposal, a)) continue;
      out.set(a.unitId, (out.get(a.unitId) ?? 0) + 1);
    }
  }
  return out;
}

// ---------------------------------------------------------------- flags, key proposals, B promises

export interface AUnsatisfied {
  proposal: ProposalRow;
  assignment: AssignmentRow;
  round: RoundRow;
}

/** Replies answered A (solved) and then rated unsatisfied on either axis: the claims to look at, latest first. */
export function aUnsatisfied(p: ProposalsProjection): AUnsatisfied[] {
  const r = p.rounds;
  const picked: number[] = [];
  for (let i = 0; i < r.size; i++) {
    if (r.held[i] && r.released[i] === RESULT_CODES.A && (r.attitude[i] === UNSATISFIED || r.result[i] === UNSATISFIED)) picked.push(i);
  }
  picked.sort((x, y) => r.ratedAt[y]! - r.ratedAt[x]!);
  return picked.map((i) => ({ proposal: p.proposalAt[r.proposal[i]!]!, assignment: p.assignmentAt[i]!, round: p.roundAt[i]! }));
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

/**
 * The B-promise ledger: every B reply released by `onMs` and whether its planned date was kept,
 * counted by state; the entries (those of `states`, all by default) by planned date, at most
 * `first` of them.
 */
export function promiseLedger(p: ProposalsProjection, onMs: number, options: { states?: readonly PromiseState[] | null; first?: number } = {}): { entries: PromiseEntry[]; counts: Array<{ state: PromiseState; count: number }> } {
  const r = p.rounds;
  const counts = new Int32Array(PROMISE_STATES.length);
  const picked = scratchInts(r.size);
  const stateOf = scratchBytes(r.size);
  let n = 0;
  const wanted = options.states?.length ? new Set(options.states.map((s) => PROMISE_STATES.indexOf(s))) : null;
  for (let i = 0; i < r.size; i++) {
    if (!r.held[i] || r.released[i] !== RESULT_CODES.B || !(r.releasedAt[i]! <= onMs)) continue;
    const delivered = r.officeDelivered[i]!;
    const planned = r.plannedEnd[i]!;
    const state = delivered === delivered ? (delivered < planned ? 0 : 1) : onMs >= planned ? 3 : 2;
    counts[state]!++;
    if (wanted && !wanted.has(state)) continue;
    picked[n++] = i;
    stateOf[i] = state;
  }
  const order = (x: number, y: number) => r.plannedEnd[x]! - r.plannedEnd[y]! || byId(p.assignmentAt[x]!.id, p.assignmentAt[y]!.id);
  let shown: number[];
  if (options.first !== undefined && options.first < n) {
    // Only the first few are shown: the planned date the first-th entry falls on bounds them, so
    // only the entries up to that date (ties included) are sorted, not every open promise.
    const keys = scratchFloats(n);
    for (let k = 0; k < n; k++) keys[k] = r.plannedEnd[picked[k]!]!;
    const bound = kthSmallest(keys, 0, n, options.first - 1);
    shown = [];
    for (let k = 0; k < n; k++) if (r.plannedEnd[picked[k]!]! <= bound) shown.push(picked[k]!);
    shown = shown.sort(order).slice(0, options.first);
  } else {
    shown = Array.from(picked.subarray(0, n)).sort(order);
  }
  const entries = shown.map((i): PromiseEntry => {
    const round = p.roundAt[i]!;
    const released = round.replies.find((x) => x.status === 'RELEASED')!;
    return { proposal: p.proposalAt[r.proposal[i]!]!, assignment: p.assignmentAt[i]!, round, plannedOn: released.plannedOn!, deliveredOn: round.delivered.OFFICE ?? null, unitReportedOn: round.delivered.UNIT ?? null, state: PROMISE_STATES[stateOf[i]!]! };
  });
  return { entries, counts: PROMISE_STATES.map((state, k) => ({ state, count: counts[k]! })) };
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
  for (const id of p.keyProposals) {
    const proposal = p.proposals.get(id)!;
    if (!proposal.key) continue;
    const held = proposal.assignments.filter((a) => !a.returned).map((a) => a.rounds.at(-1)!);
    out.push({
      proposal,
      assignments: held.length,
      replied: held.filter((r) => r.repliedMs !== null && r.repliedMs <= onMs).length,
      overdue: proposal.stage === 'CLOSED' ? 0 : held.filter((r) => deadlineState(r, onMs, 0) === 'OVERDUE').length,
      supervisions: proposal.contacts.filter((c) => c.participantIds.includes(proposal.key!.supervisorId)).length,
    });
  }
  // By serial (第2号 before 第10号), then id.
  return out.sort((a, b) => (a.proposal.serial ?? Infinity) - (b.proposal.serial ?? Infinity) || byId(a.proposal.id, b.proposal.id));
}

/** The year of a proposal, for the callers that group by it. */
export const proposalYear = (row: ProposalRow): number => Number(periodContaining(row.submittedMs, 'YEAR').id);
