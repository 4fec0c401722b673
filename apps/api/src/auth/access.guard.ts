/**
 * The global guard (APP_GUARD). Nest runs it for every root field and, because the GraphQL module
 * sets `fieldResolverEnhancers: ['guards']`, for every nested field that has its own resolver.
 * For each it requires a principal whose token is still valid, an entry in the permission table
 * naming the principal's role, and, for a RECORDER, the entry's grant check. Root fields also
 * spend one request from the token's rate budget.
 *
 * Outside GraphQL (REST routes), only a route marked @Public() is let through: today /health.
 */
import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DOMAIN, describeGrants } from '#domain';
import { ProjectionSet } from '#projections/shared/projection';
import { ProjectionRunner } from '#projections/shared/runner';
import { ApiConfig } from '../config.js';
import { GqlContext } from '../common/loaders.js';
import { API_CONFIG } from '../common/tokens.js';
import { RateLimitedError, forbidden, unauthenticated } from './access.errors.js';
import { AccessTokens } from './access.service.js';
import { PermissionTable, isRootType } from './permissions.js';

const PUBLIC_ROUTE = 'liaison:public-route';
/** Marks a REST route that needs no token; it must reveal nothing sensitive. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

@Injectable()
export class AccessGuard implements CanActivate {
  /** In-memory, per process: a token's budget is per API instance. */
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly access: AccessTokens,
    private readonly runner: ProjectionRunner<ProjectionSet>,
    private readonly permissions: PermissionTable,
    private readonly reflector: Reflector,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.limiter = new RateLimiterMemory({ keyPrefix: 'token', points: config.rateLimitPerMinute, duration: 60 });
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') {
      if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
      throw new ForbiddenException('this route is not public, and REST routes take no tokens: use /graphql');
    }
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const principal = gql.getContext<Partial<GqlContext>>().auth;
    const type = info.parentType.name;
    const field = `${type}.${info.fieldName}`;
    // The context factory refuses requests without a valid token; this keeps the guard closed on its own.
    if (!principal) throw unauthenticated('no token: send the header "Authorization: Bearer <token>"');
    if (!this.access.stillValid(principal)) throw this.access.noLongerValid(principal);
    const rule = this.permissions.ruleFor(type, info.fieldName);
    if (!rule) throw forbidden(`${field} has no entry in the permission table, so nobody may use it yet`);
    if (!rule.roles.includes(principal.role)) throw forbidden(`the role ${principal.role} may not use ${field} (allowed: ${rule.roles.join(', ')})`);
    if (principal.role === 'RECORDER' && rule.recorderScope) {
      const allowed = rule.recorderScope({ args: gql.getArgs(), parent: gql.getRoot(), projections: this.runner.model, grants: principal.grants });
      if (!allowed) throw forbidden(`${field}: that is outside this token's grants (${describeGrants(principal.grants, (kind) => DOMAIN.grantSpec(kind))})`);
    }
    return isRootType(type) ? this.spend(principal.tokenId) : true;
  }

  private async spend(tokenId: string): Promise<boolean> {
    try {
      await this.limiter.consume(tokenId, 1);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, rejection.msBeforeNext), this.config.rateLimitPerMinute);
      throw rejection;
    }
  }
}
