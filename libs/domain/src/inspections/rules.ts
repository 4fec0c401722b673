/**
 * The office's inspection rules, kept as events so every figure can be asked under the rules that
 * held then: how many days after the visit its report is due, how many days after the report a
 * recommendation's first response is due, and when either is "due soon". One stream for the
 * committee. A deadline is computed when the visit is held (or the report recorded) and kept in
 * that event, so a later change of the rules moves no deadline already set.
 */
import { Decider, Event, sameData } from '../shared/decider.js';
import { invalid } from '../shared/errors.js';
import { LIMITS, requireInt, requireText } from '../shared/validation.js';

export const INSPECTION_RULES_STREAM = 'inspection-rules-committee';

export interface InspectionRules {
  /** The report is due this many calendar days after the last day of the visit. */
  reportDueDays: number;
  /** A recommendation's first response is due this many calendar days after the report's date. */
  responseDueDays: number;
  /** A report or response is "due soon" this many days before its deadline. */
  dueSoonDays: number;
}

/** What a committee has before its office sets anything: a month for the report, two for a response. */
export const DEFAULT_INSPECTION_RULES: InspectionRules = { reportDueDays: 30, responseDueDays: 60, dueSoonDays: 7 };

export type InspectionRulesEvent = Event<'InspectionRulesSet', InspectionRules & { reason: string }>;
export type InspectionRulesCommand = { type: 'SetInspectionRules'; reason: string } & InspectionRules;
export interface InspectionRulesState {
  rules: InspectionRules;
}

export const inspectionRules: Decider<InspectionRulesCommand, InspectionRulesEvent, InspectionRulesState> = {
  streamId: () => INSPECTION_RULES_STREAM,
  initialState: { rules: DEFAULT_INSPECTION_RULES },
  evolve(state, event) {
    switch (event.type) {
      case 'InspectionRulesSet': {
        const { reason: _reason, ...rules } = event.data;
        return { ...state, rules };
      }
      default: {
        const never: never = event.type;
        return never;
      }
    }
  },
  decide(command, state) {
    if (command.type !== 'SetInspectionRules') throw invalid(`unknown command ${(command as { type: string }).type}`);
    const rules: InspectionRules = {
      reportDueDays: requireInt(command.reportDueDays, 'reportDueDays', 1, 365),
      responseDueDays: requireInt(command.responseDueDays, 'responseDueDays', 1, 730),
      dueSoonDays: requireInt(command.dueSoonDays, 'dueSoonDays', 0, 90),
    };
    if (sameData(rules, state.rules)) return [];
    return [{ type: 'InspectionRulesSet', data: { ...rules, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
  },
};
