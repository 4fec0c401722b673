import { describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '#domain';
import { DEFAULT_DUTY_POINTS } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import * as ev from '#testing/events';
import { projectionsFrom, record } from '#testing/given';
import { replay } from '../shared/replay/replay.js';
import { ProjectionRunner } from '../shared/runner.js';
import { TimeTravel } from '../shared/timeTravel/timeTravel.js';
import { createProjections } from '../systems.js';
import { DutyProjection } from './duty.projection.js';
import { dutyRecord, dutyRecords } from './duty.queries.js';

const AT = '2020-12-20T02:00:00.000Z';
const proposal = (proposalId: string, proposerId: string, submittedAt: string): DomainEvent => ({
  type: 'ProposalSubmitted',
  data: { proposalId, termId: 't10', sessionId: 'ps-4', occasion: 'SESSION', proposerKind: 'MEMBER', proposerId, title: proposalId, reasons: 'r', suggestions: 's', topicId: null, sourceContactId: null, sourceIssueId: null, submittedAt },
});
const report = (reportId: string, authorIds: string[], submittedOn: string): DomainEvent => ({
  type: 'OpinionReportSubmitted',
  data: { reportId, authorKind: 'MEMBERS', authorIds, title: reportId, situation: 's', suggestions: 's', source: 'NONE', sourceContactId: null, sourceIssueId: null, sourceProposalId: null, submittedOn, submittedAt: AT },
});
const planned = (inspectionId: string, startsOn: string): DomainEvent => ({
  type: 'InspectionPlanned',
  data: { inspectionId, kind: 'INSPECTION', topic: 't', topicId: null, organiserKind: 'CHAIRS', organiserId: 'CHAIRS', startsOn, endsOn: startsOn, place: 'p', plannedAt: AT },
});
const invited = (inspectionId: string, inviteeId: string): DomainEvent => ({ type: 'InspectionInvitationSent', data: { inspectionId, inviteeId, inviteeKind: 'MEMBER', invitedAt: AT } });
const c1 = ev.contact('c1', '2020-03-01', ['m1', 'm2'], { links: ['l1'] });

/**
 * Members m1 (standing committee), m2 and m3 in term t10 (2017–2022). In 2020: m1 holds link l1
 * (1 a QUARTER: 4 a year) and meets it with four contacts; holds l2 and serves it once, until m3
 * takes it over in June; a contact is corrected from 2020 into 2021 and from m2 to m3, another
 * retracted. m1 leads a filed proposal and a withdrawn one, m2 co-signs the first; m1 writes a
 * report adopted by the committee, by the province and instructed at the city level; m1 is
 * invited to two inspections (one cancelled) and attends one; m1 and m2 are recorded at a plenary
 * sitting, m2's excuse then corrected to an absence.
 */
const history: DomainEvent[] = [
  ev.term('t10', 10, '2017-01-05T09:00+08:00', '2022-01-05T12:00+08:00'),
  ev.plenary('ps-4', '2020-01-06T09:00+08:00', '2020-01-09T12:00+08:00', { termId: 't10', number: 4 }),
  ev.member('m1', { roles: ['STANDING_COMMITTEE'], name: '甲' }),
  ev.member('m2', { name: '乙' }),
  ev.member('m3', { name: '丙' }),
  ev.link('l1', 'm1', 'm2', { min: 1, per: 'QUARTER' }),
  ev.link('l2', 'm1', 'm3', { min: 1, per: 'MONTH' }),
  c1,
  ev.contact('c2', '2020-05-01', ['m1', 'm2'], { links: ['l1'] }),
  ev.contact('c3', '2020-08-01', ['m1', 'm2'], { links: ['l1'] }),
  ev.contact('c4', '2020-11-01', ['m1', 'm2'], { links: ['l1'] }),
  ev.contact('c5', '2020-04-01', ['m1', 'm3'], { links: ['l2'] }),
  ev.reassigned('l2', 'm1', 'm3', '2020-06-01'),
  ev.contact('c6', '2020-07-01', ['m2', 'm3']),
  ev.contact('c7', '2020-07-02', ['m1', 'm3']),
  ev.retracted('c7'),
  proposal('p1', 'm1', '2020-01-07T02:00:00.000Z'),
  { type: 'ProposalCoSigned', data: { proposalId: 'p1', memberId: 'm2', signedAt: '2020-01-07T03:00:00.000Z' } },
  { type: 'ProposalFiled', data: { proposalId: 'p1', termId: 't10', sessionId: 'ps-4', serial: 1, number: '1', filedAt: '2020-01-20T02:00:00.000Z' } },
  proposal('p2', 'm1', '2020-02-07T02:00:00.000Z'),
  { type: 'ProposalWithdrawn', data: { proposalId: 'p2', reason: 'r', withdrawnAt: '2020-02-08T02:00:00.000Z' } },
  { type: 'OpinionRecipientDefined', data: { recipientId: 'prov', name: '省政协', level: 'PROVINCE', kind: 'CPPCC', organizationId: null } },
  report('r1', ['m1'], '2020-03-10'),
  { type: 'OpinionReportAdopted', data: { reportId: 'r1', adoptedOn: '2020-03-20', note: '', decidedAt: AT } },
  { type: 'OpinionRecipientAdopted', data: { reportId: 'r1', recipientId: 'prov', level: 'PROVINCE', adoptedOn: '2020-04-01', note: '', recordedAt: AT } },
  { type: 'OpinionInstructionRecorded', data: { reportId: 'r1', instructionId: 'i1', leaderName: 'L', leaderTitle: '', level: 'CITY', instructedOn: '2020-04-05', text: 't', gist: false, recordedAt: AT } },
  planned('in1', '2020-05-10'),
  invited('in1', 'm1'),
  { type: 'InspectionHeld', data: { inspectionId: 'in1', heldFrom: '2020-05-10', heldTo: '2020-05-10', placesVisited: ['p'], unitIds: [], attendeeIds: ['m1', 'm3'], reportDueOn: '2020-06-09', heldAt: AT } },
  planned('in2', '2020-06-10'),
  invited('in2', 'm1'),
  { type: 'InspectionCancelled', data: { inspectionId: 'in2', reason: 'r', cancelledAt: AT } },
  { type: 'MeetingRecorded', data: { meetingId: 'mt1', kind: 'PLENARY', title: '全体会议', heldOn: '2020-01-06', sessionId: 'ps-4', termId: 't10', recordedAt: AT } },
  {
    type: 'MeetingAttendanceRecorded',
    data: { meetingId: 'mt1', entries: [{ memberId: 'm1', status: 'ATTENDED', leaveReason: '' }, { memberId: 'm2', status: 'EXCUSED', leaveReason: '出差' }], recordedAt: AT },
  },
  { type: 'MeetingAttendanceCorrected', data: { meetingId: 'mt1', memberId: 'm2', status: 'ABSENT', leaveReason: '', reason: '未请假', correctedAt: AT } },
  ev.corrected(c1, { occurredAt: '2021-02-01', participantIds: ['m1', 'm3'] }),
];

const dutyOf = (events: DomainEvent[]) => projectionsFrom(events).get<DutyProjection>(DutyProjection.NAME);

describe('duty records', () => {
  const duty = dutyOf(history);

  it('counts every item of a member\'s year from the record, and pays it under the default table', () => {
    const r = dutyRecord(duty, 'm1', { year: 2020 });
    // c1 moved to 2021: l1 has three contacts in 2020 (served, not met); l2 passed to m3 in June.
    expect(r.counts).toMatchObject({
      contacts: 4,
      linksDue: 1,
      linksServed: 1,
      linksMet: 0,
      proposalsLed: 1,
      proposalsLedFiled: 1,
      proposalsLedWithdrawn: 1,
      opinionsSubmitted: 1,
      opinionsAdopted: 1,
      opinionsAdoptedAtProvince: 1,
      instructionsCity: 1,
      inspectionsInvited: 1,
      inspectionsAttended: 1,
      plenaryAttended: 1,
    });
    const d = DEFAULT_DUTY_POINTS;
    expect(r.points).toBe(4 * d.contact + d.linkServed + d.proposalLed + d.proposalFiled + d.opinionSubmitted + d.opinionAdopted + d.opinionAdoptedAt.PROVINCE + d.instruction.CITY + d.inspectionAttended + d.plenaryAttended);
    expect(r.byYear.map((y) => [y.year, y.fromYear])).toEqual([[2020, null]]);
  });

  it('credits a reassigned link to its holder at the year\'s end, a co-signature, and a corrected absence', () => {
    expect(dutyRecord(duty, 'm3', { year: 2020 }).counts).toMatchObject({ contacts: 2, linksDue: 1, linksServed: 1, linksMet: 0, inspectionsAttended: 1 });
    expect(dutyRecord(duty, 'm2', { year: 2020 }).counts).toMatchObject({ contacts: 4, proposalsCoSigned: 1, proposalsCoSignedFiled: 1, plenaryExcused: 0, plenaryAbsent: 1 });
  });

  it('moves a corrected contact to its new year and participants, and a term sums its years', () => {
    expect([dutyRecord(duty, 'm1', { year: 2021 }).counts.contacts, dutyRecord(duty, 'm3', { year: 2021 }).counts.contacts, dutyRecord(duty, 'm2', { year: 2021 }).counts.contacts]).toEqual([1, 1, 0]);
    const term = dutyRecord(duty, 'm1', { termId: 't10' });
    expect([term.years, term.counts.contacts, term.points]).toEqual([[2017, 2018, 2019, 2020, 2021], 5, dutyRecord(duty, 'm1', { year: 2020 }).points + dutyRecord(duty, 'm1', { year: 2021 }).points]);
  });

  it('skips a contact logged twice, and a correction or retraction of a contact retracted, counting nothing again', () => {
    const set = projectionsFrom([...history, c1, ev.retracted('c7'), ev.corrected(ev.contact('c7', '2020-07-02', ['m1', 'm3']), { participantIds: ['m1', 'm2'] })]);
    const again = set.get<DutyProjection>(DutyProjection.NAME);
    expect([again.skipped, dutyRecords(again, { year: 2020 }, { orderBy: 'memberId' }).map((r) => r.counts.contacts), dutyRecords(again, { year: 2021 }, { orderBy: 'memberId' }).map((r) => r.counts.contacts)]).toEqual([3, [4, 4, 2], [1, 0, 1]]);
  });

  it('recomputes a year under a new table from that year on, the years before keeping theirs', () => {
    const points = { ...DEFAULT_DUTY_POINTS, contact: 10 };
    // 2021: c1 (a contact, 10 now) still serves l1 (served, 1 as before).
    const later = dutyOf([...history, { type: 'DutyPointsRulesSet', data: { fromYear: 2021, points, reason: '新办法' } }]);
    expect([dutyRecord(later, 'm1', { year: 2020 }).points, dutyRecord(later, 'm1', { year: 2021 }).points]).toEqual([dutyRecord(duty, 'm1', { year: 2020 }).points, 10 + 1]);
    expect(dutyRecord(later, 'm1', { year: 2021 }).byYear[0]).toMatchObject({ fromYear: 2021, reason: '新办法', lines: expect.arrayContaining([{ item: 'contact', count: 1, each: 10, points: 10 }]) });
  });

  it('lists every member sorted by any column, ties by id, and refuses an unknown column, member or term', () => {
    expect(dutyRecords(duty, { year: 2020 }, { orderBy: 'contacts', direction: 'DESC' }).map((r) => [r.memberId, r.counts.contacts])).toEqual([
      ['m1', 4],
      ['m2', 4],
      ['m3', 2],
    ]);
    expect(dutyRecords(duty, { year: 2020 }, { orderBy: 'name', direction: 'ASC' }).map((r) => r.name)).toEqual(['丙', '乙', '甲']);
    expect(dutyRecords(duty, { year: 2020 }, { memberIds: ['m2'] }).map((r) => r.memberId)).toEqual(['m2']);
    expect(() => dutyRecords(duty, { year: 2020 }, { orderBy: 'shoeSize' as never })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => dutyRecord(duty, 'm9', { year: 2020 })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => dutyRecord(duty, 'm1', { termId: 't9' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('rebuilds identically, and every time-travel copy answers as the record stood then', async () => {
    const store = new InMemoryEventStore();
    for (const e of record(history)) await store.appendToStream(e.streamId, [{ id: e.id, type: e.type, data: e.data }], { expectedVersion: 'ANY' });
    const runner = new ProjectionRunner(store, createProjections(), { pageSize: 4 });
    const timeTravel = new TimeTravel(store, { snapshotEvery: 7, empty: createProjections });
    timeTravel.attach(runner);
    await runner.catchUp();
    const report = await replay(store, runner.model, { timeTravel });
    expect(report.readModels.filter((r) => !r.identical)).toEqual([]);
    // Before the last event (c1's correction, whose contact was logged before the nearest copy): c1 is m2's in 2020.
    const before = (await timeTravel.modelAt(history.length - 1)).get<DutyProjection>(DutyProjection.NAME);
    expect([dutyRecord(before, 'm2', { year: 2020 }).counts.contacts, dutyRecord(before, 'm1', { year: 2021 }).counts.contacts]).toEqual([5, 0]);
    const now = (await timeTravel.modelAt(history.length)).get<DutyProjection>(DutyProjection.NAME);
    expect(dutyRecords(now, { year: 2020 })).toEqual(dutyRecords(runner.model.get<DutyProjection>(DutyProjection.NAME), { year: 2020 }));
    await store.close();
  });
});
