/**
 * The refusals of access control and of the request limits. They are mapped to GraphQL
 * `extensions.code` in common/errors.ts, with every other error a client can cause.
 */
import { GraphQLError } from 'graphql';

export { AccessDeniedError, forbidden, unauthenticated } from '#domain';

/** The token has used up its requests for now; `retryAfterMs` says when the next one is accepted. */
export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly retryAfterMs: number,
    limitPerMinute: number,
    spender?: string,
  ) {
    super(
      spender
        ? `${spender} may send ${limitPerMinute} a minute; retry in ${Math.ceil(retryAfterMs / 1000)} s`
        : `this token may run ${limitPerMinute} queries, mutations or subscriptions a minute; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    );
    this.name = 'RateLimitedError';
  }
}

/**
 * A query over the depth, alias, cost, directive or token limits. A GraphQLError because
 * graphql-armor reports it from inside validation, where only GraphQLErrors are collected.
 */
export class QueryTooComplexError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
    this.name = 'QueryTooComplexError';
  }
}
