import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import type { WriteOutcome } from '../common/commands.js';
import { randomUUID } from 'node:crypto';
import { invalid, MAX_TOKEN_DAYS } from '#domain';
import { listTokens } from '#projections/access/tokens.queries';
import { GqlContext } from '../common/loaders.js';
import { WriteResult } from '../common/write-result.js';
import { AccessTokens } from '../auth/access.service.js';
import { DAY_MS } from '#platform/tokens/issue';
import { AccessToken, Caller, IssueTokenInput, IssuedToken, RevokeTokenInput, scopeOf } from './tokens.types.js';
import { Reader } from '../common/reader.js';
import { readTokens } from './access.read.js';
import { RecordAccessCommand } from './access.commands.js';

@Resolver()
export class TokensResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
    private readonly access: AccessTokens,
  ) {}

  @Mutation(() => IssuedToken, { description: 'Issues a token (ADMIN). The TokenIssued event records everything but the token, which is returned this once.' })
  async issueToken(@Args('input') input: IssueTokenInput, @Context() ctx: GqlContext): Promise<IssuedToken> {
    const days = input.validForDays ?? 90;
    if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) throw invalid(`validForDays must be from 1 to ${MAX_TOKEN_DAYS}, not ${days}`, 'validForDays');
    const tokenId = randomUUID();
    const { validForDays: _days, ...fields } = input;
    const command = { ...fields, tokenId, expiresAt: new Date(Date.now() + days * DAY_MS).toISOString() };
    const written: WriteOutcome = await this.commands.execute(RecordAccessCommand.of('IssueToken', command, ctx));
    const record = await readTokens(this.reader, (m) => m.tokens.get(tokenId), written.position);
    if (!record) throw new Error(`token ${tokenId} was written at ${written.position} but is not in the read model`);
    const token = await this.access.sign(record);
    return { token, tokenId, subject: record.subject, role: record.role, scope: scopeOf(record.grants), grants: record.grants, expiresAt: record.expiresAt, position: written.position };
  }

  @Mutation(() => WriteResult, { description: 'Revokes a token (ADMIN): it is refused from the next request on, and on every open subscription.' })
  revokeToken(@Args('input') input: RevokeTokenInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordAccessCommand.of('RevokeToken', input, ctx));
  }

  @Query(() => [AccessToken], { description: 'Issued tokens, newest first (ADMIN, AUDITOR): active ones, or all with includeInactive.' })
  tokens(@Args('includeInactive', { nullable: true, defaultValue: false }) includeInactive: boolean) {
    return readTokens(this.reader, (m) => listTokens(m, { nowMs: Date.now(), includeInactive }).map((t) => ({ ...t, scope: scopeOf(t.grants) })));
  }

  @Query(() => Caller, { description: 'Who the caller\'s token says it is.' })
  me(@Context() ctx: GqlContext): Caller {
    const { subject, role, grants, tokenId, expiresMs } = ctx.auth;
    return { subject, role, scope: scopeOf(grants), grants, tokenId, expiresAt: new Date(expiresMs).toISOString() };
  }
}
