import { describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '#domain';
import { applyAll, projectionsFrom } from '#testing/given';
import { TokensProjection } from './tokens.projection.js';
import { listTokens } from './tokens.queries.js';

describe('the tokens projection', () => {
  const issued = (tokenId: string, expiresAt: string): DomainEvent => ({
    type: 'TokenIssued',
    data: { tokenId, subject: `s-${tokenId}`, role: 'LEADER', grants: [], expiresAt, issuedBy: 'admin' },
  });
  const events: DomainEvent[] = [issued('t1', '2030-01-01T00:00:00Z'), issued('t2', '2030-01-01T00:00:00Z'), issued('t3', '2019-01-01T00:00:00Z'), { type: 'TokenRevoked', data: { tokenId: 't2', reason: 'r', revokedBy: 'admin' } }];

  it('knows every token issued and revoked, and lists the active ones unless asked for all', () => {
    const tokens = tokensFrom(events);
    const now = Date.parse('2020-06-01T00:00:00Z');
    expect(listTokens(tokens, { nowMs: now }).map((t) => t.tokenId)).toEqual(['t1']);
    expect(listTokens(tokens, { nowMs: now, includeInactive: true }).map((t) => [t.tokenId, t.status])).toEqual(
      expect.arrayContaining([['t1', 'ACTIVE'], ['t2', 'REVOKED'], ['t3', 'EXPIRED']]),
    );
    expect(tokens.tokens.get('t2')).toMatchObject({ revoked: true, revokedBy: 'admin', revokeReason: 'r' });
    expect(tokens.skipped).toBe(0);
  });

  it('skips a revocation of a token it never saw, and a second issue of the same id, without throwing', () => {
    const set = projectionsFrom([{ type: 'TokenRevoked', data: { tokenId: 'tx', reason: 'r', revokedBy: 'a' } }, issued('t1', '2030-01-01T00:00:00Z')]);
    applyAll(set, [issued('t1', '2031-01-01T00:00:00Z')]);
    const tokens = set.get<TokensProjection>(TokensProjection.NAME);
    expect(tokens.skipped).toBe(2);
    expect(tokens.tokens.get('t1')?.expiresAt).toBe('2030-01-01T00:00:00Z');
  });
});

const tokensFrom = (events: DomainEvent[]) => projectionsFrom(events).get<TokensProjection>(TokensProjection.NAME);
