import { pino, Logger } from 'pino';
import { ApiConfig } from '../config.js';

export type { Logger };

/** Structured JSON logs on stdout (pino directly: nestjs-pino is CommonJS and does not load under Nest 12's ESM). */
export const createLogger = (config: Pick<ApiConfig, 'logLevel'>): Logger => pino({ level: config.logLevel, base: { service: 'liaison-api' } });
