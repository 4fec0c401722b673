/**
 * Refusal logs: one structured line per refused field or request, naming the token's subject,
 * id and role, the code and the path. Never the token, the secret, an error message (graphql-js
 * quotes the offending input in its messages, which could hold a contact's summary) or any input.
 * Access refusals are warnings; ordinary ones (a clerk's VALIDATION, a CONFLICT) are info.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { clientErrorCode } from '../common/errors.js';
import { Logger } from '../common/logger.js';
import { Principal } from '#domain/access/principal';

const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'PAYLOAD_TOO_LARGE', 'TOO_MANY_SUBSCRIPTIONS']);

export function logRefusals(log: Logger, principal: Principal | undefined, errors: readonly GraphQLError[], via: 'http' | 'ws', operation?: string | null): void {
  for (const error of errors) {
    const code = clientErrorCode(error);
    if (!code) continue; // a server fault: formatError logs it with its stack
    const details = { refused: code, subject: principal?.subject, tokenId: principal?.tokenId, role: principal?.role, path: error.path?.join('.'), operation: operation ?? undefined, via };
    if (ACCESS_CODES.has(code)) log.warn(details, 'request refused');
    else log.info(details, 'request refused');
  }
}

export function refusalLogPlugin(log: Logger): ApolloServerPlugin<{ auth?: Principal }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          logRefusals(log, contextValue?.auth, errors, 'http', operationName);
        },
      };
    },
  };
}
