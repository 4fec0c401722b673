/**
 * The committee's thresholds for the compliance board, and the auditor's seals of it.
 *
 * Thresholds (one stream for the committee, `compliance-committee`): per rule, the share of what
 * was due that makes a cell GREEN and the share that makes it AMBER; below is RED. Kept as events,
 * so a board asked as of an earlier moment is coloured by the thresholds that held then.
 *
 * A seal (`compliance-seal-<id>`) is what an auditor writes when a board is shown to the standing
 * committee: the year, the log position and the "on" instant the board was read at, each cell's
 * figures and colour, and a SHA-256 over the cells with every id of their evidence. The write path
 * receives those figures from the server's own reading of the board (the API computes them; a
 * client sends only the year), and anyone may later recompute the board at that position and "on"
 * and compare hashes, as `verify` proves the log.
 */
import { Decider, Event, sameData } from '../shared/decider.js';
import { conflict, invalid } from '../shared/errors.js';
import { parseInstant } from '../shared/time.js';
import { LIMITS, requireId, requireInt, requireOneOf, requireText } from '../shared/validation.js';
import { COMPLIANCE_RULES, COMPLIANCE_STATES, ComplianceRule, ComplianceState } from './vocabulary.js';

export const COMPLIANCE_STREAM = 'compliance-committee';

export interface Threshold {
  /** GREEN at or above this share (0 to 1). */
  green: number;
  /** AMBER at or above this share, below green. */
  amber: number;
}

/** What a committee has before it sets any: everything for green, four in five for amber. */
export const DEFAULT_THRESHOLD: Threshold = { green: 1, amber: 0.8 };

export type ComplianceThresholdsEvent = Event<'ComplianceThresholdSet', { rule: ComplianceRule; reason: string } & Threshold>;
export type ComplianceThresholdsCommand = { type: 'SetComplianceThreshold'; rule: string; green: number; amber: number; reason: string };
export interface ComplianceThresholdsState {
  thresholds: Partial<Record<ComplianceRule, Threshold>>;
}

const share = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) throw invalid(`${field} must be a share from 0 to 1 (0.8 for four in five), not ${String(value)}`, field);
  return value;
};

export const complianceThresholds: Decider<ComplianceThresholdsCommand, ComplianceThresholdsEvent, ComplianceThresholdsState> = {
  streamId: () => COMPLIANCE_STREAM,
  initialState: { thresholds: {} },
  evolve(state, event) {
    const { rule, green, amber } = event.data;
    return { thresholds: { ...state.thresholds, [rule]: { green, amber } } };
  },
  decide(command, state) {
    const rule = requireOneOf(command.rule, COMPLIANCE_RULES, 'rule');
    const green = share(command.green, 'green');
    const amber = share(command.amber, 'amber');
    if (amber > green) throw invalid(`amber ${amber} is above green ${green}: a cell is amber below green`, 'amber');
    if (sameData({ green, amber }, state.thresholds[rule] ?? DEFAULT_THRESHOLD)) return [];
    return [{ type: 'ComplianceThresholdSet', data: { rule, green, amber, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
  },
};

/** The colour of a cell: met of expected under a threshold. */
export function complianceState(met: number, expected: number, threshold: Threshold): ComplianceState {
  if (expected === 0) return 'NONE_DUE';
  const s = met / expected;
  return s >= threshold.green ? 'GREEN' : s >= threshold.amber ? 'AMBER' : 'RED';
}

export interface SealedCell {
  rule: ComplianceRule;
  /** The scheme of a DUE_LINKS_MET cell; null for the others. */
  scheme: string | null;
  expected: number;
  met: number;
  state: ComplianceState;
}

export type ComplianceSealEvent = Event<
  'ComplianceBoardSealed',
  { sealId: string; year: number; position: number; on: string; cells: SealedCell[]; boardHash: string; reason: string; sealedAt: string }
>;
export type ComplianceSealCommand = { type: 'SealComplianceBoard'; sealId: string; year: number; position: number; on: string; cells: SealedCell[]; boardHash: string; reason?: string | null };
export interface ComplianceSealState {
  sealed: ComplianceSealEvent['data'] | null;
}

const HASH = /^[0-9a-f]{64}$/;

export const complianceSeal: Decider<ComplianceSealCommand, ComplianceSealEvent, ComplianceSealState> = {
  streamId: (c) => `compliance-seal-${c.sealId}`,
  initialState: { sealed: null },
  evolve: (_state, event) => ({ sealed: event.data }),
  decide(command, state, { now }) {
    const sealId = requireId(command.sealId, 'sealId');
    if (state.sealed) throw conflict(`seal ${sealId} is already written; a seal is never rewritten (write another)`, 'sealId');
    if (typeof command.boardHash !== 'string' || !HASH.test(command.boardHash)) throw invalid('boardHash must be a SHA-256 in hex', 'boardHash');
    if (!Array.isArray(command.cells) || command.cells.length === 0) throw invalid('cells is required', 'cells');
    const cells = command.cells.map((c, i): SealedCell => ({
      rule: requireOneOf(c.rule, COMPLIANCE_RULES, `cells[${i}].rule`),
      scheme: c.scheme === null || c.scheme === undefined ? null : requireId(c.scheme, `cells[${i}].scheme`),
      expected: requireInt(c.expected, `cells[${i}].expected`, 0, Number.MAX_SAFE_INTEGER),
      met: requireInt(c.met, `cells[${i}].met`, 0, Number.MAX_SAFE_INTEGER),
      state: requireOneOf(c.state, COMPLIANCE_STATES, `cells[${i}].state`),
    }));
    return [
      {
        type: 'ComplianceBoardSealed',
        data: {
          sealId,
          year: requireInt(command.year, 'year', 1949, 2199),
          position: requireInt(command.position, 'position', 0, Number.MAX_SAFE_INTEGER),
          on: parseInstant(command.on, 'on'),
          cells,
          boardHash: command.boardHash,
          reason: requireText(command.reason, 'reason', LIMITS.reason, { optional: true }),
          sealedAt: now,
        },
      },
    ];
  },
};
