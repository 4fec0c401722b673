import { describe, it } from '@jest/globals';
import * as ev from '#testing/events';
import { given, modelFrom } from '#testing/given';
import {
  LocalityCommand,
  MemberCommand,
  MemberEvent,
  MemberProfile,
  OrganizationCommand,
  PersonCommand,
  PlenarySessionCommand,
  locality,
  member,
  organization,
  person,
  plenarySession,
} from './roster.js';

/** The network every roster command below is decided against. */
const network = [
  ev.organization('sector-1', 'SECTOR'),
  ev.organization('sc-1', 'SPECIAL_COMMITTEE'),
  ev.organization('sc-2', 'SPECIAL_COMMITTEE'),
  ev.organization('dp-1', 'DEMOCRATIC_PARTY'),
  ev.organization('sector-old', 'SECTOR'),
  ev.dissolved('sector-old', '2019-06-01'),
  ev.locality('loc-1'),
  ev.locality('loc-2'),
  ev.locality('loc-3'),
  ev.person('p1'),
  ev.person('p2'),
  ev.liaisonGroup('g1', 'loc-1', 'p1'),
  ev.member('m-gone'),
  ev.memberLeft('m-gone', '2020-01-01'),
];
const directory = modelFrom(network);

const register = (changes: Partial<Extract<MemberCommand, { type: 'RegisterMember' }>> = {}): MemberCommand => ({
  type: 'RegisterMember',
  memberId: 'm1',
  joinedOn: '2018-01-01',
  name: 'Member m1',
  gender: 'MALE',
  ethnicity: 'Han',
  affiliation: 'NON_PARTY',
  sectorId: 'sector-1',
  specialCommitteeId: 'sc-1',
  ...changes,
});

const changeProfile = (changes: Partial<Extract<MemberCommand, { type: 'ChangeMemberProfile' }>> = {}): MemberCommand => ({
  type: 'ChangeMemberProfile',
  memberId: 'm1',
  effectiveAt: '2020-06-01',
  reason: 'joined the CPC',
  ...changes,
});

const left = (leftOn: string, memberId = 'm1'): MemberCommand => ({ type: 'RecordMemberLeft', memberId, leftOn, reason: 'term ended' });

/** The profile a MemberRegistered carries (everything but memberId and joinedOn). */
function profileOf(event: MemberEvent): MemberProfile {
  const { memberId: _m, joinedOn: _j, ...profile } = event.data as Extract<MemberEvent, { type: 'MemberRegistered' }>['data'];
  return profile;
}

describe('member', () => {
  describe('RegisterMember', () => {
    it('records MemberRegistered with the profile, joinedOn at committee midnight and no roles', () =>
      given(member, []).when(register(), { directory }).then([
        {
          type: 'MemberRegistered',
          data: {
            memberId: 'm1',
            joinedOn: '2017-12-31T16:00:00.000Z',
            name: 'Member m1',
            gender: 'MALE',
            ethnicity: 'Han',
            affiliation: 'NON_PARTY',
            sectorId: 'sector-1',
            specialCommitteeId: 'sc-1',
            liaisonGroupId: null,
            roles: [],
          },
        },
      ]));

    it('records a CONVENER role with the sector it convenes', () =>
      given(member, []).when(register({ roles: [{ kind: 'CONVENER', bodyId: 'sector-1' }] }), { directory }).then([ev.member('m1', { roles: [{ kind: 'CONVENER', bodyId: 'sector-1' }] })]));

    it('records nothing for an identical repeat (idempotent)', () => given(member, [ev.member('m1')]).when(register(), { directory }).then([]));

    it('refuses a repeat with different details as CONFLICT', () =>
      given(member, [ev.member('m1')]).when(register({ name: 'Someone Else' }), { directory }).thenThrows('CONFLICT', 'already registered with other details'));

    it('refuses an unknown sector as NOT_FOUND', () => given(member, []).when(register({ sectorId: 'sector-x' }), { directory }).thenThrows('NOT_FOUND', 'sector-x'));

    it('refuses a sectorId that names a SPECIAL_COMMITTEE as VALIDATION', () =>
      given(member, []).when(register({ sectorId: 'sc-2' }), { directory }).thenThrows('VALIDATION', 'sc-2 is a SPECIAL_COMMITTEE, not a SECTOR'));

    it('refuses a dissolved sector as VALIDATION', () => given(member, []).when(register({ sectorId: 'sector-old' }), { directory }).thenThrows('VALIDATION', 'dissolved'));

    it('refuses a missing special committee (every member is in one) as VALIDATION', () =>
      given(member, []).when(register({ specialCommitteeId: '' }), { directory }).thenThrows('VALIDATION', 'specialCommitteeId is required'));

    it('refuses an affiliation outside the vocabulary as VALIDATION', () =>
      given(member, []).when(register({ affiliation: 'KMT' }), { directory }).thenThrows('VALIDATION', 'affiliation "KMT" is not one of'));

    it('refuses a gender outside the vocabulary as VALIDATION', () => given(member, []).when(register({ gender: 'X' }), { directory }).thenThrows('VALIDATION', 'gender'));

    it('refuses a 101-character name as VALIDATION', () =>
      given(member, []).when(register({ name: 'n'.repeat(101) }), { directory }).thenThrows('VALIDATION', 'name is longer than 100 characters'));

    it('accepts a 100-character name', () =>
      given(member, []).when(register({ name: 'n'.repeat(100) }), { directory }).then([ev.member('m1', { name: 'n'.repeat(100) })]));

    it('refuses a CONVENER role without bodyId as VALIDATION', () =>
      given(member, []).when(register({ roles: [{ kind: 'CONVENER' }] }), { directory }).thenThrows('VALIDATION', 'roles[0].bodyId is required'));

    it('refuses a CONVENER role of a democratic party (not a convened body) as VALIDATION', () =>
      given(member, []).when(register({ roles: [{ kind: 'CONVENER', bodyId: 'dp-1' }] }), { directory }).thenThrows('VALIDATION', 'dp-1 is a DEMOCRATIC_PARTY'));

    it('refuses a CONVENER role of an unregistered body as NOT_FOUND', () =>
      given(member, []).when(register({ roles: [{ kind: 'CONVENER', bodyId: 'nowhere' }] }), { directory }).thenThrows('NOT_FOUND', 'nowhere'));

    it('refuses a bodyId on a role other than CONVENER as VALIDATION', () =>
      given(member, []).when(register({ roles: [{ kind: 'CHAIR', bodyId: 'sector-1' }] }), { directory }).thenThrows('VALIDATION', 'only a CONVENER role names a body'));

    it('refuses the same role listed twice as VALIDATION', () =>
      given(member, []).when(register({ roles: [{ kind: 'CHAIR' }, { kind: 'CHAIR' }] }), { directory }).thenThrows('VALIDATION', 'same role twice'));

    it('refuses an id already used by an organization as CONFLICT', () =>
      given(member, []).when(register({ memberId: 'sector-1' }), { directory }).thenThrows('CONFLICT', 'already used by a organization'));

    it('refuses an id already used by a person as CONFLICT', () => given(member, []).when(register({ memberId: 'p1' }), { directory }).thenThrows('CONFLICT', 'already used by a person'));

    it('accepts an id with a space inside', () =>
      given(member, []).when(register({ memberId: 'm 1' }), { directory }).then([ev.member('m 1', { name: 'Member m1' })]));

    describe('what real rosters hold', () => {
      type Registered = Extract<MemberEvent, { type: 'MemberRegistered' }>;
      const registered = (data: Partial<Registered['data']>): MemberEvent[] => [{ type: 'MemberRegistered', data: { ...(ev.member('m1').data as Registered['data']), ...data } }];

      it('accepts a Chinese id', () => given(member, []).when(register({ memberId: '委员-张伟' }), { directory }).then(registered({ memberId: '委员-张伟' })));

      it('accepts a 64-character Chinese id and refuses a 65-character one as VALIDATION', () => {
        given(member, []).when(register({ memberId: '张'.repeat(64) }), { directory }).then(registered({ memberId: '张'.repeat(64) }));
        given(member, []).when(register({ memberId: '张'.repeat(65) }), { directory }).thenThrows('VALIDATION', 'longer than 64 characters (65)');
      });

      it.each([
        ['a leading space', ' m1', 'begins or ends with a space'],
        ['a trailing space', 'm1 ', 'begins or ends with a space'],
        ["a '/'", 'a/b', "contains '/'"],
        ["a ';' (the import's list separator)", 'a;b', "contains ';'"],
        ['a control character', 'a\nb', 'contains U+000A'],
        ['a format character (zero-width space)', 'a\u200bb', 'contains U+200B'],
      ])('refuses an id with %s as VALIDATION', (_what, memberId, message) =>
        given(member, []).when(register({ memberId }), { directory }).thenThrows('VALIDATION', message));

      it('records a blank gender, ethnicity and joinedOn as unknown (null)', () =>
        given(member, []).when(register({ gender: '', ethnicity: ' ', joinedOn: undefined }), { directory }).then(registered({ gender: null, ethnicity: null, joinedOn: null })));

      it('records gender given as 男 or 女 as its code', () =>
        given(member, []).when(register({ gender: '女' }), { directory }).then(registered({ gender: 'FEMALE' })));

      it.each([
        ['中共', 'CPC'],
        ['中国共产党', 'CPC'],
        ['无党派人士', 'NON_PARTY'],
        ['无党派', 'NON_PARTY'],
        ['民革', 'RCCK'],
        ['民盟', 'CDL'],
        ['民建', 'CNDCA'],
        ['民进', 'CAPD'],
        ['农工党', 'CPWDP'],
        ['致公党', 'CZGP'],
        ['九三学社', 'JIUSAN'],
        ['台盟', 'TDSGL'],
        ['CDL', 'CDL'],
      ])('records affiliation %s as %s', (affiliation, code) =>
        given(member, []).when(register({ affiliation }), { directory }).then(registered({ affiliation: code as Registered['data']['affiliation'] })));

      it('refuses an unknown affiliation, listing the codes with their Chinese names, as VALIDATION', () =>
        given(member, []).when(register({ affiliation: '国民党' }), { directory }).thenThrows('VALIDATION', 'RCCK (民革)'));

      it('records nothing for a repeat that names the affiliation in Chinese (idempotent)', () =>
        given(member, [ev.member('m1', { affiliation: 'RCCK' })]).when(register({ affiliation: '民革' }), { directory }).then([]));

      it('lets a member of unknown joinedOn leave on any date', () =>
        given(member, registered({ joinedOn: null })).when(left('2020-03-01'), { directory }).then([
          { type: 'MemberLeft', data: { memberId: 'm1', leftOn: '2020-02-29T16:00:00.000Z', reason: 'term ended' } },
        ]));

      it('keeps the profile an older event recorded (gender, ethnicity, joinedOn) when the affiliation changes in Chinese', () =>
        given(member, [ev.member('m1')]).when(changeProfile({ affiliation: '中共' }), { directory }).then([
          { type: 'MemberProfileChanged', data: { ...profileOf(ev.member('m1')), affiliation: 'CPC', memberId: 'm1', effectiveAt: '2020-05-31T16:00:00.000Z', reason: 'joined the CPC' } },
        ]));
    });
  });

  describe('ChangeMemberProfile', () => {
    it('records MemberProfileChanged with the whole new profile, effectiveAt and reason', () =>
      given(member, [ev.member('m1')]).when(changeProfile({ affiliation: 'CPC' }), { directory }).then([
        {
          type: 'MemberProfileChanged',
          data: {
            memberId: 'm1',
            effectiveAt: '2020-05-31T16:00:00.000Z',
            reason: 'joined the CPC',
            name: 'Member m1',
            gender: 'MALE',
            ethnicity: 'Han',
            affiliation: 'CPC',
            sectorId: 'sector-1',
            specialCommitteeId: 'sc-1',
            liaisonGroupId: null,
            roles: [],
          },
        },
      ]));

    it('takes effect at context.now when no effectiveAt is given', () =>
      given(member, [ev.member('m1')])
        .when(changeProfile({ effectiveAt: undefined, liaisonGroupId: 'g1' }), { directory, now: '2020-07-01T02:00:00.000Z' })
        .then([{ type: 'MemberProfileChanged', data: { ...profileOf(ev.member('m1', { liaisonGroupId: 'g1' })), memberId: 'm1', effectiveAt: '2020-07-01T02:00:00.000Z', reason: 'joined the CPC' } }]));

    it('records nothing when the change repeats the current profile (no-op)', () =>
      given(member, [ev.member('m1', { affiliation: 'CPC' })]).when(changeProfile({ affiliation: 'CPC' }), { directory }).then([]));

    it('refuses a future effectiveAt as VALIDATION', () =>
      given(member, [ev.member('m1')]).when(changeProfile({ affiliation: 'CPC', effectiveAt: '2021-02-01' }), { directory }).thenThrows('VALIDATION', 'effectiveAt'));

    it('refuses a change without a reason as VALIDATION', () =>
      given(member, [ev.member('m1')]).when(changeProfile({ affiliation: 'CPC', reason: '' }), { directory }).thenThrows('VALIDATION', 'reason is required'));

    it('refuses a change to a member who has left as CONFLICT', () =>
      given(member, [ev.member('m1'), ev.memberLeft('m1', '2020-03-01')]).when(changeProfile({ affiliation: 'CPC' }), { directory }).thenThrows('CONFLICT', 'has left'));

    it('refuses a change to an unknown member as NOT_FOUND', () => given(member, []).when(changeProfile({ affiliation: 'CPC' }), { directory }).thenThrows('NOT_FOUND', 'm1'));

    it('refuses a change of sector to a special committee as VALIDATION', () =>
      given(member, [ev.member('m1')]).when(changeProfile({ sectorId: 'sc-2' }), { directory }).thenThrows('VALIDATION', 'not a SECTOR'));
  });

  describe('RecordMemberLeft', () => {
    it('records MemberLeft with leftOn at committee midnight', () =>
      given(member, [ev.member('m1')]).when(left('2020-03-01'), { directory }).then([ev.memberLeft('m1', '2020-03-01')]));

    it('refuses a leftOn in the future as VALIDATION', () =>
      given(member, [ev.member('m1')]).when(left('2021-06-01'), { directory, now: '2020-12-31T04:00:00.000Z' }).thenThrows('VALIDATION', 'in the future'));

    it('refuses a leftOn before the member joined as VALIDATION', () =>
      given(member, [ev.member('m1', { joinedOn: '2019-01-01' })]).when(left('2018-06-01'), { directory }).thenThrows('VALIDATION', 'before the member joined'));

    it('refuses leaving twice as CONFLICT', () =>
      given(member, [ev.member('m1'), ev.memberLeft('m1', '2020-03-01')]).when(left('2020-04-01'), { directory }).thenThrows('CONFLICT', 'already left'));

    it('refuses an unknown member as NOT_FOUND', () => given(member, []).when(left('2020-03-01'), { directory }).thenThrows('NOT_FOUND', 'm1'));
  });
});

const registerOrg = (changes: Partial<Extract<OrganizationCommand, { type: 'RegisterOrganization' }>> = {}): OrganizationCommand => ({
  type: 'RegisterOrganization',
  organizationId: 'g2',
  kind: 'LIAISON_GROUP',
  name: 'Group g2',
  localityId: 'loc-2',
  leaderId: 'p1',
  ...changes,
});

const changeLeader = (leaderId: string, organizationId = 'g2'): OrganizationCommand => ({
  type: 'ChangeGroupLeader',
  organizationId,
  leaderId,
  effectiveAt: '2020-03-01',
  reason: 'new deputy secretary',
});

const dissolve = (organizationId: string): OrganizationCommand => ({ type: 'DissolveOrganization', organizationId, dissolvedOn: '2020-06-01', reason: 'merged' });

describe('organization', () => {
  describe('RegisterOrganization', () => {
    it('records a liaison group with its locality and leader', () =>
      given(organization, []).when(registerOrg(), { directory }).then([ev.liaisonGroup('g2', 'loc-2', 'p1')]));

    it('records a sector with no locality and no leader', () =>
      given(organization, []).when(registerOrg({ organizationId: 's2', kind: 'SECTOR', name: 'SECTOR s2', localityId: undefined, leaderId: undefined }), { directory }).then([ev.organization('s2', 'SECTOR')]));

    it('records nothing for an identical repeat of a liaison group (idempotent)', () =>
      given(organization, [ev.liaisonGroup('g2', 'loc-2', 'p1')]).when(registerOrg(), { directory: modelFrom([...network, ev.liaisonGroup('g2', 'loc-2', 'p1')]) }).then([]));

    it('refuses a repeat with another name as CONFLICT', () =>
      given(organization, [ev.liaisonGroup('g2', 'loc-2', 'p1')]).when(registerOrg({ name: 'Renamed' }), { directory }).thenThrows('CONFLICT', 'already registered with other details'));

    it('refuses a liaison group without a locality as VALIDATION', () =>
      given(organization, []).when(registerOrg({ localityId: undefined }), { directory }).thenThrows('VALIDATION', 'localityId is required'));

    it('records a liaison group without a leader (a vacant post, named later with ChangeGroupLeader)', () =>
      given(organization, []).when(registerOrg({ leaderId: undefined }), { directory }).then([
        { type: 'OrganizationRegistered', data: { organizationId: 'g2', kind: 'LIAISON_GROUP', name: 'Group g2', localityId: 'loc-2', leaderId: null } },
      ]));

    it('names the leader of a group registered without one', () =>
      given(organization, [{ type: 'OrganizationRegistered', data: { organizationId: 'g2', kind: 'LIAISON_GROUP', name: 'Group g2', localityId: 'loc-2', leaderId: null } }])
        .when(changeLeader('p2'), { directory, now: '2020-06-01T00:00:00.000Z' })
        .then([{ type: 'GroupLeaderChanged', data: { organizationId: 'g2', leaderId: 'p2', effectiveAt: '2020-02-29T16:00:00.000Z', reason: 'new deputy secretary' } }]));

    it('accepts Chinese ids for the group, its locality and its leader', () =>
      given(organization, [])
        .when(registerOrg({ organizationId: '昆仑路联络组', localityId: '昆仑路街道', leaderId: '王书记' }), { directory: modelFrom([...network, ev.locality('昆仑路街道'), ev.person('王书记')]) })
        .then([ev.liaisonGroup('昆仑路联络组', '昆仑路街道', '王书记', 'Group g2')]));

    it('refuses a liaison group for an unregistered locality as NOT_FOUND', () =>
      given(organization, []).when(registerOrg({ localityId: 'loc-x' }), { directory }).thenThrows('NOT_FOUND', 'loc-x'));

    it('refuses a liaison group led by nobody registered as NOT_FOUND', () =>
      given(organization, []).when(registerOrg({ leaderId: 'ghost' }), { directory }).thenThrows('NOT_FOUND', 'ghost'));

    it('refuses a liaison group led by an organization (registered, but neither member nor person) as VALIDATION', () =>
      given(organization, []).when(registerOrg({ leaderId: 'dp-1' }), { directory }).thenThrows('VALIDATION', 'dp-1'));

    it('refuses a liaison group led by a member who has left as VALIDATION', () =>
      given(organization, []).when(registerOrg({ leaderId: 'm-gone' }), { directory }).thenThrows('VALIDATION', 'has left'));

    it('refuses a second liaison group for the same locality as CONFLICT', () =>
      given(organization, []).when(registerOrg({ localityId: 'loc-1' }), { directory }).thenThrows('CONFLICT', 'already has liaison group g1'));

    it('refuses a localityId on an organization that is not a liaison group as VALIDATION', () =>
      given(organization, []).when(registerOrg({ organizationId: 's2', kind: 'SECTOR', leaderId: undefined }), { directory }).thenThrows('VALIDATION', 'only a LIAISON_GROUP has a locality'));

    it('refuses a leaderId on an organization that is not a liaison group as VALIDATION', () =>
      given(organization, []).when(registerOrg({ organizationId: 's2', kind: 'SECTOR', localityId: undefined }), { directory }).thenThrows('VALIDATION', 'only a LIAISON_GROUP has a locality and a leader'));

    it('refuses a kind outside the vocabulary as VALIDATION', () =>
      given(organization, []).when(registerOrg({ kind: 'CLUB' }), { directory }).thenThrows('VALIDATION', 'kind "CLUB"'));

    it('refuses an id already used by a member as CONFLICT', () =>
      given(organization, []).when(registerOrg({ organizationId: 'm-gone' }), { directory }).thenThrows('CONFLICT', 'already used by a member'));
  });

  describe('ChangeGroupLeader', () => {
    it('records GroupLeaderChanged with the new leader, effectiveAt and reason', () =>
      given(organization, [ev.liaisonGroup('g2', 'loc-2', 'p1')]).when(changeLeader('p2'), { directory }).then([
        { type: 'GroupLeaderChanged', data: { organizationId: 'g2', leaderId: 'p2', effectiveAt: '2020-02-29T16:00:00.000Z', reason: 'new deputy secretary' } },
      ]));

    it('records nothing when the leader is already the leader', () => given(organization, [ev.liaisonGroup('g2', 'loc-2', 'p1')]).when(changeLeader('p1'), { directory }).then([]));

    it('refuses an unregistered leader as NOT_FOUND', () =>
      given(organization, [ev.liaisonGroup('g2', 'loc-2', 'p1')]).when(changeLeader('ghost'), { directory }).thenThrows('NOT_FOUND', 'ghost'));

    it('refuses a leader for an organization that is not a liaison group as VALIDATION', () =>
      given(organization, [ev.organization('sector-1', 'SECTOR')]).when(changeLeader('p2', 'sector-1'), { directory }).thenThrows('VALIDATION', 'only liaison groups have a leader'));

    it('refuses a leader for a dissolved group as CONFLICT', () =>
      given(organization, [ev.liaisonGroup('g2', 'loc-2', 'p1'), ev.dissolved('g2', '2020-02-01')]).when(changeLeader('p2'), { directory }).thenThrows('CONFLICT', 'dissolved'));

    it('refuses a leader for an unknown group as NOT_FOUND', () => given(organization, []).when(changeLeader('p2'), { directory }).thenThrows('NOT_FOUND', 'g2'));
  });

  describe('DissolveOrganization', () => {
    it('records OrganizationDissolved', () => given(organization, [ev.organization('o1', 'SECTOR')]).when(dissolve('o1'), { directory }).then([ev.dissolved('o1', '2020-06-01')]));

    it('refuses dissolving twice as CONFLICT', () =>
      given(organization, [ev.organization('o1', 'SECTOR'), ev.dissolved('o1', '2020-01-01')]).when(dissolve('o1'), { directory }).thenThrows('CONFLICT', 'already dissolved'));

    it('refuses dissolving an unknown organization as NOT_FOUND', () => given(organization, []).when(dissolve('o1'), { directory }).thenThrows('NOT_FOUND', 'o1'));

    it('refuses a dissolvedOn in the future as VALIDATION', () =>
      given(organization, [ev.organization('o1', 'SECTOR')]).when(dissolve('o1'), { directory, now: '2020-05-01T00:00:00.000Z' }).thenThrows('VALIDATION', 'in the future'));
  });
});

describe('locality', () => {
  const registerLocality = (changes: Partial<LocalityCommand> = {}): LocalityCommand => ({ type: 'RegisterLocality', localityId: 'loc-9', name: 'Locality loc-9', kind: 'TOWN', ...changes });

  it('records LocalityRegistered', () => given(locality, []).when(registerLocality(), { directory }).then([ev.locality('loc-9')]));

  it('records nothing for an identical repeat (idempotent)', () => given(locality, [ev.locality('loc-9')]).when(registerLocality(), { directory }).then([]));

  it('refuses a repeat with another name as CONFLICT', () =>
    given(locality, [ev.locality('loc-9')]).when(registerLocality({ name: 'Renamed' }), { directory }).thenThrows('CONFLICT', 'already registered with other details'));

  it('refuses a kind outside the vocabulary as VALIDATION', () => given(locality, []).when(registerLocality({ kind: 'CITY' }), { directory }).thenThrows('VALIDATION', 'kind "CITY"'));

  it('refuses an id already used by a person as CONFLICT', () =>
    given(locality, []).when(registerLocality({ localityId: 'p1' }), { directory }).thenThrows('CONFLICT', 'already used by a person'));
});

describe('person', () => {
  const registerPerson = (changes: Partial<PersonCommand> = {}): PersonCommand => ({ type: 'RegisterPerson', personId: 'p9', name: 'Person p9', ...changes });

  it('records PersonRegistered with an empty title and no organization by default', () =>
    given(person, []).when(registerPerson(), { directory }).then([ev.person('p9')]));

  it('records the organization a person belongs to', () =>
    given(person, []).when(registerPerson({ organizationId: 'dp-1' }), { directory }).then([ev.person('p9', 'Person p9', 'dp-1')]));

  it('records nothing for an identical repeat (idempotent)', () => given(person, [ev.person('p9')]).when(registerPerson(), { directory }).then([]));

  it('refuses a repeat with another name as CONFLICT', () =>
    given(person, [ev.person('p9')]).when(registerPerson({ name: 'Renamed' }), { directory }).thenThrows('CONFLICT', 'already registered with other details'));

  it('refuses an unregistered organization as NOT_FOUND', () =>
    given(person, []).when(registerPerson({ organizationId: 'org-x' }), { directory }).thenThrows('NOT_FOUND', 'org-x'));

  it('refuses an id already used by a locality as CONFLICT', () =>
    given(person, []).when(registerPerson({ personId: 'loc-1' }), { directory }).thenThrows('CONFLICT', 'already used by a locality'));
});

describe('plenarySession', () => {
  const schedule = (changes: Partial<PlenarySessionCommand> = {}): PlenarySessionCommand => ({
    type: 'SchedulePlenarySession',
    sessionId: 's1',
    name: 'Session s1',
    startsOn: '2020-01-10',
    endsOn: '2020-01-14',
    ...changes,
  });

  it('records PlenarySessionScheduled with both dates at committee midnight', () =>
    given(plenarySession, []).when(schedule(), { directory }).then([ev.plenary('s1', '2020-01-10', '2020-01-14')]));

  it('records nothing for an identical repeat (idempotent)', () =>
    given(plenarySession, [ev.plenary('s1', '2020-01-10', '2020-01-14')]).when(schedule(), { directory }).then([]));

  it('refuses a repeat with other dates as CONFLICT', () =>
    given(plenarySession, [ev.plenary('s1', '2020-01-10', '2020-01-14')]).when(schedule({ endsOn: '2020-01-15' }), { directory }).thenThrows('CONFLICT', 'other dates'));

  it('refuses endsOn before startsOn as VALIDATION', () =>
    given(plenarySession, []).when(schedule({ startsOn: '2020-01-14', endsOn: '2020-01-10' }), { directory }).thenThrows('VALIDATION', 'must be after startsOn'));

  it('refuses endsOn equal to startsOn as VALIDATION', () =>
    given(plenarySession, []).when(schedule({ endsOn: '2020-01-10' }), { directory }).thenThrows('VALIDATION', 'must be after startsOn'));
});
