/**
 * Access control for graphql-ws, which runs outside Apollo's HTTP pipeline:
 * - the connection is authenticated once, from `connectionParams.authorization` ("Bearer <token>");
 *   a missing or refused token closes it at once with 4403 Forbidden;
 * - every subscribe message re-checks that the token is still valid, spends one point of the
 *   token's request budget (as an HTTP request does) before it is parsed, parses within the token
 *   limit and validates with the same list of rules as HTTP (requestRules: depth, aliases, cost,
 *   introspection when it is off);
 * - bad variables are answered BAD_USER_INPUT as over HTTP (formatError), without the input;
 * - a refusal lists at most QUERY_LIMITS.maxErrors errors and then "and N more", as over HTTP;
 * - every event is checked again before it is sent: once the token is revoked or expired the
 *   subscriber gets an UNAUTHENTICATED error instead of the event, and the socket is closed (4401);
 * - errors are formatted by formatError, so codes are the same as over HTTP;
 * - caps (issue 15, finding 2): a token holds at most `connectionsPerToken` sockets (one more is
 *   closed with 4430 and a reason saying so) and `subscriptionsPerToken` open operations, and the
 *   instance `subscriptionsTotal`; one more is refused with TOO_MANY_SUBSCRIPTIONS. The counts are
 *   graphql-ws's own (`ctx.subscriptions`, which it empties as operations end and sockets close),
 *   so no bookkeeping of ours can drift from what is open;
 * - a socket whose token is revoked or expires is closed (4401) within a second, idle or not.
 * The global guard still checks the Subscription field and every nested field with a resolver.
 */
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Context } from 'graphql-ws';
import { clientErrorCode, formatError } from '../common/errors.js';
import { Logger } from '../common/logger.js';
import { AccessDeniedError, RateLimitedError, unauthenticated } from './access.errors.js';
import { AccessTokens } from './access.service.js';
import { RequestBudget, capErrors, checkVariables, moreErrorsMessage, operationOf, parseLimited, validateLimited } from './limits.js';
import { Principal } from '#domain/access/principal';
import { logRefusals } from './refusals.js';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

type WsContext = Context<Record<string, unknown> | undefined, unknown>;
/** graphql-ws's `extra` on the `ws` server: the socket of the connection. */
type WsExtra = { socket?: { close(code: number, reason: string): void } } | undefined;

export interface SubscriptionCaps {
  connectionsPerToken: number;
  subscriptionsPerToken: number;
  subscriptionsTotal: number;
}

/** The close code for a socket over its token's connection cap (4000-4999 are the application's). */
export const TOO_MANY_CONNECTIONS = 4430;
/** How often open sockets are checked against revocations and expiry. */
const SWEEP_MS = 1000;

const tooMany = (message: string) => new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } });
const closeSocket = (ctx: WsContext, code: number, reason: string) => (ctx.extra as WsExtra)?.socket?.close(code, reason);

export function subscriptionSecurity(access: AccessTokens, rules: readonly ValidationRule[], budget: RequestBudget, log: Logger, caps: SubscriptionCaps) {
  const principals = new WeakMap<object, Principal>();
  /** The open, authenticated sockets of each token. */
  const sockets = new Map<string, Set<WsContext>>();
  const open = (ctx: WsContext) => Object.keys(ctx.subscriptions).length;
  const sum = (contexts: Iterable<WsContext>) => {
    let n = 0;
    for (const ctx of contexts) n += open(ctx);
    return n;
  };
  const openOnInstance = () => {
    let n = 0;
    for (const contexts of sockets.values()) n += sum(contexts);
    return n;
  };
  const sweep = setInterval(() => {
    for (const contexts of sockets.values()) {
      for (const ctx of contexts) {
        const principal = principals.get(ctx)!;
        if (access.stillValid(principal)) continue;
        logRefusals(log, principal, [asGraphQLError(access.noLongerValid(principal))], 'ws');
        closeSocket(ctx, 4401, 'Unauthorized: the token was revoked or has expired');
      }
    }
  }, SWEEP_MS);
  sweep.unref();
  /** The schema Apollo serves, for checking variables before graphql-ws executes (set when the server starts). */
  let schema: GraphQLSchema | undefined;
  const validate = validateLimited(rules);
  const format = (error: GraphQLError): GraphQLFormattedError => formatError(error.toJSON(), error, (e) => log.error({ err: e }, 'unexpected error in a subscription'));
  const asGraphQLError = (error: Error) => new GraphQLError(error.message, { originalError: error });
  /** The first errors, then one counting the rest, with the code of the first. */
  const capped = (errors: readonly GraphQLError[]): GraphQLError[] =>
    capErrors(errors, (count) => new GraphQLError(moreErrorsMessage(count), { extensions: { code: clientErrorCode(errors[0]!) ?? 'INTERNAL_SERVER_ERROR', more: count } }));

  const hooks = {
    validate,
    onConnect: async (ctx: WsContext) => {
      const params = ctx.connectionParams ?? {};
      try {
        const principal = await access.authenticate(params.authorization ?? params.Authorization, 'ws');
        const own = sockets.get(principal.tokenId) ?? new Set<WsContext>();
        if (own.size >= caps.connectionsPerToken) {
          logRefusals(log, principal, [tooMany(`this token holds ${own.size} connections already (at most ${caps.connectionsPerToken})`)], 'ws');
          closeSocket(ctx, TOO_MANY_CONNECTIONS, `Too many connections: this token may hold ${caps.connectionsPerToken}`);
          return false;
        }
        principals.set(ctx, principal);
        sockets.set(principal.tokenId, own.add(ctx));
        return true;
      } catch (error) {
        if (error instanceof AccessDeniedError) return false;
        throw error;
      }
    },
    onSubscribe: async (ctx: WsContext, _id: string, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }) => {
      const principal = principals.get(ctx);
      let refusal: Error | undefined;
      if (!principal) refusal = unauthenticated('no token: send connectionParams { authorization: "Bearer <token>" }');
      else if (!access.stillValid(principal)) refusal = access.noLongerValid(principal);
      else if (sum(sockets.get(principal.tokenId) ?? []) > caps.subscriptionsPerToken) {
        // graphql-ws has already entered this operation in ctx.subscriptions, hence `>`.
        refusal = tooMany(`this token has ${caps.subscriptionsPerToken} subscriptions open, its cap; complete one before starting another`);
      } else if (openOnInstance() > caps.subscriptionsTotal) {
        refusal = tooMany(`this server has ${caps.subscriptionsTotal} subscriptions open, its cap; try again later`);
      } else {
        try {
          await budget.spend(principal.tokenId);
          const document = parseLimited(payload.query);
          // Variables are checked here, cheaply and without quoting them, once the document is valid
          // (graphql-ws validates it again after this hook; the rules are cheap next to execution).
          const operation = schema ? operationOf(document, payload.operationName) : undefined;
          if (schema && operation && !validate(schema, document).length) {
            const errors = checkVariables(schema, operation, payload.variables);
            if (errors.length) return errors;
          }
        } catch (error) {
          if (!(error instanceof GraphQLError) && !(error instanceof RateLimitedError)) throw error;
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
      const errors = capped(result.errors);
      logRefusals(log, principal, errors, 'ws');
      return { ...result, errors: errors.map(format) } as { data?: Record<string, unknown> | null; errors: GraphQLFormattedError[] };
    },
    onClose: (ctx: WsContext) => {
      const principal = principals.get(ctx);
      if (!principal) return;
      const own = sockets.get(principal.tokenId);
      own?.delete(ctx);
      if (own?.size === 0) sockets.delete(principal.tokenId);
    },
    onError: (ctx: WsContext, _id: string, payload: { operationName?: string | null }, errors: readonly GraphQLError[]) => {
      const shown = capped(errors);
      logRefusals(log, principals.get(ctx), shown, 'ws', payload.operationName);
      return shown.map(format);
    },
  };

  return {
    hooks,
    /** The principal of an authenticated connection (for the GraphQL context of its operations). */
    principalOf: (ctx: object): Principal | undefined => principals.get(ctx),
    /** An Apollo plugin that hands the served schema to the graphql-ws checks. */
    schemaPlugin: {
      serverWillStart: async (service: { schema: GraphQLSchema }) => {
        schema = service.schema;
        return { serverWillStop: async () => clearInterval(sweep) };
      },
    } satisfies ApolloServerPlugin,
  };
}
