/**
 * The API end to end: the real app (NestFactory) on a real SQLite file, driven over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, startApp, tempDir } from './support/app.js';
import { ASSIGN_LINK, LOG_CONTACT, REGISTER_MEMBER, buildSmallNetwork, member, must } from './support/smallNetwork.js';

const COVERAGE = `query($period: String!, $scheme: Scheme, $at: Float) {
  coverage(period: $period, scheme: $scheme, atLeastPosition: $at) { scheme due covered ratio byTarget { id due covered } bySource { id due covered } byLiaisonGroup { id due covered } }
}`;

const contact = (contactId: string, occurredAt: string, participantIds: string[], linkIds: string[], extra: Record<string, unknown> = {}) => ({
  input: { contactId, occurredAt, participantIds, linkIds, channel: 'VISIT', topic: '走访', summary: '谈心谈话', liaisonGroupId: 'lg-hexi', ...extra },
});

describe('the GraphQL API on the embedded store', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
    await buildSmallNetwork(app);
  });
  afterAll(async () => app.close());

  it('emits a schema identical to the committed schema.graphql (run `npm run schema` after changing types)', async () => {
    const file = join(tempDir(), 'schema.graphql');
    const other = await startApp({ config: { store: 'memory', schemaFile: file } });
    await other.close();
    expect(readFileSync(file, 'utf8')).toEqual(readFileSync('schema.graphql', 'utf8'));
  });

  it('counts a logged contact toward its link\'s coverage, readable at the position the mutation returned', async () => {
    const before = await must<any>(app, COVERAGE, { period: '2020-Q1', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER' });
    expect(before.coverage[0]).toMatchObject({ due: 2, covered: 0, ratio: 0 });

    const written = await must<any>(app, LOG_CONTACT, contact('c-1', '2020-02-10T10:00', ['m-pg', 'm-cpc1'], ['l-pg-1']));
    expect(written.logContact.written).toBe(1);

    const after = await must<any>(app, COVERAGE, { period: '2020-Q1', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER', at: written.logContact.position });
    expect(after.coverage[0]).toMatchObject({ due: 2, covered: 1, ratio: 0.5 });
    expect(after.coverage[0].byTarget).toEqual([
      { id: 'm-cpc1', due: 1, covered: 1 },
      { id: 'm-cpc2', due: 1, covered: 0 },
    ]);
    expect(after.coverage[0].bySource).toEqual([{ id: 'm-pg', due: 2, covered: 1 }]);
    expect(after.coverage[0].byLiaisonGroup).toEqual([{ id: 'lg-hexi', due: 2, covered: 1 }]);
    // The same contact a quarter later does not count for Q1, and a year needs 4 per link.
    const year = await must<any>(app, COVERAGE, { period: '2020', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER' });
    expect(year.coverage[0]).toMatchObject({ due: 2, covered: 0 });
  });

  it('records a contact sent twice with the same id once', async () => {
    const first = await must<any>(app, LOG_CONTACT, contact('c-twice', '2020-03-01', ['m-cpc1', 'm-np'], ['l-pm-1']));
    const second = await must<any>(app, LOG_CONTACT, contact('c-twice', '2020-03-01', ['m-cpc1', 'm-np'], ['l-pm-1']));
    expect(second.logContact).toEqual({ ...first.logContact, written: 0 });
    const usage = await must<any>(app, `{ linkUsage(linkId: "l-pm-1", per: QUARTER, on: "2020-03-31") { total perPeriod { period { id } contacts required met } } }`);
    expect(usage.linkUsage.total).toBe(1);
    expect(usage.linkUsage.perPeriod).toEqual([{ period: { id: '2020-Q1' }, contacts: 1, required: 2, met: false }]);
  });

  it('moves a corrected contact to its new period and drops a retracted one', async () => {
    await must(app, LOG_CONTACT, contact('c-moved', '2020-02-01', ['m-pg', 'm-cpc2'], ['l-pg-2']));
    let q1 = await must<any>(app, COVERAGE, { period: '2020-Q1', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER' });
    expect(q1.coverage[0].covered).toBe(2);

    const corrected = await must<any>(app, `mutation { correctContact(input: { contactId: "c-moved", occurredAt: "2020-04-02", reason: "日期录错" }) { position written } }`);
    q1 = await must<any>(app, COVERAGE, { period: '2020-Q1', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER', at: corrected.correctContact.position });
    const q2 = await must<any>(app, COVERAGE, { period: '2020-Q2', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER' });
    expect([q1.coverage[0].covered, q2.coverage[0].covered]).toEqual([1, 1]);

    await must(app, `mutation { retractContact(input: { contactId: "c-moved", reason: "重复录入" }) { position } }`);
    const q2after = await must<any>(app, COVERAGE, { period: '2020-Q2', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER' });
    expect(q2after.coverage[0].covered).toBe(0);
    const c = await must<any>(app, `{ contact(id: "c-moved") { retracted corrections occurredAt } }`);
    expect(c.contact).toEqual({ retracted: true, corrections: 1, occurredAt: '2020-04-01T16:00:00.000Z' });
  });

  it('gives each issue raised an id that a correction keeping the issue keeps', async () => {
    const ISSUES = `query($id: ID!) { contact(id: $id) { issuesRaised issues { issueId text } } }`;
    await must(app, LOG_CONTACT, contact('c-issues', '2020-03-02', ['m-cpc1', 'm-np'], ['l-pm-1'], { issues: [{ text: ' 供暖 ' }, { issueId: 'i-roads', text: '道路' }] }));
    const logged = (await must<any>(app, ISSUES, { id: 'c-issues' })).contact;
    expect(logged.issuesRaised).toEqual(['供暖', '道路']);
    expect(logged.issues).toEqual([{ issueId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/), text: '供暖' }, { issueId: 'i-roads', text: '道路' }]);
    // The CSV's and older clients' way, texts only: 供暖 keeps its id, 道路 is dropped, 就业 is new.
    const corrected = await must<any>(app, `mutation { correctContact(input: { contactId: "c-issues", issuesRaised: ["就业", "供暖"], reason: "问题记录有误" }) { position } }`);
    const now = (await must<any>(app, `query($id: ID!, $at: Float) { contact(id: $id, atLeastPosition: $at) { issues { issueId text } } }`, { id: 'c-issues', at: corrected.correctContact.position })).contact;
    expect(now.issues).toEqual([{ issueId: expect.any(String), text: '就业' }, logged.issues[0]]);
    expect([logged.issues[0].issueId, 'i-roads']).not.toContain(now.issues[0].issueId);
    const both = await app.gql(`mutation { correctContact(input: { contactId: "c-issues", issuesRaised: ["x"], issues: [{ text: "x" }], reason: "r" }) { position } }`);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'issues' });
  });

  it('does not count a contact that occurred before its link was assigned, but keeps it on record', async () => {
    await must(app, ASSIGN_LINK, {
      input: { linkId: 'l-late', scheme: 'PARTY_MEMBER_TO_NON_PARTY', sourceId: 'm-cpc2', targetId: 'm-np', requirement: { minContacts: 1, per: 'QUARTER' }, activeFrom: '2020-06-01' },
    });
    await must(app, LOG_CONTACT, contact('c-early', '2020-05-20', ['m-cpc2', 'm-np'], ['l-late']));
    const cov = await must<any>(app, COVERAGE, { period: '2020-Q2', scheme: 'PARTY_MEMBER_TO_NON_PARTY' });
    expect(cov.coverage[0].byTarget.find((t: any) => t.id === 'm-np')).toMatchObject({ due: 2, covered: 0 });
    const rec = await must<any>(app, `{ contact(id: "c-early") { id retracted } }`);
    expect(rec.contact).toEqual({ id: 'c-early', retracted: false });
  });

  describe('tells the clerk, per link served, whether a contact counts', () => {
    const LOG = `mutation($input: LogContactInput!) { logContact(input: $input) { written links { linkId counts code reason } } }`;
    const CORRECT = `mutation($input: CorrectContactInput!) { correctContact(input: $input) { written links { linkId counts code reason } } }`;

    it('accepts a contact dated before one link became active, with counts=false and the reason for that link and counts=true for the other', async () => {
      // l-late (m-cpc2 → m-np) is active from 2020-06-01; l-pm-1 (m-cpc1 → m-np) from 2020-01-01.
      const res = await must<any>(app, LOG, contact('c-warn', '2020-05-25', ['m-cpc1', 'm-cpc2', 'm-np'], ['l-pm-1', 'l-late']));

      expect(res.logContact.written).toBe(1);
      expect(res.logContact.links).toEqual([
        { linkId: 'l-pm-1', counts: true, code: null, reason: null },
        { linkId: 'l-late', counts: false, code: 'BEFORE_ACTIVE', reason: expect.stringContaining('before link l-late became active') },
      ]);
      // Sent again, nothing new is written and the answer says the same.
      expect((await must<any>(app, LOG, contact('c-warn', '2020-05-25', ['m-cpc1', 'm-cpc2', 'm-np'], ['l-pm-1', 'l-late']))).logContact).toEqual({ ...res.logContact, written: 0 });
    });

    it('a correction into the window answers counts=true for every link', async () => {
      const res = await must<any>(app, CORRECT, { input: { contactId: 'c-warn', occurredAt: '2020-06-02', reason: '日期记错' } });

      expect(res.correctContact.written).toBe(1);
      expect(res.correctContact.links).toEqual([
        { linkId: 'l-pm-1', counts: true, code: null, reason: null },
        { linkId: 'l-late', counts: true, code: null, reason: null },
      ]);
    });

    it('an ad-hoc contact serves no link: an empty list', async () => {
      const res = await must<any>(app, LOG, contact('c-adhoc', '2020-05-25', ['m-cpc1', 'm-np'], []));
      expect(res.logContact.links).toEqual([]);
    });
  });

  it('pages members with Relay cursors and resolves nested organizations', async () => {
    const page1 = await must<any>(app, `{ members(first: 2) { totalCount edges { cursor node { id sector { name } liaisonGroup { name locality { name } } } } pageInfo { hasNextPage endCursor } } }`);
    expect(page1.members.totalCount).toBe(4);
    expect(page1.members.edges.map((e: any) => e.node.id)).toEqual(['m-cpc1', 'm-cpc2']);
    expect(page1.members.edges[0].node).toMatchObject({ sector: { name: '经济界' }, liaisonGroup: { name: '河西街道联络组', locality: { name: '河西街道' } } });
    const page2 = await must<any>(app, `query($after: String) { members(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`, {
      after: page1.members.pageInfo.endCursor,
    });
    expect(page2.members.edges.map((e: any) => e.node.id)).toEqual(['m-np', 'm-pg']);
    expect(page2.members.pageInfo.hasNextPage).toBe(false);
  });

  it('registers a member as a real roster holds them: Chinese id and affiliation, unknown gender, ethnicity and joinedOn', async () => {
    const input = { ...member('委员-周丽', '民盟'), gender: null, ethnicity: undefined, joinedOn: undefined };
    expect((await must<any>(app, REGISTER_MEMBER, { input })).registerMember.written).toBe(1);
    const read = await must<any>(app, `query($id: ID!) { member(id: $id) { id affiliation gender ethnicity joinedOn } }`, { id: '委员-周丽' });
    expect(read.member).toEqual({ id: '委员-周丽', affiliation: 'CDL', gender: null, ethnicity: null, joinedOn: null });
    expect((await must<any>(app, REGISTER_MEMBER, { input: { ...input, affiliation: 'CDL' } })).registerMember.written).toBe(0);
  });

  describe('refuses bad input with a coded error and writes nothing', () => {
    const cases: Array<[string, string, Record<string, unknown> | undefined, string]> = [
      ['an unknown participant', LOG_CONTACT, contact('c-x1', '2020-02-01', ['m-pg', 'm-nobody'], []), 'NOT_FOUND'],
      ['a link that breaks its scheme (non-CPC target)', ASSIGN_LINK, { input: { linkId: 'l-bad', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER', sourceId: 'm-pg', targetId: 'm-np', requirement: { minContacts: 1, per: 'QUARTER' }, activeFrom: '2020-01-01' } }, 'VALIDATION'],
      ['a contact with one participant', LOG_CONTACT, contact('c-x2', '2020-02-01', ['m-pg'], []), 'VALIDATION'],
      ['an occurred-at in the future', LOG_CONTACT, contact('c-x3', '2999-01-01', ['m-pg', 'm-cpc1'], []), 'VALIDATION'],
      ['a correction of an unknown contact', `mutation { correctContact(input: { contactId: "c-none", topic: "x", reason: "r" }) { position } }`, undefined, 'NOT_FOUND'],
      ['an unknown enum value', `mutation { registerLocality(input: { localityId: "loc-x", name: "x", kind: CITY }) { position } }`, undefined, 'GRAPHQL_VALIDATION_FAILED'],
      ['an unknown enum value in variables', REGISTER_MEMBER, { input: member('m-x', 'CPC', { gender: 'MARTIAN' }) }, 'BAD_USER_INPUT'],
      // affiliation is text (a code or its Chinese name), so the decider refuses an unknown one.
      ['an affiliation that is neither a code nor a Chinese name', REGISTER_MEMBER, { input: member('m-x', 'MARTIAN') }, 'VALIDATION'],
      ['over-long text', LOG_CONTACT, contact('c-x4', '2020-02-01', ['m-pg', 'm-cpc1'], [], { topic: '长'.repeat(201) }), 'VALIDATION'],
      ['a bad date', LOG_CONTACT, contact('c-x5', '2020-02-30', ['m-pg', 'm-cpc1'], []), 'VALIDATION'],
      ['a bad period', COVERAGE, { period: '2020-Q5' }, 'VALIDATION'],
    ];
    it.each(cases)('%s', async (_name, query, variables, code) => {
      const before = await app.health();
      const res = await app.gql(query, variables);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.errors?.[0]?.message.length).toBeGreaterThan(10);
      expect((await app.health()).head).toBe(before.head);
    });

    it('a retraction of a retracted contact', async () => {
      await must(app, LOG_CONTACT, contact('c-r', '2020-02-01', ['m-pg', 'm-cpc1'], []));
      await must(app, `mutation { retractContact(input: { contactId: "c-r", reason: "误录" }) { position } }`);
      const before = await app.health();
      const res = await app.gql(`mutation { retractContact(input: { contactId: "c-r", reason: "再撤" }) { position } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect((await app.health()).head).toBe(before.head);
    });

    it('a stale expected version', async () => {
      const res1 = await must<any>(app, LOG_CONTACT, contact('c-v', '2020-02-01', ['m-pg', 'm-cpc1'], []));
      await must(app, `mutation { correctContact(input: { contactId: "c-v", topic: "座谈", reason: "改主题", expectedVersion: ${res1.logContact.version} }) { version } }`);
      const before = await app.health();
      const res = await app.gql(`mutation { correctContact(input: { contactId: "c-v", topic: "调研", reason: "再改", expectedVersion: ${res1.logContact.version} }) { version } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expected: '0', actual: '1' });
      expect((await app.health()).head).toBe(before.head);
    });
  });

  it('keeps every figure across a restart on the same data file', async () => {
    const query = `{ coverage(period: "2020-Q1") { scheme due covered } readModel { position contacts } }`;
    const before = await must<any>(app, query);
    await app.close();
    app = await startApp({ dataFile: app.dataFile });
    expect(await must<any>(app, query)).toEqual(before);
  });
});
