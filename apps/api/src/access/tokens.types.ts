import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ACCESS_ROLES, MAX_TOKEN_DAYS } from '#domain';
import type { AccessRole } from '#domain';
import type { TokenStatus } from '#projections/access/tokens.queries';
import type { Grant } from '#domain';

export const AccessRoleEnum = Object.fromEntries(ACCESS_ROLES.map((r) => [r, r])) as { [K in AccessRole]: K };
export const TokenStatusEnum = { ACTIVE: 'ACTIVE', EXPIRED: 'EXPIRED', REVOKED: 'REVOKED' } as const;

registerEnumType(AccessRoleEnum, {
  name: 'AccessRole',
  description: 'ADMIN keeps the roster, links and tokens; RECORDER logs the contacts its grants cover; LEADER reads every figure; AUDITOR inspects everything and changes nothing.',
});
registerEnumType(TokenStatusEnum, { name: 'TokenStatus' });

@ObjectType('TokenScope', { description: 'What a RECORDER token\'s LIAISON_GROUP and MEMBER grants cover, as the scope tokens had before grants. Empty for every other role; see `grants` for all.' })
export class TokenScopeType {
  @Field(() => [ID]) liaisonGroupIds!: string[];
  @Field(() => ID, { nullable: true }) memberId!: string | null;
}

@ObjectType('Grant', { description: 'What a token may act on within its role. Kinds: LIAISON_GROUP (ids), MEMBER (id), COMMITTEE_OFFICE (every contact of the committee).' })
export class GrantType {
  @Field() kind!: string;
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => ID, { nullable: true }) id?: string | null;
}

@InputType()
export class GrantInput {
  @Field({ description: 'LIAISON_GROUP, MEMBER or COMMITTEE_OFFICE.' }) kind!: string;
  @Field(() => [ID], { nullable: true, description: 'LIAISON_GROUP: the groups.' }) ids?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'MEMBER: the member.' }) id?: string | null;
}

/** A token's grants as the scope tokens had before grants, for clients that read `scope`. */
export function scopeOf(grants: readonly Grant[]): TokenScopeType {
  return {
    liaisonGroupIds: grants.filter((g) => g.kind === 'LIAISON_GROUP').flatMap((g) => g.ids ?? []),
    memberId: grants.find((g) => g.kind === 'MEMBER')?.id ?? null,
  };
}

@ObjectType({ description: 'An issued token as recorded: never the token itself, which is shown only once, by issueToken.' })
export class AccessToken {
  @Field(() => ID, { description: 'The JWT `jti`; revokeToken takes it.' }) tokenId!: string;
  @Field() subject!: string;
  @Field(() => AccessRoleEnum) role!: AccessRole;
  @Field(() => TokenScopeType) scope!: TokenScopeType;
  @Field(() => [GrantType]) grants!: GrantType[];
  @Field() expiresAt!: string;
  @Field() issuedBy!: string;
  @Field() issuedAt!: string;
  @Field(() => TokenStatusEnum) status!: TokenStatus;
  @Field(() => String, { nullable: true }) revokedAt!: string | null;
  @Field(() => String, { nullable: true }) revokedBy!: string | null;
  @Field(() => String, { nullable: true }) revokeReason!: string | null;
}

@ObjectType({ description: 'A newly issued token. `token` is shown this once and is stored nowhere: keep it like a password.' })
export class IssuedToken {
  @Field({ description: 'Send as "Authorization: Bearer <token>" (or `authorization` in graphql-ws connectionParams).' }) token!: string;
  @Field(() => ID) tokenId!: string;
  @Field() subject!: string;
  @Field(() => AccessRoleEnum) role!: AccessRole;
  @Field(() => TokenScopeType) scope!: TokenScopeType;
  @Field(() => [GrantType]) grants!: GrantType[];
  @Field() expiresAt!: string;
  @Field(() => Float, { description: 'Position of the TokenIssued event.' }) position!: number;
}

@ObjectType({ description: 'The caller, as its token says.' })
export class Caller {
  @Field() subject!: string;
  @Field(() => AccessRoleEnum) role!: AccessRole;
  @Field(() => TokenScopeType) scope!: TokenScopeType;
  @Field(() => [GrantType]) grants!: GrantType[];
  @Field(() => ID) tokenId!: string;
  @Field() expiresAt!: string;
}

@InputType()
export class IssueTokenInput {
  @Field({ description: 'Who will hold it (a person or a service), as it will appear in the record.' }) subject!: string;
  @Field(() => AccessRoleEnum) role!: AccessRole;
  @Field(() => [ID], { nullable: true, description: 'RECORDER only: the liaison groups it records for.' }) liaisonGroupIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'RECORDER only: the one member it records for.' }) memberId?: string | null;
  @Field(() => [GrantInput], { nullable: true, description: 'RECORDER only: what it records for, e.g. [{ kind: "COMMITTEE_OFFICE" }] for the office\'s clerk. Instead of liaisonGroupIds and memberId.' })
  grants?: GrantInput[] | null;
  @Field(() => Int, { nullable: true, defaultValue: 90, description: `Days until it expires, 1 to ${MAX_TOKEN_DAYS}.` }) validForDays?: number;
}

@InputType()
export class RevokeTokenInput {
  @Field(() => ID) tokenId!: string;
  @Field() reason!: string;
}
