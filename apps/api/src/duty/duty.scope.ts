/**
 * Who reads which duty records: leaders, auditors and the committee office (a RECORDER with
 * COMMITTEE_OFFICE) read every member's; a RECORDER with a MEMBER grant reads only its own member's
 * (asking for another is FORBIDDEN; the list is narrowed to its own record, so a member can see
 * where it stands without seeing anyone else's figures). Any other grant reads none.
 */
import { COMMITTEE_OFFICE, forbidden, type Grant, type Principal } from '#domain';
import { wingReach } from '#projections/shared/reach';

export interface DutyReach {
  all: boolean;
  memberId: string | null;
}

export function dutyReach(principal: { role: Principal['role']; grants: readonly Grant[] }): DutyReach {
  const reach = wingReach(principal, COMMITTEE_OFFICE);
  return { all: reach.everything || reach.office, memberId: reach.memberId };
}

/** The member a record query may read: as asked for readers of all; a member token its own only. */
export function memberReadable(reach: DutyReach, memberId: string): string {
  if (reach.all) return memberId;
  if (!reach.memberId) throw forbidden('duty records are read by leaders, auditors, the committee office and members (their own)');
  if (memberId !== reach.memberId) throw forbidden(`the duty record of ${memberId} is outside this token's grants (member ${reach.memberId}): a member reads its own`);
  return memberId;
}
