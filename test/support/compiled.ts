/**
 * The compiled programs as operators run them. `npm test` builds `dist/` before jest, so these
 * tests exercise the shipped JavaScript; `ensureBuilt` compiles once only when a test file is run
 * on its own without a build.
 */
import { spawnSync } from 'node:child_process';
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
