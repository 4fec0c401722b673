/**
 * The read side. Each measurement runs in a fresh child process of its own (see bench.ts), so a
 * process's peak RSS is that of one rebuild (plus the queries), not the generator's, nor that of
 * an earlier rebuild whose garbage V8 has not handed back yet:
 * - `rebuild`: every projection the API runs (Composition.createProjections), fed by ProjectionRunner.catchUp (its default page size), then, when
 *   asked, query latencies on it;
 * - `raw`: the baseline, one raw SELECT over the same file with JSON.parse and a trivial fold;
 * - `read`: store.readAll pages read and dropped, without a model: the store's share of a rebuild.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { SqliteEventStore } from '#event-store/sqlite';
import { DEFAULT_SNAPSHOT_EVERY, LiaisonView, ProjectionRunner, TimeTravel, coverage, linkUsage, staleLinks } from '#projections';
import { Composition } from '#platform/composition';
import { complianceBoard } from '#projections/compliance/board';
import { DutyProjection } from '#projections/duty/duty.projection';
import { dutyRecord, dutyRecords } from '#projections/duty/duty.queries';
import { rawScan } from './raw.js';
import { proposalsRawFold, proposalsRebuild, type ProposalQueryOptions, type ProposalsReadResult } from './proposalsRead.js';
import { wingRawFold, wingRebuild, type WingQueryOptions, type WingReadResult } from './wingsRead.js';
import { Rng } from '../apps/cli/src/sample/rng.js';
import { gc, machineLoad, maxRssMb, mb, percentile } from './stats.js';

export type ReadTask = 'raw' | 'read' | 'rebuild' | 'asOf' | 'proposalsRaw' | 'proposalsRebuild' | 'opinionsRaw' | 'opinionsRebuild' | 'inspectionsRaw' | 'inspectionsRebuild';

export interface QueryOptions {
  runs: number;
  warmup: number;
  seed: number;
  /** `on` for usage and stale links (epoch ms): the end of the generated record. */
  on: number;
  quarter: string;
  year: string;
}

export interface ReadTaskOptions {
  file: string;
  task: ReadTask;
  /** Only for `rebuild`: run the queries on the rebuilt model. */
  queries?: QueryOptions;
  /** Only for `proposalsRebuild`: measure the projection's heap and run the dashboard queries on it. */
  proposalQueries?: ProposalQueryOptions;
  /** Only for `opinionsRebuild` and `inspectionsRebuild`: measure the heap and run the dashboard queries. */
  wingQueries?: WingQueryOptions;
}

export interface LatencyFigures {
  query: string;
  runs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU time (user + system, all threads) per run: what the query costs when it is not waiting for a core. */
  cpuP50Ms: number;
  cpuP99Ms: number;
}

export interface ModelFigures {
  members: number;
  organizations: number;
  links: number;
  contacts: number;
  retracted: number;
  skipped: number;
  heapAfterGcMb: number;
}

export interface ReadTaskResult {
  task: ReadTask;
  seconds: number;
  events: number;
  fold?: { perType: Record<string, number>; participants: number };
  model?: ModelFigures;
  queries?: LatencyFigures[];
  samples?: Record<string, unknown>;
  /** Peak RSS of this process when the measurement ended (before any queries). */
  peakRssMb: number;
  /** Peak RSS after the queries, when there were any. */
  peakRssAfterQueriesMb?: number;
  load: { load1: number; cpuWaitPct: number | null };
  /** Only for `asOf`: time travel on the rebuilt model. */
  asOf?: AsOfFigures;
  /** Only for the proposals tasks. */
  proposals?: ProposalsReadResult;
  /** Only for the opinions and inspections tasks. */
  wing?: WingReadResult;
}

export interface AsOfFigures {
  snapshotEvery: number;
  snapshots: number;
  /** JS heap after GC with the live model and its copies, against the model alone (`rebuild`'s heapAfterGcMb). */
  heapAfterGcMb: number;
  /** coverage(quarter) as of a random position: build the model from the nearest copy, then query. */
  random: LatencyFigures;
  /** The same as of the position just before a copy is kept: the most events to fold. */
  worst: LatencyFigures;
}

/** Reads the file once so that every timed run starts from the same (warm) page cache. */
export function warmPageCache(file: string): void {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(8 << 20);
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

export async function runReadTask(options: ReadTaskOptions): Promise<ReadTaskResult> {
  gc();
  switch (options.task) {
    case 'raw': {
      const scan = rawScan(options.file);
      return { task: 'raw', seconds: scan.seconds, events: scan.events, fold: { perType: scan.perType, participants: scan.participants }, peakRssMb: maxRssMb(), load: machineLoad() };
    }
    case 'read': {
      const store = new SqliteEventStore({ file: options.file });
      try {
        let after = 0;
        let events = 0;
        const start = process.hrtime.bigint();
        for (;;) {
          const page = await store.readAll({ after, maxCount: 1000 });
          events += page.length;
          if (page.length < 1000) break;
          after = page[page.length - 1]!.position;
        }
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        return { task: 'read', seconds, events, peakRssMb: maxRssMb(), load: machineLoad() };
      } finally {
        await store.close();
      }
    }
    case 'rebuild': {
      const { model, seconds, events } = await rebuild(options.file);
      const load = machineLoad();
      const peakRssMb = maxRssMb();
      gc();
      let retracted = 0;
      for (const c of model.contacts.values()) if (c.retracted) retracted++;
      const figures: ModelFigures = {
        members: model.members.size,
        organizations: model.organizations.size,
        links: model.links.size,
        contacts: model.contacts.size,
        retracted,
        skipped: model.skipped,
        heapAfterGcMb: mb(process.memoryUsage().heapUsed),
      };
      const result: ReadTaskResult = { task: 'rebuild', seconds, events, model: figures, peakRssMb, load };
      if (options.queries) {
        const { queries, samples } = runQueries(model, options.queries);
        result.queries = queries;
        result.samples = samples;
        result.peakRssAfterQueriesMb = maxRssMb();
      }
      return result;
    }
    case 'asOf':
      return asOfTask(options);
    case 'proposalsRaw':
    case 'proposalsRebuild': {
      const proposals = options.task === 'proposalsRaw' ? proposalsRawFold(options.file) : await proposalsRebuild(options.file, options.proposalQueries);
      return { task: options.task, seconds: proposals.seconds, events: proposals.events, proposals, peakRssMb: maxRssMb(), load: machineLoad() };
    }
    case 'opinionsRaw':
    case 'inspectionsRaw':
    case 'opinionsRebuild':
    case 'inspectionsRebuild': {
      const wing = options.task.startsWith('opinions') ? 'opinions' : 'inspections';
      const result = options.task.endsWith('Raw') ? wingRawFold(wing, options.file) : await wingRebuild(wing, options.file, options.wingQueries);
      return { task: options.task, seconds: result.seconds, events: result.events, wing: result, peakRssMb: maxRssMb(), load: machineLoad() };
    }
    default: {
      const never: never = options.task;
      throw new Error(`unknown read task ${String(never)}`);
    }
  }
}

/**
 * A rebuild on a store opened for it and closed after; the store object is unreachable once this
 * returns, so the heap measured afterwards is the model's (the store's own caches live only as
 * long as the store, and count in the peak RSS, not in the heap figure).
 */
async function rebuild(file: string): Promise<{ model: LiaisonView; seconds: number; events: number }> {
  const store = new SqliteEventStore({ file });
  try {
    const projections = new Composition().createProjections();
    const runner = new ProjectionRunner(store, projections);
    const start = process.hrtime.bigint();
    const events = await runner.catchUp();
    return { model: LiaisonView.of(projections), events, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
  } finally {
    await store.close();
  }
}

/** `runs` timed calls of `run` after `warmup` untimed ones: wall and CPU percentiles. */
export function latency(query: string, runs: number, warmup: number, run: () => unknown): LatencyFigures {
  for (let i = 0; i < warmup; i++) run();
  const samples = new Array<number>(runs);
  const cpu = new Array<number>(runs);
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = run();
    samples[i] = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpuStart);
    cpu[i] = (used.user + used.system) / 1000;
    if (result) sink++;
  }
  if (sink < 0) throw new Error('unreachable');
  return {
    query,
    runs,
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    maxMs: Math.max(...samples),
    cpuP50Ms: percentile(cpu, 50),
    cpuP99Ms: percentile(cpu, 99),
  };
}

function runQueries(m: LiaisonView, options: QueryOptions): { queries: LatencyFigures[]; samples: Record<string, unknown> } {
  const rng = new Rng(options.seed ^ 0x5eed);
  const linkIds = [...m.links.keys()];
  const duty = m.set.get<DutyProjection>(DutyProjection.NAME);
  const memberIds = [...m.members.keys()];
  const { runs, warmup, on } = options;
  const queries = [
    latency(`coverage, all schemes, quarter ${options.quarter}`, runs, warmup, () => coverage(m, { period: options.quarter })),
    latency(`coverage, all schemes, year ${options.year}`, runs, warmup, () => coverage(m, { period: options.year })),
    latency('linkUsage, random link, per QUARTER', runs, warmup, () => linkUsage(m, { linkId: linkIds[rng.below(linkIds.length)]!, per: 'QUARTER', on })),
    latency('staleLinks, days 90', runs, warmup, () => staleLinks(m, { days: 90, on })),
    // The compliance board over the whole model (issue 13: p99 < 100 ms): its liaison rules walk every link and group.
    latency(`complianceBoard, year ${options.year}`, runs, warmup, () => complianceBoard(m.set, Number(options.year), on)),
    // A member's duty record (履职档案, issue 13): per-member counters and indexes, no walk of the log (goal p99 < 20 ms).
    latency(`dutyRecord, random member, year ${options.year}`, runs, warmup, () => dutyRecord(duty, memberIds[rng.below(memberIds.length)]!, { year: Number(options.year) })),
    latency(`dutyRecords, every member, year ${options.year}, by points`, Math.max(1, Math.floor(runs / 10)), Math.min(warmup, 3), () => dutyRecords(duty, { year: Number(options.year) })),
  ];

  // A glimpse of the answers, to show the generated network gives non-trivial figures.
  const quarter = coverage(m, { period: options.quarter });
  const year = coverage(m, { period: options.year });
  const stale = staleLinks(m, { days: 90, on });
  const usage = linkUsage(m, { linkId: linkIds[0]!, per: 'QUARTER', on });
  const samples = {
    [`coverage ${options.quarter} (covered/due)`]: Object.fromEntries(quarter.map((s) => [s.scheme, `${s.covered}/${s.due}`])),
    [`coverage ${options.year} (covered/due)`]: Object.fromEntries(year.map((s) => [s.scheme, `${s.covered}/${s.due}`])),
    staleLinks90: stale.length,
    staleNeverContacted: stale.filter((s) => s.lastContactAt === null).length,
    [`linkUsage ${usage.linkId}`]: { total: usage.total, lastContactAt: usage.lastContactAt, meanIntervalDays: usage.meanIntervalDays },
    [`complianceBoard ${options.year} (state met/expected)`]: Object.fromEntries(complianceBoard(m.set, Number(options.year), on).cells.map((c) => [c.scheme ? `${c.rule} ${c.scheme}` : c.rule, `${c.state} ${c.met}/${c.expected}`])),
  };
  return { queries, samples };
}

// ------------------------------------------------------------------ time travel (asOf)

/** The API's default (LIAISON_SNAPSHOT_EVERY), or the value it is given. */
const SNAPSHOT_EVERY = Number(process.env.LIAISON_SNAPSHOT_EVERY) || DEFAULT_SNAPSHOT_EVERY;

/**
 * The API's set-up (the runner with TimeTravel attached, a copy every LIAISON_SNAPSHOT_EVERY events), then
 * `coverage` for a quarter as of a position: the nearest copy is copied again and folded forward
 * from the store, as the API answers `asOf`. Every run asks for a position not asked before, so
 * no run is answered from the cache of built models.
 */
async function asOfTask(options: ReadTaskOptions): Promise<ReadTaskResult> {
  const store = new SqliteEventStore({ file: options.file });
  try {
    const composition = new Composition();
    const model = composition.createProjections();
    const runner = new ProjectionRunner(store, model);
    const timeTravel = new TimeTravel(store, { snapshotEvery: SNAPSHOT_EVERY, cacheSize: 1, empty: () => composition.createProjections(), upcast: (e) => composition.registry.upcast(e) });
    timeTravel.attach(runner);
    const start = process.hrtime.bigint();
    const events = await runner.catchUp();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    gc();
    const heapAfterGcMb = mb(process.memoryUsage().heapUsed);
    const quarter = options.queries?.quarter ?? '2021-Q2';
    const head = model.position;
    const rng = new Rng(0xa50f);
    const asked = new Set<number>();
    const fresh = (position: number) => {
      while (asked.has(position) || position === head) position = position > 1 ? position - 1 : head - 1;
      asked.add(position);
      return position;
    };
    const runs = 30;
    const random = await latencyAsync('asOf coverage (quarter), random position', runs, () =>
      timeTravel.answerAt(fresh(1 + rng.below(head - 1)), (m) => coverage(LiaisonView.of(m), { period: quarter })),
    );
    // Just before the next copy, SNAPSHOT_EVERY - 1 events past one, at stretches spread over the
    // whole log (later copies are larger); or just before the head when the log is shorter.
    const gaps = Math.max(1, Math.floor(head / SNAPSHOT_EVERY));
    const worstRuns = 10;
    const worstAt = (i: number) => Math.min(head - 1, (1 + Math.floor(((i % worstRuns) + 0.5) * (gaps / worstRuns))) * SNAPSHOT_EVERY - 1);
    let i = 0;
    const worst = await latencyAsync(`asOf coverage (quarter), ${SNAPSHOT_EVERY - 1} events past a copy`, worstRuns, () =>
      timeTravel.answerAt(fresh(worstAt(i++)), (m) => coverage(LiaisonView.of(m), { period: quarter })),
    );
    const asOf: AsOfFigures = { snapshotEvery: SNAPSHOT_EVERY, snapshots: timeTravel.snapshotPositions().length, heapAfterGcMb, random, worst };
    return { task: 'asOf', seconds, events, peakRssMb: maxRssMb(), load: machineLoad(), asOf };
  } finally {
    await store.close();
  }
}

async function latencyAsync(query: string, runs: number, run: () => Promise<unknown>): Promise<LatencyFigures> {
  const samples: number[] = [];
  const cpu: number[] = [];
  await run(); // warm-up
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { query, runs, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: Math.max(...samples), cpuP50Ms: percentile(cpu, 50), cpuP99Ms: percentile(cpu, 99) };
}
