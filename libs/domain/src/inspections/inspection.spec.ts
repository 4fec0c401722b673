import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { given, modelFrom } from '#testing/given';
import { DomainEvent } from '../systems.js';
import { InspectionCommand, InspectionEvent, inspection } from './inspection.js';
import { InspectionRulesEvent, inspectionRules } from './rules.js';

/**
 * A committee with a special committee, a sector, a democratic party (which organises no
 * inspections), two handling units and a dissolved one, members m1…m3, one who left, and a person
 * (an expert) p1. Today is 20 May 2025.
 */
const committee: DomainEvent[] = [
  ev.organization('sc-eco', 'SPECIAL_COMMITTEE'),
  ev.organization('sc-old', 'SPECIAL_COMMITTEE'),
  ev.dissolved('sc-old', '2024-01-01'),
  ev.organization('sector-1', 'SECTOR'),
  ev.organization('dp-1', 'DEMOCRATIC_PARTY'),
  ev.organization('hu-dev', 'HANDLING_UNIT'),
  ev.organization('hu-edu', 'HANDLING_UNIT'),
  ev.organization('hu-gone', 'HANDLING_UNIT'),
  ev.dissolved('hu-gone', '2024-06-01'),
  ev.member('m1'),
  ev.member('m2'),
  ev.member('m3'),
  ev.member('gone'),
  ev.memberLeft('gone', '2024-12-31'),
  ev.person('p1'),
];
const NOW = '2025-05-20T02:00:00.000Z';
const directory = (...more: DomainEvent[]) => modelFrom([...committee, ...more]);
const ctx = (now = NOW, ...more: DomainEvent[]) => ({ now, directory: directory(...more) });

type Cmd<T extends InspectionCommand['type']> = Extract<InspectionCommand, { type: T }>;
const plan = (changes: Partial<Cmd<'PlanInspection'>> = {}): InspectionCommand => ({
  type: 'PlanInspection',
  inspectionId: 'i1',
  kind: 'INSPECTION',
  topic: '乡村振兴重点项目推进情况',
  organiserId: 'sc-eco',
  startsOn: '2025-05-10',
  endsOn: '2025-05-12',
  place: '河西镇',
  ...changes,
});
const PLANNED_AT = '2025-04-01T02:00:00.000Z';
const planned: InspectionEvent = {
  type: 'InspectionPlanned',
  data: { inspectionId: 'i1', kind: 'INSPECTION', topic: '乡村振兴重点项目推进情况', topicId: null, organiserKind: 'SPECIAL_COMMITTEE', organiserId: 'sc-eco', startsOn: '2025-05-10', endsOn: '2025-05-12', place: '河西镇', plannedAt: PLANNED_AT },
};
const invited = (inviteeId: string, inviteeKind: 'MEMBER' | 'PERSON' = 'MEMBER'): InspectionEvent => ({ type: 'InspectionInvitationSent', data: { inspectionId: 'i1', inviteeId, inviteeKind, invitedAt: PLANNED_AT } });
const answered = (inviteeId: string, answer: 'ACCEPTED' | 'DECLINED', reason = ''): InspectionEvent => ({ type: 'InspectionInvitationAnswered', data: { inspectionId: 'i1', inviteeId, answer, reason, answeredAt: NOW } });

const hold = (changes: Partial<Cmd<'HoldInspection'>> = {}): InspectionCommand => ({
  type: 'HoldInspection',
  inspectionId: 'i1',
  heldFrom: '2025-05-10',
  heldTo: '2025-05-12',
  placesVisited: ['河西镇', '郭勒木德镇'],
  unitIds: ['hu-dev'],
  attendeeIds: ['m1', 'p1'],
  ...changes,
});
const held: InspectionEvent = {
  type: 'InspectionHeld',
  data: { inspectionId: 'i1', heldFrom: '2025-05-10', heldTo: '2025-05-12', placesVisited: ['河西镇', '郭勒木德镇'], unitIds: ['hu-dev'], attendeeIds: ['m1', 'p1'], reportDueOn: '2025-06-11', heldAt: NOW },
};
const report = (changes: Partial<Cmd<'ReportInspection'>> = {}): InspectionCommand => ({
  type: 'ReportInspection',
  inspectionId: 'i1',
  reportedOn: '2025-05-18',
  summary: '视察报告……',
  recommendations: [
    { text: '加快项目审批', unitId: 'hu-dev' },
    { text: '加强农村学校建设', unitId: 'hu-edu' },
  ],
  ...changes,
});
const reported: InspectionEvent = {
  type: 'InspectionReported',
  data: {
    inspectionId: 'i1',
    reportedOn: '2025-05-18',
    summary: '视察报告……',
    recommendations: [
      { number: 1, text: '加快项目审批', unitId: 'hu-dev', responseDueOn: '2025-07-17' },
      { number: 2, text: '加强农村学校建设', unitId: 'hu-edu', responseDueOn: '2025-07-17' },
    ],
    reportedAt: NOW,
  },
};
const followUp = (changes: Partial<Cmd<'FollowUpRecommendation'>> = {}): InspectionCommand => ({ type: 'FollowUpRecommendation', inspectionId: 'i1', number: 1, status: 'ACCEPTED', text: '已列入年度计划', respondedOn: '2025-05-19', ...changes });
const followedUp = (changes: Partial<Extract<InspectionEvent, { type: 'RecommendationFollowedUp' }>['data']> = {}): InspectionEvent => ({
  type: 'RecommendationFollowedUp',
  data: { inspectionId: 'i1', number: 1, unitId: 'hu-dev', status: 'ACCEPTED', text: '已列入年度计划', reason: '', respondedOn: '2025-05-19', recordedAt: NOW, ...changes },
});
const rulesSet = (reportDueDays: number, responseDueDays: number): InspectionRulesEvent => ({ type: 'InspectionRulesSet', data: { reportDueDays, responseDueDays, dueSoonDays: 7, reason: 'office rules' } });

const wasPlanned = [planned, invited('m1'), invited('m2'), invited('p1', 'PERSON')];
const wasHeld = [...wasPlanned, held];
const wasReported = [...wasHeld, reported];

describe('inspection: the plan', () => {
  it('records a special committee\'s inspection with its dates and place', () => given(inspection, []).when(plan(), ctx(PLANNED_AT)).then([planned]));

  const topicSet = (topicId: string): DomainEvent => ({ type: 'KeyTopicSet', data: { topicId, year: 2025, title: '文化旅游融合', leadBodyId: 'sc-eco', periodFrom: '2025-01-01', periodTo: '2025-12-31', setAt: PLANNED_AT } });

  it('refuses a key topic that is not set, or was withdrawn', () => {
    given(inspection, []).when(plan({ topicId: 'topic-2025-9' }), ctx(PLANNED_AT)).thenThrows('NOT_FOUND', 'key topic topic-2025-9 is not set');
    const withdrawn: DomainEvent = { type: 'KeyTopicWithdrawn', data: { topicId: 'topic-2025-3', reason: '撤销', withdrawnAt: PLANNED_AT } };
    given(inspection, []).when(plan({ topicId: 'topic-2025-3' }), ctx(PLANNED_AT, topicSet('topic-2025-3'), withdrawn)).thenThrows('VALIDATION', 'withdrawn');
  });

  it('records a study visit of the chairs\' meeting (主席会议), one day when no end is given, naming a key topic that is set', () =>
    given(inspection, [])
      .when(plan({ kind: 'STUDY_VISIT', organiserId: 'CHAIRS', endsOn: null, topicId: 'topic-2025-3' }), ctx(PLANNED_AT, topicSet('topic-2025-3')))
      .then([{ type: 'InspectionPlanned', data: { ...planned.data, kind: 'STUDY_VISIT', organiserKind: 'CHAIRS', organiserId: 'CHAIRS', endsOn: '2025-05-10', topicId: 'topic-2025-3' } }]));

  it('records a sector\'s inspection', () =>
    given(inspection, []).when(plan({ organiserId: 'sector-1' }), ctx(PLANNED_AT)).then([{ type: 'InspectionPlanned', data: { ...planned.data, organiserKind: 'SECTOR', organiserId: 'sector-1' } }]));

  it('writes nothing for the same plan sent again, and refuses other details under the same id as CONFLICT', () => {
    given(inspection, [planned]).when(plan(), ctx()).then([]);
    given(inspection, [planned]).when(plan({ topic: '另一个题目' }), ctx()).thenThrows('CONFLICT', 'already planned');
  });

  it('refuses an organiser that is not registered, not a special committee or sector, or dissolved', () => {
    given(inspection, []).when(plan({ organiserId: 'nobody' }), ctx()).thenThrows('NOT_FOUND', 'organiser nobody');
    given(inspection, []).when(plan({ organiserId: 'dp-1' }), ctx()).thenThrows('VALIDATION', 'is a DEMOCRATIC_PARTY');
    given(inspection, []).when(plan({ organiserId: 'sc-old' }), ctx()).thenThrows('VALIDATION', 'has been dissolved');
  });

  it('refuses an unknown kind, a missing topic or place, a malformed date and an end before the start, each naming its field', () => {
    given(inspection, []).when(plan({ kind: 'PICNIC' }), ctx()).thenThrows('VALIDATION', 'kind "PICNIC"');
    given(inspection, []).when(plan({ topic: '  ' }), ctx()).thenThrows('VALIDATION', 'topic is required');
    given(inspection, []).when(plan({ place: '' }), ctx()).thenThrows('VALIDATION', 'place is required');
    given(inspection, []).when(plan({ startsOn: '2025-02-30' }), ctx()).thenThrows('VALIDATION', 'startsOn');
    given(inspection, []).when(plan({ endsOn: '2025-05-01' }), ctx()).thenThrows('VALIDATION', 'endsOn 2025-05-01 is before startsOn');
  });

  it('refuses the id that names the office\'s rules stream', () => given(inspection, []).when(plan({ inspectionId: 'rules-committee' }), ctx()).thenThrows('VALIDATION', 'reserved'));

  it('refuses any later step of an inspection never planned as NOT_FOUND', () => given(inspection, []).when({ type: 'CancelInspection', inspectionId: 'i9', reason: 'x' }, ctx()).thenThrows('NOT_FOUND', 'inspection i9 is not planned'));
});

describe('inspection: rescheduling and cancelling', () => {
  const reschedule = (changes: Partial<Cmd<'RescheduleInspection'>> = {}): InspectionCommand => ({ type: 'RescheduleInspection', inspectionId: 'i1', startsOn: '2025-06-02', endsOn: '2025-06-03', reason: '与常委会冲突', ...changes });

  it('records the new dates with the reason, keeping the place when none is given', () =>
    given(inspection, [planned]).when(reschedule(), ctx()).then([{ type: 'InspectionRescheduled', data: { inspectionId: 'i1', startsOn: '2025-06-02', endsOn: '2025-06-03', place: '河西镇', reason: '与常委会冲突', rescheduledAt: NOW } }]));

  it('refuses a schedule that changes nothing, one without a reason, and one of a held inspection', () => {
    given(inspection, [planned]).when(reschedule({ startsOn: '2025-05-10', endsOn: '2025-05-12' }), ctx()).thenThrows('VALIDATION', 'changes nothing');
    given(inspection, [planned]).when(reschedule({ reason: '' }), ctx()).thenThrows('VALIDATION', 'reason is required');
    given(inspection, wasHeld).when(reschedule(), ctx()).thenThrows('CONFLICT', 'is HELD');
  });

  it('cancels a planned inspection with its reason, once', () => {
    given(inspection, [planned]).when({ type: 'CancelInspection', inspectionId: 'i1', reason: '防汛' }, ctx()).then([{ type: 'InspectionCancelled', data: { inspectionId: 'i1', reason: '防汛', cancelledAt: NOW } }]);
    given(inspection, [planned, { type: 'InspectionCancelled', data: { inspectionId: 'i1', reason: '防汛', cancelledAt: NOW } }]).when({ type: 'CancelInspection', inspectionId: 'i1', reason: '防汛' }, ctx()).then([]);
  });

  it('refuses to cancel a held inspection, or without a reason', () => {
    given(inspection, wasHeld).when({ type: 'CancelInspection', inspectionId: 'i1', reason: '防汛' }, ctx()).thenThrows('CONFLICT', 'not yet held is cancelled');
    given(inspection, [planned]).when({ type: 'CancelInspection', inspectionId: 'i1', reason: ' ' }, ctx()).thenThrows('VALIDATION', 'reason is required');
  });

  it('refuses every step but cancelling again on a cancelled inspection', () =>
    given(inspection, [planned, { type: 'InspectionCancelled', data: { inspectionId: 'i1', reason: '防汛', cancelledAt: NOW } }]).when(hold(), ctx()).thenThrows('CONFLICT', 'is CANCELLED'));
});

describe('inspection: invitations and answers', () => {
  const invite = (inviteeIds: string[]): InspectionCommand => ({ type: 'InviteToInspection', inspectionId: 'i1', inviteeIds });
  const answer = (inviteeId: string, a: string, reason?: string): InspectionCommand => ({ type: 'AnswerInspectionInvitation', inspectionId: 'i1', inviteeId, answer: a, reason });

  it('invites members and registered persons, each once', () => {
    given(inspection, [planned]).when(invite(['m1', 'p1', 'm1']), ctx(PLANNED_AT)).then([invited('m1'), invited('p1', 'PERSON')]);
    given(inspection, [planned, invited('m1')]).when(invite(['m1', 'm2']), ctx(PLANNED_AT)).then([invited('m2')]);
    given(inspection, [planned, invited('m1')]).when(invite(['m1']), ctx(PLANNED_AT)).then([]);
  });

  it('refuses an empty list, an unregistered invitee, a member who left, and invitations after the visit', () => {
    given(inspection, [planned]).when(invite([]), ctx()).thenThrows('VALIDATION', 'inviteeIds is required');
    given(inspection, [planned]).when(invite(['m1', 'x9']), ctx()).thenThrows('NOT_FOUND', 'x9 is neither');
    given(inspection, [planned]).when(invite(['gone']), ctx()).thenThrows('VALIDATION', 'has left');
    given(inspection, wasHeld).when(invite(['m3']), ctx()).thenThrows('CONFLICT', 'before the visit');
  });

  it('records an acceptance, and a decline with its optional reason; the same answer again writes nothing; a changed mind is recorded', () => {
    given(inspection, wasPlanned).when(answer('m1', 'ACCEPTED'), ctx()).then([answered('m1', 'ACCEPTED')]);
    given(inspection, wasPlanned).when(answer('m2', 'DECLINED', '出差'), ctx()).then([answered('m2', 'DECLINED', '出差')]);
    given(inspection, [...wasPlanned, answered('m1', 'ACCEPTED')]).when(answer('m1', 'ACCEPTED'), ctx()).then([]);
    given(inspection, [...wasPlanned, answered('m1', 'ACCEPTED')]).when(answer('m1', 'DECLINED'), ctx()).then([answered('m1', 'DECLINED')]);
  });

  it('refuses an answer from someone not invited, an unknown answer, and an answer after the visit', () => {
    given(inspection, wasPlanned).when(answer('m3', 'ACCEPTED'), ctx()).thenThrows('CONFLICT', 'm3 was not invited');
    given(inspection, wasPlanned).when(answer('m1', 'MAYBE'), ctx()).thenThrows('VALIDATION', 'answer "MAYBE"');
    given(inspection, wasHeld).when(answer('m1', 'ACCEPTED'), ctx()).thenThrows('CONFLICT', 'before the visit');
  });
});

describe('inspection: holding it and its attendance', () => {
  it('records the visit, the places, the units met and who attended (invited or not), with the report due 30 days after its last day', () => given(inspection, wasPlanned).when(hold(), ctx()).then([held]));

  it('sets the report\'s due date by the office\'s rules when it is held', () =>
    given(inspection, wasPlanned).when(hold(), ctx(NOW, rulesSet(10, 60))).then([{ ...held, data: { ...held.data, reportDueOn: '2025-05-22' } } as InspectionEvent]));

  it('writes nothing for the same visit sent again, and refuses other dates as CONFLICT', () => {
    given(inspection, wasHeld).when(hold(), ctx()).then([]);
    given(inspection, wasHeld).when(hold({ heldFrom: '2025-05-11' }), ctx()).thenThrows('CONFLICT', 'already recorded as held');
  });

  it('refuses a visit in the future, an end before its start, no places, an unregistered or dissolved unit and an unregistered attendee', () => {
    given(inspection, wasPlanned).when(hold({ heldFrom: '2025-05-21', heldTo: null }), ctx()).thenThrows('VALIDATION', 'heldFrom 2025-05-21 is in the future');
    given(inspection, wasPlanned).when(hold({ heldTo: '2025-05-09' }), ctx()).thenThrows('VALIDATION', 'heldTo 2025-05-09 is before heldFrom');
    given(inspection, wasPlanned).when(hold({ placesVisited: [] }), ctx()).thenThrows('VALIDATION', 'placesVisited is required');
    given(inspection, wasPlanned).when(hold({ unitIds: ['nowhere'] }), ctx()).thenThrows('NOT_FOUND', 'unit met nowhere');
    given(inspection, wasPlanned).when(hold({ unitIds: ['hu-gone'] }), ctx()).thenThrows('VALIDATION', 'has been dissolved');
    given(inspection, wasPlanned).when(hold({ attendeeIds: ['m1', 'hu-dev'] }), ctx()).thenThrows('NOT_FOUND', 'attendee hu-dev');
    given(inspection, wasPlanned).when(hold({ attendeeIds: [] }), ctx()).thenThrows('VALIDATION', 'attendeeIds is required');
  });

  it('corrects the attendance with a reason; the same list again writes nothing', () => {
    const attendance = (attendeeIds: string[], reason = '补记'): InspectionCommand => ({ type: 'RecordInspectionAttendance', inspectionId: 'i1', attendeeIds, reason });
    given(inspection, wasHeld).when(attendance(['m1', 'm3', 'p1']), ctx()).then([{ type: 'InspectionAttendanceRecorded', data: { inspectionId: 'i1', attendeeIds: ['m1', 'm3', 'p1'], reason: '补记', recordedAt: NOW } }]);
    given(inspection, wasHeld).when(attendance(['p1', 'm1']), ctx()).then([]);
    given(inspection, wasPlanned).when(attendance(['m1']), ctx()).thenThrows('CONFLICT', 'once the visit is held');
    given(inspection, wasHeld).when(attendance(['m1'], ''), ctx()).thenThrows('VALIDATION', 'reason is required');
  });
});

describe('inspection: the report and its recommendations', () => {
  it('records the report with its numbered recommendations, each addressed to a unit and due 60 days after the report', () => given(inspection, wasHeld).when(report(), ctx()).then([reported]));

  it('sets the responses\' due date by the office\'s rules when the report is recorded', () =>
    given(inspection, wasHeld).when(report(), ctx(NOW, rulesSet(30, 10))).then([
      { ...reported, data: { ...(reported.data as object), recommendations: (reported as Extract<InspectionEvent, { type: 'InspectionReported' }>).data.recommendations.map((r) => ({ ...r, responseDueOn: '2025-05-28' })) } } as InspectionEvent,
    ]));

  it('writes nothing for the same report sent again, and refuses another as CONFLICT', () => {
    given(inspection, wasReported).when(report(), ctx()).then([]);
    given(inspection, wasReported).when(report({ summary: '改写' }), ctx()).thenThrows('CONFLICT', 'already has its report');
  });

  it('refuses a report before the visit is held, dated before it ended or in the future', () => {
    given(inspection, wasPlanned).when(report(), ctx()).thenThrows('CONFLICT', 'is PLANNED; a report follows the visit');
    given(inspection, wasHeld).when(report({ reportedOn: '2025-05-11' }), ctx()).thenThrows('VALIDATION', 'before the visit ended (2025-05-12)');
    given(inspection, wasHeld).when(report({ reportedOn: '2025-05-21' }), ctx()).thenThrows('VALIDATION', 'is in the future');
  });

  it('refuses a report without a summary or recommendations, and a recommendation without text or to an unregistered or dissolved unit', () => {
    given(inspection, wasHeld).when(report({ summary: '' }), ctx()).thenThrows('VALIDATION', 'summary is required');
    given(inspection, wasHeld).when(report({ recommendations: [] }), ctx()).thenThrows('VALIDATION', 'recommendations is required');
    given(inspection, wasHeld).when(report({ recommendations: [{ text: '', unitId: 'hu-dev' }] }), ctx()).thenThrows('VALIDATION', 'recommendations[0].text is required');
    given(inspection, wasHeld).when(report({ recommendations: [{ text: 'x', unitId: 'hu-dev' }, { text: 'y', unitId: 'nowhere' }] }), ctx()).thenThrows('NOT_FOUND', 'addressed unit nowhere');
    given(inspection, wasHeld).when(report({ recommendations: [{ text: 'x', unitId: 'hu-gone' }] }), ctx()).thenThrows('VALIDATION', 'has been dissolved');
  });
});

describe('inspection: following up the recommendations', () => {
  it('records the unit\'s response, its status and its date; several over time, the latest holding', () => {
    given(inspection, wasReported).when(followUp(), ctx()).then([followedUp()]);
    given(inspection, [...wasReported, followedUp()]).when(followUp({ status: 'DONE', text: '已完成', respondedOn: '2025-05-20' }), ctx()).then([followedUp({ status: 'DONE', text: '已完成', respondedOn: '2025-05-20' })]);
    const state = given(inspection, [...wasReported, followedUp(), followedUp({ status: 'DONE', respondedOn: '2025-05-20' })]).state;
    expect(state.stage !== 'NONE' && state.report?.recommendations[0]?.last?.status).toBe('DONE');
  });

  it('records NOT_ADOPTED with its reason, and names the addressed unit in the event', () =>
    given(inspection, wasReported).when(followUp({ number: 2, status: 'NOT_ADOPTED', reason: '资金不足' }), ctx()).then([followedUp({ number: 2, unitId: 'hu-edu', status: 'NOT_ADOPTED', reason: '资金不足' })]));

  it('writes nothing for the same follow-up sent again', () => given(inspection, [...wasReported, followedUp()]).when(followUp(), ctx()).then([]));

  it('refuses NOT_ADOPTED without a reason, an unknown status, a recommendation the report does not have, and a follow-up before the report', () => {
    given(inspection, wasReported).when(followUp({ status: 'NOT_ADOPTED' }), ctx()).thenThrows('VALIDATION', 'gives the reason');
    given(inspection, wasReported).when(followUp({ status: 'MAYBE' }), ctx()).thenThrows('VALIDATION', 'status "MAYBE"');
    given(inspection, wasReported).when(followUp({ number: 3 }), ctx()).thenThrows('NOT_FOUND', 'has no recommendation 3');
    given(inspection, wasReported).when(followUp({ number: 0 }), ctx()).thenThrows('VALIDATION', 'number must be a whole number');
    given(inspection, wasHeld).when(followUp(), ctx()).thenThrows('CONFLICT', 'once the report is recorded');
  });

  it('refuses a response dated before the report, in the future, or before the latest follow-up, and one without text', () => {
    given(inspection, wasReported).when(followUp({ respondedOn: '2025-05-17' }), ctx()).thenThrows('VALIDATION', 'before the report (2025-05-18)');
    given(inspection, wasReported).when(followUp({ respondedOn: '2025-05-21' }), ctx()).thenThrows('VALIDATION', 'is in the future');
    given(inspection, [...wasReported, followedUp({ respondedOn: '2025-05-20' })]).when(followUp({ status: 'DONE', respondedOn: '2025-05-19' }), ctx()).thenThrows('VALIDATION', 'before the latest follow-up');
    given(inspection, wasReported).when(followUp({ text: '' }), ctx()).thenThrows('VALIDATION', 'text is required');
  });
});

describe('inspection rules', () => {
  const set = (changes: Partial<{ reportDueDays: number; responseDueDays: number; dueSoonDays: number; reason: string }> = {}) =>
    ({ type: 'SetInspectionRules', reportDueDays: 20, responseDueDays: 45, dueSoonDays: 5, reason: '主席会议决定', ...changes }) as const;

  it('records new rules with the reason; the rules already in force write nothing', () => {
    given(inspectionRules, []).when(set(), ctx()).then([{ type: 'InspectionRulesSet', data: { reportDueDays: 20, responseDueDays: 45, dueSoonDays: 5, reason: '主席会议决定' } }]);
    given(inspectionRules, []).when(set({ reportDueDays: 30, responseDueDays: 60, dueSoonDays: 7 }), ctx()).then([]);
  });

  it('refuses days out of range and a missing reason, naming the field', () => {
    given(inspectionRules, []).when(set({ reportDueDays: 0 }), ctx()).thenThrows('VALIDATION', 'reportDueDays must be a whole number');
    given(inspectionRules, []).when(set({ responseDueDays: 1.5 }), ctx()).thenThrows('VALIDATION', 'responseDueDays');
    given(inspectionRules, []).when(set({ dueSoonDays: -1 }), ctx()).thenThrows('VALIDATION', 'dueSoonDays');
    given(inspectionRules, []).when(set({ reason: '' }), ctx()).thenThrows('VALIDATION', 'reason is required');
  });
});
