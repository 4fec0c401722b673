/**
 * The inspections wing's policy in the write path, after the role check (every inspection command
 * is a RECORDER's; the rules are also an ADMIN's) and against the projections as they are now:
 * - the liaison wing's COMMITTEE_OFFICE sends any inspection command: the office's own steps, and
 *   the answers and follow-ups members and units hand in on paper, typed in for them;
 * - a MEMBER answers only its own invitation (AnswerInspectionInvitation with its own inviteeId);
 * - the proposals wing's HANDLING_UNIT follows up only the recommendations addressed to its unit;
 * - everything else (planning, invitations, attendance, the report, the rules) is the office's.
 * An inspection or recommendation not on record is left to the decider (NOT_FOUND).
 */
import { forbidden, type AnyCommand, type InspectionsCommand, type Principal } from '#domain';
import { grantsText } from '../liaison/commandAccess.js';
import type { ProjectionSet } from '../shared/projection.js';
import type { CommandPolicy } from '../systems.js';
import { InspectionsProjection } from './inspections.projection.js';
import { inspectionsReach } from './scope.queries.js';

export const inspectionsCommandPolicy: CommandPolicy = {
  authorize(principal: Principal, anyCommand: AnyCommand, projections: ProjectionSet): void {
    if (principal.role === 'ADMIN') return; // the role check let through only the rules
    const command = anyCommand as unknown as InspectionsCommand;
    const reach = inspectionsReach(principal);
    if (reach.office) return;
    const holds = `this token holds ${grantsText(principal.grants)}`;
    switch (command.type) {
      case 'AnswerInspectionInvitation':
        if (!reach.memberId) throw forbidden(`an invitation is answered by the member invited (a MEMBER grant) or typed in by the committee office (COMMITTEE_OFFICE); ${holds}`);
        if (command.inviteeId !== reach.memberId) throw forbidden(`the invitation of ${command.inviteeId} is outside this token's grants (${grantsText(principal.grants)}): a member answers its own`);
        return;
      case 'FollowUpRecommendation': {
        if (!reach.unitId) throw forbidden(`a recommendation is followed up by the unit it is addressed to (a HANDLING_UNIT grant) or the committee office (COMMITTEE_OFFICE); ${holds}`);
        const row = projections.get<InspectionsProjection>(InspectionsProjection.NAME).inspections.get(command.inspectionId);
        if (!row) return;
        const r = row.recommendations.find((x) => x.number === command.number);
        if (r && r.unitId !== reach.unitId) throw forbidden(`recommendation ${command.number} of inspection ${row.id} is addressed to ${r.unitId}, outside this token's grants (${grantsText(principal.grants)})`);
        if (!r && !row.recommendations.some((x) => x.unitId === reach.unitId)) throw forbidden(`inspection ${row.id} is outside this token's grants (${grantsText(principal.grants)})`);
        return;
      }
      default:
        throw forbidden(`${command.type} is the committee office's (a COMMITTEE_OFFICE grant); ${holds}`);
    }
  },
};
