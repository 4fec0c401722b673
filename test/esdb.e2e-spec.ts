/**
 * The API on EventStoreDB (the stand-in from libs/event-store/test-support, listening in this
 * process): a server that is absent at boot, a server that answers too late, and two API processes
 * sharing one store, one through each client. The stores are real adapters over gRPC; nothing is
 * mocked. The API in this process runs on kurrentdb:// only: a process loads one client (see
 * libs/event-store/src/esdbClient.ts); the child processes show esdb:// beside it.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '../apps/api/src/config.js';
import { EsdbStandIn, freePort } from '#event-store/test-support/esdbStandIn';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const API = join(ROOT, 'dist/apps/api/src/main.js');
const SECRET = 'esdb-e2e-secret-that-is-long-enough-for-hs256';

const REGISTER_LOCALITY = `mutation($input: RegisterLocalityInput!) { registerLocality(input: $input) { position written version streamId } }`;
const LOCALITIES = `query($at: Float) { localities(atLeastPosition: $at) { id name } }`;

interface Api {
  url: string;
  token: () => string;
}

async function gql(api: Api, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token()}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function ready(url: string): Promise<{ status: number; body: { status: string; reason?: string; head?: number } }> {
  const res = await fetch(`${url}/health/ready`);
  return { status: res.status, body: (await res.json()) as any };
}

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The API in this process on an esdb store, as main.ts would start it, keeping the first-start token. */
async function bootInProcess(connectionString: string) {
  let token: string | undefined;
  const config = loadConfig(
    { LIAISON_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: connectionString, LIAISON_JWT_SECRET: SECRET },
    { port: 0, host: '127.0.0.1', logLevel: 'silent' },
  );
  const { app, url } = await bootstrap(config, undefined, { announceBootstrapToken: (issued) => (token = issued.token) });
  return { app, url, token: () => token ?? '', hasToken: () => token !== undefined };
}

describe('the API on EventStoreDB', () => {
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('boots without a server, answers not-ready with the reason, and becomes ready when the server appears', async () => {
    const port = await freePort();
    const started = Date.now();
    const api = await bootInProcess(`kurrentdb://127.0.0.1:${port}?tls=false`);
    cleanup.push(() => api.app.close());

    expect(Date.now() - started).toBeLessThan(10_000);
    const absent = await ready(api.url);
    expect(absent.status).toBe(503);
    expect(absent.body).toEqual({ status: 'not ready', reason: expect.stringContaining(`the event store at kurrentdb://127.0.0.1:${port} is unreachable`) });
    expect(absent.body.reason).toMatch(/; retrying from position 0 \(\d+ failed attempts?, next after \d+ ms\)$/);
    expect(api.hasToken()).toBe(false);

    const standIn = await EsdbStandIn.start({ port });
    cleanup.push(() => standIn.stop());
    const present = await waitFor(async () => {
      const probe = await ready(api.url);
      return probe.status === 200 ? probe : undefined;
    }, 'readiness once the server is there');

    expect(present.body).toMatchObject({ status: 'ready', lag: 0 });
    // The first-start token is issued only now that the (empty) log has been read.
    await waitFor(() => api.hasToken(), 'the first-start token');
    expect(await gql(api, LOCALITIES)).toEqual({ data: { localities: [] } });
  }, 30_000);

  it('answers a command the server acknowledges too late with TIMEOUT, and the repeated command writes nothing twice (kurrentdb://, the maintained client)', async () => {
    const standIn = await EsdbStandIn.start();
    cleanup.push(() => standIn.stop());
    const api = await bootInProcess(standIn.connectionString('defaultDeadline=1000', 'kurrentdb'));
    cleanup.push(() => api.app.close());
    const input = { localityId: 'loc-slow', name: '慢街道', kind: 'SUBDISTRICT' };

    standIn.slowDown({ appendMs: 2500 });
    const late = await gql(api, REGISTER_LOCALITY, { input });
    standIn.slowDown({});

    expect(late.errors?.map((e) => e.extensions?.code)).toEqual(['TIMEOUT']);
    expect(late.errors?.[0]?.message).toMatch(/did not answer in time/);
    const retried = await gql(api, REGISTER_LOCALITY, { input });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.registerLocality).toMatchObject({ written: 0, version: 0, streamId: 'locality-loc-slow' });
    expect(standIn.userRecords().filter((r) => r.streamId === 'locality-loc-slow').map((r) => r.type)).toEqual(['LocalityRegistered']);
    expect((await gql(api, LOCALITIES, { at: retried.data.registerLocality.position })).data.localities).toEqual([{ id: 'loc-slow', name: '慢街道' }]);
  }, 30_000);

  describe('two API processes on one store', () => {
    const processes: ChildProcessWithoutNullStreams[] = [];
    afterEach(async () => {
      await Promise.all(
        processes.splice(0).map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
              child.once('exit', () => {
                clearTimeout(force);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    });

    /** `node dist/apps/api/src/main.js` on PORT=0; the port comes from its startup log line. */
    async function startProcess(connectionString: string): Promise<{ url: string; output: () => string }> {
      const child = spawn(process.execPath, [API], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          LIAISON_STORE: 'esdb',
          EVENTSTORE_CONNECTION_STRING: connectionString,
          LIAISON_JWT_SECRET: SECRET,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
        },
      });
      processes.push(child);
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      const url = await waitFor(() => {
        if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${output}`);
        const line = output.split('\n').find((l) => l.includes('"liaison network API listening"'));
        return line ? (JSON.parse(line).url as string).replace(/\/graphql$/, '') : undefined;
      }, 'the API to listen', 20_000);
      await waitFor(async () => ((await ready(url)).status === 200 ? true : undefined), 'the API to be ready');
      return { url, output: () => output };
    }

    it('a write answered by one instance is visible on the other, and either can be asked to wait for a position (one on kurrentdb://, one on esdb://)', async () => {
      if (!existsSync(API)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
      const standIn = await EsdbStandIn.start();
      cleanup.push(() => standIn.stop());

      // The two clients on one store: the instances agree on positions whichever client each runs.
      const first = await startProcess(standIn.connectionString('', 'kurrentdb'));
      const adminToken = await waitFor(() => /^\s+(eyJ[\w-]+\.[\w-]+\.[\w-]+)\s*$/m.exec(first.output())?.[1], 'the first-start token on stdout');
      const second = await startProcess(standIn.connectionString());
      const [a, b]: Api[] = [{ url: first.url, token: () => adminToken }, { url: second.url, token: () => adminToken }];
      expect(second.output()).not.toContain('First start');

      const onA = await gql(a, REGISTER_LOCALITY, { input: { localityId: 'loc-a', name: '河西街道', kind: 'SUBDISTRICT' } });
      expect(onA.errors).toBeUndefined();
      const seenOnB = await gql(b, LOCALITIES, { at: onA.data.registerLocality.position });
      expect(seenOnB.data.localities).toEqual([{ id: 'loc-a', name: '河西街道' }]);

      const onB = await gql(b, REGISTER_LOCALITY, { input: { localityId: 'loc-b', name: '郭勒木德镇', kind: 'TOWN' } });
      expect(onB.errors).toBeUndefined();
      expect(onB.data.registerLocality.position).toBe(onA.data.registerLocality.position + 1);
      const seenOnA = await gql(a, LOCALITIES, { at: onB.data.registerLocality.position });
      expect(seenOnA.data.localities).toEqual([{ id: 'loc-a', name: '河西街道' }, { id: 'loc-b', name: '郭勒木德镇' }]);

      // Without waiting for a position, the other instance shows the write once it has caught up.
      await waitFor(async () => ((await ready(a.url)).body.head === onB.data.registerLocality.position ? true : undefined), 'instance A to see the head');
      const [fromA, fromB] = await Promise.all([gql(a, LOCALITIES), gql(b, LOCALITIES)]);
      expect(fromB).toEqual(fromA);
      expect(standIn.userRecords().filter((r) => r.type === 'LocalityRegistered')).toHaveLength(2);
    }, 60_000);
  });
});
