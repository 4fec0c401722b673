import { describe, expect, it } from '@jest/globals';
import { parseInstant, toMs } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import {
  contact,
  corrected,
  ended,
  liaisonGroup,
  link,
  locality,
  member,
  organization,
  person,
  plenary,
  reassigned,
  record,
  recordedAt,
  retracted,
} from '#testing';
import {
  LiaisonView,
  ProjectionRunner,
  contactTimeline,
  coverage,
  coverageSeries,
  linkUsage,
  listLiaisonGroups,
  listLinks,
  listMembers,
  networkGraph,
  reach,
  staleLinks,
  territorialCoverage,
  usageHistogram,
} from '../index.js';

const late = contact('c3', '2020-03-30', ['cpc1', 'np1', 'np2'], { links: ['l1'] });
const history = record([
  organization('sector-1', 'SECTOR'),
  organization('sc-1', 'SPECIAL_COMMITTEE'),
  locality('loc-a'),
  locality('loc-b'),
  person('p-a'),
  liaisonGroup('g-a', 'loc-a', 'p-a'),
  member('cpc1', { affiliation: 'CPC', roles: [{ kind: 'CONVENER', bodyId: 'sector-1' }] }),
  member('cpc2', { affiliation: 'CPC' }),
  member('np1', { liaisonGroupId: 'g-a' }),
  member('np2'),
  plenary('s1', '2020-01-10', '2020-01-15'),
  link('l1', 'cpc1', 'np1'),
  link('l2', 'cpc1', 'np2', { scheme: 'CONVENER', min: 1, per: 'MONTH' }),
  link('l3', 'g-a', 'np1', { scheme: 'LIAISON_GROUP', from: '2020-02-01' }),
  contact('c1', '2020-01-12', ['cpc1', 'np2'], { links: ['l2'] }),
  contact('c2', '2020-02-03', ['cpc1', 'np1'], { links: ['l1'], liaisonGroupId: 'g-a' }),
  recordedAt('2020-04-20', late),
  contact('c4', '2020-02-20', ['g-a', 'np1'], { links: ['l3'] }),
  corrected(late, { occurredAt: '2020-04-02' }),
  contact('c5', '2020-05-01', ['cpc1', 'np2'], { links: ['l2'] }),
  retracted('c5'),
  contact('c5', '2020-05-01', ['cpc1', 'np2'], { links: ['l2'] }), // a duplicate: skipped
  reassigned('l1', 'cpc1', 'cpc2', '2020-05-01'),
  ended('l2', '2020-06-01'),
]);
const ON = toMs(parseInstant('2020-06-30', 'on'));

/** Every query the dashboards ask, over one model. */
const answers = (model: LiaisonView) => ({
  position: model.position,
  skipped: model.skipped,
  coverage: ['2020', '2020-H1', '2020-Q1', '2020-04'].map((period) => coverage(model, { period })),
  series: coverageSeries(model, { from: toMs(parseInstant('2020-01-01', 'from')), to: ON, per: 'MONTH' }),
  reach: ['2020-Q1', '2020-Q2'].map((period) => reach(model, { period, scheme: 'PARTY_MEMBER_TO_NON_PARTY' })),
  territorial: territorialCoverage(model, { period: '2020-H1' }),
  usage: ['l1', 'l2', 'l3'].map((linkId) => linkUsage(model, { linkId, per: 'MONTH', on: ON })),
  histogram: usageHistogram(model, { period: '2020-Q1' }),
  stale: staleLinks(model, { days: 30, on: ON }),
  graph: networkGraph(model, { period: '2020' }),
  members: listMembers(model),
  groups: listLiaisonGroups(model),
  links: listLinks(model),
  timeline: contactTimeline(model, { partyId: 'cpc1', includeRetracted: true }),
});

const fold = (events = history) => {
  const model = new LiaisonView();
  for (const e of events) model.apply(e);
  return model;
};

/** A seeded shuffle (Park–Miller), so a failure names the delivery order that caused it. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('the liaison projections under replay', () => {
  it('answers every query alike when each event also arrives again, late and out of order, as a resubscription delivers it', () => {
    for (const seed of [1, 7, 42, 2020]) {
      const model = new LiaisonView();
      for (const [i, e] of history.entries()) {
        model.apply(e);
        // After each event, a shuffled handful of those already delivered come again (and this one twice).
        for (const again of shuffled(history.slice(0, i + 1), seed + i).slice(0, 3)) model.apply(again);
        model.apply(e);
      }
      expect(answers(model)).toEqual(answers(fold()));
    }
  });

  it('changes nothing when a log already folded is applied again', () => {
    const model = fold();
    const before = answers(model);
    for (const e of history) model.apply(e);
    expect(answers(model)).toEqual(before);
  });

  it('answers with the figures this history implies', () => {
    const a = answers(fold());
    expect([a.skipped, a.coverage[2].map((c) => [c.scheme, c.due, c.covered]).filter(([, due]) => due), a.reach[1].reached, a.territorial.covered]).toEqual([
      1,
      [
        ['PARTY_MEMBER_TO_NON_PARTY', 1, 0],
        ['LIAISON_GROUP', 1, 0],
        ['CONVENER', 1, 0],
      ],
      1,
      1,
    ]);
  });

  it('gives the same answers through the in-memory store and two checkpointed runners as from the fold', async () => {
    const store = new InMemoryEventStore();
    for (const e of history) await store.appendToStream(e.streamId, [{ id: e.id, type: e.type, data: e.data }], { expectedVersion: 'ANY' });
    const [a, b] = [new ProjectionRunner(store, new LiaisonView(), { pageSize: 5 }), new ProjectionRunner(store, new LiaisonView())];
    await Promise.all([a.catchUp(), b.catchUp()]);
    // The store stamps its own recordedAt, so compare what does not depend on store time.
    const { timeline: _ta, ...fromA } = answers(a.model);
    const { timeline: _tb, ...fromB } = answers(b.model);
    const { timeline: _tf, ...fromFold } = answers(fold());
    expect([fromA, fromB]).toEqual([fromFold, fromFold]);
    await store.close();
  });
});
