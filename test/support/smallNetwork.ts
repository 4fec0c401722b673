/**
 * A small network built through the API itself: one sector, one special committee, a locality
 * with its liaison group, a Party-group member, two CPC members and a non-Party member.
 */
import { TestApp } from './app.js';

export const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { position written version streamId } }`;
export const REGISTER_MEMBER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { position written version } }`;
export const ASSIGN_LINK = `mutation($input: AssignLinkInput!) { assignLink(input: $input) { position written version } }`;
export const LOG_CONTACT = `mutation($input: LogContactInput!) { logContact(input: $input) { position written version } }`;

export async function must<T>(app: TestApp, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await app.gql<T>(query, variables);
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

export const member = (id: string, affiliation: string, extra: Record<string, unknown> = {}) => ({
  memberId: id,
  name: `委员${id}`,
  gender: 'FEMALE',
  ethnicity: '汉族',
  affiliation,
  sectorId: 'sec-econ',
  specialCommitteeId: 'sc-proposals',
  liaisonGroupId: 'lg-hexi',
  joinedOn: '2017-01-10',
  ...extra,
});

/** Builds the network as ADMIN, then issues the RECORDER token of its liaison group (lg-hexi) for the contact mutations. */
export async function buildSmallNetwork(app: TestApp): Promise<void> {
  await must(app, REGISTER_ORG, { input: { organizationId: 'sec-econ', kind: 'SECTOR', name: '经济界' } });
  await must(app, REGISTER_ORG, { input: { organizationId: 'sc-proposals', kind: 'SPECIAL_COMMITTEE', name: '提案委员会' } });
  await must(app, REGISTER_ORG, { input: { organizationId: 'dp-cdl', kind: 'DEMOCRATIC_PARTY', name: '民盟' } });
  await must(app, `mutation { registerLocality(input: { localityId: "loc-hexi", name: "河西街道", kind: SUBDISTRICT }) { position } }`);
  await must(app, `mutation { registerPerson(input: { personId: "p-sec", name: "王副书记", title: "河西街道党工委副书记" }) { position } }`);
  await must(app, REGISTER_ORG, { input: { organizationId: 'lg-hexi', kind: 'LIAISON_GROUP', name: '河西街道联络组', localityId: 'loc-hexi', leaderId: 'p-sec' } });
  await must(app, REGISTER_MEMBER, { input: member('m-pg', 'CPC', { roles: [{ kind: 'PARTY_GROUP' }, { kind: 'VICE_CHAIR' }] }) });
  await must(app, REGISTER_MEMBER, { input: member('m-cpc1', 'CPC') });
  await must(app, REGISTER_MEMBER, { input: member('m-cpc2', 'CPC') });
  await must(app, REGISTER_MEMBER, { input: member('m-np', 'CDL') });
  await must(app, ASSIGN_LINK, {
    input: { linkId: 'l-pg-1', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER', sourceId: 'm-pg', targetId: 'm-cpc1', requirement: { minContacts: 1, per: 'QUARTER' }, activeFrom: '2020-01-01' },
  });
  await must(app, ASSIGN_LINK, {
    input: { linkId: 'l-pg-2', scheme: 'PARTY_GROUP_TO_PARTY_MEMBER', sourceId: 'm-pg', targetId: 'm-cpc2', requirement: { minContacts: 1, per: 'QUARTER' }, activeFrom: '2020-01-01' },
  });
  await must(app, ASSIGN_LINK, {
    input: { linkId: 'l-pm-1', scheme: 'PARTY_MEMBER_TO_NON_PARTY', sourceId: 'm-cpc1', targetId: 'm-np', requirement: { minContacts: 2, per: 'QUARTER' }, activeFrom: '2020-01-01' },
  });
  app.tokens.RECORDER = (await app.issueToken({ role: 'RECORDER', subject: 'test-recorder-hexi', liaisonGroupIds: ['lg-hexi'] })).token;
}
