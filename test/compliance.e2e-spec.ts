/**
 * The compliance board on the booted API and a SQLite file, for 2020 on the small network: the
 * cells as the record first stands (a liaison group that logged nothing, links not met, a member
 * no link targets, no report to the Party committee), then as the office logs the group's
 * contacts and records a report; the committee's threshold recolours a cell; `on` and `asOf`
 * answer for earlier moments. An auditor seals the board; later writes change the board but not
 * the seal, which is proven by recomputing the board at the sealed position. Who may read, set
 * thresholds and seal.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { buildSmallNetwork } from './support/smallNetwork.js';

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written version } }`;
const M = {
  contact: WRITE('logContact', 'LogContactInput'),
  threshold: WRITE('setComplianceThreshold', 'SetComplianceThresholdInput'),
  seal: WRITE('sealComplianceBoard', 'SealComplianceBoardInput'),
  partyReport: WRITE('recordPartyCommitteeReport', 'RecordPartyCommitteeReportInput'),
};
const BOARD = `query($year: Int!, $on: String, $asOf: String) { complianceBoard(year: $year, on: $on, asOf: $asOf) { year on position boardHash
  cells { rule title scheme expected met share state evidence evidenceCount } } }`;
const SEALS = `{ complianceSeals(year: 2020) { sealId year position on boardHash reason cells { rule scheme expected met state } } }`;
const CHECK = `query($id: ID!) { verifyComplianceSeal(sealId: $id) { sealId matches sealedHash recomputedHash differences { rule scheme sealed recomputed } } }`;

type Cell = { rule: string; scheme: string | null; expected: number; met: number; state: string; evidence: string[] };

describe('the compliance board, on the running app', () => {
  let app: TestApp;
  const t: Record<string, string> = {};
  const as = (who: string) => ({ token: t[who]! });
  const write = async (who: string, mutation: string, input: Record<string, unknown>) => {
    const res = await app.gql(mutation, { input }, as(who));
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return (Object.values(res.data as object)[0] as { position: number }).position;
  };
  const board = async (variables: Record<string, unknown> = {}, who = 'leader') => {
    const res = await app.gql(BOARD, { year: 2020, ...variables }, as(who));
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data.complianceBoard as { on: string; position: number; boardHash: string; cells: Cell[] };
  };
  const cell = (b: { cells: Cell[] }, rule: string, scheme: string | null = null) => {
    const c = b.cells.find((x) => x.rule === rule && x.scheme === scheme)!;
    return [c.state, c.met, c.expected, c.evidence];
  };
  const code = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const before = (await app.health()).head;
    const res = await app.gql(query, variables, as(who));
    expect((await app.health()).head).toBe(before);
    return res.errors?.[0]?.extensions?.code;
  };
  const marks: Record<string, string> = {};

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => (await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN })).data.issueToken.token as string;
    t.office = await issue('政协办公室', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.member = await issue('委员', [{ kind: 'MEMBER', id: 'm-np' }]);
    t.clerk = app.tokens.RECORDER!;
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    t.admin = app.tokens.ADMIN;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reads each rule\'s cell for 2020 with the ids behind it', async () => {
    const b = await board();
    expect(b.cells.map((c) => c.rule)).toEqual([
      'MEMBERS_IN_SPECIAL_COMMITTEE',
      'LOCALITIES_HAVE_GROUP',
      'GROUPS_ACTIVE_EACH_QUARTER',
      ...Array(6).fill('DUE_LINKS_MET'),
      'MEMBERS_TARGETED',
      'PARTY_COMMITTEE_REPORTED',
      'PARTY_COMMITTEE_STUDIED',
      'PROPOSALS_REPLIED_ON_TIME',
      'TOPICS_CARRIED_OUT',
      'INSPECTION_REPORTS_ON_TIME',
      'RECOMMENDATIONS_ANSWERED_ON_TIME',
    ]);
    expect(cell(b, 'MEMBERS_IN_SPECIAL_COMMITTEE')).toEqual(['GREEN', 4, 4, []]);
    expect(cell(b, 'LOCALITIES_HAVE_GROUP')).toEqual(['GREEN', 1, 1, []]);
    expect(cell(b, 'GROUPS_ACTIVE_EACH_QUARTER')).toEqual(['RED', 0, 4, ['lg-hexi@2020-Q1', 'lg-hexi@2020-Q2', 'lg-hexi@2020-Q3', 'lg-hexi@2020-Q4']]);
    expect(cell(b, 'DUE_LINKS_MET', 'PARTY_MEMBER_TO_NON_PARTY')).toEqual(['RED', 0, 4, ['l-pm-1@2020-Q1', 'l-pm-1@2020-Q2', 'l-pm-1@2020-Q3', 'l-pm-1@2020-Q4']]);
    expect(cell(b, 'DUE_LINKS_MET', 'PARTY_GROUP_TO_PARTY_MEMBER').slice(0, 3)).toEqual(['RED', 0, 8]);
    expect(cell(b, 'MEMBERS_TARGETED')).toEqual(['RED', 3, 4, ['m-pg']]);
    expect(cell(b, 'PARTY_COMMITTEE_REPORTED')).toEqual(['RED', 0, 1, []]);
    expect(cell(b, 'TOPICS_CARRIED_OUT')).toEqual(['NONE_DUE', 0, 0, []]);
    expect(b.cells.find((c) => c.rule === 'PARTY_COMMITTEE_STUDIED')).toMatchObject({ title: '市委每年研究政协工作不少于一次', share: 0 });
    marks.first = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
  });

  it('follows the record: the group\'s contacts each quarter meet its link and keep the group active; a report to the Party committee', async () => {
    for (const [n, day] of ['2020-02-10', '2020-02-20', '2020-05-10', '2020-05-20', '2020-08-10', '2020-08-20', '2020-11-10'].entries())
      await write('clerk', M.contact, { contactId: `c-${n}`, participantIds: ['m-cpc1', 'm-np'], occurredAt: `${day}T10:00`, channel: 'VISIT', topic: '走访', linkIds: ['l-pm-1'], liaisonGroupId: 'lg-hexi' });
    await write('office', M.partyReport, { reportId: 'pr-2020', kind: 'WORK_REPORT', subject: '市政协党组2020年工作情况', recipient: '中共格尔木市委', reportedOn: '2020-12-20', reporterIds: ['m-pg'] });
    const b = await board();
    expect(cell(b, 'GROUPS_ACTIVE_EACH_QUARTER')).toEqual(['GREEN', 4, 4, []]);
    expect(cell(b, 'DUE_LINKS_MET', 'PARTY_MEMBER_TO_NON_PARTY')).toEqual(['RED', 3, 4, ['l-pm-1@2020-Q4']]);
    expect(cell(b, 'PARTY_COMMITTEE_REPORTED')).toEqual(['GREEN', 1, 1, ['pr-2020']]);
    // On 1 July 2020 only Q1 and Q2 had ended, and the year's report was not yet due.
    const july = await board({ on: '2020-07-01' });
    expect([cell(july, 'GROUPS_ACTIVE_EACH_QUARTER'), cell(july, 'DUE_LINKS_MET', 'PARTY_MEMBER_TO_NON_PARTY'), cell(july, 'PARTY_COMMITTEE_REPORTED')]).toEqual([
      ['GREEN', 2, 2, []],
      ['GREEN', 2, 2, []],
      ['NONE_DUE', 0, 0, []],
    ]);
    // As the record stood before these writes (asOf), the board said what it said then.
    const then = await board({ asOf: marks.first, on: new Date().toISOString() });
    expect(cell(then, 'GROUPS_ACTIVE_EACH_QUARTER')[0]).toBe('RED');
  });

  it('the committee\'s threshold recolours a cell; an administrator or the office sets it, nobody else', async () => {
    await write('office', M.threshold, { rule: 'MEMBERS_TARGETED', green: 0.95, amber: 0.7, reason: '常委会确定' });
    expect(cell(await board(), 'MEMBERS_TARGETED')[0]).toBe('AMBER');
    await write('admin', M.threshold, { rule: 'DUE_LINKS_MET', green: 0.9, amber: 0.7, reason: '常委会确定' });
    expect(cell(await board(), 'DUE_LINKS_MET', 'PARTY_MEMBER_TO_NON_PARTY')[0]).toBe('AMBER');
    for (const who of ['clerk', 'leader', 'member', 'auditor']) expect(await code(who, M.threshold, { input: { rule: 'MEMBERS_TARGETED', green: 0.5, amber: 0.1, reason: 'x' } })).toBe('FORBIDDEN');
    expect(await code('office', M.threshold, { input: { rule: 'MEMBERS_TARGETED', green: 0.5, amber: 0.9, reason: 'x' } })).toBe('VALIDATION');
  });

  it('an auditor seals the board; later writes move the board, and the seal is proven by recomputing it at its position', async () => {
    // The board as shown to the standing committee, read for one instant; the seal is read for the same one.
    const on = new Date().toISOString();
    const shown = await board({ on });
    await write('auditor', M.seal, { sealId: 'cb-2020', year: 2020, on, reason: '提交常委会审议' });
    const [seal] = (await app.gql(SEALS, {}, as('leader'))).data.complianceSeals;
    expect([seal.sealId, seal.year, seal.reason, seal.boardHash]).toEqual(['cb-2020', 2020, '提交常委会审议', shown.boardHash]);
    expect(seal.cells.find((c: Cell) => c.rule === 'MEMBERS_TARGETED')).toEqual({ rule: 'MEMBERS_TARGETED', scheme: null, expected: 4, met: 3, state: 'AMBER' });

    await write('clerk', M.contact, { contactId: 'c-late', participantIds: ['m-cpc1', 'm-np'], occurredAt: '2020-12-01T10:00', channel: 'VISIT', topic: '走访', linkIds: ['l-pm-1'], liaisonGroupId: 'lg-hexi' });
    const now = await board();
    expect([cell(now, 'DUE_LINKS_MET', 'PARTY_MEMBER_TO_NON_PARTY')[0], now.boardHash === shown.boardHash]).toEqual(['GREEN', false]);
    const check = (await app.gql(CHECK, { id: 'cb-2020' }, as('auditor'))).data.verifyComplianceSeal;
    expect(check).toEqual({ sealId: 'cb-2020', matches: true, sealedHash: shown.boardHash, recomputedHash: shown.boardHash, differences: [] });
    expect(await code('auditor', M.seal, { input: { sealId: 'cb-2020', year: 2020 } })).toBe('CONFLICT');
    expect(await code('auditor', CHECK, { id: 'cb-none' })).toBe('NOT_FOUND');
  });

  it('who reads and who seals: leaders, auditors and the office read; only an auditor seals', async () => {
    for (const who of ['clerk', 'member', 'admin']) {
      expect(await code(who, BOARD, { year: 2020 })).toBe('FORBIDDEN');
      expect(await code(who, SEALS)).toBe('FORBIDDEN');
    }
    expect((await board({}, 'office')).cells.length).toBe(16);
    for (const who of ['leader', 'office', 'admin', 'clerk']) expect(await code(who, M.seal, { input: { sealId: 'cb-x', year: 2020 } })).toBe('FORBIDDEN');
    expect(await code('leader', BOARD, { year: 2020, on: '2999-01-01' })).toBe('VALIDATION');
    expect(await code('leader', BOARD, { year: 1800 })).toBe('VALIDATION');
  });
});
