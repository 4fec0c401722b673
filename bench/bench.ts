/**
 * Throughput, rebuild, query-latency and memory benchmark of the event store and the network read
 * model, each against a raw better-sqlite3 baseline measured in the same run.
 *
 *   node --expose-gc dist/bench/bench.js [--contacts N] [--commands K] [--repeats R] [--out FILE]
 *        [--seed S] [--query-runs Q] [--budget SECONDS] [--event-ids uuid4|uuid7]
 *        [--contact-ids uuid4|uuid7] [--keep] [--only network|proposals|opinions|inspections] [--proposals P] [--units U]
 *        [--opinions O] [--inspections I] [--only http] [--http-seconds S] [--growth]
 *
 * Defaults: N = 1,000,000 contacts, K = 5,000 commands, R = 3 repeats, Q = 300 runs per query,
 * a 120 s budget per heavy phase (further repeats are skipped once a phase would exceed it),
 * time-ordered event ids (UUIDv7, as `newEventId` makes them) and random client-chosen contact
 * ids (UUIDv4, so the streams index takes random inserts). `--contacts 20000 --commands 500` is
 * the smoke size. Files go to a fresh directory under os.tmpdir(), deleted at the end (unless --keep).
 *
 * 1. generate the network (bench/network.ts) as a stream of events, through the real deciders;
 * 2. append it all with SqliteEventStore.appendMany in batches of 1,000, interleaved batch by
 *    batch with raw better-sqlite3 writing the same rows (same schema, WAL, synchronous FULL);
 * 3. K LogContact commands through handleCommand (one fsync'd transaction each), interleaved
 *    command by command with raw better-sqlite3 doing one transaction per event;
 * 4–6. each in a fresh child process: full rebuild via ProjectionRunner.catchUp (pages of 1,000), a
 *    raw SELECT … ORDER BY position baseline and store.readAll alone; query p50/p99 (coverage,
 *    usage, stale links and the compliance board over the whole model) on the
 *    rebuilt model; peak RSS of the rebuild + queries process;
 * 7. in a fresh child process: `asOf` latency (coverage as of a past position, answered from the
 *    copies of the model kept every LIAISON_SNAPSHOT_EVERY events, as the API does);
 * 8. the proposals phase (bench/proposalsPhase.ts): P = 100,000 proposals (~300,000 assignments,
 *    replies, releases and ratings) over U = 120 handling units, through the real deciders, into a
 *    store of their own; rebuild of the proposals projection alone against a raw read-and-fold of
 *    the same rows, dashboard query p50/p99, and the heap the projection holds.
 *
 * 9. the opinions phase (bench/wingsPhase.ts, bench/opinions.ts): O = 100,000 public-opinion reports
 *    (社情民意: submitted, edited, adopted or not, combined, issued, forwarded, adopted above,
 *    instructed, answered) through the real deciders into a store of their own; rebuild of the
 *    opinions projection (and the roster) against a raw read-and-fold of the same rows, every
 *    dashboard query's p50/p99 (medians over the R rounds) against p99 < 20 ms, and the heap;
 * 10. the inspections phase (bench/wingsPhase.ts, bench/inspections.ts): I = 10,000 inspections
 *    (视察考察: invitations, answers, attendance, contacts, reports, recommendations, follow-ups),
 *    measured as phase 9.
 *
 * 11. the HTTP phase (bench/http.ts, issue 14 item 1): the compiled API booted on the network
 *    phase's store file (cold start to /health/ready and RSS then), `logContact` at 10 connections
 *    with autocannon for S = 10 seconds against an Apollo-standalone + better-sqlite3 baseline
 *    (bench/httpBaseline.ts), and coverage, stale links and network over HTTP at 1 and 10
 *    connections; `--growth` adds rebuild, cold start and RSS at 100k and 1M contacts (and 10M with
 *    `--contacts 10000000`, not in CI). It is part of the default run (about a minute and a half
 *    at 1M contacts, mostly the API's cold start and the fixed-length phases).
 *
 * `--only network` runs 2–7, `--only proposals` runs 8 alone, `--only opinions` 9,
 * `--only inspections` 10 and `--only http` 11 (on a store of N contacts it generates itself);
 * `--proposals 0`, `--opinions 0` and `--inspections 0` skip theirs.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { deciderFor } from '#domain';
import { handleCommand } from '#event-store/handleCommand';
import { newEventId } from '#event-store/eventId';
import { SqliteEventStore } from '#event-store/sqlite';
import { CONTACTS_FROM, CONTACTS_TO, GenEvent, NetworkGenerator, iso, logContactCommand, take, type ContactLoggedData, type IdKind } from './network.js';
import { RawWriter, digestOf } from './raw.js';
import { runReadTask, warmPageCache, type LatencyFigures, type ModelFigures, type QueryOptions, type ReadTask, type ReadTaskOptions, type ReadTaskResult } from './readSide.js';
import { proposalsPhase } from './proposalsPhase.js';
import { wingPhase } from './wingsPhase.js';
import { httpPhase } from './http.js';
import { describeLoad, fixed, gc, hasGc, int, machineLoad, maxRssMb, mb, median, removeDb, table } from './stats.js';

const BATCH = 1_000;

interface Args {
  contacts: number;
  commands: number;
  repeats: number;
  queryRuns: number;
  /** Seconds a heavy phase may take before its further repeats are skipped. */
  budget: number;
  seed: number;
  eventIds: IdKind;
  contactIds: IdKind;
  out: string | undefined;
  keep: boolean;
  readSide: string | undefined;
  /** Which phases run: the liaison network's (2–7), the proposals (8), opinions (9) or inspections (10) phase, or all. */
  only: 'all' | 'network' | 'proposals' | 'opinions' | 'inspections' | 'http';
  /** The HTTP phase (bench/http.ts): seconds of each write phase, and whether the growth table runs. */
  httpSeconds: number;
  growth: boolean;
  /** Proposals generated for phase 8 (0: skip it), and the handling units they go to. */
  proposals: number;
  units: number;
  /** Reports generated for phase 9 and inspections for phase 10 (0: skip it). */
  opinions: number;
  inspections: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { contacts: 1_000_000, commands: 5_000, repeats: 3, queryRuns: 300, budget: 120, seed: 20200101, eventIds: 'uuid7', contactIds: 'uuid4', out: undefined, keep: false, readSide: undefined, only: 'all', httpSeconds: 10, growth: false, proposals: 100_000, units: 120, opinions: 100_000, inspections: 10_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const count = (min: number) => {
      const n = Number(value().replace(/[_,]/g, ''));
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number ≥ ${min}`);
      return n;
    };
    switch (flag) {
      case '--contacts':
        args.contacts = count(100);
        break;
      case '--commands':
        args.commands = count(1);
        break;
      case '--repeats':
        args.repeats = count(1);
        break;
      case '--query-runs':
        args.queryRuns = count(200);
        break;
      case '--budget':
        args.budget = count(1);
        break;
      case '--seed':
        args.seed = count(0);
        break;
      case '--event-ids':
      case '--contact-ids': {
        const kind = value();
        if (kind !== 'uuid4' && kind !== 'uuid7') throw new Error(`${flag} must be uuid4 or uuid7`);
        if (flag === '--event-ids') args.eventIds = kind;
        else args.contactIds = kind;
        break;
      }
      case '--out':
        args.out = value();
        break;
      case '--keep':
        args.keep = true;
        break;
      case '--only': {
        const only = value();
        if (only !== 'network' && only !== 'proposals' && only !== 'opinions' && only !== 'inspections' && only !== 'http') throw new Error('--only must be network, proposals, opinions, inspections or http');
        args.only = only;
        break;
      }
      case '--http-seconds':
        args.httpSeconds = count(2);
        break;
      case '--growth':
        args.growth = true;
        break;
      case '--proposals':
        args.proposals = count(0);
        break;
      case '--opinions':
        args.opinions = count(0);
        break;
      case '--inspections':
        args.inspections = count(0);
        break;
      case '--units':
        args.units = count(25);
        if (args.units > 200) throw new Error('--units must be at most 200');
        break;
      case '--read-side':
        args.readSide = value();
        break;
      case '--help':
      case '-h':
        console.log(
          'node --expose-gc dist/bench/bench.js [--contacts N] [--commands K] [--repeats R] [--out FILE] [--seed S] [--query-runs Q] [--budget SECONDS] [--event-ids uuid4|uuid7] [--contact-ids uuid4|uuid7] [--keep] ' +
            '[--only network|proposals|opinions|inspections|http] [--http-seconds S] [--growth] [--proposals P] [--units U] [--opinions O] [--inspections I]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${flag}`);
    }
  }
  return args;
}

const progress = (message: string) => process.stderr.write(`  · ${message}\n`);

/** Load samples taken after each measurement: this machine is shared, and the figures mean little without them. */
const loadSamples: Array<{ load1: number; cpuWaitPct: number | null }> = [];
function noteLoad(): string {
  const load = machineLoad();
  loadSamples.push(load);
  return describeLoad(load);
}

/**
 * Whether another repeat fits in the phase's budget, judging by the runs so far. A heavy phase
 * (1M events) is repeated only while it stays cheap, so the default run stays well under ten
 * minutes even on a busy machine; the figures then come from fewer runs, and the report says so.
 */
function withinBudget(phaseStart: bigint, done: number, args: Args): boolean {
  const runs = done + 1;
  if (runs >= args.repeats) return true;
  const used = Number(process.hrtime.bigint() - phaseStart) / 1e9;
  if (used + used / runs <= args.budget) return true;
  progress(`${runs} of ${args.repeats} runs: another would take the phase past its ${args.budget} s budget (--budget)`);
  return false;
}

// ------------------------------------------------------------------ 2. batched appends

interface AppendRun {
  events: number;
  seconds: number;
  perSecond: number;
}

interface DatasetFigures {
  events: number;
  roster: number;
  contacts: number;
  corrections: number;
  retractions: number;
  validatedByDecider: number;
  members: number;
  links: number;
  jsonBytes: number;
}

const run = (events: number, ns: bigint): AppendRun => ({ events, seconds: Number(ns) / 1e9, perSecond: events / (Number(ns) / 1e9) });

/**
 * One run of the batched append, store and raw baseline interleaved batch by batch: each batch is
 * generated once (untimed), then appended to the store with `appendMany` and to the raw file in
 * one transaction, in alternating order. Both sides thus see the same machine at the same moment,
 * which keeps the ratio meaningful on a shared, busy machine.
 */
async function batchedPair(storeFile: string, rawFile: string, args: Args, repeat: number): Promise<{ store: AppendRun; raw: AppendRun; dataset: DatasetFigures }> {
  let clockMs = 0;
  const store = new SqliteEventStore({ file: storeFile, synchronous: 'FULL', clock: () => new Date(clockMs) });
  const raw = new RawWriter(rawFile);
  const generator = new NetworkGenerator({ seed: args.seed, contacts: args.contacts, eventIds: args.eventIds, contactIds: args.contactIds });
  const events = generator.events();
  let count = 0;
  let batches = 0;
  let storeNs = 0n;
  let rawNs = 0n;
  let jsonBytes = 0;
  let sampled = 0;
  for (;;) {
    const batch = take(events, BATCH);
    if (batch.length === 0) break;
    clockMs = batch[batch.length - 1]!.recordedMs;
    const recordedAt = iso(clockMs);
    const items = batch.map((g) => ({ streamId: g.streamId, events: [g.event], expectedVersion: g.expectedVersion }));
    if (batches % 100 === 0) {
      jsonBytes += sampleBytes(batch);
      sampled += batch.length;
    }
    gcBetweenBatches(batches);
    const storeFirst = (batches + repeat) % 2 === 0;
    if (!storeFirst) rawNs += timed(() => raw.writeBatch.immediate(batch, recordedAt));
    const start = process.hrtime.bigint();
    await store.appendMany(items);
    storeNs += process.hrtime.bigint() - start;
    if (storeFirst) rawNs += timed(() => raw.writeBatch.immediate(batch, recordedAt));
    count += batch.length;
    batches++;
  }
  await store.close();
  raw.close();
  const p = generator.produced;
  return {
    store: run(count, storeNs),
    raw: run(count, rawNs),
    dataset: {
      events: count,
      roster: p.roster,
      contacts: p.contact,
      corrections: p.correction,
      retractions: p.retraction,
      validatedByDecider: p.validated,
      members: generator.model.members.size,
      links: generator.model.links.size,
      jsonBytes: jsonBytes / Math.max(1, sampled),
    },
  };
}

function timed(work: () => void): bigint {
  const start = process.hrtime.bigint();
  work();
  return process.hrtime.bigint() - start;
}

/** Serialised size of data + metadata over a batch. */
function sampleBytes(batch: GenEvent[]): number {
  let bytes = 0;
  for (const g of batch) bytes += Buffer.byteLength(JSON.stringify(g.event.data)) + Buffer.byteLength(JSON.stringify(g.event.metadata));
  return bytes;
}

/**
 * The generator's garbage is collected outside the timed sections where cheap (a minor GC every
 * 50 batches), so a collection of the generator's objects is less often billed to an append.
 */
function gcBetweenBatches(batches: number): void {
  if (batches > 0 && batches % 50 === 0) {
    const collect = (globalThis as { gc?: (options?: { type: string }) => void }).gc;
    collect?.({ type: 'minor' });
  }
}

// ------------------------------------------------------------------ 3. one command per append

/**
 * K LogContact commands, each through `handleCommand` (read the stream, decide, one fsync'd
 * append) on a fresh store, interleaved command by command with the raw baseline writing the same
 * event in a transaction of its own on a fresh file. The roster goes in first, untimed.
 */
async function perCommandPair(storeFile: string, rawFile: string, args: Args, repeat: number): Promise<{ store: AppendRun; raw: AppendRun }> {
  let clockMs = 0;
  const store = new SqliteEventStore({ file: storeFile, synchronous: 'FULL', clock: () => new Date(clockMs) });
  const raw = new RawWriter(rawFile);
  const generator = new NetworkGenerator({ seed: args.seed + 1, contacts: args.commands, correctionRate: 0, retractionRate: 0, eventIds: args.eventIds, contactIds: args.contactIds });
  let roster: GenEvent[] = [];
  const flushRoster = async () => {
    if (roster.length === 0) return;
    clockMs = roster[roster.length - 1]!.recordedMs;
    await store.appendMany(roster.map((g) => ({ streamId: g.streamId, events: [g.event], expectedVersion: g.expectedVersion })));
    raw.writeBatch.immediate(roster, iso(clockMs));
    roster = [];
  };
  let count = 0;
  let storeNs = 0n;
  let rawNs = 0n;
  for (const g of generator.events()) {
    if (g.kind !== 'contact') {
      roster.push(g);
      if (roster.length >= BATCH) await flushRoster();
      continue;
    }
    await flushRoster();
    clockMs = g.recordedMs;
    const recordedAt = iso(g.recordedMs);
    const data = g.event.data as ContactLoggedData;
    const command = logContactCommand(data);
    const context = { now: recordedAt, actor: data.recordedBy, directory: generator.model, newId: newEventId };
    const storeFirst = (count + repeat) % 2 === 0;
    if (!storeFirst) rawNs += timed(() => raw.writeOne.immediate(g, recordedAt));
    const start = process.hrtime.bigint();
    const result = await handleCommand(store, deciderFor(command), command, context, { metadata: g.event.metadata });
    storeNs += process.hrtime.bigint() - start;
    if (storeFirst) rawNs += timed(() => raw.writeOne.immediate(g, recordedAt));
    if (result.written !== 1) throw new Error(`LogContact ${data.contactId} wrote ${result.written} events`);
    count++;
  }
  await flushRoster();
  await store.close();
  raw.close();
  return { store: run(count, storeNs), raw: run(count, rawNs) };
}

// ------------------------------------------------------------------ 4–6. the read side, in a child process

function readTaskInChild(options: ReadTaskOptions): Promise<ReadTaskResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--read-side', JSON.stringify(options)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ReadTaskResult | undefined;
    let failure: string | undefined;
    child.on('message', (message) => {
      const m = message as { ok: true; result: ReadTaskResult } | { ok: false; error: string };
      if (m.ok) result = m.result;
      else failure = m.error;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result) resolve(result);
      else reject(new Error(`the read-side process (${options.task}) exited (code ${code}, signal ${signal}) without a result${failure ? `:\n${failure}` : ''}`));
    });
  });
}

async function childMain(optionsJson: string): Promise<void> {
  try {
    const result = await runReadTask(JSON.parse(optionsJson) as ReadTaskOptions);
    process.send!({ ok: true, result }, () => process.exit(0));
  } catch (error) {
    process.send!({ ok: false, error: (error as Error).stack ?? String(error) }, () => process.exit(1));
  }
}

interface Timings {
  seconds: number[];
  events: number;
  medianSeconds: number;
  eventsPerSecond: number;
}

interface ReadSide {
  rebuild: Timings;
  rawScan: Timings & { fold: NonNullable<ReadTaskResult['fold']> };
  readAllOnly: Timings;
  model: ModelFigures;
  queries: LatencyFigures[];
  samples: Record<string, unknown>;
  memory: { peakRssMb: number; rebuildPeaksMb: number[]; readAllPeakMb: number; rawScanPeakMb: number };
  loads: Array<ReadTaskResult['load']>;
}

const timings = (seconds: number[], events: number): Timings => ({ seconds, events, medianSeconds: median(seconds), eventsPerSecond: events / median(seconds) });

/**
 * Rounds of (raw scan, store.readAll only, rebuild), each measurement in a fresh process, the order
 * rotating from round to round; the first round's rebuild process also runs the queries, and its
 * peak RSS is the figure held against the target.
 */
async function readSide(file: string, args: Args, queries: QueryOptions): Promise<ReadSide> {
  warmPageCache(file);
  const results: ReadTaskResult[] = [];
  const phase = process.hrtime.bigint();
  const tasks: ReadTask[] = ['raw', 'rebuild', 'read'];
  for (let r = 0; r < args.repeats; r++) {
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[(i + r) % tasks.length]!;
      const result = await readTaskInChild({ file, task, queries: task === 'rebuild' && r === 0 ? queries : undefined });
      results.push(result);
      const what = task === 'raw' ? 'raw scan' : task === 'read' ? 'store.readAll only' : 'rebuild';
      progress(`read side, run ${r + 1}/${args.repeats}: ${what} ${fixed(result.seconds)} s, peak RSS ${int(result.peakRssMb)} MB, load ${describeLoad(result.load)}`);
      loadSamples.push(result.load);
    }
    if (!withinBudget(phase, r, args)) break;
  }
  const of = (task: ReadTask) => results.filter((x) => x.task === task);
  const rebuilds = of('rebuild');
  const withQueries = rebuilds.find((x) => x.queries)!;
  const raw = of('raw');
  const events = rebuilds[0]!.events;
  if (raw[0]!.events !== events) throw new Error(`read side: the rebuild applied ${events} events but the raw scan read ${raw[0]!.events}`);
  return {
    rebuild: timings(rebuilds.map((x) => x.seconds), events),
    rawScan: { ...timings(raw.map((x) => x.seconds), raw[0]!.events), fold: raw[0]!.fold! },
    readAllOnly: timings(of('read').map((x) => x.seconds), of('read')[0]!.events),
    model: withQueries.model!,
    queries: withQueries.queries!,
    samples: withQueries.samples!,
    memory: {
      peakRssMb: withQueries.peakRssAfterQueriesMb!,
      rebuildPeaksMb: rebuilds.map((x) => x.peakRssMb),
      readAllPeakMb: Math.max(...of('read').map((x) => x.peakRssMb)),
      rawScanPeakMb: Math.max(...raw.map((x) => x.peakRssMb)),
    },
    loads: results.map((x) => x.load),
  };
}

// ------------------------------------------------------------------ report

interface Target {
  name: string;
  target: string;
  value: string;
  /** null when the target does not apply at this size. */
  pass: boolean | null;
}

/** Phases 2–7: the liaison network (contacts), measured and printed; returns its part of the JSON report. */
async function networkPhase(dir: string, args: Args, keepStore: (file: string) => void): Promise<Record<string, unknown>> {
  // 2. batched appends: store vs raw, interleaved batch by batch.
  const storeRuns: AppendRun[] = [];
  const rawRuns: AppendRun[] = [];
  let dataset: DatasetFigures | undefined;
  let rebuildFile = '';
  let storeFileBytes = 0;
  let identical: boolean | undefined;
  const appendPhase = process.hrtime.bigint();
  for (let r = 0; r < args.repeats; r++) {
    const storeFile = join(dir, `batched-store-${r}.db`);
    const rawFile = join(dir, `batched-raw-${r}.db`);
    gc();
    const pair = await batchedPair(storeFile, rawFile, args, r);
    dataset ??= pair.dataset;
    storeRuns.push(pair.store);
    rawRuns.push(pair.raw);
    progress(
      `append batched, run ${r + 1}/${args.repeats}: store ${int(pair.store.perSecond)} events/s (${fixed(pair.store.seconds)} s), ` +
        `raw ${int(pair.raw.perSecond)} events/s (${fixed(pair.raw.seconds)} s), load ${noteLoad()}`,
    );
    if (r === 0) {
      const [a, b] = [digestOf(storeFile), digestOf(rawFile)];
      identical = a.sha256 === b.sha256 && a.events === b.events && a.streams === b.streams;
      progress(`store and raw files hold ${identical ? 'identical' : 'DIFFERENT'} rows (${int(a.events)} events, ${int(a.streams)} streams)`);
      rebuildFile = storeFile;
      storeFileBytes = statSync(storeFile).size;
    } else {
      removeDb(storeFile);
    }
    removeDb(rawFile);
    if (!withinBudget(appendPhase, r, args)) break;
  }
  const storeAppend = median(storeRuns.map((r) => r.perSecond));
  const rawAppend = median(rawRuns.map((r) => r.perSecond));

  // 3. one command per append, interleaved command by command.
  const cmdStoreRuns: AppendRun[] = [];
  const cmdRawRuns: AppendRun[] = [];
  const commandPhase = process.hrtime.bigint();
  for (let r = 0; r < args.repeats; r++) {
    const storeFile = join(dir, `per-command-store-${r}.db`);
    const rawFile = join(dir, `per-command-raw-${r}.db`);
    gc();
    const pair = await perCommandPair(storeFile, rawFile, args, r);
    cmdStoreRuns.push(pair.store);
    cmdRawRuns.push(pair.raw);
    progress(
      `one command per append, run ${r + 1}/${args.repeats}: handleCommand ${int(pair.store.perSecond)}/s (${fixed(pair.store.seconds)} s), ` +
        `raw ${int(pair.raw.perSecond)}/s (${fixed(pair.raw.seconds)} s), load ${noteLoad()}`,
    );
    removeDb(storeFile);
    removeDb(rawFile);
    if (!withinBudget(commandPhase, r, args)) break;
  }
  const storeCmd = median(cmdStoreRuns.map((r) => r.perSecond));
  const rawCmd = median(cmdRawRuns.map((r) => r.perSecond));
  const writerPeakRssMb = maxRssMb();

  // 4–6. read side in a fresh process.
  const queryOptions: QueryOptions = { runs: args.queryRuns, warmup: 30, seed: args.seed, on: CONTACTS_TO - 1, quarter: '2021-Q2', year: '2021' };
  const read = await readSide(rebuildFile, args, queryOptions);
  // 7. time travel: `asOf` answers from the copies the API keeps (issue 4), in a fresh process.
  const asOf = (await readTaskInChild({ file: rebuildFile, task: 'asOf', queries: queryOptions })).asOf!;
  progress(`asOf coverage: p50 ${fixed(asOf.random.p50Ms)} ms, p99 ${fixed(asOf.random.p99Ms)} ms at random positions; worst case p99 ${fixed(asOf.worst.p99Ms)} ms; load ${noteLoad()}`);
  keepStore(rebuildFile);

  // ---------------------------------------------------------------- print
  const d = dataset!;
  const appendRatio = storeAppend / rawAppend;
  const cmdRatio = storeCmd / rawCmd;
  const rebuildRatio = read.rebuild.eventsPerSecond / read.rawScan.eventsPerSecond;
  const worstP99 = Math.max(...read.queries.map((q) => q.p99Ms));
  const worstCpuP99 = Math.max(...read.queries.map((q) => q.cpuP99Ms));
  const targets: Target[] = [
    { name: 'batched append, store / raw', target: '≥ 0.70', value: fixed(appendRatio), pass: appendRatio >= 0.7 },
    { name: 'full rebuild, store / raw', target: '≥ 0.50', value: fixed(rebuildRatio), pass: rebuildRatio >= 0.5 },
    {
      name: `full rebuild time (${int(read.rebuild.events)} events)`,
      target: '< 8 s at 1M contacts',
      // Below 1M the time says little (a fresh process's JIT warm-up weighs on a short rebuild).
      value: `${fixed(read.rebuild.medianSeconds)} s${args.contacts < 1_000_000 ? ' (the target applies at 1M contacts)' : ''}`,
      pass: args.contacts >= 1_000_000 ? read.rebuild.medianSeconds < 8 : null,
    },
    {
      name: 'query p99 (wall clock), worst of the seven (four dashboards, the compliance board, two duty records)',
      target: '< 20 ms',
      value: `${fixed(worstP99, 3)} ms (CPU-time p99 ${fixed(worstCpuP99, 3)} ms)`,
      pass: worstP99 < 20,
    },
    { name: 'read side peak RSS (rebuild + queries)', target: '< 1 GB', value: `${int(read.memory.peakRssMb)} MB`, pass: read.memory.peakRssMb < 1024 },
    {
      name: 'asOf query p99 (coverage as of a position, worst case)',
      target: '< 1 s at 1M events',
      value: `${fixed(asOf.worst.p99Ms)} ms (random positions: p50 ${fixed(asOf.random.p50Ms)} ms, p99 ${fixed(asOf.random.p99Ms)} ms)`,
      pass: Math.max(asOf.worst.p99Ms, asOf.random.p99Ms) < 1000,
    },
  ];

  console.log('');
  console.log(
    `Dataset: ${int(d.events)} events = ${int(d.roster)} roster/link events (${d.members} members, ${d.links} links) + ${int(d.contacts)} ContactLogged + ` +
      `${int(d.corrections)} ContactCorrected + ${int(d.retractions)} ContactRetracted; ${int(d.validatedByDecider)} contacts checked against contact.decide; ` +
      `avg data+metadata JSON ${int(d.jsonBytes)} B; store file ${int(mb(storeFileBytes))} MB; rows of store and raw files ${identical ? 'identical' : 'DIFFERENT'}.`,
  );
  console.log('');
  const runs = (xs: number[], digits = 0) => xs.map((x) => (digits ? fixed(x, digits) : int(x))).join(' / ');
  console.log(
    table(
      ['measurement (median of runs)', 'store / model', 'raw better-sqlite3', 'ratio', 'runs store | raw'],
      [
        [
          `append, appendMany batches of ${int(BATCH)} (FULL)`,
          `${int(storeAppend)} ev/s`,
          `${int(rawAppend)} ev/s`,
          fixed(appendRatio),
          `${runs(storeRuns.map((r) => r.perSecond))} | ${runs(rawRuns.map((r) => r.perSecond))}`,
        ],
        [
          `append, 1 LogContact per handleCommand (FULL)`,
          `${int(storeCmd)} cmd/s`,
          `${int(rawCmd)} tx/s`,
          fixed(cmdRatio),
          `${runs(cmdStoreRuns.map((r) => r.perSecond))} | ${runs(cmdRawRuns.map((r) => r.perSecond))}`,
        ],
        [
          `full rebuild, catchUp pages of 1,000`,
          `${int(read.rebuild.eventsPerSecond)} ev/s, ${fixed(read.rebuild.medianSeconds)} s`,
          `${int(read.rawScan.eventsPerSecond)} ev/s, ${fixed(read.rawScan.medianSeconds)} s`,
          fixed(rebuildRatio),
          `${runs(read.rebuild.seconds, 2)} s | ${runs(read.rawScan.seconds, 2)} s`,
        ],
        [
          `  of which store.readAll alone (no model)`,
          `${int(read.readAllOnly.eventsPerSecond)} ev/s, ${fixed(read.readAllOnly.medianSeconds)} s`,
          `${int(read.rawScan.eventsPerSecond)} ev/s, ${fixed(read.rawScan.medianSeconds)} s`,
          fixed(read.readAllOnly.eventsPerSecond / read.rawScan.eventsPerSecond),
          `${runs(read.readAllOnly.seconds, 2)} s | (same raw runs)`,
        ],
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      [`query on the rebuilt model (${int(read.model.contacts)} contacts, ${read.model.links} links)`, 'p50 ms', 'p99 ms', 'max ms', 'CPU p50 / p99 ms', 'runs'],
      read.queries.map((q) => [q.query, fixed(q.p50Ms, 3), fixed(q.p99Ms, 3), fixed(q.maxMs, 3), `${fixed(q.cpuP50Ms, 3)} / ${fixed(q.cpuP99Ms, 3)}`, String(q.runs)]),
    ),
  );
  console.log('');
  console.log(
    table(
      ['memory', 'MB'],
      [
        ['read side: peak RSS of the process that rebuilt and ran the queries', int(read.memory.peakRssMb)],
        ['read side: peak RSS of each rebuild process, at the end of its rebuild', read.memory.rebuildPeaksMb.map(int).join(' / ')],
        ['read side: JS heap used with the model, after GC', int(read.model.heapAfterGcMb)],
        ['read side: peak RSS of a store.readAll-only process', int(read.memory.readAllPeakMb)],
        ['read side: peak RSS of a raw-scan process', int(read.memory.rawScanPeakMb)],
        ['write side (parent: generator + appends): peak RSS', int(writerPeakRssMb)],
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      [`time travel: ${asOf.snapshots} copies kept (every ${int(asOf.snapshotEvery)} events)`, 'p50 ms', 'p99 ms', 'max ms', 'CPU p50 / p99 ms', 'runs'],
      [asOf.random, asOf.worst].map((q) => [q.query, fixed(q.p50Ms, 1), fixed(q.p99Ms, 1), fixed(q.maxMs, 1), `${fixed(q.cpuP50Ms, 1)} / ${fixed(q.cpuP99Ms, 1)}`, String(q.runs)]),
    ),
  );
  console.log(`Time travel memory: JS heap after GC with the live model and its copies ${int(asOf.heapAfterGcMb)} MB (the model alone: ${int(read.model.heapAfterGcMb)} MB).`);
  console.log('');
  console.log(table(['target', 'goal', 'measured', ''], targets.map((t) => [t.name, t.target, t.value, t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'MISS'])));
  console.log('');
  console.log(`Sample answers: ${JSON.stringify(read.samples)}`);
  console.log(`Model: ${JSON.stringify(read.model)}; raw fold: ${JSON.stringify(read.rawScan.fold.perType)}`);
  return {
    period: [iso(CONTACTS_FROM), iso(CONTACTS_TO)],
    dataset: { ...d, storeFileMb: mb(storeFileBytes), storeAndRawRowsIdentical: identical },
    appendBatched: { storeEventsPerSecond: storeAppend, rawEventsPerSecond: rawAppend, ratio: appendRatio, storeRuns, rawRuns },
    appendPerCommand: { storeCommandsPerSecond: storeCmd, rawTransactionsPerSecond: rawCmd, ratio: cmdRatio, storeRuns: cmdStoreRuns, rawRuns: cmdRawRuns },
    rebuild: { store: read.rebuild, raw: { ...read.rawScan, fold: undefined }, ratio: rebuildRatio, storeReadAllOnly: read.readAllOnly },
    queries: read.queries,
    memory: { readSide: read.memory, modelHeapAfterGcMb: read.model.heapAfterGcMb, writeSidePeakRssMb: writerPeakRssMb },
    asOf,
    model: read.model,
    samples: read.samples,
    targets,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.readSide) return childMain(args.readSide);

  const began = process.hrtime.bigint();
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-'));
  const cleanup = () => {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const sqliteVersion = (() => {
      const db = new Database(':memory:');
      try {
        return db.prepare('select sqlite_version()').pluck().get() as string;
      } finally {
        db.close();
      }
    })();
    const runs = (phase: Args['only']) => args.only === 'all' || args.only === phase;
    console.log(
      `Liaison network benchmark: ${runs('network') || runs('http') ? `${int(args.contacts)} contacts, ${int(args.commands)} commands, ` : ''}` +
        `${runs('proposals') ? `${int(args.proposals)} proposals over ${args.units} units, ` : ''}` +
        `${runs('opinions') ? `${int(args.opinions)} opinion reports, ` : ''}${runs('inspections') ? `${int(args.inspections)} inspections, ` : ''}` +
        `${args.repeats} repeat(s), event ids ${args.eventIds}, contact ids ${args.contactIds}; ` +
        `Node ${process.version}, SQLite ${sqliteVersion}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})`,
    );
    const startLoad = describeLoad();
    console.log(`work directory: ${dir}${hasGc() ? '' : '  (run with --expose-gc for steadier figures)'}`);

    const report: Record<string, unknown> = {
      when: new Date().toISOString(),
      config: { ...args, readSide: undefined, batchSize: BATCH, node: process.version, sqlite: sqliteVersion, cores: availableParallelism() },
    };
    const deps = { progress, noteLoad, withinBudget: (phase: bigint, done: number) => withinBudget(phase, done, args), readTaskInChild, loadSamples };
    let networkStore: string | undefined;
    if (runs('network')) Object.assign(report, await networkPhase(dir, args, (file) => (networkStore = file)));
    if (runs('http')) {
      const options = { contacts: args.contacts, seed: args.seed, eventIds: args.eventIds, contactIds: args.contactIds, seconds: args.httpSeconds, growth: args.growth, storeFile: networkStore, proposals: args.proposals };
      report.http = await httpPhase(dir, options, deps);
    }
    if (networkStore && !args.keep) removeDb(networkStore);
    if (runs('proposals') && args.proposals > 0) report.proposals = await proposalsPhase(dir, args, deps);
    if (runs('opinions') && args.opinions > 0) report.opinions = await wingPhase('opinions', dir, { seed: args.seed, repeats: args.repeats, size: args.opinions }, deps);
    if (runs('inspections') && args.inspections > 0) report.inspections = await wingPhase('inspections', dir, { seed: args.seed, repeats: args.repeats, size: args.inspections }, deps);
    const totalSeconds = Number(process.hrtime.bigint() - began) / 1e9;
    const allLoads = loadSamples;
    const loads = allLoads.map((l) => l.load1);
    const waits = allLoads.flatMap((l) => (l.cpuWaitPct === null ? [] : [l.cpuWaitPct]));
    console.log(
      `Machine load during the run (1-min load average on ${availableParallelism()} cores): start ${startLoad}, ` +
        `min ${fixed(Math.min(...loads), 1)} / median ${fixed(median(loads), 1)} / max ${fixed(Math.max(...loads), 1)}` +
        (waits.length ? `; CPU-wait (PSI avg60) median ${fixed(median(waits), 0)}%` : '') +
        '. Absolute rates scale with the CPU this process actually got; the ratios are measured side by side.',
    );
    console.log(`Total wall time ${fixed(totalSeconds, 1)} s.`);

    if (args.out) {
      Object.assign(report, { machineLoad: { start: startLoad, samples: allLoads }, totalSeconds });
      writeFileSync(args.out, JSON.stringify(report, null, 2) + '\n');
      console.log(`Figures written to ${args.out}.`);
    }
  } finally {
    cleanup();
    if (!args.keep && existsSync(dir)) console.error(`could not remove ${dir}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
