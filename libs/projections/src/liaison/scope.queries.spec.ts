import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { modelFrom } from '#testing/given';
import type { Grant } from '#domain';
import { contactInScope, linkInScope, partyInScope } from './scope.queries.js';

/** Two groups, g1 and g2; m1 and m2 in g1, m3 in g2; l1 joins m1 to m2, l3 joins m3 to g2. */
const network = [
  ev.organization('sector-1', 'SECTOR'),
  ev.organization('sc-1', 'SPECIAL_COMMITTEE'),
  ev.locality('loc-1'),
  ev.locality('loc-2'),
  ev.person('p1'),
  ev.liaisonGroup('g1', 'loc-1', 'p1'),
  ev.liaisonGroup('g2', 'loc-2', 'p1'),
  ev.member('m1', { affiliation: 'CPC', liaisonGroupId: 'g1' }),
  ev.member('m2', { liaisonGroupId: 'g1' }),
  ev.member('m3', { affiliation: 'CPC', liaisonGroupId: 'g2' }),
  ev.link('l1', 'm1', 'm2'),
  ev.link('l3', 'm3', 'g2', { scheme: 'LIAISON_GROUP' }),
];
const model = modelFrom(network);
const g1: Grant[] = [{ kind: 'LIAISON_GROUP', ids: ['g1'] }];
const m3: Grant[] = [{ kind: 'MEMBER', id: 'm3' }];
const office: Grant[] = [{ kind: 'COMMITTEE_OFFICE' }];

describe('what a RECORDER\'s grants cover', () => {
  it('covers its groups, its member and its groups\' members, nobody else', () => {
    expect(['g1', 'm1', 'm2', 'g2', 'm3', 'p1'].filter((p) => partyInScope(model, g1, p))).toEqual(['g1', 'm1', 'm2']);
    expect(['g1', 'm1', 'm3'].filter((p) => partyInScope(model, m3, p))).toEqual(['m3']);
  });

  it('covers the links of its groups, and those its member holds or is the target of', () => {
    expect(linkInScope(model, g1, model.links.get('l1')!)).toBe(true);
    expect(linkInScope(model, g1, model.links.get('l3')!)).toBe(false);
    expect(linkInScope(model, m3, model.links.get('l3')!)).toBe(true);
  });

  it('covers a contact its group logged, one its group or member took part in, or one serving a link in scope', () => {
    expect(contactInScope(model, g1, { participantIds: ['m3', 'p1'], linkIds: [], liaisonGroupId: 'g1' })).toBe(true);
    expect(contactInScope(model, g1, { participantIds: ['g1', 'm3'], linkIds: [] })).toBe(true);
    expect(contactInScope(model, g1, { participantIds: ['m1', 'm2'], linkIds: ['l1'] })).toBe(true);
    // Members of the group meeting someone, with no group named and no link of the group: not the group's record.
    expect(contactInScope(model, g1, { participantIds: ['m1', 'm3'], linkIds: [] })).toBe(false);
    expect(contactInScope(model, g1, { participantIds: ['m3', 'g2'], linkIds: ['l3'], liaisonGroupId: 'g2' })).toBe(false);
    expect(contactInScope(model, m3, { participantIds: ['m3', 'g2'], linkIds: [] })).toBe(true);
  });

  it('covers every party, link and contact for the committee office, and nothing for another system\'s grant', () => {
    expect(['g1', 'm1', 'g2', 'm3', 'p1'].every((p) => partyInScope(model, office, p))).toBe(true);
    expect([...model.links.values()].every((l) => linkInScope(model, office, l))).toBe(true);
    expect(contactInScope(model, office, { participantIds: ['m3', 'p1'], linkIds: [] })).toBe(true);
    const other: Grant[] = [{ kind: 'HANDLING_UNIT', id: 'hu-1' }];
    expect(partyInScope(model, other, 'm1') || contactInScope(model, other, { participantIds: ['m1', 'm2'], linkIds: ['l1'] })).toBe(false);
  });
});
