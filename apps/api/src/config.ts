/**
 * Settings come from the environment and are checked once at start: a bad value stops the
 * process with a message that names the setting, rather than surfacing later as a strange error.
 */
export interface ApiConfig {
  host: string;
  port: number;
  store: 'sqlite' | 'memory';
  /** SQLite file; ignored for the in-memory store. */
  dataFile: string;
  synchronous: 'FULL' | 'NORMAL';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where `schema.graphql` is written when the app boots with `emitSchema`. */
  schemaFile: string | false;
  /** How long a query waits for `atLeastPosition` before answering UNAVAILABLE. */
  readYourWritesTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(name, `"${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, `"${value}" must be a whole number from ${min} to ${max}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ApiConfig> = {}): ApiConfig {
  return {
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    store: oneOf(env, 'LIAISON_STORE', ['sqlite', 'memory'] as const, 'sqlite'),
    dataFile: env.LIAISON_DB || 'data/liaison.db',
    synchronous: oneOf(env, 'LIAISON_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    schemaFile: false,
    readYourWritesTimeoutMs: integer(env, 'LIAISON_READ_TIMEOUT_MS', 5000, 1, 60_000),
    ...overrides,
  };
}
