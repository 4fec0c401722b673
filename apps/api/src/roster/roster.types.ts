import { Field, ID, InputType, Int, IntersectionType, ObjectType, OmitType, PartialType, createUnionType } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination.js';
import { VersionedInput } from '../common/write-result.js';
import {
  AffiliationEnum,
  GenderEnum,
  LocalityKindEnum,
  MemberStatusEnum,
  OrganizationKindEnum,
  RoleKindEnum,
} from '../common/enums.js';
import type { Affiliation, Gender, LocalityKind, MemberStatus, OrganizationKind, RoleKind } from '#domain';

@ObjectType()
export class Role {
  @Field(() => RoleKindEnum) kind!: RoleKind;
  @Field(() => ID, { nullable: true, description: 'The body convened, for CONVENER.' }) bodyId!: string | null;
}

@ObjectType({ description: '委员: a member of the committee.' })
export class Member {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => GenderEnum, { nullable: true, description: 'Null when the roster does not say.' }) gender!: Gender | null;
  @Field(() => String, { nullable: true, description: '民族; null when the roster does not say.' }) ethnicity!: string | null;
  @Field(() => AffiliationEnum) affiliation!: Affiliation;
  @Field(() => ID) sectorId!: string;
  @Field(() => ID) specialCommitteeId!: string;
  @Field(() => ID, { nullable: true }) liaisonGroupId!: string | null;
  @Field(() => [Role]) roles!: Role[];
  @Field(() => MemberStatusEnum) status!: MemberStatus;
  @Field(() => String, { nullable: true, description: 'Null when the roster does not say.' }) joinedOn!: string | null;
  @Field(() => String, { nullable: true }) leftOn!: string | null;
}

@ObjectType({ description: 'A democratic party, people\'s organization, sector, special committee, liaison group, studio, Party committee or handling unit.' })
export class Organization {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganizationKindEnum) kind!: OrganizationKind;
  @Field() dissolved!: boolean;
  @Field(() => ID, { nullable: true, description: 'The locality a liaison group covers.' }) localityId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Who leads a liaison group.' }) leaderId!: string | null;
}

@ObjectType({ description: 'Someone outside the committee who takes part in contacts or leads a group.' })
export class Person {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() title!: string;
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
}

@ObjectType({ description: '乡镇街道: an urban area, town, township or subdistrict.' })
export class Locality {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => LocalityKindEnum) kind!: LocalityKind;
}

@ObjectType()
export class GroupLeader {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'MEMBER or PERSON (a locality\'s deputy Party secretary is usually not a member).' }) kind!: string;
}

@ObjectType({ description: '政协工作联络组: the liaison group of one locality.' })
export class LiaisonGroup {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() dissolved!: boolean;
  @Field(() => Locality, { nullable: true }) locality!: Locality | null;
  @Field(() => GroupLeader, { nullable: true }) leader!: GroupLeader | null;
  @Field(() => Int, { description: 'Members on the roster (not left) in this group.' }) activeMembers!: number;
}

@ObjectType({ description: '全体会议: contacts during a plenary session do not count for CONVENER links.' })
export class PlenarySession {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() startsOn!: string;
  @Field() endsOn!: string;
  @Field(() => ID, { nullable: true, description: 'The term it belongs to; null for a session scheduled without one.' }) termId!: string | null;
  @Field(() => Int, { nullable: true, description: 'Its number in the term (第三次会议: 3).' }) number!: number | null;
}

@ObjectType({ description: '届: a term of the committee. Proposals are numbered per term and session.' })
export class Term {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => Int) number!: number;
  @Field() startsOn!: string;
  @Field() endsOn!: string;
}

export const Party = createUnionType({
  name: 'Party',
  description: 'Anyone a link or a contact can name: a member, an organization or a person.',
  types: () => [Member, Organization, Person] as const,
  resolveType: (value: Record<string, unknown>) => ('affiliation' in value ? Member : 'dissolved' in value ? Organization : Person),
});

export const MemberConnection = ConnectionType(Member, 'Member');
export const OrganizationConnection = ConnectionType(Organization, 'Organization');

@InputType()
export class RoleInput {
  @Field(() => RoleKindEnum) kind!: RoleKind;
  @Field(() => ID, { nullable: true }) bodyId?: string | null;
}

@InputType()
export class RegisterMemberInput {
  @Field(() => ID) memberId!: string;
  @Field() name!: string;
  @Field(() => GenderEnum, { nullable: true, description: 'Absent or null: unknown.' }) gender?: Gender | null;
  @Field(() => String, { nullable: true, description: '民族; absent or null: unknown.' }) ethnicity?: string | null;
  @Field(() => String, { description: 'A code (CPC, NON_PARTY, RCCK, CDL, CNDCA, CAPD, CPWDP, CZGP, JIUSAN, TDSGL) or its Chinese name (中共, 无党派人士, 民革, 民盟, 民建, 民进, 农工党, 致公党, 九三学社, 台盟); recorded as the code.' })
  affiliation!: string;
  @Field(() => ID) sectorId!: string;
  @Field(() => ID) specialCommitteeId!: string;
  @Field(() => ID, { nullable: true }) liaisonGroupId?: string | null;
  @Field(() => [RoleInput], { nullable: true }) roles?: RoleInput[] | null;
  @Field(() => String, { nullable: true, description: 'Date the member joined, e.g. 2017-01-10; absent or null: unknown.' }) joinedOn?: string | null;
}

/** Every profile field of a registration may change; only the fields given do. */
@InputType()
export class ChangeMemberProfileInput extends IntersectionType(PartialType(OmitType(RegisterMemberInput, ['memberId', 'joinedOn'] as const)), VersionedInput) {
  @Field(() => ID) memberId!: string;
  @Field({ nullable: true, description: 'When the change took effect (default: now).' }) effectiveAt?: string;
  @Field() reason!: string;
}

@InputType()
export class RecordMemberLeftInput extends VersionedInput {
  @Field(() => ID) memberId!: string;
  @Field() leftOn!: string;
  @Field() reason!: string;
}

@InputType()
export class RegisterOrganizationInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => OrganizationKindEnum) kind!: OrganizationKind;
  @Field() name!: string;
  @Field(() => ID, { nullable: true, description: 'Required for a LIAISON_GROUP: the locality it covers.' }) localityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'For a LIAISON_GROUP, its leader (a registered person or member); optional: a vacant post is named later with changeGroupLeader.' }) leaderId?: string | null;
}

@InputType()
export class ChangeGroupLeaderInput extends VersionedInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => ID) leaderId!: string;
  @Field({ nullable: true }) effectiveAt?: string;
  @Field() reason!: string;
}

@InputType()
export class DissolveOrganizationInput extends VersionedInput {
  @Field(() => ID) organizationId!: string;
  @Field() dissolvedOn!: string;
  @Field() reason!: string;
}

@InputType()
export class RegisterLocalityInput {
  @Field(() => ID) localityId!: string;
  @Field() name!: string;
  @Field(() => LocalityKindEnum) kind!: LocalityKind;
}

@InputType()
export class RegisterPersonInput {
  @Field(() => ID) personId!: string;
  @Field() name!: string;
  @Field({ nullable: true }) title?: string;
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
}

@InputType()
export class SchedulePlenarySessionInput {
  @Field(() => ID) sessionId!: string;
  @Field() name!: string;
  @Field() startsOn!: string;
  @Field() endsOn!: string;
  @Field(() => ID, { nullable: true, description: 'The term it belongs to (needed before proposals can name it).' }) termId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Its number in the term.' }) number?: number | null;
}

@InputType()
export class OpenTermInput {
  @Field(() => ID) termId!: string;
  @Field({ description: 'e.g. 政协格尔木市第十届委员会' }) name!: string;
  @Field(() => Int, { description: '届次: 10 for the tenth term.' }) number!: number;
  @Field() startsOn!: string;
  @Field() endsOn!: string;
}
