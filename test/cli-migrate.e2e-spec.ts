/**
 * `migrate` as an operator runs it: the compiled CLI in a child process, copying part of the bundled
 * sample (the roster and the first hundred links, imported through the deciders, plus a later commit)
 * from SQLite into an EventStoreDB (the stand-in, listening in this process) and back into a second
 * SQLite file, which must then be identical to the first, row for row. Part, not all: EventStoreDB
 * takes one append per stream run, and the whole sample's ~3,000 round trips would only add time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EsdbStandIn } from '#event-store/test-support/esdbStandIn';
import { SqliteEventStore } from '#event-store/sqlite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');
const SAMPLE = join(ROOT, 'sample/golmud');

/** Runs the CLI without blocking this process, which serves the stand-in the CLI talks to. */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, LIAISON_DB: undefined, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Every column of every event, in log order, with the stream's name in place of its key. */
function rows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('SELECT e.position, e.event_id, s.stream_id, e.revision, e.type, e.data, e.metadata, e.recorded_at FROM events e JOIN streams s USING (stream_key) ORDER BY e.position')
      .raw()
      .all();
  } finally {
    db.close();
  }
}

describe('migrate (compiled CLI) between SQLite and EventStoreDB', () => {
  const work = mkdtempSync(join(tmpdir(), 'cli-migrate-'));
  let standIn: EsdbStandIn;

  beforeAll(async () => {
    if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
    expect(existsSync(CLI)).toBe(true);
    standIn = await EsdbStandIn.start();
  }, 180_000);

  afterAll(async () => {
    await standIn?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('copies SQLite → EventStoreDB → SQLite keeping every event, a second run copies nothing, and the two SQLite logs are identical', async () => {
    const source = join(work, 'source.db');
    const back = join(work, 'back.db');
    const esdb = `esdb:${standIn.connectionString()}`;
    const part = join(work, 'part');
    mkdirSync(part);
    for (const file of ['localities.csv', 'organizations.csv', 'persons.csv', 'members.csv', 'terms.csv', 'plenary_sessions.csv']) copyFileSync(join(SAMPLE, file), join(part, file));
    writeFileSync(join(part, 'links.csv'), readFileSync(join(SAMPLE, 'links.csv'), 'utf8').split('\n').slice(0, 101).join('\n') + '\n');
    const imported = await cli('import', '--dir', part, '--db', source, '--actor', 'e2e');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    // A second commit at a later time, so that the copy must keep more than one recordedAt.
    const later = new SqliteEventStore({ file: source, clock: () => new Date('2026-03-01T08:00:00.000Z') });
    await later.appendMany([
      { streamId: 'contact-migrate-1', events: [{ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', type: 'Noted', data: { text: '联络 ✓', n: null }, metadata: { actor: 'e2e' } }], expectedVersion: 'NO_STREAM' },
      { streamId: 'contact-migrate-2', events: [{ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c', type: 'Noted', data: [1, 'two'] }], expectedVersion: 'NO_STREAM' },
    ]);
    await later.close();
    const total = rows(source).length;

    const first = await cli('migrate', '--from', `sqlite:${source}`, '--to', esdb);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`target held 0 of ${total} events; copied ${total} events`);
    expect(first.stdout).toMatch(new RegExp(`verified: ${total} events in \\d+ streams; counts, every stream's events and the order of the whole log match`));
    expect(first.stdout).not.toContain('tls=false');

    const again = await cli('migrate', '--from', `sqlite:${source}`, '--to', esdb);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`target held ${total} of ${total} events; copied 0 events in 0 appends`);
    expect(standIn.userRecords()).toHaveLength(total);

    const home = await cli('migrate', '--from', esdb, '--to', `sqlite:${back}`);
    expect(home.stderr).toBe('');
    expect(home.status).toBe(0);
    expect(home.stdout).toContain(`copied ${total} events`);

    expect(rows(back)).toEqual(rows(source));
  }, 60_000);

  it('refuses a target that is not a copy of the start of the source, and writes nothing to it', async () => {
    const source = join(work, 'small.db');
    const other = join(work, 'other.db');
    for (const [file, id] of [[source, '0190a1b2-0000-7000-8000-000000000001'], [other, '0190a1b2-0000-7000-8000-000000000002']] as const) {
      const store = new SqliteEventStore({ file });
      await store.appendToStream('s', [{ id, type: 'T', data: {} }], { expectedVersion: 'NO_STREAM' });
      await store.close();
    }

    const refused = await cli('migrate', '--from', `sqlite:${source}`, '--to', `sqlite:${other}`);

    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^refused: the target is not a copy of the start of the source: at position 1 /m);
    expect(rows(other)).toHaveLength(1);
    const usage = await cli('migrate', '--from', `postgres:${source}`, '--to', `sqlite:${other}`);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--from must be sqlite:FILE or esdb:CONNECTION_STRING');
  }, 30_000);
});
