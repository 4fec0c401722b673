import { pino, Logger } from 'pino';
import { ApiConfig } from '../config.js';

export type { Logger };

/** Structured JSON logs on stdout (pino directly: nestjs-pino is CommonJS and does not load under Nest 12's ESM). */
export const createLogger = (config: Pick<ApiConfig, 'logLevel'>): Logger =>
  pino({
    level: config.logLevel,
    base: { service: 'liaison-api' },
    // Defence in depth: nothing logs these on purpose (refusal logs carry the token's subject and
    // id only), and if a future line does by mistake, the value is censored.
    redact: { paths: REDACTED, censor: '[redacted]' },
  });

const REDACTED = ['token', '*.token', 'authorization', '*.authorization', '*.headers.authorization', 'secret', '*.secret', 'summary', '*.summary', 'issuesRaised', '*.issuesRaised', 'issues', '*.issues'];
