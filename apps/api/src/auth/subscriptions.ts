/**
 * Access control for graphql-ws, which runs outside Apollo's HTTP pipeline:
 * - the connection is authenticated once, from `connectionParams.authorization` ("Bearer <token>");
 *   a missing or refused token closes it at once with 4403 Forbidden;
 * - every subscribe message re-checks that the token is still valid, parses within the token limit
 *   and validates with the same depth/alias/cost rules as HTTP;
 * - every event is checked again before it is sent: once the token is revoked or expired the
 *   subscriber gets an UNAUTHENTICATED error instead of the event, and the socket is closed (4401);
 * - errors are formatted by formatError, so codes are the same as over HTTP.
 * The global guard still checks the Subscription field and every nested field with a resolver.
 */
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Context } from 'graphql-ws';
import { formatError } from '../common/errors.js';
import { Logger } from '../common/logger.js';
import { AccessDeniedError, unauthenticated } from './access.errors.js';
import { AccessTokens } from './access.service.js';
import { parseLimited, validateLimited } from './limits.js';
import { Principal } from '#domain/access/principal';
import { logRefusals } from './refusals.js';
import type { ValidationRule } from 'graphql';

type WsContext = Context<Record<string, unknown> | undefined, unknown>;
/** graphql-ws's `extra` on the `ws` server: the socket of the connection. */
type WsExtra = { socket?: { close(code: number, reason: string): void } } | undefined;

export function subscriptionSecurity(access: AccessTokens, rules: readonly ValidationRule[], log: Logger) {
  const principals = new WeakMap<object, Principal>();
  const format = (error: GraphQLError): GraphQLFormattedError => formatError(error.toJSON(), error, (e) => log.error({ err: e }, 'unexpected error in a subscription'));
  const asGraphQLError = (error: Error) => new GraphQLError(error.message, { originalError: error });

  const hooks = {
    validate: validateLimited(rules),
    onConnect: async (ctx: WsContext) => {
      const params = ctx.connectionParams ?? {};
      try {
        principals.set(ctx, await access.authenticate(params.authorization ?? params.Authorization, 'ws'));
        return true;
      } catch (error) {
        if (error instanceof AccessDeniedError) return false;
        throw error;
      }
    },
    onSubscribe: (ctx: WsContext, _id: string, payload: { query: string }) => {
      const principal = principals.get(ctx);
      let refusal: Error | undefined;
      if (!principal) refusal = unauthenticated('no token: send connectionParams { authorization: "Bearer <token>" }');
      else if (!access.stillValid(principal)) refusal = access.noLongerValid(principal);
      else {
        try {
          parseLimited(payload.query);
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          refusal = error;
        }
      }
      // Refusals returned here reach onError, which logs and formats them.
      return refusal ? [refusal instanceof GraphQLError ? refusal : asGraphQLError(refusal)] : undefined;
    },
    onNext: (ctx: WsContext, _id: string, _payload: unknown, _args: unknown, result: { data?: unknown; errors?: readonly GraphQLError[] }) => {
      const principal = principals.get(ctx);
      if (!principal || !access.stillValid(principal)) {
        const refusal = asGraphQLError(principal ? access.noLongerValid(principal) : unauthenticated('no token'));
        logRefusals(log, principal, [refusal], 'ws');
        // The event is not sent; the refusal is, and then the connection ends.
        setImmediate(() => (ctx.extra as WsExtra)?.socket?.close(4401, 'Unauthorized: the token was revoked or has expired'));
        return { errors: [format(refusal)] };
      }
      if (!result.errors?.length) return undefined;
      logRefusals(log, principal, result.errors, 'ws');
      return { ...result, errors: result.errors.map(format) } as { data?: Record<string, unknown> | null; errors: GraphQLFormattedError[] };
    },
    onError: (ctx: WsContext, _id: string, payload: { operationName?: string | null }, errors: readonly GraphQLError[]) => {
      logRefusals(log, principals.get(ctx), errors, 'ws', payload.operationName);
      return errors.map(format);
    },
  };

  return {
    hooks,
    /** The principal of an authenticated connection (for the GraphQL context of its operations). */
    principalOf: (ctx: object): Principal | undefined => principals.get(ctx),
  };
}
