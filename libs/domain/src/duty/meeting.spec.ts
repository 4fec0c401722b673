import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { given, modelFrom } from '#testing/given';
import { DomainEvent } from '../systems.js';
import { MeetingCommand, MeetingEvent, meeting } from './meeting.js';

/**
 * A committee with term t10 (2017–2022) and its fourth plenary session (6–9 January 2020), three
 * members (m1 on the standing committee), one who left, and a term-less session from before terms
 * were kept. Today is 20 May 2020.
 */
const committee: DomainEvent[] = [
  ev.term('t10', 10, '2017-01-05T09:00+08:00', '2022-01-05T12:00+08:00'),
  ev.plenary('ps-4', '2020-01-06T09:00+08:00', '2020-01-09T12:00+08:00', { termId: 't10', number: 4 }),
  ev.plenary('ps-old', '2016-01-06T09:00+08:00', '2016-01-09T12:00+08:00'),
  ev.member('m1', { roles: ['STANDING_COMMITTEE'] }),
  ev.member('m2'),
  ev.member('gone'),
  ev.memberLeft('gone', '2020-03-01'),
];
const NOW = '2020-05-20T02:00:00.000Z';
const ctx = { now: NOW, directory: modelFrom(committee) };

type Cmd<T extends MeetingCommand['type']> = Extract<MeetingCommand, { type: T }>;
const recordPlenary = (changes: Partial<Cmd<'RecordMeeting'>> = {}): MeetingCommand => ({ type: 'RecordMeeting', meetingId: 'mt-1', kind: 'PLENARY', title: '第四次会议第一次全体会议', heldOn: '2020-01-06', sessionId: 'ps-4', ...changes });
const plenaryRecorded: MeetingEvent = {
  type: 'MeetingRecorded',
  data: { meetingId: 'mt-1', kind: 'PLENARY', title: '第四次会议第一次全体会议', heldOn: '2020-01-06', sessionId: 'ps-4', termId: 't10', recordedAt: NOW },
};
const standing = (changes: Partial<Cmd<'RecordMeeting'>> = {}): MeetingCommand => ({ type: 'RecordMeeting', meetingId: 'sc-1', kind: 'STANDING_COMMITTEE', title: '十届常委会第十次会议', heldOn: '2020-04-10', termId: 't10', ...changes });
const standingRecorded: MeetingEvent = {
  type: 'MeetingRecorded',
  data: { meetingId: 'sc-1', kind: 'STANDING_COMMITTEE', title: '十届常委会第十次会议', heldOn: '2020-04-10', sessionId: null, termId: 't10', recordedAt: NOW },
};
const attendance = (...entries: Cmd<'RecordMeetingAttendance'>['attendance']): MeetingCommand => ({ type: 'RecordMeetingAttendance', meetingId: 'mt-1', attendance: entries });
const attended: MeetingEvent = {
  type: 'MeetingAttendanceRecorded',
  data: { meetingId: 'mt-1', entries: [{ memberId: 'm1', status: 'ATTENDED', leaveReason: '' }, { memberId: 'm2', status: 'EXCUSED', leaveReason: '出差' }], recordedAt: NOW },
};
const correct = (changes: Partial<Cmd<'CorrectMeetingAttendance'>> = {}): MeetingCommand => ({ type: 'CorrectMeetingAttendance', meetingId: 'mt-1', memberId: 'm2', status: 'ABSENT', reason: '请假未获批准', ...changes });

describe('a meeting (全体会议 or 常委会议)', () => {
  it('records a plenary sitting within its session, taking the session\'s term', () => given(meeting).when(recordPlenary(), ctx).then([plenaryRecorded]));
  it('records a standing-committee meeting in a term, or in none', () => {
    given(meeting).when(standing(), ctx).then([standingRecorded]);
    given(meeting).when(standing({ termId: null }), ctx).then([{ ...standingRecorded, data: { ...standingRecorded.data, termId: null } }]);
  });
  it('decides nothing for the same meeting sent again, and refuses other details under its id', () => {
    given(meeting, [plenaryRecorded]).when(recordPlenary(), ctx).then([]);
    given(meeting, [plenaryRecorded]).when(recordPlenary({ heldOn: '2020-01-07' }), ctx).thenThrows('CONFLICT', 'already recorded');
  });
  it('refuses an unknown kind, a blank title, a bad or future date', () => {
    given(meeting).when(recordPlenary({ kind: 'PARTY' }), ctx).thenThrows('VALIDATION', 'kind "PARTY"');
    given(meeting).when(recordPlenary({ title: ' ' }), ctx).thenThrows('VALIDATION', 'title is required');
    given(meeting).when(recordPlenary({ heldOn: '2020-13-01' }), ctx).thenThrows('VALIDATION', 'heldOn');
    given(meeting).when(standing({ heldOn: '2020-06-01' }), ctx).thenThrows('VALIDATION', 'in the future');
  });
  it('refuses a plenary sitting without its session, with an unknown one, off its days, or naming another term', () => {
    given(meeting).when(recordPlenary({ sessionId: null }), ctx).thenThrows('VALIDATION', 'sessionId is required');
    given(meeting).when(recordPlenary({ sessionId: 'ps-9' }), ctx).thenThrows('NOT_FOUND', 'ps-9');
    given(meeting).when(recordPlenary({ heldOn: '2020-01-10' }), ctx).thenThrows('VALIDATION', 'not a day of plenary session ps-4');
    given(meeting).when(recordPlenary({ termId: 't9' }), ctx).thenThrows('VALIDATION', 'not the term of session ps-4');
  });
  it('takes no term from a session scheduled without one', () =>
    given(meeting)
      .when(recordPlenary({ sessionId: 'ps-old', heldOn: '2016-01-07' }), ctx)
      .then([{ ...plenaryRecorded, data: { ...plenaryRecorded.data, sessionId: 'ps-old', heldOn: '2016-01-07', termId: null } }]));
  it('refuses a standing-committee meeting naming a session, an unknown term, or a date outside its term', () => {
    given(meeting).when(standing({ sessionId: 'ps-4' }), ctx).thenThrows('VALIDATION', 'only a PLENARY sitting');
    given(meeting).when(standing({ termId: 't11' }), ctx).thenThrows('NOT_FOUND', 'term t11');
    given(meeting).when(standing({ heldOn: '2016-04-10' }), ctx).thenThrows('VALIDATION', 'outside term t10');
  });
  it('refuses any step of a meeting not recorded', () => {
    given(meeting).when(attendance({ memberId: 'm1', status: 'ATTENDED' }), ctx).thenThrows('NOT_FOUND', 'meeting mt-1 is not recorded');
    given(meeting).when(correct(), ctx).thenThrows('NOT_FOUND', 'meeting mt-1 is not recorded');
  });
});

describe('attendance', () => {
  it('records each member as ATTENDED, EXCUSED with the leave reason, or ABSENT', () =>
    given(meeting, [plenaryRecorded]).when(attendance({ memberId: 'm1', status: 'ATTENDED' }, { memberId: 'm2', status: 'EXCUSED', leaveReason: '出差' }), ctx).then([attended]));
  it('records a member who has left since: they may have attended then', () =>
    given(meeting, [plenaryRecorded])
      .when(attendance({ memberId: 'gone', status: 'ABSENT' }), ctx)
      .then([{ type: 'MeetingAttendanceRecorded', data: { meetingId: 'mt-1', entries: [{ memberId: 'gone', status: 'ABSENT', leaveReason: '' }], recordedAt: NOW } }]));
  it('leaves out what is already on record, and decides nothing when all of it is', () => {
    given(meeting, [plenaryRecorded, attended]).when(attendance({ memberId: 'm1', status: 'ATTENDED' }, { memberId: 'm2', status: 'EXCUSED', leaveReason: '出差' }), ctx).then([]);
  });
  it('refuses to record a member again with another status: that is a correction', () =>
    given(meeting, [plenaryRecorded, attended]).when(attendance({ memberId: 'm1', status: 'ABSENT' }), ctx).thenThrows('CONFLICT', 'already recorded as ATTENDED'));
  it('refuses an empty list, a member listed twice, an unknown member or status', () => {
    given(meeting, [plenaryRecorded]).when(attendance(), ctx).thenThrows('VALIDATION', 'attendance is required');
    given(meeting, [plenaryRecorded]).when(attendance({ memberId: 'm1', status: 'ATTENDED' }, { memberId: 'm1', status: 'ABSENT' }), ctx).thenThrows('VALIDATION', 'listed twice');
    given(meeting, [plenaryRecorded]).when(attendance({ memberId: 'm9', status: 'ATTENDED' }), ctx).thenThrows('NOT_FOUND', 'member m9');
    given(meeting, [plenaryRecorded]).when(attendance({ memberId: 'm1', status: 'LATE' }), ctx).thenThrows('VALIDATION', 'attendance[0].status');
  });
  it('refuses EXCUSED without a leave reason, and a leave reason for any other status', () => {
    given(meeting, [plenaryRecorded]).when(attendance({ memberId: 'm2', status: 'EXCUSED' }), ctx).thenThrows('VALIDATION', 'gives the leave reason');
    given(meeting, [plenaryRecorded]).when(attendance({ memberId: 'm2', status: 'ABSENT', leaveReason: '病假' }), ctx).thenThrows('VALIDATION', 'only an EXCUSED member');
  });
  it('at a standing-committee meeting, records only members of the standing committee', () => {
    given(meeting, [standingRecorded])
      .when({ type: 'RecordMeetingAttendance', meetingId: 'sc-1', attendance: [{ memberId: 'm1', status: 'ATTENDED' }] }, ctx)
      .then([{ type: 'MeetingAttendanceRecorded', data: { meetingId: 'sc-1', entries: [{ memberId: 'm1', status: 'ATTENDED', leaveReason: '' }], recordedAt: NOW } }]);
    given(meeting, [standingRecorded]).when({ type: 'RecordMeetingAttendance', meetingId: 'sc-1', attendance: [{ memberId: 'm2', status: 'ATTENDED' }] }, ctx).thenThrows('VALIDATION', 'not on the standing committee');
  });
});

describe('a correction of attendance', () => {
  const corrected: MeetingEvent = { type: 'MeetingAttendanceCorrected', data: { meetingId: 'mt-1', memberId: 'm2', status: 'ABSENT', leaveReason: '', reason: '请假未获批准', correctedAt: NOW } };
  it('changes a member\'s status with its reason', () => given(meeting, [plenaryRecorded, attended]).when(correct(), ctx).then([corrected]));
  it('holds after it: the corrected status is what a repeat of the list is compared with', () => {
    const { state } = given(meeting, [plenaryRecorded, attended, corrected]);
    expect(state.recorded && 'attendance' in state ? state.attendance.m2 : null).toEqual({ memberId: 'm2', status: 'ABSENT', leaveReason: '' });
    given(meeting, [plenaryRecorded, attended, corrected]).when(attendance({ memberId: 'm2', status: 'ABSENT' }), ctx).then([]);
  });
  it('decides nothing when it changes nothing (a retried request)', () => given(meeting, [plenaryRecorded, attended, corrected]).when(correct(), ctx).then([]));
  it('refuses a correction without its reason, of a member not recorded, or EXCUSED without a leave reason', () => {
    given(meeting, [plenaryRecorded, attended]).when(correct({ reason: '' }), ctx).thenThrows('VALIDATION', 'reason is required');
    given(meeting, [plenaryRecorded, attended]).when(correct({ memberId: 'gone' }), ctx).thenThrows('NOT_FOUND', 'no attendance of member gone');
    given(meeting, [plenaryRecorded, attended]).when(correct({ memberId: 'm1', status: 'EXCUSED' }), ctx).thenThrows('VALIDATION', 'leave reason');
  });
});
