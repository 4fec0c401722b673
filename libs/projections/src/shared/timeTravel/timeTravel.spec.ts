import { describe, expect, it } from '@jest/globals';
import { parseInstant, toMs } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import { RecordedEvent } from '#event-store/eventStore';
import { contact, corrected, domainError, link, member, organization, plenary, reassigned, record, recordedAt, retracted } from '#testing';
import { coverage, linkUsage, networkGraph, reach, staleLinks, territorialCoverage, usageHistogram } from '../../index.js';
import { LiaisonView } from '../../liaison/liaisonView.js';
import { ProjectionRunner } from '../runner.js';
import { ProjectionSet } from '../projection.js';
import { createProjections } from '../../systems.js';
import { TimeTravel } from './timeTravel.js';

const c1 = contact('c1', '2020-01-20', ['cpc1', 'np1'], { links: ['l1'] });
const c2 = contact('c2', '2020-02-10', ['cpc1', 'np2'], { links: ['l2'] });
const history = record([
  organization('sector-1', 'SECTOR'),
  organization('sc-1', 'SPECIAL_COMMITTEE'),
  member('cpc1', { affiliation: 'CPC', roles: [{ kind: 'CONVENER', bodyId: 'sector-1' }] }),
  member('cpc2', { affiliation: 'CPC' }),
  member('np1'),
  member('np2'),
  plenary('s1', '2020-01-10', '2020-01-15'),
  link('l1', 'cpc1', 'np1', { min: 1, per: 'QUARTER' }),
  link('l2', 'cpc1', 'np2', { min: 1, per: 'MONTH' }),
  recordedAt('2020-02-01', c1),
  recordedAt('2020-02-11', c2),
  // Logged in April for March: Q1 as known on 1 April differs from Q1 as known now.
  recordedAt('2020-04-10', contact('c3', '2020-03-20', ['cpc1', 'np2'], { links: ['l2'] })),
  // Corrected and retracted long after the copies that hold c1 and c2 were kept.
  recordedAt('2020-05-02', corrected(c1, { occurredAt: '2020-04-02' })),
  recordedAt('2020-05-03', retracted('c2')),
  recordedAt('2020-05-04', reassigned('l1', 'cpc1', 'cpc2', '2020-05-01')),
  recordedAt('2020-05-05', contact('c4', '2020-05-04', ['cpc2', 'np1'], { links: ['l1'] })),
]);
const ON = toMs(parseInstant('2020-06-30', 'on'));

/** What the dashboards show, from one model. */
const figures = (m: LiaisonView) => ({
  position: m.position,
  skipped: m.skipped,
  coverage: ['2020-Q1', '2020-Q2', '2020-02'].map((period) => coverage(m, { period })),
  reach: reach(m, { period: '2020-Q1', scheme: 'PARTY_MEMBER_TO_NON_PARTY' }),
  territorial: territorialCoverage(m, { period: '2020' }),
  usage: [...m.links.keys()].map((linkId) => linkUsage(m, { linkId, per: 'MONTH', on: ON })),
  histogram: usageHistogram(m, { period: '2020-Q1' }),
  stale: staleLinks(m, { days: 20, on: ON }),
  graph: networkGraph(m, { period: '2020-H1' }),
});

/** The log in an in-memory store that stamps each event with its stated recorded-at. */
async function storeWith(events: RecordedEvent[]) {
  let now = new Date(0);
  const store = new InMemoryEventStore({ clock: () => now });
  for (const e of events) {
    now = new Date(e.recordedAt);
    await store.appendToStream(e.streamId, [{ id: e.id, type: e.type, data: e.data }], { expectedVersion: 'ANY' });
  }
  return store;
}

async function following(events: RecordedEvent[], snapshotEvery: number) {
  const store = await storeWith(events);
  const runner = new ProjectionRunner(store, createProjections());
  const timeTravel = new TimeTravel(store, { snapshotEvery, empty: createProjections });
  timeTravel.attach(runner);
  await runner.catchUp();
  return { store, runner, timeTravel };
}

const foldedUpTo = (position: number) => {
  const model = new LiaisonView();
  for (const e of history) if (e.position <= position) model.apply(e);
  return model;
};

/** A read of the liaison view of whatever set time travel answers from. */
const liaison = <T>(read: (m: LiaisonView) => T) => (set: ProjectionSet) => read(LiaisonView.of(set));

describe('time travel', () => {
  it('answers every figure as of every position exactly as a model folded up to it, from copies kept every 4 events', async () => {
    const { timeTravel, store } = await following(history, 4);
    expect(timeTravel.snapshotPositions()).toEqual([4, 8, 12, 16]);
    for (let position = 1; position <= history.length; position++) {
      expect(await timeTravel.answerAt(position, liaison(figures))).toEqual(figures(foldedUpTo(position)));
    }
    await store.close();
  });

  it('answers as a fold does when a contact is logged and retracted after the copy it starts from, beside a duplicate of the same time (one page)', async () => {
    const c5 = contact('c5', '2020-05-04', ['cpc2', 'np1'], { links: ['l1'] });
    const more = record([...history.map(({ position: _p, revision: _r, id: _i, streamId: _s, metadata: _m, ...e }) => e as never), recordedAt('2020-05-06', c5), recordedAt('2020-05-07', retracted('c5'))]);
    // No copy is kept (every 1,000 events): every answer is folded from the start, in one page.
    const { timeTravel, store } = await following(more, 1000);
    const fold = (position: number) => {
      const model = new LiaisonView();
      for (const e of more) if (e.position <= position) model.apply(e);
      return model;
    };
    for (const position of [more.length - 1, more.length]) expect(await timeTravel.answerAt(position, liaison(figures))).toEqual(figures(fold(position)));
    expect((await timeTravel.answerAt(more.length, liaison((m) => m.links.get('l1')!.contactTimes.size)))).toBe(2);
    await store.close();
  });

  it('reads an instant as the longest prefix of the record all recorded by then, and a position as itself', async () => {
    const { timeTravel, store } = await following(history, 4);
    const now = Date.parse('2021-01-01T00:00:00Z');
    expect(timeTravel.resolve('2020-04-01', now)).toEqual({ position: 11, atMs: toMs(parseInstant('2020-04-01', 'asOf')) });
    expect(timeTravel.resolve('2020-04-10T00:00:00.000Z', now).position).toBe(12);
    expect(timeTravel.resolve('2020-12-31', now).position).toBe(history.length);
    expect(timeTravel.resolve('11', now)).toEqual({ position: 11, atMs: Date.parse('2020-02-11T00:00:00.000Z') - 8 * 3600_000 });
    // March, as known on 1 April (c3 not yet logged) and as known now.
    const march = (m: LiaisonView) => coverage(m, { period: '2020-03', scheme: 'PARTY_MEMBER_TO_NON_PARTY' })[0]!;
    const asOfApril = timeTravel.resolve('2020-04-01', now).position;
    expect(await timeTravel.answerAt(asOfApril, liaison(march))).toMatchObject({ due: 2, covered: 0 });
    expect(await timeTravel.answerAt(history.length, liaison(march))).toMatchObject({ due: 2, covered: 1 });
    await store.close();
  });

  it('refuses an asOf in the future, beyond the head, or before the first event', async () => {
    const { timeTravel, store } = await following(history, 4);
    const now = Date.parse('2021-01-01T00:00:00Z');
    expect(() => timeTravel.resolve('2021-01-02', now)).toThrow(domainError('VALIDATION', 'is in the future'));
    expect(() => timeTravel.resolve(String(history.length + 1), now)).toThrow(domainError('VALIDATION', 'beyond the head'));
    expect(() => timeTravel.resolve('0', now)).toThrow(domainError('VALIDATION', 'before the first event'));
    expect(() => timeTravel.resolve('2017-12-31', now)).toThrow(domainError('VALIDATION', 'before the first event'));
    expect(() => timeTravel.resolve('last week', now)).toThrow(domainError('VALIDATION', 'is not a date'));
    // Tokens keep no past: a read that names them cannot be answered as of a moment.
    await expect(timeTravel.answerAt(3, (set) => set.position, ['tokens'])).rejects.toThrow(domainError('VALIDATION', 'asOf cannot be answered from tokens'));
    expect(() => new TimeTravel(store, { snapshotEvery: 10, empty: createProjections }).resolve('1', now)).toThrow(domainError('VALIDATION', 'the record is empty'));
    await store.close();
  });
});
