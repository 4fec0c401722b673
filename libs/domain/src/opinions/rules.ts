/**
 * The office's rules for public-opinion reports, kept as events so every figure can be asked under
 * the rules that held then: the recipients reports are forwarded to (报送对象), the reasons a
 * report may be not adopted, how an issued report's number is written, and the credit tables
 * (积分), each in force from a year on. One stream for the committee.
 *
 * A credit table is never edited: a new one from a year replaces it for that year and later, so
 * the years before keep the table that held for them, and `asOf` before the change gives the old
 * figure.
 */
import { Decider, Event, sameData } from '../shared/decider.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { LIMITS, requireId, requireInt, requireOneOf, requireText } from '../shared/validation.js';
import { OPINION_LEVELS, OpinionLevel, RECIPIENT_KINDS, RecipientKind } from './vocabulary.js';

export const OPINION_RULES_STREAM = 'opinion-rules-committee';

export const DEFAULT_ISSUE_FORMAT = '《社情民意》{year}年第{n}期';
const ISSUE_PLACEHOLDERS = ['{year}', '{n}'];
/** Points per item, at most; a table is a committee's, not a lottery's. */
export const MAX_POINTS = 1000;

export type LevelPoints = Record<OpinionLevel, number>;

export interface CreditPoints {
  /** 采用 by the committee itself. */
  committeeAdoption: number;
  /** Adopted by a recipient at each level. */
  adoption: LevelPoints;
  /** A leader's instruction (批示) at each level. */
  instruction: LevelPoints;
  /** A newspaper, broadcaster or site taking an issued report up (媒体采用); 0 when the table gives none. */
  mediaPickup: number;
}

export interface CreditTable {
  fromYear: number;
  points: CreditPoints;
  reason: string;
}

export interface OpinionRecipient {
  recipientId: string;
  name: string;
  level: OpinionLevel;
  kind: RecipientKind;
  /** A registered organization that answers for it (a HANDLING_UNIT's grant then may record its adoption and feedback). */
  organizationId: string | null;
}

export type OpinionRulesEvent =
  | Event<'OpinionRecipientDefined', OpinionRecipient>
  | Event<'OpinionNotAdoptedReasonDefined', { code: string; label: string }>
  | Event<'OpinionIssueFormatSet', { numberFormat: string; reason: string }>
  | Event<'OpinionCreditRulesSet', CreditTable>;

export type OpinionRulesCommand =
  | { type: 'DefineOpinionRecipient'; recipientId: string; name: string; level: string; kind: string; organizationId?: string | null }
  | { type: 'DefineOpinionNotAdoptedReason'; code: string; label: string }
  | { type: 'SetOpinionIssueFormat'; numberFormat: string; reason: string }
  | { type: 'SetOpinionCreditRules'; fromYear: number; points: CreditPoints; reason: string };

export interface OpinionRulesState {
  recipients: Readonly<Record<string, OpinionRecipient>>;
  reasons: Readonly<Record<string, string>>;
  issueFormat: string;
  /** By fromYear, ascending; one per fromYear (the latest set). */
  creditTables: readonly CreditTable[];
}

export const opinionRules: Decider<OpinionRulesCommand, OpinionRulesEvent, OpinionRulesState> = {
  streamId: () => OPINION_RULES_STREAM,
  initialState: { recipients: {}, reasons: {}, issueFormat: DEFAULT_ISSUE_FORMAT, creditTables: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'OpinionRecipientDefined':
        return { ...state, recipients: { ...state.recipients, [event.data.recipientId]: event.data } };
      case 'OpinionNotAdoptedReasonDefined':
        return { ...state, reasons: { ...state.reasons, [event.data.code]: event.data.label } };
      case 'OpinionIssueFormatSet':
        return { ...state, issueFormat: event.data.numberFormat };
      case 'OpinionCreditRulesSet':
        return { ...state, creditTables: [...state.creditTables.filter((t) => t.fromYear !== event.data.fromYear), event.data].sort((a, b) => a.fromYear - b.fromYear) };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
  decide(command, state, { directory }) {
    switch (command.type) {
      case 'DefineOpinionRecipient': {
        const recipient: OpinionRecipient = {
          recipientId: requireId(command.recipientId, 'recipientId'),
          name: requireText(command.name, 'name', LIMITS.name),
          level: requireOneOf(command.level, OPINION_LEVELS, 'level'),
          kind: requireOneOf(command.kind, RECIPIENT_KINDS, 'kind'),
          organizationId: command.organizationId ? requireId(command.organizationId, 'organizationId') : null,
        };
        const existing = state.recipients[recipient.recipientId];
        if (existing && sameData(existing, recipient)) return [];
        if (existing) throw conflict(`recipient ${recipient.recipientId} is already defined as ${existing.name} (${existing.level}); define a new id instead, so that reports forwarded to it keep their meaning`, 'recipientId');
        if (recipient.organizationId) {
          const org = directory.organization(recipient.organizationId);
          if (!org) throw notFound(`organization ${recipient.organizationId} is not registered`, 'organizationId');
          if (org.dissolved) throw invalid(`organization ${recipient.organizationId} has been dissolved`, 'organizationId');
        }
        return [{ type: 'OpinionRecipientDefined', data: recipient }];
      }
      case 'DefineOpinionNotAdoptedReason': {
        const code = requireId(command.code, 'code');
        const label = requireText(command.label, 'label', LIMITS.title);
        if (state.reasons[code] === label) return [];
        if (state.reasons[code] !== undefined) throw conflict(`reason ${code} is already defined as "${state.reasons[code]}"; define a new code instead, so that decisions made under it keep their meaning`, 'code');
        return [{ type: 'OpinionNotAdoptedReasonDefined', data: { code, label } }];
      }
      case 'SetOpinionIssueFormat': {
        const numberFormat = requireText(command.numberFormat, 'numberFormat', LIMITS.title);
        if (!numberFormat.includes('{n}')) throw invalid('numberFormat must hold {n}, the issue\'s number in its year (e.g. 《社情民意》{year}年第{n}期)', 'numberFormat');
        const unknown = numberFormat.match(/\{[^}]*\}/g)?.filter((p) => !ISSUE_PLACEHOLDERS.includes(p)) ?? [];
        if (unknown.length > 0) throw invalid(`numberFormat has ${unknown.join(', ')}; it may use ${ISSUE_PLACEHOLDERS.join(', ')}`, 'numberFormat');
        if (numberFormat === state.issueFormat) return [];
        return [{ type: 'OpinionIssueFormatSet', data: { numberFormat, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
      }
      case 'SetOpinionCreditRules': {
        const fromYear = requireInt(command.fromYear, 'fromYear', 1949, 2199);
        const points = validPoints(command.points);
        const current = state.creditTables.find((t) => t.fromYear === fromYear);
        if (current && sameData(current.points, points)) return [];
        return [{ type: 'OpinionCreditRulesSet', data: { fromYear, points, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
      }
      default: {
        const never: never = command;
        throw invalid(`unknown command ${(never as { type: string }).type}`);
      }
    }
  },
};

function validPoints(value: unknown): CreditPoints {
  if (typeof value !== 'object' || value === null) throw invalid('points is required: committeeAdoption, adoption and instruction per level, and optionally mediaPickup', 'points');
  const p = value as Record<string, unknown>;
  const levels = (v: unknown, field: string): LevelPoints => {
    if (typeof v !== 'object' || v === null) throw invalid(`${field} is required: points for ${OPINION_LEVELS.join(', ')}`, field);
    const l = v as Record<string, unknown>;
    return Object.fromEntries(OPINION_LEVELS.map((level) => [level, requireInt(l[level], `${field}.${level}`, 0, MAX_POINTS)])) as LevelPoints;
  };
  return {
    committeeAdoption: requireInt(p.committeeAdoption, 'points.committeeAdoption', 0, MAX_POINTS),
    adoption: levels(p.adoption, 'points.adoption'),
    instruction: levels(p.instruction, 'points.instruction'),
    mediaPickup: p.mediaPickup === undefined || p.mediaPickup === null ? 0 : requireInt(p.mediaPickup, 'points.mediaPickup', 0, MAX_POINTS),
  };
}

/** The table in force for a year: the one with the greatest fromYear at or before it; none before the first. */
export function creditTableFor(tables: readonly CreditTable[], year: number): CreditTable | undefined {
  let found: CreditTable | undefined;
  for (const t of tables) if (t.fromYear <= year) found = t;
  return found;
}

/** An issued report's number as the committee writes it. */
export const formatIssueNumber = (format: string, year: number, n: number): string => format.replaceAll('{year}', String(year)).replaceAll('{n}', String(n));
