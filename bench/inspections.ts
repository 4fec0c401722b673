/**
 * Generates an inspections record (视察考察, issue 12) as the events the system itself would
 * record, every event decided by the real deciders with the API's projections as the directory
 * (bench/scripted.ts): N inspections and study visits over four years (2021–2024), 2,500 a year at
 * the default 10,000, organised by 6 special committees, 12 sectors and the chairs' meeting, for
 * a committee of 500 members and 40 invited experts, recommending to 120 handling units.
 *
 * Per inspection, a script of dated steps: the plan (a visit three to nine weeks ahead), a
 * reschedule (one in ten) or a cancellation (one in twenty), invitations (8–25 members and an
 * expert or two), each invitee's answer before the visit, the visit held with who attended (most
 * who accepted, now and then one who was not invited), contacts with the units met during the
 * visit (they count in the network), a correction of the attendance now and then, the report
 * (most, between 5 and 60 days after the visit against a 30-day deadline, so some are late and
 * some never come) with 2–6 numbered recommendations each addressed to a unit, and each
 * recommendation's follow-ups (a first response from 10 to 90 days after the report against a
 * 60-day deadline; a later one marking it done). Steps after the end of the record (2025-01-01)
 * are not taken, so the record ends with reports and responses overdue.
 */
import { committeeDate, type DomainCommand } from '#domain';
import { cst, iso } from './network.js';
import { DAY, HOUR, ScriptedRecord, committeeRoster, emptyCommittee, pickDistinct, spread, type Committee, type Script } from './scripted.js';
import { TOPICS } from './text.js';

export const INSPECTIONS_FROM = cst(2021, 1, 15, 9);
/** The record ends here: later steps are not taken. */
export const INSPECTIONS_TO = cst(2025, 1, 1);
/** The "on" instant and the year the dashboard queries ask about. */
export const INSPECTIONS_ON = cst(2024, 12, 31, 12);
export const INSPECTIONS_YEAR = 2024;

const PLACES = ['河西街道', '河东街道', '昆仑路街道', '黄河路街道', '金峰路街道', '郭勒木德镇', '唐古拉山镇', '大格勒乡', '乌图美仁乡', '察尔汗盐湖'];
const KINDS = ['INSPECTION', 'STUDY_VISIT'] as const;

export interface InspectionsGeneratorOptions {
  seed: number;
  inspections: number;
  units?: number;
  members?: number;
}

export class InspectionsGenerator extends ScriptedRecord {
  readonly produced = { inspections: 0, rescheduled: 0, cancelled: 0, invitations: 0, answers: 0, held: 0, contacts: 0, attendanceCorrections: 0, reported: 0, recommendations: 0, followUps: 0 };
  readonly committee: Committee = emptyCommittee();
  private readonly count: number;
  private readonly unitCount: number;
  private readonly memberCount: number;
  private organisers: string[] = [];

  constructor(options: InspectionsGeneratorOptions) {
    super(options.seed ^ 0x1a5bec7, INSPECTIONS_TO, 'inspections');
    this.count = options.inspections;
    this.unitCount = options.units ?? 120;
    this.memberCount = options.members ?? 500;
  }

  protected *setup(): Generator<DomainCommand> {
    yield* committeeRoster(this.rng, { prefix: 'in', members: this.memberCount, units: this.unitCount }, this.committee);
    this.organisers = [...this.committee.specialCommittees, ...this.committee.sectors, 'CHAIRS'];
    yield { type: 'SetInspectionRules', reportDueDays: 30, responseDueDays: 60, dueSoonDays: 7, reason: '《委员视察考察制度》：视察结束后30日内形成报告，建议60日内答复' };
  }

  protected starts(): Float64Array {
    return spread(this.rng, this.count, INSPECTIONS_FROM, cst(2024, 11, 1));
  }

  protected *script(i: number, t0: number): Script {
    const rng = this.rng;
    const c = this.committee;
    const inspectionId = `insp-${String(i + 1).padStart(5, '0')}`;
    const topic = rng.pick(TOPICS);
    let startMs = t0 + (20 + rng.below(40)) * DAY;
    let days = rng.below(3);
    const planned = yield {
      at: t0,
      actor: 'office',
      command: {
        type: 'PlanInspection',
        inspectionId,
        kind: rng.chance(0.75) ? KINDS[0] : KINDS[1],
        topic: `${topic}${rng.chance(0.5) ? '专题视察' : '情况考察'}`,
        topicId: rng.chance(0.3) ? `key-topic-${committeeDate(t0).slice(0, 4)}-${1 + rng.below(8)}` : null,
        organiserId: rng.pick(this.organisers),
        startsOn: committeeDate(startMs),
        endsOn: committeeDate(startMs + days * DAY),
        place: rng.pick(PLACES),
      },
    };
    if (planned.length === 0) return;
    this.produced.inspections++;
    let t = t0 + (1 + rng.below(4)) * DAY;
    const members = pickDistinct(rng, c.members, rng.int(8, 25));
    const invitees = [...members, ...pickDistinct(rng, c.persons, rng.below(3))];
    const invited = yield { at: t, actor: 'office', command: { type: 'InviteToInspection', inspectionId, inviteeIds: invitees } };
    this.produced.invitations += invited.length;
    if (rng.chance(0.1)) {
      t += (1 + rng.below(4)) * DAY;
      startMs += (7 + rng.below(14)) * DAY;
      days = rng.below(3);
      const moved = yield { at: t, actor: 'office', command: { type: 'RescheduleInspection', inspectionId, startsOn: committeeDate(startMs), endsOn: committeeDate(startMs + days * DAY), reason: '与市里重要会议时间冲突，调整日期' } };
      if (moved.length) this.produced.rescheduled++;
    }
    if (rng.chance(0.05)) {
      yield { at: t + (1 + rng.below(5)) * DAY, actor: 'office', command: { type: 'CancelInspection', inspectionId, reason: '因工作安排调整，取消本次视察' } };
      this.produced.cancelled++;
      return;
    }
    // Answers come in before the visit, each at its own time.
    const accepted: string[] = [];
    const answers = invitees
      .filter(() => rng.chance(0.85))
      .map((id) => ({ id, at: t + HOUR + rng.next() * Math.max(HOUR, startMs - t - 2 * DAY), yes: rng.chance(0.8) }))
      .sort((a, b) => a.at - b.at);
    for (const a of answers) {
      const answered = yield { at: Math.floor(a.at / 60_000) * 60_000, actor: c.members.includes(a.id) ? a.id : 'office', command: { type: 'AnswerInspectionInvitation', inspectionId, inviteeId: a.id, answer: a.yes ? 'ACCEPTED' : 'DECLINED', reason: a.yes ? '' : '工作冲突' } };
      if (answered.length) {
        this.produced.answers++;
        if (a.yes) accepted.push(a.id);
      }
    }
    // The visit, recorded by the office a day or so after its last day.
    const endMs = startMs + days * DAY;
    t = Math.max(t, endMs) + (8 + rng.below(48)) * HOUR;
    const attendees = accepted.filter(() => rng.chance(0.9));
    if (rng.chance(0.15)) attendees.push(...pickDistinct(rng, c.members, 1).filter((m) => !attendees.includes(m)));
    if (attendees.length === 0) attendees.push(rng.pick(members));
    const unitsMet = pickDistinct(rng, c.units, rng.int(2, 5));
    const held = yield {
      at: t,
      actor: 'office',
      command: { type: 'HoldInspection', inspectionId, heldFrom: committeeDate(startMs), heldTo: committeeDate(endMs), placesVisited: pickDistinct(rng, PLACES, rng.int(2, 4)), unitIds: unitsMet, attendeeIds: attendees },
    };
    if (held.length === 0) return;
    this.produced.held++;
    // Meetings with the units met: contacts that serve the visit.
    for (const [k, unitId] of unitsMet.entries()) {
      if (!rng.chance(0.5)) continue;
      const member = attendees.find((a) => c.members.includes(a)) ?? rng.pick(members);
      const logged = yield {
        at: t + (k + 1) * 60_000,
        actor: 'office',
        command: { type: 'LogContact', contactId: `${inspectionId}-c${k + 1}`, participantIds: [member, unitId], occurredAt: iso(startMs + (1 + k) * HOUR), channel: 'VISIT', topic: `${topic}视察座谈`, inspectionId } as DomainCommand,
      };
      if (logged.length) this.produced.contacts++;
    }
    if (rng.chance(0.05)) {
      const corrected = [...attendees, ...pickDistinct(rng, c.members, 1).filter((m) => !attendees.includes(m))];
      const fixed = yield { at: t + (1 + rng.below(6)) * DAY, actor: 'office', command: { type: 'RecordInspectionAttendance', inspectionId, attendeeIds: corrected, reason: '补录实际参加人员' } };
      if (fixed.length) this.produced.attendanceCorrections++;
    }
    if (!rng.chance(0.85)) return; // no report ever comes: overdue for good
    t = endMs + (5 + rng.below(56)) * DAY + 10 * HOUR;
    const n = rng.int(2, 6);
    const addressed = Array.from({ length: n }, (_, k) => (k < unitsMet.length && rng.chance(0.7) ? unitsMet[k]! : rng.pick(c.units)));
    const reportedOn = committeeDate(t);
    const reported = yield {
      at: t,
      actor: 'office',
      command: {
        type: 'ReportInspection',
        inspectionId,
        reportedOn,
        summary: `${topic}视察报告：总体进展良好，仍存在若干问题。`,
        recommendations: addressed.map((unitId, k) => ({ unitId, text: `建议${k + 1}：加快推进${topic}相关工作。` })),
      },
    };
    if (reported.length === 0) return;
    this.produced.reported++;
    this.produced.recommendations += n;
    // Each recommendation's follow-ups, interleaved in time.
    const steps: Array<{ at: number; number: number; unitId: string; status: string; reason: string }> = [];
    for (const [k, unitId] of addressed.entries()) {
      if (!rng.chance(0.85)) continue; // never answered
      const first = t + (10 + rng.below(81)) * DAY;
      const u = rng.next();
      const status = u < 0.5 ? 'ACCEPTED' : u < 0.85 ? 'IN_PROGRESS' : u < 0.93 ? 'NOT_ADOPTED' : 'DONE';
      steps.push({ at: first, number: k + 1, unitId, status, reason: status === 'NOT_ADOPTED' ? '受财力所限，暂不具备实施条件' : '' });
      if ((status === 'ACCEPTED' || status === 'IN_PROGRESS') && rng.chance(0.5)) steps.push({ at: first + (30 + rng.below(170)) * DAY, number: k + 1, unitId, status: 'DONE', reason: '' });
    }
    steps.sort((a, b) => a.at - b.at);
    for (const s of steps) {
      const at = Math.floor(s.at / 60_000) * 60_000;
      const done = yield { at, actor: s.unitId, command: { type: 'FollowUpRecommendation', inspectionId, number: s.number, status: s.status, text: s.status === 'DONE' ? '已办理完毕。' : '已研究部署，正在推进。', respondedOn: committeeDate(at), reason: s.reason } };
      if (done.length) this.produced.followUps++;
    }
  }
}
