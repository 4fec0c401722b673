/**
 * Boots the real API (NestFactory, the module that ships) on 127.0.0.1 and a port the OS picks,
 * on a real store: a SQLite file in a temp folder unless a store is handed in.
 */
import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from '../../apps/api/src/bootstrap.js';
import { ApiConfig, loadConfig } from '../../apps/api/src/config.js';
import { EventStore } from '../../libs/event-store/src/eventStore.js';

export interface TestApp {
  app: INestApplication;
  url: string;
  dataFile: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  health(): Promise<{ head: number; position: number; lag: number; skipped: number }>;
  close(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } & Record<string, unknown> }>;
}

export function tempDir(prefix = 'liaison-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startApp(options: { dataFile?: string; store?: EventStore; config?: Partial<ApiConfig> } = {}): Promise<TestApp> {
  const dataFile = options.dataFile ?? join(tempDir(), 'liaison.db');
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', logLevel: 'silent', store: 'sqlite', dataFile, ...options.config });
  const { app, url } = await bootstrap(config, options.store);
  const gql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-actor': 'test-clerk', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) } as GqlResponse<any>;
  };
  return {
    app,
    url,
    dataFile,
    gql,
    health: async () => (await (await fetch(`${url}/health`)).json()) as any,
    close: () => app.close(),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
