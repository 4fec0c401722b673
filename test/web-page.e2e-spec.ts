/**
 * The page as a browser and an operator meet it: the real API serving the built page (dist/web,
 * from `npm run build`) at `/` beside /graphql, with its caching and security headers; the answer
 * when nothing is built; the first-load weight of the page; and the CLI's sign-in link
 * (`issue-token --url`), run compiled in a child process.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { removeDir, startApp, tempDir, TestApp } from './support/app.js';
import { ROOT, cli, ensureBuilt } from './support/compiled.js';

const WEB = join(ROOT, 'dist/web');
const INDEX = join(WEB, 'index.html');

/** ensureBuilt compiles the TypeScript only; the page is Vite's work, so it must already be there. */
function requireBuiltPage(): string {
  if (!existsSync(INDEX)) throw new Error(`${INDEX} is missing: run \`npm run build\` (tsc and vite) before this test`);
  return readFileSync(INDEX, 'utf8');
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
}

/** What index.html makes the browser fetch before the page runs: the entry module, its modulepreloads, its stylesheets. */
function firstLoad(html: string): { scripts: string[]; stylesheets: string[] } {
  const scripts: string[] = [];
  const stylesheets: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (attribute(tag, 'type') === 'module' && src) scripts.push(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
    const href = attribute(tag, 'href');
    if (!href) continue;
    if (rel.includes('modulepreload')) scripts.push(href);
    if (rel.includes('stylesheet')) stylesheets.push(href);
  }
  return { scripts, stylesheets };
}

/** A root-relative URL of the built page (`/assets/x.js`) as a file in dist/web. */
const fileOf = (href: string) => join(WEB, new URL(href, 'http://page.invalid/').pathname);

// connect-src names this origin's WebSocket exactly (the tests reach the API at 127.0.0.1), never `ws:` for any host.
const CSP_PARTS = ["script-src 'self'", "connect-src 'self' ws://127.0.0.1:", "frame-ancestors 'none'"];

function expectPageHeaders(res: Response): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  for (const part of CSP_PARTS) expect(csp).toContain(part);
  expect(csp).not.toMatch(/(^|\s)wss?:(\s|;|$)/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('the page served by the API at /', () => {
  let app: TestApp;
  let html: string;

  beforeAll(async () => {
    requireBuiltPage();
    app = await startApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('answers GET / with the built index.html, never cached, with CSP, nosniff and no-referrer', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html\b/);
    html = await res.text();
    expect(html).toContain('<div id="app">');
    expect(html).toBe(readFileSync(INDEX, 'utf8'));
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expectPageHeaders(res);
  });

  it('serves the hashed entry script and stylesheet from /assets as immutable, with the same headers', async () => {
    const { scripts, stylesheets } = firstLoad(requireBuiltPage());
    const entry = scripts.find((s) => /^\/assets\/index-[\w-]+\.js$/.test(s));
    expect(entry).toBeDefined();
    const js = await fetch(`${app.url}${entry}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^(text|application)\/javascript\b/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectPageHeaders(js);
    expect(Buffer.from(await js.arrayBuffer()).equals(readFileSync(fileOf(entry!)))).toBe(true);

    expect(stylesheets.length).toBeGreaterThan(0);
    for (const href of stylesheets) {
      const css = await fetch(`${app.url}${href}`);
      expect([href, css.status, css.headers.get('content-type')?.split(';')[0]]).toEqual([href, 200, 'text/css']);
      expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      await css.arrayBuffer();
    }
  });

  it('answers a missing asset with 404, not with index.html', async () => {
    const res = await fetch(`${app.url}/assets/does-not-exist.js`);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain('<div id="app">');
    expect(res.headers.get('cache-control')).not.toBe('public, max-age=31536000, immutable');
  });

  it('sends the entry script gzipped to a browser that accepts it, under the weight budget as received', async () => {
    const entry = firstLoad(requireBuiltPage()).scripts[0]!;
    // node:http, not fetch: fetch would undo the compression and hide what went over the wire.
    const { encoding, bytes, plain } = await new Promise<{ encoding?: string; bytes: number; plain: string }>((resolve, reject) => {
      get(`${app.url}${entry}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ encoding: res.headers['content-encoding'], bytes: body.length, plain: gunzipSync(body).toString('utf8') });
        });
      }).on('error', reject);
    });
    expect(encoding).toBe('gzip');
    expect(plain).toBe(readFileSync(join(WEB, entry.replace(/^\//, '')), 'utf8'));
    expect(bytes).toBeLessThan(300 * 1024);
  });

  it('still answers GraphQL at /graphql beside the page', async () => {
    const res = await app.gql<{ me: { role: string } }>('{ me { role } }');
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.data?.me.role).toBe('LEADER');
  });
});

describe('LIAISON_WEB_ROOT (config.webRoot)', () => {
  const empty = tempDir('liaison-web-empty-');
  const nested = tempDir('liaison-web-nested-');
  const apps: TestApp[] = [];

  afterAll(async () => {
    for (const a of apps) await a.close();
    removeDir(empty);
    removeDir(nested);
  });

  it('without a built page in it: GET / answers 503 saying to run npm run build, and /graphql still works', async () => {
    const app = await startApp({ config: { webRoot: empty } });
    apps.push(app);
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain\b/);
    expect(await res.text()).toContain('npm run build');
    const me = await app.gql<{ me: { role: string } }>('{ me { role } }');
    expect(me.errors).toBeUndefined();
    expect(me.data?.me.role).toBe('LEADER');
  }, 60_000);

  it('a page kept under a folder named "assets" still gets index.html as no-cache, its hashed files as immutable', async () => {
    // Only the page's own /assets folder holds content-hashed names; the folders above the root do not count.
    const root = join(nested, 'assets', 'web');
    mkdirSync(root, { recursive: true });
    cpSync(WEB, root, { recursive: true });
    const app = await startApp({ config: { webRoot: root } });
    apps.push(app);
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    await page.text();
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const entry = firstLoad(readFileSync(join(root, 'index.html'), 'utf8')).scripts[0]!;
    const js = await fetch(`${app.url}${entry}`);
    expect(js.status).toBe(200);
    await js.arrayBuffer();
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  }, 60_000);
});

describe('first-load weight of the page (dist/web)', () => {
  const BUDGET = 300 * 1024;
  // Cytoscape names itself in its own error messages and stylesheet ids; nothing else in the page says it.
  const CYTOSCAPE_MARKER = 'cytoscape';

  it(`keeps the gzipped JavaScript of the entry and its modulepreloads under ${BUDGET} bytes`, () => {
    const { scripts, stylesheets } = firstLoad(requireBuiltPage());
    expect(scripts.length).toBeGreaterThan(0);
    const gz = (href: string) => {
      const file = fileOf(href);
      expect(existsSync(file)).toBe(true);
      return gzipSync(readFileSync(file), { level: 9 }).length;
    };
    const js = scripts.reduce((n, s) => n + gz(s), 0);
    const css = stylesheets.reduce((n, s) => n + gz(s), 0);
    const figure = `first-load JS ${js} bytes gzipped (${(js / 1024).toFixed(1)} KiB; CSS ${css} bytes) in ${[...scripts, ...stylesheets].join(', ')}; budget ${BUDGET}`;
    expect({ underBudget: js < BUDGET, figure }).toEqual({ underBudget: true, figure });
  });

  it('leaves cytoscape out of the first load, in the lazily imported graph- chunk', () => {
    const { scripts, stylesheets } = firstLoad(requireBuiltPage());
    const graph = readdirSync(join(WEB, 'assets')).filter((f) => /^graph-[\w-]+\.js$/.test(f));
    expect(graph).toHaveLength(1);
    expect(readFileSync(join(WEB, 'assets', graph[0]!), 'utf8')).toContain(CYTOSCAPE_MARKER);
    expect(scripts.map((s) => s.split('/').pop())).not.toContain(graph[0]);
    for (const href of [...scripts, ...stylesheets]) {
      const text = readFileSync(fileOf(href), 'utf8');
      expect([href, text.toLowerCase().includes(CYTOSCAPE_MARKER)]).toEqual([href, false]);
    }
    // The entry does reach the chunk, but only through a dynamic import.
    const entry = readFileSync(fileOf(scripts[0]!), 'utf8');
    expect(entry).toMatch(new RegExp(`import\\(\\s*["'][^"']*${graph[0]!.replace(/[.]/g, '\\.')}["']\\s*\\)`));
  });
});

describe('issue-token --url (compiled CLI)', () => {
  const work = tempDir('liaison-cli-url-');
  const db = join(work, 'liaison.db');
  afterAll(() => removeDir(work));
  beforeAll(() => ensureBuilt(), 180_000);

  const tokenIssued = () => {
    if (!existsSync(db)) return [];
    const sqlite = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return sqlite.prepare(`SELECT data FROM events WHERE type = 'TokenIssued'`).all().map((r) => JSON.parse((r as { data: string }).data) as { tokenId: string; subject: string; role: string });
    } finally {
      sqlite.close();
    }
  };

  it('prints one line, the page address (trailing slash dropped) with the new token in the fragment', () => {
    const run = cli('issue-token', '--subject', 'X', '--role', 'LEADER', '--url', 'http://127.0.0.1:4000/', '--db', db);
    expect([run.status, run.stderr]).toEqual([0, expect.stringContaining('issued token')]);
    const lines = run.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(run.stdout).toBe(`${lines[0]}\n`);
    expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:4000\/#token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    const token = lines[0]!.slice('http://127.0.0.1:4000/#token='.length);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string; role: string; jti: string };
    const issued = tokenIssued();
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ subject: 'X', role: 'LEADER', tokenId: claims.jti });
    expect(claims).toMatchObject({ sub: 'X', role: 'LEADER' });
  });

  it.each([['ftp://x'], ['http://x/#a']])('refuses --url %s as a usage error (exit 2) and records nothing', (url) => {
    const run = cli('issue-token', '--subject', `bad-${url}`, '--role', 'LEADER', '--url', url, '--db', db);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--url');
    expect(run.stdout).toBe('');
    expect(tokenIssued().filter((e) => e.subject.startsWith('bad-'))).toEqual([]);
  });
});
