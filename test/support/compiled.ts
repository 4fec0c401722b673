/**
 * The compiled programs as operators run them. `npm test` builds `dist/` before jest, so these
 * tests exercise the shipped JavaScript; `ensureBuilt` compiles once only when a test file is run
 * on its own without a build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist/apps/cli/src/main.js');
export const API = join(ROOT, 'dist/apps/api/src/main.js');

export function ensureBuilt(file: string = CLI): void {
  if (!existsSync(file)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
}

/** Runs the CLI to completion (60 s at most), with no inherited LIAISON_DB. */
export function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LIAISON_DB: undefined },
    timeout: 60_000,
  });
  return { status, stdout, stderr };
}

/**
 * The compiled API as a child process on a SQLite file, on a free port of 127.0.0.1; resolves once
 * it listens and has printed the administrator's token (a store with no tokens yet). `env` adds to
 * or overrides the defaults. The caller stops it (SIGTERM) and should bound its life.
 */
export async function startCompiledApi(dataFile: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; token: string; output: () => string }> {
  ensureBuilt(API);
  const child = spawn(process.execPath, [API], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LIAISON_STORE: 'sqlite', LIAISON_DB: dataFile, LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let listening = false;
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start: ${out}`)), 30_000);
    // Looked for only until found: a regular expression flattens the whole output so far, and
    // under load (a request log line per request) that cost this process a core.
    const look = () => {
      if (listening) return;
      const url = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(out)?.[1];
      const token = /eyJ[\w-]+\.[\w-]+\.[\w-]+/.exec(out)?.[0];
      if (url && token) {
        listening = true;
        clearTimeout(timer);
        resolve({ url, token });
      }
    };
    child.stdout!.on('data', (chunk: Buffer) => ((out += chunk.toString()), look()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', () => reject(new Error(`the API exited before it listened: ${out}`)));
  });
  return { child, ...ready, output: () => out };
}
