/**
 * The policy of a wing whose every command is the committee office's (the key topics, the Party
 * committee's records, the duty records): after the role check, a RECORDER needs the liaison
 * wing's COMMITTEE_OFFICE grant. An ADMIN passes: the role check let it through only for the
 * commands its wing gives administrators (a rule table).
 */
import { COMMITTEE_OFFICE, forbidden, type AnyCommand, type Principal } from '#domain';
import { grantsText } from '../liaison/commandAccess.js';
import type { CommandPolicy } from '../systems.js';
import { wingReach } from './reach.js';

export const officeOnlyPolicy = (what: string): CommandPolicy => ({
  authorize(principal: Principal, command: AnyCommand): void {
    if (principal.role === 'ADMIN' || wingReach(principal, COMMITTEE_OFFICE).office) return;
    throw forbidden(`${command.type}: ${what} are recorded by the committee office (a COMMITTEE_OFFICE grant); this token holds ${grantsText(principal.grants)}`);
  },
});
