/**
 * The auditors' questions through the API, on a SQLite store whose clock the test sets, so that
 * "recorded at" is a date of the scenario: contacts logged late and corrected after the period.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import { GqlResponse, TestApp, startApp, tempDir } from './support/app.js';
import { LOG_CONTACT, buildSmallNetwork, must } from './support/smallNetwork.js';

let app: TestApp;
let clockMs = Date.parse('2020-01-02T01:00:00Z');
const recordAt = (instant: string) => (clockMs = Date.parse(instant));
const positions: Record<string, number> = {};
let storeFile = '';

/** As an AUDITOR: the raw record is theirs alone. */
async function audit<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await app.gql<T>(query, variables, { token: app.tokens.AUDITOR });
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}
const codeOf = (res: GqlResponse<unknown>) => res.errors?.[0]?.extensions?.code;

const log = (contactId: string, occurredAt: string, participantIds: string[], linkIds: string[]) => ({
  input: { contactId, occurredAt, participantIds, linkIds, channel: 'VISIT', topic: '走访', liaisonGroupId: 'lg-hexi' },
});
const COVERAGE = `query($period: String!, $asOf: String) { coverage(period: $period, scheme: PARTY_GROUP_TO_PARTY_MEMBER, asOf: $asOf) { due covered byTarget { id covered } } }`;

beforeAll(async () => {
  storeFile = join(tempDir('audit-e2e-'), 'liaison.db');
  const store = new SqliteEventStore({ file: storeFile, clock: () => new Date(clockMs) });
  app = await startApp({ store, config: { sealEvery: 10, snapshotEvery: 7 } });
  await buildSmallNetwork(app);
  // Q1 2020, as it was recorded: c1 on time; c2, which happened in March, logged only on 10 April;
  // then c1 corrected on 15 April: it happened on 2 April, not in February.
  recordAt('2020-02-11T02:00:00Z');
  positions.c1 = (await must<any>(app, LOG_CONTACT, log('c1', '2020-02-10', ['m-pg', 'm-cpc1'], ['l-pg-1']))).logContact.position;
  recordAt('2020-04-10T02:00:00Z');
  positions.c2 = (await must<any>(app, LOG_CONTACT, log('c2', '2020-03-20', ['m-pg', 'm-cpc2'], ['l-pg-2']))).logContact.position;
  recordAt('2020-04-15T02:00:00Z');
  await must(app, `mutation { correctContact(input: { contactId: "c1", occurredAt: "2020-04-02", reason: "日期记错了" }) { position } }`);
}, 60_000);
afterAll(async () => app?.close());

describe('time travel: what the dashboard said then, against the period as known now', () => {
  it('gives Q1 as known on 1 April and Q1 as known now, which differ by the late contact and the correction', async () => {
    const asKnownThen = await must<any>(app, COVERAGE, { period: '2020-Q1', asOf: '2020-04-01' });
    const asKnownNow = await must<any>(app, COVERAGE, { period: '2020-Q1' });
    expect(asKnownThen.coverage[0]).toEqual({ due: 2, covered: 1, byTarget: [{ id: 'm-cpc1', covered: 1 }, { id: 'm-cpc2', covered: 0 }] });
    expect(asKnownNow.coverage[0]).toEqual({ due: 2, covered: 1, byTarget: [{ id: 'm-cpc1', covered: 0 }, { id: 'm-cpc2', covered: 1 }] });
    // A position works as well as an instant: just before c2 was logged is the same dashboard.
    expect((await must<any>(app, COVERAGE, { period: '2020-Q1', asOf: String(positions.c2! - 1) })).coverage).toEqual(asKnownThen.coverage);
  });

  it('takes asOf on every figure, and counts days since from that moment', async () => {
    const then = await must<any>(app, `{
      reach(period: "2020-Q1", scheme: PARTY_GROUP_TO_PARTY_MEMBER, asOf: "2020-04-01") { reached targets }
      territorialCoverage(period: "2020-Q1", asOf: "2020-04-01") { covered }
      usageHistogram(period: "2020-Q1", asOf: "2020-04-01") { due }
      network(period: "2020-Q1", asOf: "2020-04-01") { edges { linkId weight } }
      coverageSeries(from: "2020-01-01", to: "2020-06-30", per: QUARTER, scheme: PARTY_GROUP_TO_PARTY_MEMBER, asOf: "2020-04-01") { schemes { covered } }
      linkUsage(linkId: "l-pg-1", per: QUARTER, asOf: "2020-04-01") { total lastContactAt daysSinceLast }
      staleLinks(days: 30, scheme: PARTY_GROUP_TO_PARTY_MEMBER, asOf: "2020-04-01") { edges { node { linkId daysSinceLast } } }
      link(id: "l-pg-1") { now: usage(per: QUARTER) { total lastContactAt } then: usage(per: QUARTER, asOf: "2020-04-01") { total lastContactAt } }
    }`);
    expect(then.reach).toEqual({ reached: 1, targets: 2 });
    expect(then.territorialCoverage.covered).toBe(1);
    expect(then.network.edges).toEqual(expect.arrayContaining([{ linkId: 'l-pg-1', weight: 1 }, { linkId: 'l-pg-2', weight: 0 }]));
    expect(then.coverageSeries.map((p: any) => p.schemes[0].covered)).toEqual([1, 0]);
    // 10 February (committee midnight) to 1 April: 51 days, as the dashboard said on 1 April.
    expect(then.linkUsage).toEqual({ total: 1, lastContactAt: '2020-02-09T16:00:00.000Z', daysSinceLast: 51 });
    expect(then.staleLinks.edges.map((e: any) => e.node)).toEqual([{ linkId: 'l-pg-2', daysSinceLast: null }, { linkId: 'l-pg-1', daysSinceLast: 51 }]);
    expect(then.link.then).toEqual({ total: 1, lastContactAt: '2020-02-09T16:00:00.000Z' });
    expect(then.link.now).toEqual({ total: 1, lastContactAt: '2020-04-01T16:00:00.000Z' });
  });

  it('refuses an asOf in the future, before the first event, beyond the head, or not a date', async () => {
    for (const asOf of ['2099-01-01', '2019-06-30', '999999', '1 April']) {
      const res = await app.gql(COVERAGE, { period: '2020-Q1', asOf });
      expect([asOf, codeOf(res), res.errors?.[0]?.extensions?.field]).toEqual([asOf, 'VALIDATION', 'asOf']);
    }
  });
});

describe('history and the raw log', () => {
  it('lists every event about a contact with who, when recorded, when it happened, why, and its correlation', async () => {
    const { history } = await audit(`{ history(entityId: "c1") { position type actor recordedAt occurredAt reason correlationId causationId data } }`);
    expect(history).toEqual([
      expect.objectContaining({ position: positions.c1, type: 'ContactLogged', actor: 'test-recorder-hexi', recordedAt: '2020-02-11T02:00:00.000Z', occurredAt: '2020-02-09T16:00:00.000Z', reason: null }),
      expect.objectContaining({ type: 'ContactCorrected', actor: 'test-recorder-hexi', recordedAt: '2020-04-15T02:00:00.000Z', occurredAt: '2020-04-01T16:00:00.000Z', reason: '日期记错了' }),
    ]);
    for (const e of history) expect(e.causationId).toBe(e.correlationId);
    expect(history[0].correlationId).not.toBe(history[1].correlationId);
    expect(history[1].data).toMatchObject({ contactId: 'c1', occurredAt: '2020-04-01T16:00:00.000Z' });
  });

  it('lists a member\'s own events, and with includeRelated its links and contacts too; an unknown id is NOT_FOUND', async () => {
    const own = await audit(`{ history(entityId: "m-cpc1") { type streamId } }`);
    expect(own.history).toEqual([{ type: 'MemberRegistered', streamId: 'member-m-cpc1' }]);
    const related = await audit(`{ history(entityId: "m-cpc1", includeRelated: true) { type streamId } }`);
    expect(related.history.map((e: any) => e.streamId)).toEqual(['member-m-cpc1', 'link-l-pg-1', 'link-l-pm-1', 'contact-c1', 'contact-c1']);
    const unknown = await app.gql(`{ history(entityId: "m-nobody") { type } }`, undefined, { token: app.tokens.AUDITOR });
    expect([codeOf(unknown), unknown.errors?.[0]?.extensions?.field]).toEqual(['NOT_FOUND', 'entityId']);
    // The raw record holds every summary and token event: it is the auditors'.
    expect(codeOf(await app.gql(`{ history(entityId: "c1") { type } }`))).toBe('FORBIDDEN');
  });

  it('pages through the raw log with cursors, filtered by type, stream, actor and recorded-at range', async () => {
    const EVENTS = `query($first: Int, $after: String, $types: [String!], $streamId: String, $actor: String, $from: String, $to: String) {
      events(first: $first, after: $after, types: $types, streamId: $streamId, actor: $actor, recordedFrom: $from, recordedTo: $to) {
        edges { cursor node { position type streamId actor } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await audit(EVENTS, { first: 3 })).events;
    expect(first.edges.map((e: any) => e.node.position)).toEqual([1, 2, 3]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await audit(EVENTS, { first: 3, after: first.pageInfo.endCursor })).events;
    expect(next.edges.map((e: any) => e.node.position)).toEqual([4, 5, 6]);

    const late = (await audit(EVENTS, { actor: 'test-recorder-hexi', from: '2020-04-01', to: '2020-05-01' })).events;
    expect(late.edges.map((e: any) => [e.node.type, e.node.streamId])).toEqual([
      ['ContactLogged', 'contact-c2'],
      ['ContactCorrected', 'contact-c1'],
    ]);
    expect(late.pageInfo.hasNextPage).toBe(false);
    expect((await audit(EVENTS, { types: ['ContactCorrected', 'ContactRetracted'] })).events.edges).toHaveLength(1);
    const seals = (await audit(EVENTS, { streamId: 'audit-seals' })).events.edges;
    expect(seals.length).toBeGreaterThanOrEqual(1);
    expect(seals.every((e: any) => e.node.type === 'LogSealed' && e.node.actor === 'system:sealer')).toBe(true);
  });
});

describe('integrity and replay', () => {
  it('seals on demand, and verifies the whole record against its seals and the hash an auditor kept', async () => {
    const SEAL = `mutation { seal { written { position count events hash sealPosition } last { sealPosition } } }`;
    // Whatever the seals written every 10 events left over is sealed first; then exactly one
    // event is unsealed, and a seal on demand covers it.
    await audit(SEAL);
    recordAt('2020-05-01T02:00:00Z');
    const c3 = (await must<any>(app, LOG_CONTACT, log('c3', '2020-04-20', ['m-cpc1', 'm-np'], ['l-pm-1']))).logContact.position;
    positions.c3 = c3;
    const sealed = await audit(SEAL);
    expect(sealed.seal.written).toEqual([expect.objectContaining({ position: c3, count: c3, events: 2, sealPosition: c3 + 1 })]);
    const seal = sealed.seal.written[0];
    const again = await audit(`mutation { seal { written { hash } last { sealPosition } } }`);
    expect(again.seal).toEqual({ written: [], last: { sealPosition: seal.sealPosition } });

    const { verify } = await audit(`query($h: String) { verify(expect: $h) { ok events headPosition sealsVerified unsealed expectedHashReachedAt firstProblem { position } lastSeal { hash } } }`, { h: seal.hash });
    expect(verify).toMatchObject({ ok: true, headPosition: seal.sealPosition, unsealed: 1, expectedHashReachedAt: seal.position, firstProblem: null, lastSeal: { hash: seal.hash } });
    // Written every 10 events by the API (sealEvery: 10), and the one asked for.
    expect(verify.sealsVerified).toBeGreaterThanOrEqual(2);
    const bad = await app.gql(`{ verify(expect: "not-a-hash") { ok } }`, undefined, { token: app.tokens.AUDITOR });
    expect(codeOf(bad)).toBe('VALIDATION');
  });

  it('replays every read model from the record and finds the live one and its time-travel copies identical', async () => {
    const { replay } = await audit(`{ replay { events eventsPerSecond identical readModels { readModel identical differences { key } } } }`);
    expect(replay.identical).toBe(true);
    expect(replay.readModels[0]).toEqual({ readModel: 'network', identical: true, differences: [] });
    expect(replay.readModels.length).toBeGreaterThan(1);
    expect(replay.eventsPerSecond).toBeGreaterThan(0);
  });

  it('verify names a recorded-at shifted in the file, and a data cell that is not JSON, by position and code', async () => {
    // Edits the file behind the server's back, as someone with the disk could, and puts it back after each check.
    const edit = (sql: string, args: unknown[]) => {
      const db = new Database(storeFile);
      try {
        db.prepare(sql).run(...args);
      } finally {
        db.close();
      }
    };
    const cell = (column: 'data' | 'recorded_at', position: number) => {
      const db = new Database(storeFile, { readonly: true });
      try {
        return db.prepare(`SELECT ${column} FROM events WHERE position = ?`).pluck().get(position) as string;
      } finally {
        db.close();
      }
    };
    const VERIFY = `{ verify { ok form2From hashedThrough headPosition firstProblem { position kind message } problemCount } }`;
    const before = (await audit(VERIFY)).verify;
    // The API's seals (every 10 events) switched the log to form 2 long before c3.
    expect(before).toMatchObject({ ok: true, firstProblem: null });
    expect(before.form2From).toBeLessThan(positions.c3!);

    const recordedAt = cell('recorded_at', positions.c3!);
    expect(recordedAt).toBe('2020-05-01T02:00:00.000Z');
    edit('UPDATE events SET recorded_at = ? WHERE position = ?', ['2020-03-01T02:00:00.000Z', positions.c3]);
    try {
      const { verify } = await audit(VERIFY);
      expect(verify).toMatchObject({ ok: false, firstProblem: { position: positions.c3, kind: 'CHAIN_MISMATCH' } });
    } finally {
      edit('UPDATE events SET recorded_at = ? WHERE position = ?', [recordedAt, positions.c3]);
    }

    const data = cell('data', positions.c1!);
    edit('UPDATE events SET data = ? WHERE position = ?', ['{"contactId":', positions.c1]);
    try {
      const { verify } = await audit(VERIFY);
      expect(verify).toMatchObject({ ok: false, hashedThrough: positions.c1! - 1, headPosition: before.headPosition, problemCount: 1 });
      expect(verify.firstProblem).toEqual({ position: positions.c1, kind: 'UNREADABLE_EVENT', message: expect.stringContaining(`the event at position ${positions.c1} (stream contact-c1, revision 0) cannot be read: its data is not JSON`) });
    } finally {
      edit('UPDATE events SET data = ? WHERE position = ?', [data, positions.c1]);
    }
    expect((await audit(VERIFY)).verify).toEqual(before);
  });
});
