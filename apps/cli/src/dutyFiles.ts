/**
 * The committee office's duty-record files (履职档案): the duty points table (one row per table,
 * in force from its year), the meetings (plenary sittings and standing-committee meetings) and
 * their roll calls, one member a row, through the same deciders as the API. Consecutive rows of
 * one meeting and date are one roll call, recorded on that date: a refused member is named on its own row. Kinds and statuses
 * may be written in Chinese (全体会议, 请假) or as codes; headers in Chinese or as column names.
 */
import { DomainCommand, OPINION_LEVELS, type DutyPoints } from '#domain';
import { Cell, FileSpec, coded, dayOfCell } from './fileSpec.js';
import { DUTY_POINTS_COLUMNS } from './sample/duty.js';

const KINDS: Readonly<Record<string, string>> = { 全体会议: 'PLENARY', 常委会议: 'STANDING_COMMITTEE', 常委会: 'STANDING_COMMITTEE' };
const STATUSES: Readonly<Record<string, string>> = { 出席: 'ATTENDED', 请假: 'EXCUSED', 缺席: 'ABSENT' };

/** A whole number, signed (a deduction is negative); anything else as written, for the decider to refuse by name. */
const signed = (value: string | undefined): number | string | undefined => (value !== undefined && /^-?\d+$/.test(value) ? Number(value) : value);

export const DUTY_POINTS_RULES: FileSpec = {
  file: 'duty_points_rules.csv',
  required: ['from_year', ...DUTY_POINTS_COLUMNS, 'reason'],
  optional: [],
  columnOf: {},
  headers: { 起始年度: 'from_year', 理由: 'reason' },
  commands: (c: Cell): DomainCommand[] => {
    const n = (column: string) => signed(c(column)) as number;
    const levels = (prefix: string) => Object.fromEntries(OPINION_LEVELS.map((l) => [l, n(`${prefix}_${l.toLowerCase()}`)])) as DutyPoints['instruction'];
    const points: DutyPoints = {
      contact: n('contact'),
      linkServed: n('link_served'),
      linkMet: n('link_met'),
      proposalLed: n('proposal_led'),
      proposalCoSigned: n('proposal_co_signed'),
      proposalFiled: n('proposal_filed'),
      opinionSubmitted: n('opinion_submitted'),
      opinionAdopted: n('opinion_adopted'),
      opinionAdoptedAt: levels('opinion_adopted'),
      instruction: levels('instruction'),
      inspectionAttended: n('inspection_attended'),
      plenaryAttended: n('plenary_attended'),
      plenaryAbsent: n('plenary_absent'),
      standingAttended: n('standing_attended'),
      standingAbsent: n('standing_absent'),
    };
    return [{ type: 'SetDutyPointsRules', fromYear: signed(c('from_year')) as number, points, reason: c('reason')! }];
  },
};

export const MEETINGS: FileSpec = {
  file: 'meetings.csv',
  required: ['id', 'kind', 'title', 'held_on'],
  optional: ['session_id', 'term_id'],
  columnOf: { meetingId: 'id', heldOn: 'held_on' },
  headers: { 会议编号: 'id', 类别: 'kind', 名称: 'title', 日期: 'held_on', 次会议编号: 'session_id', 届别编号: 'term_id' },
  // Recorded on the evening of the day it was held.
  at: (c) => `${dayOfCell(c('held_on'), 'heldOn')}T12:00:00.000Z`,
  commands: (c) => [{ type: 'RecordMeeting', meetingId: c('id')!, kind: coded(c('kind'), KINDS)!, title: c('title')!, heldOn: c('held_on')!, sessionId: c('session_id'), termId: c('term_id') }],
};

export const MEETING_ATTENDANCE: FileSpec = {
  file: 'meeting_attendance.csv',
  required: ['meeting_id', 'date', 'member_id', 'status'],
  optional: ['leave_reason'],
  columnOf: { meetingId: 'meeting_id' },
  headers: { 会议编号: 'meeting_id', 日期: 'date', 委员编号: 'member_id', 出勤: 'status', 请假理由: 'leave_reason' },
  // The roll call is recorded on the evening of the day it is dated (usually the meeting's).
  at: (c) => `${dayOfCell(c('date'), 'date')}T12:00:00.000Z`,
  runs: { key: (c) => c('meeting_id') && `${c('meeting_id')}\u0000${c('date') ?? ''}`, field: 'attendance' },
  commands: (c, run) => [
    {
      type: 'RecordMeetingAttendance',
      meetingId: c('meeting_id')!,
      attendance: (run ?? [c]).map((r) => ({ memberId: r('member_id')!, status: coded(r('status'), STATUSES)!, leaveReason: r('leave_reason') })),
    },
  ],
};

export const DUTY_FILES: readonly FileSpec[] = [DUTY_POINTS_RULES, MEETINGS, MEETING_ATTENDANCE];
