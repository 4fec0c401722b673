/**
 * A log recorded before issues raised had ids, read by today's code: events are upcast when read,
 * never rewritten. The fixture (test/fixtures/log-before-issue-ids.ndjson, see the README beside
 * it) was written by the code before the change: contacts carry `issuesRaised: string[]`.
 * It is loaded with the compiled CLI's `import-log`, checked with `verify` and `replay`, and read
 * through the real API.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../apps/cli/src/csv.js';
import { DOMAIN, derivedIssueId, type RaisedIssue } from '#domain';
import { ROOT, cli, ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';

const FIXTURE = join(ROOT, 'test/fixtures/log-before-issue-ids.ndjson');

interface Line {
  position: number;
  id: string;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
}
const lines: Line[] = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
/** The issues of a recorded event as every reader sees them: upcast. */
const upcastIssues = (line: Line): RaisedIssue[] => (DOMAIN.upcast(line).data as { issues: RaisedIssue[] }).issues;
const eventOf = (contactId: string, type: string) => lines.find((l) => l.streamId === `contact-${contactId}` && l.type === type)!;

const CONTACTS = ['c-001', 'c-002', 'c-003', 'c-004'];
const QUERY = `{ ${CONTACTS.map((id) => `${id.replace('-', '')}: contact(id: "${id}") { id retracted corrections issuesRaised issues { issueId text } }`).join(' ')} }`;
type Read = Record<string, { id: string; retracted: boolean; corrections: number; issuesRaised: string[]; issues: RaisedIssue[] }>;
const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('a log recorded before issues had ids (fixture), read by this code', () => {
  const work = mkdtempSync(join(tmpdir(), 'upcast-'));
  const db = join(work, 'liaison.db');
  let app: TestApp | undefined;
  let first: Read;

  beforeAll(() => {
    ensureBuilt();
    const imported = cli('import-log', '--file', FIXTURE, '--db', db);
    expect([imported.status, imported.stderr]).toEqual([0, '']);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('holds the older shape as recorded, with its hash chain intact and its seal agreeing', () => {
    expect(lines.filter((l) => l.type === 'ContactLogged' || l.type === 'ContactCorrected').every((l) => Array.isArray(l.data.issuesRaised) && !('issues' in l.data))).toBe(true);
    const verified = cli('verify', '--db', db);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^OK: the record agrees with its seals/m);
  });

  it('replays into read models identical to the live ones', () => {
    const replayed = cli('replay', '--db', db);
    expect(replayed.status).toBe(0);
    expect(replayed.stdout.trimEnd().split('\n').at(-1)).toBe('identical');
  });

  it('shows every contact\'s issues with ids, the texts as recorded last', async () => {
    app = await startApp({ dataFile: db });
    const res = await app.gql<Read>(QUERY);
    expect(res.errors).toBeUndefined();
    first = res.data!;
    for (const id of CONTACTS) {
      const latest = lines.filter((l) => l.streamId === `contact-${id}` && l.type !== 'ContactRetracted').at(-1)!;
      const contact = first[id.replace('-', '')]!;
      expect(contact.issuesRaised).toEqual(latest.data.issuesRaised);
      expect(contact.issues.map((i) => i.text)).toEqual(latest.data.issuesRaised);
      for (const issue of contact.issues) expect(issue.issueId).toMatch(UUID_V8);
      expect(new Set(contact.issues.map((i) => i.issueId)).size).toBe(contact.issues.length);
    }
    expect(first.c004).toMatchObject({ retracted: true, issues: [{ text: '停车难' }] });
    expect(first.c003!.issues).toEqual([]);
  });

  it('shows the same ids on every read and after a restart', async () => {
    expect((await app!.gql<Read>(QUERY)).data).toEqual(first);
    await app!.close();
    app = await startApp({ dataFile: db });
    expect((await app.gql<Read>(QUERY)).data).toEqual(first);
  });

  it('keeps the id of an issue a correction kept: the same as the original log gave it', () => {
    // c-001: logged with 冬季供暖不足 and 道路维修; corrected to keep the first and change the second.
    const logged = upcastIssues(eventOf('c-001', 'ContactLogged'));
    const now = first.c001!;
    expect(now.corrections).toBe(1);
    expect(now.issues[0]).toEqual(logged[0]);
    expect(now.issues[0]!.text).toBe('冬季供暖不足');
    expect(logged.map((i) => i.issueId)).not.toContain(now.issues[1]!.issueId);

    // c-002: 供暖, 供暖, 就业 corrected to 就业, 供暖, 物业管理: 就业 and the first 供暖 keep their ids.
    const before = upcastIssues(eventOf('c-002', 'ContactLogged'));
    expect(first.c002!.issues.slice(0, 2)).toEqual([before[2], before[0]]);
    expect(before.map((i) => i.issueId)).not.toContain(first.c002!.issues[2]!.issueId);
  });

  it('exports the issues as `;`-joined texts in the CSV', () => {
    const exported = cli('export-csv', 'contacts', '--db', db);
    expect(exported.status).toBe(0);
    const { header, records } = parseCsv(exported.stdout);
    const column = header.indexOf('issues_raised');
    expect(Object.fromEntries(records.map((r) => [r.values[0], r.values[column]]))).toEqual({
      'c-001': '冬季供暖不足;道路维修资金不到位',
      'c-002': '就业;供暖;物业管理',
      'c-003': '',
      'c-004': '停车难',
    });
  });

  it('shows auditors the events as recorded: the raw data keeps issuesRaised', async () => {
    const res = await app!.gql<{ history: Array<{ type: string; data: Record<string, unknown> }> }>(`{ history(entityId: "c-001") { type data } }`, {}, { token: app!.tokens.AUDITOR });
    expect(res.errors).toBeUndefined();
    expect(res.data!.history.map((e) => e.data)).toEqual(lines.filter((l) => l.streamId === 'contact-c-001').map((l) => l.data));
  });

  it('takes a correction sent now to an old contact: a kept issue keeps its derived id, a changed one gets a new id; verify still passes', async () => {
    // The write path folds c-001's stream, recorded with issuesRaised only, through the upcaster before the decider sees it.
    const clerk = await app!.issueToken({ role: 'RECORDER', subject: 'hexi-clerk', liaisonGroupIds: ['lg-hexi'] });
    const before = (await app!.gql<Read>(QUERY)).data!.c001!;
    expect(before.issues.map((i) => i.text)).toEqual(['冬季供暖不足', '道路维修资金不到位']);
    const corrected = await app!.gql<{ correctContact: { written: number; version: number } }>(
      `mutation($input: CorrectContactInput!) { correctContact(input: $input) { written version } }`,
      { input: { contactId: 'c-001', issuesRaised: ['冬季供暖不足', '道路维修资金已落实'], reason: '问题已跟进' } },
      { token: clerk.token },
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctContact).toEqual({ written: 1, version: 2 });

    const now = (await app!.gql<Read>(QUERY)).data!.c001!;
    expect(now.corrections).toBe(2);
    expect(now.issuesRaised).toEqual(['冬季供暖不足', '道路维修资金已落实']);
    // Kept: the id derived from the original ContactLogged, as every reader has shown it.
    expect(now.issues[0]).toEqual({ issueId: derivedIssueId('c-001', '冬季供暖不足', 0), text: '冬季供暖不足' });
    expect(now.issues[0]).toEqual(before.issues[0]);
    // Changed: a new id, the writer's (UUIDv7), neither derived nor one the contact had.
    const fresh = now.issues[1]!.issueId;
    expect(fresh).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...before.issues, ...upcastIssues(eventOf('c-001', 'ContactLogged'))].map((i) => i.issueId)).not.toContain(fresh);
    expect(fresh).not.toBe(derivedIssueId('c-001', '道路维修资金已落实', 0));

    // Recorded in today's shape beside the older events, which stay as they were.
    const history = await app!.gql<{ history: Array<{ type: string; data: Record<string, unknown> }> }>(`{ history(entityId: "c-001") { type data } }`, {}, { token: app!.tokens.AUDITOR });
    const recorded = history.data!.history;
    expect(recorded.slice(0, 2).map((e) => e.data)).toEqual(lines.filter((l) => l.streamId === 'contact-c-001').map((l) => l.data));
    expect(recorded[2]).toMatchObject({ type: 'ContactCorrected', data: { issues: now.issues, reason: '问题已跟进', correctedBy: 'hexi-clerk' } });
    expect(recorded[2]!.data).not.toHaveProperty('issuesRaised');

    // The same ids after a restart, and the record still verifies: hash chain and seal.
    await app!.close();
    app = await startApp({ dataFile: db });
    expect((await app.gql<Read>(QUERY)).data!.c001).toEqual(now);
    const verified = cli('verify', '--db', db);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^OK: the record agrees with its seals/m);
  });
});
