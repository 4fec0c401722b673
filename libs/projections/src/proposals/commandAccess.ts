/**
 * The proposals wing's policy in the write path, after the role check (every proposal command is a
 * RECORDER's; the rules are also an ADMIN's) and against the projections as they are now:
 * - PROPOSALS_OFFICE sends any proposal command: the office's own steps, and what members hand in
 *   on paper, typed in for them;
 * - HANDLING_UNIT replies to, returns, and reports the B promises of, its own assignments only,
 *   and reports a promise as the UNIT;
 * - MEMBER submits proposals it leads, invites co-signers to, withdraws and resubmits its own,
 *   co-signs as itself, and rates and asks rehandling of the proposals it leads;
 * - the rules are kept by administrators and the office.
 * A proposal or assignment id not on record is left to the decider (NOT_FOUND).
 */
import { forbidden, type AnyCommand, type Principal, type ProposalsCommand } from '#domain';
import { grantsText } from '../liaison/commandAccess.js';
import { LiaisonView } from '../liaison/liaisonView.js';
import { contactCitable } from '../liaison/scope.queries.js';
import type { ProjectionSet } from '../shared/projection.js';
import type { CommandPolicy } from '../systems.js';
import { ProposalsProjection } from './proposals.projection.js';
import { proposalsReach } from './scope.queries.js';

const OFFICE_ONLY = new Set<ProposalsCommand['type']>([
  'ReturnProposalForRevision',
  'FileProposal',
  'DeclineToFileProposal',
  'MergeProposal',
  'AssignProposal',
  'ExtendDeadline',
  'MarkKeyProposal',
  'SendBackReply',
  'ReleaseReply',
  'ReopenProposal',
  'CloseProposal',
  'SetProposalRules',
  'DefineNotFiledReason',
  'MarkNonWorkingDays',
]);
const UNIT_STEPS = new Set<ProposalsCommand['type']>(['ReplyToProposal', 'ReturnAssignment', 'ReportPromiseDelivered']);
const PROPOSER_STEPS = new Set<ProposalsCommand['type']>(['InviteCoSigner', 'WithdrawProposal', 'ResubmitProposal', 'RateReply', 'RequestRehandling']);

export const proposalsCommandPolicy: CommandPolicy = {
  authorize(principal: Principal, anyCommand: AnyCommand, projections: ProjectionSet): void {
    if (principal.role === 'ADMIN') return; // the role check let through only the rules
    const command = anyCommand as unknown as ProposalsCommand;
    const reach = proposalsReach(principal);
    const refuse = (what: string) => forbidden(`${what} is outside this token's grants (${grantsText(principal.grants)})`);
    if (reach.office) {
      if (command.type === 'ReportPromiseDelivered' && command.reporter !== 'OFFICE') throw forbidden('the proposals office reports a promise as OFFICE; the unit reports its own');
      return;
    }
    if (OFFICE_ONLY.has(command.type)) throw forbidden(`${command.type} is the proposals office's (a PROPOSALS_OFFICE grant); this token holds ${grantsText(principal.grants)}`);
    const proposals = projections.get<ProposalsProjection>(ProposalsProjection.NAME);
    const row = 'proposalId' in command ? proposals.proposals.get(command.proposalId) : undefined;

    if (UNIT_STEPS.has(command.type)) {
      if (!reach.unitId) throw forbidden(`${command.type} is a handling unit's (a HANDLING_UNIT grant); this token holds ${grantsText(principal.grants)}`);
      if (!row) return;
      const assignmentId = (command as { assignmentId?: string }).assignmentId;
      const a = row.assignments.find((x) => x.id === assignmentId);
      if (a && a.unitId !== reach.unitId) throw refuse(`assignment ${assignmentId} of proposal ${row.id}`);
      if (!a && !row.assignments.some((x) => x.unitId === reach.unitId)) throw refuse(`proposal ${row.id}`);
      if (command.type === 'ReportPromiseDelivered' && command.reporter !== 'UNIT') throw forbidden('a handling unit reports its promise as UNIT; the office confirms it as OFFICE');
      return;
    }

    if (!reach.memberId) throw forbidden(`${command.type} is a member's own (a MEMBER grant) or the proposals office's; this token holds ${grantsText(principal.grants)}`);
    switch (command.type) {
      case 'SubmitProposal':
        if (command.proposerId !== reach.memberId) throw refuse(`a proposal led by ${command.proposerId}`);
        if (row && row.proposerId !== reach.memberId) throw refuse(`proposal ${row.id}`);
        // The contact it takes up must be one the member may read: naming another's would link, and read, what its grants do not reach.
        if (command.sourceContactId && !contactCitable(LiaisonView.of(projections), principal.grants, command.sourceContactId)) throw refuse(`contact ${command.sourceContactId}`);
        return;
      case 'CoSignProposal':
        if (command.memberId !== reach.memberId) throw refuse(`co-signing as ${command.memberId}`);
        return;
      default:
        if (PROPOSER_STEPS.has(command.type) && row && row.proposerId !== reach.memberId) throw refuse(`proposal ${row.id}, led by ${row.proposerId}`);
        if (!PROPOSER_STEPS.has(command.type)) throw forbidden(`a member may not ${command.type}`);
    }
  },
};
