/**
 * The read side of the opinions and inspections phases (bench/wingsPhase.ts), each measurement in
 * a fresh child process (bench.ts → readSide.ts):
 * - `<wing>Rebuild`: the wing's projection and the roster it reads (names, members), alone in a
 *   ProjectionSet fed by ProjectionRunner.catchUp (pages of 1,000) from the store; then, when asked,
 *   the heap they hold and the latency of every dashboard query the API's root fields answer;
 * - `<wing>Raw`: the baseline, the same rows read with better-sqlite3 (the columns readAll
 *   returns), JSON.parse of data and metadata, and a fold into plain Maps with the least work that
 *   keeps the figures the dashboard reads.
 *
 * The queries are the functions the resolvers call (libs/projections/src/<wing>/<wing>.queries.ts),
 * with the lists paged as the API pages them (apps/api/src/common/pagination.ts, 50 a page); what
 * the resolver adds on top (names from the roster, GraphQL serialisation) is not in the figures.
 */
import Database from 'better-sqlite3';
import { DOMAIN } from '#domain';
import { ProjectionSet, RosterProjection, type Projection } from '#projections';
import { OpinionsProjection, type ReportRow } from '#projections/opinions/opinions.projection';
import { eachReport, opinionCounts, opinionCredit, opinionLadder } from '#projections/opinions/opinions.queries';
import { InspectionsProjection } from '#projections/inspections/inspections.projection';
import { inspectionAttendance, inspectionCounts, listInspections, overdueRecommendations, overdueReports, recommendationStandings } from '#projections/inspections/inspections.queries';
import { paginate, paginateScan } from '../apps/api/src/common/pagination.js';
import { Rng } from '../apps/cli/src/sample/rng.js';
import { gc, mb } from './stats.js';
import { DAY } from './scripted.js';
import { timed, timedRebuild } from './proposalsRead.js';
import type { LatencyFigures } from './readSide.js';

export type Wing = 'opinions' | 'inspections';

export interface WingQueryOptions {
  /** The year the figures ask about, and the "on" instant (epoch ms) of the inspections' deadlines. */
  year: number;
  onMs: number;
  seed: number;
  /** Upper bound on timed runs per query; fewer when a query is slow (each gets about `msPerQuery` of runs, at least `minRuns`). */
  maxRuns: number;
  minRuns: number;
  msPerQuery: number;
}

export interface WingReadResult {
  seconds: number;
  events: number;
  fold?: Record<string, number>;
  model?: Record<string, number>;
  /** JS heap the projections hold: heap used after GC with them, less the heap before they were built. */
  heapMb?: number;
  queries?: LatencyFigures[];
  samples?: Record<string, unknown>;
}

const SELECT_ALL =
  'SELECT e.position, e.event_id, s.stream_id, e.revision, e.type, e.data, e.metadata, e.recorded_at FROM events e JOIN streams s ON s.stream_key = e.stream_key ORDER BY e.position';
type Row = [number, string, string, number, string, string, string, string];

/** One SELECT, JSON.parse of data and metadata, and the wing's fold. */
export function wingRawFold(wing: Wing, file: string): WingReadResult {
  const db = new Database(file, { fileMustExist: true });
  try {
    const stmt = db.prepare(SELECT_ALL).raw();
    const fold = wing === 'opinions' ? opinionsFold() : inspectionsFold();
    let events = 0;
    const start = process.hrtime.bigint();
    for (const row of stmt.iterate() as Iterable<Row>) {
      const data = JSON.parse(row[5]) as Record<string, unknown>;
      const metadata = JSON.parse(row[6]) as unknown;
      if (metadata === null) throw new Error('unreachable');
      events++;
      fold.apply(row[4], data);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { seconds, events, fold: fold.figures() };
  } finally {
    db.close();
  }
}

interface Fold {
  apply(type: string, d: Record<string, unknown>): void;
  figures(): Record<string, number>;
}

/** Per report: stage, year, authors, adoption, forwards, instructions; per year and author: submitted and adopted. */
function opinionsFold(): Fold {
  const reports = new Map<string, { stage: string; year: number; authorIds: string[]; adopted: boolean; forwards: number; adoptions: number; instructions: number }>();
  const counts = new Map<string, { submitted: number; adopted: number }>();
  const count = (year: number, authorIds: string[], field: 'submitted' | 'adopted', delta: number) => {
    for (const a of authorIds) {
      const key = `${year}:${a}`;
      let c = counts.get(key);
      if (!c) counts.set(key, (c = { submitted: 0, adopted: 0 }));
      c[field] += delta;
    }
  };
  return {
    apply(type, d) {
      switch (type) {
        case 'OpinionReportSubmitted': {
          const year = Number((d.submittedOn as string).slice(0, 4));
          reports.set(d.reportId as string, { stage: 'SUBMITTED', year, authorIds: d.authorIds as string[], adopted: false, forwards: 0, adoptions: 0, instructions: 0 });
          count(year, d.authorIds as string[], 'submitted', 1);
          return;
        }
        case 'OpinionReportsCombined':
          reports.set(d.reportId as string, { stage: 'ADOPTED', year: Number((d.combinedOn as string).slice(0, 4)), authorIds: d.authorIds as string[], adopted: true, forwards: 0, adoptions: 0, instructions: 0 });
          for (const id of d.adoptedPartIds as string[]) {
            const part = reports.get(id);
            if (part && !part.adopted) {
              part.adopted = true;
              part.stage = 'ADOPTED';
              count(part.year, part.authorIds, 'adopted', 1);
            }
          }
          return;
        default:
          break;
      }
      const r = reports.get(d.reportId as string);
      if (!r) return;
      switch (type) {
        case 'OpinionReportWithdrawn':
          r.stage = 'WITHDRAWN';
          count(r.year, r.authorIds, 'submitted', -1);
          break;
        case 'OpinionReportAdopted':
          r.stage = 'ADOPTED';
          r.adopted = true;
          count(r.year, r.authorIds, 'adopted', 1);
          break;
        case 'OpinionReportNotAdopted':
          r.stage = 'NOT_ADOPTED';
          break;
        case 'OpinionReportForwarded':
          r.forwards += (d.recipients as unknown[]).length;
          break;
        case 'OpinionRecipientAdopted':
          r.adoptions++;
          break;
        case 'OpinionInstructionRecorded':
          r.instructions++;
          break;
        default:
          break;
      }
    },
    figures() {
      let adopted = 0;
      let forwards = 0;
      let instructions = 0;
      for (const r of reports.values()) {
        if (r.adopted) adopted++;
        forwards += r.forwards;
        instructions += r.instructions;
      }
      return { reports: reports.size, adopted, forwards, instructions, authorYears: counts.size };
    },
  };
}

/** Per inspection: stage, year, answers, attendees; per recommendation: unit, deadline, first response, status. */
function inspectionsFold(): Fold {
  const rows = new Map<string, { stage: string; year: number; answers: Map<string, string>; attendeeIds: string[]; recommendations: Array<{ unitId: string; dueOn: string; firstOn: string | null; status: string | null }> }>();
  let recommendations = 0;
  return {
    apply(type, d) {
      if (type === 'InspectionPlanned') {
        rows.set(d.inspectionId as string, { stage: 'PLANNED', year: Number((d.startsOn as string).slice(0, 4)), answers: new Map(), attendeeIds: [], recommendations: [] });
        return;
      }
      const row = typeof d.inspectionId === 'string' ? rows.get(d.inspectionId) : undefined;
      if (!row) return;
      switch (type) {
        case 'InspectionRescheduled':
          row.year = Number((d.startsOn as string).slice(0, 4));
          break;
        case 'InspectionCancelled':
          row.stage = 'CANCELLED';
          break;
        case 'InspectionInvitationSent':
          row.answers.set(d.inviteeId as string, '');
          break;
        case 'InspectionInvitationAnswered':
          row.answers.set(d.inviteeId as string, d.answer as string);
          break;
        case 'InspectionHeld':
          row.stage = 'HELD';
          row.year = Number((d.heldFrom as string).slice(0, 4));
          row.attendeeIds = d.attendeeIds as string[];
          break;
        case 'InspectionAttendanceRecorded':
          row.attendeeIds = d.attendeeIds as string[];
          break;
        case 'InspectionReported':
          row.stage = 'REPORTED';
          for (const r of d.recommendations as Array<{ unitId: string; responseDueOn: string }>) row.recommendations.push({ unitId: r.unitId, dueOn: r.responseDueOn, firstOn: null, status: null });
          recommendations += row.recommendations.length;
          break;
        case 'RecommendationFollowedUp': {
          const r = row.recommendations[(d.number as number) - 1];
          if (r) {
            r.firstOn ??= d.respondedOn as string;
            r.status = d.status as string;
          }
          break;
        }
        default:
          break;
      }
    },
    figures() {
      let held = 0;
      let answered = 0;
      for (const r of rows.values()) {
        if (r.stage === 'HELD' || r.stage === 'REPORTED') held++;
        for (const a of r.answers.values()) if (a) answered++;
      }
      return { inspections: rows.size, held, answered, recommendations };
    },
  };
}

/** The wing's projection and the roster, alone, fed from the store by the runner; then their heap and, when asked, the queries. */
export async function wingRebuild(wing: Wing, file: string, queries: WingQueryOptions | undefined): Promise<WingReadResult> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const roster = new RosterProjection();
  const projection: OpinionsProjection | InspectionsProjection = wing === 'opinions' ? new OpinionsProjection(roster) : new InspectionsProjection();
  const { seconds, events } = await timedRebuild(file, new ProjectionSet([roster, projection as Projection], (event) => DOMAIN.upcast(event)));
  const result: WingReadResult = { seconds, events };
  if (!queries) return result;
  gc();
  result.heapMb = mb(process.memoryUsage().heapUsed - heapBefore);
  Object.assign(result, projection instanceof OpinionsProjection ? opinionsQueries(projection, roster, queries) : inspectionsQueries(projection, roster, queries));
  return result;
}

const PAGE = { first: 50 };

function opinionsQueries(p: OpinionsProjection, roster: RosterProjection, o: WingQueryOptions): Pick<WingReadResult, 'model' | 'queries' | 'samples'> {
  const rng = new Rng(o.seed ^ 0x0b1);
  const { year } = o;
  const members = [...roster.members.keys()].filter((id) => p.creditCounts.get(year)?.has(id));
  const recipients = Object.values(p.opinionRules().recipients).filter((r) => r.organizationId);
  const all = () => true;
  const page = (filter: Parameters<typeof eachReport>[1]) => paginateScan<ReportRow>((visit) => eachReport(p, filter, all, visit), (row) => row.id, PAGE);
  const queries = [
    timed(`opinionCounts (${year}, by MEMBER)`, o, () => opinionCounts(p, year, 'MEMBER')),
    timed(`opinionCounts (${year}, by GROUP)`, o, () => opinionCounts(p, year, 'GROUP')),
    timed(`opinionCounts (${year}, by SECTOR)`, o, () => opinionCounts(p, year, 'SECTOR')),
    timed(`opinionCounts (${year}, by AUTHOR_BODY)`, o, () => opinionCounts(p, year, 'AUTHOR_BODY')),
    timed(`opinionLadder (${year}: by level, days, by source)`, o, () => opinionLadder(p, year)),
    timed(`opinionCredit (${year}, first 50, no items)`, o, () => opinionCredit(p, year, null, { first: 50, items: false })),
    timed(`opinionCredit (${year}, one member, with items)`, o, () => opinionCredit(p, year, members[rng.below(members.length)]!, { first: 50, items: true })),
    timed('opinionReports (first page of 50, all)', o, () => page({})),
    timed(`opinionReports (${year}, ADOPTED, page of 50)`, o, () => page({ year, stage: 'ADOPTED' })),
    timed('opinionReports (a member\'s, page of 50)', o, () => page({ authorId: members[rng.below(members.length)]! })),
    timed('opinionReports (forwarded to a unit, page of 50)', o, () => page({ recipientId: recipients[rng.below(recipients.length)]!.recipientId })),
  ];
  const ladder = opinionLadder(p, year);
  const counts = opinionCounts(p, year, 'MEMBER');
  const credit = opinionCredit(p, year, null, { first: 3, items: false });
  let combined = 0;
  let issued = 0;
  let forwarded = 0;
  let instructions = 0;
  for (const row of p.reports.values()) {
    if (row.authorKind === 'COMBINED') combined++;
    if (row.issued) issued++;
    if (row.forwards.length) forwarded++;
    instructions += row.instructions.length;
  }
  return {
    model: { reports: p.reports.size, combined, issued, forwarded, instructions, contactsWithIssues: p.contactIssueIds.size, members: roster.members.size, skipped: p.skipped },
    queries,
    samples: {
      year,
      total: counts.total,
      members: counts.rows.length,
      ladder: { submitted: ladder.submitted, bySource: ladder.bySource, combined: ladder.combined, committeeAdoptions: ladder.committeeAdoptions, notAdopted: ladder.notAdopted, issued: ladder.issued, forwarded: ladder.forwarded, recipientAdoptions: ladder.recipientAdoptions, instructions: ladder.instructions, daysToAdoption: ladder.daysToAdoption, daysToFirstInstruction: ladder.daysToFirstInstruction },
      creditTableFrom: credit.fromYear,
      topCredit: credit.authors.map((a) => `${a.authorId}: ${a.points}`),
    },
  };
}

function inspectionsQueries(p: InspectionsProjection, roster: RosterProjection, o: WingQueryOptions): Pick<WingReadResult, 'model' | 'queries' | 'samples'> {
  const rng = new Rng(o.seed ^ 0x1b5);
  const { year, onMs } = o;
  const isMember = (id: string) => roster.members.has(id);
  const members = [...p.byParty.keys()].filter(isMember);
  const units = [...p.recommendationsByUnit.keys()];
  let coldDays = 1;
  const queries = [
    timed(`inspectionCounts (${year}: planned vs held per organiser)`, o, () => inspectionCounts(p, year)),
    timed('inspectionCounts (every year)', o, () => inspectionCounts(p, null)),
    timed(`inspectionAttendance (${year}, every member)`, o, () => inspectionAttendance(p, year, isMember)),
    timed(`inspectionAttendance (${year}, one member)`, o, () => inspectionAttendance(p, year, isMember, members[rng.below(members.length)]!)),
    timed('overdueInspectionReports (first 50)', o, () => overdueReports(p, onMs).slice(0, 50)),
    timed('overdueRecommendations (first 50)', o, () => overdueRecommendations(p, onMs).slice(0, 50)),
    timed('overdueRecommendations (one unit)', o, () => overdueRecommendations(p, onMs, units[rng.below(units.length)]!)),
    timed('recommendationStandings (every unit, all years)', o, () => recommendationStandings(p, onMs, {})),
    // Each call another committee day: nothing remembered, every unit's standing worked out afresh.
    timed('recommendationStandings (every unit, all years, another day each call)', o, () => recommendationStandings(p, onMs - (coldDays++ % 3000) * DAY, {})),
    timed(`recommendationStandings (every unit, ${year})`, o, () => recommendationStandings(p, onMs, { year })),
    timed('recommendationStandings (one unit)', o, () => recommendationStandings(p, onMs, { unitId: units[rng.below(units.length)]! })),
    timed(`inspections (${year}, page of 50)`, o, () => paginate(listInspections(p, { year }), (row) => row.id, PAGE)),
    timed('inspections (a member\'s, page of 50)', o, () => paginate(listInspections(p, { memberId: members[rng.below(members.length)]! }), (row) => row.id, PAGE)),
    timed('inspections (a unit\'s, page of 50)', o, () => paginate(listInspections(p, { unitId: units[rng.below(units.length)]! }), (row) => row.id, PAGE)),
  ];
  const counts = inspectionCounts(p, year);
  const sum = (f: (c: (typeof counts)[number]) => number) => counts.reduce((s, c) => s + f(c), 0);
  const standings = recommendationStandings(p, onMs, {});
  const attendance = inspectionAttendance(p, year, isMember);
  const due = standings.reduce((s, u) => s + u.due, 0);
  const onTime = standings.reduce((s, u) => s + u.onTime, 0);
  let recommendations = 0;
  let followUps = 0;
  for (const list of p.recommendationsByUnit.values()) {
    recommendations += list.length;
    for (const r of list) followUps += r.followUps.length;
  }
  return {
    model: { inspections: p.inspections.size, held: p.held.length, recommendations, followUps, units: units.length, contactsServing: p.contactInspection.size, skipped: p.skipped },
    queries,
    samples: {
      year,
      on: new Date(onMs).toISOString(),
      [`${year} planned / held / reported / cancelled / pending`]: `${sum((c) => c.planned)} / ${sum((c) => c.held)} / ${sum((c) => c.reported)} / ${sum((c) => c.cancelled)} / ${sum((c) => c.pending)}`,
      organisers: counts.length,
      membersWithAttendance: attendance.length,
      meanAttendanceRate: Number((attendance.reduce((s, a) => s + (a.rate ?? 0), 0) / Math.max(1, attendance.length)).toFixed(3)),
      overdueReports: overdueReports(p, onMs).length,
      overdueRecommendations: overdueRecommendations(p, onMs).length,
      responsesOnTime: `${onTime}/${due}`,
    },
  };
}
