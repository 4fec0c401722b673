/** The proposals wing (创新提案办理): proposals from submission to the proposer's verdict, and the office's rules. */
import { defineSystem } from '../shared/system.js';
import { ADMIN, type AccessRole } from '../shared/roles.js';
import { PROPOSAL_GRANTS } from './grants.js';
import { ProposalCommand, ProposalEvent, proposal } from './proposal.js';
import { ProposalRulesCommand, ProposalRulesEvent, RULES_STREAM, proposalRules } from './rules.js';

export * from './vocabulary.js';
export * from './rules.js';
export * from './deadlines.js';
export * from './directory.js';
export * from './proposal.js';
export * from './grants.js';

export type ProposalsCommand = ProposalCommand | ProposalRulesCommand;
export type ProposalsEvent = ProposalEvent | ProposalRulesEvent;

const PROPOSAL = ['proposal', 'proposalId'] as const;
const RULES = [RULES_STREAM, null] as const;
/** Every proposal command is a recorder's; its grants (office, unit, member) decide which (projections: proposals/commandAccess.ts). */
const RECORDER: readonly AccessRole[] = ['RECORDER'];
/** The office's rules: administrators set them up, and the proposals office keeps them. */
const RULE_KEEPERS: readonly AccessRole[] = [...ADMIN, 'RECORDER'];

const at = (field: string) => (d: Record<string, unknown>) => ({ occurredAt: d[field] as string });
const atWithReason = (field: string) => (d: Record<string, unknown>) => ({ occurredAt: d[field] as string, reason: d.reason as string });

export const proposalsSystem = defineSystem<ProposalsCommand, ProposalsEvent>()({
  name: 'proposals',
  grants: PROPOSAL_GRANTS,
  commands: {
    SubmitProposal: { decider: proposal, roles: RECORDER },
    InviteCoSigner: { decider: proposal, roles: RECORDER },
    CoSignProposal: { decider: proposal, roles: RECORDER },
    WithdrawProposal: { decider: proposal, roles: RECORDER },
    ReturnProposalForRevision: { decider: proposal, roles: RECORDER },
    ResubmitProposal: { decider: proposal, roles: RECORDER },
    FileProposal: { decider: proposal, roles: RECORDER },
    DeclineToFileProposal: { decider: proposal, roles: RECORDER },
    MergeProposal: { decider: proposal, roles: RECORDER },
    AssignProposal: { decider: proposal, roles: RECORDER },
    ReturnAssignment: { decider: proposal, roles: RECORDER },
    ExtendDeadline: { decider: proposal, roles: RECORDER },
    MarkKeyProposal: { decider: proposal, roles: RECORDER },
    ReplyToProposal: { decider: proposal, roles: RECORDER },
    SendBackReply: { decider: proposal, roles: RECORDER },
    ReleaseReply: { decider: proposal, roles: RECORDER },
    RateReply: { decider: proposal, roles: RECORDER },
    RequestRehandling: { decider: proposal, roles: RECORDER },
    ReopenProposal: { decider: proposal, roles: RECORDER },
    CloseProposal: { decider: proposal, roles: RECORDER },
    ReportPromiseDelivered: { decider: proposal, roles: RECORDER },
    SetProposalRules: { decider: proposalRules, roles: RULE_KEEPERS },
    DefineNotFiledReason: { decider: proposalRules, roles: RULE_KEEPERS },
    MarkNonWorkingDays: { decider: proposalRules, roles: RULE_KEEPERS },
  },
  events: {
    ProposalSubmitted: { stream: PROPOSAL, facts: at('submittedAt') },
    CoSignerInvited: { stream: PROPOSAL, facts: at('invitedAt') },
    ProposalCoSigned: { stream: PROPOSAL, facts: at('signedAt') },
    ProposalWithdrawn: { stream: PROPOSAL, facts: atWithReason('withdrawnAt') },
    ProposalReturned: { stream: PROPOSAL, facts: atWithReason('returnedAt') },
    ProposalResubmitted: { stream: PROPOSAL, facts: at('resubmittedAt') },
    ProposalFiled: { stream: PROPOSAL, facts: at('filedAt') },
    // The counter of a term and session: serial n is recorded at revision n - 1, so two writers
    // that decided the same serial conflict in the store (see `claims`).
    ProposalNumberReserved: { stream: ['proposal-number', 'counter'], facts: () => ({}), claims: (d) => d.serial - 1 },
    ProposalNotFiled: { stream: PROPOSAL, facts: (d) => ({ occurredAt: d.decidedAt, reason: d.note || d.reasonCode }) },
    ProposalMerged: { stream: PROPOSAL, facts: atWithReason('mergedAt') },
    ProposalAssigned: { stream: PROPOSAL, facts: at('assignedAt') },
    AssignmentReturned: { stream: PROPOSAL, facts: atWithReason('returnedAt') },
    DeadlineExtended: { stream: PROPOSAL, facts: atWithReason('extendedAt') },
    ProposalMarkedKey: { stream: PROPOSAL, facts: atWithReason('markedAt') },
    ReplySubmitted: { stream: PROPOSAL, facts: at('submittedAt') },
    ReplySentBack: { stream: PROPOSAL, facts: atWithReason('sentBackAt') },
    ReplyReleased: { stream: PROPOSAL, facts: at('releasedAt') },
    ReplyRated: { stream: PROPOSAL, facts: at('ratedAt') },
    RehandlingRequested: { stream: PROPOSAL, facts: atWithReason('requestedAt') },
    ProposalReopened: { stream: PROPOSAL, facts: atWithReason('reopenedAt') },
    ProposalClosed: { stream: PROPOSAL, facts: atWithReason('closedAt') },
    PromiseDeliveryReported: { stream: PROPOSAL, facts: (d) => ({ occurredAt: d.deliveredOn }) },
    ProposalRulesSet: { stream: RULES, facts: (d) => ({ reason: d.reason }) },
    NotFiledReasonDefined: { stream: RULES, facts: () => ({}) },
    NonWorkingDaysMarked: { stream: RULES, facts: (d) => ({ reason: d.reason }) },
  },
});
