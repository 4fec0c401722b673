/** The inspections wing (视察考察): inspections and study visits from plan to the follow-up of their recommendations, and the office's rules. */
import { defineSystem } from '../shared/system.js';
import { ADMIN, type AccessRole } from '../shared/roles.js';
import { InspectionCommand, InspectionEvent, inspection } from './inspection.js';
import { INSPECTION_RULES_STREAM, InspectionRulesCommand, InspectionRulesEvent, inspectionRules } from './rules.js';

export * from './vocabulary.js';
export * from './rules.js';
export * from './directory.js';
export * from './inspection.js';

export type InspectionsCommand = InspectionCommand | InspectionRulesCommand;
export type InspectionsEvent = InspectionEvent | InspectionRulesEvent;

const INSPECTION = ['inspection', 'inspectionId'] as const;
const RULES = [INSPECTION_RULES_STREAM, null] as const;
/**
 * Every inspection command is a recorder's; its grants decide which (projections:
 * inspections/commandAccess.ts): the liaison wing's COMMITTEE_OFFICE writes everything, a MEMBER
 * answers its own invitation, the proposals wing's HANDLING_UNIT follows up what is addressed to it.
 * This wing defines no grant kinds of its own.
 */
const RECORDER: readonly AccessRole[] = ['RECORDER'];
/** The office's rules: administrators set them up, and the committee office keeps them. */
const RULE_KEEPERS: readonly AccessRole[] = [...ADMIN, 'RECORDER'];

const at = (field: string) => (d: Record<string, unknown>) => ({ occurredAt: d[field] as string });
const atWithReason = (field: string) => (d: Record<string, unknown>) => ({ occurredAt: d[field] as string, reason: d.reason as string });

export const inspectionsSystem = defineSystem<InspectionsCommand, InspectionsEvent>()({
  name: 'inspections',
  commands: {
    PlanInspection: { decider: inspection, roles: RECORDER },
    RescheduleInspection: { decider: inspection, roles: RECORDER },
    CancelInspection: { decider: inspection, roles: RECORDER },
    InviteToInspection: { decider: inspection, roles: RECORDER },
    AnswerInspectionInvitation: { decider: inspection, roles: RECORDER },
    HoldInspection: { decider: inspection, roles: RECORDER },
    RecordInspectionAttendance: { decider: inspection, roles: RECORDER },
    ReportInspection: { decider: inspection, roles: RECORDER },
    FollowUpRecommendation: { decider: inspection, roles: RECORDER },
    SetInspectionRules: { decider: inspectionRules, roles: RULE_KEEPERS },
  },
  events: {
    InspectionPlanned: { stream: INSPECTION, facts: at('plannedAt') },
    InspectionRescheduled: { stream: INSPECTION, facts: atWithReason('rescheduledAt') },
    InspectionCancelled: { stream: INSPECTION, facts: atWithReason('cancelledAt') },
    InspectionInvitationSent: { stream: INSPECTION, facts: at('invitedAt') },
    InspectionInvitationAnswered: { stream: INSPECTION, facts: (d) => ({ occurredAt: d.answeredAt, ...(d.reason ? { reason: d.reason } : {}) }) },
    InspectionHeld: { stream: INSPECTION, facts: (d) => ({ occurredAt: d.heldFrom }) },
    InspectionAttendanceRecorded: { stream: INSPECTION, facts: atWithReason('recordedAt') },
    InspectionReported: { stream: INSPECTION, facts: (d) => ({ occurredAt: d.reportedOn }) },
    RecommendationFollowedUp: { stream: INSPECTION, facts: (d) => ({ occurredAt: d.respondedOn, ...(d.reason ? { reason: d.reason } : {}) }) },
    InspectionRulesSet: { stream: RULES, facts: (d) => ({ reason: d.reason }) },
  },
});
