/**
 * The one place where failures become GraphQL errors. Every error a client can cause carries an
 * `extensions.code` it can switch on; anything unexpected is logged and answered as
 * INTERNAL_SERVER_ERROR without leaking internals.
 */
import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError, GraphQLFormattedError, Kind } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '#domain';
import { DuplicateEventIdError, StoreUnavailableError, StreamVersionConflictError } from '#event-store/eventStore';
import { PositionTimeoutError, ReadModelNotReadyError } from '#projections/shared/runner';
import { AccessDeniedError, QueryTooComplexError, RateLimitedError } from '../auth/access.errors.js';
import { type BudgetedRequest, QUERY_LIMITS, TooManyKeysError, isTokenLimitError } from '../auth/limits.js';

export function formatError(formatted: GraphQLFormattedError, error: unknown, log: (e: unknown) => void): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return withCode(formatted, original.message, original.code, original.field ? { field: original.field } : {});
  }
  if (original instanceof StreamVersionConflictError) {
    return withCode(formatted, original.message, 'CONFLICT', {
      streamId: original.streamId,
      expected: String(original.expected),
      actual: String(original.actual),
    });
  }
  if (original instanceof DuplicateEventIdError) return withCode(formatted, original.message, 'CONFLICT', {});
  if (original instanceof PositionTimeoutError) return withCode(formatted, original.message, 'UNAVAILABLE', {});
  if (original instanceof ReadModelNotReadyError) return withCode(formatted, original.message, 'UNAVAILABLE', {});
  // The event store did not answer (TIMEOUT) or could not be reached (UNAVAILABLE). Whether a write
  // landed is unknown; repeating the same command is safe, as deciders recognise work already done.
  if (original instanceof StoreUnavailableError) return withCode(formatted, original.message, original.code, {});
  // Access control and request limits. These may arrive wrapped (Apollo wraps an error thrown by
  // the context factory, and a validation rule's error), so the whole chain of causes is searched.
  const access = causeOf(error, AccessDeniedError);
  if (access) return withCode(formatted, access.message, access.code, {});
  const limited = causeOf(error, RateLimitedError);
  if (limited) {
    return withCode(formatted, limited.message, 'RATE_LIMITED', { retryAfterMs: limited.retryAfterMs, retryAfterSeconds: Math.ceil(limited.retryAfterMs / 1000) });
  }
  if (causeOf(error, QueryTooComplexError) || isTokenLimitError(formatted.message)) return withCode(formatted, formatted.message, 'QUERY_TOO_COMPLEX', {});
  // Bad variables: Apollo codes them over HTTP, graphql-ws does not; both are answered here alike.
  const variable = variableErrorMessage(error);
  if (variable !== undefined) return withCode(formatted, withoutSuggestions(variable), 'BAD_USER_INPUT', {});
  const code = formatted.extensions?.code;
  // Errors Apollo and graphql-js raise themselves (parse, validation) are the client's.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return { message: withoutSuggestions(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { code } };
  log(original);
  return { message: 'internal error; the server log has the details', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** graphql-js's answer when a request's variables hold more errors than it counts (50). */
const TOO_MANY_VARIABLE_ERRORS = 'Too many errors processing variables, error limit reached. Execution aborted.';

/**
 * The message for an error in a request's variables, or undefined for any other error. graphql-js
 * quotes the whole offending value in it (a contact's summary, or all 20,000 unknown keys of an
 * input, once per error): the value is left out, and the path and the reason are kept.
 * The test is Apollo's own (isBadUserInputGraphQLError), so both transports agree with HTTP.
 */
function variableErrorMessage(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof GraphQLError && depth < 3; e = e.originalError, depth++) {
    if (e.message === TOO_MANY_VARIABLE_ERRORS) return e.message;
    const node = e.nodes?.length === 1 ? e.nodes[0] : undefined;
    if (node?.kind !== Kind.VARIABLE_DEFINITION) continue;
    const name = `Variable "$${node.variable.name.value}"`;
    if (e.message.startsWith(`${name} of required type `) || e.message.startsWith(`${name} of non-null type `)) return e.message;
    if (!e.message.startsWith(`${name} got invalid value `) && !e.message.startsWith(`${name} has invalid value`)) continue;
    // graphql-js builds it as `<name> got invalid value <value>[ at "<path>"]; <reason>`, the reason being the cause's message.
    const reason = e.originalError instanceof GraphQLError ? e.originalError.message : undefined;
    if (reason === undefined || !e.message.endsWith(`; ${reason}`)) return `${name} got invalid value`;
    const prefix = e.message.slice(0, e.message.length - reason.length - 2);
    const at = / at "([^"]*)"$/.exec(prefix.slice(-200))?.[1];
    return `${name} got invalid value${at ? ` at "${at}"` : ''}; ${reason}`;
  }
  return undefined;
}

/** Suggestions ("Did you mean the enum value …?") spell out the schema; armor masks the field ones, this every other. */
const withoutSuggestions = (message: string): string => message.replace(/ ?Did you mean [^]*$/, '');

/** The code a client sees for this error, or undefined when it is a server fault (for refusal logs). */
export function clientErrorCode(error: GraphQLError): string | undefined {
  const code = formatError(error.toJSON(), error, () => undefined).extensions?.code;
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' ? code : undefined;
}

function causeOf<T extends Error>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as GraphQLError).originalError, depth++) if (e instanceof type) return e;
  return undefined;
}

function withCode(formatted: GraphQLFormattedError, message: string, code: string, extra: Record<string, unknown>): GraphQLFormattedError {
  return { message, locations: formatted.locations, path: formatted.path, extensions: { code, ...extra } };
}

/**
 * Errors a client causes are answers, not server faults: handing them straight back keeps Nest's
 * default handler from logging each refused command as an ERROR with a stack trace.
 */
@Catch(DomainError, StreamVersionConflictError, DuplicateEventIdError, PositionTimeoutError, AccessDeniedError, RateLimitedError)
export class ClientErrorsFilter implements GqlExceptionFilter {
  catch(exception: Error): Error {
    return exception;
  }
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  keys?: unknown;
}
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
  setHeader(name: string, value: string): void;
}

/**
 * Express error middleware for what fails before GraphQL sees a request: the JSON body parser.
 * A body over the limit is refused unread as PAYLOAD_TOO_LARGE (413); one with more object keys
 * than QUERY_LIMITS.maxBodyKeys unparsed as BAD_USER_INPUT (400); an unreadable one (bad JSON, an
 * unsupported charset) as BAD_REQUEST, the code Apollo gives other malformed requests. Each spends
 * from the caller's budget first (`admit`), as an answered request does: past it, RATE_LIMITED.
 */
export function requestBodyErrors(maxBytes: number, admit: (req: BudgetedRequest) => Promise<unknown>, log: (details: object) => void) {
  const refusal = (error: BodyParserError): [number, string, string, Record<string, unknown>?] | undefined => {
    if (error?.type === 'entity.too.large') return [413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`, { limitBytes: maxBytes }];
    if (error instanceof TooManyKeysError) return [400, 'BAD_USER_INPUT', error.message, { limitKeys: QUERY_LIMITS.maxBodyKeys }];
    if (typeof error?.type === 'string' && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      return [error.status, 'BAD_REQUEST', error.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : `the request body cannot be read (${error.type})`];
    }
    return undefined;
  };
  return (error: BodyParserError, req: BudgetedRequest, res: JsonResponse, next: (error: unknown) => void): void => {
    const answer = refusal(error);
    if (!answer) return next(error);
    const send = ([status, code, message, extra = {}]: [number, string, string, Record<string, unknown>?]) => {
      log({ refused: code, via: 'http', status });
      res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
    };
    admit(req).then(
      () => send(answer),
      (spent: unknown) => {
        if (!(spent instanceof RateLimitedError)) return send(answer); // no valid token: the address paid; the body's fault is the answer
        res.setHeader('Retry-After', String(Math.ceil(spent.retryAfterMs / 1000)));
        send([429, spent.code, spent.message, { retryAfterMs: spent.retryAfterMs, retryAfterSeconds: Math.ceil(spent.retryAfterMs / 1000) }]);
      },
    );
  };
}
