/**
 * The duty wing's fragment of the permission table. Reads: leaders and auditors every record; a
 * RECORDER within its grants (the committee office every record, a member its own: another's is
 * refused, the list narrowed to its own; duty.scope.ts). Writes: meetings, attendance and the
 * rule table are the committee office's, checked per command by the write path's policy
 * (projections duty/commandAccess.ts); the rule table is also an administrator's.
 */
import type { AccessRole } from '#domain';
import { ADMIN, EVERYONE, FIGURES, GrantRequest, PermissionFragment, RECORDER, rule } from '../auth/permissions.js';
import { dutyReach } from './duty.scope.js';

const READERS: readonly AccessRole[] = [...FIGURES, 'RECORDER'];
const reachOf = (request: GrantRequest) => dutyReach({ role: 'RECORDER', grants: request.grants });
/** The office reads every record; a member token its own (the resolver refuses another's). */
const officeOrMember = (request: GrantRequest) => {
  const reach = reachOf(request);
  if (reach.all) return true;
  if (!reach.memberId) return false;
  return request.args.memberId === undefined || request.args.memberId === null || request.args.memberId === reach.memberId;
};
const office = (request: GrantRequest) => reachOf(request).all;
const OWN = 'a MEMBER token reads its own record only (another member\'s is FORBIDDEN; the list holds its own alone)';
const PER_COMMAND = 'checked per command against the token\'s grants by the write path (COMMITTEE_OFFICE)';

export const DUTY_PERMISSIONS: PermissionFragment = {
  Query: {
    dutyRecord: rule(READERS, officeOrMember, OWN),
    dutyRecords: rule(READERS, officeOrMember, OWN),
    dutyRecordExport: rule(READERS, officeOrMember, OWN),
    meetings: rule(READERS, office, 'the committee office'),
    dutyPointsRules: rule(EVERYONE),
  },
  Mutation: {
    recordMeeting: rule(RECORDER, undefined, PER_COMMAND),
    recordMeetingAttendance: rule(RECORDER, undefined, PER_COMMAND),
    correctMeetingAttendance: rule(RECORDER, undefined, PER_COMMAND),
    setDutyPointsRules: rule([...ADMIN, 'RECORDER'], undefined, PER_COMMAND),
  },
};
