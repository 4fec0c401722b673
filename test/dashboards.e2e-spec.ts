/** Every dashboard query through the API, on a small network whose figures can be worked out by hand. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, startApp } from './support/app.js';
import { LOG_CONTACT, buildSmallNetwork, must } from './support/smallNetwork.js';

const log = (contactId: string, occurredAt: string, participantIds: string[], linkIds: string[]) => ({
  input: { contactId, occurredAt, participantIds, linkIds, channel: 'VISIT', topic: '走访', liaisonGroupId: 'lg-hexi' },
});

describe('dashboards', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
    await buildSmallNetwork(app);
    // l-pg-1 kept every quarter of 2020 H1; l-pg-2 once in Q1; l-pm-1 (2 per quarter) once.
    await must(app, LOG_CONTACT, log('c1', '2020-01-15', ['m-pg', 'm-cpc1'], ['l-pg-1']));
    await must(app, LOG_CONTACT, log('c2', '2020-04-15', ['m-pg', 'm-cpc1'], ['l-pg-1']));
    await must(app, LOG_CONTACT, log('c3', '2020-02-20', ['m-pg', 'm-cpc2'], ['l-pg-2']));
    await must(app, LOG_CONTACT, log('c4', '2020-03-03', ['m-cpc1', 'm-np'], ['l-pm-1']));
  });
  afterAll(async () => app.close());

  it('gives a coverage series per quarter (the heatmap)', async () => {
    const res = await must<any>(app, `{ coverageSeries(from: "2020-01-01", to: "2020-06-30", per: QUARTER, scheme: PARTY_GROUP_TO_PARTY_MEMBER) { period { id start end } schemes { due covered ratio } } }`);
    expect(res.coverageSeries).toEqual([
      { period: { id: '2020-Q1', start: '2019-12-31T16:00:00.000Z', end: '2020-03-31T16:00:00.000Z' }, schemes: [{ due: 2, covered: 2, ratio: 1 }] },
      { period: { id: '2020-Q2', start: '2020-03-31T16:00:00.000Z', end: '2020-06-30T16:00:00.000Z' }, schemes: [{ due: 2, covered: 1, ratio: 0.5 }] },
    ]);
  });

  it('gives reach and territorial coverage', async () => {
    const res = await must<any>(app, `{
      reach(period: "2020-Q2", scheme: PARTY_GROUP_TO_PARTY_MEMBER) { reached targets ratio unreachedTargetIds }
      territorialCoverage(period: "2020-Q1") { covered localities ratio perLocality { localityId groupId contacts } }
    }`);
    expect(res.reach).toEqual({ reached: 1, targets: 2, ratio: 0.5, unreachedTargetIds: ['m-cpc2'] });
    expect(res.territorialCoverage).toEqual({ covered: 1, localities: 1, ratio: 1, perLocality: [{ localityId: 'loc-hexi', groupId: 'lg-hexi', contacts: 3 }] });
  });

  it('gives link usage, the usage histogram and stale links', async () => {
    const res = await must<any>(app, `{
      link(id: "l-pg-1") { sourceId targetId source { ... on Member { name } } usage(per: QUARTER, on: "2020-06-30") { total lastContactAt daysSinceLast meanIntervalDays perPeriod { period { id } contacts required met } } }
      usageHistogram(period: "2020-Q1") { due buckets { label links } }
      staleLinks(days: 100, on: "2020-06-30") { totalCount edges { node { linkId daysSinceLast } } }
    }`);
    expect(res.link).toMatchObject({ sourceId: 'm-pg', targetId: 'm-cpc1', source: { name: '委员m-pg' } });
    expect(res.link.usage).toEqual({
      total: 2,
      lastContactAt: '2020-04-14T16:00:00.000Z',
      daysSinceLast: 76,
      meanIntervalDays: 91,
      perPeriod: [
        { period: { id: '2020-Q1' }, contacts: 1, required: 1, met: true },
        { period: { id: '2020-Q2' }, contacts: 1, required: 1, met: true },
      ],
    });
    expect(res.usageHistogram.due).toBe(3);
    expect(res.usageHistogram.buckets.find((b: any) => b.label === '1').links).toBe(3);
    // l-pg-1 was used 76 days before: not stale at 100 days.
    expect(res.staleLinks.edges.map((e: any) => e.node)).toEqual([
      { linkId: 'l-pg-2', daysSinceLast: 131 },
      { linkId: 'l-pm-1', daysSinceLast: 119 },
    ]);
  });

  it('gives the network graph with edges weighted by contacts in the period', async () => {
    const res = await must<any>(app, `{ network(period: "2020-Q1") { nodes { id kind affiliation } edges { linkId sourceId targetId weight } } }`);
    expect(res.network.edges).toEqual([
      { linkId: 'l-pg-1', sourceId: 'm-pg', targetId: 'm-cpc1', weight: 1 },
      { linkId: 'l-pg-2', sourceId: 'm-pg', targetId: 'm-cpc2', weight: 1 },
      { linkId: 'l-pm-1', sourceId: 'm-cpc1', targetId: 'm-np', weight: 1 },
    ]);
    expect(res.network.nodes).toEqual(expect.arrayContaining([{ id: 'm-np', kind: 'MEMBER', affiliation: 'CDL' }]));
  });

  it('lists liaison groups and a member\'s timeline, newest first, with participants resolved', async () => {
    const res = await must<any>(app, `{
      liaisonGroups { id name activeMembers locality { name } leader { id kind } }
      timeline(partyId: "m-cpc1", first: 2) { totalCount edges { node { id occurredAt participants { ... on Member { id } } links { id } } } }
    }`);
    expect(res.liaisonGroups).toEqual([{ id: 'lg-hexi', name: '河西街道联络组', activeMembers: 4, locality: { name: '河西街道' }, leader: { id: 'p-sec', kind: 'PERSON' } }]);
    expect(res.timeline.totalCount).toBe(3);
    expect(res.timeline.edges.map((e: any) => e.node.id)).toEqual(['c2', 'c4']);
    expect(res.timeline.edges[1].node).toMatchObject({ participants: [{ id: 'm-cpc1' }, { id: 'm-np' }], links: [{ id: 'l-pm-1' }] });
  });
});
