import { pino, Logger } from 'pino';
import { ApiConfig } from '../config.js';

export type { Logger };

/**
 * Structured JSON logs on stdout, or on `logDestination` when given (pino directly: nestjs-pino is
 * CommonJS and does not load under Nest 12's ESM). The request log (metrics/requestLog.ts) writes
 * through this logger, so LOG_LEVEL governs it too.
 */
export const createLogger = (config: Pick<ApiConfig, 'logLevel' | 'logDestination'>): Logger => {
  const options = {
    level: config.logLevel,
    base: { service: 'liaison-api' },
    // Defence in depth: nothing logs these on purpose (refusal logs and request lines carry the
    // token's subject and id only), and if a future line does by mistake, the value is censored.
    redact: { paths: REDACTED, censor: '[redacted]' },
  };
  return config.logDestination ? pino(options, config.logDestination) : pino(options);
};

const REDACTED = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'secret',
  '*.secret',
  'summary',
  '*.summary',
  'issuesRaised',
  '*.issuesRaised',
  'issues',
  '*.issues',
  // A GraphQL request's text and inputs.
  'variables',
  '*.variables',
  'body',
  '*.body',
];
