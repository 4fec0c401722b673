/**
 * Grants end to end, on the booted API and a SQLite file: the committee office's clerk
 * (COMMITTEE_OFFICE) records contacts for every link of the committee and reads them all, and
 * still keeps nothing else; a group's clerk (LIAISON_GROUP) stays in its group, issued the new way
 * or the old; malformed grants are refused with coded errors and write nothing; and a token
 * issued before grants (its TokenIssued event carries `scope`, its JWT a `scope` claim) keeps
 * working, read as the grants its scope means.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SqliteEventStore } from '#event-store/sqlite';
import { newEventId } from '#event-store/eventId';
import { cli, ensureBuilt } from './support/compiled.js';
import { TestApp, removeDir, startApp, tempDir } from './support/app.js';
import { ASSIGN_LINK, LOG_CONTACT, REGISTER_MEMBER, REGISTER_ORG, buildSmallNetwork, member, must } from './support/smallNetwork.js';

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token tokenId grants { kind ids id } } }`;
const CORRECT = `mutation($input: CorrectContactInput!) { correctContact(input: $input) { position written } }`;
const RETRACT = `mutation($input: RetractContactInput!) { retractContact(input: $input) { position written } }`;
const ME = `{ me { subject role grants { kind ids id } scope { liaisonGroupIds memberId } } }`;
const OFFICE_GRANTS = [{ kind: 'COMMITTEE_OFFICE', ids: null, id: null }];
const REQUIREMENT = { minContacts: 1, per: 'QUARTER' };

/** A second liaison group (lg-east) with two members, and links of three more schemes, beside the small network's. */
async function addEastAndMoreLinks(app: TestApp): Promise<void> {
  await must(app, `mutation { registerLocality(input: { localityId: "loc-east", name: "东城区", kind: URBAN_AREA }) { position } }`);
  await must(app, REGISTER_ORG, { input: { organizationId: 'lg-east', kind: 'LIAISON_GROUP', name: '东城区联络组', localityId: 'loc-east', leaderId: 'p-sec' } });
  await must(app, REGISTER_MEMBER, { input: member('m-east1', 'CPC', { liaisonGroupId: 'lg-east' }) });
  await must(app, REGISTER_MEMBER, { input: member('m-east2', 'CDL', { liaisonGroupId: 'lg-east' }) });
  const link = (linkId: string, scheme: string, sourceId: string, targetId: string) =>
    must(app, ASSIGN_LINK, { input: { linkId, scheme, sourceId, targetId, requirement: REQUIREMENT, activeFrom: '2020-01-01' } });
  await link('l-east-pm', 'PARTY_MEMBER_TO_NON_PARTY', 'm-east1', 'm-east2');
  await link('l-east-lg', 'LIAISON_GROUP', 'lg-east', 'm-east2');
  await link('l-org', 'COMMITTEE_TO_PARTIES_AND_ORGS', 'm-pg', 'dp-cdl');
}

const contactInput = (contactId: string, fields: Record<string, unknown>) => ({
  input: { contactId, occurredAt: '2020-02-10', channel: 'VISIT', topic: '走访', summary: `${contactId} 谈了什么`, ...fields },
});

/** Runs a request that must be refused with `code`; the log's head must not move. */
async function refusedWithout(app: TestApp, code: string, run: () => Promise<{ data?: any; errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }> }>) {
  const before = (await app.health()).head;
  const res = await run();
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect((await app.health()).head).toBe(before);
  return res.errors![0]!;
}

/** A graphql-ws subscription: what it received (data or errors) until disposed. */
function subscribe(app: TestApp, token: string, query: string) {
  const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
  const received: Array<{ data?: any; errors?: any }> = [];
  client.subscribe({ query }, { next: (m) => void received.push(m as any), error: (e) => void received.push({ errors: Array.isArray(e) ? e : [e] }), complete: () => undefined });
  return { received, dispose: () => client.dispose() };
}

async function until(what: string, ready: () => boolean, ms = 5000): Promise<void> {
  for (const start = Date.now(); !ready(); await new Promise((r) => setTimeout(r, 25))) {
    if (Date.now() - start > ms) throw new Error(`${what}: not within ${ms} ms`);
  }
}

describe('grants on the running app', () => {
  let app: TestApp;
  const tokens = { office: '', officeCli: '', east: '', hexiGrant: '' };

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    await addEastAndMoreLinks(app);
    const office = await app.gql(ISSUE, { input: { role: 'RECORDER', subject: '委员会办公室录入员', grants: [{ kind: 'COMMITTEE_OFFICE' }] } });
    expect(office.errors).toBeUndefined();
    expect(office.data.issueToken.grants).toEqual(OFFICE_GRANTS);
    tokens.office = office.data.issueToken.token;
    const issued = cli('issue-token', '--subject', '办公室录入员（命令行）', '--role', 'RECORDER', '--office', '--days', '7', '--db', app.dataFile);
    expect([issued.status, issued.stderr]).toEqual([0, expect.stringMatching(/^issued token /)]);
    tokens.officeCli = issued.stdout.trim();
    tokens.east = (await app.issueToken({ role: 'RECORDER', subject: 'east-clerk', liaisonGroupIds: ['lg-east'] })).token;
    const hexi = await app.gql(ISSUE, { input: { role: 'RECORDER', subject: 'hexi-clerk-grants', grants: [{ kind: 'LIAISON_GROUP', ids: ['lg-hexi'] }] } });
    expect(hexi.errors).toBeUndefined();
    tokens.hexiGrant = hexi.data.issueToken.token;
    // What the groups' own clerks logged: the office reads these too.
    await must(app, LOG_CONTACT, contactInput('c-hexi-clerk', { participantIds: ['m-cpc1', 'm-np'], linkIds: ['l-pm-1'], issuesRaised: ['停车难'], liaisonGroupId: 'lg-hexi' }));
    const east = await app.gql(LOG_CONTACT, contactInput('c-east-clerk', { participantIds: ['m-east1', 'm-east2'], linkIds: ['l-east-pm'], issuesRaised: ['就业'], liaisonGroupId: 'lg-east' }), { token: tokens.east });
    expect(east.errors).toBeUndefined();
  }, 120_000);
  afterAll(async () => app?.close());

  describe.each([
    ['issued by the issueToken mutation', 'api', () => tokens.office],
    ['issued by the CLI (issue-token --role RECORDER --office)', 'cli', () => tokens.officeCli],
  ])('a committee office clerk\'s token %s', (_how, tag, token) => {
    const as = (query: string, variables?: Record<string, unknown>) => app.gql<any>(query, variables, { token: token() });

    it('says who it is: a RECORDER with the COMMITTEE_OFFICE grant and no group scope', async () => {
      const me = await as(ME);
      expect(me.errors).toBeUndefined();
      expect(me.data.me).toMatchObject({ role: 'RECORDER', grants: OFFICE_GRANTS, scope: { liaisonGroupIds: [], memberId: null } });
    });

    it('logs contacts for links of different liaison groups and schemes, then corrects and retracts one', async () => {
      const logs = [
        contactInput(`c-${tag}-pg`, { participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'] }),
        contactInput(`c-${tag}-east`, { participantIds: ['m-east1', 'm-east2'], linkIds: ['l-east-pm'], issuesRaised: ['供暖', '就业'], liaisonGroupId: 'lg-east' }),
        contactInput(`c-${tag}-lg`, { participantIds: ['lg-east', 'm-east2'], linkIds: ['l-east-lg'], channel: 'MEETING' }),
        contactInput(`c-${tag}-org`, { participantIds: ['m-pg', 'dp-cdl'], linkIds: ['l-org'], liaisonGroupId: 'lg-hexi' }),
      ];
      for (const variables of logs) {
        const res = await as(LOG_CONTACT, variables);
        expect(res.errors).toBeUndefined();
        expect(res.data.logContact.written).toBe(1);
      }
      const read = async (id: string) => (await as(`query($id: ID!) { contact(id: $id) { retracted corrections issues { issueId text } liaisonGroup { id } links { id scheme } } }`, { id })).data.contact;
      expect((await read(`c-${tag}-lg`)).links).toEqual([{ id: 'l-east-lg', scheme: 'LIAISON_GROUP' }]);
      expect((await read(`c-${tag}-org`)).liaisonGroup).toEqual({ id: 'lg-hexi' });

      const before = await read(`c-${tag}-east`);
      const corrected = await as(CORRECT, { input: { contactId: `c-${tag}-east`, issuesRaised: ['供暖', '物业管理'], reason: '问题记录有误' } });
      expect(corrected.errors).toBeUndefined();
      const after = await read(`c-${tag}-east`);
      expect(after.corrections).toBe(1);
      expect(after.issues[0]).toEqual(before.issues[0]);
      expect(after.issues[1].text).toBe('物业管理');
      expect(before.issues.map((i: { issueId: string }) => i.issueId)).not.toContain(after.issues[1].issueId);

      expect((await as(RETRACT, { input: { contactId: `c-${tag}-lg`, reason: '重复录入' } })).errors).toBeUndefined();
      expect((await read(`c-${tag}-lg`)).retracted).toBe(true);
      // And a contact another group's clerk logged.
      expect((await as(CORRECT, { input: { contactId: 'c-hexi-clerk', topic: `走访（${tag} 更正）`, reason: '主题有误' } })).errors).toBeUndefined();
    });

    it('reads every link, any party\'s timeline and what was said in any contact, as a leader does', async () => {
      const linkIds = async (t: string) => (await app.gql<any>(`{ links(first: 100) { edges { node { id } } } }`, {}, { token: t })).data.links.edges.map((e: any) => e.node.id);
      expect(await linkIds(token())).toEqual(await linkIds(app.tokens.ADMIN));
      expect(await linkIds(token())).toEqual(expect.arrayContaining(['l-pg-1', 'l-pm-1', 'l-east-pm', 'l-east-lg', 'l-org']));

      for (const partyId of ['m-east2', 'm-np', 'lg-east', 'dp-cdl']) {
        const query = `query($p: ID!) { timeline(partyId: $p, includeRetracted: true) { edges { node { id retracted summary issues { issueId text } } } } }`;
        const mine = await as(query, { p: partyId });
        expect(mine.errors).toBeUndefined();
        expect(mine.data.timeline.edges.length).toBeGreaterThan(0);
        expect(mine.data.timeline.edges.every((e: any) => e.node.summary !== null && e.node.issues !== null)).toBe(true);
        expect(mine.data).toEqual((await app.gql(query, { p: partyId }, { token: app.tokens.LEADER })).data);
      }
      for (const id of ['c-east-clerk', 'c-hexi-clerk']) {
        const query = `query($id: ID!) { contact(id: $id) { summary issues { issueId text } } }`;
        const res = await as(query, { id });
        expect(res.errors).toBeUndefined();
        expect(res.data.contact.summary).toBe(`${id} 谈了什么`);
        expect(res.data.contact.issues).toEqual([{ issueId: expect.any(String), text: id === 'c-east-clerk' ? '就业' : '停车难' }]);
        expect(res.data).toEqual((await app.gql(query, { id }, { token: app.tokens.LEADER })).data);
      }
    });

    it('subscribes to contactLogged without naming a group and hears of every group\'s contacts, unmasked', async () => {
      const sub = subscribe(app, token(), 'subscription { contactLogged { id summary liaisonGroup { id } } }');
      try {
        await new Promise((r) => setTimeout(r, 300));
        await must(app, LOG_CONTACT, contactInput(`c-${tag}-live-hexi`, { participantIds: ['m-pg', 'm-cpc2'], linkIds: ['l-pg-2'], liaisonGroupId: 'lg-hexi' }));
        const east = await app.gql(LOG_CONTACT, contactInput(`c-${tag}-live-east`, { participantIds: ['m-east1', 'm-east2'], liaisonGroupId: 'lg-east' }), { token: tokens.east });
        expect(east.errors).toBeUndefined();
        await until('both contacts delivered', () => sub.received.length >= 2);
        expect(sub.received).toEqual([
          { data: { contactLogged: { id: `c-${tag}-live-hexi`, summary: `c-${tag}-live-hexi 谈了什么`, liaisonGroup: { id: 'lg-hexi' } } } },
          { data: { contactLogged: { id: `c-${tag}-live-east`, summary: `c-${tag}-live-east 谈了什么`, liaisonGroup: { id: 'lg-east' } } } },
        ]);
      } finally {
        await sub.dispose();
      }
    });

    it.each([
      ['registering a locality', `mutation { registerLocality(input: { localityId: "loc-x", name: "新区", kind: TOWN }) { position } }`, undefined],
      ['registering a member', REGISTER_MEMBER, { input: member('m-x', 'CPC') }],
      ['registering an organization', REGISTER_ORG, { input: { organizationId: 'dp-x', kind: 'DEMOCRATIC_PARTY', name: '民进' } }],
      ['assigning a link', ASSIGN_LINK, { input: { linkId: 'l-x', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER', sourceId: 'm-pg', targetId: 'm-east1', requirement: REQUIREMENT, activeFrom: '2020-01-01' } }],
      ['ending a link', `mutation { endLink(input: { linkId: "l-pg-1", activeTo: "2020-06-30", reason: "调整" }) { position } }`, undefined],
      ['issuing a token', ISSUE, { input: { role: 'RECORDER', subject: 'x', grants: [{ kind: 'COMMITTEE_OFFICE' }] } }],
      ['revoking a token', `mutation { revokeToken(input: { tokenId: "any", reason: "x" }) { position } }`, undefined],
      ['reading coverage', `{ coverage(period: "2020-Q1") { due covered } }`, undefined],
      ['reading territorial coverage', `{ territorialCoverage(period: "2020") { covered } }`, undefined],
      ['reading the network', `{ network(period: "2020") { nodes { id } } }`, undefined],
      ['listing the tokens', `{ tokens { subject } }`, undefined],
    ])('is refused %s (FORBIDDEN), and nothing is written', async (_what, query, variables) => {
      await refusedWithout(app, 'FORBIDDEN', () => as(query, variables));
    });
  });

  describe('a liaison group\'s clerk', () => {
    it('issued with a LIAISON_GROUP grant logs for its group and is refused another group\'s contact', async () => {
      const as = (query: string, variables?: Record<string, unknown>) => app.gql<any>(query, variables, { token: tokens.hexiGrant });
      expect((await as(ME)).data.me).toMatchObject({ role: 'RECORDER', grants: [{ kind: 'LIAISON_GROUP', ids: ['lg-hexi'], id: null }], scope: { liaisonGroupIds: ['lg-hexi'], memberId: null } });
      expect((await as(LOG_CONTACT, contactInput('c-hexi-grant', { participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'], liaisonGroupId: 'lg-hexi' }))).errors).toBeUndefined();
      await refusedWithout(app, 'FORBIDDEN', () => as(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-east1', 'm-east2'], linkIds: ['l-east-pm'] })));
      await refusedWithout(app, 'FORBIDDEN', () => as(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'], liaisonGroupId: 'lg-east' })));
      await refusedWithout(app, 'FORBIDDEN', () => as(CORRECT, { input: { contactId: 'c-east-clerk', topic: '篡改', reason: 'r' } }));
      await refusedWithout(app, 'FORBIDDEN', () => as(RETRACT, { input: { contactId: 'c-east-clerk', reason: 'r' } }));
      expect((await as(`{ contact(id: "c-east-clerk") { summary } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('is told the mistake it can fix before any scope answer, and an unknown link exactly as another group\'s (issue 15: the order of checks)', async () => {
      const as = (query: string, variables?: Record<string, unknown>) => app.gql<any>(query, variables, { token: tokens.hexiGrant });
      // Shape first: one participant, a date that is none, with no group named (out of scope as it stands).
      expect(await refusedWithout(app, 'VALIDATION', () => as(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-east1'] })))).toMatchObject({ extensions: { field: 'participantIds' } });
      expect(await refusedWithout(app, 'VALIDATION', () => as(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-east1', 'm-east2'], occurredAt: '上周三' })))).toMatchObject({ extensions: { field: 'occurredAt' } });
      // Then who takes part: the roster is every recorder's to read, so an unknown participant is NOT_FOUND.
      const ghost = await refusedWithout(app, 'NOT_FOUND', () => as(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-ghost', 'm-east2'] })));
      expect(ghost.message).toContain('participant m-ghost');
      // A correction, too: its participants as corrected.
      await refusedWithout(app, 'VALIDATION', () => as(CORRECT, { input: { contactId: 'c-hexi-grant', participantIds: ['m-pg'], reason: 'r' } }));
      // A link not on record and another group's link get the same answer, in the same words.
      const own = { participantIds: ['m-pg', 'm-cpc1', 'm-east1', 'm-east2'], liaisonGroupId: 'lg-hexi' };
      const unknown = await refusedWithout(app, 'FORBIDDEN', () => as(LOG_CONTACT, contactInput('c-x', { ...own, linkIds: ['l-ghost'] })));
      const foreign = await refusedWithout(app, 'FORBIDDEN', () => as(LOG_CONTACT, contactInput('c-x', { ...own, linkIds: ['l-east-pm'] })));
      expect(unknown.message.replace('l-ghost', 'ID')).toBe(foreign.message.replace('l-east-pm', 'ID'));
      // The office reaches every link: for it, an unknown link is NOT_FOUND.
      await refusedWithout(app, 'NOT_FOUND', () => app.gql(LOG_CONTACT, contactInput('c-x', { ...own, linkIds: ['l-ghost'] }), { token: tokens.office }));
    });

    it('may not subscribe to everyone\'s contacts, as the office may', async () => {
      const sub = subscribe(app, tokens.hexiGrant, 'subscription { contactLogged { id } }');
      try {
        await until('the refusal', () => sub.received.length > 0);
        expect(sub.received[0]!.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      } finally {
        await sub.dispose();
      }
    });

    it('issued the old way (liaisonGroupIds) still works, and shows up as grants in me and tokens', async () => {
      // buildSmallNetwork's RECORDER token was issued with liaisonGroupIds: ['lg-hexi'].
      const me = await app.gql<any>(ME, {}, { token: app.tokens.RECORDER });
      expect(me.data.me).toEqual({ subject: 'test-recorder-hexi', role: 'RECORDER', grants: [{ kind: 'LIAISON_GROUP', ids: ['lg-hexi'], id: null }], scope: { liaisonGroupIds: ['lg-hexi'], memberId: null } });
      const both = await app.issueToken({ role: 'RECORDER', subject: 'two-groups', liaisonGroupIds: ['lg-hexi', 'lg-east', 'lg-hexi'] });
      const two = await app.gql<any>(ME, {}, { token: both.token });
      expect(two.data.me.grants).toEqual([{ kind: 'LIAISON_GROUP', ids: ['lg-east', 'lg-hexi'], id: null }]);
      const ofMember = await app.issueToken({ role: 'RECORDER', subject: 'member-np', memberId: 'm-np' });
      expect((await app.gql<any>(ME, {}, { token: ofMember.token })).data.me).toMatchObject({ grants: [{ kind: 'MEMBER', ids: null, id: 'm-np' }], scope: { liaisonGroupIds: [], memberId: 'm-np' } });
      const listed = (await app.gql<any>(`{ tokens { subject grants { kind ids id } } }`, {}, { token: app.tokens.ADMIN })).data.tokens;
      expect(listed).toEqual(
        expect.arrayContaining([
          { subject: 'two-groups', grants: [{ kind: 'LIAISON_GROUP', ids: ['lg-east', 'lg-hexi'], id: null }] },
          { subject: '委员会办公室录入员', grants: OFFICE_GRANTS },
          { subject: '办公室录入员（命令行）', grants: OFFICE_GRANTS },
        ]),
      );
      expect((await app.gql(LOG_CONTACT, contactInput('c-old-way', { participantIds: ['m-cpc1', 'm-np'], linkIds: ['l-pm-1'] }), { token: app.tokens.RECORDER })).errors).toBeUndefined();
      await refusedWithout(app, 'FORBIDDEN', () => app.gql(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-east1', 'm-east2'], linkIds: ['l-east-pm'] }), { token: app.tokens.RECORDER }));
    });
  });

  describe('grants that are refused, with coded errors and nothing written', () => {
    it.each([
      ['an unknown grant kind', { role: 'RECORDER', grants: [{ kind: 'WHOLE_PROVINCE' }] }, 'VALIDATION', 'grants[0].kind'],
      ['the office grant on a LEADER', { role: 'LEADER', grants: [{ kind: 'COMMITTEE_OFFICE' }] }, 'VALIDATION', 'grants[0]'],
      ['grants and liaisonGroupIds together', { role: 'RECORDER', grants: [{ kind: 'COMMITTEE_OFFICE' }], liaisonGroupIds: ['lg-hexi'] }, 'VALIDATION', 'grants'],
      ['an office grant naming groups', { role: 'RECORDER', grants: [{ kind: 'COMMITTEE_OFFICE', ids: ['lg-hexi'] }] }, 'VALIDATION', 'grants[0].ids'],
      ['a RECORDER with no grant', { role: 'RECORDER', grants: [] }, 'VALIDATION', 'grants'],
      ['a group grant for a group not registered', { role: 'RECORDER', grants: [{ kind: 'LIAISON_GROUP', ids: ['lg-nowhere'] }] }, 'NOT_FOUND', 'grants[0].ids'],
    ])('%s', async (_what, input, code, field) => {
      const count = async () => (await app.gql<any>(`{ tokens(includeInactive: true) { tokenId } }`, {}, { token: app.tokens.ADMIN })).data.tokens.length;
      const tokensBefore = await count();
      const error = await refusedWithout(app, code, () => app.gql(ISSUE, { input: { subject: 'refused', ...input } }));
      expect(error.extensions?.field).toBe(field);
      expect(await count()).toBe(tokensBefore);
    });

    it('refuses the CLI\'s --office on a LEADER and beside --group, and writes nothing', async () => {
      const before = (await app.health()).head;
      const leader = cli('issue-token', '--subject', 'x', '--role', 'LEADER', '--office', '--db', app.dataFile);
      expect([leader.status, leader.stdout]).toEqual([1, '']);
      expect(leader.stderr).toMatch(/^error: VALIDATION a COMMITTEE_OFFICE grant is for RECORDER tokens/);
      const mixed = cli('issue-token', '--subject', 'x', '--role', 'RECORDER', '--office', '--group', 'lg-hexi', '--db', app.dataFile);
      expect([mixed.status, mixed.stdout]).toEqual([expect.any(Number), '']);
      expect(mixed.status).not.toBe(0);
      expect(mixed.stderr).toContain('--office covers every contact');
      expect((await app.health()).head).toBe(before);
    });
  });
});

describe('a token issued before grants (scope in its event and in its JWT)', () => {
  const SECRET = 'old-style-tokens-test-secret-0123456789abcdef';
  let dir: string;
  let dataFile: string;
  let app: TestApp | undefined;
  const old = { tokenId: randomUUID(), token: '', memberTokenId: randomUUID(), memberToken: '' };
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();

  /** Signed as the code before grants signed it: `scope` instead of `grants`. */
  const signTheOldWay = (tokenId: string, subject: string, scope: { liaisonGroupIds: string[]; memberId: string | null }) =>
    new SignJWT({ role: 'RECORDER', scope })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setJti(tokenId)
      .setIssuer('liaison-network')
      .setAudience('liaison-api')
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.parse(expiresAt) / 1000))
      .sign(new TextEncoder().encode(SECRET));

  beforeAll(async () => {
    dir = tempDir('grants-old-token-');
    dataFile = join(dir, 'liaison.db');
    // The network, through today's API; then the app stops.
    const setup = await startApp({ dataFile, config: { jwtSecret: SECRET } });
    await buildSmallNetwork(setup);
    await addEastAndMoreLinks(setup);
    await setup.close();

    // TokenIssued events in their shape before grants, appended as the write path appended them then.
    const store = new SqliteEventStore({ file: dataFile });
    const appendOld = (tokenId: string, subject: string, scope: { liaisonGroupIds: string[]; memberId: string | null }) => {
      const correlationId = randomUUID();
      return store.appendToStream(
        `token-${tokenId}`,
        [{ id: newEventId(), type: 'TokenIssued', data: { tokenId, subject, role: 'RECORDER', scope, expiresAt, issuedBy: 'old-operator' }, metadata: { actor: 'old-operator', via: 'operator', command: 'IssueToken', correlationId, causationId: correlationId } }],
        { expectedVersion: 'NO_STREAM' },
      );
    };
    try {
      await appendOld(old.tokenId, 'old-hexi-clerk', { liaisonGroupIds: ['lg-hexi'], memberId: null });
      await appendOld(old.memberTokenId, 'old-member-clerk', { liaisonGroupIds: [], memberId: 'm-np' });
      const recorded = (await store.readAll()).filter((e) => e.type === 'TokenIssued' && e.metadata.actor === 'old-operator');
      expect(recorded.map((e) => e.data)).toEqual([expect.not.objectContaining({ grants: expect.anything() }), expect.not.objectContaining({ grants: expect.anything() })]);
    } finally {
      await store.close();
    }
    old.token = await signTheOldWay(old.tokenId, 'old-hexi-clerk', { liaisonGroupIds: ['lg-hexi'], memberId: null });
    old.memberToken = await signTheOldWay(old.memberTokenId, 'old-member-clerk', { liaisonGroupIds: [], memberId: 'm-np' });
    // The app boots on that store and reads the old events from zero.
    app = await startApp({ dataFile, config: { jwtSecret: SECRET } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    removeDir(dir);
  });

  it('authenticates, and me shows its scope as grants', async () => {
    const me = await app!.gql<any>(`{ me { subject role tokenId expiresAt grants { kind ids id } scope { liaisonGroupIds memberId } } }`, {}, { token: old.token });
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toEqual({
      subject: 'old-hexi-clerk',
      role: 'RECORDER',
      tokenId: old.tokenId,
      expiresAt,
      grants: [{ kind: 'LIAISON_GROUP', ids: ['lg-hexi'], id: null }],
      scope: { liaisonGroupIds: ['lg-hexi'], memberId: null },
    });
    const member = await app!.gql<any>(ME, {}, { token: old.memberToken });
    expect(member.data.me).toMatchObject({ grants: [{ kind: 'MEMBER', ids: null, id: 'm-np' }], scope: { liaisonGroupIds: [], memberId: 'm-np' } });
  });

  it('logs a contact in its group and is refused another group\'s', async () => {
    const logged = await app!.gql<any>(LOG_CONTACT, contactInput('c-old-token', { participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'], liaisonGroupId: 'lg-hexi' }), { token: old.token });
    expect(logged.errors).toBeUndefined();
    expect(logged.data.logContact.written).toBe(1);
    const history = await app!.gql<any>(`{ history(entityId: "c-old-token") { actor } }`, {}, { token: app!.tokens.AUDITOR });
    expect(history.data.history).toEqual([{ actor: 'old-hexi-clerk' }]);
    await refusedWithout(app!, 'FORBIDDEN', () => app!.gql(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-east1', 'm-east2'], linkIds: ['l-east-pm'], liaisonGroupId: 'lg-east' }), { token: old.token }));
    await refusedWithout(app!, 'FORBIDDEN', () => app!.gql(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-east1', 'm-east2'], linkIds: ['l-east-pm'] }), { token: old.token }));
    // The old member-scoped token logs its member's contacts only.
    expect((await app!.gql<any>(LOG_CONTACT, contactInput('c-old-member', { participantIds: ['m-cpc1', 'm-np'], linkIds: ['l-pm-1'] }), { token: old.memberToken })).errors).toBeUndefined();
    await refusedWithout(app!, 'FORBIDDEN', () => app!.gql(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'] }), { token: old.memberToken }));
  });

  it('is listed with its grants, and an old token whose claims disagree with the record is refused', async () => {
    const listed = await app!.gql<any>(`{ tokens { tokenId subject role issuedBy grants { kind ids id } scope { liaisonGroupIds memberId } } }`, {}, { token: app!.tokens.ADMIN });
    expect(listed.errors).toBeUndefined();
    expect(listed.data.tokens).toEqual(
      expect.arrayContaining([
        { tokenId: old.tokenId, subject: 'old-hexi-clerk', role: 'RECORDER', issuedBy: 'old-operator', grants: [{ kind: 'LIAISON_GROUP', ids: ['lg-hexi'], id: null }], scope: { liaisonGroupIds: ['lg-hexi'], memberId: null } },
        { tokenId: old.memberTokenId, subject: 'old-member-clerk', role: 'RECORDER', issuedBy: 'old-operator', grants: [{ kind: 'MEMBER', ids: null, id: 'm-np' }], scope: { liaisonGroupIds: [], memberId: 'm-np' } },
      ]),
    );
    // Same id, an old-style scope that widens the record: refused.
    const widened = await signTheOldWay(old.tokenId, 'old-hexi-clerk', { liaisonGroupIds: ['lg-hexi', 'lg-east'], memberId: null });
    expect((await app!.gql(ME, {}, { token: widened })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('is revoked like any other token', async () => {
    const revoked = await app!.gql<any>(`mutation($id: ID!) { revokeToken(input: { tokenId: $id, reason: "换发新令牌" }) { written } }`, { id: old.tokenId }, { token: app!.tokens.ADMIN });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeToken.written).toBe(1);
    expect((await app!.gql(ME, {}, { token: old.token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
