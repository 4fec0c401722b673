/**
 * A member's duty record (履职档案) for a year or a term, and the list of every member's, read
 * from the duty projection's per-member indexes and the rows of the projections it reads (see
 * duty.projection.ts). Every count is computed from the record; points are the counts times the
 * rule table in force for the year (a term: each of its years under its own table).
 *
 * What each count means:
 * - contacts: contacts (not retracted) the member took part in that occurred in the year;
 * - links: the links due in the year (active at some moment of it) that the member held at the
 *   latest moment of the year they were active, as coverage attributes them to a source; served:
 *   with at least one counted contact in the year; met: covered (the requirement, converted to a
 *   year, reached; a CONVENER link counts only contacts between plenary sessions);
 * - proposals led (the member is the proposer) and co-signed, by the year they were submitted,
 *   withdrawn ones counted apart; outcomes as they stand now: filed (立案, closed ones included),
 *   not filed, merged, pending (submitted or returned for revision);
 * - opinion reports submitted (withdrawn ones out) in the year of submission; adopted by the
 *   committee, adopted by recipients and instructed (批示) by level, each in the year of its own
 *   date, as the opinions wing credits them (a combined report credits its parts' authors);
 * - inspections invited to (not cancelled) and attended, by the year of the visit;
 * - meetings: each plenary sitting and standing-committee meeting of the year, by status.
 *
 * A term's record is the sum of its years' records: the years from the one it opens in to the
 * one before it closes in (a term runs from one January's first plenary session to the January
 * five years on, so its last few days fall in the next term's first year).
 */
import type { DutyPoints, OpinionLevel, Period } from '#domain';
import { DUTY_POINT_ITEMS, OPINION_LEVELS, invalid, notFound, parsePeriod, pointsOf, dutyTableFor } from '#domain';
import { countedContacts, isDue, plenaryWindows, requiredIn, sourceDuring } from '../liaison/network/linkFigures.js';
import type { LiaisonView } from '../liaison/liaisonView.js';
import { CREDIT_SLOTS, creditSlot } from '../opinions/opinions.projection.js';
import type { DutyProjection } from './duty.projection.js';
import { yearOfMs } from './duty.projection.js';

const cap = (level: OpinionLevel) => level.charAt(0) + level.slice(1).toLowerCase();

/** Every count of a record, flat, so a list can be sorted by any of them. */
export const DUTY_COUNT_COLUMNS = [
  'contacts',
  'linksDue',
  'linksServed',
  'linksMet',
  'proposalsLed',
  'proposalsLedFiled',
  'proposalsLedNotFiled',
  'proposalsLedMerged',
  'proposalsLedPending',
  'proposalsLedWithdrawn',
  'proposalsCoSigned',
  'proposalsCoSignedFiled',
  'proposalsCoSignedNotFiled',
  'proposalsCoSignedMerged',
  'proposalsCoSignedPending',
  'opinionsSubmitted',
  'opinionsAdopted',
  ...OPINION_LEVELS.map((l) => `opinionsAdoptedAt${cap(l)}`),
  ...OPINION_LEVELS.map((l) => `instructions${cap(l)}`),
  'inspectionsInvited',
  'inspectionsAttended',
  'plenaryAttended',
  'plenaryExcused',
  'plenaryAbsent',
  'standingAttended',
  'standingExcused',
  'standingAbsent',
] as const;
export type DutyCountColumn = (typeof DUTY_COUNT_COLUMNS)[number];
export type DutyCounts = Record<DutyCountColumn, number>;

/** The columns a list sorts by: a count, the points, or the member's name or id. */
export const DUTY_SORT_COLUMNS = ['memberId', 'name', 'points', ...DUTY_COUNT_COLUMNS] as const;
export type DutySortColumn = (typeof DUTY_SORT_COLUMNS)[number];

/** The count an item of the rule table is paid on. */
const ITEM_COUNT: Record<string, DutyCountColumn> = {
  contact: 'contacts',
  linkServed: 'linksServed',
  linkMet: 'linksMet',
  proposalLed: 'proposalsLed',
  proposalCoSigned: 'proposalsCoSigned',
  proposalFiled: 'proposalsLedFiled',
  opinionSubmitted: 'opinionsSubmitted',
  opinionAdopted: 'opinionsAdopted',
  ...Object.fromEntries(OPINION_LEVELS.map((l) => [`opinionAdoptedAt.${l}`, `opinionsAdoptedAt${cap(l)}`])),
  ...Object.fromEntries(OPINION_LEVELS.map((l) => [`instruction.${l}`, `instructions${cap(l)}`])),
  inspectionAttended: 'inspectionsAttended',
  plenaryAttended: 'plenaryAttended',
  plenaryAbsent: 'plenaryAbsent',
  standingAttended: 'standingAttended',
  standingAbsent: 'standingAbsent',
};

export interface PointsLine {
  item: string;
  count: number;
  /** Points per item under the table, and count × that. */
  each: number;
  points: number;
}

export interface YearPoints {
  year: number;
  /** The table that applied: its fromYear (null: the default table), its reason and its points. */
  fromYear: number | null;
  reason: string;
  table: DutyPoints;
  points: number;
  lines: PointsLine[];
}

export interface DutyRecord {
  memberId: string;
  name: string;
  /** The year asked for, or the term's id and its years. */
  year: number | null;
  termId: string | null;
  years: number[];
  counts: DutyCounts;
  points: number;
  /** Per year: the table that applied and the points per item. */
  byYear: YearPoints[];
}

export type DutyScope = { year: number; termId?: undefined } | { termId: string; year?: undefined };

const zero = (): DutyCounts => Object.fromEntries(DUTY_COUNT_COLUMNS.map((c) => [c, 0])) as DutyCounts;

/** The years a scope covers: one year, or a term's (see the header). */
export function yearsOf(duty: DutyProjection, scope: DutyScope): number[] {
  if (scope.termId === undefined) {
    if (!Number.isInteger(scope.year) || scope.year < 1949 || scope.year > 2199) throw invalid(`year must be a year from 1949 to 2199, not ${String(scope.year)}`, 'year');
    return [scope.year];
  }
  const term = duty.roster.terms.get(scope.termId);
  if (!term) throw notFound(`term ${scope.termId} is not opened`, 'termId');
  const first = yearOfMs(term.startMs);
  const last = Math.max(first, yearOfMs(term.endMs - 1) - 1);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** What the figures of one year share across members: the period and the plenary windows. */
interface YearContext {
  year: number;
  period: Period;
  plenary: ReadonlyArray<[number, number]>;
}

const contextOf = (duty: DutyProjection, year: number): YearContext => ({
  year,
  period: parsePeriod(String(year)),
  // plenaryWindows reads only the sessions: the roster's, live or copied.
  plenary: plenaryWindows({ plenarySessions: duty.roster.plenarySessions } as unknown as LiaisonView),
});

/** One member's counts in one year. */
export function countsIn(duty: DutyProjection, memberId: string, y: YearContext): DutyCounts {
  const c = zero();
  const { year, period } = y;
  c.contacts = duty.contactCounts.get(year)?.get(memberId) ?? 0;

  for (const linkId of duty.linksBySource.get(memberId) ?? []) {
    const link = duty.links.links.get(linkId);
    if (!link || !isDue(link, period) || sourceDuring(link, period.end) !== memberId) continue;
    c.linksDue++;
    const n = countedContacts(link, period.start, period.end, y.plenary);
    if (n > 0) c.linksServed++;
    if (n >= requiredIn(link, 'YEAR')) c.linksMet++;
  }

  const outcome = (stage: string) => (stage === 'FILED' || stage === 'CLOSED' ? 'Filed' : stage === 'NOT_FILED' ? 'NotFiled' : stage === 'MERGED' ? 'Merged' : stage === 'WITHDRAWN' ? 'Withdrawn' : 'Pending');
  for (const [ids, prefix] of [
    [duty.proposalsLedBy.get(memberId), 'proposalsLed'],
    [duty.proposalsCoSignedBy.get(memberId), 'proposalsCoSigned'],
  ] as const) {
    for (const id of ids ?? []) {
      const row = duty.proposals.proposals.get(id);
      if (!row || yearOfMs(row.submittedMs) !== year) continue;
      const o = outcome(row.stage);
      if (o === 'Withdrawn') {
        if (prefix === 'proposalsLed') c.proposalsLedWithdrawn++;
        continue;
      }
      c[prefix]++;
      c[`${prefix}${o}` as DutyCountColumn]++;
    }
  }

  c.opinionsSubmitted = duty.opinions.counts.get(year)?.get(`MEMBER:${memberId}`)?.submitted ?? 0;
  const tally = duty.opinions.creditCounts.get(year)?.get(memberId) ?? new Int32Array(CREDIT_SLOTS);
  c.opinionsAdopted = tally[creditSlot('COMMITTEE_ADOPTION', null)]!;
  for (const level of OPINION_LEVELS) {
    c[`opinionsAdoptedAt${cap(level)}` as DutyCountColumn] = tally[creditSlot('RECIPIENT_ADOPTION', level)]!;
    c[`instructions${cap(level)}` as DutyCountColumn] = tally[creditSlot('INSTRUCTION', level)]!;
  }

  for (const id of duty.inspections.byParty.get(memberId) ?? []) {
    const row = duty.inspections.inspections.get(id);
    if (!row || row.year !== year) continue;
    if (row.stage !== 'CANCELLED' && row.invitations.some((i) => i.inviteeId === memberId)) c.inspectionsInvited++;
    if (row.held && row.attendeeIds.includes(memberId)) c.inspectionsAttended++;
  }

  for (const id of duty.meetingsByYear.get(year) ?? []) {
    const m = duty.meetings.get(id)!;
    const a = m.attendance.get(memberId);
    if (!a) continue;
    const kind = m.kind === 'PLENARY' ? 'plenary' : 'standing';
    const status = a.status === 'ATTENDED' ? 'Attended' : a.status === 'EXCUSED' ? 'Excused' : 'Absent';
    c[`${kind}${status}` as DutyCountColumn]++;
  }
  return c;
}

/** A year's counts under the table in force for it. */
export function pointsIn(duty: DutyProjection, year: number, counts: DutyCounts): YearPoints {
  const table = dutyTableFor(duty.rules().tables, year);
  const lines = DUTY_POINT_ITEMS.map((item): PointsLine => {
    const count = counts[ITEM_COUNT[item]!];
    const each = pointsOf(table.points, item);
    return { item, count, each, points: count * each };
  });
  return { year, fromYear: table.fromYear, reason: table.reason, table: table.points, points: lines.reduce((s, l) => s + l.points, 0), lines };
}

function recordOver(duty: DutyProjection, memberId: string, name: string, scope: DutyScope, contexts: YearContext[]): DutyRecord {
  const counts = zero();
  const byYear = contexts.map((y) => {
    const c = countsIn(duty, memberId, y);
    for (const k of DUTY_COUNT_COLUMNS) counts[k] += c[k];
    return pointsIn(duty, y.year, c);
  });
  return {
    memberId,
    name,
    year: scope.year ?? null,
    termId: scope.termId ?? null,
    years: contexts.map((y) => y.year),
    counts,
    points: byYear.reduce((s, y) => s + y.points, 0),
    byYear,
  };
}

/** One member's record; a member not on the roster is NOT_FOUND. */
export function dutyRecord(duty: DutyProjection, memberId: string, scope: DutyScope): DutyRecord {
  const member = duty.roster.members.get(memberId);
  if (!member) throw notFound(`member ${memberId} is not registered`, 'memberId');
  return recordOver(duty, memberId, member.name, scope, yearsOf(duty, scope).map((y) => contextOf(duty, y)));
}

export interface DutyRecordsQuery {
  orderBy?: DutySortColumn | null;
  direction?: 'ASC' | 'DESC' | null;
  /** Only these members (a member's own list); every member on the roster when absent. */
  memberIds?: readonly string[] | null;
}

/** Every member's record (or the listed ones'), sorted by a column; ties by member id. */
export function dutyRecords(duty: DutyProjection, scope: DutyScope, query: DutyRecordsQuery = {}): DutyRecord[] {
  const orderBy = query.orderBy ?? 'points';
  if (!(DUTY_SORT_COLUMNS as readonly string[]).includes(orderBy)) throw invalid(`orderBy "${orderBy}" is not one of ${DUTY_SORT_COLUMNS.join(', ')}`, 'orderBy');
  const direction = query.direction ?? (orderBy === 'memberId' || orderBy === 'name' ? 'ASC' : 'DESC');
  if (direction !== 'ASC' && direction !== 'DESC') throw invalid(`direction "${String(direction)}" is not ASC or DESC`, 'direction');
  const contexts = yearsOf(duty, scope).map((y) => contextOf(duty, y));
  const ids = query.memberIds ?? [...duty.roster.members.keys()];
  const records = ids.flatMap((id) => {
    const m = duty.roster.members.get(id);
    return m ? [recordOver(duty, id, m.name, scope, contexts)] : [];
  });
  const value = (r: DutyRecord): number | string => (orderBy === 'memberId' ? r.memberId : orderBy === 'name' ? r.name : orderBy === 'points' ? r.points : r.counts[orderBy]);
  const sign = direction === 'ASC' ? 1 : -1;
  return records.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const byValue = x < y ? -1 : x > y ? 1 : 0;
    return byValue !== 0 ? sign * byValue : a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
  });
}

/** The meetings of a scope's years, in the order recorded. */
export function meetingsIn(duty: DutyProjection, scope: DutyScope) {
  return yearsOf(duty, scope).flatMap((y) => (duty.meetingsByYear.get(y) ?? []).map((id) => duty.meetings.get(id)!));
}
