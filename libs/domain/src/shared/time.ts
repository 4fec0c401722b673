import { invalid } from './errors.js';
import { PeriodKind } from './vocabulary.js';

/**
 * Committee time. Periods (months, quarters, …) are calendar periods in China Standard Time,
 * UTC+8 without daylight saving, so a contact at 20:00 on 31 March in Golmud counts for March
 * whatever the server's own time zone is. Instants are stored as UTC ISO-8601 strings.
 */
export const COMMITTEE_UTC_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = COMMITTEE_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?$/;
const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The register holds dates from the founding of the People's Republic to the end of 2199 (committee time). */
const EARLIEST_MS = Date.UTC(1949, 9, 1) - OFFSET_MS;
const END_MS = Date.UTC(2200, 0, 1) - OFFSET_MS;

/** True when the fields name a real calendar date and time of day (no 30 February, no 24:00). */
function isRealDateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

/**
 * Parses a date or instant as a clerk writes it: `2020-03-05` (committee midnight),
 * `2020-03-05T09:30` (committee local time) or a full ISO-8601 instant with `Z` or an offset.
 * Returns the UTC ISO string; throws VALIDATION naming the field on anything else, including a
 * day that does not exist (which `Date.parse` would silently roll over into the next month).
 */
export function parseInstant(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${field} is required (a date such as 2020-03-05)`, field);
  const local = DATE_ONLY.exec(value) ?? LOCAL_DATE_TIME.exec(value);
  const zoned = local ? null : ZONED.exec(value);
  const m = local ?? zoned;
  if (!m) throw invalid(`${field} "${value}" is not a date; write 2020-03-05, 2020-03-05T09:30 or an ISO-8601 instant`, field);
  const [y, mo, d, h = '0', mi = '0', sec = '0'] = m.slice(1, 7);
  if (!isRealDateTime(+y, +mo, +d, +h, +mi, +sec)) throw invalid(`${field} "${value}" is not a real date`, field);
  const fraction = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  const ms = local ? Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, fraction) - OFFSET_MS : Date.parse(value);
  if (!Number.isFinite(ms)) throw invalid(`${field} "${value}" is not a real date`, field);
  if (ms < EARLIEST_MS || ms >= END_MS) throw invalid(`${field} "${value}" is outside the years the register can hold (1949-10-01 to 2199)`, field);
  return new Date(ms).toISOString();
}

let lastIso: string | undefined;
let lastMs = NaN;

/**
 * An ISO instant as epoch milliseconds (Date.parse). The last answer is kept: while the log is
 * folded, each projection that handles an event reads the same instants from it, one after another.
 */
export const toMs = (iso: string): number => {
  if (iso !== lastIso) {
    lastMs = Date.parse(iso);
    lastIso = iso;
  }
  return lastMs;
};

/** A calendar period of the committee: `2020`, `2020-H1`, `2020-Q3` or `2020-07`. */
export interface Period {
  id: string;
  kind: PeriodKind;
  /** Inclusive start and exclusive end, as epoch milliseconds (UTC). */
  start: number;
  end: number;
}

export const MONTHS_IN: Record<PeriodKind, number> = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 };

const PERIOD_PATTERN = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?$/;

const monthStart = (year: number, month0: number) => Date.UTC(year, month0, 1) - OFFSET_MS;

export function parsePeriod(value: unknown, field = 'period'): Period {
  const m = typeof value === 'string' ? PERIOD_PATTERN.exec(value) : null;
  if (!m) throw invalid(`${field} "${String(value)}" is not a period; write 2020, 2020-H1, 2020-Q2 or 2020-04`, field);
  const year = +m[1];
  if (year < 1949 || year > 2199) throw invalid(`${field} "${value}" is outside the years the register can hold`, field);
  let kind: PeriodKind;
  let first: number;
  if (m[2]) [kind, first] = ['MONTH', +m[2] - 1];
  else if (m[3]) [kind, first] = ['QUARTER', (+m[3] - 1) * 3];
  else if (m[4]) [kind, first] = ['HALF_YEAR', (+m[4] - 1) * 6];
  else [kind, first] = ['YEAR', 0];
  return { id: value as string, kind, start: monthStart(year, first), end: monthStart(year, first + MONTHS_IN[kind]) };
}

/** The period of a kind that contains an instant. */
export function periodContaining(ms: number, kind: PeriodKind): Period {
  const local = new Date(ms + OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  switch (kind) {
    case 'MONTH':
      return parsePeriod(`${year}-${String(month + 1).padStart(2, '0')}`);
    case 'QUARTER':
      return parsePeriod(`${year}-Q${Math.floor(month / 3) + 1}`);
    case 'HALF_YEAR':
      return parsePeriod(`${year}-H${month < 6 ? 1 : 2}`);
    case 'YEAR':
      return parsePeriod(`${year}`);
    default: {
      const never: never = kind;
      throw new Error(`unknown period kind ${String(never)}`);
    }
  }
}

/** Consecutive periods of one kind from the one containing `fromMs` to the one containing `toMs`. */
export function periodsBetween(fromMs: number, toMs: number, kind: PeriodKind): Period[] {
  const out: Period[] = [];
  for (let p = periodContaining(fromMs, kind); p.start <= toMs; p = periodContaining(p.end, kind)) out.push(p);
  return out;
}

/**
 * The requirement converted to a period of another kind, rounded up: 2 per QUARTER is 8 per
 * YEAR and 1 per MONTH (2/3, rounded up). A link due in a period must meet this whole figure;
 * a link active for only part of the period is not pro-rated (DOMAIN.md).
 */
export function requiredContacts(minContacts: number, per: PeriodKind, in_: PeriodKind): number {
  return Math.ceil((minContacts * MONTHS_IN[in_]) / MONTHS_IN[per] - 1e-9);
}

export const daysBetween = (fromMs: number, toMs: number): number => Math.floor((toMs - fromMs) / DAY_MS);

/**
 * Committee dates (`2025-06-30`): days of the calendar in committee time. Deadlines are dates, and
 * a deadline date is met by anything that happens before the committee's midnight that ends it.
 */
export type CommitteeDate = string;

/** The committee date an instant falls on. */
export const committeeDate = (ms: number): CommitteeDate => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);

/** Epoch ms of the committee midnight that starts a date (the date must be valid: see parseCommitteeDate). */
export const committeeDayStart = (date: CommitteeDate): number => Date.parse(`${date}T00:00:00Z`) - OFFSET_MS;

/** Epoch ms of the committee midnight that ends a date: what "by" a date means. */
export const committeeDayEnd = (date: CommitteeDate): number => committeeDayStart(date) + DAY_MS;

/** A date as a clerk writes it (`2025-06-30`); VALIDATION naming the field otherwise. */
export function parseCommitteeDate(value: unknown, field: string): CommitteeDate {
  if (typeof value !== 'string' || !DATE_ONLY.test(value)) throw invalid(`${field} "${String(value)}" is not a date; write 2025-06-30`, field);
  return committeeDate(toMs(parseInstant(value, field)));
}

/** The date `days` calendar days after `date`. */
export const addDays = (date: CommitteeDate, days: number): CommitteeDate => committeeDate(committeeDayStart(date) + days * DAY_MS);

/** Saturday or Sunday. */
export const isWeekend = (date: CommitteeDate): boolean => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};
