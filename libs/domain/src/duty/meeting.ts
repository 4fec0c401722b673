/**
 * Attendance at plenary sittings (全体会议 of a 次会议) and standing-committee meetings (常委会议):
 * the only figures of a member's duty record that are typed in, because nothing else records
 * them. One decider, one stream per meeting (`duty-meeting-<id>`).
 *
 * Guarantees: a meeting is held on a committee date that is not in the future; a PLENARY sitting
 * names the roster's plenary session and falls within its days, and takes that session's term; a
 * STANDING_COMMITTEE meeting may name a term and then falls within it. Each member's attendance is
 * recorded once (ATTENDED, EXCUSED with the leave reason, or ABSENT) and changed only by a
 * correction that gives its reason, so the record keeps what was first said and why it changed.
 */
import { CommandContext, Decider, Event, sameData } from '../shared/decider.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { CommitteeDate, committeeDate, committeeDayStart, parseCommitteeDate, toMs } from '../shared/time.js';
import { LIMITS, requireId, requireOneOf, requireText } from '../shared/validation.js';
import { ATTENDANCE_STATUSES, AttendanceStatus, MEETING_KINDS, MeetingKind } from './vocabulary.js';

/** At most this many members' attendance in one command (a committee has a few hundred members). */
export const MEETING_LIMITS = { attendance: 500, title: LIMITS.title } as const;

export interface MeetingData {
  meetingId: string;
  kind: MeetingKind;
  title: string;
  heldOn: CommitteeDate;
  /** The plenary session a PLENARY sitting belongs to; null for a standing-committee meeting. */
  sessionId: string | null;
  /** The term it belongs to: the session's, or the one named for a standing-committee meeting; null when none. */
  termId: string | null;
}

export interface AttendanceEntry {
  memberId: string;
  status: AttendanceStatus;
  /** 请假 reason: required for EXCUSED, empty otherwise. */
  leaveReason: string;
}

export type MeetingEvent =
  | Event<'MeetingRecorded', MeetingData & { recordedAt: string }>
  | Event<'MeetingAttendanceRecorded', { meetingId: string; entries: AttendanceEntry[]; recordedAt: string }>
  | Event<'MeetingAttendanceCorrected', { meetingId: string; reason: string; correctedAt: string } & AttendanceEntry>;

export interface AttendanceInput {
  memberId: string;
  status: string;
  leaveReason?: string | null;
}

export type MeetingCommand =
  | { type: 'RecordMeeting'; meetingId: string; kind: string; title: string; heldOn: string; sessionId?: string | null; termId?: string | null }
  | { type: 'RecordMeetingAttendance'; meetingId: string; attendance: AttendanceInput[] }
  | { type: 'CorrectMeetingAttendance'; meetingId: string; reason: string } & AttendanceInput;

export type MeetingState = { recorded: null } | { recorded: MeetingData; attendance: Readonly<Record<string, AttendanceEntry>> };

export const meeting: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  streamId: (c) => `duty-meeting-${c.meetingId}`,
  initialState: { recorded: null },
  evolve(state, event) {
    switch (event.type) {
      case 'MeetingRecorded': {
        const { recordedAt: _r, ...data } = event.data;
        return { recorded: data, attendance: {} };
      }
      case 'MeetingAttendanceRecorded': {
        if (!state.recorded) return state;
        const attendance = { ...state.attendance };
        for (const e of event.data.entries) attendance[e.memberId] = e;
        return { ...state, attendance };
      }
      case 'MeetingAttendanceCorrected': {
        if (!state.recorded) return state;
        const { memberId, status, leaveReason } = event.data;
        return { ...state, attendance: { ...state.attendance, [memberId]: { memberId, status, leaveReason } } };
      }
      default: {
        const never: never = event;
        return never;
      }
    }
  },
  decide(command, state, context) {
    const meetingId = requireId(command.meetingId, 'meetingId');
    if (command.type === 'RecordMeeting') return record(command, state, context);
    if (!state.recorded) throw notFound(`meeting ${meetingId} is not recorded`, 'meetingId');
    switch (command.type) {
      case 'RecordMeetingAttendance': {
        if (!Array.isArray(command.attendance) || command.attendance.length === 0) throw invalid('attendance is required: list each member with ATTENDED, EXCUSED (and the leave reason) or ABSENT', 'attendance');
        if (command.attendance.length > MEETING_LIMITS.attendance) throw invalid(`record at most ${MEETING_LIMITS.attendance} members' attendance at a time`, 'attendance');
        const seen = new Set<string>();
        const fresh: AttendanceEntry[] = [];
        command.attendance.forEach((input, i) => {
          const entry = attendanceEntry(input, `attendance[${i}]`, state.recorded!, context);
          if (seen.has(entry.memberId)) throw invalid(`attendance[${i}]: member ${entry.memberId} is listed twice`, `attendance[${i}].memberId`);
          seen.add(entry.memberId);
          const recorded = state.attendance[entry.memberId];
          if (recorded && sameData(recorded, entry)) return; // a repeat of what is on record
          if (recorded) throw conflict(`attendance[${i}]: member ${entry.memberId} is already recorded as ${recorded.status} at meeting ${meetingId}; correct it with its reason instead`, `attendance[${i}].memberId`);
          fresh.push(entry);
        });
        return fresh.length === 0 ? [] : [{ type: 'MeetingAttendanceRecorded', data: { meetingId, entries: fresh, recordedAt: context.now } }];
      }
      case 'CorrectMeetingAttendance': {
        const entry = attendanceEntry(command, 'attendance', state.recorded, context, true);
        const recorded = state.attendance[entry.memberId];
        if (!recorded) throw notFound(`memberId: no attendance of member ${entry.memberId} is recorded at meeting ${meetingId}; record it first`, 'memberId');
        if (sameData(recorded, entry)) return [];
        return [{ type: 'MeetingAttendanceCorrected', data: { meetingId, ...entry, reason: requireText(command.reason, 'reason', LIMITS.reason), correctedAt: context.now } }];
      }
      default: {
        const never: never = command;
        throw invalid(`unknown command ${(never as { type: string }).type}`);
      }
    }
  },
};

function record(command: Extract<MeetingCommand, { type: 'RecordMeeting' }>, state: MeetingState, { now, directory }: CommandContext): MeetingEvent[] {
  const meetingId = command.meetingId;
  const kind = requireOneOf(command.kind, MEETING_KINDS, 'kind');
  const title = requireText(command.title, 'title', MEETING_LIMITS.title);
  const heldOn = parseCommitteeDate(command.heldOn, 'heldOn');
  const today = committeeDate(toMs(now));
  if (heldOn > today) throw invalid(`heldOn ${heldOn} is in the future (today is ${today}); record a meeting once it is held`, 'heldOn');
  const dayMs = committeeDayStart(heldOn);
  let sessionId: string | null = null;
  let termId: string | null = null;
  if (kind === 'PLENARY') {
    sessionId = requireId(command.sessionId, 'sessionId');
    const session = directory.plenarySession(sessionId);
    if (!session) throw notFound(`sessionId: plenary session ${sessionId} is not scheduled`, 'sessionId');
    // A sitting falls on one of the session's days: [the day it starts, the day it ends].
    if (dayMs < committeeDayStart(committeeDate(session.startMs)) || dayMs > committeeDayStart(committeeDate(session.endMs - 1))) {
      throw invalid(`heldOn ${heldOn} is not a day of plenary session ${sessionId} (${committeeDate(session.startMs)} to ${committeeDate(session.endMs - 1)})`, 'heldOn');
    }
    termId = session.termId;
    if (command.termId && command.termId !== termId) throw invalid(`termId ${command.termId} is not the term of session ${sessionId} (${termId ?? 'none'}); leave it out`, 'termId');
  } else {
    if (command.sessionId) throw invalid('only a PLENARY sitting names a plenary session; remove sessionId', 'sessionId');
    if (command.termId) {
      termId = requireId(command.termId, 'termId');
      const t = directory.term(termId);
      if (!t) throw notFound(`termId: term ${termId} is not opened`, 'termId');
      if (dayMs + 86_400_000 <= t.startMs || dayMs >= t.endMs) throw invalid(`heldOn ${heldOn} is outside term ${termId}`, 'heldOn');
    }
  }
  const data: MeetingData = { meetingId, kind, title, heldOn, sessionId, termId };
  if (state.recorded) {
    if (sameData(state.recorded, data)) return [];
    throw conflict(`meeting ${meetingId} is already recorded with other details (${state.recorded.kind}, ${state.recorded.heldOn})`, 'meetingId');
  }
  return [{ type: 'MeetingRecorded', data: { ...data, recordedAt: now } }];
}

/** A registered member (one who has left since may have attended then), with a status and, for EXCUSED, the leave reason. */
function attendanceEntry(input: AttendanceInput, field: string, m: MeetingData, { directory }: CommandContext, flat = false): AttendanceEntry {
  const f = (name: string) => (flat ? name : `${field}.${name}`);
  if (typeof input !== 'object' || input === null) throw invalid(`${field} is required`, field);
  const memberId = requireId(input.memberId, f('memberId'));
  const facts = directory.member(memberId);
  if (!facts) throw notFound(`${f('memberId')}: member ${memberId} is not registered`, f('memberId'));
  if (m.kind === 'STANDING_COMMITTEE' && !facts.roles.some((r) => r.kind === 'STANDING_COMMITTEE')) {
    throw invalid(`${f('memberId')}: member ${memberId} is not on the standing committee (role STANDING_COMMITTEE); a standing-committee meeting records its members' attendance`, f('memberId'));
  }
  const status = requireOneOf(input.status, ATTENDANCE_STATUSES, f('status'));
  const leaveReason = requireText(input.leaveReason, f('leaveReason'), LIMITS.reason, { optional: true });
  if (status === 'EXCUSED' && !leaveReason) throw invalid(`${f('leaveReason')}: an EXCUSED member (请假) gives the leave reason`, f('leaveReason'));
  if (status !== 'EXCUSED' && leaveReason) throw invalid(`${f('leaveReason')}: only an EXCUSED member has a leave reason (this one is ${status})`, f('leaveReason'));
  return { memberId, status, leaveReason };
}
