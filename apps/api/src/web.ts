/**
 * Serves the page (apps/web, built by Vite into dist/web) at `/`. The page is static: it talks
 * to the same origin's /graphql like any other client, so serving it adds no privileged path.
 *
 * Guarantees: the page's files are sent gzipped to browsers that accept it; hashed assets under /assets are cached for a year (their names change with their
 * content); index.html is never cached, so a new build reaches browsers at once; every answer
 * carries a Content-Security-Policy that allows scripts, styles and connections (WebSockets
 * included) to this origin only. When the page has not been built, `/` says how to build it instead of answering 404.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Where the built page is: LIAISON_WEB_ROOT if set, else dist/web of this checkout, found from
 * this file both when it runs compiled (dist/apps/api/src) and from source (apps/api/src, tests).
 */
export function findWebRoot(configured: string | null): string | null {
  const candidates = configured ? [resolve(configured)] : [join(here, '../../../web'), join(here, '../../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

// ECharts and cytoscape set element styles from script, which CSP counts as inline styles.
const POLICY = (connect: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');

/** A Host header as a browser sends it: a name or an address, and a port. Anything else gets no WebSocket origin. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

interface PageRequest {
  headers: Record<string, string | string[] | undefined>;
  secure?: boolean;
}

/**
 * The page's policy for one request: connections to this origin only — `'self'`, and its
 * WebSocket origin (subscriptions), exactly: `ws://host` for a page served over http, `wss://host`
 * over https (directly or behind a proxy that says so in X-Forwarded-Proto). `ws: wss:` would allow
 * a WebSocket to any host.
 */
export function contentSecurityPolicy(req: PageRequest): string {
  const host = typeof req.headers.host === 'string' ? req.headers.host : '';
  if (!HOST.test(host)) return POLICY("'self'");
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  const secure = req.secure === true || proto === 'https';
  return POLICY(`'self' ${secure ? 'wss' : 'ws'}://${host.toLowerCase()}`);
}

export function serveWebPage(app: NestExpressApplication, root: string | null): void {
  if (!root) {
    app.use('/', (req: { method: string; path: string }, res: { status(n: number): { type(t: string): { send(b: string): void } } }, next: () => void) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res.status(503).type('text/plain; charset=utf-8').send('The page is not built. Run `npm run build` (or `npm start`, which builds first), then reload.\n本页面尚未构建：请先运行 npm run build。\n');
    });
    return;
  }
  // The page's files go out gzipped to browsers that accept it (all do): the weight budget is of
  // gzipped JavaScript, so that is what a browser must actually receive. /graphql is left as it was.
  const compress = compression();
  app.use((req: { path: string }, res: unknown, next: () => void) => (req.path === '/' || req.path.startsWith('/assets/') ? compress(req as never, res as never, next) : next()));
  app.useStaticAssets(root, {
    index: 'index.html',
    redirect: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('Content-Security-Policy', contentSecurityPolicy((res as unknown as { req: PageRequest }).req));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      // Only files in the page's own assets folder have hashed names; folders above the root do not count.
      const hashed = relative(root, path).split(sep)[0] === 'assets';
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
