import { describe, it } from '@jest/globals';
import * as ev from '#testing/events';
import { given, modelFrom } from '#testing/given';
import { LinkCommand, liaisonLink } from './liaisonLink.js';
import { Scheme } from '../shared/vocabulary.js';

/**
 * One small committee with a member or body for every side of every scheme:
 * pg (Party group, CPC) · cpc, cpc2 (CPC) · np (non-Party) · dem (民盟) · chair · vc (vice-chair) ·
 * sg (secretary-general, a leader but not chair) · sconv (convener of sector-1) · s1m, s2m (in sector-1 / sector-2) ·
 * gconv (convener of group g1) · g1m, g2m (in groups g1 / g2) · gone (left).
 */
const network = [
  ev.organization('sector-1', 'SECTOR'),
  ev.organization('sector-2', 'SECTOR'),
  ev.organization('sc-1', 'SPECIAL_COMMITTEE'),
  ev.organization('dp-1', 'DEMOCRATIC_PARTY'),
  ev.organization('po-1', 'PEOPLES_ORGANIZATION'),
  ev.organization('hu-1', 'HANDLING_UNIT'),
  ev.organization('dp-old', 'DEMOCRATIC_PARTY'),
  ev.dissolved('dp-old', '2019-06-01'),
  ev.locality('loc-1'),
  ev.locality('loc-2'),
  ev.person('p1'),
  ev.liaisonGroup('g1', 'loc-1', 'p1'),
  ev.liaisonGroup('g2', 'loc-2', 'p1'),
  ev.member('pg', { affiliation: 'CPC', roles: ['PARTY_GROUP'] }),
  ev.member('cpc', { affiliation: 'CPC' }),
  ev.member('cpc2', { affiliation: 'CPC' }),
  ev.member('np', { affiliation: 'NON_PARTY' }),
  ev.member('dem', { affiliation: 'CDL' }),
  ev.member('chair', { affiliation: 'CPC', roles: ['CHAIR'] }),
  ev.member('vc', { affiliation: 'CNDCA', roles: ['VICE_CHAIR'] }),
  ev.member('sg', { affiliation: 'CPC', roles: ['SECRETARY_GENERAL'] }),
  ev.member('sconv', { roles: [{ kind: 'CONVENER', bodyId: 'sector-1' }] }),
  ev.member('s1m', { sectorId: 'sector-1' }),
  ev.member('s2m', { sectorId: 'sector-2' }),
  ev.member('gconv', { liaisonGroupId: 'g1', roles: [{ kind: 'CONVENER', bodyId: 'g1' }] }),
  ev.member('g1m', { sectorId: 'sector-2', liaisonGroupId: 'g1' }),
  ev.member('g2m', { sectorId: 'sector-2', liaisonGroupId: 'g2' }),
  ev.member('gone', { affiliation: 'NON_PARTY' }),
  ev.memberLeft('gone', '2019-12-01'),
];
const directory = modelFrom(network);

const assign = (scheme: Scheme, sourceId: string, targetId: string, changes: Partial<Extract<LinkCommand, { type: 'AssignLink' }>> = {}): LinkCommand => ({
  type: 'AssignLink',
  linkId: 'l1',
  scheme,
  sourceId,
  targetId,
  requirement: { minContacts: 2, per: 'QUARTER' },
  activeFrom: '2020-01-01',
  ...changes,
});

const reassign = (sourceId: string, effectiveAt = '2020-06-01'): LinkCommand => ({ type: 'ReassignLink', linkId: 'l1', sourceId, effectiveAt, reason: 'handed over' });

const end = (activeTo: string, linkId = 'l1'): LinkCommand => ({ type: 'EndLink', linkId, activeTo, reason: 'term ended' });

/** The link l1 of `scheme` from source to target, as AssignLink above records it. */
const l1 = (scheme: Scheme, sourceId: string, targetId: string) => ev.link('l1', sourceId, targetId, { scheme });

describe('AssignLink: the rule of each scheme', () => {
  describe('PARTY_GROUP_TO_PARTY_MEMBER', () => {
    it('accepts a Party-group member → a CPC member', () =>
      given(liaisonLink, []).when(assign('PARTY_GROUP_TO_PARTY_MEMBER', 'pg', 'cpc'), { directory }).then([l1('PARTY_GROUP_TO_PARTY_MEMBER', 'pg', 'cpc'), ev.pairClaimed('l1', 'pg', 'cpc', 'PARTY_GROUP_TO_PARTY_MEMBER')]));

    it('refuses a non-CPC target as VALIDATION', () =>
      given(liaisonLink, []).when(assign('PARTY_GROUP_TO_PARTY_MEMBER', 'pg', 'np'), { directory }).thenThrows('VALIDATION', 'member np is not CPC'));

    it('refuses a source without the PARTY_GROUP role as VALIDATION', () =>
      given(liaisonLink, []).when(assign('PARTY_GROUP_TO_PARTY_MEMBER', 'cpc2', 'cpc'), { directory }).thenThrows('VALIDATION', 'member cpc2 is not in the Party group'));
  });

  describe('PARTY_MEMBER_TO_NON_PARTY', () => {
    it('accepts a CPC member → a NON_PARTY member', () =>
      given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np'), { directory }).then([l1('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np'), ev.pairClaimed('l1', 'cpc', 'np', 'PARTY_MEMBER_TO_NON_PARTY')]));

    it('accepts a CPC member → a democratic-party member', () =>
      given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'dem'), { directory }).then([l1('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'dem'), ev.pairClaimed('l1', 'cpc', 'dem', 'PARTY_MEMBER_TO_NON_PARTY')]));

    it('refuses a CPC target as VALIDATION', () =>
      given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'cpc2'), { directory }).thenThrows('VALIDATION', 'member cpc2 is CPC'));

    it('refuses a non-CPC source as VALIDATION', () =>
      given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'dem', 'np'), { directory }).thenThrows('VALIDATION', 'member dem is not CPC'));
  });

  describe('COMMITTEE_TO_PARTIES_AND_ORGS', () => {
    it('accepts the chair → a democratic party', () =>
      given(liaisonLink, []).when(assign('COMMITTEE_TO_PARTIES_AND_ORGS', 'chair', 'dp-1'), { directory }).then([l1('COMMITTEE_TO_PARTIES_AND_ORGS', 'chair', 'dp-1'), ev.pairClaimed('l1', 'chair', 'dp-1', 'COMMITTEE_TO_PARTIES_AND_ORGS')]));

    it("accepts a vice-chair → a people's organization", () =>
      given(liaisonLink, []).when(assign('COMMITTEE_TO_PARTIES_AND_ORGS', 'vc', 'po-1'), { directory }).then([l1('COMMITTEE_TO_PARTIES_AND_ORGS', 'vc', 'po-1'), ev.pairClaimed('l1', 'vc', 'po-1', 'COMMITTEE_TO_PARTIES_AND_ORGS')]));

    it("refuses a target that is neither a democratic party nor a people's organization as VALIDATION", () =>
      given(liaisonLink, []).when(assign('COMMITTEE_TO_PARTIES_AND_ORGS', 'chair', 'hu-1'), { directory }).thenThrows('VALIDATION', 'hu-1 is a HANDLING_UNIT'));

    it('refuses a member as target as NOT_FOUND (no such organization)', () =>
      given(liaisonLink, []).when(assign('COMMITTEE_TO_PARTIES_AND_ORGS', 'chair', 'np'), { directory }).thenThrows('NOT_FOUND', 'organization np'));

    it('refuses a dissolved democratic party as VALIDATION', () =>
      given(liaisonLink, []).when(assign('COMMITTEE_TO_PARTIES_AND_ORGS', 'chair', 'dp-old'), { directory }).thenThrows('VALIDATION', 'dissolved'));

    it('refuses a source who is neither chair nor vice-chair (a secretary-general) as VALIDATION', () =>
      given(liaisonLink, []).when(assign('COMMITTEE_TO_PARTIES_AND_ORGS', 'sg', 'dp-1'), { directory }).thenThrows('VALIDATION', 'member sg is neither chair nor vice-chair'));
  });

  describe('SECTOR', () => {
    it("accepts the sector's convener → a member of that sector", () =>
      given(liaisonLink, []).when(assign('SECTOR', 'sconv', 's1m'), { directory }).then([l1('SECTOR', 'sconv', 's1m'), ev.pairClaimed('l1', 'sconv', 's1m', 'SECTOR')]));

    it('refuses a convener → a member of another sector as VALIDATION', () =>
      given(liaisonLink, []).when(assign('SECTOR', 'sconv', 's2m'), { directory }).thenThrows('VALIDATION', 'member sconv is not the convener of sector sector-2'));

    it("refuses a source who convenes no sector (a member of the target's sector) as VALIDATION", () =>
      given(liaisonLink, []).when(assign('SECTOR', 'np', 's1m'), { directory }).thenThrows('VALIDATION', 'member np is not the convener of sector sector-1'));
  });

  describe('LIAISON_GROUP', () => {
    it('accepts a committee leader → a liaison group', () =>
      given(liaisonLink, []).when(assign('LIAISON_GROUP', 'sg', 'g1'), { directory }).then([l1('LIAISON_GROUP', 'sg', 'g1'), ev.pairClaimed('l1', 'sg', 'g1', 'LIAISON_GROUP')]));

    it('accepts a liaison group → one of its own members', () =>
      given(liaisonLink, []).when(assign('LIAISON_GROUP', 'g1', 'g1m'), { directory }).then([l1('LIAISON_GROUP', 'g1', 'g1m'), ev.pairClaimed('l1', 'g1', 'g1m', 'LIAISON_GROUP')]));

    it('refuses a liaison group → a member of another group as VALIDATION', () =>
      given(liaisonLink, []).when(assign('LIAISON_GROUP', 'g1', 'g2m'), { directory }).thenThrows('VALIDATION', 'member g2m is not in liaison group g1'));

    it('refuses a member who is not a committee leader → a group as VALIDATION', () =>
      given(liaisonLink, []).when(assign('LIAISON_GROUP', 'np', 'g1'), { directory }).thenThrows('VALIDATION', 'member np is not a committee leader'));

    it('refuses a leader → an organization that is not a liaison group as VALIDATION', () =>
      given(liaisonLink, []).when(assign('LIAISON_GROUP', 'sg', 'dp-1'), { directory }).thenThrows('VALIDATION', 'dp-1 is a DEMOCRATIC_PARTY'));
  });

  describe('CONVENER', () => {
    it('accepts a convener → a member of the body convened', () =>
      given(liaisonLink, []).when(assign('CONVENER', 'gconv', 'g1m'), { directory }).then([l1('CONVENER', 'gconv', 'g1m'), ev.pairClaimed('l1', 'gconv', 'g1m', 'CONVENER')]));

    it('refuses a convener → a member of none of the bodies convened as VALIDATION', () =>
      given(liaisonLink, []).when(assign('CONVENER', 'gconv', 'g2m'), { directory }).thenThrows('VALIDATION', 'member gconv convenes none of the bodies g2m belongs to'));

    it('refuses a source who convenes nothing as VALIDATION', () =>
      given(liaisonLink, []).when(assign('CONVENER', 'np', 'g1m'), { directory }).thenThrows('VALIDATION', 'member np convenes none of the bodies'));
  });
});

describe('AssignLink: rules every scheme shares', () => {
  it('refuses a link from a member to themself as VALIDATION', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'cpc'), { directory }).thenThrows('VALIDATION', 'source and target are both cpc'));

  it('refuses a target who has left the committee as VALIDATION', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'gone'), { directory }).thenThrows('VALIDATION', 'member gone has left'));

  it('refuses a source who has left the committee as VALIDATION', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'gone', 'np'), { directory }).thenThrows('VALIDATION', 'member gone has left'));

  it('refuses an unknown source as NOT_FOUND', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'ghost', 'np'), { directory }).thenThrows('NOT_FOUND', 'sourceId: ghost is not registered'));

  it('refuses an unknown target as NOT_FOUND', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'ghost'), { directory }).thenThrows('NOT_FOUND', 'targetId: ghost is not registered'));

  it('refuses a person (not a member) as a member-to-member target as VALIDATION', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'p1'), { directory }).thenThrows('VALIDATION', 'p1 is not a committee member'));

  it('refuses a second active link with the same scheme, source and target as CONFLICT', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np'), { directory: modelFrom([...network, ev.link('l0', 'cpc', 'np')]) }).thenThrows('CONFLICT', 'link l0 already joins cpc to np'));

  it('accepts the same pair again once the earlier link has ended, claiming the pair\'s next revision', () =>
    given(liaisonLink, [])
      .when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np'), {
        directory: modelFrom([...network, ev.link('l0', 'cpc', 'np', { from: '2019-01-01' }), ev.pairClaimed('l0', 'cpc', 'np'), ev.ended('l0', '2019-12-31')]),
      })
      .then([l1('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np'), ev.pairClaimed('l1', 'cpc', 'np', 'PARTY_MEMBER_TO_NON_PARTY', 1)]));

  it('claims revision 0 of a pair whose earlier link was recorded before pairs were claimed (an older log)', () =>
    given(liaisonLink, [])
      .when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np'), { directory: modelFrom([...network, ev.link('l0', 'cpc', 'np', { from: '2019-01-01' }), ev.ended('l0', '2019-12-31')]) })
      .then([l1('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np'), ev.pairClaimed('l1', 'cpc', 'np')]));

  it('records the requirement and activeFrom as given (3 per MONTH from 2020-04-01 committee time)', () =>
    given(liaisonLink, [])
      .when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np', { requirement: { minContacts: 3, per: 'MONTH' }, activeFrom: '2020-04-01' }), { directory })
      .then([ev.link('l1', 'cpc', 'np', { min: 3, per: 'MONTH', from: '2020-04-01' }), ev.pairClaimed('l1', 'cpc', 'np')]));

  it('refuses minContacts 0 as VALIDATION', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np', { requirement: { minContacts: 0, per: 'QUARTER' } }), { directory }).thenThrows('VALIDATION', 'requirement.minContacts'));

  it('refuses a fractional minContacts as VALIDATION', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np', { requirement: { minContacts: 1.5, per: 'QUARTER' } }), { directory }).thenThrows('VALIDATION', 'requirement.minContacts'));

  it('refuses a per outside MONTH, QUARTER, HALF_YEAR, YEAR as VALIDATION', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np', { requirement: { minContacts: 2, per: 'WEEK' } }), { directory }).thenThrows('VALIDATION', 'requirement.per "WEEK"'));

  it('refuses a scheme outside the six as VALIDATION', () =>
    given(liaisonLink, []).when(assign('MENTORING' as Scheme, 'cpc', 'np'), { directory }).thenThrows('VALIDATION', 'scheme "MENTORING"'));

  it('refuses an activeFrom that is not a date as VALIDATION', () =>
    given(liaisonLink, []).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np', { activeFrom: 'soon' }), { directory }).thenThrows('VALIDATION', 'activeFrom'));

  it('records nothing for an identical repeat (idempotent), even though the link itself is now active', () =>
    given(liaisonLink, [l1('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np')])
      .when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np'), { directory: modelFrom([...network, l1('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np')]) })
      .then([]));

  it('refuses a repeat of the id with another target as CONFLICT', () =>
    given(liaisonLink, [l1('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'np')]).when(assign('PARTY_MEMBER_TO_NON_PARTY', 'cpc', 'dem'), { directory }).thenThrows('CONFLICT', 'already assigned with other details'));
});

describe('ReassignLink', () => {
  it('records LinkReassigned from the current source to the new one, and claims the new pair', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np')]).when(reassign('cpc2'), { directory }).then([ev.reassigned('l1', 'cpc', 'cpc2', '2020-06-01'), ev.pairClaimed('l1', 'cpc2', 'np')]));

  it('records the latest source as fromSourceId after an earlier reassignment', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np'), ev.reassigned('l1', 'cpc', 'cpc2', '2020-03-01')]).when(reassign('chair'), { directory }).then([ev.reassigned('l1', 'cpc2', 'chair', '2020-06-01'), ev.pairClaimed('l1', 'chair', 'np')]));

  it("refuses a new source that breaks the scheme's rule (a non-CPC member) as VALIDATION", () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np')]).when(reassign('dem'), { directory }).thenThrows('VALIDATION', 'member dem is not CPC'));

  it('refuses a new source who has left as VALIDATION', () =>
    given(liaisonLink, [ev.link('l1', 'pg', 'cpc', { scheme: 'PARTY_GROUP_TO_PARTY_MEMBER' })]).when(reassign('gone'), { directory }).thenThrows('VALIDATION', 'member gone has left'));

  it('refuses a new source who already holds an active link of the same scheme to the same target as CONFLICT', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np')]).when(reassign('cpc2'), { directory: modelFrom([...network, ev.link('l0', 'cpc2', 'np'), ev.link('l1', 'cpc', 'np')]) }).thenThrows('CONFLICT', 'l0'));

  it('refuses reassigning to the current source as VALIDATION', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np')]).when(reassign('cpc'), { directory }).thenThrows('VALIDATION', 'already held by cpc'));

  it('refuses reassigning an ended link as CONFLICT', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np'), ev.ended('l1', '2020-05-01')]).when(reassign('cpc2'), { directory }).thenThrows('CONFLICT', 'has ended'));

  it('refuses an effectiveAt before the last reassignment as VALIDATION', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np'), ev.reassigned('l1', 'cpc', 'cpc2', '2020-06-01')]).when(reassign('cpc', '2020-03-01'), { directory }).thenThrows('VALIDATION', "before the link's last change"));

  it('refuses an effectiveAt before the link became active as VALIDATION', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np', { from: '2020-04-01' })]).when(reassign('cpc2', '2020-03-01'), { directory }).thenThrows('VALIDATION', "before the link's last change"));

  it('refuses an effectiveAt in the future as VALIDATION', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np')]).when(reassign('cpc2', '2020-09-01'), { directory, now: '2020-08-01T00:00:00.000Z' }).thenThrows('VALIDATION', 'in the future'));

  it('refuses reassigning an unknown link as NOT_FOUND', () => given(liaisonLink, []).when(reassign('cpc2'), { directory }).thenThrows('NOT_FOUND', 'link l1'));
});

describe('EndLink', () => {
  it('records LinkEnded with activeTo at committee midnight and the reason', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np')]).when(end('2020-06-30'), { directory }).then([ev.ended('l1', '2020-06-30')]));

  it('refuses ending twice as CONFLICT', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np'), ev.ended('l1', '2020-06-30')]).when(end('2020-07-31'), { directory }).thenThrows('CONFLICT', 'already ended'));

  it('refuses ending an unknown link as NOT_FOUND', () => given(liaisonLink, []).when(end('2020-06-30'), { directory }).thenThrows('NOT_FOUND', 'link l1'));

  it('refuses an activeTo before the last reassignment as VALIDATION', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np'), ev.reassigned('l1', 'cpc', 'cpc2', '2020-06-01')]).when(end('2020-05-01'), { directory }).thenThrows('VALIDATION', "before the link's last change"));

  it('refuses an activeTo before the link became active as VALIDATION', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np', { from: '2020-04-01' })]).when(end('2020-03-01'), { directory }).thenThrows('VALIDATION', "before the link's last change"));

  it('refuses ending without a reason as VALIDATION', () =>
    given(liaisonLink, [ev.link('l1', 'cpc', 'np')]).when({ type: 'EndLink', linkId: 'l1', activeTo: '2020-06-30', reason: '  ' }, { directory }).thenThrows('VALIDATION', 'reason is required'));
});
