/**
 * The proposals phase's read side, each measurement in a fresh child process (bench.ts):
 * - `proposalsRebuild`: a fresh ProposalsProjection alone, fed by ProjectionRunner.catchUp (pages
 *   of 1,000) from the store; then, when asked, the heap it holds and the dashboard queries on it;
 * - `proposalsRaw`: the baseline, the same rows read with better-sqlite3 (the columns readAll
 *   returns), JSON.parse of data and metadata, and a fold into plain Maps with the least work
 *   that keeps the figures the dashboard needs: per proposal its stage and assignments, per
 *   assignment its unit, deadline, released reply and rating.
 */
import Database from 'better-sqlite3';
import { DOMAIN } from '#domain';
import { SqliteEventStore } from '#event-store/sqlite';
import { ProjectionRunner, ProjectionSet, ProposalsProjection, aUnsatisfied, keyProgress, listProposals, overdueAssignments, promiseLedger, proposalCounts, unitStandings } from '#projections';
import { repliesOnTime } from '#projections/proposals/proposals.queries';
import { Rng } from '../apps/cli/src/sample/rng.js';
import { gc, mb } from './stats.js';
import { latency, type LatencyFigures } from './readSide.js';

export interface ProposalQueryOptions {
  /** The "on" instant of the queries (epoch ms). */
  onMs: number;
  /** The on-time window: rounds due by this committee date. */
  dueBy: string;
  seed: number;
  /** Upper bound on timed runs per query; fewer when a query is slow (each query gets about `msPerQuery` of runs, at least `minRuns`). */
  maxRuns: number;
  minRuns: number;
  msPerQuery: number;
}

export interface ProposalsModelFigures {
  proposals: number;
  assignments: number;
  rounds: number;
  replies: number;
  ratings: number;
  skipped: number;
  /** JS heap the projection holds: heap used after GC with it, less the heap before it was built. */
  heapMb: number;
}

export interface ProposalsReadResult {
  seconds: number;
  events: number;
  fold?: { proposals: number; assignments: number; released: number; rated: number };
  model?: ProposalsModelFigures;
  queries?: LatencyFigures[];
  samples?: Record<string, unknown>;
}

const SELECT_ALL =
  'SELECT e.position, e.event_id, s.stream_id, e.revision, e.type, e.data, e.metadata, e.recorded_at FROM events e JOIN streams s ON s.stream_key = e.stream_key ORDER BY e.position';

interface RawAssignment {
  unitId: string;
  dueOn: string;
  returned: boolean;
  repliedMs: number;
  released: boolean;
  rated: string | null;
}

/** The baseline: one SELECT, JSON.parse, and a fold into Maps keyed by proposal and assignment. */
export function proposalsRawFold(file: string): ProposalsReadResult {
  const db = new Database(file, { fileMustExist: true });
  try {
    const stmt = db.prepare(SELECT_ALL).raw();
    const proposals = new Map<string, { stage: string; assignments: string[] }>();
    const assignments = new Map<string, RawAssignment>();
    let events = 0;
    let released = 0;
    let rated = 0;
    const start = process.hrtime.bigint();
    for (const row of stmt.iterate() as Iterable<[number, string, string, number, string, string, string, string]>) {
      const d = JSON.parse(row[5]) as Record<string, string>;
      const metadata = JSON.parse(row[6]) as unknown;
      if (metadata === null) throw new Error('unreachable');
      events++;
      switch (row[4]) {
        case 'ProposalSubmitted':
          proposals.set(d.proposalId!, { stage: 'SUBMITTED', assignments: [] });
          break;
        case 'ProposalFiled':
        case 'ProposalNotFiled':
        case 'ProposalMerged':
        case 'ProposalWithdrawn':
        case 'ProposalReturned':
        case 'ProposalClosed': {
          const p = proposals.get(d.proposalId!);
          if (p) p.stage = row[4];
          break;
        }
        case 'ProposalAssigned':
          assignments.set(d.assignmentId!, { unitId: d.unitId!, dueOn: d.dueOn!, returned: false, repliedMs: 0, released: false, rated: null });
          proposals.get(d.proposalId!)?.assignments.push(d.assignmentId!);
          break;
        case 'AssignmentReturned': {
          const a = assignments.get(d.assignmentId!);
          if (a) a.returned = true;
          break;
        }
        case 'ReplySubmitted': {
          const a = assignments.get(d.assignmentId!);
          if (a) a.repliedMs = Date.parse(d.submittedAt!);
          break;
        }
        case 'ReplyReleased': {
          const a = assignments.get(d.assignmentId!);
          if (a) a.released = true;
          released++;
          break;
        }
        case 'ReplyRated': {
          const a = assignments.get(d.assignmentId!);
          if (a) a.rated = d.result!;
          rated++;
          break;
        }
        default:
          break;
      }
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { seconds, events, fold: { proposals: proposals.size, assignments: assignments.size, released, rated } };
  } finally {
    db.close();
  }
}

/** A fresh ProposalsProjection alone, fed from the store by the runner; then its heap and, when asked, the queries. */
/** Folds the whole store into `set` with the runner the API uses, timed (a wing's rebuild figure). */
export async function timedRebuild(file: string, set: ProjectionSet): Promise<{ seconds: number; events: number }> {
  const store = new SqliteEventStore({ file });
  try {
    const runner = new ProjectionRunner(store, set);
    const start = process.hrtime.bigint();
    const events = await runner.catchUp();
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, events };
  } finally {
    await store.close();
  }
}

export async function proposalsRebuild(file: string, queries: ProposalQueryOptions | undefined): Promise<ProposalsReadResult> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const projection = new ProposalsProjection();
  const { seconds, events } = await timedRebuild(file, new ProjectionSet([projection], (event) => DOMAIN.upcast(event)));
  const result: ProposalsReadResult = { seconds, events };
  if (!queries) return result;
  gc();
  let assignments = 0;
  let rounds = 0;
  let replies = 0;
  let ratings = 0;
  for (const p of projection.proposals.values()) {
    assignments += p.assignments.length;
    for (const a of p.assignments) {
      rounds += a.rounds.length;
      for (const r of a.rounds) {
        replies += r.replies.length;
        if (r.rating) ratings++;
      }
    }
  }
  result.model = { proposals: projection.proposals.size, assignments, rounds, replies, ratings, skipped: projection.skipped, heapMb: mb(process.memoryUsage().heapUsed - heapBefore) };
  Object.assign(result, runProposalQueries(projection, queries));
  return result;
}

/**
 * Each dashboard query, warmed up, then timed over repeated calls: as many as fit in about
 * `msPerQuery` (between `minRuns` and `maxRuns`), so a slow query does not take the phase past
 * its budget and a fast one gets a steady p99.
 */
function runProposalQueries(p: ProposalsProjection, o: ProposalQueryOptions): { queries: LatencyFigures[]; samples: Record<string, unknown> } {
  const rng = new Rng(o.seed ^ 0x9b05);
  const units = [...new Set([...p.proposals.values()].flatMap((row) => row.assignments.map((a) => a.unitId)))].sort();
  const noSector = () => undefined;
  const { onMs, dueBy } = o;
  const queries = [
    timed('proposalCounts (all)', o, () => proposalCounts(p, {}, noSector)),
    timed(`unitStandings (dueBy ${dueBy})`, o, () => unitStandings(p, onMs, { dueBy })),
    timed('overdueAssignments', o, () => overdueAssignments(p, onMs)),
    // The compliance board's PROPOSALS_REPLIED_ON_TIME rule (board.ts): every current round's state, for the last year.
    timed('repliesOnTime (the compliance board\'s proposals rule)', o, () => repliesOnTime(p, onMs, new Date(onMs).getUTCFullYear())),
    timed('promiseLedger (first 100 entries, as the API)', o, () => promiseLedger(p, onMs, { first: 100 })),
    timed('aUnsatisfied', o, () => aUnsatisfied(p)),
    timed('keyProgress', o, () => keyProgress(p, onMs)),
    timed('listProposals (random unit)', o, () => listProposals(p, { unitId: units[rng.below(units.length)]! }, noSector)),
  ];
  const counts = proposalCounts(p, {}, noSector);
  const standings = unitStandings(p, onMs, { dueBy });
  const ledger = promiseLedger(p, onMs);
  const lead = standings.reduce((s, u) => ({ due: s.due + u.lead.due, onTime: s.onTime + u.lead.onTime }), { due: 0, onTime: 0 });
  const samples = {
    byStage: Object.fromEntries(counts.byStage.map((s) => [s.stage, s.count])),
    filingRate: counts.filingRate === null ? null : Number(counts.filingRate.toFixed(3)),
    units: standings.length,
    [`lead on time, due by ${dueBy}`]: `${lead.onTime}/${lead.due}`,
    overdueNow: overdueAssignments(p, onMs).length,
    promises: Object.fromEntries(ledger.counts.map((c) => [c.state, c.count])),
    aUnsatisfied: aUnsatisfied(p).length,
    keyProposals: keyProgress(p, onMs).length,
  };
  return { queries, samples };
}

/** Shared with the opinions and inspections phases (bench/wingsRead.ts). */
export function timed(query: string, o: Pick<ProposalQueryOptions, 'maxRuns' | 'minRuns' | 'msPerQuery'>, run: () => unknown): LatencyFigures {
  const warm = process.hrtime.bigint();
  const warmup = 5;
  for (let i = 0; i < warmup; i++) run();
  const estimateMs = Number(process.hrtime.bigint() - warm) / 1e6 / warmup;
  const runs = Math.max(o.minRuns, Math.min(o.maxRuns, Math.floor(o.msPerQuery / Math.max(estimateMs, 1e-3))));
  return latency(query, runs, 0, run);
}

