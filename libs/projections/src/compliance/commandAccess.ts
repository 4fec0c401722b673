/**
 * The compliance wing's policy in the write path, after the role check: an ADMIN or the committee
 * office (a RECORDER with COMMITTEE_OFFICE) sets the thresholds; a seal is an AUDITOR's, and the
 * role alone decides it.
 */
import { COMMITTEE_OFFICE, forbidden, type AnyCommand, type Principal } from '#domain';
import { grantsText } from '../liaison/commandAccess.js';
import { wingReach } from '../shared/reach.js';
import type { CommandPolicy } from '../systems.js';

export const complianceCommandPolicy: CommandPolicy = {
  authorize(principal: Principal, command: AnyCommand): void {
    if (principal.role !== 'RECORDER') return;
    if (command.type === 'SetComplianceThreshold' && wingReach(principal, COMMITTEE_OFFICE).office) return;
    throw forbidden(`${command.type} is the committee office's (a COMMITTEE_OFFICE grant) or an administrator's; this token holds ${grantsText(principal.grants)}`);
  },
};
