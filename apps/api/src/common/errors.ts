/**
 * The one place where failures become GraphQL errors. Every error a client can cause carries an
 * `extensions.code` it can switch on; anything unexpected is logged and answered as
 * INTERNAL_SERVER_ERROR without leaking internals.
 */
import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '#domain';
import { DuplicateEventIdError, StoreUnavailableError, StreamVersionConflictError } from '#event-store/eventStore';
import { PositionTimeoutError, ReadModelNotReadyError } from '#projections/shared/runner';
import { AccessDeniedError, QueryTooComplexError, RateLimitedError } from '../auth/access.errors.js';
import { isTokenLimitError } from '../auth/limits.js';

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
  const code = formatted.extensions?.code;
  // Errors Apollo and graphql-js raise themselves (parse, validation, bad variables) are the client's.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  log(original);
  return { message: 'internal error; the server log has the details', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

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
}
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * Express error middleware for what fails before GraphQL sees a request: the JSON body parser.
 * A body over the limit is refused unread as PAYLOAD_TOO_LARGE (413); an unreadable one (bad
 * JSON, an unsupported charset) as BAD_REQUEST, the code Apollo gives other malformed requests.
 */
export function requestBodyErrors(maxBytes: number, log: (details: object) => void) {
  return (error: BodyParserError, _req: unknown, res: JsonResponse, next: (error: unknown) => void): void => {
    const answer = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
      log({ refused: code, via: 'http', status });
      res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
    };
    if (error?.type === 'entity.too.large') return answer(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`, { limitBytes: maxBytes });
    if (typeof error?.type === 'string' && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      return answer(error.status, 'BAD_REQUEST', error.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : `the request body cannot be read (${error.type})`);
    }
    next(error);
  };
}
