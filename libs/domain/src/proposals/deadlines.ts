/**
 * Deadlines are derived, never written back: an assignment's deadline date is recorded when it is
 * set (assigned, extended, reopened), and whether it is overdue is computed for an "on" date by
 * whoever asks. No job writes "overdue" events, so `asOf` answers what was overdue on a day as the
 * record stood then, exactly.
 */
import { CommitteeDate, addDays, committeeDayEnd, isWeekend } from '../shared/time.js';
import type { DeadlineDayKind } from './rules.js';
import type { DeadlineState } from './vocabulary.js';

const DAY_MS = 86_400_000;

/**
 * The deadline `days` days after `from`: calendar days, or working days that skip Saturdays,
 * Sundays and the committee's listed non-working days (sorted).
 */
export function dueAfter(from: CommitteeDate, days: number, kind: DeadlineDayKind, nonWorkingDays: readonly CommitteeDate[]): CommitteeDate {
  if (kind === 'CALENDAR') return addDays(from, days);
  const holidays = new Set(nonWorkingDays);
  let date = from;
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (!isWeekend(date) && !holidays.has(date)) left--;
  }
  return date;
}

/**
 * One round of an assignment (the first, or one after a reopening): when it is due, and when the
 * unit's reply that the office released was submitted (null until one is released).
 */
export interface DeadlineRound {
  dueOn: CommitteeDate;
  repliedMs: number | null;
  /** dueEndMs(dueOn), when the round keeps it: a figure over every round then reads a number, not the memo. */
  readonly dueEndMs?: number;
}

/**
 * The end of a deadline date, remembered: the board and the unit figures ask it of every round on
 * every call (300,000 rounds at the bench's size), and `committeeDayEnd` parses the date each time
 * (Date.parse, ~0.3 µs). Deadline dates are few (a few hundred a year), so the memo stays small.
 */
const dayEnds = new Map<CommitteeDate, number>();
export function dueEndMs(dueOn: CommitteeDate): number {
  let ms = dayEnds.get(dueOn);
  if (ms === undefined) {
    ms = committeeDayEnd(dueOn);
    if (dayEnds.size < 100_000) dayEnds.set(dueOn, ms);
  }
  return ms;
}

/** What the board says of a round on `onMs` (epoch ms), with "due soon" `dueSoonDays` before the deadline. */
export function deadlineState(round: DeadlineRound, onMs: number, dueSoonDays: number): DeadlineState {
  const endMs = round.dueEndMs ?? dueEndMs(round.dueOn);
  if (round.repliedMs !== null && round.repliedMs <= onMs) return round.repliedMs < endMs ? 'REPLIED_ON_TIME' : 'REPLIED_LATE';
  if (onMs >= endMs) return 'OVERDUE';
  return onMs >= endMs - (dueSoonDays + 1) * DAY_MS ? 'DUE_SOON' : 'NOT_YET_DUE';
}

/** Whole days a round is overdue on `onMs` (0 when it is not). */
export const daysOverdue = (round: DeadlineRound, onMs: number): number => {
  const endMs = round.dueEndMs ?? dueEndMs(round.dueOn);
  const stop = round.repliedMs !== null && round.repliedMs <= onMs ? round.repliedMs : onMs;
  return stop < endMs ? 0 : Math.floor((stop - endMs) / DAY_MS) + 1;
};
