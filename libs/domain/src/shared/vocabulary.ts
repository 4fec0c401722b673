/** The closed vocabularies of DOMAIN.md. Each is a tuple so it can be validated and listed. */

export const AFFILIATIONS = [
  'CPC',
  'NON_PARTY',
  // The eight democratic parties, in the order of the seed's Chinese usage.
  'RCCK', // 民革
  'CDL', // 民盟
  'CNDCA', // 民建
  'CAPD', // 民进
  'CPWDP', // 农工党
  'CZGP', // 致公党
  'JIUSAN', // 九三学社
  'TDSGL', // 台盟
] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

/**
 * The names a roster writes affiliations in, to their codes; the first name of each code is the
 * one shown in messages. Rosters use the short names (民革); the full names are accepted too.
 */
export const AFFILIATION_NAMES: Readonly<Record<string, Affiliation>> = {
  中共: 'CPC',
  中国共产党: 'CPC',
  中共党员: 'CPC',
  无党派人士: 'NON_PARTY',
  无党派: 'NON_PARTY',
  民革: 'RCCK',
  中国国民党革命委员会: 'RCCK',
  民盟: 'CDL',
  中国民主同盟: 'CDL',
  民建: 'CNDCA',
  中国民主建国会: 'CNDCA',
  民进: 'CAPD',
  中国民主促进会: 'CAPD',
  农工党: 'CPWDP',
  中国农工民主党: 'CPWDP',
  致公党: 'CZGP',
  中国致公党: 'CZGP',
  九三学社: 'JIUSAN',
  台盟: 'TDSGL',
  台湾民主自治同盟: 'TDSGL',
};

export const ORGANIZATION_KINDS = [
  'DEMOCRATIC_PARTY',
  'PEOPLES_ORGANIZATION',
  'SECTOR',
  'SPECIAL_COMMITTEE',
  'LIAISON_GROUP',
  'MEMBER_STUDIO',
  'PARTY_COMMITTEE',
  'HANDLING_UNIT',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Bodies a convener can convene (召集人 of a sector, special committee or liaison group). */
export const CONVENED_KINDS: readonly OrganizationKind[] = ['SECTOR', 'SPECIAL_COMMITTEE', 'LIAISON_GROUP'];

export const ROLE_KINDS = ['PARTY_GROUP', 'CHAIR', 'VICE_CHAIR', 'SECRETARY_GENERAL', 'STANDING_COMMITTEE', 'CONVENER'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/** Roles that make a member a committee leader (主席、副主席、秘书长、党组成员). */
export const LEADER_ROLES: readonly RoleKind[] = ['PARTY_GROUP', 'CHAIR', 'VICE_CHAIR', 'SECRETARY_GENERAL'];

export const GENDERS = ['MALE', 'FEMALE'] as const;
export type Gender = (typeof GENDERS)[number];
/** A roster's 男/女, to the codes. */
export const GENDER_NAMES: Readonly<Record<string, Gender>> = { 男: 'MALE', 女: 'FEMALE' };

export const MEMBER_STATUSES = ['ACTIVE', 'LEFT'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const LOCALITY_KINDS = ['SUBDISTRICT', 'TOWN', 'TOWNSHIP', 'URBAN_AREA'] as const;
export type LocalityKind = (typeof LOCALITY_KINDS)[number];

export const SCHEMES = [
  'PARTY_GROUP_TO_PARTY_MEMBER',
  'PARTY_MEMBER_TO_NON_PARTY',
  'COMMITTEE_TO_PARTIES_AND_ORGS',
  'SECTOR',
  'LIAISON_GROUP',
  'CONVENER',
] as const;
export type Scheme = (typeof SCHEMES)[number];

export const PERIOD_KINDS = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const CHANNELS = ['VISIT', 'MEETING', 'PHONE', 'ONLINE', 'LETTER', 'EVENT'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Role {
  kind: RoleKind;
  /** The body convened; set for CONVENER and only for it. */
  bodyId: string | null;
}

export interface Requirement {
  minContacts: number;
  per: PeriodKind;
}
