import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ACCESS_ROLES, MAX_TOKEN_DAYS } from '#domain';
import type { AccessRole } from '#domain';
import type { TokenStatus } from '#projections/access/access.queries';

export const AccessRoleEnum = Object.fromEntries(ACCESS_ROLES.map((r) => [r, r])) as { [K in AccessRole]: K };
export const TokenStatusEnum = { ACTIVE: 'ACTIVE', EXPIRED: 'EXPIRED', REVOKED: 'REVOKED' } as const;

registerEnumType(AccessRoleEnum, {
  name: 'AccessRole',
  description: 'ADMIN keeps the roster, links and tokens; RECORDER logs its scope\'s contacts; LEADER reads every figure; AUDITOR inspects everything and changes nothing.',
});
registerEnumType(TokenStatusEnum, { name: 'TokenStatus' });

@ObjectType('TokenScope', { description: 'What a RECORDER token covers: liaison groups and/or one member. Empty for every other role.' })
export class TokenScopeType {
  @Field(() => [ID]) liaisonGroupIds!: string[];
  @Field(() => ID, { nullable: true }) memberId!: string | null;
}

@ObjectType({ description: 'An issued token as recorded: never the token itself, which is shown only once, by issueToken.' })
export class AccessToken {
  @Field(() => ID, { description: 'The JWT `jti`; revokeToken takes it.' }) tokenId!: string;
  @Field() subject!: string;
  @Field(() => AccessRoleEnum) role!: AccessRole;
  @Field(() => TokenScopeType) scope!: TokenScopeType;
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
  @Field() expiresAt!: string;
  @Field(() => Float, { description: 'Position of the TokenIssued event.' }) position!: number;
}

@ObjectType({ description: 'The caller, as its token says.' })
export class Caller {
  @Field() subject!: string;
  @Field(() => AccessRoleEnum) role!: AccessRole;
  @Field(() => TokenScopeType) scope!: TokenScopeType;
  @Field(() => ID) tokenId!: string;
  @Field() expiresAt!: string;
}

@InputType()
export class IssueTokenInput {
  @Field({ description: 'Who will hold it (a person or a service), as it will appear in the record.' }) subject!: string;
  @Field(() => AccessRoleEnum) role!: AccessRole;
  @Field(() => [ID], { nullable: true, description: 'RECORDER only: the liaison groups it records for.' }) liaisonGroupIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'RECORDER only: the one member it records for.' }) memberId?: string | null;
  @Field(() => Int, { nullable: true, defaultValue: 90, description: `Days until it expires, 1 to ${MAX_TOKEN_DAYS}.` }) validForDays?: number;
}

@InputType()
export class RevokeTokenInput {
  @Field(() => ID) tokenId!: string;
  @Field() reason!: string;
}
