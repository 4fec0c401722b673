/** The compliance wing (制度落实): the committee's thresholds for the board, and the auditors' seals of it. */
import { defineSystem } from '../shared/system.js';
import { ADMIN, type AccessRole } from '../shared/roles.js';
import { ComplianceSealCommand, ComplianceSealEvent, ComplianceThresholdsCommand, ComplianceThresholdsEvent, complianceSeal, complianceThresholds } from './compliance.js';

export * from './vocabulary.js';
export * from './compliance.js';

export type ComplianceCommand = ComplianceThresholdsCommand | ComplianceSealCommand;
export type ComplianceEvent = ComplianceThresholdsEvent | ComplianceSealEvent;

/** The committee sets its thresholds: an administrator, or the committee office (a RECORDER with COMMITTEE_OFFICE: projections compliance/commandAccess.ts). */
const THRESHOLD_KEEPERS: readonly AccessRole[] = [...ADMIN, 'RECORDER'];
/** A seal states no fact about the network: it is an auditor's, like the log's seal. */
const AUDITORS: readonly AccessRole[] = ['AUDITOR'];

export const complianceSystem = defineSystem<ComplianceCommand, ComplianceEvent>()({
  name: 'compliance',
  commands: {
    SetComplianceThreshold: { decider: complianceThresholds, roles: THRESHOLD_KEEPERS },
    SealComplianceBoard: { decider: complianceSeal, roles: AUDITORS },
  },
  events: {
    ComplianceThresholdSet: { stream: ['compliance-committee', null], facts: (d) => ({ reason: d.reason }) },
    ComplianceBoardSealed: { stream: ['compliance-seal', 'sealId'], facts: (d) => ({ occurredAt: d.sealedAt, ...(d.reason ? { reason: d.reason } : {}) }) },
  },
});
