/**
 * The committee's duty points (履职积分) rule table, kept as events so a member's points can be
 * recomputed for any year under the table that held for it: each table is in force from a year
 * on, a later one replaces it from its own year, and the years before keep theirs. One stream for
 * the committee. Before the office sets any, DEFAULT_DUTY_POINTS holds.
 *
 * Points may be negative: a deduction, such as for absence without leave (缺席).
 */
import { Decider, Event, sameData } from '../shared/decider.js';
import { invalid } from '../shared/errors.js';
import { LIMITS, requireInt, requireText } from '../shared/validation.js';
import { OPINION_LEVELS, type OpinionLevel } from '../opinions/vocabulary.js';

export const DUTY_RULES_STREAM = 'duty-rules-committee';

/** Points per item, at most (and at least the negative of it). */
export const MAX_DUTY_POINTS = 1000;

/** What a duty record counts, each item worth its points (the per-level items, one entry per level). */
export interface DutyPoints {
  /** Per contact taken part in (联系活动). */
  contact: number;
  /** Per due link the member held that was served by at least one contact in the year. */
  linkServed: number;
  /** Per due link the member held whose requirement was met in the year (covered). */
  linkMet: number;
  /** Per proposal led (领衔), withdrawn ones aside. */
  proposalLed: number;
  /** Per proposal co-signed (附议). */
  proposalCoSigned: number;
  /** Per led proposal filed (立案), on top of proposalLed. */
  proposalFiled: number;
  /** Per public-opinion report submitted, withdrawn ones aside. */
  opinionSubmitted: number;
  /** Per report adopted by the committee (采用). */
  opinionAdopted: number;
  /** Per adoption by a recipient, by level. */
  opinionAdoptedAt: Record<OpinionLevel, number>;
  /** Per leader's instruction (批示), by level. */
  instruction: Record<OpinionLevel, number>;
  /** Per inspection or study visit attended. */
  inspectionAttended: number;
  /** Per plenary sitting: attended, and absent without leave (usually a deduction). */
  plenaryAttended: number;
  plenaryAbsent: number;
  /** Per standing-committee meeting: attended, and absent without leave. */
  standingAttended: number;
  standingAbsent: number;
}

/** The flat items of DutyPoints, in the order a record shows them; per-level items are `name.LEVEL`. */
export const DUTY_POINT_ITEMS: readonly string[] = [
  'contact',
  'linkServed',
  'linkMet',
  'proposalLed',
  'proposalCoSigned',
  'proposalFiled',
  'opinionSubmitted',
  'opinionAdopted',
  ...OPINION_LEVELS.map((l) => `opinionAdoptedAt.${l}`),
  ...OPINION_LEVELS.map((l) => `instruction.${l}`),
  'inspectionAttended',
  'plenaryAttended',
  'plenaryAbsent',
  'standingAttended',
  'standingAbsent',
];

/** An item's points in a table: `instruction.CITY` reads the per-level entry. */
export function pointsOf(points: DutyPoints, item: string): number {
  const [name, level] = item.split('.') as [keyof DutyPoints, OpinionLevel | undefined];
  const value = points[name];
  return typeof value === 'number' ? value : (value as Record<OpinionLevel, number>)[level!];
}

/**
 * What a committee has before its office sets a table: modelled on the duty-points schemes city
 * committees publish (a contact 1, a filed proposal 5 in all, attending a plenary sitting 2,
 * missing one without leave −2; instructions and adoptions weigh more the higher the level).
 */
export const DEFAULT_DUTY_POINTS: DutyPoints = {
  contact: 1,
  linkServed: 1,
  linkMet: 2,
  proposalLed: 3,
  proposalCoSigned: 1,
  proposalFiled: 2,
  opinionSubmitted: 1,
  opinionAdopted: 2,
  opinionAdoptedAt: { CITY: 2, PREFECTURE: 3, PROVINCE: 5, NATIONAL: 10 },
  instruction: { CITY: 3, PREFECTURE: 5, PROVINCE: 8, NATIONAL: 15 },
  inspectionAttended: 2,
  plenaryAttended: 2,
  plenaryAbsent: -2,
  standingAttended: 2,
  standingAbsent: -2,
};

export interface DutyPointsTable {
  fromYear: number;
  points: DutyPoints;
  reason: string;
}

export type DutyRulesEvent = Event<'DutyPointsRulesSet', DutyPointsTable>;
export type DutyRulesCommand = { type: 'SetDutyPointsRules'; fromYear: number; points: DutyPoints; reason: string };

export interface DutyRulesState {
  /** By fromYear, ascending; one per fromYear (the latest set). */
  tables: readonly DutyPointsTable[];
}

export const dutyRules: Decider<DutyRulesCommand, DutyRulesEvent, DutyRulesState> = {
  streamId: () => DUTY_RULES_STREAM,
  initialState: { tables: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'DutyPointsRulesSet':
        return { tables: [...state.tables.filter((t) => t.fromYear !== event.data.fromYear), event.data].sort((a, b) => a.fromYear - b.fromYear) };
      default: {
        const never: never = event.type;
        return never;
      }
    }
  },
  decide(command, state) {
    if (command.type !== 'SetDutyPointsRules') throw invalid(`unknown command ${(command as { type: string }).type}`);
    const fromYear = requireInt(command.fromYear, 'fromYear', 1949, 2199);
    const points = validPoints(command.points);
    const current = state.tables.find((t) => t.fromYear === fromYear);
    if (current && sameData(current.points, points)) return [];
    return [{ type: 'DutyPointsRulesSet', data: { fromYear, points, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
  },
};

function validPoints(value: unknown): DutyPoints {
  if (typeof value !== 'object' || value === null) throw invalid(`points is required: ${DUTY_POINT_ITEMS.join(', ')}`, 'points');
  const p = value as Record<string, unknown>;
  const one = (v: unknown, field: string) => requireInt(v, `points.${field}`, -MAX_DUTY_POINTS, MAX_DUTY_POINTS);
  const levels = (v: unknown, field: string): Record<OpinionLevel, number> => {
    if (typeof v !== 'object' || v === null) throw invalid(`points.${field} is required: points for ${OPINION_LEVELS.join(', ')}`, `points.${field}`);
    const l = v as Record<string, unknown>;
    return Object.fromEntries(OPINION_LEVELS.map((level) => [level, one(l[level], `${field}.${level}`)])) as Record<OpinionLevel, number>;
  };
  // Built field by field in DutyPoints' order, so two tables with the same points are sameData.
  return {
    contact: one(p.contact, 'contact'),
    linkServed: one(p.linkServed, 'linkServed'),
    linkMet: one(p.linkMet, 'linkMet'),
    proposalLed: one(p.proposalLed, 'proposalLed'),
    proposalCoSigned: one(p.proposalCoSigned, 'proposalCoSigned'),
    proposalFiled: one(p.proposalFiled, 'proposalFiled'),
    opinionSubmitted: one(p.opinionSubmitted, 'opinionSubmitted'),
    opinionAdopted: one(p.opinionAdopted, 'opinionAdopted'),
    opinionAdoptedAt: levels(p.opinionAdoptedAt, 'opinionAdoptedAt'),
    instruction: levels(p.instruction, 'instruction'),
    inspectionAttended: one(p.inspectionAttended, 'inspectionAttended'),
    plenaryAttended: one(p.plenaryAttended, 'plenaryAttended'),
    plenaryAbsent: one(p.plenaryAbsent, 'plenaryAbsent'),
    standingAttended: one(p.standingAttended, 'standingAttended'),
    standingAbsent: one(p.standingAbsent, 'standingAbsent'),
  };
}

/** The table in force for a year: the set one with the greatest fromYear at or before it, else the default (fromYear null). */
export function dutyTableFor(tables: readonly DutyPointsTable[], year: number): { fromYear: number | null; points: DutyPoints; reason: string } {
  let found: DutyPointsTable | undefined;
  for (const t of tables) if (t.fromYear <= year) found = t;
  return found ?? { fromYear: null, points: DEFAULT_DUTY_POINTS, reason: 'the default table (no table set for this year)' };
}
