import { describe, expect, it } from '@jest/globals';
import { dissolved, liaisonGroup, locality, member, memberLeft, modelFrom, organization, person } from '#testing';
import { listLiaisonGroups, listMembers, listOrganizations } from './roster.queries.js';

const model = modelFrom([
  organization('sector-2', 'SECTOR'),
  organization('sector-1', 'SECTOR'),
  organization('sc-1', 'SPECIAL_COMMITTEE'),
  organization('djp', 'DEMOCRATIC_PARTY', '民盟'),
  locality('loc-b', '郭勒木德镇'),
  locality('loc-a', '河西街道'),
  person('p-a', '张书记'),
  member('m9', { name: 'Li Lead' }),
  liaisonGroup('g-b', 'loc-b', 'm9'),
  liaisonGroup('g-a', 'loc-a', 'p-a'),
  member('m3', { name: 'Wang Fang', affiliation: 'CPC', liaisonGroupId: 'g-a' }),
  member('m1', { name: 'Zhao Min', sectorId: 'sector-2', liaisonGroupId: 'g-a' }),
  member('m2', { name: 'Wang Li', liaisonGroupId: 'g-a' }),
  memberLeft('m2', '2020-05-01'),
  dissolved('g-b', '2020-06-01'),
]);
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

describe('roster lists', () => {
  it('lists members sorted by id, filtered by affiliation, sector, group, status and a case-insensitive search', () => {
    expect([
      ids(listMembers(model)),
      ids(listMembers(model, { affiliation: 'CPC' })),
      ids(listMembers(model, { sectorId: 'sector-2' })),
      ids(listMembers(model, { liaisonGroupId: 'g-a', status: 'ACTIVE' })),
      ids(listMembers(model, { search: 'WANG' })),
      ids(listMembers(model, { search: 'm9' })),
    ]).toEqual([['m1', 'm2', 'm3', 'm9'], ['m3'], ['m1'], ['m1', 'm3'], ['m2', 'm3'], ['m9']]);
  });

  it('returns copies: changing a listed row leaves the read model as it was', () => {
    listMembers(model)[0].name = 'changed';
    expect(model.members.get('m1')!.name).toBe('Zhao Min');
  });

  it('lists organizations sorted by id, optionally of one kind', () => {
    expect([ids(listOrganizations(model)), ids(listOrganizations(model, { kind: 'SECTOR' }))]).toEqual([
      ['djp', 'g-a', 'g-b', 'sc-1', 'sector-1', 'sector-2'],
      ['sector-1', 'sector-2'],
    ]);
  });

  it('lists liaison groups with their locality, their leader (person or member) and their active members', () => {
    expect(listLiaisonGroups(model).map((g) => [g.id, g.dissolved, g.locality?.name, g.leader, g.activeMembers])).toEqual([
      ['g-a', false, '河西街道', { id: 'p-a', name: '张书记', kind: 'PERSON' }, 2],
      ['g-b', true, '郭勒木德镇', { id: 'm9', name: 'Li Lead', kind: 'MEMBER' }, 0],
    ]);
  });
});
