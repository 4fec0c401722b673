import { ConfigError } from '#platform/configError';
import { jwtSecretSetting } from '#platform/tokens/secret';
import { DEFAULT_SNAPSHOT_EVERY } from '#projections/shared/timeTravel/timeTravel';
import { describeConnection, leaderConnectionString } from '#event-store/esdb';
import type { DestinationStream } from 'pino';

/**
 * Settings come from the environment and are checked once at start: a bad value stops the
 * process with a message that names the setting, rather than surfacing later as a strange error.
 */
export interface ApiConfig {
  host: string;
  port: number;
  store: 'sqlite' | 'memory' | 'esdb';
  /** EventStoreDB/KurrentDB connection string when `store` is `esdb` (nodePreference=leader added), else null. */
  eventStoreConnectionString: string | null;
  /** SQLite file; ignored for the in-memory store. */
  dataFile: string;
  synchronous: 'FULL' | 'NORMAL';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where `schema.graphql` is written when the app boots with `emitSchema`. */
  schemaFile: string | false;
  /** How long a query waits for `atLeastPosition` before answering UNAVAILABLE. */
  readYourWritesTimeoutMs: number;
  // ---- audit (issue 4)
  /** A seal is written once this many events have been recorded since the last one; 0 = only on demand. */
  sealEvery: number;
  /** Events between two copies of the read model kept for `asOf` queries (bounds the work per answer). */
  snapshotEvery: number;
  // ---- restart without replay (issue 14, item 4)
  /**
   * Seconds between two saved states of the projections (SQLite only; 0, the default = none are
   * saved or read, and every start folds the whole log). Each is made by a worker thread in the
   * background. Off by default: at a million contacts decoding one is not yet faster than the fold
   * it replaces (README, Benchmarks).
   */
  saveStateEverySeconds: number;
  /** The saved-state folder; null = `<data file>.saved-state` beside the SQLite file. */
  savedStateDir: string | null;
  // ---- access control and limits (issue 5)
  /** HS256 signing secret for access tokens; null = kept in a 0600 file beside the data file (see auth/secret.ts). */
  jwtSecret: string | null;
  /** Root fields (queries, mutations, subscriptions) one token may run per minute. */
  rateLimitPerMinute: number;
  /** Requests without a valid token one client address may send per minute (refused UNAUTHENTICATED, then RATE_LIMITED). */
  unauthenticatedPerMinute: number;
  /** graphql-ws caps: open connections per token, open subscriptions per token and on this instance (issue 15, finding 2). */
  wsConnectionsPerToken: number;
  subscriptionsPerToken: number;
  subscriptionsTotal: number;
  /** Largest accepted request body; a larger one is refused with PAYLOAD_TOO_LARGE before it is parsed. */
  maxBodyBytes: number;
  /** Schema introspection; off when NODE_ENV=production. */
  introspection: boolean;
  /**
   * Nest's GraphiQL page at GET /graphql: off unless asked for (LIAISON_GRAPHQL_EXPLORER=1). It
   * loads React and GraphiQL from unpkg.com without integrity checks, on the page's own origin,
   * whose storage holds the page's token; a development convenience, never a default.
   */
  graphqlExplorer: boolean;
  // ---- the page (issue 6)
  /** Folder of the built page served at `/`; null = dist/web of this checkout (see web.ts). */
  webRoot: string | null;
  // ---- operations (issue 16)
  /** Port of the separate listener that serves `/metrics`; null = no metrics (the default); 0 = a free port. */
  metricsPort: number | null;
  /** Address that listener binds to: this machine only unless the operator says otherwise. */
  metricsHost: string;
  /** Where log lines go instead of stdout (not from the environment: for an embedding process or a test). */
  logDestination?: DestinationStream;
}

export { ConfigError } from '#platform/configError';

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

/** A signing secret: at least 32 characters (256 bits if random), as HS256 needs a key no shorter than its hash. */
/** Required for the esdb store; its scheme picks the client (kurrentdb:// or esdb://), which parses it; only nodePreference=leader is accepted. */
function eventStoreConnection(env: NodeJS.ProcessEnv, store: ApiConfig['store']): string | null {
  const name = 'EVENTSTORE_CONNECTION_STRING';
  const value = env[name];
  if (store !== 'esdb') return null;
  if (value === undefined || value.trim() === '') throw new ConfigError(name, 'is required when LIAISON_STORE=esdb, e.g. kurrentdb://127.0.0.1:2113?tls=false (or esdb://… for @eventstore/db-client)');
  try {
    return leaderConnectionString(value);
  } catch (error) {
    // Credentials in the value must not reach a log through the message.
    throw new ConfigError(name, `${describeConnection(value)}: ${(error as Error).message.split(value).join(describeConnection(value))}`);
  }
}

/**
 * `/metrics` is off unless LIAISON_METRICS_PORT names a port, and then served there alone (see
 * metrics/endpoint.ts for why a listen address rather than a token). A host without a port is a
 * mistake worth stopping for: the operator meant to turn metrics on and would get none.
 */
function metricsListener(env: NodeJS.ProcessEnv, port: number): Pick<ApiConfig, 'metricsPort' | 'metricsHost'> {
  const metricsHost = env.LIAISON_METRICS_HOST || '127.0.0.1';
  const metricsPort = env.LIAISON_METRICS_PORT === undefined || env.LIAISON_METRICS_PORT === '' ? null : integer(env, 'LIAISON_METRICS_PORT', 0, 0, 65535);
  if (metricsPort === null && env.LIAISON_METRICS_HOST) throw new ConfigError('LIAISON_METRICS_HOST', 'is set but LIAISON_METRICS_PORT is not: metrics are served only on a port you name, e.g. LIAISON_METRICS_PORT=9464');
  if (metricsPort !== null && metricsPort !== 0 && metricsPort === port) throw new ConfigError('LIAISON_METRICS_PORT', `"${metricsPort}" is PORT too: /metrics has a listener of its own, on another port`);
  return { metricsPort, metricsHost };
}

/** Saved states live beside a SQLite file: a folder named for another store is a mistake worth stopping for. */
function savedStates(env: NodeJS.ProcessEnv, store: ApiConfig['store']): Pick<ApiConfig, 'saveStateEverySeconds' | 'savedStateDir'> {
  const saveStateEverySeconds = integer(env, 'LIAISON_SAVE_STATE_EVERY_SECONDS', 0, 0, 7 * 86_400);
  const dir = env.LIAISON_SAVED_STATE_DIR;
  if (dir && store !== 'sqlite') throw new ConfigError('LIAISON_SAVED_STATE_DIR', `is set but LIAISON_STORE is ${store}: saved states are kept for the SQLite store only`);
  return { saveStateEverySeconds, savedStateDir: dir || null };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ApiConfig> = {}): ApiConfig {
  const store = oneOf(env, 'LIAISON_STORE', ['sqlite', 'memory', 'esdb'] as const, 'sqlite');
  const port = integer(env, 'PORT', 4000, 0, 65535);
  return {
    host: env.HOST || '127.0.0.1',
    port,
    store,
    eventStoreConnectionString: eventStoreConnection(env, store),
    dataFile: env.LIAISON_DB || 'data/liaison.db',
    synchronous: oneOf(env, 'LIAISON_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    schemaFile: false,
    readYourWritesTimeoutMs: integer(env, 'LIAISON_READ_TIMEOUT_MS', 5000, 1, 60_000),
    sealEvery: integer(env, 'LIAISON_SEAL_EVERY', 1000, 0, 1_000_000),
    snapshotEvery: integer(env, 'LIAISON_SNAPSHOT_EVERY', DEFAULT_SNAPSHOT_EVERY, 1, 10_000_000),
    ...savedStates(env, store),
    jwtSecret: jwtSecretSetting(env),
    rateLimitPerMinute: integer(env, 'LIAISON_RATE_LIMIT', 600, 1, 1_000_000),
    unauthenticatedPerMinute: integer(env, 'LIAISON_UNAUTHENTICATED_RATE_LIMIT', 60, 1, 1_000_000),
    wsConnectionsPerToken: integer(env, 'LIAISON_WS_CONNECTIONS_PER_TOKEN', 10, 1, 10_000),
    subscriptionsPerToken: integer(env, 'LIAISON_SUBSCRIPTIONS_PER_TOKEN', 20, 1, 10_000),
    subscriptionsTotal: integer(env, 'LIAISON_SUBSCRIPTIONS_TOTAL', 1000, 1, 1_000_000),
    maxBodyBytes: integer(env, 'LIAISON_MAX_BODY_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    introspection: env.NODE_ENV !== 'production',
    graphqlExplorer: oneOf(env, 'LIAISON_GRAPHQL_EXPLORER', ['0', '1'] as const, '0') === '1',
    webRoot: env.LIAISON_WEB_ROOT || null,
    ...metricsListener(env, port),
    ...overrides,
  };
}
