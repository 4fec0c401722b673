/**
 * `backup` and `restore` as an operator runs them: the compiled CLI in child processes, on the
 * sample network in a SQLite file that a booted API keeps writing to while the backup is taken.
 * Also the progress of long jobs in its form for logs (LIAISON_PROGRESS=lines): stderr only, with
 * a final line, and stdout as without it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI, ROOT, cli, ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { LOG_CONTACT, must } from './support/smallNetwork.js';

const SAMPLE = join(ROOT, 'sample/golmud');

const execCli = promisify(execFile);

/** The CLI without blocking this process, which serves the API the test writes through meanwhile. */
async function cliAsync(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const options = { cwd: ROOT, env: { ...process.env, LIAISON_DB: undefined, NODE_OPTIONS: '', ...env }, timeout: 60_000, maxBuffer: 64 << 20 };
  try {
    return { status: 0, ...(await execCli(process.execPath, [CLI, ...args], options)) };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { status: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Every column of every event, in log order. */
function rows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT e.position, e.event_id, s.stream_id, e.revision, e.type, e.data, e.metadata, e.recorded_at FROM events e JOIN streams s USING (stream_key) ORDER BY e.position').raw().all();
  } finally {
    db.close();
  }
}

/** A contact of the sample's 河西 liaison group (participants and links as its row c-00031 has them). */
const contact = (i: number) => ({
  input: {
    contactId: `c-load-${i}`,
    occurredAt: `2020-0${1 + (i % 6)}-${String(1 + (i % 27)).padStart(2, '0')}`,
    participantIds: ['lg-hexi', 'p-hexi-dps', 'm-011', 'm-018', 'm-021'],
    linkIds: ['l-0333', 'l-0334', 'l-0335'],
    channel: 'VISIT',
    topic: '备份时的走访',
    liaisonGroupId: 'lg-hexi',
  },
});

const FIGURES = `query($asOf: String) { coverage(period: "2020", asOf: $asOf) { scheme due covered byLiaisonGroup { id due covered } } }`;
const READ_MODEL = `{ readModel { position contacts members links } }`;
const headOf = (stdout: string) => Number(/head at position (\d+)/.exec(stdout)![1]);
const hashOf = (stdout: string) => /^head hash: ([0-9a-f]{64})$/m.exec(stdout)![1]!;
/** `key: value` lines of the rebuild report. */
const figures = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^([a-z/ ()]+): (\d+)/gm)].map((m) => [m[1], Number(m[2])]));

describe('backup and restore (compiled CLI) while the API writes', () => {
  const work = mkdtempSync(join(tmpdir(), 'cli-backup-'));
  const live = join(work, 'live', 'liaison.db');
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  });

  beforeAll(() => {
    ensureBuilt();
    const imported = cli('import', '--dir', SAMPLE, '--db', live, '--actor', 'e2e');
    expect([imported.status, imported.stderr]).toEqual([0, '']);
  }, 180_000);

  it('refuses a source that is not a store, a missing source and a target that exists, each with its code', () => {
    const text = join(work, 'notes.txt');
    writeFileSync(text, 'not a database\n');
    const foreign = cli('backup', '--db', text, '--to', join(work, 'x.db'));
    expect([foreign.status, foreign.stderr.trim()]).toEqual([1, `error: VALIDATION ${text} is not a liaison event store: file is not a database`]);
    const other = join(work, 'other.db');
    new Database(other).exec('CREATE TABLE t (a)');
    expect(cli('backup', '--db', other, '--to', join(work, 'x.db')).stderr.trim()).toBe(`error: VALIDATION ${other} is not a liaison event store: it has no streams table`);
    const missing = cli('backup', '--db', join(work, 'nothing.db'), '--to', join(work, 'x.db'));
    expect([missing.status, missing.stderr]).toEqual([1, expect.stringMatching(/^error: NOT_FOUND there is no event log at /)]);
    const exists = cli('backup', '--db', live, '--to', text);
    expect([exists.status, exists.stderr.trim()]).toEqual([1, `error: CONFLICT ${text} exists: a backup never overwrites a file; name a new one`]);
    expect(existsSync(join(work, 'x.db'))).toBe(false);
    expect(cli('backup', '--db', live).status).toBe(2);
  });

  it('takes a backup while contacts are logged, holding a prefix of the log that verifies; restores it, refusing a non-empty store without --force, and the API boots on it with the same figures', async () => {
    app = await startApp({ dataFile: live });
    app.tokens.RECORDER = (await app.issueToken({ role: 'RECORDER', subject: 'backup-clerk', liaisonGroupIds: ['lg-hexi'] })).token;

    // Contacts one after another until told to stop, as a clerk's page sends them.
    let logged = 0;
    let writing = true;
    const load = (async () => {
      while (writing) await must(app!, LOG_CONTACT, contact(logged++));
    })();
    while (logged < 20) await new Promise((resolve) => setTimeout(resolve, 10));
    const headAtStart = (await app.health()).head;
    const backupFile = join(work, 'backups', 'liaison-backup.db');
    const backup = await cliAsync(['backup', '--db', live, '--to', backupFile]);
    const loggedDuringBackup = logged;
    while (logged < loggedDuringBackup + 20) await new Promise((resolve) => setTimeout(resolve, 10));
    writing = false;
    await load;

    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^backed up .* to .*liaison-backup\.db: [\d,]+ events, head at position \d+, [\d,]+ pages in [\d.]+ s/m);
    expect(backup.stdout).toMatch(/^OK: the record agrees with its seals$/m);
    expect(backup.stdout).toMatch(/^not in the copy: the JWT secret \(the file .*jwt-secret\)/m);
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    const head = headOf(backup.stdout);
    const headAtEnd = (await app.health()).head;
    // Taken while the log grew: after what was there when it started, before what came after it.
    expect(head).toBeGreaterThan(headAtStart);
    expect(head).toBeLessThan(headAtEnd);
    // A consistent prefix: the first `head` events of the live log, exactly, and nothing else.
    const copied = rows(backupFile);
    expect(copied).toHaveLength(head);
    expect(copied).toEqual(rows(live).slice(0, head));
    const verified = await cliAsync(['verify', '--db', backupFile, '--expect', hashOf(backup.stdout)]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`reached at position ${head}`);

    // What the copy's own read model holds; and, once the writing stopped, what the dashboard says
    // and a second backup of exactly that.
    const rebuilt = figures((await cliAsync(['rebuild', '--db', backupFile])).stdout);
    const quiet = join(work, 'backups', 'quiet.db');
    const dashboardAtEnd = await must<any>(app, FIGURES, {});
    const modelAtEnd = await must<any>(app, READ_MODEL);
    expect((await cliAsync(['backup', '--db', live, '--to', quiet])).status).toBe(0);
    await app.close();
    app = undefined;

    const refused = cli('restore', '--from', backupFile, '--db', live);
    expect([refused.status, refused.stderr.trim()]).toEqual([1, `error: CONFLICT the store at ${live} holds events (head at position ${headAtEnd}); restore replaces a store that holds events only with --force`]);
    expect(rows(live)).toHaveLength(headAtEnd);

    const restored = cli('restore', '--from', backupFile, '--db', live, '--force');
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain(`events, head at position ${head} (replacing a store whose head was at position ${headAtEnd})`);
    expect(hashOf(restored.stdout)).toBe(hashOf(backup.stdout));
    expect(restored.stdout).toMatch(/^the server will sign tokens with the file .*jwt-secret/m);
    expect(rows(live)).toEqual(copied);
    expect(readdirSync(join(work, 'live')).filter((f) => f.includes('partial'))).toEqual([]);

    // The same secret beside it: the tokens issued before the backup still work.
    app = await startApp({ dataFile: live });
    const model = await must<any>(app, READ_MODEL);
    expect(model.readModel).toEqual({ position: head, contacts: rebuilt.contacts, members: rebuilt.members, links: rebuilt.links });
    // And the restored store takes new writes.
    await must(app, LOG_CONTACT, contact(100_000));
    expect((await app.health()).head).toBeGreaterThan(head);
    await app.close();
    app = undefined;

    // The backup of the store at rest: restored, the dashboard says exactly what it said then.
    expect(cli('restore', '--from', quiet, '--db', live, '--force').status).toBe(0);
    app = await startApp({ dataFile: live });
    expect(await must<any>(app, READ_MODEL)).toEqual(modelAtEnd);
    expect(modelAtEnd.readModel.position).toBe(headAtEnd);
    expect(await must<any>(app, FIGURES, {})).toEqual(dashboardAtEnd);
  }, 120_000);

  it('restores into a new file without --force, and refuses a backup that is not a store', () => {
    const backupFile = join(work, 'backups', 'liaison-backup.db');
    const fresh = join(work, 'fresh', 'liaison.db');
    const restored = cli('restore', '--from', backupFile, '--db', fresh);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/^there is no .*jwt-secret and LIAISON_JWT_SECRET is unset: put back the secret kept with the backup/m);
    expect(rows(fresh)).toEqual(rows(backupFile));
    const text = join(work, 'notes.txt');
    const foreign = cli('restore', '--from', text, '--db', join(work, 'fresh2', 'liaison.db'));
    expect([foreign.status, foreign.stderr.trim()]).toEqual([1, `error: VALIDATION ${text} is not a liaison event store: file is not a database`]);
    expect(existsSync(join(work, 'fresh2', 'liaison.db'))).toBe(false);
  });

  it('shows the progress of long jobs on stderr in its form for logs: a final line; stdout as without it', async () => {
    const backupFile = join(work, 'backups', 'liaison-backup.db');
    // Timings and the run's ids differ between two runs: everything else is the same.
    const shape = (stdout: string) => stdout.replace(/[\d,.]+/g, 'N').replace(/\/tmp\S*/g, 'PATH');
    const jobs: Array<[string[], RegExp]> = [
      [['rebuild', '--db', backupFile], /^rebuild: done in [\d.]+ s: replaying the log ([\d,]+)\/\1 events, [\d,]+\/s$/],
      [['verify', '--db', backupFile], /^verify: done in [\d.]+ s: verifying the chain ([\d,]+)\/\1 events, [\d,]+\/s$/],
      [['replay', '--db', backupFile], /^replay: done in [\d.]+ s: catching up the live model ([\d,]+)\/\1 events, [\d,]+\/s; replaying from zero \1\/\1 events, [\d,]+\/s$/],
      [['export', '--db', backupFile, '--out', join(work, 'log.ndjson')], /^export: done in [\d.]+ s: exporting ([\d,]+)\/\1 events read, [\d,]+\/s$/],
      [['import', '--dir', SAMPLE, '--db', join(work, 'progress.db'), '--dry-run'], /^import: done in [\d.]+ s: deciding rows [\d,]+ streams read, [\d,]+\/s$/],
      [['backup', '--db', backupFile, '--to', join(work, 'again.db')], /^backup: done in [\d.]+ s: copying ([\d,]+)\/\1 pages, [\d,]+\/s; verifying the copy ([\d,]+)\/\2 events, [\d,]+\/s$/],
    ];
    for (const [args, final] of jobs) {
      const quiet = await cliAsync(args);
      if (args[0] === 'backup') rmSync(join(work, 'again.db'));
      const shown = await cliAsync(args, { LIAISON_PROGRESS: 'lines' });
      expect([args[0], quiet.status, quiet.stderr]).toEqual([args[0], 0, '']);
      expect(shown.status).toBe(0);
      expect(shape(shown.stdout)).toBe(shape(quiet.stdout));
      const lines = shown.stderr.trimEnd().split('\n');
      expect(lines.at(-1)).toMatch(final);
      // Any line before the last is a periodic one of the same job (every 5 s: none on the sample).
      for (const line of lines.slice(0, -1)) expect(line).toMatch(new RegExp(`^${args[0]}: `));
    }
    const refused = await cliAsync(['rebuild', '--db', backupFile], { LIAISON_PROGRESS: 'loud' });
    expect([refused.status, refused.stderr.split('\n')[0]]).toEqual([2, 'error: LIAISON_PROGRESS must be one of auto, lines, off, not loud']);
  }, 120_000);
});
