import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { applyAll, modelFrom } from '#testing/given';
import type { DomainEvent, TokenScope } from '#domain';
import { contactInScope, linkInScope, listTokens, partyInScope } from './access.queries.js';

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
const g1: TokenScope = { liaisonGroupIds: ['g1'], memberId: null };
const m3: TokenScope = { liaisonGroupIds: [], memberId: 'm3' };

describe('a RECORDER\'s scope', () => {
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
});

describe('tokens in the read model', () => {
  const issued = (tokenId: string, expiresAt: string): DomainEvent => ({
    type: 'TokenIssued',
    data: { tokenId, subject: `s-${tokenId}`, role: 'LEADER', scope: { liaisonGroupIds: [], memberId: null }, expiresAt, issuedBy: 'admin' },
  });
  const events: DomainEvent[] = [issued('t1', '2030-01-01T00:00:00Z'), issued('t2', '2030-01-01T00:00:00Z'), issued('t3', '2019-01-01T00:00:00Z'), { type: 'TokenRevoked', data: { tokenId: 't2', reason: 'r', revokedBy: 'admin' } }];

  it('knows every token issued and revoked, and lists the active ones unless asked for all', () => {
    const tokens = modelFrom(events);
    const now = Date.parse('2020-06-01T00:00:00Z');
    expect(listTokens(tokens, { nowMs: now }).map((t) => t.tokenId)).toEqual(['t1']);
    expect(listTokens(tokens, { nowMs: now, includeInactive: true }).map((t) => [t.tokenId, t.status])).toEqual(
      expect.arrayContaining([['t1', 'ACTIVE'], ['t2', 'REVOKED'], ['t3', 'EXPIRED']]),
    );
    expect(tokens.tokens.get('t2')).toMatchObject({ revoked: true, revokedBy: 'admin', revokeReason: 'r' });
    expect(tokens.skipped).toBe(0);
  });

  it('skips a revocation of a token it never saw, and a second issue of the same id, without throwing', () => {
    const tokens = modelFrom([{ type: 'TokenRevoked', data: { tokenId: 'tx', reason: 'r', revokedBy: 'a' } }, issued('t1', '2030-01-01T00:00:00Z')]);
    applyAll(tokens, [issued('t1', '2031-01-01T00:00:00Z')]);
    expect(tokens.skipped).toBe(2);
    expect(tokens.tokens.get('t1')?.expiresAt).toBe('2030-01-01T00:00:00Z');
  });
});
