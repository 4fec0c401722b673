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

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${field} is required`, field);
  if (value.length > LIMITS.id) throw invalid(`${field} "${value.slice(0, 20)}…" is longer than ${LIMITS.id} characters`, field);
  if (!ID_PATTERN.test(value)) {
    throw invalid(`${field} "${value}" may only contain letters, digits, '.', '_', ':' and '-', and must start with a letter or digit`, field);
  }
  return value;
}

export function requireText(value: unknown, field: string, max: number, options: { optional?: boolean } = {}): string {
  if (value === undefined || value === null || value === '') {
    if (options.optional) return '';
    throw invalid(`${field} is required`, field);
  }
  if (typeof value !== 'string') throw invalid(`${field} must be text`, field);
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
