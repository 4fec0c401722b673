/**
 * What users feel (issue 14, item 1): the API booted as operators run it, measured over HTTP with
 * autocannon, each figure against a baseline measured in the same run.
 *
 * 1. cold start: the compiled API (`dist/apps/api/src/main.js`) as a child process on the network
 *    phase's store file, sealed first as a live log is (sealAsLive; SQLite, synchronous FULL,
 *    127.0.0.1, a port it picks), timed from the spawn
 *    to the first 200 from `/health/ready`; its RSS then (VmRSS of /proc/<pid>/status);
 * 2. HTTP writes: `logContact` at 10 connections for S seconds, each request a new contact id on a
 *    real link of the network (the participants, links and date of the log's last contact), with a
 *    RECORDER token granted COMMITTEE_OFFICE; every answer is checked to carry no GraphQL error;
 * 3. HTTP reads with a LEADER token: `{ __typename }` (no resolver: the HTTP layer, authentication
 *    and Apollo alone), coverage of a quarter, stale links (90 days, first page of 50) and the
 *    network of a year, each at 1 and 10 connections for S/2 seconds;
 * 4. the baseline (bench/httpBaseline.ts): Apollo Server 5 standalone in a child process of its own,
 *    one better-sqlite3 transaction per `logContact` at synchronous FULL, WAL, the store's schema,
 *    driven with the same autocannon settings and the same bodies.
 * Every phase has a fixed duration and every server is killed at the end (SIGKILL after 10 s if
 * SIGTERM is not enough);
 * 5. the proposals dashboards (counts of a term, the units' standings, the deadline board) with a
 *    LEADER token at 1 and 10 connections, on a second store of `--proposals` proposals made by the
 *    proposals phase's generator (skipped with `--proposals 0`).
 *
 * `--growth`: stores of 100k and 1M contacts (and 10M when `--contacts 10000000` is given; not in
 * CI), each generated here; full rebuild (the read-side task, in a fresh process), cold start to
 * ready and RSS once ready, printed with the growth factor from one size to the next. Below
 * `--contacts 1000000` (a smoke run) the sizes are N/10 and N instead.
 *
 * Wiring (bench/bench.ts): the default run includes 1–5, on the network phase's store file (the
 * first batched-append run's, kept until this phase is done; the writes add to it): about a
 * minute and a half at 1M contacts (the cold start, then S + 2 × (S + 2) + 8 × S/2 seconds of
 * load). `--only http` generates a store of `--contacts N` itself and runs 1–5; `--growth` adds
 * the growth table (two to three more minutes at 100k + 1M: each store is generated here).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Sealer } from '#audit/seal';
import { SqliteEventStore } from '#event-store/sqlite';
import { NetworkGenerator, take, type IdKind } from './network.js';
import { PROPOSALS_DUE_BY, PROPOSAL_TERM, ProposalsGenerator } from './proposals.js';
import { appendGenerated } from './proposalsPhase.js';
import type { ReadTaskOptions, ReadTaskResult } from './readSide.js';
import { fixed, int, median, removeDb, table } from './stats.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const API = join(ROOT, 'dist/apps/api/src/main.js');
const BASELINE = fileURLToPath(new URL('./httpBaseline.js', import.meta.url));
const CONNECTIONS = 10;
const LOG_CONTACT = `mutation($input: LogContactInput!) { logContact(input: $input) { position written version } }`;

export interface HttpOptions {
  contacts: number;
  seed: number;
  eventIds: IdKind;
  contactIds: IdKind;
  /** Seconds of each write phase; each read phase takes half. */
  seconds: number;
  growth: boolean;
  /** A store file already generated (the network phase's); else one is generated in `dir`. */
  storeFile?: string;
  /** Proposals in the store the proposals dashboards are read from (generated here; 0: not read). */
  proposals: number;
}

export interface HttpDeps {
  progress: (message: string) => void;
  noteLoad: () => string;
  readTaskInChild: (options: ReadTaskOptions) => Promise<ReadTaskResult>;
}

/**
 * Seals a generated log as a live one is sealed, a seal every 1,000 events (the API's default):
 * the cold start then measures a restart, whose sealer resumes from the last seal. A log written
 * raw (the generators' batched appends) has no seal, and the API's first start on it hashes all
 * of it once (at 1M contacts, on a loaded machine: the first start 44.1 s, 20.6 s of it sealing
 * after the projections had caught up; the next start 18.3 s). Returns the seals written.
 */
export async function sealAsLive(file: string): Promise<number> {
  const store = new SqliteEventStore({ file, synchronous: 'FULL' });
  try {
    return (await new Sealer(store, { every: 1000, maxEventsPerSeal: 1000 }).seal({ actor: 'system:sealer' })).written.length;
  } finally {
    await store.close();
  }
}

/** The network's events into a fresh store file, in batches of 1,000 (as the network phase's first run). */
export async function generateStore(file: string, contacts: number, options: Pick<HttpOptions, 'seed' | 'eventIds' | 'contactIds'>): Promise<number> {
  let clockMs = 0;
  const store = new SqliteEventStore({ file, synchronous: 'FULL', clock: () => new Date(clockMs) });
  const generator = new NetworkGenerator({ seed: options.seed, contacts, eventIds: options.eventIds, contactIds: options.contactIds });
  const events = generator.events();
  let count = 0;
  for (;;) {
    const batch = take(events, 1_000);
    if (batch.length === 0) break;
    clockMs = batch[batch.length - 1]!.recordedMs;
    await store.appendMany(batch.map((g) => ({ streamId: g.streamId, events: [g.event], expectedVersion: g.expectedVersion })));
    count += batch.length;
  }
  await store.close();
  return count;
}

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

interface Api {
  child: ChildProcess;
  url: string;
  /** The first-start administrator token ('' on a later start of the same store, which prints none). */
  adminToken: string;
  startSeconds: number;
  rssMb: number;
  /** The log lines printed before it listened (the start's). */
  startLog: Array<Record<string, unknown>>;
  stop: () => Promise<void>;
}

/** Kills a child: SIGTERM, then SIGKILL if it has not exited within 10 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The compiled API on `file`, timed from the spawn to the first 200 of /health/ready (at most
 * `limitSeconds`). `saveStateEverySeconds` (LIAISON_SAVE_STATE_EVERY_SECONDS): 0 by default, so
 * no saved state is read or made and no worker competes with the load; `firstStart` false for a
 * store whose administrator token was printed before.
 */
async function bootApi(file: string, limitSeconds: number, { saveStateEverySeconds = 0, firstStart = true }: { saveStateEverySeconds?: number; firstStart?: boolean } = {}): Promise<Api> {
  const began = process.hrtime.bigint();
  const child = spawn(process.execPath, [API], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LIAISON_STORE: 'sqlite',
      LIAISON_DB: file,
      LIAISON_SYNCHRONOUS: 'FULL',
      LIAISON_RATE_LIMIT: '1000000',
      NODE_ENV: 'production',
      LIAISON_SAVE_STATE_EVERY_SECONDS: String(saveStateEverySeconds),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => stopChild(child);
  const kill = setTimeout(() => child.kill('SIGKILL'), limitSeconds * 1000);
  kill.unref();
  let out = '';
  let listening = false;
  try {
    const { url, adminToken } = await new Promise<{ url: string; adminToken: string }>((resolve, reject) => {
      const look = () => {
        const url = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(out)?.[1];
        const token = /eyJ[\w-]+\.[\w-]+\.[\w-]+/.exec(out)?.[0];
        if (url && (token || !firstStart)) {
          listening = true;
          resolve({ url, adminToken: token ?? '' });
        }
      };
      // Once it listens, its request log is drained and dropped.
      child.stdout!.on('data', (chunk: Buffer) => (listening ? undefined : ((out += chunk.toString()), look())));
      child.stderr!.on('data', (chunk: Buffer) => (listening ? undefined : (out += chunk.toString())));
      child.once('exit', (code, signal) => reject(new Error(`the API exited (code ${code}, signal ${signal}) before it listened:\n${out.slice(-4000)}`)));
    });
    for (;;) {
      const res = await fetch(`${url}/health/ready`).catch(() => undefined);
      if (res) await res.arrayBuffer();
      if (res?.status === 200) break;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error('the API exited before it was ready');
      await new Promise((r) => setTimeout(r, 20));
    }
    const startSeconds = Number(process.hrtime.bigint() - began) / 1e9;
    const startLog = out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
    return { child, url, adminToken, startSeconds, rssMb: rssMb(child.pid!), startLog, stop: async () => (clearTimeout(kill), stop()) };
  } catch (error) {
    clearTimeout(kill);
    await stop();
    throw error;
  }
}

async function gql<T>(url: string, token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

const issue = async (api: Api, input: Record<string, unknown>) =>
  (await gql<{ issueToken: { token: string } }>(`${api.url}/graphql`, api.adminToken, `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`, { input })).issueToken.token;

/** The log's last contact: its participants, links, date, channel and liaison group make a contact the API accepts. */
function contactTemplate(file: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT data FROM events WHERE type = 'ContactLogged' ORDER BY position DESC LIMIT 1`).pluck().get() as string | undefined;
    if (!row) throw new Error(`${file} holds no contact`);
    const d = JSON.parse(row) as Record<string, unknown>;
    const t: Record<string, unknown> = { occurredAt: d.occurredAt, participantIds: d.participantIds, linkIds: d.linkIds, channel: d.channel, topic: d.topic };
    if (d.liaisonGroupId) t.liaisonGroupId = d.liaisonGroupId;
    return t;
  } finally {
    db.close();
  }
}

export interface LoadFigures {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not 2xx, carried a GraphQL error, or failed (timeouts, resets). */
  failed: number;
  /**
   * The server process's CPU time (user + system) per answered request, in microseconds: unlike
   * the rate, it hardly moves when other work shares the machine.
   */
  cpuUsPerRequest: number;
}

/** The CPU time a process has used so far (user + system, /proc/<pid>/stat), in microseconds. */
function cpuUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
}
/** USER_HZ: the unit of /proc/<pid>/stat's times, 100 on Linux. */
const CLOCK_TICKS = 100;

/** autocannon against `url` for `seconds`; `body` builds each request's body; `pid` is the server's. */
async function load(name: string, url: string, token: string | undefined, connections: number, seconds: number, body: () => string, pid: number): Promise<LoadFigures> {
  let graphqlErrors = 0;
  const cpuBefore = cpuUs(pid);
  let firstError: string | undefined;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: body() }),
        onResponse: (_status, responseBody) => {
          if (responseBody.startsWith('{"errors"') || responseBody.includes('"errors":[')) {
            graphqlErrors++;
            firstError ??= responseBody.slice(0, 300);
          }
        },
      },
    ],
  });
  const cpu = cpuUs(pid) - cpuBefore;
  if (firstError) process.stderr.write(`  · ${name}: ${graphqlErrors} answers with errors, the first: ${firstError}\n`);
  return {
    name,
    connections,
    seconds,
    requests: result.requests.total,
    perSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts + graphqlErrors,
    cpuUsPerRequest: cpu / Math.max(1, result.requests.total),
  };
}

/** The baseline server in a child process of its own, on a fresh file. */
async function bootBaseline(file: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = fork(BASELINE, [file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const kill = setTimeout(() => child.kill('SIGKILL'), 300_000);
  kill.unref();
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the baseline server exited (code ${code}) before it listened`)));
  });
  return { url, pid: child.pid!, stop: async () => (clearTimeout(kill), stopChild(child)) };
}

export interface HttpFigures {
  events: number;
  coldStart: { seconds: number; rssMb: number; fromSavedState?: { seconds: number; rssMb: number; saveSeconds: number; savedBytes: number } };
  writes: LoadFigures;
  baseline: LoadFigures;
  ratio: number;
  reads: LoadFigures[];
  growth?: GrowthRow[];
}

/** Phases 1–5 on `storeFile` (5 on a store of its own) (grown by the writes); prints the table and returns the figures. */
export async function httpPhase(dir: string, options: HttpOptions, deps: HttpDeps): Promise<HttpFigures> {
  let storeFile = options.storeFile;
  let events: number;
  if (!storeFile) {
    storeFile = join(dir, 'http-store.db');
    deps.progress(`http: generating a store of ${int(options.contacts)} contacts`);
    events = await generateStore(storeFile, options.contacts, options);
  } else {
    const db = new Database(storeFile, { readonly: true });
    events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    db.close();
  }
  const seals = await sealAsLive(storeFile);
  if (seals > 0) deps.progress(`http: sealed the log as a live one is (${int(seals)} seals, one per 1,000 events), load ${deps.noteLoad()}`);
  const template = contactTemplate(storeFile);
  const S = options.seconds;
  let serial = 0;
  const run = `${process.pid}-${Date.now()}`;
  const writeBody = () => JSON.stringify({ query: LOG_CONTACT, variables: { input: { ...template, contactId: `c-http-${run}-${serial++}` } } });

  const api = await bootApi(storeFile, 60 + 12 * S + Math.ceil(events / 20_000));
  let writes: LoadFigures;
  let recorder = '';
  const reads: LoadFigures[] = [];
  try {
    deps.progress(`http: the API ready after ${fixed(api.startSeconds)} s (${int(events)} events), RSS ${int(api.rssMb)} MB, load ${deps.noteLoad()}`);
    recorder = await issue(api, { role: 'RECORDER', subject: 'bench-office', grants: [{ kind: 'COMMITTEE_OFFICE' }] });
    const leader = await issue(api, { role: 'LEADER', subject: 'bench-leader' });
    await gql(`${api.url}/graphql`, recorder, LOG_CONTACT, { input: { ...template, contactId: `c-http-${run}-probe` } });
    const pid = api.child.pid!;
    await load('warm-up', `${api.url}/graphql`, recorder, CONNECTIONS, Math.min(2, S), writeBody, pid);
    writes = await load('logContact (platform)', `${api.url}/graphql`, recorder, CONNECTIONS, S, writeBody, pid);
    deps.progress(`http: logContact ${int(writes.perSecond)}/s, p50 ${writes.p50Ms} ms, p99 ${writes.p99Ms} ms, ${int(writes.cpuUsPerRequest)} µs CPU/req, ${writes.failed} failed, load ${deps.noteLoad()}`);
    const queries: Array<[string, string]> = [
      // The cheapest query: what the HTTP layer, authentication and Apollo cost without a resolver.
      ['{ __typename }', `{ __typename }`],
      ['coverage(period: "2021-Q2")', `{ coverage(period: "2021-Q2") { scheme due covered ratio } }`],
      ['staleLinks(on: "2021-12-31", days: 90, first: 50)', `{ staleLinks(on: "2021-12-31", days: 90, first: 50) { totalCount edges { node { linkId daysSinceLast } } } }`],
      ['network(period: "2021")', `{ network(period: "2021") { nodes { id kind label } edges { linkId sourceId targetId weight } } }`],
    ];
    reads.push(...(await readEach(queries, `${api.url}/graphql`, leader, pid, S, deps)));
  } finally {
    await api.stop();
  }
  if (options.proposals > 0) reads.push(...(await proposalReads(dir, options, deps)));

  const restart = await restartWithSavedState(storeFile, events, deps, async (graphqlUrl) => {
    for (let i = 0; i < 200; i++) await gql(graphqlUrl, recorder, LOG_CONTACT, { input: { ...template, contactId: `c-http-${run}-tail-${i}` } });
    return 200;
  });

  const baselineFile = join(dir, 'http-baseline.db');
  const baseline = await bootBaseline(baselineFile);
  let base: LoadFigures;
  try {
    await load('warm-up', `${baseline.url}/`, undefined, CONNECTIONS, Math.min(2, S), writeBody, baseline.pid);
    base = await load('logContact (Apollo standalone + better-sqlite3)', `${baseline.url}/`, undefined, CONNECTIONS, S, writeBody, baseline.pid);
    deps.progress(`http: baseline ${int(base.perSecond)}/s, p50 ${base.p50Ms} ms, p99 ${base.p99Ms} ms, ${int(base.cpuUsPerRequest)} µs CPU/req, load ${deps.noteLoad()}`);
  } finally {
    await baseline.stop();
    removeDb(baselineFile);
  }
  const ratio = writes.perSecond / base.perSecond;

  console.log('');
  console.log(`HTTP (issue 14, item 1): the compiled API on a SQLite file of ${int(events)} events (synchronous FULL), autocannon on the same machine, 127.0.0.1.`);
  console.log(table(['cold start', 'measured'], [
    ['process start → /health/ready 200, no saved state (the whole log folded)', `${fixed(api.startSeconds)} s`],
    ['RSS of the API once ready', `${int(api.rssMb)} MB`],
    [`the same, again (the start that saves, the start that writes the tail), median of ${restart.without.length}`, `${fixed(median(restart.without.map((b) => b.startSeconds)))} s`],
    [`making the saved state (a worker in the background): ${int(restart.savedBytes / 1e6)} MB at position ${int(restart.savedAt)}`, `${fixed(restart.saveSeconds)} s`],
    [`process start → /health/ready 200, from the saved state + a tail of ${int(restart.tail)} events, median of ${restart.with.length}`, `${fixed(median(restart.with.map((b) => b.startSeconds)))} s`],
    ['  of which: restoring the saved state (read, checks, decode)', `${fixed(median(restart.with.map((b) => b.restoreMs)) / 1000)} s`],
    ['  of which: projections ready (restore + tail, in onModuleInit)', `${fixed(median(restart.with.map((b) => b.caughtUpMs)) / 1000)} s`],
    ['RSS of the API once ready, from the saved state', `${int(median(restart.with.map((b) => b.rssMb)))} MB`],
  ]));
  console.log('');
  // autocannon's histogram counts whole milliseconds: 0 is an answer within the first millisecond.
  const ms = (x: number) => (x === 0 ? '<1' : int(x));
  const row = (f: LoadFigures) => [f.name, String(f.connections), `${int(f.perSecond)}/s`, ms(f.p50Ms), ms(f.p99Ms), int(f.cpuUsPerRequest), `${int(f.requests)} in ${f.seconds} s`, String(f.failed)];
  const header = ['HTTP', 'conns', 'rate', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'requests', 'failed'];
  console.log(table(header, [row(writes), row(base), ['ratio platform / baseline', '', fixed(ratio), '', '', '', '', '']]));
  console.log('');
  console.log(table(header, reads.map(row)));
  console.log('(latencies in whole milliseconds, as autocannon counts them; the load generator shares the machine with the server; server CPU: user + system time of the server process per answered request.)');

  const figures: HttpFigures = {
    events,
    coldStart: { seconds: api.startSeconds, rssMb: api.rssMb, fromSavedState: { seconds: median(restart.with.map((b) => b.startSeconds)), rssMb: median(restart.with.map((b) => b.rssMb)), saveSeconds: restart.saveSeconds, savedBytes: restart.savedBytes } },
    writes,
    baseline: base,
    ratio,
    reads,
  };
  if (options.growth) figures.growth = await growth(dir, options, deps);
  return figures;
}

/**
 * Each named query read after one warm-up answer, at 1 and at CONNECTIONS connections, each load
 * for half the phase's seconds, with the server's CPU per request from `pid`.
 */
async function readEach(queries: Array<[string, string]>, url: string, token: string, pid: number, seconds: number, deps: HttpDeps): Promise<LoadFigures[]> {
  const reads: LoadFigures[] = [];
  for (const [name, query] of queries) {
    const body = JSON.stringify({ query });
    await gql(url, token, query);
    for (const connections of [1, CONNECTIONS]) {
      const figures = await load(name, url, token, connections, Math.max(1, Math.round(seconds / 2)), () => body, pid);
      reads.push(figures);
      deps.progress(`http: ${name} at ${connections}: ${int(figures.perSecond)}/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ${int(figures.cpuUsPerRequest)} µs CPU/req, load ${deps.noteLoad()}`);
    }
  }
  return reads;
}

/** The office's day: the proposals generator's last day, as the proposals phase reads it. */
const PROPOSALS_DAY = '2023-12-31';

/**
 * The proposals dashboards over HTTP (issue 14, item 1), with a LEADER token at 1 and 10
 * connections: the API booted on a store of `options.proposals` proposals made by the proposals
 * phase's generator (through the deciders), generated here and deleted after.
 */
async function proposalReads(dir: string, options: HttpOptions, deps: HttpDeps): Promise<LoadFigures[]> {
  const file = join(dir, 'http-proposals.db');
  deps.progress(`http: generating a store of ${int(options.proposals)} proposals`);
  const generator = new ProposalsGenerator({ seed: options.seed, proposals: options.proposals });
  const { events } = await appendGenerated(file, generator.events(), () => undefined);
  const api = await bootApi(file, 60 + 12 * options.seconds + Math.ceil(events / 20_000));
  const reads: LoadFigures[] = [];
  try {
    deps.progress(`http: the API ready on ${int(events)} events (${int(options.proposals)} proposals) after ${fixed(api.startSeconds)} s`);
    const leader = await issue(api, { role: 'LEADER', subject: 'bench-leader' });
    const queries: Array<[string, string]> = [
      [`proposalCounts(termId: "${PROPOSAL_TERM}")`, `{ proposalCounts(termId: "${PROPOSAL_TERM}") { total filed notFiled filingRate byStage { stage count } } }`],
      [`unitStandings(dueBy: "${PROPOSALS_DUE_BY}")`, `{ unitStandings(dueBy: "${PROPOSALS_DUE_BY}", on: "${PROPOSALS_DAY}") { unitId unitName assigned replied overdueNow lead { due onTime late rate } } }`],
      [`deadlineBoard(first: 50)`, `{ deadlineBoard(on: "${PROPOSALS_DAY}", first: 50) { counts { state count } assignments { state daysOverdue } } }`],
    ];
    reads.push(...(await readEach(queries, `${api.url}/graphql`, leader, api.child.pid!, options.seconds, deps)));
  } finally {
    await api.stop();
    removeDb(file);
  }
  return reads;
}

interface RestartFigures {
  /** Starts that folded the whole log (saved states off). */
  without: Array<{ startSeconds: number; rssMb: number }>;
  saveSeconds: number;
  savedBytes: number;
  savedAt: number;
  tail: number;
  /** Starts from the saved state. */
  with: Array<{ startSeconds: number; rssMb: number; restoreMs: number; caughtUpMs: number }>;
}

/**
 * Restart without replay (issue 14, item 4): two more starts with saved states off, one that makes
 * a saved state (LIAISON_SAVE_STATE_EVERY_SECONDS=1, stopped once the file is there), a few writes
 * after it (the tail), then three starts from it.
 */
async function restartWithSavedState(file: string, events: number, deps: HttpDeps, write: (graphqlUrl: string) => Promise<number>): Promise<RestartFigures> {
  const limit = 120 + Math.ceil(events / 5_000);
  const dir = `${file}.saved-state`;
  rmSync(dir, { recursive: true, force: true });
  const without: RestartFigures['without'] = [];
  const saver = await bootApi(file, limit + 600, { saveStateEverySeconds: 1, firstStart: false });
  without.push({ startSeconds: saver.startSeconds, rssMb: saver.rssMb });
  const began = Date.now();
  let saved: { file: string; position: number; bytes: number } | undefined;
  try {
    while (!saved) {
      const found = existsSync(dir) ? readdirSync(dir).find((name) => /^state-\d+\.bin$/.test(name)) : undefined;
      if (found) saved = { file: join(dir, found), position: Number(/\d+/.exec(found)![0]), bytes: statSync(join(dir, found)).size };
      else await new Promise((r) => setTimeout(r, 100));
      if (Date.now() - began > (limit + 600) * 1000) throw new Error('no saved state was made in time');
    }
  } finally {
    await saver.stop();
  }
  // The worker starts one second after the API is live: the save took about this long, less that second.
  const saveSeconds = (Date.now() - began) / 1000 - 1;
  deps.progress(`restart: without a saved state ${fixed(saver.startSeconds)} s; saved ${int(saved.bytes / 1e6)} MB at position ${int(saved.position)} in about ${fixed(saveSeconds)} s, load ${deps.noteLoad()}`);
  // The tail: writes after the save, through an API with saved states off (one more start without).
  const writer = await bootApi(file, limit, { firstStart: false });
  let written: number;
  try {
    written = await write(`${writer.url}/graphql`);
  } finally {
    await writer.stop();
  }
  without.push({ startSeconds: writer.startSeconds, rssMb: writer.rssMb });
  deps.progress(`restart: without a saved state ${fixed(writer.startSeconds)} s, then ${written} writes, load ${deps.noteLoad()}`);
  const withSaved: RestartFigures['with'] = [];
  let tail = 0;
  for (let i = 0; i < 3; i++) {
    const api = await bootApi(file, limit, { saveStateEverySeconds: 600, firstStart: false });
    await api.stop();
    const restored = api.startLog.find((l) => l.msg === 'projections restored from a saved state; reading the tail of the log');
    const caughtUp = api.startLog.find((l) => l.msg === 'projections caught up with the log');
    if (!restored || !caughtUp || caughtUp.restoredAt !== saved.position) throw new Error(`the start did not restore the saved state at ${saved.position}: ${JSON.stringify(api.startLog.filter((l) => /saved state|caught up/.test(String(l.msg))))}`);
    tail = Number(caughtUp.tail);
    withSaved.push({ startSeconds: api.startSeconds, rssMb: api.rssMb, restoreMs: Number(restored.ms), caughtUpMs: Number(caughtUp.ms) });
    deps.progress(`restart: from the saved state ${fixed(api.startSeconds)} s (restore ${restored.ms} ms, ready ${caughtUp.ms} ms, tail ${tail}), RSS ${int(api.rssMb)} MB, load ${deps.noteLoad()}`);
  }
  return { without, saveSeconds, savedBytes: saved.bytes, savedAt: saved.position, tail, with: withSaved };
}

export interface GrowthRow {
  contacts: number;
  events: number;
  rebuildSeconds: number;
  rebuildPeakRssMb: number;
  startSeconds: number;
  rssMb: number;
}

/** Rebuild, cold start and RSS at 100k, 1M and (asked with --contacts 10000000) 10M contacts. */
async function growth(dir: string, options: HttpOptions, deps: HttpDeps): Promise<GrowthRow[]> {
  // Below 1M contacts (a smoke run) the table goes from N/10 to N instead.
  const sizes = options.contacts < 1_000_000 ? [Math.max(100, Math.round(options.contacts / 10)), options.contacts] : [100_000, 1_000_000, ...(options.contacts >= 10_000_000 ? [10_000_000] : [])];
  const rows: GrowthRow[] = [];
  for (const contacts of sizes) {
    const file = join(dir, `growth-${contacts}.db`);
    deps.progress(`growth: generating ${int(contacts)} contacts`);
    const events = await generateStore(file, contacts, options);
    await sealAsLive(file);
    const rebuild = await deps.readTaskInChild({ file, task: 'rebuild' });
    const api = await bootApi(file, 120 + Math.ceil(events / 5_000));
    await api.stop();
    rows.push({ contacts, events, rebuildSeconds: rebuild.seconds, rebuildPeakRssMb: rebuild.peakRssMb, startSeconds: api.startSeconds, rssMb: api.rssMb });
    deps.progress(`growth: ${int(contacts)} contacts: rebuild ${fixed(rebuild.seconds)} s, start ${fixed(api.startSeconds)} s, RSS ${int(api.rssMb)} MB, load ${deps.noteLoad()}`);
    removeDb(file);
  }
  const factor = (i: number, pick: (r: GrowthRow) => number) => (i === 0 ? '' : ` (×${fixed(pick(rows[i]!) / pick(rows[i - 1]!), 1)})`);
  console.log('');
  console.log(
    table(
      ['growth: contacts', 'events', 'rebuild s', 'rebuild peak RSS MB', 'cold start s', 'API RSS once ready MB'],
      rows.map((r, i) => [
        int(r.contacts),
        int(r.events) + factor(i, (x) => x.events),
        fixed(r.rebuildSeconds) + factor(i, (x) => x.rebuildSeconds),
        int(r.rebuildPeakRssMb) + factor(i, (x) => x.rebuildPeakRssMb),
        fixed(r.startSeconds) + factor(i, (x) => x.startSeconds),
        int(r.rssMb) + factor(i, (x) => x.rssMb),
      ]),
    ),
  );
  console.log('(×: the factor from the size above; the contacts grow ×10 from row to row.)');
  return rows;
}
