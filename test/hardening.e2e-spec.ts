/**
 * Issue 15's smaller findings, each test named after the finding it pins: a read-your-writes
 * position far beyond the head, token subjects that imitate the system, the headers on every
 * answer (and the page's WebSocket policy), and a graceful SIGTERM of the compiled API.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { removeDir, startApp, tempDir, TestApp } from './support/app.js';
import { startCompiledApi } from './support/compiled.js';

const READ_AT = `query($p: Float) { readModel { position } localities(atLeastPosition: $p) { id } }`;

/** A raw GET with the headers a browser (or an attacker) chooses, Host included. */
function get(url: string, path: string, headers: Record<string, string> = {}): Promise<IncomingMessage & { body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method: 'GET', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(Object.assign(res, { body })));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('issue 15, smaller findings', () => {
  let app: TestApp;

  beforeAll(async () => {
    // A long read timeout, so that a position that is waited for, rather than refused, shows.
    app = await startApp({ config: { readYourWritesTimeoutMs: 20_000 } });
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dataFile);
  });

  describe('atLeastPosition far beyond the head is refused at once', () => {
    const timed = async (body: string) => {
      const started = Date.now();
      const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.LEADER}` }, body });
      const json = (await res.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string; field?: string } }> };
      return { ms: Date.now() - started, code: json.errors?.[0]?.extensions?.code, field: json.errors?.[0]?.extensions?.field, data: json.data };
    };

    it.each([
      ['1e308', '1e308'],
      ['the largest double', String(Number.MAX_VALUE)],
      ['2^53 (no longer a whole number a double keeps exactly)', String(2 ** 53)],
      ['a negative position', '-1'],
    ])('atLeastPosition %s: VALIDATION at once, not the read timeout', async (_name, literal) => {
      const outcome = await timed(`{"query":${JSON.stringify(READ_AT)},"variables":{"p":${literal}}}`);
      expect(outcome.code).toBe('VALIDATION');
      expect(outcome.field).toBe('atLeastPosition');
      expect(outcome.ms).toBeLessThan(2_000);
    });

    it('atLeastPosition Infinity (1e400 in the JSON): refused at once with a code', async () => {
      const outcome = await timed(`{"query":${JSON.stringify(READ_AT)},"variables":{"p":1e400}}`);
      expect(['VALIDATION', 'BAD_USER_INPUT']).toContain(outcome.code);
      expect(outcome.ms).toBeLessThan(2_000);
    });

    it('atLeastPosition beyond the head by more than the margin: VALIDATION at once; the head itself is answered', async () => {
      const { head } = await app.health();
      const beyond = await timed(JSON.stringify({ query: READ_AT, variables: { p: head + 1_000 } }));
      expect(beyond.code).toBe('VALIDATION');
      expect(beyond.ms).toBeLessThan(2_000);
      const atHead = await timed(JSON.stringify({ query: READ_AT, variables: { p: head } }));
      expect(atHead.code).toBeUndefined();
      expect(atHead.data.readModel.position).toBeGreaterThanOrEqual(head);
    });

    it('atLeastPosition on an audit query (history) beyond the head: VALIDATION at once, as on the figures', async () => {
      const { head } = await app.health();
      const started = Date.now();
      const res = await app.gql(`query($p: Float) { history(entityId: "nobody", atLeastPosition: $p) { type } }`, { p: head + 1_000 }, { token: app.tokens.AUDITOR });
      expect([res.errors?.[0]?.extensions?.code, res.errors?.[0]?.extensions?.field]).toEqual(['VALIDATION', 'atLeastPosition']);
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  describe('token subjects may not imitate the system', () => {
    const ISSUE = `mutation($subject: String!) { issueToken(input: { subject: $subject, role: AUDITOR }) { tokenId } }`;
    it.each([
      ['system:sealer', 'system:sealer'],
      ['cli:root', 'cli:root'],
      ['bootstrap-admin', 'bootstrap-admin'],
      ['a right-to-left override (U+202E)', 'auditor\u202enimda'],
      ['a first-strong isolate (U+2068)', '\u2068auditor'],
      ['a C1 control (U+0085)', 'auditor\u0085'],
    ])('token subjects: issueToken refuses %s with VALIDATION and writes nothing', async (_name, subject) => {
      const before = (await app.health()).head;
      const res = await app.gql(ISSUE, { subject });
      expect(res.errors?.[0]?.extensions?.code).toBe('VALIDATION');
      expect(res.errors?.[0]?.extensions?.field).toBe('subject');
      expect((await app.health()).head).toBe(before);
    });
  });

  describe('headers', () => {
    const expectCommon = (res: { headers: Record<string, unknown> } | Response) => {
      const header = (name: string) => (res instanceof Response ? res.headers.get(name) : (res.headers[name] as string | undefined) ?? null);
      expect(header('x-content-type-options')).toBe('nosniff');
      expect(header('x-powered-by')).toBeNull();
    };

    it('headers: X-Content-Type-Options nosniff and no X-Powered-By on GraphQL answers (a refusal included)', async () => {
      expectCommon(await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.LEADER}` }, body: '{"query":"{ readModel { position } }"}' }));
      expectCommon(await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ readModel { position } }"}' }));
      expectCommon(await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' }));
    });

    it('headers: X-Content-Type-Options nosniff and no X-Powered-By on /health, the page and an unknown path', async () => {
      expectCommon(await fetch(`${app.url}/health`));
      expectCommon(await fetch(`${app.url}/`));
      expectCommon(await fetch(`${app.url}/no-such-thing`));
    });

    it('the GraphQL explorer (GraphiQL from unpkg.com) is not served unless asked for; asked for, it is', async () => {
      const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('unpkg.com');
      const explorer = await startApp({ config: { store: 'memory', graphqlExplorer: true } });
      try {
        expect(await (await fetch(`${explorer.url}/graphql`, { headers: { accept: 'text/html' } })).text()).toContain('unpkg.com');
      } finally {
        await explorer.close();
      }
    });

    describe("headers: the page's connect-src allows only this origin's WebSocket", () => {
      const connectSrc = (csp: string | undefined) => /(?:^|;)\s*connect-src ([^;]*)/.exec(csp ?? '')?.[1]?.trim().split(/\s+/);
      const pageCsp = async (headers: Record<string, string>) => {
        const res = await get(app.url, '/', headers);
        expect(res.statusCode).toBe(200); // the built page (npm run build)
        return String(res.headers['content-security-policy'] ?? '');
      };

      it("ws://<the request's host> beside 'self', never ws: or wss: for any host", async () => {
        const host = new URL(app.url).host;
        const sources = connectSrc(await pageCsp({ host }));
        expect(sources).toEqual(["'self'", `ws://${host}`]);
      });

      it('wss://<host> when the page is served over https (X-Forwarded-Proto)', async () => {
        expect(connectSrc(await pageCsp({ host: 'liaison.example.org', 'x-forwarded-proto': 'https' }))).toEqual(["'self'", 'wss://liaison.example.org']);
      });

      it("a Host header that is not a host adds nothing to the policy: 'self' only", async () => {
        const csp = await pageCsp({ host: 'evil.example; script-src *' });
        expect(connectSrc(csp)).toEqual(["'self'"]);
        expect(csp).not.toContain('evil');
      });
    });
  });
});

describe('SIGTERM: the compiled API stops accepting, answers every accepted request, exits 0', () => {
  const dir = tempDir('hardening-sigterm-');
  afterAll(() => removeDir(dir));

  it('SIGTERM: a request in flight is answered, an idle keep-alive socket is closed, new connections are refused, exit code 0', async () => {
    const ready = await startCompiledApi(`${dir}/liaison.db`);
    const { child } = ready;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000); // bounded, whatever happens
    try {
      const { port, hostname } = new URL(ready.url);

      // An idle keep-alive socket: one answered request, then nothing.
      const idleClosed = new Promise<number>((resolve) => {
        const socket = connect(Number(port), hostname, () => socket.write(`GET /health HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: keep-alive\r\n\r\n`));
        socket.on('error', () => undefined);
        socket.resume(); // read its answer, or the server's close is never seen
        socket.on('close', () => resolve(Date.now()));
        setTimeout(() => resolve(Infinity), 20_000);
      });

      // The slow-ish request: headers now, the body trickled in over the signal.
      const body = JSON.stringify({ query: '{ readModel { position } }' });
      const answer = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
        const req = request({ host: hostname, port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${ready.token}` } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.flushHeaders();
        req.write(body.slice(0, 5));
        setTimeout(() => req.end(body.slice(5)), 1_200);
      });
      await new Promise((r) => setTimeout(r, 300));
      const signalled = Date.now();
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));

      // After the signal a new connection is refused, not left hanging.
      const late = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), hostname);
        socket.setTimeout(2_000, () => (socket.destroy(), resolve('hung')));
        socket.on('connect', () => (socket.destroy(), resolve('accepted')));
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(late).toBe('ECONNREFUSED');

      const answered = await answer;
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.body).data.readModel.position).toBeGreaterThanOrEqual(0);
      expect(answered.connection).toBe('close');
      // Closed at the signal, not when the keep-alive timeout (5 s) would have closed it.
      expect((await idleClosed) - signalled).toBeLessThan(1_000);

      const { code, signal, at } = await exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(at - signalled).toBeLessThan(8_000); // well inside the drain's grace: the idle socket did not hold it
    } finally {
      clearTimeout(kill);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 45_000);
});
