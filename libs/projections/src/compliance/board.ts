/**
 * The compliance board (制度落实): each rule of COMPLIANCE_RULES as a check over the projections,
 * for a year, on an "on" instant (the asOf moment, or now), with the ids behind each cell.
 *
 * What each rule counts as due ("expected") and as kept ("met"):
 * - MEMBERS_IN_SPECIAL_COMMITTEE: active members; kept when their special committee is a
 *   registered, undissolved SPECIAL_COMMITTEE. Evidence: the members that are not.
 * - LOCALITIES_HAVE_GROUP: localities; kept when an undissolved liaison group covers it.
 * - GROUPS_ACTIVE_EACH_QUARTER: (undissolved liaison group, quarter of the year ended by "on");
 *   kept when the group has a contact in it. Evidence: `group@2020-Q3`.
 * - DUE_LINKS_MET, one cell per scheme: (link, period of the link's own requirement — a link of
 *   2 per QUARTER is judged per quarter — ended by "on" and within the year, the link due in it);
 *   kept when covered. Evidence: `link@period`.
 * - MEMBERS_TARGETED: active members; kept when the target of a link active on "on" (or at the
 *   year's end, for a past year).
 * - PARTY_COMMITTEE_REPORTED / _STUDIED: one per year, due once the year has ended (before
 *   that, a year with one already counts it kept; without, nothing is due yet). Evidence: the
 *   reports or studies that keep it.
 * - PROPOSALS_REPLIED_ON_TIME: the current round of each held assignment of the year's
 *   proposals whose deadline has passed or that was replied; kept when replied on time.
 * - TOPICS_CARRIED_OUT: the year's key topics not withdrawn; kept when the list holds an
 *   inspection and a proposal or an opinion report. Evidence: `topic: what it lacks`.
 * - INSPECTION_REPORTS_ON_TIME: the year's held inspections whose report is due or made;
 *   kept when reported by the due date (N days after the visit).
 * - RECOMMENDATIONS_ANSWERED_ON_TIME: the recommendations of the year's reports whose first
 *   response is due or made; kept when answered by the due date (M days after the report).
 *
 * Cost: one pass over members, localities, groups × quarters, links × periods, the year's rounds
 * (the deadline board), inspections and topics; no contact is read (links and groups keep their
 * contact times sorted).
 */
import { createHash } from 'node:crypto';
import type { ComplianceRule, ComplianceState, Period, SealedCell } from '#domain';
import { COMPLIANCE_RULES, SCHEMES, committeeDayStart, complianceState, deadlineState, periodContaining, periodsBetween } from '#domain';
import { InspectionsProjection } from '../inspections/inspections.projection.js';
import { LiaisonView } from '../liaison/liaisonView.js';
import { isActiveAt, isDue, plenaryWindows } from '../liaison/network/linkFigures.js';
import { isCovered } from '../liaison/coverage/coverage.queries.js';
import { PartyCommitteeProjection } from '../partyCommittee/partyCommittee.projection.js';
import { ProposalsProjection } from '../proposals/proposals.projection.js';
import { repliesOnTime } from '../proposals/proposals.queries.js';
import type { ProjectionSet } from '../shared/projection.js';
import { TopicsProjection } from '../topics/topics.projection.js';
import { ComplianceProjection } from './compliance.projection.js';

/** What a board reads. */
export const BOARD_READS = ['roster', 'links', 'contacts', ProposalsProjection.NAME, InspectionsProjection.NAME, TopicsProjection.NAME, PartyCommitteeProjection.NAME, ComplianceProjection.NAME] as const;

export interface BoardCell extends SealedCell {
  /** met / expected; null when nothing was due. */
  share: number | null;
  /** Every id behind the cell: what is not kept (or, for the yearly rules, what keeps them), sorted. */
  evidence: string[];
}

export interface Board {
  year: number;
  /** The instant the board was read for. */
  onMs: number;
  cells: BoardCell[];
  /** SHA-256 over the year, "on" and every cell with all of its evidence: what a seal keeps. */
  boardHash: string;
}

const sorted = (ids: Iterable<string>) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The board of `year` on `onMs` over a set (live, or a time-travel copy for asOf). */
export function complianceBoard(set: ProjectionSet, year: number, onMs: number): Board {
  const view = LiaisonView.of(set);
  const compliance = set.get<ComplianceProjection>(ComplianceProjection.NAME);
  const yearPeriod = periodContaining(Date.UTC(year, 6, 1), 'YEAR');
  const until = Math.min(onMs, yearPeriod.end);
  const yearEnded = onMs >= yearPeriod.end;
  /** A moment for "now" facts: "on", or the year's last instant for a past year. */
  const at = until - (yearEnded ? 1 : 0);
  const cells: BoardCell[] = [];
  const cell = (rule: ComplianceRule, scheme: string | null, expected: number, met: number, evidence: Iterable<string>) => {
    const state: ComplianceState = complianceState(met, expected, compliance.threshold(rule));
    cells.push({ rule, scheme, expected, met, state, share: expected === 0 ? null : met / expected, evidence: sorted(evidence) });
  };

  // ---- the roster
  const activeMembers = [...view.roster.members.values()].filter((m) => m.status === 'ACTIVE');
  {
    const outside = activeMembers.filter((m) => {
      const sc = view.roster.organizations.get(m.specialCommitteeId);
      return !sc || sc.kind !== 'SPECIAL_COMMITTEE' || sc.dissolved;
    });
    cell('MEMBERS_IN_SPECIAL_COMMITTEE', null, activeMembers.length, activeMembers.length - outside.length, outside.map((m) => m.id));
  }
  {
    const localities = [...view.roster.localities.values()];
    const without = localities.filter((l) => !view.roster.liaisonGroupOf(l.id));
    cell('LOCALITIES_HAVE_GROUP', null, localities.length, localities.length - without.length, without.map((l) => l.id));
  }
  {
    const quarters = periodsBetween(yearPeriod.start, yearPeriod.end - 1, 'QUARTER').filter((q) => q.end <= onMs);
    const groups = [...view.roster.organizations.values()].filter((o) => o.kind === 'LIAISON_GROUP' && !o.dissolved);
    const quiet: string[] = [];
    for (const g of groups) for (const q of quarters) if ((view.groupContactTimes.get(g.id)?.countBetween(q.start, q.end) ?? 0) === 0) quiet.push(`${g.id}@${q.id}`);
    const expected = groups.length * quarters.length;
    cell('GROUPS_ACTIVE_EACH_QUARTER', null, expected, expected - quiet.length, quiet);
  }

  // ---- the links
  {
    const plenary = plenaryWindows(view);
    const periodsOf = new Map<string, Period[]>();
    const ended = (kind: Period['kind']) => {
      let list = periodsOf.get(kind);
      if (!list) periodsOf.set(kind, (list = periodsBetween(yearPeriod.start, yearPeriod.end - 1, kind).filter((p) => p.end <= onMs)));
      return list;
    };
    const tally = new Map(SCHEMES.map((s) => [s, { expected: 0, met: 0, unmet: [] as string[] }]));
    const targeted = new Set<string>();
    for (const link of view.links.values()) {
      if (isActiveAt(link, at)) targeted.add(link.targetId);
      const t = tally.get(link.scheme)!;
      for (const p of ended(link.requirement.per)) {
        if (!isDue(link, p)) continue;
        t.expected++;
        if (isCovered(link, p, plenary)) t.met++;
        else t.unmet.push(`${link.id}@${p.id}`);
      }
    }
    for (const [scheme, t] of tally) cell('DUE_LINKS_MET', scheme, t.expected, t.met, t.unmet);
    const untargeted = activeMembers.filter((m) => !targeted.has(m.id));
    cell('MEMBERS_TARGETED', null, activeMembers.length, activeMembers.length - untargeted.length, untargeted.map((m) => m.id));
  }

  // ---- the Party committee
  {
    const { reports, studies } = set.get<PartyCommitteeProjection>(PartyCommitteeProjection.NAME).year(year);
    const until = (rows: ReadonlyArray<{ id: string; on: string }>) => rows.filter((r) => committeeDayStart(r.on) < onMs);
    const made = until(reports.map((r) => ({ id: r.id, on: r.reportedOn })));
    const held = until(studies.map((s) => ({ id: s.id, on: s.studiedOn })));
    const yearly = (rule: ComplianceRule, rows: ReadonlyArray<{ id: string }>) => cell(rule, null, rows.length > 0 || yearEnded ? 1 : 0, rows.length > 0 ? 1 : 0, rows.map((r) => r.id));
    yearly('PARTY_COMMITTEE_REPORTED', made);
    yearly('PARTY_COMMITTEE_STUDIED', held);
  }

  // ---- proposals
  {
    const { due, late } = repliesOnTime(set.get<ProposalsProjection>(ProposalsProjection.NAME), onMs, year);
    cell('PROPOSALS_REPLIED_ON_TIME', null, due, due - late.length, late);
  }

  // ---- key topics
  {
    const topics = set.get<TopicsProjection>(TopicsProjection.NAME);
    const rows = [...(topics.byYear.get(year) ?? [])].map((id) => topics.topics.get(id)!).filter((t) => t.stage === 'SET');
    const lacking: string[] = [];
    for (const t of rows) {
      const kinds = new Set([...t.work.values()].filter((w) => committeeDayStart(w.on) < onMs).map((w) => w.kind));
      const missing = [!kinds.has('INSPECTION') && 'no inspection', !kinds.has('PROPOSAL') && !kinds.has('OPINION_REPORT') && 'no proposal or opinion report'].filter(Boolean);
      if (missing.length) lacking.push(`${t.id}: ${missing.join(', ')}`);
    }
    cell('TOPICS_CARRIED_OUT', null, rows.length, rows.length - lacking.length, lacking);
  }

  // ---- inspections
  {
    const p = set.get<InspectionsProjection>(InspectionsProjection.NAME);
    const { dueSoonDays } = p.inspectionRules().rules;
    let reportsDue = 0;
    const lateReports: string[] = [];
    let responsesDue = 0;
    const lateResponses: string[] = [];
    for (const row of p.inspectionAt) {
      if (row.year === year && row.reportRound) {
        const state = deadlineState(row.reportRound, onMs, dueSoonDays);
        if (state !== 'NOT_YET_DUE' && state !== 'DUE_SOON') {
          reportsDue++;
          if (state !== 'REPLIED_ON_TIME') lateReports.push(row.id);
        }
      }
      for (const r of row.recommendations) {
        if (r.year !== year) continue;
        const state = deadlineState(r, onMs, dueSoonDays);
        if (state === 'NOT_YET_DUE' || state === 'DUE_SOON') continue;
        responsesDue++;
        if (state !== 'REPLIED_ON_TIME') lateResponses.push(`${row.id}#${r.number}`);
      }
    }
    cell('INSPECTION_REPORTS_ON_TIME', null, reportsDue, reportsDue - lateReports.length, lateReports);
    cell('RECOMMENDATIONS_ANSWERED_ON_TIME', null, responsesDue, responsesDue - lateResponses.length, lateResponses);
  }

  cells.sort((a, b) => COMPLIANCE_RULES.indexOf(a.rule) - COMPLIANCE_RULES.indexOf(b.rule));
  return { year, onMs, cells, boardHash: boardHash(year, onMs, cells) };
}

/** The hash a seal keeps: canonical JSON of the year, "on" and each cell with its whole evidence. */
export function boardHash(year: number, onMs: number, cells: readonly BoardCell[]): string {
  const canonical = JSON.stringify({ year, on: new Date(onMs).toISOString(), cells: cells.map((c) => [c.rule, c.scheme, c.expected, c.met, c.state, c.evidence]) });
  return createHash('sha256').update(canonical).digest('hex');
}
