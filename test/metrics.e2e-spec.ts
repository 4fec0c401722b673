/**
 * Operations on the real app: `/metrics` on its own listener (prom-client's text format, the
 * counters moving after a write and a refusal, the log's head and lag, open subscriptions, process
 * metrics), off by default; and the request log: a line per request with the
 * operation's name, the status, the duration and the token's id, and never a token, a variable, a
 * query text or a summary.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp, startApp } from './support/app.js';
import { buildSmallNetwork } from './support/smallNetwork.js';
import { MetricsEndpoint } from '../apps/api/src/metrics/endpoint.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus' text format, strictly enough that a malformed line fails the test. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    // Prometheus reads floats as Go's ParseFloat does: NaN and Inf in any case (prom-client writes `Nan`).
    const word = match[3].toLowerCase();
    const value = word === 'nan' ? NaN : word === '+inf' ? Infinity : word === '-inf' ? -Infinity : Number(match[3]);
    if (Number.isNaN(value) && word !== 'nan') throw new Error(`not a number in: ${line}`);
    samples.push({ name: match[1], labels, value });
  }
  return samples;
}

const sample = (samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

const LOG = `mutation LogContactForMetrics($input: LogContactInput!) { logContact(input: $input) { position written } }`;
const REFUSED = `mutation LogContactRefused($input: LogContactInput!) { logContact(input: $input) { position written } }`;
const SECRET_SUMMARY = '只在这里出现的谈话内容';
const SECRET_TOPIC = '只在这里出现的主题';
const contact = (contactId: string, participantIds: string[]) => ({
  input: { contactId, occurredAt: '2020-02-10T10:00', participantIds, linkIds: ['l-pg-1'], channel: 'VISIT', topic: SECRET_TOPIC, summary: SECRET_SUMMARY, liaisonGroupId: 'lg-hexi' },
});

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('/metrics on its own listener, and the request log', () => {
  let app: TestApp;
  let metricsUrl: string;
  const lines: Array<Record<string, any>> = [];
  const raw: string[] = [];
  const scrape = async () => {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    return parseExposition(await res.text());
  };

  beforeAll(async () => {
    app = await startApp({
      config: {
        metricsPort: 0,
        metricsHost: '127.0.0.1',
        logLevel: 'info',
        logDestination: {
          write: (chunk: string) => {
            raw.push(chunk);
            for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          },
        },
      },
    });
    await buildSmallNetwork(app);
    metricsUrl = app.app.get(MetricsEndpoint).url!;
  });
  afterAll(async () => app.close());

  it('answers on 127.0.0.1 at a port of its own, /metrics only, and not on the API\'s port', async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).not.toBe(new URL(app.url).port);
    expect((await fetch(metricsUrl.replace('/metrics', '/graphql'))).status).toBe(404);
    expect((await fetch(metricsUrl, { method: 'POST' })).status).toBe(405);
    const onApi = await fetch(`${app.url}/metrics`);
    expect(onApi.status).toBe(404);
    expect(await onApi.text()).not.toContain('liaison_');
    // /health stays public and as it was.
    expect(await app.health()).toMatchObject({ lag: 0 });
  });

  it('moves the append, refusal and operation series after a logContact and a refused one, and reads head and lag at scrape time', async () => {
    const before = await scrape();
    const appendsBefore = sample(before, 'liaison_append_duration_seconds_count', { command: 'LogContact' }) ?? 0;

    const logged = await app.gql(LOG, contact('c-metrics-1', ['m-pg', 'm-cpc1']));
    expect(logged.errors).toBeUndefined();
    const refused = await app.gql(REFUSED, contact('c-metrics-2', ['m-pg']));
    expect(refused.errors?.[0].extensions?.code).toBe('VALIDATION');

    const after = await scrape();
    expect(sample(after, 'liaison_append_duration_seconds_count', { command: 'LogContact' })).toBe(appendsBefore + 1);
    expect(sample(after, 'liaison_append_duration_seconds_sum', { command: 'LogContact' })).toBeGreaterThan(0);
    expect(sample(after, 'liaison_append_duration_seconds_bucket', { command: 'LogContact', le: '+Inf' })).toBe(appendsBefore + 1);
    expect(sample(after, 'liaison_appended_events_total', { command: 'LogContact' })).toBe(appendsBefore + 1);
    // The registry's commands (RegisterMember, AssignLink …) were appended while the network was built.
    expect(sample(after, 'liaison_append_duration_seconds_count', { command: 'AssignLink' })).toBe(3);
    expect(sample(after, 'liaison_commands_refused_total', { command: 'LogContact', code: 'VALIDATION' })).toBe(1);
    expect(after.filter((s) => s.name === 'liaison_commands_refused_total')).toHaveLength(1);

    expect(sample(after, 'liaison_graphql_operation_duration_seconds_count', { operation: 'LogContactForMetrics', type: 'mutation', outcome: 'ok' })).toBe(1);
    expect(sample(after, 'liaison_graphql_operation_duration_seconds_count', { operation: 'LogContactRefused', type: 'mutation', outcome: 'error' })).toBe(1);
    expect(sample(after, 'liaison_graphql_operation_duration_seconds_sum', { operation: 'LogContactForMetrics' })).toBeGreaterThan(0);

    const health = await app.health();
    expect(sample(after, 'liaison_log_head_position')).toBe(health.head);
    expect(sample(after, 'liaison_projection_position')).toBe(health.position);
    expect(typeof sample(after, 'liaison_projection_lag_events')).toBe('number');
    expect(sample(after, 'liaison_projection_lag_events')).toBe(0);
    expect(sample(after, 'liaison_read_model_live')).toBe(1);
    // prom-client's process metrics.
    expect(sample(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(after, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts open subscriptions up while one is open and down once it closes', async () => {
    expect(sample(await scrape(), 'liaison_subscriptions_open')).toBe(0);
    const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${app.tokens.LEADER}` }, lazy: false });
    client.subscribe({ query: `subscription { contactLogged { id } }` }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await eventually(async () => (sample(await scrape(), 'liaison_subscriptions_open') === 1 ? true : undefined), 'the subscription counted');
    await client.dispose();
    await eventually(async () => (sample(await scrape(), 'liaison_subscriptions_open') === 0 ? true : undefined), 'the closed subscription uncounted');
  });

  it('logs each request with method, path, operation, status, duration and token id, and no token, variable, query text or summary', async () => {
    expect((await app.gql(LOG, contact('c-metrics-3', ['m-pg', 'm-cpc1']))).errors).toBeUndefined();
    // A GET carries its query text and variables in the query string: the path is logged without it.
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent('query PeekMembers($first: Int) { members(first: $first) { totalCount } }')}&variables=${encodeURIComponent('{"first":"'.concat(SECRET_TOPIC, '"}'))}`, {
      headers: { authorization: `Bearer ${app.tokens.LEADER}`, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBeLessThan(500);
    const unauthenticated = await app.gql(`{ members { totalCount } }`, undefined, { token: 'not-a-token' });
    expect(unauthenticated.status).toBe(401);

    const requests = () => lines.filter((l) => l.msg === 'request completed');
    const logged = await eventually(() => requests().filter((l) => l.operation === 'LogContactForMetrics').at(-1), 'the logContact request line');
    expect(logged).toMatchObject({ msg: 'request completed', level: 30, req: { method: 'POST', path: '/graphql' }, res: { status: 200 }, operationType: 'mutation', tokenId: expect.any(String) });
    expect(logged.ms).toEqual(expect.any(Number));
    expect(Object.keys(logged.req).sort()).toEqual(['id', 'method', 'path']);
    const refusedLine = requests().find((l) => l.operation === 'LogContactRefused');
    expect(refusedLine).toMatchObject({ res: { status: 200 }, tokenId: expect.any(String) });
    const getLine = await eventually(() => requests().find((l) => l.req?.method === 'GET' && l.req?.path === '/graphql'), 'the GET line');
    expect(getLine.req.path).toBe('/graphql');
    const refusedAtTheDoor = await eventually(() => requests().find((l) => l.res?.status === 401), 'the 401 line');
    expect(refusedAtTheDoor.tokenId).toBeUndefined();

    // The recorder's token id, not the token.
    const onRecord = await app.gql<{ tokens: Array<{ tokenId: string; subject: string }> }>(`{ tokens { tokenId subject } }`, undefined, { token: app.tokens.AUDITOR });
    expect(onRecord.data!.tokens.find((t) => t.subject === 'test-recorder-hexi')?.tokenId).toBe(logged.tokenId);

    const all = raw.join('');
    for (const token of Object.values(app.tokens)) expect(all).not.toContain(token as string);
    expect(all).not.toContain('not-a-token');
    expect(all).not.toMatch(/bearer/i);
    expect(all).not.toContain(SECRET_SUMMARY);
    expect(all).not.toContain(SECRET_TOPIC);
    expect(all).not.toContain('c-metrics-3');
    expect(all).not.toContain('logContact(input');
    expect(all).not.toContain('PeekMembers($first');
    expect(all).not.toContain('totalCount');
  });
});

describe('/metrics off by default', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ config: { store: 'memory' } });
  });
  afterAll(async () => app.close());

  it('opens no listener and serves nothing at /metrics on the API\'s port', async () => {
    expect(app.app.get(MetricsEndpoint).url).toBeNull();
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('liaison_');
  });
});
