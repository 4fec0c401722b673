import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { DEFAULT_NOW, given, modelFrom } from '#testing/given';
import { DOMAIN } from '../systems.js';
import { AccessTokenCommand, AccessTokenEvent, AccessTokenState } from './accessToken.js';
import type { Decider } from '../shared/decider.js';

/** The decider as the registry builds it, knowing every system's grants. */
const accessToken = DOMAIN.decider({ type: 'IssueToken' }) as Decider<AccessTokenCommand, AccessTokenEvent, AccessTokenState>;

const directory = modelFrom([ev.locality('loc-1'), ev.person('p1'), ev.liaisonGroup('g1', 'loc-1', 'p1'), ev.organization('sector-1', 'SECTOR'), ev.member('m1')]);

type Issue = Extract<AccessTokenCommand, { type: 'IssueToken' }>;
const issue = (changes: Partial<Issue> = {}): AccessTokenCommand => ({
  type: 'IssueToken',
  tokenId: 't1',
  subject: 'clerk of g1',
  role: 'RECORDER',
  liaisonGroupIds: ['g1'],
  expiresAt: '2021-03-31T00:00:00Z',
  ...changes,
});
const issued: AccessTokenEvent = {
  type: 'TokenIssued',
  data: { tokenId: 't1', subject: 'clerk of g1', role: 'RECORDER', grants: [{ kind: 'LIAISON_GROUP', ids: ['g1'] }], expiresAt: '2021-03-31T00:00:00.000Z', issuedBy: 'admin' },
};
const revoke: AccessTokenCommand = { type: 'RevokeToken', tokenId: 't1', reason: 'left the office' };

describe('access tokens', () => {
  it('issues a RECORDER token for a liaison group, recording who issued it and never the token itself', () =>
    given(accessToken).when(issue(), { directory, actor: 'admin' }).then([issued]));

  it('issues a LEADER token without grants', () =>
    given(accessToken)
      .when(issue({ role: 'LEADER', liaisonGroupIds: [] }), { directory, actor: 'admin' })
      .then([{ type: 'TokenIssued', data: { ...issued.data, role: 'LEADER', grants: [] } }]));

  it('issues a committee-office clerk\'s token: a RECORDER with the COMMITTEE_OFFICE grant', () =>
    given(accessToken)
      .when(issue({ liaisonGroupIds: [], grants: [{ kind: 'COMMITTEE_OFFICE' }] }), { directory, actor: 'admin' })
      .then([{ type: 'TokenIssued', data: { ...issued.data, grants: [{ kind: 'COMMITTEE_OFFICE' }] } }]));

  it('records grants checked and sorted, whichever way they were given', () =>
    given(accessToken)
      .when(issue({ liaisonGroupIds: [], grants: [{ kind: 'MEMBER', id: 'm1' }, { kind: 'LIAISON_GROUP', ids: ['g1', 'g1'] }] }), { directory, actor: 'admin' })
      .then([{ type: 'TokenIssued', data: { ...issued.data, grants: [{ kind: 'LIAISON_GROUP', ids: ['g1'] }, { kind: 'MEMBER', id: 'm1' }] } }]));

  it('refuses a grant of a kind no system defines', () =>
    given(accessToken).when(issue({ liaisonGroupIds: [], grants: [{ kind: 'EVERYTHING' }] }), { directory }).thenThrows('VALIDATION', 'unknown grant kind EVERYTHING'));
  it('refuses the office grant on a LEADER token', () =>
    given(accessToken).when(issue({ role: 'LEADER', liaisonGroupIds: [], grants: [{ kind: 'COMMITTEE_OFFICE' }] }), { directory }).thenThrows('VALIDATION', 'for RECORDER tokens'));
  it('refuses two grants of one kind, and grants given both ways', () => {
    given(accessToken).when(issue({ liaisonGroupIds: [], grants: [{ kind: 'LIAISON_GROUP', ids: ['g1'] }, { kind: 'LIAISON_GROUP', ids: ['g1'] }] }), { directory }).thenThrows('VALIDATION', 'two LIAISON_GROUP grants');
    given(accessToken).when(issue({ grants: [{ kind: 'COMMITTEE_OFFICE' }] }), { directory }).thenThrows('VALIDATION', 'not both');
  });
  it('names the fields a caller sent the old way: liaisonGroupIds and memberId', () => {
    given(accessToken).when(issue({ liaisonGroupIds: ['g9'] }), { directory }).thenThrows('NOT_FOUND', 'liaison group g9');
    const cases: Array<[Partial<Issue>, string]> = [
      [{ liaisonGroupIds: ['g9'] }, 'liaisonGroupIds'],
      [{ liaisonGroupIds: [' '] }, 'liaisonGroupIds[0]'],
      [{ liaisonGroupIds: [], memberId: 'm9' }, 'memberId'],
    ];
    for (const [changes, field] of cases) {
      expect(() => accessToken.decide(issue(changes), { status: 'NONE' }, { now: DEFAULT_NOW, actor: 'admin', directory, newId: () => 'x' })).toThrow(expect.objectContaining({ field }));
    }
  });
  it('refuses ids on the office grant', () =>
    given(accessToken).when(issue({ liaisonGroupIds: [], grants: [{ kind: 'COMMITTEE_OFFICE', ids: ['g1'] }] }), { directory }).thenThrows('VALIDATION', 'names no ids'));

  it('reads a token issued before grants (its scope) as the grants that scope means', () => {
    const old = { type: 'TokenIssued', id: 'e1', streamId: 'token-t1', data: { tokenId: 't1', subject: 's', role: 'RECORDER', scope: { liaisonGroupIds: ['g1'], memberId: 'm1' }, expiresAt: '2021-03-31T00:00:00.000Z', issuedBy: 'admin' } };
    expect(DOMAIN.upcast(old).data).toEqual({ tokenId: 't1', subject: 's', role: 'RECORDER', grants: [{ kind: 'LIAISON_GROUP', ids: ['g1'] }, { kind: 'MEMBER', id: 'm1' }], expiresAt: '2021-03-31T00:00:00.000Z', issuedBy: 'admin' });
    expect(DOMAIN.upcast({ ...old, data: issued.data }).data).toBe(issued.data);
  });

  it('records nothing when the same token is issued again', () => given(accessToken, [issued]).when(issue(), { directory, actor: 'admin' }).then([]));
  it('refuses the same token id with other details', () => given(accessToken, [issued]).when(issue({ role: 'AUDITOR', liaisonGroupIds: [] }), { directory }).thenThrows('CONFLICT', 'already issued'));
  it('refuses a role it does not know', () => given(accessToken).when(issue({ role: 'ROOT' }), { directory }).thenThrows('VALIDATION', 'role "ROOT"'));
  it('refuses a RECORDER without a scope', () => given(accessToken).when(issue({ liaisonGroupIds: [] }), { directory }).thenThrows('VALIDATION', 'needs a grant'));
  it('refuses a group scope on any other role', () => given(accessToken).when(issue({ role: 'ADMIN' }), { directory }).thenThrows('VALIDATION', 'for RECORDER tokens'));
  it('refuses a scope naming something that is not a liaison group', () => given(accessToken).when(issue({ liaisonGroupIds: ['sector-1'] }), { directory }).thenThrows('VALIDATION', 'not a liaison group'));
  it('refuses a scope naming an unknown member', () => given(accessToken).when(issue({ liaisonGroupIds: [], memberId: 'm9' }), { directory }).thenThrows('NOT_FOUND', 'member m9'));
  it('refuses an expiry in the past', () => given(accessToken).when(issue({ expiresAt: '2020-12-01' }), { directory }).thenThrows('VALIDATION', 'not in the future'));
  it('refuses an expiry more than 400 days ahead', () => given(accessToken).when(issue({ expiresAt: '2022-12-31' }), { directory }).thenThrows('VALIDATION', 'at most 400 days'));
  it('refuses a subject with a line break', () => given(accessToken).when(issue({ subject: 'a\nb' }), { directory }).thenThrows('VALIDATION', 'control characters'));

  // Issue 15, smaller findings, "Token subjects": no recorded actor may imitate the system.
  it.each([['a C1 control (NEL)', 'clerk\u0085admin'], ['a C1 control (CSI)', 'clerk\u009b31m']])('token subjects: refuses %s', (_name, subject) =>
    given(accessToken).when(issue({ subject }), { directory }).thenThrows('VALIDATION', 'control characters'));
  it.each([
    ['U+202E right-to-left override', 'nimda\u202e'],
    ['U+202A left-to-right embedding', '\u202aclerk'],
    ['U+202D left-to-right override', 'cl\u202derk'],
    ['U+2066 left-to-right isolate', 'clerk\u2066x'],
    ['U+2069 pop directional isolate', 'clerk\u2069'],
  ])('token subjects: refuses the bidi character %s', (_name, subject) => given(accessToken).when(issue({ subject }), { directory }).thenThrows('VALIDATION', 'bidirectional'));
  it.each(['system:sealer', 'system:bootstrap', 'SYSTEM:x', 'cli:root', ' cli:auditor', 'bootstrap-admin', 'Bootstrap-Admin'])('token subjects: refuses the reserved actor name %p', (subject) =>
    given(accessToken).when(issue({ subject, role: 'ADMIN', liaisonGroupIds: [] }), { directory, actor: 'admin' }).thenThrows('VALIDATION', 'reserved'));
  it('token subjects: the system itself still issues the bootstrap-admin token; names that merely contain a reserved word are fine', () => {
    given(accessToken)
      .when(issue({ subject: 'bootstrap-admin', role: 'ADMIN', liaisonGroupIds: [] }), { directory, actor: 'system:bootstrap' })
      .then([{ type: 'TokenIssued', data: { ...issued.data, subject: 'bootstrap-admin', role: 'ADMIN', grants: [], issuedBy: 'system:bootstrap' } }]);
    given(accessToken)
      .when(issue({ subject: 'clerk of the system: g1', role: 'LEADER', liaisonGroupIds: [] }), { directory, actor: 'admin' })
      .then([{ type: 'TokenIssued', data: { ...issued.data, subject: 'clerk of the system: g1', role: 'LEADER', grants: [] } }]);
  });
  it('token subjects: the system may not issue itself another reserved name', () =>
    given(accessToken).when(issue({ subject: 'system:sealer', role: 'ADMIN', liaisonGroupIds: [] }), { directory, actor: 'system:bootstrap' }).thenThrows('VALIDATION', 'reserved'));

  it('revokes an issued token, with the reason and who revoked it', () =>
    given(accessToken, [issued]).when(revoke, { actor: 'admin' }).then([{ type: 'TokenRevoked', data: { tokenId: 't1', reason: 'left the office', revokedBy: 'admin' } }]));
  it('refuses to revoke a token twice', () =>
    given(accessToken, [issued, { type: 'TokenRevoked', data: { tokenId: 't1', reason: 'r', revokedBy: 'admin' } }]).when(revoke).thenThrows('CONFLICT', 'already revoked'));
  it('refuses to revoke a token never issued', () => given(accessToken).when(revoke).thenThrows('NOT_FOUND', 'never issued'));
  it('decides with the command\'s clock only', () => given(accessToken).when(issue({ expiresAt: '2020-12-31T05:00:00Z' }), { directory, now: DEFAULT_NOW, actor: 'admin' }).then([
    { type: 'TokenIssued', data: { ...issued.data, expiresAt: '2020-12-31T05:00:00.000Z' } },
  ]));
});
