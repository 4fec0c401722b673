/**
 * The one place where failures become GraphQL errors. Every error a client can cause carries an
 * `extensions.code` it can switch on; anything unexpected is logged and answered as
 * INTERNAL_SERVER_ERROR without leaking internals.
 */
import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { DuplicateEventIdError, StreamVersionConflictError } from '../../../../libs/event-store/src/eventStore.js';
import { PositionTimeoutError } from '../../../../libs/projections/src/runner.js';

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
  const code = formatted.extensions?.code;
  // Errors Apollo and graphql-js raise themselves (parse, validation, bad variables) are the client's.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  log(original);
  return { message: 'internal error; the server log has the details', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function withCode(formatted: GraphQLFormattedError, message: string, code: string, extra: Record<string, unknown>): GraphQLFormattedError {
  return { message, locations: formatted.locations, path: formatted.path, extensions: { code, ...extra } };
}

/**
 * Errors a client causes are answers, not server faults: handing them straight back keeps Nest's
 * default handler from logging each refused command as an ERROR with a stack trace.
 */
@Catch(DomainError, StreamVersionConflictError, DuplicateEventIdError, PositionTimeoutError)
export class ClientErrorsFilter implements GqlExceptionFilter {
  catch(exception: Error): Error {
    return exception;
  }
}
