/** The duty-records wing's closed vocabularies (DOMAIN.md, "Terms, sessions and who writes what"). */

/** 全体会议 (a sitting of a plenary session, 次会议) or 常委会议 (a standing-committee meeting). */
export const MEETING_KINDS = ['PLENARY', 'STANDING_COMMITTEE'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** 出席; 请假 (excused, with the reason given); 缺席 (absent without leave). */
export const ATTENDANCE_STATUSES = ['ATTENDED', 'EXCUSED', 'ABSENT'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
