/**
 * Issue 15, finding 4: two writers in two processes, the API and the CLI's import, on one SQLite
 * file, assign the same pairs (scheme, source, target) under different link ids at the same time.
 * The import decides every row against the log as it read it at start, so before pairs were
 * claimed in the store's transaction a pair the API assigned meanwhile got a second active link.
 * Now each round ends with exactly one active link per pair, whoever won it, and the loser wrote
 * nothing: a refused import writes none of its rows, a refused mutation none of its events.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import { startApp, tempDir, type TestApp } from './support/app.js';
import { CLI, ROOT, cli, ensureBuilt } from './support/compiled.js';
import { ASSIGN_LINK } from './support/smallNetwork.js';

const ROUNDS = 20;
const PAIRS_PER_ROUND = 10;
const SOURCES = PAIRS_PER_ROUND;
const PADDING = 3_000;

/** The compiled CLI's import of one directory, as a child process that runs beside the API. */
const importAsync = (dir: string, db: string) =>
  new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'import', '--dir', dir, '--db', db, '--actor', 'race-cli'], { cwd: ROOT, env: { ...process.env, LIAISON_DB: undefined }, timeout: 60_000 });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
const pair = (round: number, j: number) => ({ sourceId: `c-${j}`, targetId: `n-${round * PAIRS_PER_ROUND + j}` });

describe('one active link per pair, two processes on one SQLite file (issue 15, finding 4)', () => {
  const work = tempDir('link-race-');
  const db = join(work, 'liaison.db');
  let app: TestApp;

  beforeAll(async () => {
    ensureBuilt();
    // The roster comes in through the CLI too: sources are CPC members, targets non-party ones.
    const roster = join(work, 'roster');
    mkdirSync(roster);
    writeFileSync(join(roster, 'organizations.csv'), csv([['id', 'kind', 'name', 'locality_id', 'leader_id'], ['sector-x', 'SECTOR', '界别', '', ''], ['sc-x', 'SPECIAL_COMMITTEE', '专委会', '', '']]));
    const members = [['id', 'name', 'gender', 'ethnicity', 'affiliation', 'sector_id', 'special_committee_id', 'liaison_group_id', 'roles', 'joined_on']];
    for (let j = 0; j < SOURCES; j++) members.push([`c-${j}`, `党员${j}`, 'MALE', '汉族', 'CPC', 'sector-x', 'sc-x', '', '', '2019-01-01']);
    for (let k = 0; k < ROUNDS * PAIRS_PER_ROUND; k++) members.push([`n-${k}`, `委员${k}`, 'FEMALE', '汉族', 'NON_PARTY', 'sector-x', 'sc-x', '', '', '2019-01-01']);
    writeFileSync(join(roster, 'members.csv'), csv(members));
    const imported = cli('import', '--dir', roster, '--db', db, '--actor', 'race-cli');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    app = await startApp({ dataFile: db });
  }, 180_000);
  afterAll(async () => app?.close());

  it(`leaves exactly one active link on each of ${ROUNDS * PAIRS_PER_ROUND} pairs raced by the import and the API`, async () => {
    let importsRefused = 0;
    let mutationsRefused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const dir = join(work, `round-${round}`);
      mkdirSync(dir);
      const rows = [['id', 'scheme', 'source_id', 'target_id', 'min_contacts', 'per', 'active_from', 'active_to', 'end_reason']];
      for (let j = 0; j < PAIRS_PER_ROUND; j++) {
        const { sourceId, targetId } = pair(round, j);
        rows.push([`imp-${round}-${j}`, 'PARTY_MEMBER_TO_NON_PARTY', sourceId, targetId, '1', 'QUARTER', '2020-01-01', '', '']);
      }
      writeFileSync(join(dir, 'links.csv'), csv(rows));
      // Persons ahead of the links keep the import deciding for a while after it read the log,
      // which widens the window the API's writes land in.
      const persons = [['id', 'name']];
      for (let k = 0; k < PADDING; k++) persons.push([`p-${round}-${k}`, `群众${k}`]);
      writeFileSync(join(dir, 'persons.csv'), csv(persons));
      const imported = importAsync(dir, db);
      // The API's writes go at once, at a moment that moves across the import's run from round
      // to round: before it reads the log (the import is refused by the rule), after it commits
      // (the API is), and in between, after its read and before its commit: the window the
      // finding names, where only the store's transaction can tell.
      const delay = 100 + ((round * 97) % 1_300);
      const mutations = Array.from({ length: PAIRS_PER_ROUND }, async (_, j) => {
        await new Promise((r) => setTimeout(r, delay));
        const answer = await app.gql(ASSIGN_LINK, {
          input: { linkId: `api-${round}-${j}`, scheme: 'PARTY_MEMBER_TO_NON_PARTY', ...pair(round, j), requirement: { minContacts: 1, per: 'QUARTER' }, activeFrom: '2020-01-01' },
        });
        if (answer.errors) {
          expect(answer.errors[0]!.extensions?.code).toBe('CONFLICT');
          mutationsRefused++;
        }
      });
      const [result] = await Promise.all([imported, ...mutations]);
      if (result.status !== 0) {
        // Refused whole, naming the conflict; nothing of it written (checked below).
        expect(result.stderr).toMatch(/already joins|is at version \d+, but the write expected/);
        importsRefused++;
      }
    }

    const store = new SqliteEventStore({ file: db });
    try {
      const active = new Map<string, string[]>();
      const ended = new Set<string>();
      const events: Awaited<ReturnType<typeof store.readAll>> = [];
      for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page.at(-1)!.position })) events.push(...page);
      for (const e of events) if (e.type === 'LinkEnded') ended.add((e.data as { linkId: string }).linkId);
      for (const e of events) {
        if (e.type !== 'LinkAssigned') continue;
        const d = e.data as { linkId: string; sourceId: string; targetId: string };
        if (ended.has(d.linkId)) continue;
        const key = `${d.sourceId}→${d.targetId}`;
        active.set(key, [...(active.get(key) ?? []), d.linkId]);
      }
      const duplicates = [...active].filter(([, ids]) => ids.length > 1);
      expect(duplicates).toEqual([]);
      expect(active.size).toBe(ROUNDS * PAIRS_PER_ROUND);
      // Every link written claimed its pair once; no claim was written without its link.
      expect(events.filter((e) => e.type === 'LinkPairClaimed')).toHaveLength(events.filter((e) => e.type === 'LinkAssigned').length);
    } finally {
      await store.close();
    }
    console.log('RACE', { importsRefused, mutationsRefused });
    // The race really ran: each round one side lost at least one pair.
    expect(importsRefused + mutationsRefused).toBeGreaterThanOrEqual(ROUNDS);
  }, 240_000);
});
