/**
 * The read side, run in a child process of its own so that its peak RSS is the read model's and
 * not the generator's: full rebuilds of a NetworkReadModel from the batched store (vs a raw scan of
 * the same file), then query latencies on the rebuilt model.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { SqliteEventStore } from '../libs/event-store/src/sqlite.js';
import { NetworkReadModel, ProjectionRunner, coverage, linkUsage, staleLinks } from '../libs/projections/src/index.js';
import { rawScan, type ScanResult } from './raw.js';
import { Rng } from './rng.js';
import { describeLoad, gc, machineLoad, maxRssMb, mb, median, percentile } from './stats.js';

export interface ReadSideOptions {
  file: string;
  repeats: number;
  queryRuns: number;
  warmup: number;
  /** Seconds the rebuild rounds may take before further repeats are skipped. */
  budgetSeconds: number;
  seed: number;
  /** `on` for usage and stale links (epoch ms): the end of the generated record. */
  on: number;
  quarter: string;
  year: string;
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

export interface ReadSideResult {
  rebuild: { seconds: number[]; events: number; eventsPerSecond: number; medianSeconds: number };
  rawScan: { seconds: number[]; events: number; eventsPerSecond: number; medianSeconds: number; fold: Omit<ScanResult, 'seconds'> };
  /** `store.readAll` pages of 10,000 read and dropped, no model: the store's share of a rebuild. */
  readAllOnly: { seconds: number[]; events: number; eventsPerSecond: number; medianSeconds: number };
  loads: Array<{ load1: number; cpuWaitPct: number | null }>;
  model: { members: number; organizations: number; links: number; contacts: number; retracted: number; skipped: number; heapAfterGcMb: number };
  queries: LatencyFigures[];
  samples: Record<string, unknown>;
  memory: { peakRssAfterFirstRebuildMb: number; peakRssMb: number };
}

/** Reads the file once so that every timed run starts from the same (warm) page cache. */
function warmPageCache(file: string): void {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(8 << 20);
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

async function rebuild(file: string): Promise<{ model: NetworkReadModel; seconds: number; applied: number }> {
  const store = new SqliteEventStore({ file, synchronous: 'FULL' });
  try {
    const model = new NetworkReadModel();
    const runner = new ProjectionRunner(store, model, { pageSize: 10_000 });
    const start = process.hrtime.bigint();
    const applied = await runner.catchUp();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { model, seconds, applied };
  } finally {
    await store.close();
  }
}

async function readAllOnly(file: string): Promise<{ seconds: number; events: number }> {
  const store = new SqliteEventStore({ file, synchronous: 'FULL' });
  try {
    let after = 0;
    let events = 0;
    const start = process.hrtime.bigint();
    for (;;) {
      const page = await store.readAll({ after, maxCount: 10_000 });
      events += page.length;
      if (page.length < 10_000) break;
      after = page[page.length - 1]!.position;
    }
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, events };
  } finally {
    await store.close();
  }
}

function latency(query: string, runs: number, warmup: number, run: (i: number) => unknown): LatencyFigures {
  for (let i = 0; i < warmup; i++) run(i);
  const samples = new Array<number>(runs);
  const cpu = new Array<number>(runs);
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = run(warmup + i);
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

export async function runReadSide(options: ReadSideOptions): Promise<ReadSideResult> {
  warmPageCache(options.file);
  const rebuildSeconds: number[] = [];
  const scanSeconds: number[] = [];
  const readSeconds: number[] = [];
  const loads: Array<{ load1: number; cpuWaitPct: number | null }> = [];
  let readEvents = 0;
  let events = 0;
  let scan: ScanResult | undefined;
  let model: NetworkReadModel | undefined;
  let peakRssAfterFirstRebuildMb = 0;

  const phaseStart = process.hrtime.bigint();
  for (let r = 0; r < options.repeats; r++) {
    if (r > 0) {
      const used = Number(process.hrtime.bigint() - phaseStart) / 1e9;
      if (used + used / r > options.budgetSeconds) {
        process.stderr.write(`  · ${r} of ${options.repeats} read-side rounds: another would take the phase past its ${options.budgetSeconds} s budget (--budget)\n`);
        break;
      }
    }
    // Rotate the order so no variant always runs first.
    const order = (['raw', 'store', 'read'] as const).map((_, i, all) => all[(i + r) % all.length]!);
    for (const which of order) {
      if (which === 'read') {
        gc();
        const read = await readAllOnly(options.file);
        readSeconds.push(read.seconds);
        readEvents = read.events;
      } else if (which === 'raw') {
        gc();
        scan = rawScan(options.file);
        scanSeconds.push(scan.seconds);
      } else {
        model = undefined; // drop the previous model before building the next, so two never coexist
        gc();
        const built = await rebuild(options.file);
        model = built.model;
        events = built.applied;
        rebuildSeconds.push(built.seconds);
        if (r === 0) peakRssAfterFirstRebuildMb = maxRssMb();
      }
      const load = machineLoad();
      loads.push(load);
      const what =
        which === 'raw' ? `raw scan ${scanSeconds.at(-1)!.toFixed(2)} s` : which === 'read' ? `store.readAll only ${readSeconds.at(-1)!.toFixed(2)} s` : `rebuild ${rebuildSeconds.at(-1)!.toFixed(2)} s`;
      process.stderr.write(`  · read side run ${r + 1}/${options.repeats}: ${what}, load ${describeLoad(load)}\n`);
    }
  }
  if (!model || !scan) throw new Error('read side: nothing ran');
  if (scan.events !== events) throw new Error(`read side: the rebuild applied ${events} events but the raw scan read ${scan.events}`);
  gc();
  const heapAfterGcMb = mb(process.memoryUsage().heapUsed);

  const m = model;
  const rng = new Rng(options.seed ^ 0x5eed);
  const linkIds = [...m.links.keys()];
  const queries = [
    latency(`coverage, all schemes, quarter ${options.quarter}`, options.queryRuns, options.warmup, () => coverage(m, { period: options.quarter })),
    latency(`coverage, all schemes, year ${options.year}`, options.queryRuns, options.warmup, () => coverage(m, { period: options.year })),
    latency('linkUsage, random link, per QUARTER', options.queryRuns, options.warmup, () =>
      linkUsage(m, { linkId: linkIds[rng.int(linkIds.length)]!, per: 'QUARTER', on: options.on }),
    ),
    latency('staleLinks, days 90', options.queryRuns, options.warmup, () => staleLinks(m, { days: 90, on: options.on })),
  ];

  // A glimpse of the answers, to show the generated network gives non-trivial figures.
  const quarter = coverage(m, { period: options.quarter });
  const year = coverage(m, { period: options.year });
  const stale = staleLinks(m, { days: 90, on: options.on });
  const usage = linkUsage(m, { linkId: linkIds[0]!, per: 'QUARTER', on: options.on });
  let retracted = 0;
  for (const c of m.contacts.values()) if (c.retracted) retracted++;
  const samples = {
    [`coverage ${options.quarter}`]: Object.fromEntries(quarter.map((s) => [s.scheme, `${s.covered}/${s.due}`])),
    [`coverage ${options.year}`]: Object.fromEntries(year.map((s) => [s.scheme, `${s.covered}/${s.due}`])),
    staleLinks90: stale.length,
    staleNeverContacted: stale.filter((s) => s.lastContactAt === null).length,
    [`linkUsage ${usage.linkId}`]: { total: usage.total, lastContactAt: usage.lastContactAt, meanIntervalDays: usage.meanIntervalDays },
  };

  return {
    rebuild: { seconds: rebuildSeconds, events, medianSeconds: median(rebuildSeconds), eventsPerSecond: events / median(rebuildSeconds) },
    rawScan: {
      seconds: scanSeconds,
      events: scan.events,
      medianSeconds: median(scanSeconds),
      eventsPerSecond: scan.events / median(scanSeconds),
      fold: { events: scan.events, perType: scan.perType, participants: scan.participants },
    },
    readAllOnly: { seconds: readSeconds, events: readEvents, medianSeconds: median(readSeconds), eventsPerSecond: readEvents / median(readSeconds) },
    loads,
    model: {
      members: m.members.size,
      organizations: m.organizations.size,
      links: m.links.size,
      contacts: m.contacts.size,
      retracted,
      skipped: m.skipped,
      heapAfterGcMb,
    },
    queries,
    samples,
    memory: { peakRssAfterFirstRebuildMb, peakRssMb: maxRssMb() },
  };
}
