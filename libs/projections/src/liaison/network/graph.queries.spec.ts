import { describe, expect, it } from '@jest/globals';
import { contact, dissolved, ended, liaisonGroup, link, locality, member, memberLeft, modelFrom, organization, person, reassigned } from '#testing';
import { networkGraph } from './graph.queries.js';

const model = modelFrom([
  organization('sector-1', 'SECTOR', '经济界'),
  organization('sc-1', 'SPECIAL_COMMITTEE', '提案委员会'),
  organization('old', 'MEMBER_STUDIO'),
  dissolved('old', '2019-12-01'),
  locality('loc-a'),
  person('p-a', '张书记'),
  person('p-x', 'Bystander'),
  liaisonGroup('g-a', 'loc-a', 'p-a', '河西街道联络组'),
  member('cpc1', { affiliation: 'CPC', name: '王委员' }),
  member('cpc2', { affiliation: 'CPC' }),
  member('np1', { affiliation: 'CDL', liaisonGroupId: 'g-a' }),
  member('np2'),
  member('gone', { joinedOn: '2015-01-01' }),
  memberLeft('gone', '2019-06-01'),
  member('away', { joinedOn: '2015-01-01' }),
  memberLeft('away', '2019-06-01'),
  link('l0', 'cpc1', 'away', { from: '2019-01-01' }), // never ended although its target left
  link('l1', 'cpc1', 'np1'),
  link('l2', 'cpc1', 'np2', { from: '2020-04-01' }),
  link('l3', 'cpc1', 'np2'),
  ended('l3', '2020-02-01'),
  reassigned('l1', 'cpc1', 'cpc2', '2020-03-01'),
  contact('c1', '2020-01-10', ['cpc1', 'np1'], { links: ['l1'] }),
  contact('c2', '2020-03-10', ['cpc2', 'np1'], { links: ['l1'] }),
  contact('c3', '2020-04-10', ['cpc2', 'np1'], { links: ['l1'] }),
  contact('c4', '2020-01-20', ['cpc1', 'np2'], { links: ['l3'] }),
  contact('c5', '2020-02-20', ['cpc1', 'np2'], { links: ['l3'] }),
]);

describe('networkGraph', () => {
  it('has the links due in the period as edges, held by the source at the end of the period and weighted by contacts while active', () => {
    expect(networkGraph(model, { period: '2020-Q1' }).edges).toEqual([
      { linkId: 'l0', scheme: 'PARTY_MEMBER_TO_NON_PARTY', sourceId: 'cpc1', targetId: 'away', weight: 0 },
      { linkId: 'l1', scheme: 'PARTY_MEMBER_TO_NON_PARTY', sourceId: 'cpc2', targetId: 'np1', weight: 2 },
      { linkId: 'l3', scheme: 'PARTY_MEMBER_TO_NON_PARTY', sourceId: 'cpc1', targetId: 'np2', weight: 1 },
    ]);
  });

  it('has the members on the roster in the period, anyone at the end of a due link, the bodies not dissolved and the persons leading groups as nodes', () => {
    const { nodes } = networkGraph(model, { period: '2020-Q1' });
    expect(nodes.map((n) => n.id)).toEqual(['away', 'cpc1', 'cpc2', 'g-a', 'np1', 'np2', 'p-a', 'sc-1', 'sector-1']);
    expect(nodes.filter((n) => ['cpc1', 'g-a', 'p-a'].includes(n.id))).toEqual([
      { id: 'cpc1', kind: 'MEMBER', label: '王委员', affiliation: 'CPC' },
      { id: 'g-a', kind: 'ORGANIZATION', label: '河西街道联络组', orgKind: 'LIAISON_GROUP' },
      { id: 'p-a', kind: 'PERSON', label: '张书记' },
    ]);
  });

  it('shows a member who has left for the periods they were on the roster, and filters edges by scheme', () => {
    const has = (period: string) => networkGraph(model, { period }).nodes.some((n) => n.id === 'gone');
    expect([has('2019'), has('2020')]).toEqual([true, false]);
    expect(networkGraph(model, { period: '2020-Q1', scheme: 'CONVENER' }).edges).toEqual([]);
  });
});
