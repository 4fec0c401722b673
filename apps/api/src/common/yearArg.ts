/** A year argument of a query: null when not given, else a whole year from 1949 to 2199 (VALIDATION naming the field otherwise). */
import { invalid } from '#domain';

export function yearArg(year: number | undefined | null, field = 'year'): number | null {
  if (year === undefined || year === null) return null;
  if (!Number.isInteger(year) || year < 1949 || year > 2199) throw invalid(`${field} must be a year from 1949 to 2199, not ${year}`, field);
  return year;
}
