/**
 * The hostile battery's inspections cases, on the real app and a SQLite file: each attempt asserts
 * its code AND that the log's head (`/health`) did not move. Every grant that writes here is
 * tried beyond its reach (a member answering another's invitation or recording attendance, a unit
 * following up another unit's recommendation, a leader, an auditor, a liaison clerk and the
 * proposals office writing, clerks tagging contacts onto a visit), every reader beyond its reach,
 * and malformed inputs (each refused with a coded error naming the field, nothing written).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, committeeDate } from '#domain';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { battery } from './support/battery.js';
import { REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written } }`;
const PLAN = WRITE('planInspection', 'PlanInspectionInput');
const CANCEL = WRITE('cancelInspection', 'CancelInspectionInput');
const INVITE = WRITE('inviteToInspection', 'InviteToInspectionInput');
const ANSWER = WRITE('answerInspectionInvitation', 'AnswerInspectionInvitationInput');
const HOLD = WRITE('holdInspection', 'HoldInspectionInput');
const ATTENDANCE = WRITE('recordInspectionAttendance', 'RecordInspectionAttendanceInput');
const REPORT = WRITE('reportInspection', 'ReportInspectionInput');
const FOLLOW_UP = WRITE('followUpRecommendation', 'FollowUpRecommendationInput');
const RULES = WRITE('setInspectionRules', 'SetInspectionRulesInput');
const LOG = `mutation($input: LogContactInput!) { logContact(input: $input) { position written } }`;

const today = committeeDate(Date.now());
const day = (n: number) => addDays(today, n);
const plan = (inspectionId: string, extra: Record<string, unknown> = {}) => ({ inspectionId, kind: 'INSPECTION', topic: '视察', organiserId: 'sc-eco', startsOn: day(-20), endsOn: day(-19), place: '河西街道', ...extra });
const followUp = (extra: Record<string, unknown> = {}) => ({ inspectionId: 'i1', number: 1, status: 'ACCEPTED', text: '已采纳', respondedOn: today, ...extra });
const meeting = (contactId: string, extra: Record<string, unknown> = {}) => ({ input: { contactId, occurredAt: day(-19), channel: 'VISIT', topic: '座谈', participantIds: ['m-cpc1', 'hu-a'], inspectionId: 'i1', ...extra } });

describe('hostile battery: inspections', () => {
  let app: TestApp;
  const t: Record<string, string> = {};
  const { send, ok, refused, issue } = battery(() => app, t);

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, REGISTER_ORG, { input: { organizationId: 'sc-eco', kind: 'SPECIAL_COMMITTEE', name: '经济委员会' } });
    for (const id of ['hu-a', 'hu-b']) await must(app, REGISTER_ORG, { input: { organizationId: id, kind: 'HANDLING_UNIT', name: id } });
    t.office = await issue('office', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.proposalsOffice = await issue('proposals office', [{ kind: 'PROPOSALS_OFFICE' }]);
    t['hu-a'] = await issue('unit a', [{ kind: 'HANDLING_UNIT', id: 'hu-a' }]);
    t['hu-b'] = await issue('unit b', [{ kind: 'HANDLING_UNIT', id: 'hu-b' }]);
    t['m-cpc1'] = await issue('m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t['m-np'] = await issue('m-np', [{ kind: 'MEMBER', id: 'm-np' }]);
    t['m-cpc2'] = await issue('m-cpc2', [{ kind: 'MEMBER', id: 'm-cpc2' }]);
    t.clerk = app.tokens.RECORDER!;
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    t.admin = app.tokens.ADMIN;
    // i1: held and reported, one recommendation to each unit; i-plan: planned, m-cpc1 and m-np invited; i-later: planned to start in a month.
    await ok('office', PLAN, plan('i1'));
    await ok('office', INVITE, { inspectionId: 'i1', inviteeIds: ['m-cpc1'] });
    await ok('office', HOLD, { inspectionId: 'i1', heldFrom: day(-20), heldTo: day(-19), placesVisited: ['河西街道'], unitIds: ['hu-a'], attendeeIds: ['m-cpc1'] });
    await ok('office', REPORT, { inspectionId: 'i1', reportedOn: day(-10), summary: '报告', recommendations: [{ text: '建议一', unitId: 'hu-a' }, { text: '建议二', unitId: 'hu-b' }] });
    await ok('office', PLAN, plan('i-plan', { startsOn: day(-1), endsOn: day(1) }));
    await ok('office', INVITE, { inspectionId: 'i-plan', inviteeIds: ['m-cpc1', 'm-np'] });
    await ok('office', PLAN, plan('i-later', { startsOn: day(30), endsOn: day(31) }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a member answering another member\'s invitation, or recording attendance, holding, inviting or planning', async () => {
    await refused('FORBIDDEN', () => send('m-np', ANSWER, { input: { inspectionId: 'i-plan', inviteeId: 'm-cpc1', answer: 'DECLINED' } }));
    await refused('FORBIDDEN', () => send('m-cpc1', ATTENDANCE, { input: { inspectionId: 'i1', attendeeIds: ['m-cpc1', 'm-np'], reason: '补记' } }));
    await refused('FORBIDDEN', () => send('m-cpc1', HOLD, { input: { inspectionId: 'i-plan', heldFrom: today, placesVisited: ['x'], attendeeIds: ['m-cpc1'] } }));
    await refused('FORBIDDEN', () => send('m-cpc1', INVITE, { input: { inspectionId: 'i-plan', inviteeIds: ['m-cpc2'] } }));
    await refused('FORBIDDEN', () => send('m-cpc1', PLAN, { input: plan('i-m') }));
    // Its own invitation, but it was never invited: the decider's CONFLICT, nothing written.
    await refused('CONFLICT', () => send('m-cpc2', ANSWER, { input: { inspectionId: 'i-plan', inviteeId: 'm-cpc2', answer: 'ACCEPTED' } }), 'was not invited');
    // Its own invitation, after the visit was held.
    await refused('CONFLICT', () => send('m-cpc1', ANSWER, { input: { inspectionId: 'i1', inviteeId: 'm-cpc1', answer: 'DECLINED' } }), 'before the visit');
  });

  it('a unit following up a recommendation addressed to another unit, or writing the office\'s steps', async () => {
    await refused('FORBIDDEN', () => send('hu-b', FOLLOW_UP, { input: followUp({ number: 1 }) }), 'addressed to hu-a');
    await refused('FORBIDDEN', () => send('hu-a', FOLLOW_UP, { input: followUp({ number: 2 }) }), 'addressed to hu-b');
    await refused('FORBIDDEN', () => send('hu-a', FOLLOW_UP, { input: followUp({ inspectionId: 'i-plan' }) }));
    await refused('FORBIDDEN', () => send('hu-a', REPORT, { input: { inspectionId: 'i1', reportedOn: today, summary: 'x', recommendations: [{ text: 'x', unitId: 'hu-a' }] } }));
    await refused('FORBIDDEN', () => send('hu-a', CANCEL, { input: { inspectionId: 'i-plan', reason: '改期' } }));
    await refused('FORBIDDEN', () => send('hu-a', ANSWER, { input: { inspectionId: 'i-plan', inviteeId: 'm-cpc1', answer: 'ACCEPTED' } }));
    // Its own, but a recommendation the report does not have: NOT_FOUND.
    await refused('NOT_FOUND', () => send('hu-a', FOLLOW_UP, { input: followUp({ number: 7 }) }), 'recommendation 7');
  });

  it('a leader, an auditor, an administrator, a liaison clerk and the proposals office writing the office\'s inspections', async () => {
    await refused('FORBIDDEN', () => send('leader', PLAN, { input: plan('i-x') }));
    await refused('FORBIDDEN', () => send('leader', FOLLOW_UP, { input: followUp() }));
    await refused('FORBIDDEN', () => send('auditor', CANCEL, { input: { inspectionId: 'i-plan', reason: '改期' } }));
    await refused('FORBIDDEN', () => send('admin', PLAN, { input: plan('i-x') }));
    await refused('FORBIDDEN', () => send('clerk', PLAN, { input: plan('i-x') }));
    await refused('FORBIDDEN', () => send('proposalsOffice', HOLD, { input: { inspectionId: 'i-plan', heldFrom: today, placesVisited: ['x'], attendeeIds: ['m-cpc1'] } }));
    await refused('FORBIDDEN', () => send('leader', RULES, { input: { reportDueDays: 10, responseDueDays: 10, dueSoonDays: 1, reason: 'x' } }));
    await refused('FORBIDDEN', () => send('hu-a', RULES, { input: { reportDueDays: 10, responseDueDays: 10, dueSoonDays: 1, reason: 'x' } }));
  });

  it('a contact serving an inspection recorded by anyone but the committee office', async () => {
    await refused('FORBIDDEN', () => send('clerk', LOG, meeting('c-x1', { participantIds: ['m-cpc1', 'm-np'], liaisonGroupId: 'lg-hexi' })), 'committee office');
    await refused('FORBIDDEN', () => send('leader', LOG, meeting('c-x2')));
    await refused('FORBIDDEN', () => send('hu-a', LOG, meeting('c-x3')));
    await refused('FORBIDDEN', () => send('m-cpc1', LOG, meeting('c-x4')));
    // The office may; then nobody else may correct or retract it.
    await ok('office', LOG, meeting('c-ok').input);
    await refused('FORBIDDEN', () => send('clerk', `mutation($input: RetractContactInput!) { retractContact(input: $input) { position } }`, { input: { contactId: 'c-ok', reason: 'x' } }));
    // A visit that is cancelled or not yet begun serves no contact (the decider's CONFLICT).
    await refused('CONFLICT', () => send('office', LOG, meeting('c-x5', { inspectionId: 'i-later' })), 'to start on');
    await refused('NOT_FOUND', () => send('office', LOG, meeting('c-x6', { inspectionId: 'i-none' })), 'i-none');
  });

  it('readers beyond their reach: a member not invited, a unit not addressed, figures read by a member or a unit', async () => {
    await refused('FORBIDDEN', () => send('m-cpc2', `{ inspection(id: "i1") { id } }`));
    await refused('FORBIDDEN', () => send('hu-b', `{ inspection(id: "i-plan") { id } }`));
    await refused('FORBIDDEN', () => send('m-cpc1', `{ inspectionCounts { planned } }`));
    await refused('FORBIDDEN', () => send('hu-a', `{ overdueInspectionReports { daysOverdue } }`));
    await refused('FORBIDDEN', () => send('hu-a', `{ recommendationStandings(unitId: "hu-b") { unitId } }`));
    await refused('FORBIDDEN', () => send('m-cpc1', `{ inspectionAttendance(year: ${today.slice(0, 4)}, memberId: "m-np") { memberId } }`));
    await refused('FORBIDDEN', () => send('clerk', `{ recommendationStandings { unitId } }`));
    expect((await send('m-cpc2', `{ inspections { totalCount } }`)).data.inspections.totalCount).toBe(0);
    expect((await send('clerk', `{ inspections { totalCount } }`)).data.inspections.totalCount).toBe(0);
    // A unit reads only its own recommendation of i1, and its own follow-ups in the timeline.
    const seen = (await send('hu-b', `{ inspection(id: "i1") { recommendations { number unitId } timeline { type data } } }`)).data.inspection;
    expect(seen.recommendations).toEqual([{ number: 2, unitId: 'hu-b' }]);
    expect(seen.timeline.find((s: { type: string }) => s.type === 'InspectionReported').data).not.toContain('hu-a');
  });

  it('malformed inputs: coded errors naming the field, nothing written', async () => {
    await refused('VALIDATION', () => send('office', PLAN, { input: plan('a/b') }), 'inspectionId');
    await refused('VALIDATION', () => send('office', PLAN, { input: plan('rules-committee') }), 'reserved');
    await refused('VALIDATION', () => send('office', PLAN, { input: plan('i-bad', { startsOn: '2025-02-30' }) }), 'startsOn');
    await refused('VALIDATION', () => send('office', PLAN, { input: plan('i-bad', { endsOn: day(-30) }) }), 'endsOn');
    await refused('VALIDATION', () => send('office', PLAN, { input: plan('i-bad', { organiserId: 'dp-cdl' }) }), 'organiserId');
    await refused('NOT_FOUND', () => send('office', PLAN, { input: plan('i-bad', { organiserId: 'nobody' }) }), 'organiser nobody');
    await refused('VALIDATION', () => send('office', PLAN, { input: plan('i-bad', { topic: 'a\u0000b' }) }), 'topic');
    await refused('BAD_USER_INPUT', () => send('office', PLAN, { input: plan('i-bad', { kind: 'PICNIC' }) }));
    await refused('VALIDATION', () => send('office', HOLD, { input: { inspectionId: 'i-plan', heldFrom: day(1), placesVisited: ['x'], attendeeIds: ['m-cpc1'] } }), 'heldFrom');
    await refused('VALIDATION', () => send('office', HOLD, { input: { inspectionId: 'i-plan', heldFrom: today, placesVisited: [], attendeeIds: ['m-cpc1'] } }), 'placesVisited');
    await refused('NOT_FOUND', () => send('office', HOLD, { input: { inspectionId: 'i-plan', heldFrom: today, placesVisited: ['x'], attendeeIds: ['m-ghost'] } }), 'attendee m-ghost');
    await refused('NOT_FOUND', () => send('office', INVITE, { input: { inspectionId: 'i-plan', inviteeIds: ['m-ghost'] } }), 'inviteeIds');
    await refused('VALIDATION', () => send('office', REPORT, { input: { inspectionId: 'i1', reportedOn: today, summary: 'x', recommendations: [] } }), 'recommendations');
    await refused('CONFLICT', () => send('office', REPORT, { input: { inspectionId: 'i-plan', reportedOn: today, summary: 'x', recommendations: [{ text: 'x', unitId: 'hu-a' }] } }), 'is PLANNED');
    await refused('VALIDATION', () => send('hu-a', FOLLOW_UP, { input: followUp({ status: 'NOT_ADOPTED' }) }), 'reason');
    await refused('VALIDATION', () => send('hu-a', FOLLOW_UP, { input: followUp({ respondedOn: day(1) }) }), 'respondedOn');
    await refused('VALIDATION', () => send('hu-a', FOLLOW_UP, { input: followUp({ respondedOn: day(-11) }) }), 'before the report');
    await refused('VALIDATION', () => send('hu-a', FOLLOW_UP, { input: followUp({ number: 0 }) }), 'number');
    await refused('BAD_USER_INPUT', () => send('hu-a', FOLLOW_UP, { input: followUp({ status: 'DONE-ish' }) }));
    await refused('NOT_FOUND', () => send('office', CANCEL, { input: { inspectionId: 'i-none', reason: 'x' } }), 'i-none');
    await refused('VALIDATION', () => send('office', CANCEL, { input: { inspectionId: 'i-plan', reason: ' ' } }), 'reason');
    await refused('VALIDATION', () => send('office', RULES, { input: { reportDueDays: 0, responseDueDays: 10, dueSoonDays: 1, reason: 'x' } }), 'reportDueDays');
    await refused('VALIDATION', () => send('leader', `{ overdueInspectionReports(first: 0) { daysOverdue } }`), 'first');
    await refused('VALIDATION', () => send('leader', `{ inspectionCounts(year: 3000) { planned } }`), 'year');
    await refused('VALIDATION', () => send('leader', `{ overdueInspectionReports(on: "2025-13-01") { daysOverdue } }`), 'on');
  });
});
