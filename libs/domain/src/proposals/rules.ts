/**
 * The proposals office's rules, kept as events so every figure can be asked under the rules that
 * held then: how numbers are written, default deadlines, when a deadline is "due soon", the
 * reasons a proposal may be not filed (不立案), and the non-working days that working-day
 * deadlines skip. One stream for the committee.
 */
import { Decider, Event, sameData } from '../shared/decider.js';
import { conflict, invalid } from '../shared/errors.js';
import { CommitteeDate, parseCommitteeDate } from '../shared/time.js';
import { LIMITS, distinct, requireId, requireInt, requireOneOf, requireText } from '../shared/validation.js';

export const RULES_STREAM = 'proposal-rules-committee';

export const DEADLINE_DAY_KINDS = ['CALENDAR', 'WORKING'] as const;
export type DeadlineDayKind = (typeof DEADLINE_DAY_KINDS)[number];

export interface ProposalRules {
  /** How a filed proposal's number is written: {year} (the session's), {term}, {session}, {n}. */
  numberFormat: string;
  /** Default deadlines, in days from the assignment. */
  leadDays: number;
  assistDays: number;
  /** Whether those days are calendar days or working days (skipping weekends and listed non-working days). */
  dayKind: DeadlineDayKind;
  /** An assignment is "due soon" this many days before its deadline. */
  dueSoonDays: number;
  /** How long a co-signer's invitation stays open by default. */
  invitationDays: number;
}

/** What a committee has before its office sets anything: 3 months for the lead, 1 for assisting units. */
export const DEFAULT_RULES: ProposalRules = {
  numberFormat: '第{n}号',
  leadDays: 90,
  assistDays: 30,
  dayKind: 'CALENDAR',
  dueSoonDays: 7,
  invitationDays: 7,
};

const PLACEHOLDERS = ['{year}', '{term}', '{session}', '{n}'];

export type ProposalRulesEvent =
  | Event<'ProposalRulesSet', ProposalRules & { reason: string }>
  | Event<'NotFiledReasonDefined', { code: string; label: string }>
  | Event<'NonWorkingDaysMarked', { dates: CommitteeDate[]; reason: string }>;

export type ProposalRulesCommand =
  | ({ type: 'SetProposalRules'; reason: string } & ProposalRules)
  | { type: 'DefineNotFiledReason'; code: string; label: string }
  | { type: 'MarkNonWorkingDays'; dates: string[]; reason: string };

export interface ProposalRulesState {
  rules: ProposalRules;
  reasons: Record<string, string>;
  nonWorkingDays: CommitteeDate[];
}

export const proposalRules: Decider<ProposalRulesCommand, ProposalRulesEvent, ProposalRulesState> = {
  streamId: () => RULES_STREAM,
  initialState: { rules: DEFAULT_RULES, reasons: {}, nonWorkingDays: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'ProposalRulesSet': {
        const { reason: _reason, ...rules } = event.data;
        return { ...state, rules };
      }
      case 'NotFiledReasonDefined':
        return { ...state, reasons: { ...state.reasons, [event.data.code]: event.data.label } };
      case 'NonWorkingDaysMarked':
        return { ...state, nonWorkingDays: distinct([...state.nonWorkingDays, ...event.data.dates]).sort() };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'SetProposalRules': {
        const rules = validRules(command);
        if (sameData(rules, state.rules)) return [];
        return [{ type: 'ProposalRulesSet', data: { ...rules, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
      }
      case 'DefineNotFiledReason': {
        const code = requireId(command.code, 'code');
        const label = requireText(command.label, 'label', LIMITS.title);
        if (state.reasons[code] === label) return [];
        if (state.reasons[code] !== undefined) throw conflict(`reason ${code} is already defined as "${state.reasons[code]}"; define a new code instead, so that decisions made under it keep their meaning`, 'code');
        return [{ type: 'NotFiledReasonDefined', data: { code, label } }];
      }
      case 'MarkNonWorkingDays': {
        if (!Array.isArray(command.dates) || command.dates.length === 0) throw invalid('dates is required: list one or more dates such as 2025-10-01', 'dates');
        if (command.dates.length > 400) throw invalid('mark at most 400 dates at once', 'dates');
        const dates = distinct(command.dates.map((d, i) => parseCommitteeDate(d, `dates[${i}]`))).filter((d) => !state.nonWorkingDays.includes(d));
        if (dates.length === 0) return [];
        return [{ type: 'NonWorkingDaysMarked', data: { dates: dates.sort(), reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
      }
      default: {
        const never: never = command;
        throw invalid(`unknown command ${(never as { type: string }).type}`);
      }
    }
  },
};

function validRules(command: ProposalRules): ProposalRules {
  const numberFormat = requireText(command.numberFormat, 'numberFormat', LIMITS.title);
  if (!numberFormat.includes('{n}')) throw invalid('numberFormat must hold {n}, the serial number (e.g. 格政协〔{year}〕第{n}号)', 'numberFormat');
  const unknown = numberFormat.match(/\{[^}]*\}/g)?.filter((p) => !PLACEHOLDERS.includes(p)) ?? [];
  if (unknown.length > 0) throw invalid(`numberFormat has ${unknown.join(', ')}; it may use ${PLACEHOLDERS.join(', ')}`, 'numberFormat');
  return {
    numberFormat,
    leadDays: requireInt(command.leadDays, 'leadDays', 1, 730),
    assistDays: requireInt(command.assistDays, 'assistDays', 1, 730),
    dayKind: requireOneOf(command.dayKind, DEADLINE_DAY_KINDS, 'dayKind'),
    dueSoonDays: requireInt(command.dueSoonDays, 'dueSoonDays', 0, 90),
    invitationDays: requireInt(command.invitationDays, 'invitationDays', 1, 90),
  };
}

/** A filed proposal's number as the committee writes it. */
export const formatNumber = (format: string, parts: { year: number; term: number; session: number; n: number }): string =>
  format.replaceAll('{year}', String(parts.year)).replaceAll('{term}', String(parts.term)).replaceAll('{session}', String(parts.session)).replaceAll('{n}', String(parts.n));
