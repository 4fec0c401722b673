/**
 * The compiled CLI as an operator runs it: a child process on a real SQLite file. The test builds
 * nothing of its own; it compiles the project once only when `dist` has no CLI yet.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { CLI, ROOT, cli, ensureBuilt } from './support/compiled.js';

const SAMPLE = join(ROOT, 'sample/golmud');

/** `key: value` lines of the rebuild report. */
const figures = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^([a-z/ ]+): (\d+(?:\.\d+)?)/gm)].map((m) => [m[1], Number(m[2])]));

/** Data rows of a sample file (the sample has no line breaks inside cells). */
const csvRows = (file: string) => readFileSync(join(SAMPLE, file), 'utf8').trimEnd().split('\n').length - 1;

describe('liaison CLI (compiled, on SQLite)', () => {
  const work = mkdtempSync(join(tmpdir(), 'cli-e2e-'));
  const db = join(work, 'liaison.db');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    ensureBuilt();
    expect(existsSync(CLI)).toBe(true);
  }, 180_000);

  it('imports the sample, writes nothing on a second run, refuses a bad directory whole, and rebuilds the counts', () => {
    const first = cli('import', '--dir', SAMPLE, '--db', db, '--actor', 'e2e');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const written = Number(/: (\d+) events written/.exec(first.stdout)?.[1]);
    expect(written).toBeGreaterThan(3000);

    const second = cli('import', '--dir', SAMPLE, '--db', db);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/: 0 events written/);

    const bad = mkdtempSync(join(work, 'bad-'));
    writeFileSync(join(bad, 'localities.csv'), 'id,name,kind\nloc-new,新村,TOWNSHIP\nloc-bad,某村,VILLAGE\n');
    writeFileSync(join(bad, 'links.csv'), 'id,scheme,source_id,target_id,min_contacts,per,active_from\nl-x,SECTOR,m-001,m-999,1,QUARTER,2019-13-01\n');
    const refused = cli('import', '--dir', bad, '--db', db);
    expect(refused.status).toBe(1);
    const lines = refused.stderr.trim().split('\n');
    expect(lines.slice(0, -1)).toEqual([
      `${join(bad, 'localities.csv')}:3: kind: VALIDATION kind "VILLAGE" is not one of SUBDISTRICT, TOWN, TOWNSHIP, URBAN_AREA`,
      `${join(bad, 'links.csv')}:2: active_from: VALIDATION activeFrom "2019-13-01" is not a real date`,
    ]);
    expect(lines.at(-1)).toMatch(/^2 error\(s\) in .*; nothing written/);

    const rebuilt = cli('rebuild', '--db', db);
    expect(rebuilt.status).toBe(0);
    const counts = figures(rebuilt.stdout);
    expect(counts['events applied']).toBe(written);
    expect(counts['events skipped']).toBe(0);
    expect(counts.members).toBe(csvRows('members.csv'));
    expect(counts.links).toBe(csvRows('links.csv'));
    expect(counts.contacts).toBe(csvRows('contacts.csv'));
    expect(counts.seconds).toBeGreaterThanOrEqual(0);
    expect(counts['events/s']).toBeGreaterThan(0);
  });

  it('takes the opinions office\'s GBK CSV with Chinese headers on top of the sample; a bad row of it is named by its Chinese column and nothing is written', () => {
    const header = '报告编号,作者编号,标题,情况反映,意见建议,报送日期';
    const office = mkdtempSync(join(work, 'opinions-'));
    writeFileSync(join(office, 'opinion_reports.csv'), iconv.encode(`${header}\nsq-2020-901,m-001;m-999,关于冬季供暖的建议,室温不达标,改造管网,2020-12-20\n`, 'gb18030'));
    const refused = cli('import', '--dir', office, '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe(`${join(office, 'opinion_reports.csv')}:2: 作者编号: NOT_FOUND author m-999 is neither a registered member nor a registered body`);

    writeFileSync(join(office, 'opinion_reports.csv'), iconv.encode(`${header}\nsq-2020-901,m-001,关于冬季供暖的建议,室温不达标,改造管网,2020-12-20\n`, 'gb18030'));
    const taken = cli('import', '--dir', office, '--db', db);
    expect([taken.stderr, taken.status]).toEqual(['', 0]);
    expect(taken.stdout).toMatch(/: 1 events written/);
  });

  it('a dry run writes nothing', () => {
    const dry = join(work, 'dry.db');
    const run = cli('import', '--dir', SAMPLE, '--db', dry, '--dry-run');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/dry run .*nothing written/);
    expect(figures(cli('rebuild', '--db', dry).stdout)['events applied']).toBe(0);
  });

  it('answers bad usage with exit code 2 and the usage text', () => {
    for (const args of [[], ['import'], ['frobnicate'], ['rebuild', '--dir', 'x'], ['import', '--dir', SAMPLE, '--bogus']]) {
      const run = cli(...args);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('usage: node dist/apps/cli/src/main.js <command>');
    }
    expect(cli('help').status).toBe(0);
  });
});
