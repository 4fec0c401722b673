/**
 * Restart without replay (issue 14, item 4), as operators run it: the compiled API on a SQLite
 * file (the golmud sample, imported and sealed by the CLI) started twice. The first start folds
 * the whole log and saves the projections' state in the background; a write follows the save; the
 * second start restores the saved state, reads only the events after it, and answers the same
 * figures (now and as of an earlier position) as the first did before it stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, ROOT, cli, ensureBuilt } from './support/compiled.js';

let dir: string;
let file: string;

beforeAll(() => {
  ensureBuilt(API);
  dir = mkdtempSync(join(tmpdir(), 'saved-state-e2e-'));
  file = join(dir, 'liaison.db');
  const imported = cli('import', '--dir', join(ROOT, 'sample/golmud'), '--db', file, '--actor', 'e2e');
  expect(imported.status).toBe(0);
  expect(cli('seal', '--db', file, '--actor', 'e2e-auditor').status).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  url: string;
  lines: () => Array<Record<string, any>>;
  output: () => string;
  waitFor: (msg: string, timeoutMs?: number) => Promise<Record<string, any>>;
  stop: () => Promise<void>;
}

/** The compiled API on `file`, saving every `seconds`; resolves once /health/ready answers 200. */
async function start(seconds: number): Promise<Running> {
  const child = spawn(process.execPath, [API], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LIAISON_STORE: 'sqlite', LIAISON_DB: file, LOG_LEVEL: 'info', NODE_ENV: 'test', LIAISON_SAVE_STATE_EVERY_SECONDS: String(seconds) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>);
  const waitFor = async (msg: string, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = lines().find((l) => l.msg === msg);
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`the API exited: ${out}`);
      if (Date.now() > until) throw new Error(`no "${msg}" within ${timeoutMs} ms: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const url = await (async () => {
    const until = Date.now() + 60_000;
    for (;;) {
      const match = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(out);
      if (match) return match[1]!;
      if (child.exitCode !== null || Date.now() > until) throw new Error(`the API did not listen: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  for (;;) {
    const res = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  return { child, url, lines, output: () => out, waitFor, stop };
}

async function gql(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const FIGURES = `query($asOf: String) {
  now: coverage(period: "2020") { scheme due covered ratio byLiaisonGroup { id due covered } bySource { id due covered } }
  then: coverage(period: "2020", asOf: $asOf) { scheme due covered byLiaisonGroup { id due covered } }
  year2019: coverage(period: "2019") { scheme due covered }
}`;
const TOKENS = `{ tokens { tokenId role subject } }`;

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { tokenId token } }`;
const ready = async (url: string) => (await (await fetch(`${url}/health/ready`)).json()) as { head: number; position: number };

describe('restart without replay: the second start reads only the tail', () => {
  it('restores the saved state, folds only the events after it, and answers the same figures', async () => {
    // A: no saved state yet; the whole log is folded, then a saved state is made in the background.
    const a = await start(1);
    let token: string;
    let saved: Record<string, any>;
    try {
      const caughtUp = await a.waitFor('projections caught up with the log');
      expect(caughtUp.restoredAt).toBeNull();
      token = /eyJ[\w-]+\.[\w-]+\.[\w-]+/.exec(a.output())?.[0] ?? '';
      expect(token).not.toBe('');
      saved = await a.waitFor("saved the projections' state");
      // The head: the log, and the administrator token this first start issued.
      expect(saved.position).toBe((await ready(a.url)).head);
      expect(saved.restoredFrom).toBeNull();
    } finally {
      await a.stop();
    }
    expect(readdirSync(`${file}.saved-state`).filter((n) => n.endsWith('.bin'))).toEqual([`state-${String(saved.position).padStart(12, '0')}.bin`]);

    // B: saved states off (0): the whole log is folded as before; writes after the saved position, and the figures.
    const b = await start(0);
    let expected: any;
    let atSaved: any;
    let head: number;
    let leader = '';
    const asOf = String(Math.floor(saved.position / 2));
    const AT = `query($asOf: String) { coverage(period: "2020", asOf: $asOf) { scheme due covered byLiaisonGroup { id due covered } } }`;
    try {
      expect((await b.waitFor('projections caught up with the log')).restoredAt).toBeNull();
      for (const subject of ['after-save-1', 'after-save-2']) leader = (await gql(b.url, token, ISSUE, { input: { role: 'LEADER', subject } })).issueToken.token;
      expected = { ...(await gql(b.url, leader, FIGURES, { asOf })), ...(await gql(b.url, token, TOKENS)) };
      atSaved = await gql(b.url, leader, AT, { asOf: String(saved.position) });
      head = (await ready(b.url)).head;
      expect(head).toBeGreaterThan(saved.position);
      expect(expected.now[0].covered).toBeGreaterThan(0);
      expect(expected.then[0].covered).toBeGreaterThan(0);
      expect(expected.tokens.map((t: any) => t.subject)).toEqual(expect.arrayContaining(['after-save-1', 'after-save-2']));
    } finally {
      await b.stop();
    }

    // C: restores A's saved state and reads only the events after it (B's writes).
    const c = await start(3600);
    try {
      const restored = await c.waitFor('projections restored from a saved state; reading the tail of the log');
      const caughtUp = await c.waitFor('projections caught up with the log');
      expect(restored.position).toBe(saved.position);
      expect(caughtUp).toMatchObject({ restoredAt: saved.position, position: head, tail: head - saved.position });
      expect(c.lines().filter((l) => l.msg === 'saved state ignored')).toEqual([]);
      expect(await ready(c.url)).toMatchObject({ head, position: head });
      expect({ ...(await gql(c.url, leader, FIGURES, { asOf })), ...(await gql(c.url, token, TOKENS)) }).toEqual(expected);
      expect(await gql(c.url, leader, AT, { asOf: String(saved.position) })).toEqual(atSaved);
      // And it writes on from there: a command folds onto the restored model (read-your-writes).
      await gql(c.url, token, ISSUE, { input: { role: 'LEADER', subject: 'after-restore' } });
      expect((await gql(c.url, token, TOKENS)).tokens.map((t: any) => t.subject)).toEqual(['after-restore', ...expected.tokens.map((t: any) => t.subject)]);
    } finally {
      await c.stop();
    }
  }, 180_000);
});
