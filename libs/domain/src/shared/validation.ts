import { invalid } from './errors.js';

/** Limits a clerk can see in the error message; text longer than these is refused, not cut. */
export const LIMITS = {
  id: 64,
  name: 100,
  title: 100,
  topic: 200,
  summary: 4000,
  issue: 1000,
  issues: 50,
  reason: 500,
  participants: 200,
  linksPerContact: 50,
  minContacts: 1000,
} as const;

/**
 * An id is any text a roster holds, Chinese included (`九三学社`, `昆仑路街道`), up to LIMITS.id
 * characters, except what would break where ids travel: control and format characters (and line
 * separators), which a log line or a CSV cell would hide; a leading or trailing space, which the
 * CSV import trims; '/', which URLs and file paths read as a separator; and ';', which the
 * import's list cells (`participant_ids`, `roles`) split on. Streams are `${prefix}-${id}` and
 * cursors are base64url of UTF-8, so both take any such id.
 */
const ID_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}/;]/u;

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${field} is required`, field);
  const length = [...value].length;
  if (length > LIMITS.id) throw invalid(`${field} "${[...value].slice(0, 20).join('')}…" is longer than ${LIMITS.id} characters (${length})`, field);
  if (value.trim() !== value) throw invalid(`${field} "${value}" begins or ends with a space; remove it`, field);
  const bad = ID_FORBIDDEN.exec(value);
  if (bad) {
    const shown = /[/;]/.test(bad[0]) ? `'${bad[0]}'` : `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    throw invalid(`${field} "${value.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '?')}" contains ${shown}; an id may hold any text but control characters, '/' and ';'`, field);
  }
  return value;
}

/** NUL, or a UTF-16 surrogate without its pair. */
const UNTYPEABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function requireText(value: unknown, field: string, max: number, options: { optional?: boolean } = {}): string {
  if (value === undefined || value === null || value === '') {
    if (options.optional) return '';
    throw invalid(`${field} is required`, field);
  }
  if (typeof value !== 'string') throw invalid(`${field} must be text`, field);
  // A NUL or half of a surrogate pair is no character anyone typed: SQLite and the exports would
  // keep or turn it into U+FFFD in a log that cannot be edited (issue 15, finding 8).
  if (UNTYPEABLE.test(value)) throw invalid(`${field} holds a NUL or a broken (lone surrogate) character; retype the text`, field);
  const trimmed = value.trim();
  if (trimmed.length === 0 && !options.optional) throw invalid(`${field} is required`, field);
  if ([...trimmed].length > max) throw invalid(`${field} is longer than ${max} characters (${[...trimmed].length})`, field);
  return trimmed;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(`${field} "${String(value)}" is not one of ${allowed.join(', ')}`, field);
  }
  return value as T;
}

export function requireInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be a whole number from ${min} to ${max}, not ${String(value)}`, field);
  }
  return value;
}

/** Distinct values, order kept; an empty list when absent. */
export function distinct<T>(values: readonly T[] | undefined | null): T[] {
  return [...new Set(values ?? [])];
}
