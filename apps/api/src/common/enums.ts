/** The domain's closed vocabularies as GraphQL enums: an unknown value is refused by validation. */
import { registerEnumType } from '@nestjs/graphql';
import {
  AFFILIATIONS,
  CHANNELS,
  GENDERS,
  LOCALITY_KINDS,
  MEMBER_STATUSES,
  ORGANIZATION_KINDS,
  PERIOD_KINDS,
  ROLE_KINDS,
  SCHEMES,
} from '#domain';

export const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const AffiliationEnum = asEnum(AFFILIATIONS);
export const ChannelEnum = asEnum(CHANNELS);
export const GenderEnum = asEnum(GENDERS);
export const LocalityKindEnum = asEnum(LOCALITY_KINDS);
export const MemberStatusEnum = asEnum(MEMBER_STATUSES);
export const OrganizationKindEnum = asEnum(ORGANIZATION_KINDS);
export const PeriodKindEnum = asEnum(PERIOD_KINDS);
export const RoleKindEnum = asEnum(ROLE_KINDS);
export const SchemeEnum = asEnum(SCHEMES);

registerEnumType(AffiliationEnum, { name: 'Affiliation', description: 'CPC, NON_PARTY (无党派人士) or one of the eight democratic parties.' });
registerEnumType(ChannelEnum, { name: 'Channel' });
registerEnumType(GenderEnum, { name: 'Gender' });
registerEnumType(LocalityKindEnum, { name: 'LocalityKind', description: '街道 SUBDISTRICT, 镇 TOWN, 乡 TOWNSHIP, or an urban area.' });
registerEnumType(MemberStatusEnum, { name: 'MemberStatus' });
registerEnumType(OrganizationKindEnum, { name: 'OrganizationKind' });
registerEnumType(PeriodKindEnum, { name: 'PeriodKind' });
registerEnumType(RoleKindEnum, { name: 'RoleKind' });
registerEnumType(SchemeEnum, { name: 'Scheme', description: 'The liaison schemes (联系制度) of DOMAIN.md.' });
