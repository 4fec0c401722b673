/**
 * The HS256 signing secret. From LIAISON_JWT_SECRET when set; otherwise generated once (256 random
 * bits) into `jwt-secret` beside the data file, created with mode 0600 and refused at start if
 * other users can read it. The secret is never logged and never enters the event log. The in-memory
 * store keeps a throwaway secret in memory: its tokens die with its data.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../configError.js';

const SETTING = 'LIAISON_JWT_SECRET';

/** LIAISON_JWT_SECRET from the environment: null when unset, refused when shorter than 32 characters. */
export function jwtSecretSetting(env: Record<string, string | undefined>): string | null {
  const value = env[SETTING];
  if (value === undefined || value === '') return null;
  // The value itself is never echoed: an error message may end up in a log.
  if (value.length < 32) throw new ConfigError(SETTING, `must be at least 32 characters long (it has ${value.length}); generate one with: openssl rand -base64 48`);
  return value;
}

export const secretFileFor = (dataFile: string): string => join(dirname(dataFile), 'jwt-secret');

export function resolveJwtSecret(options: { jwtSecret: string | null; store: string; dataFile: string }): Uint8Array {
  if (options.jwtSecret) return new TextEncoder().encode(options.jwtSecret);
  if (options.store === 'memory') return randomBytes(32);
  const file = secretFileFor(options.dataFile);
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx' fails if the file exists, so two processes starting together cannot both write one.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) throw new ConfigError(SETTING, `${file} can be read by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new ConfigError(SETTING, `${file} holds fewer than 32 characters; delete it to generate a new secret (every token issued so far stops working)`);
  return new TextEncoder().encode(text);
}
