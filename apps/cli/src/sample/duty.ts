/**
 * The year's meetings for the sample's duty records (履职档案): the two plenary sittings of the
 * 2020 session (第四次会议, 6–9 January: the opening and the closing 全体会议) and two standing-
 * committee meetings, each with its roll call: most members attend, some are excused (请假) with
 * a reason, a few are absent without leave. A member who joined after a sitting is not on its
 * roll. And the committee's duty points table, in force from 2020.
 *
 * Drawn from a stream of its own (`dutySeed`), after everything else: nothing here changes
 * another draw.
 */
import { DEFAULT_DUTY_POINTS, OPINION_LEVELS } from '#domain';
import { dateOf, day } from './calendar.js';
import { PLENARY, TERM } from './golmud.js';
import { Rng } from './rng.js';

type Table = { header: readonly string[]; rows: string[][] };

export interface DutyMember {
  id: string;
  roles: readonly string[];
  joinedMs: number;
}

export const dutySeed = (seed: number): number => (seed ^ 0x0d07_1e55) >>> 0;

const LEAVE_REASONS = ['因公出差', '病假', '参加省政协培训', '家中有事', '外出学习'];

/** The duty points table's columns after from_year, each a DutyPoints item (per-level ones as `_city` …). */
export const DUTY_POINTS_COLUMNS = [
  'contact',
  'link_served',
  'link_met',
  'proposal_led',
  'proposal_co_signed',
  'proposal_filed',
  'opinion_submitted',
  'opinion_adopted',
  ...OPINION_LEVELS.map((l) => `opinion_adopted_${l.toLowerCase()}`),
  ...OPINION_LEVELS.map((l) => `instruction_${l.toLowerCase()}`),
  'inspection_attended',
  'plenary_attended',
  'plenary_absent',
  'standing_attended',
  'standing_absent',
] as const;

export function generateDuty(seed: number, members: readonly DutyMember[]): Record<string, Table> {
  const rng = new Rng(dutySeed(seed));
  const session = PLENARY.find((p) => p.id === 'ps-10-4')!;
  const meetings: Array<{ id: string; kind: 'PLENARY' | 'STANDING_COMMITTEE'; title: string; ms: number; sessionId: string; termId: string }> = [
    { id: 'mt-10-4-1', kind: 'PLENARY', title: `${session.name}第一次全体会议`, ms: session.start, sessionId: session.id, termId: '' },
    { id: 'mt-10-4-2', kind: 'PLENARY', title: `${session.name}第二次全体会议（闭幕）`, ms: session.start + (session.days - 1) * 86_400_000, sessionId: session.id, termId: '' },
    { id: 'sc-10-20-1', kind: 'STANDING_COMMITTEE', title: '政协格尔木市第十届委员会常务委员会第十九次会议', ms: day(2020, 4, 16), sessionId: '', termId: TERM.id },
    { id: 'sc-10-20-2', kind: 'STANDING_COMMITTEE', title: '政协格尔木市第十届委员会常务委员会第二十次会议', ms: day(2020, 9, 24), sessionId: '', termId: TERM.id },
  ];
  const attendance: string[][] = [];
  for (const m of meetings) {
    const roll = members.filter((x) => x.joinedMs <= m.ms && (m.kind === 'PLENARY' || x.roles.includes('STANDING_COMMITTEE')));
    for (const x of roll) {
      const r = rng.next();
      const on = dateOf(m.ms);
      if (r < 0.08) attendance.push([m.id, on, x.id, 'EXCUSED', LEAVE_REASONS[rng.below(LEAVE_REASONS.length)]!]);
      else if (r < 0.11) attendance.push([m.id, on, x.id, 'ABSENT', '']);
      else attendance.push([m.id, on, x.id, 'ATTENDED', '']);
    }
  }
  const p = DEFAULT_DUTY_POINTS;
  const points = [
    p.contact,
    p.linkServed,
    p.linkMet,
    p.proposalLed,
    p.proposalCoSigned,
    p.proposalFiled,
    p.opinionSubmitted,
    p.opinionAdopted,
    ...OPINION_LEVELS.map((l) => p.opinionAdoptedAt[l]),
    ...OPINION_LEVELS.map((l) => p.instruction[l]),
    p.inspectionAttended,
    p.plenaryAttended,
    p.plenaryAbsent,
    p.standingAttended,
    p.standingAbsent,
  ].map(String);
  return {
    'duty_points_rules.csv': { header: ['from_year', ...DUTY_POINTS_COLUMNS, 'reason'], rows: [['2020', ...points, '《政协格尔木市委员会委员履职积分管理办法》（2020年）']] },
    'meetings.csv': { header: ['id', 'kind', 'title', 'held_on', 'session_id', 'term_id'], rows: meetings.map((m) => [m.id, m.kind, m.title, dateOf(m.ms), m.sessionId, m.termId]) },
    'meeting_attendance.csv': { header: ['meeting_id', 'date', 'member_id', 'status', 'leave_reason'], rows: attendance },
  };
}
