/**
 * The duty wing's policy in the write path, after the role check (meetings and attendance are a
 * RECORDER's; the rule table is also an ADMIN's): only the liaison wing's COMMITTEE_OFFICE
 * records meetings, attendance and its corrections, and keeps the rule table. A member does not
 * answer for its own attendance: the office's roll call is the record.
 */
import { COMMITTEE_OFFICE, forbidden, type AnyCommand, type Principal } from '#domain';
import { grantsText } from '../liaison/commandAccess.js';
import type { CommandPolicy } from '../systems.js';

export const dutyCommandPolicy: CommandPolicy = {
  authorize(principal: Principal, command: AnyCommand): void {
    if (principal.role === 'ADMIN') return; // the role check let through only the rule table
    if (principal.grants.some((g) => g.kind === COMMITTEE_OFFICE)) return;
    throw forbidden(`${command.type} is the committee office's (a COMMITTEE_OFFICE grant); this token holds ${grantsText(principal.grants)}`);
  },
};
