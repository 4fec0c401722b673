/**
 * The topics wing's policy in the write path, after the role check (every command is a
 * RECORDER's): only the liaison wing's COMMITTEE_OFFICE sets, revises and withdraws key topics and
 * tags work to them. The standing committee decides the topics; the office types them in.
 */
import { COMMITTEE_OFFICE, forbidden, type AnyCommand, type Principal } from '#domain';
import { grantsText } from '../liaison/commandAccess.js';
import { wingReach } from '../shared/reach.js';
import type { CommandPolicy } from '../systems.js';

/** A wing whose every command is the committee office's: the topics and the Party-committee records. */
export const officeOnlyPolicy = (what: string): CommandPolicy => ({
  authorize(principal: Principal, command: AnyCommand): void {
    if (wingReach(principal, COMMITTEE_OFFICE).office) return;
    throw forbidden(`${command.type}: ${what} are recorded by the committee office (a COMMITTEE_OFFICE grant); this token holds ${grantsText(principal.grants)}`);
  },
});

export const topicsCommandPolicy = officeOnlyPolicy('key topics and their tags');
