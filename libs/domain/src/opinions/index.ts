/**
 * The public-opinion reports wing (社情民意): reports from submission to the feedback that came
 * back, and the office's rules (recipients, reasons, issue numbers, credit tables). It defines no
 * grants of its own: the liaison wing's COMMITTEE_OFFICE and MEMBER grants and the proposals
 * wing's HANDLING_UNIT grant decide who writes what (projections: opinions/commandAccess.ts).
 */
import { defineSystem } from '../shared/system.js';
import { ADMIN, type AccessRole } from '../shared/roles.js';
import { OpinionReportCommand, OpinionReportEvent, opinionReport } from './report.js';
import { OPINION_RULES_STREAM, OpinionRulesCommand, OpinionRulesEvent, opinionRules } from './rules.js';

export * from './vocabulary.js';
export * from './rules.js';
export * from './directory.js';
export * from './report.js';

export type OpinionsCommand = OpinionReportCommand | OpinionRulesCommand;
export type OpinionsEvent = OpinionReportEvent | OpinionRulesEvent;

const REPORT = ['opinion-report', 'reportId'] as const;
const RULES = [OPINION_RULES_STREAM, null] as const;
/** Every report command is a recorder's; its grants (office, member, unit) decide which. */
const RECORDER: readonly AccessRole[] = ['RECORDER'];
/** The office's rules: administrators set them up, and the committee office keeps them. */
const RULE_KEEPERS: readonly AccessRole[] = [...ADMIN, 'RECORDER'];

const on = (field: string) => (d: Record<string, unknown>) => ({ occurredAt: d[field] as string });
const onWithReason = (field: string, reason = 'reason') => (d: Record<string, unknown>) => ({ occurredAt: d[field] as string, reason: (d[reason] as string) || undefined });

export const opinionsSystem = defineSystem<OpinionsCommand, OpinionsEvent>()({
  name: 'opinions',
  commands: {
    SubmitOpinionReport: { decider: opinionReport, roles: RECORDER },
    WithdrawOpinionReport: { decider: opinionReport, roles: RECORDER },
    EditOpinionReport: { decider: opinionReport, roles: RECORDER },
    AdoptOpinionReport: { decider: opinionReport, roles: RECORDER },
    DeclineOpinionReport: { decider: opinionReport, roles: RECORDER },
    CombineOpinionReports: { decider: opinionReport, roles: RECORDER },
    IssueOpinionReport: { decider: opinionReport, roles: RECORDER },
    ForwardOpinionReport: { decider: opinionReport, roles: RECORDER },
    RecordRecipientAdoption: { decider: opinionReport, roles: RECORDER },
    RecordLeaderInstruction: { decider: opinionReport, roles: RECORDER },
    RecordOpinionFeedback: { decider: opinionReport, roles: RECORDER },
    RecordOpinionMediaPickup: { decider: opinionReport, roles: RECORDER },
    DefineOpinionRecipient: { decider: opinionRules, roles: RULE_KEEPERS },
    DefineOpinionNotAdoptedReason: { decider: opinionRules, roles: RULE_KEEPERS },
    SetOpinionIssueFormat: { decider: opinionRules, roles: RULE_KEEPERS },
    SetOpinionCreditRules: { decider: opinionRules, roles: RULE_KEEPERS },
  },
  events: {
    OpinionReportSubmitted: { stream: REPORT, facts: on('submittedOn') },
    OpinionReportWithdrawn: { stream: REPORT, facts: onWithReason('withdrawnAt') },
    OpinionReportEdited: { stream: REPORT, facts: onWithReason('editedAt', 'note') },
    OpinionReportAdopted: { stream: REPORT, facts: onWithReason('adoptedOn', 'note') },
    OpinionReportNotAdopted: { stream: REPORT, facts: (d) => ({ occurredAt: d.decidedOn, reason: d.note || d.reasonCode }) },
    OpinionReportsCombined: { stream: REPORT, facts: on('combinedOn') },
    OpinionReportIssued: { stream: REPORT, facts: on('issuedOn') },
    // The counter of a year: serial n is recorded at revision n - 1, so two writers that decided
    // the same number conflict in the store (see `claims`), and no number is left out.
    OpinionIssueNumberReserved: { stream: ['opinion-issue-number', 'counter'], facts: () => ({}), claims: (d) => d.serial - 1 },
    OpinionReportForwarded: { stream: REPORT, facts: on('forwardedOn') },
    OpinionRecipientAdopted: { stream: REPORT, facts: on('adoptedOn') },
    OpinionInstructionRecorded: { stream: REPORT, facts: on('instructedOn') },
    OpinionFeedbackRecorded: { stream: REPORT, facts: on('receivedOn') },
    OpinionMediaPickupRecorded: { stream: REPORT, facts: on('pickedUpOn') },
    OpinionRecipientDefined: { stream: RULES, facts: () => ({}) },
    OpinionNotAdoptedReasonDefined: { stream: RULES, facts: () => ({}) },
    OpinionIssueFormatSet: { stream: RULES, facts: (d) => ({ reason: d.reason }) },
    OpinionCreditRulesSet: { stream: RULES, facts: (d) => ({ reason: d.reason }) },
  },
});
