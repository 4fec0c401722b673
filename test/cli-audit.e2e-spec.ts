/**
 * The auditors' command line as an auditor runs it: the compiled CLI, in child processes, on the
 * bundled sample network in a SQLite file.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cli, ensureBuilt } from './support/compiled.js';


describe('auditors\' CLI: seal, verify, export, import-log, replay (compiled, on the sample)', () => {
  const work = mkdtempSync(join(tmpdir(), 'cli-audit-'));
  const db = join(work, 'liaison.db');
  let sealHash = '';
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    ensureBuilt();
    expect(cli('import', '--dir', join(ROOT, 'sample/golmud'), '--db', db, '--actor', 'e2e').status).toBe(0);
  }, 180_000);

  it('seals the imported record and verifies it, also against the sealed hash kept outside', () => {
    const sealed = cli('seal', '--db', db, '--actor', 'auditor');
    expect(sealed.status).toBe(0);
    sealHash = /hash ([0-9a-f]{64})/.exec(sealed.stdout)![1]!;
    const head = Number(/covers events 1 to (\d+)/.exec(sealed.stdout)![1]);
    expect(cli('seal', '--db', db).stdout).toMatch(/^nothing to seal: the last seal at position/);

    const verified = cli('verify', '--db', db, '--expect', sealHash);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`expected hash ${sealHash}: reached at position ${head}`);
    expect(verified.stdout).toMatch(/^OK: the record agrees with its seals and with the expected hash$/m);
  });

  it('exports NDJSON that import-log turns into an identical record in an empty store, and refuses a non-empty one', () => {
    const file = join(work, 'log.ndjson');
    const exported = cli('export', '--db', db, '--out', file);
    expect(exported.status).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ position: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/), revision: 0 });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ streamId: 'audit-seals', type: 'LogSealed', data: { hash: sealHash } });

    const copy = join(work, 'copy.db');
    const imported = cli('import-log', '--file', file, '--db', copy);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const again = join(work, 'again.ndjson');
    expect(cli('export', '--db', copy, '--out', again).status).toBe(0);
    expect(readFileSync(again, 'utf8')).toEqual(readFileSync(file, 'utf8'));
    const headHash = (out: string) => /^head hash: (\w+)$/m.exec(out)![1];
    expect(headHash(cli('verify', '--db', copy).stdout)).toBe(headHash(cli('verify', '--db', db).stdout));

    const refused = cli('import-log', '--file', file, '--db', copy);
    expect([refused.status, refused.stderr.trim()]).toEqual([1, expect.stringMatching(/^error: CONFLICT the store already holds events/)]);
  });

  it('refuses a reversed or out-of-bounds export range with a coded error', () => {
    const reversed = cli('export', '--db', db, '--from', '20', '--to', '10');
    expect([reversed.status, reversed.stderr.trim()]).toEqual([1, 'error: VALIDATION the range is reversed: --from 20 is after --to 10']);
    const beyond = cli('export', '--db', db, '--from', '1', '--to', '999999');
    expect([beyond.status, beyond.stderr]).toEqual([1, expect.stringMatching(/^error: VALIDATION positions 1 to 999999 are out of bounds: the log holds positions 1 to \d+/)]);
  });

  it('replays the read models from zero, reports events per second and finds them identical', () => {
    const replayed = cli('replay', '--db', db);
    expect(replayed.status).toBe(0);
    expect(replayed.stdout).toMatch(/^replayed [\d,]+ events from zero into a scratch model in [\d.]+ s: [\d,]+ events\/s$/m);
    expect(replayed.stdout).toMatch(/^ {2}network: identical$/m);
    expect(replayed.stdout.trimEnd().split('\n').at(-1)).toBe('identical');
  });

  it('names the position of a changed byte and exits 1', () => {
    const tampered = join(work, 'copy.db');
    const file = new Database(tampered);
    const position = file.prepare(`SELECT min(position) FROM events WHERE type = 'ContactLogged' AND data LIKE '%"VISIT"%'`).pluck().get() as number;
    file.prepare(`UPDATE events SET data = replace(data, '"VISIT"', '"PHONE"') WHERE position = ?`).run(position);
    file.close();
    const verified = cli('verify', '--db', tampered);
    expect(verified.status).toBe(1);
    expect(verified.stdout).toContain(`FAILED: the record disagrees from position ${position}`);
    expect(verified.stdout).toContain(`position ${position}: CHAIN_MISMATCH`);
  });

  it('puts recorded-at in the chain from the first event of a new log: one shifted fails verify at its position, all shifted by a year fail against the kept hash', () => {
    // The import wrote the sample's first event, stamped chainForm 2: the whole log is in form 2.
    expect(cli('issue-token', '--subject', 'auditor-wang', '--role', 'AUDITOR', '--db', db).status).toBe(0);
    const sealed = cli('seal', '--db', db, '--actor', 'auditor');
    const laterHash = /hash ([0-9a-f]{64})/.exec(sealed.stdout)![1]!;
    const verified = cli('verify', '--db', db, '--expect', laterHash);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^recorded-at: in the chain from position 1 on \(form 2\)$/m);

    const edited = (name: string, sql: string) => {
      const file = join(work, name);
      copyFileSync(db, file);
      const handle = new Database(file);
      handle.exec(sql);
      handle.close();
      return file;
    };
    const one = cli('verify', '--db', edited('one.db', `UPDATE events SET recorded_at = '2019-06-01T00:00:00.000Z' WHERE position = 42`));
    expect(one.status).toBe(1);
    expect(one.stdout).toContain('FAILED: the record disagrees from position 42');
    expect(one.stdout).toContain('position 42: CHAIN_MISMATCH');

    const yearEarlier = edited('year.db', `UPDATE events SET recorded_at = strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '-1 year')`);
    const all = cli('verify', '--db', yearEarlier, '--expect', laterHash);
    expect(all.status).toBe(1);
    expect(all.stdout).toContain('position 1: CHAIN_MISMATCH');
    expect(all.stdout).toContain(`expected hash ${laterHash}: NOT reached`);
    // Every event's bytes hold its recorded-at: not even the first seal's hash is reached.
    expect(cli('verify', '--db', yearEarlier, '--expect', sealHash).stdout).toContain(`expected hash ${sealHash}: NOT reached`);

    // Stripping the stamp from the first event (to hash it without recorded-at) changes its bytes: the first seal disagrees.
    const stripped = cli('verify', '--db', edited('stripped.db', `UPDATE events SET metadata = json_remove(metadata, '$.chainForm') WHERE position = 1`));
    expect(stripped.status).toBe(1);
    expect(stripped.stdout).toContain('CHAIN_MISMATCH');
  });

  it('export into a pipe the reader closes early (| head) stops writing quietly: exit 0, no EPIPE', () => {
    const run = spawnSync('bash', ['-c', `node dist/apps/cli/src/main.js export --db ${db} | head -c 100 > /dev/null; echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect([run.stdout.trim(), run.stderr]).toEqual(['status 0', '']);
  });

  it('answers a data cell that is not JSON with UNREADABLE_EVENT at its position, not a parser\'s message', () => {
    const file = join(work, 'unreadable.db');
    copyFileSync(db, file);
    const handle = new Database(file);
    handle.exec(`UPDATE events SET data = '{"name": 群众' WHERE position = 120; UPDATE events SET metadata = 'oops' WHERE position = 121`);
    handle.close();
    const verified = cli('verify', '--db', file);
    expect([verified.status, verified.stderr]).toEqual([1, '']);
    expect(verified.stdout).toMatch(/^head hash: [0-9a-f]{64} \(after position 119: the chain stops at an event that cannot be read\)$/m);
    expect(verified.stdout).toContain('FAILED: the record disagrees from position 120; 2 problem(s)');
    expect(verified.stdout).toMatch(/^ {2}position 120: UNREADABLE_EVENT the event at position 120 \(stream [^,]+, revision \d+\) cannot be read: its data is not JSON/m);
    expect(verified.stdout).toMatch(/^ {2}position 121: UNREADABLE_EVENT the event at position 121 .* its metadata is not JSON/m);
    // Export meets it too, and says so with its code (no stack).
    const exported = cli('export', '--db', file, '--out', join(work, 'unreadable.ndjson'));
    expect(exported.status).toBe(1);
    expect(exported.stderr).toMatch(/^error: UNREADABLE_EVENT the event at position 120 \(stream [^,]+, revision \d+\) cannot be read: its data is not JSON$/m);
    expect(exported.stderr).not.toContain('    at ');
  });
});
