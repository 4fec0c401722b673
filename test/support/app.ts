/**
 * Boots the real API (NestFactory, the module that ships) on 127.0.0.1 and a port the OS picks,
 * on a real store: a SQLite file in a temp folder unless a store is handed in.
 *
 * Every request is authenticated. `startApp()` keeps the first-start administrator token (the
 * one a real server prints once) and issues a LEADER and an AUDITOR token with it;
 * `buildSmallNetwork()` adds a RECORDER token scoped to its liaison group. `gql()` sends, unless
 * told otherwise, the token of the role whose work the operation is: RECORDER for contact
 * mutations, ADMIN for every other mutation, LEADER for queries. Pass `{ token }` to send another
 * token, or `{ token: null }` to send none.
 */
import { INestApplication } from '@nestjs/common';
import { parse, OperationDefinitionNode } from 'graphql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from '../../apps/api/src/bootstrap.js';
import { ApiConfig, loadConfig } from '../../apps/api/src/config.js';
import type { AppOptions } from '../../apps/api/src/app.module.js';
import { EventStore } from '#event-store/eventStore';

export type Role = 'ADMIN' | 'LEADER' | 'AUDITOR' | 'RECORDER';

export interface GqlOptions {
  /** A token to send instead of the default one; null sends no Authorization header at all. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: INestApplication;
  url: string;
  dataFile: string;
  /** Tokens by role. RECORDER is there once buildSmallNetwork has run (scoped to lg-hexi). */
  tokens: Record<Exclude<Role, 'RECORDER'>, string> & { RECORDER?: string };
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResponse<T>>;
  /** Issues a token through the issueToken mutation, as ADMIN. */
  issueToken(input: { role: Role; subject?: string; liaisonGroupIds?: string[]; memberId?: string; validForDays?: number }): Promise<{ token: string; tokenId: string }>;
  health(): Promise<{ head: number; position: number; lag: number; skipped: number }>;
  close(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string } & Record<string, unknown> }>;
}

export function tempDir(prefix = 'liaison-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Tokens issued for a store by an earlier startApp in this test run. A restart on the same data
 * file prints no bootstrap token (tokens exist), and the earlier ones are still valid: same
 * secret file, not revoked.
 */
const issuedFor = new Map<string | EventStore, TestApp['tokens']>();

const CONTACT_MUTATIONS = new Set(['logContact', 'correctContact', 'retractContact']);

/** The role whose work an operation is; LEADER when the text does not parse (hostile tests pass tokens explicitly). */
export function defaultRole(query: string): Role {
  let operation: OperationDefinitionNode | undefined;
  try {
    operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  } catch {
    return 'LEADER';
  }
  if (operation?.operation !== 'mutation') return 'LEADER';
  const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
  return fields.length > 0 && fields.every((f) => CONTACT_MUTATIONS.has(f)) ? 'RECORDER' : 'ADMIN';
}

export async function startApp(options: { dataFile?: string; store?: EventStore; config?: Partial<ApiConfig>; systems?: AppOptions['systems'] } = {}): Promise<TestApp> {
  const dataFile = options.dataFile ?? join(tempDir(), 'liaison.db');
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', logLevel: 'silent', store: 'sqlite', dataFile, ...options.config });
  let bootstrapToken: string | undefined;
  const { app, url } = await bootstrap(config, options.store, { announceBootstrapToken: ({ token }) => (bootstrapToken = token), systems: options.systems });
  const key = options.store ?? (config.store === 'memory' ? undefined : dataFile);

  const send = async (query: string, variables: Record<string, unknown> | undefined, token: string | null | undefined, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) } as GqlResponse<any>;
  };

  const testApp: TestApp = {
    app,
    url,
    dataFile,
    tokens: undefined as unknown as TestApp['tokens'],
    gql: (query, variables, opts = {}) => {
      const token = 'token' in opts ? opts.token : testApp.tokens[defaultRole(query)];
      if (token === undefined) throw new Error(`no ${defaultRole(query)} token yet for this operation (buildSmallNetwork issues the RECORDER one)`);
      return send(query, variables, token, opts.headers);
    },
    issueToken: async ({ role, subject, ...scope }) => {
      const res = await send(
        `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token tokenId } }`,
        { input: { role, subject: subject ?? `test-${role.toLowerCase()}`, ...scope } },
        testApp.tokens.ADMIN,
      );
      if (res.errors?.length) throw new Error(`issueToken failed: ${JSON.stringify(res.errors)}`);
      return res.data.issueToken;
    },
    health: async () => (await (await fetch(`${url}/health`)).json()) as any,
    close: () => app.close(),
  };

  if (bootstrapToken) {
    testApp.tokens = { ADMIN: bootstrapToken } as TestApp['tokens'];
    testApp.tokens.LEADER = (await testApp.issueToken({ role: 'LEADER', subject: 'test-leader' })).token;
    testApp.tokens.AUDITOR = (await testApp.issueToken({ role: 'AUDITOR', subject: 'test-auditor' })).token;
    if (key) issuedFor.set(key, testApp.tokens);
  } else {
    const earlier = key ? issuedFor.get(key) : undefined;
    if (!earlier) {
      await app.close();
      throw new Error(`the store at ${dataFile} already has tokens, none of them issued by this test run`);
    }
    testApp.tokens = earlier;
  }
  return testApp;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
