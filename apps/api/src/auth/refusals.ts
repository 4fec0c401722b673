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
    sampled(log).line(ACCESS_CODES.has(code) ? 'warn' : 'info', `request refused|${code}|${via}|${principal?.tokenId ?? ''}`, details, 'request refused');
  }
}

/** Lines of one kind logged one by one each minute; the rest of the minute's are counted in one line. */
export const REFUSAL_LINES_PER_MINUTE = 20;

/**
 * Refusal lines, sampled: a flood (forged tokens at thousands a second, one line each, filled
 * about 1.4 GB an hour) logs the first lines of each kind in a minute one by one, and then one
 * line at the minute's end saying how many more there were. A kind is the message, the code, the
 * transport and the token: one token's flood does not hide another's refusals.
 */
export class SampledLog {
  private readonly kinds = new Map<string, { level: 'warn' | 'info'; msg: string; logged: number; suppressed: number; details: object }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: Logger,
    private readonly perMinute = REFUSAL_LINES_PER_MINUTE,
  ) {
    this.timer = setInterval(() => this.flush(), 60_000);
    this.timer.unref();
  }

  line(level: 'warn' | 'info', kind: string, details: object, msg: string): void {
    let entry = this.kinds.get(kind);
    if (!entry) this.kinds.set(kind, (entry = { level, msg, logged: 0, suppressed: 0, details }));
    if (entry.logged < this.perMinute) {
      entry.logged++;
      this.log[level](details, msg);
    } else entry.suppressed++;
  }

  /** Ends the minute: one line per kind that had more than it logged. */
  flush(): void {
    for (const { level, msg, suppressed, details } of this.kinds.values()) {
      if (suppressed > 0) this.log[level]({ ...details, suppressed, perMinute: this.perMinute }, `${msg}: ${suppressed} more like this in the last minute, not logged one by one`);
    }
    this.kinds.clear();
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }
}

const samplers = new WeakMap<Logger, SampledLog>();
/** The one sampler of a logger, shared by every place that logs refusals to it. */
export function sampled(log: Logger): SampledLog {
  let sampler = samplers.get(log);
  if (!sampler) samplers.set(log, (sampler = new SampledLog(log)));
  return sampler;
}

export function refusalLogPlugin(log: Logger): ApolloServerPlugin<{ auth?: Principal }> {
  return {
    async serverWillStart() {
      // The minute's counts are written when the server stops, not lost.
      return { serverWillStop: async () => sampled(log).stop() };
    },
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          logRefusals(log, contextValue?.auth, errors, 'http', operationName);
        },
      };
    },
  };
}
