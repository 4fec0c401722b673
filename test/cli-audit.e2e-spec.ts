/**
 * The auditors' command line as an auditor runs it: the compiled CLI, in child processes, on the
 * bundled sample network in a SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
});
