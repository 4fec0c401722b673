/**
 * The duty-records wing (履职档案): attendance at plenary sittings and standing-committee meetings,
 * the one thing a duty record needs that no other wing records, and the duty points rule table.
 * Everything else a record counts is computed from the other wings' events (projections:
 * duty/duty.projection.ts). It defines no grants of its own: the liaison wing's COMMITTEE_OFFICE
 * writes everything here (projections: duty/commandAccess.ts).
 */
import { defineSystem } from '../shared/system.js';
import { ADMIN, type AccessRole } from '../shared/roles.js';
import { MeetingCommand, MeetingEvent, meeting } from './meeting.js';
import { DUTY_RULES_STREAM, DutyRulesCommand, DutyRulesEvent, dutyRules } from './rules.js';

export * from './vocabulary.js';
export * from './meeting.js';
export * from './rules.js';

export type DutyCommand = MeetingCommand | DutyRulesCommand;
export type DutyEvent = MeetingEvent | DutyRulesEvent;

const MEETING = ['duty-meeting', 'meetingId'] as const;
const RULES = [DUTY_RULES_STREAM, null] as const;
/** Meetings and attendance are the committee office's (a RECORDER with COMMITTEE_OFFICE). */
const RECORDER: readonly AccessRole[] = ['RECORDER'];
/** The rule table: administrators set it up, and the committee office keeps it. */
const RULE_KEEPERS: readonly AccessRole[] = [...ADMIN, 'RECORDER'];

export const dutySystem = defineSystem<DutyCommand, DutyEvent>()({
  name: 'duty',
  commands: {
    RecordMeeting: { decider: meeting, roles: RECORDER },
    RecordMeetingAttendance: { decider: meeting, roles: RECORDER },
    CorrectMeetingAttendance: { decider: meeting, roles: RECORDER },
    SetDutyPointsRules: { decider: dutyRules, roles: RULE_KEEPERS },
  },
  events: {
    MeetingRecorded: { stream: MEETING, facts: (d) => ({ occurredAt: d.heldOn }) },
    MeetingAttendanceRecorded: { stream: MEETING, facts: (d) => ({ occurredAt: d.recordedAt }) },
    MeetingAttendanceCorrected: { stream: MEETING, facts: (d) => ({ occurredAt: d.correctedAt, reason: d.reason }) },
    DutyPointsRulesSet: { stream: RULES, facts: (d) => ({ reason: d.reason }) },
  },
});
