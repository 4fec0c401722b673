import { describe, expect, it } from '@jest/globals';
import type { DomainEvent, InspectionsEvent } from '#domain';
import { committeeDayStart } from '#domain';
import * as ev from '#testing/events';
import { applyAll, projectionsFrom, record } from '#testing/given';
import { diffProjections } from '../shared/replay/diff.js';
import { ProjectionSet } from '../shared/projection.js';
import { createProjections } from '../systems.js';
import { InspectionsProjection } from './inspections.projection.js';
import { followUpOn, inspectionAttendance, inspectionCounts, listInspections, overdueRecommendations, overdueReports, recommendationStandings } from './inspections.queries.js';

const roster: DomainEvent[] = [
  ev.organization('sc-eco', 'SPECIAL_COMMITTEE'),
  ev.organization('hu-a', 'HANDLING_UNIT'),
  ev.organization('hu-b', 'HANDLING_UNIT'),
  ev.member('m1'),
  ev.member('m2'),
  ev.member('m3'),
  ev.person('p1'),
];
const at = '2025-01-05T02:00:00.000Z';
const planned = (inspectionId: string, startsOn: string): InspectionsEvent => ({
  type: 'InspectionPlanned',
  data: { inspectionId, kind: 'INSPECTION', topic: '视察', topicId: null, organiserKind: 'SPECIAL_COMMITTEE', organiserId: 'sc-eco', startsOn, endsOn: startsOn, place: '河西', plannedAt: at },
});
const invited = (inspectionId: string, inviteeId: string): InspectionsEvent => ({ type: 'InspectionInvitationSent', data: { inspectionId, inviteeId, inviteeKind: 'MEMBER', invitedAt: at } });
const answered = (inspectionId: string, inviteeId: string, answer: 'ACCEPTED' | 'DECLINED'): InspectionsEvent => ({ type: 'InspectionInvitationAnswered', data: { inspectionId, inviteeId, answer, reason: '', answeredAt: at } });
const held = (inspectionId: string, day: string, reportDueOn: string, attendeeIds: string[]): InspectionsEvent => ({
  type: 'InspectionHeld',
  data: { inspectionId, heldFrom: day, heldTo: day, placesVisited: ['河西'], unitIds: ['hu-a'], attendeeIds, reportDueOn, heldAt: at },
});
const reported = (inspectionId: string, reportedOn: string, dueOn: string): InspectionsEvent => ({
  type: 'InspectionReported',
  data: { inspectionId, reportedOn, summary: '报告', recommendations: [{ number: 1, text: '一', unitId: 'hu-a', responseDueOn: dueOn }, { number: 2, text: '二', unitId: 'hu-b', responseDueOn: dueOn }], reportedAt: at },
});
const followedUp = (inspectionId: string, number: number, status: 'ACCEPTED' | 'DONE', respondedOn: string): InspectionsEvent => ({
  type: 'RecommendationFollowedUp',
  data: { inspectionId, number, unitId: number === 1 ? 'hu-a' : 'hu-b', status, text: '回复', reason: '', respondedOn, recordedAt: at },
});
const meeting = (contactId: string, inspectionId: string) => ({ ...ev.contact(contactId, '2025-03-01', ['m1', 'hu-a']), data: { ...ev.contact(contactId, '2025-03-01', ['m1', 'hu-a']).data, inspectionId } });

/** i1: held 1 March, report due 31 March, reported 10 April (late); responses due 10 May, hu-a answers 1 May then 1 June, hu-b never. i2 rescheduled into 2026; i3 cancelled. */
const history: DomainEvent[] = [
  ...roster,
  planned('i1', '2025-03-01'),
  invited('i1', 'm1'),
  invited('i1', 'm2'),
  answered('i1', 'm1', 'ACCEPTED'),
  answered('i1', 'm2', 'DECLINED'),
  held('i1', '2025-03-01', '2025-03-31', ['m1', 'm3', 'p1']),
  meeting('c1', 'i1'),
  meeting('c2', 'i1'),
  reported('i1', '2025-04-10', '2025-05-10'),
  followedUp('i1', 1, 'ACCEPTED', '2025-05-01'),
  followedUp('i1', 1, 'DONE', '2025-06-01'),
  planned('i2', '2025-12-20'),
  { type: 'InspectionRescheduled', data: { inspectionId: 'i2', startsOn: '2026-01-10', endsOn: '2026-01-10', place: '河西', reason: '改期', rescheduledAt: at } },
  planned('i3', '2025-06-01'),
  { type: 'InspectionCancelled', data: { inspectionId: 'i3', reason: '防汛', cancelledAt: at } },
  ev.retracted('c2'),
  { type: 'InspectionHeld', data: { inspectionId: 'nowhere', heldFrom: '2025-03-01', heldTo: '2025-03-01', placesVisited: ['x'], unitIds: [], attendeeIds: ['m1'], reportDueOn: '2025-03-31', heldAt: at } },
];
const inspections = (set = projectionsFrom(history)) => set.get<InspectionsProjection>(InspectionsProjection.NAME);
const day = (date: string) => committeeDayStart(date);

/** What the figures say, for comparing two folds. */
const figures = (p: InspectionsProjection) => ({
  rows: JSON.stringify(p.inspectionAt),
  list: listInspections(p, {}).map((r) => r.id),
  unitLists: ['hu-a', 'hu-b'].map((unitId) => listInspections(p, { unitId }).map((r) => r.id)),
  counts: inspectionCounts(p, null),
  attendance: inspectionAttendance(p, 2025, (id) => id.startsWith('m')),
  reports: overdueReports(p, day('2025-04-05')).map((o) => [o.row.id, o.daysOverdue]),
  responses: overdueRecommendations(p, day('2025-05-20')).map((o) => [o.row.id, o.recommendation.number, o.daysOverdue]),
  standings: recommendationStandings(p, day('2025-07-01'), {}),
  contacts: [...p.contactInspection],
  skipped: p.skipped,
});

describe('the inspections projection', () => {
  it('replayed from the start, gives the same figures; a delivery repeated at an old position changes nothing; an event about an inspection never planned is skipped', () => {
    const first = inspections();
    const again = createProjections();
    const rows = record(history);
    for (const e of rows) again.apply(e);
    for (const e of rows.slice(0, 10)) again.apply(e);
    expect(figures(inspections(again))).toEqual(figures(first));
    expect(first.skipped).toBe(1);
    // The replay check's structural diff (CLI replay) finds nothing between two folds, nor between a copy and the original.
    const only = (p: InspectionsProjection) => Object.assign(new ProjectionSet([p]), { position: 1 });
    expect(diffProjections(only(first), only(inspections(again)))).toEqual([]);
    expect(diffProjections(only(first.copyForTimeTravel()), only(first))).toEqual([]);
  });

  it('a copy for time travel answers as the original did when copied, whatever the original folds afterwards', () => {
    const cut = history.findIndex((e) => e.type === 'InspectionReported');
    const set = projectionsFrom(history.slice(0, cut));
    const copy = inspections(set).copyForTimeTravel();
    const before = figures(copy);
    applyAll(set, history.slice(cut));
    expect(figures(copy)).toEqual(before);
    expect(before).toEqual(figures(inspections(projectionsFrom(history.slice(0, cut)))));
    expect(figures(inspections(set))).not.toEqual(before);
  });

  it('derives the report\'s overdue for an "on" date: not on its deadline, from the day after, not from the report\'s date', () => {
    const p = inspections();
    expect(overdueReports(p, day('2025-03-31'))).toEqual([]);
    expect(overdueReports(p, day('2025-04-01')).map((o) => [o.row.id, o.daysOverdue])).toEqual([['i1', 1]]);
    expect(overdueReports(p, day('2025-04-09')).map((o) => o.daysOverdue)).toEqual([9]);
    expect(overdueReports(p, day('2025-04-10'))).toEqual([]);
  });

  it('derives each response\'s state, and the status that held on a day', () => {
    const p = inspections();
    expect(overdueRecommendations(p, day('2025-05-10'))).toEqual([]);
    expect(overdueRecommendations(p, day('2025-05-11')).map((o) => [o.recommendation.unitId, o.daysOverdue])).toEqual([['hu-b', 1]]);
    expect(overdueRecommendations(p, day('2025-05-11'), 'hu-a')).toEqual([]);
    const r1 = p.inspections.get('i1')!.recommendations[0]!;
    expect([followUpOn(r1, day('2025-04-30'))?.status ?? null, followUpOn(r1, day('2025-05-01'))?.status, followUpOn(r1, day('2025-06-01'))?.status]).toEqual([null, 'ACCEPTED', 'DONE']);
    const standings = recommendationStandings(p, day('2025-05-20'), { year: 2025 });
    expect(standings.map((s) => [s.unitId, s.onTime, s.overdue, s.shareOnTime, s.byStatus.filter((b) => b.count).map((b) => b.status)])).toEqual([
      ['hu-a', 1, 0, 1, ['ACCEPTED']],
      ['hu-b', 0, 1, 0, ['NONE']],
    ]);
    expect(recommendationStandings(p, day('2025-05-20'), { year: 2024 })).toEqual([]);
    expect(recommendationStandings(p, day('2025-05-20'), { unitId: 'hu-x' })).toEqual([{ unitId: 'hu-x', recommendations: 0, byStatus: expect.any(Array), due: 0, onTime: 0, late: 0, overdue: 0, shareOnTime: null }]);
  });

  it('a standing asked again the same committee day is the one remembered, until a report or a follow-up changes the unit', () => {
    const last = history.findLastIndex((e) => e.type === 'RecommendationFollowedUp');
    const set = projectionsFrom(history.slice(0, last));
    const p = inspections(set);
    const morning = day('2025-07-01') + 3 * 3600_000;
    const first = recommendationStandings(p, morning, {});
    // Later the same day: the same answer, not worked out again.
    expect(recommendationStandings(p, morning + 8 * 3600_000, {})[0]).toBe(first[0]);
    const status = (standings: ReturnType<typeof recommendationStandings>) => standings.map((u) => [u.unitId, u.byStatus.filter((b) => b.count).map((b) => b.status)]);
    expect(status(first)).toEqual([['hu-a', ['ACCEPTED']], ['hu-b', ['NONE']]]);
    // hu-a's second follow-up (DONE on 1 June) changes hu-a's standing for the same day; hu-b's is kept.
    applyAll(set, history.slice(last, last + 1));
    const after = recommendationStandings(p, morning, {});
    expect(status(after)).toEqual([['hu-a', ['DONE']], ['hu-b', ['NONE']]]);
    expect(after[1]).toBe(first[1]);
    expect(after).toEqual(recommendationStandings(inspections(projectionsFrom(history.slice(0, last + 1))), morning, {}));
  });

  it('counts planned vs held per organiser and year (a rescheduled visit moves year), and attendance per member (persons aside)', () => {
    const p = inspections();
    expect(inspectionCounts(p, 2025)).toEqual([{ year: 2025, organiserKind: 'SPECIAL_COMMITTEE', organiserId: 'sc-eco', planned: 2, held: 1, reported: 1, cancelled: 1, pending: 0 }]);
    expect(inspectionCounts(p, 2026)).toEqual([{ year: 2026, organiserKind: 'SPECIAL_COMMITTEE', organiserId: 'sc-eco', planned: 1, held: 0, reported: 0, cancelled: 0, pending: 1 }]);
    expect(listInspections(p, { year: 2025 }).map((r) => r.id)).toEqual(['i3', 'i1']);
    // A unit's list: hu-a was met during the visit, hu-b only addressed by the report.
    const cut = history.findIndex((e) => e.type === 'InspectionReported');
    const beforeReport = inspections(projectionsFrom(history.slice(0, cut)));
    expect(['hu-a', 'hu-b'].map((unitId) => listInspections(beforeReport, { unitId }).map((r) => r.id))).toEqual([['i1'], []]);
    expect(['hu-a', 'hu-b', 'hu-x'].map((unitId) => listInspections(p, { unitId }).map((r) => r.id))).toEqual([['i1'], ['i1'], []]);
    expect(listInspections(p, { unitId: 'hu-b', year: 2026 })).toEqual([]);
    expect(inspectionAttendance(p, 2025, (id) => id.startsWith('m'))).toEqual([
      { memberId: 'm1', invited: 1, accepted: 1, declined: 0, attended: 1, attendedInvited: 1, rate: 1 },
      { memberId: 'm2', invited: 1, accepted: 0, declined: 1, attended: 0, attendedInvited: 0, rate: 0 },
      { memberId: 'm3', invited: 0, accepted: 0, declined: 0, attended: 1, attendedInvited: 0, rate: null },
    ]);
    expect(inspectionAttendance(p, 2025, () => true, 'm2').map((a) => a.memberId)).toEqual(['m2']);
  });

  it('lists the contacts that serve an inspection; a retraction or a correction off it removes one', () => {
    const p = inspections();
    expect(p.inspections.get('i1')!.contacts.map((c) => c.contactId)).toEqual(['c1']);
    const c1 = meeting('c1', 'i1');
    const { inspectionId: _off, ...plain } = c1.data;
    const moved = inspections(projectionsFrom([...history, ev.corrected({ ...c1, data: plain }, {})]));
    expect(moved.inspections.get('i1')!.contacts).toEqual([]);
    expect(moved.contactInspection.has('c1')).toBe(false);
  });
});
