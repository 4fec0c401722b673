/**
 * The public-opinion reports wing's policy in the write path, after the role check (every report
 * command is a RECORDER's; the rules are also an ADMIN's) and against the projections as they are now:
 * - COMMITTEE_OFFICE sends any command of the wing: intake, edits, decisions, combination, issue,
 *   forwarding, what came back, the rules; and what members hand in on paper, typed in for them;
 * - MEMBER submits reports it is among the authors of, and edits and withdraws its own while they
 *   wait for the office's decision (not once decided, nor once combined into another);
 * - HANDLING_UNIT records the adoption and the feedback of a recipient its unit answers for
 *   (the recipient's organizationId), on reports forwarded to that recipient.
 * A report id not on record is left to the decider (NOT_FOUND).
 */
import { forbidden, type AnyCommand, type OpinionsCommand, type Principal } from '#domain';
import { grantsText } from '../liaison/commandAccess.js';
import { LiaisonView } from '../liaison/liaisonView.js';
import { contactCitable } from '../liaison/scope.queries.js';
import type { ProjectionSet } from '../shared/projection.js';
import type { CommandPolicy } from '../systems.js';
import { OpinionsProjection } from './opinions.projection.js';
import { opinionsReach } from './scope.queries.js';

const UNIT_STEPS = new Set<OpinionsCommand['type']>(['RecordRecipientAdoption', 'RecordOpinionFeedback']);
const MEMBER_STEPS = new Set<OpinionsCommand['type']>(['SubmitOpinionReport', 'EditOpinionReport', 'WithdrawOpinionReport']);

export const opinionsCommandPolicy: CommandPolicy = {
  authorize(principal: Principal, anyCommand: AnyCommand, projections: ProjectionSet): void {
    if (principal.role === 'ADMIN') return; // the role check let through only the rules
    const command = anyCommand as unknown as OpinionsCommand;
    const reach = opinionsReach(principal);
    if (reach.office) return;
    const refuse = (what: string) => forbidden(`${what} is outside this token's grants (${grantsText(principal.grants)})`);
    const opinions = projections.get<OpinionsProjection>(OpinionsProjection.NAME);
    const row = 'reportId' in command && typeof command.reportId === 'string' ? opinions.reports.get(command.reportId) : undefined;

    if (UNIT_STEPS.has(command.type)) {
      if (!reach.unitId) throw forbidden(`${command.type} is the committee office's (a COMMITTEE_OFFICE grant) or a handling unit's for a report forwarded to it (a HANDLING_UNIT grant); this token holds ${grantsText(principal.grants)}`);
      const { recipientId } = command as { recipientId?: string | null };
      if (!recipientId) throw forbidden(`a handling unit names the recipient it answers for: recipientId`);
      const recipient = opinions.opinionRules().recipients[recipientId];
      if (!recipient || recipient.organizationId !== reach.unitId) throw refuse(`recipient ${recipientId}`);
      if (row && !row.forwards.some((f) => f.recipientId === recipientId)) throw refuse(`report ${row.id}, not forwarded to ${recipientId}`);
      return;
    }

    if (!MEMBER_STEPS.has(command.type)) throw forbidden(`${command.type} is the committee office's (a COMMITTEE_OFFICE grant); this token holds ${grantsText(principal.grants)}`);
    if (!reach.memberId) throw forbidden(`${command.type} is a member's own (a MEMBER grant) or the committee office's; this token holds ${grantsText(principal.grants)}`);
    if (command.type === 'SubmitOpinionReport') {
      const authors = Array.isArray(command.authorIds) ? command.authorIds : [];
      if (!authors.includes(reach.memberId)) throw refuse(`a report whose authors (${authors.join(', ') || 'none'}) do not include member ${reach.memberId}`);
      if (row && !row.authorIds.includes(reach.memberId)) throw refuse(`report ${row.id}`);
      // The contact whose issue it takes up must be one the member may read (liaison/scope.queries.ts).
      if (command.sourceContactId && !contactCitable(LiaisonView.of(projections), principal.grants, command.sourceContactId)) throw refuse(`contact ${command.sourceContactId}`);
      return;
    }
    if (!row) return;
    if (!row.authorIds.includes(reach.memberId) || row.authorKind !== 'MEMBERS') throw refuse(`report ${row.id}, by ${row.authorIds.join(', ')}`);
    if (row.stage !== 'SUBMITTED' || row.combinedInto) throw forbidden(`report ${row.id} is ${row.combinedInto ? `part of combined report ${row.combinedInto}` : row.stage}; after the office's decision only the office changes it`);
  },
};
