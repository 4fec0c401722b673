/**
 * One inspection's whole life on the booted API and a SQLite file, each step by the token whose
 * work it is: the committee office sets N = 30 and M = 20 days, plans a special committee's
 * inspection (and two more: one cancelled, one still pending), invites two members; one accepts
 * and one declines with their own tokens; the office records the visit with who attended (a member
 * not invited among them) and a meeting with a unit as a contact serving the inspection; the
 * report comes late with three recommendations to two units; each unit follows up its own (one
 * twice, one not adopted, late). Overdue reports and responses are read on the "on" dates either
 * side of each deadline and after the report and the response, and earlier moments (asOf) answer
 * what they said then.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, committeeDate } from '#domain';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { REGISTER_MEMBER, REGISTER_ORG, buildSmallNetwork, member, must } from './support/smallNetwork.js';

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written version } }`;
const M = {
  rules: WRITE('setInspectionRules', 'SetInspectionRulesInput'),
  plan: WRITE('planInspection', 'PlanInspectionInput'),
  cancel: WRITE('cancelInspection', 'CancelInspectionInput'),
  invite: WRITE('inviteToInspection', 'InviteToInspectionInput'),
  answer: WRITE('answerInspectionInvitation', 'AnswerInspectionInvitationInput'),
  hold: WRITE('holdInspection', 'HoldInspectionInput'),
  attendance: WRITE('recordInspectionAttendance', 'RecordInspectionAttendanceInput'),
  report: WRITE('reportInspection', 'ReportInspectionInput'),
  followUp: WRITE('followUpRecommendation', 'FollowUpRecommendationInput'),
  contact: WRITE('logContact', 'LogContactInput'),
};

const INSPECTION = `query($id: ID!, $asOf: String, $on: String) { inspection(id: $id, asOf: $asOf, on: $on) {
  id kind stage year organiserKind organiserName startsOn attendeeIds reportDeadlineState reportDaysOverdue
  invitations { inviteeId answer reason attended } held { heldFrom heldTo unitIds reportDueOn } report { reportedOn summary }
  recommendations { number unitId responseDueOn status deadlineState daysOverdue followUps { status reason respondedOn } }
  contacts { contactId participantIds } timeline { type actor reason } } }`;
const OVERDUE_REPORTS = `query($on: String, $asOf: String) { overdueInspectionReports(on: $on, asOf: $asOf) { inspection { id } daysOverdue } }`;
const OVERDUE_RESPONSES = `query($on: String, $asOf: String) { overdueRecommendations(on: $on, asOf: $asOf) { inspection { id } recommendation { number unitId } daysOverdue } }`;
const COUNTS = `query($year: Int, $asOf: String) { inspectionCounts(year: $year, asOf: $asOf) { year organiserKind organiserId organiserName planned held reported cancelled pending } }`;
const ATTENDANCE = `query($year: Int!, $memberId: ID, $asOf: String) { inspectionAttendance(year: $year, memberId: $memberId, asOf: $asOf) { memberId invited accepted declined attended attendedInvited rate } }`;
const STANDINGS = `query($year: Int, $on: String, $asOf: String) { recommendationStandings(year: $year, on: $on, asOf: $asOf) { unitId unitName recommendations byStatus { status count } due onTime late overdue shareOnTime } }`;
const LIST = `query($year: Int, $memberId: ID) { inspections(year: $year, memberId: $memberId) { totalCount edges { node { id stage } } } }`;

const today = committeeDate(Date.now());
const day = (n: number) => addDays(today, n);
/** The visit: three days ending 100 days ago; the report is due N = 30 days after its last day. */
const HELD_FROM = day(-102);
const HELD_TO = day(-100);
const REPORT_DUE = day(-70);
/** The report, late, 50 days ago; each first response is due M = 20 days after it. */
const REPORTED_ON = day(-50);
const RESPONSE_DUE = day(-30);
const YEAR = Number(HELD_FROM.slice(0, 4));

describe('an inspection from plan to every recommendation\'s follow-up, on the running app', () => {
  let app: TestApp;
  const t: Record<string, string> = {};
  const as = (who: string) => ({ token: t[who]! });
  const write = async (who: string, mutation: string, input: Record<string, unknown>): Promise<number> => {
    const res = await app.gql(mutation, { input }, as(who));
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return (Object.values(res.data as object)[0] as { position: number }).position;
  };
  const read = async (query: string, variables: Record<string, unknown> = {}, who = 'leader') => {
    const res = await app.gql(query, variables, as(who));
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const inspection = async (variables: Record<string, unknown> = {}, who = 'leader') => (await read(INSPECTION, { id: 'i1', ...variables }, who)).inspection;
  const overdueReports = async (on?: string, asOf?: string) => (await read(OVERDUE_REPORTS, { on, asOf })).overdueInspectionReports.map((o: { inspection: { id: string }; daysOverdue: number }) => [o.inspection.id, o.daysOverdue]);
  const overdueResponses = async (on?: string, asOf?: string) =>
    (await read(OVERDUE_RESPONSES, { on, asOf })).overdueRecommendations.map((o: { recommendation: { number: number; unitId: string }; daysOverdue: number }) => [o.recommendation.number, o.recommendation.unitId, o.daysOverdue]);
  const counts = async (asOf?: string) => (await read(COUNTS, { year: YEAR, asOf })).inspectionCounts;
  const marks: Record<string, number> = {};

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, REGISTER_ORG, { input: { organizationId: 'sc-eco', kind: 'SPECIAL_COMMITTEE', name: '经济委员会' } });
    for (const [id, name] of [['hu-dev', '市发展和改革委员会'], ['hu-edu', '市教育局']]) await must(app, REGISTER_ORG, { input: { organizationId: id, kind: 'HANDLING_UNIT', name } });
    await must(app, REGISTER_MEMBER, { input: member('m-econ', 'NON_PARTY') });
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => {
      const res = await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN });
      if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
      return res.data.issueToken.token as string;
    };
    t.office = await issue('政协办公室', [{ kind: 'COMMITTEE_OFFICE' }]);
    t['hu-dev'] = await issue('发改委联络员', [{ kind: 'HANDLING_UNIT', id: 'hu-dev' }]);
    t['hu-edu'] = await issue('教育局联络员', [{ kind: 'HANDLING_UNIT', id: 'hu-edu' }]);
    t['m-cpc1'] = await issue('委员 m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t['m-np'] = await issue('委员 m-np', [{ kind: 'MEMBER', id: 'm-np' }]);
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    await write('office', M.rules, { reportDueDays: 30, responseDueDays: 20, dueSoonDays: 7, reason: '主席会议决定' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('plan and invite: the office plans three inspections, cancels one, and invites two members', async () => {
    marks.start = (await app.health()).head;
    await write('office', M.plan, { inspectionId: 'i1', kind: 'INSPECTION', topic: '乡村振兴重点项目推进情况', organiserId: 'sc-eco', startsOn: HELD_FROM, endsOn: HELD_TO, place: '河西街道' });
    await write('office', M.plan, { inspectionId: 'i2', kind: 'STUDY_VISIT', topic: '学习先进地区经验', organiserId: 'CHAIRS', startsOn: HELD_FROM, place: '西宁' });
    await write('office', M.plan, { inspectionId: 'i3', kind: 'INSPECTION', topic: '生态保护', organiserId: 'sec-econ', startsOn: HELD_FROM, place: '昆仑路' });
    await write('office', M.cancel, { inspectionId: 'i3', reason: '防汛任务' });
    await write('office', M.invite, { inspectionId: 'i1', inviteeIds: ['m-cpc1', 'm-np'] });
    const i = await inspection();
    expect([i.stage, i.organiserKind, i.organiserName, i.year]).toEqual(['PLANNED', 'SPECIAL_COMMITTEE', '经济委员会', YEAR]);
    expect(i.invitations.map((x: { inviteeId: string; answer: string | null }) => [x.inviteeId, x.answer])).toEqual([['m-cpc1', null], ['m-np', null]]);
    expect(i.reportDeadlineState).toBeNull();
    expect(await counts()).toEqual([
      { year: YEAR, organiserKind: 'CHAIRS', organiserId: 'CHAIRS', organiserName: '主席会议', planned: 1, held: 0, reported: 0, cancelled: 0, pending: 1 },
      { year: YEAR, organiserKind: 'SPECIAL_COMMITTEE', organiserId: 'sc-eco', organiserName: '经济委员会', planned: 1, held: 0, reported: 0, cancelled: 0, pending: 1 },
      { year: YEAR, organiserKind: 'SECTOR', organiserId: 'sec-econ', organiserName: '经济界', planned: 1, held: 0, reported: 0, cancelled: 1, pending: 0 },
    ]);
  });

  it('answers: each member answers its own invitation with its own token, and reads the inspection it was invited to', async () => {
    await write('m-cpc1', M.answer, { inspectionId: 'i1', inviteeId: 'm-cpc1', answer: 'ACCEPTED' });
    await write('m-np', M.answer, { inspectionId: 'i1', inviteeId: 'm-np', answer: 'DECLINED', reason: '同期出差' });
    const seen = await inspection({}, 'm-np');
    expect(seen.invitations.map((x: { inviteeId: string; answer: string; reason: string }) => [x.inviteeId, x.answer, x.reason])).toEqual([['m-cpc1', 'ACCEPTED', ''], ['m-np', 'DECLINED', '同期出差']]);
    expect((await read(LIST, {}, 'm-np')).inspections.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['i1']);
    marks.answered = (await app.health()).head;
  });

  it('hold: the visit with its attendance (a member not invited attended), and a meeting with a unit that is a contact serving it', async () => {
    await write('office', M.hold, { inspectionId: 'i1', heldFrom: HELD_FROM, heldTo: HELD_TO, placesVisited: ['河西街道', '郭勒木德镇'], unitIds: ['hu-dev'], attendeeIds: ['m-cpc1'] });
    await write('office', M.attendance, { inspectionId: 'i1', attendeeIds: ['m-cpc1', 'm-econ', 'p-sec'], reason: '补记随行委员和街道干部' });
    await write('office', M.contact, { contactId: 'c-visit', participantIds: ['m-cpc1', 'm-econ', 'hu-dev'], occurredAt: `${day(-101)}T10:00`, channel: 'VISIT', topic: '视察座谈', inspectionId: 'i1' });
    const i = await inspection();
    expect(i.stage).toBe('HELD');
    expect(i.held).toEqual({ heldFrom: HELD_FROM, heldTo: HELD_TO, unitIds: ['hu-dev'], reportDueOn: REPORT_DUE });
    expect(i.attendeeIds).toEqual(['m-cpc1', 'm-econ', 'p-sec']);
    expect(i.invitations.map((x: { attended: boolean }) => x.attended)).toEqual([true, false]);
    expect(i.contacts).toEqual([{ contactId: 'c-visit', participantIds: ['m-cpc1', 'm-econ', 'hu-dev'] }]);
    // The meeting counts in the network like any contact: it is on the unit's timeline.
    const timeline = await read(`query { timeline(partyId: "hu-dev") { edges { node { id } } } }`);
    expect(timeline.timeline.edges.map((e: { node: { id: string } }) => e.node.id)).toContain('c-visit');
    marks.held = (await app.health()).head;
  });

  it('an overdue report shows on the right "on" dates: not the day before the deadline, from the day after; nothing written to make it', async () => {
    const head = (await app.health()).head;
    expect(await overdueReports(day(-71))).toEqual([]);
    expect((await inspection({ on: day(-71) })).reportDeadlineState).toBe('DUE_SOON');
    expect(await overdueReports(REPORT_DUE)).toEqual([]);
    expect(await overdueReports(day(-69))).toEqual([['i1', 1]]);
    expect(await overdueReports()).toEqual([['i1', 70]]);
    expect((await inspection({ on: day(-69) })).reportDeadlineState).toBe('OVERDUE');
    expect((await app.health()).head).toBe(head);
  });

  it('report: late, with numbered recommendations to two units; no longer overdue from its date, still overdue on the days before it', async () => {
    await write('office', M.report, {
      inspectionId: 'i1',
      reportedOn: REPORTED_ON,
      summary: '关于乡村振兴重点项目推进情况的视察报告',
      recommendations: [
        { text: '加快项目审批', unitId: 'hu-dev' },
        { text: '加强农村学校建设', unitId: 'hu-edu' },
        { text: '统筹资金保障', unitId: 'hu-dev' },
      ],
    });
    expect(await overdueReports()).toEqual([]);
    expect(await overdueReports(REPORTED_ON)).toEqual([]);
    expect(await overdueReports(day(-51))).toEqual([['i1', 19]]);
    const i = await inspection();
    expect([i.stage, i.reportDeadlineState, i.reportDaysOverdue]).toEqual(['REPORTED', 'REPLIED_LATE', 20]);
    expect(i.recommendations.map((r: { number: number; unitId: string; responseDueOn: string; status: string | null }) => [r.number, r.unitId, r.responseDueOn, r.status])).toEqual([
      [1, 'hu-dev', RESPONSE_DUE, null],
      [2, 'hu-edu', RESPONSE_DUE, null],
      [3, 'hu-dev', RESPONSE_DUE, null],
    ]);
    // A unit reads only what is addressed to it.
    expect((await inspection({}, 'hu-edu')).recommendations.map((r: { number: number }) => r.number)).toEqual([2]);
    marks.reported = (await app.health()).head;
  });

  it('follow-ups: each unit its own; overdue responses show on the right "on" dates and stop with the response', async () => {
    await write('hu-dev', M.followUp, { inspectionId: 'i1', number: 1, status: 'ACCEPTED', text: '已列入年度计划', respondedOn: day(-45) });
    await write('hu-dev', M.followUp, { inspectionId: 'i1', number: 3, status: 'IN_PROGRESS', text: '正在统筹', respondedOn: day(-35) });
    // Recommendation 2 is unanswered: due on RESPONSE_DUE, not overdue the day before, overdue from the day after.
    expect(await overdueResponses(day(-31))).toEqual([]);
    expect((await inspection({ on: day(-31) })).recommendations[1].deadlineState).toBe('DUE_SOON');
    expect(await overdueResponses(day(-29))).toEqual([[2, 'hu-edu', 1]]);
    expect(await overdueResponses()).toEqual([[2, 'hu-edu', 30]]);
    await write('hu-edu', M.followUp, { inspectionId: 'i1', number: 2, status: 'NOT_ADOPTED', text: '经研究暂不采纳', reason: '资金已列入下一年度', respondedOn: day(-10) });
    await write('hu-dev', M.followUp, { inspectionId: 'i1', number: 1, status: 'DONE', text: '审批时限压缩一半', respondedOn: day(-5) });
    expect(await overdueResponses()).toEqual([]);
    expect(await overdueResponses(day(-10))).toEqual([]);
    expect(await overdueResponses(day(-11))).toEqual([[2, 'hu-edu', 19]]);
    const i = await inspection();
    expect(i.recommendations.map((r: { number: number; status: string; deadlineState: string; followUps: unknown[] }) => [r.number, r.status, r.deadlineState, r.followUps.length])).toEqual([
      [1, 'DONE', 'REPLIED_ON_TIME', 2],
      [2, 'NOT_ADOPTED', 'REPLIED_LATE', 1],
      [3, 'IN_PROGRESS', 'REPLIED_ON_TIME', 1],
    ]);
    expect(i.recommendations[1].followUps).toEqual([{ status: 'NOT_ADOPTED', reason: '资金已列入下一年度', respondedOn: day(-10) }]);
    // The status that held on an earlier day: recommendation 1 was ACCEPTED until its DONE.
    expect((await inspection({ on: day(-6) })).recommendations[0].status).toBe('ACCEPTED');
    expect(i.timeline.map((s: { type: string }) => s.type)).toEqual([
      'InspectionPlanned',
      'InspectionInvitationSent',
      'InspectionInvitationSent',
      'InspectionInvitationAnswered',
      'InspectionInvitationAnswered',
      'InspectionHeld',
      'InspectionAttendanceRecorded',
      'InspectionReported',
      'RecommendationFollowedUp',
      'RecommendationFollowedUp',
      'RecommendationFollowedUp',
      'RecommendationFollowedUp',
    ]);
    expect(i.timeline[3].actor).toBe('委员 m-cpc1');
    expect(i.timeline[6].reason).toBe('补记随行委员和街道干部');
    // A unit's timeline holds only its own follow-ups.
    expect((await inspection({}, 'hu-edu')).timeline.filter((s: { type: string }) => s.type === 'RecommendationFollowedUp')).toHaveLength(1);
  });

  it('the figures: recommendations by status per unit and the share answered within M days, attendance per member, planned vs held', async () => {
    const standings = (await read(STANDINGS, { year: Number(REPORTED_ON.slice(0, 4)) })).recommendationStandings;
    const brief = (s: { unitId: string; byStatus: Array<{ status: string; count: number }>; due: number; onTime: number; late: number; overdue: number; shareOnTime: number | null }) => [
      s.unitId,
      Object.fromEntries(s.byStatus.filter((b) => b.count > 0).map((b) => [b.status, b.count])),
      s.due,
      s.onTime,
      s.late,
      s.overdue,
      s.shareOnTime,
    ];
    expect(standings.map(brief)).toEqual([
      ['hu-dev', { DONE: 1, IN_PROGRESS: 1 }, 2, 2, 0, 0, 1],
      ['hu-edu', { NOT_ADOPTED: 1 }, 1, 0, 1, 0, 0],
    ]);
    // On the day after the deadline, before the late answer: hu-edu's one recommendation was overdue and unanswered.
    expect((await read(STANDINGS, { on: day(-29) })).recommendationStandings.map(brief)).toEqual([
      ['hu-dev', { ACCEPTED: 1, IN_PROGRESS: 1 }, 2, 2, 0, 0, 1],
      ['hu-edu', { NONE: 1 }, 1, 0, 0, 1, 0],
    ]);
    // A unit reads its own standing only.
    expect((await read(STANDINGS, {}, 'hu-edu')).recommendationStandings.map((s: { unitId: string }) => s.unitId)).toEqual(['hu-edu']);

    expect((await read(ATTENDANCE, { year: YEAR })).inspectionAttendance).toEqual([
      { memberId: 'm-cpc1', invited: 1, accepted: 1, declined: 0, attended: 1, attendedInvited: 1, rate: 1 },
      { memberId: 'm-econ', invited: 0, accepted: 0, declined: 0, attended: 1, attendedInvited: 0, rate: null },
      { memberId: 'm-np', invited: 1, accepted: 0, declined: 1, attended: 0, attendedInvited: 0, rate: 0 },
    ]);
    // A member reads its own attendance.
    expect((await read(ATTENDANCE, { year: YEAR }, 'm-np')).inspectionAttendance.map((a: { memberId: string }) => a.memberId)).toEqual(['m-np']);

    expect((await counts()).find((c: { organiserId: string }) => c.organiserId === 'sc-eco')).toMatchObject({ planned: 1, held: 1, reported: 1, cancelled: 0, pending: 0 });
  });

  it('asOf: earlier moments answer as the record stood then', async () => {
    // Before the visit was recorded: planned, no attendance, no overdue report even on a late "on" date.
    const before = await inspection({ asOf: String(marks.answered) });
    expect([before.stage, before.held, before.attendeeIds, before.recommendations]).toEqual(['PLANNED', null, [], []]);
    expect(before.timeline).toHaveLength(5);
    expect(await overdueReports(day(-60), String(marks.answered))).toEqual([]);
    expect((await read(ATTENDANCE, { year: YEAR, asOf: String(marks.answered) })).inspectionAttendance).toEqual([]);
    // Held, not yet reported: the report was overdue then, read for the day the record stood (the asOf instant's day is today).
    expect(await overdueReports(undefined, String(marks.held))).toEqual([['i1', 70]]);
    expect((await counts(String(marks.held))).find((c: { organiserId: string }) => c.organiserId === 'sc-eco')).toMatchObject({ planned: 1, held: 1, reported: 0 });
    // Reported, nothing followed up: every recommendation was overdue then.
    expect(await overdueResponses(undefined, String(marks.reported))).toEqual([
      [1, 'hu-dev', 30],
      [2, 'hu-edu', 30],
      [3, 'hu-dev', 30],
    ]);
    // Before anything: no inspections at all.
    expect(await counts(String(marks.start))).toEqual([]);
  });

  it('read-your-writes: every figure waits for the position a write answered with, and refuses one beyond the head', async () => {
    // Planned for next year, so this year's figures the tests above checked stay as they were.
    const next = `${YEAR + 1}-03-01`;
    const position = await write('office', M.plan, { inspectionId: 'i-next', kind: 'INSPECTION', topic: '营商环境', organiserId: 'sc-eco', startsOn: next, place: '河东' });
    const counted = await read(`query($p: Float) { inspectionCounts(year: ${YEAR + 1}, atLeastPosition: $p) { organiserId planned pending } }`, { p: position });
    expect(counted.inspectionCounts).toEqual([{ organiserId: 'sc-eco', planned: 1, pending: 1 }]);
    const beyond = position + 1000;
    const figures = [
      `inspectionCounts(atLeastPosition: ${beyond}) { planned }`,
      `inspectionAttendance(year: ${YEAR}, atLeastPosition: ${beyond}) { memberId }`,
      `overdueInspectionReports(atLeastPosition: ${beyond}) { daysOverdue }`,
      `overdueRecommendations(atLeastPosition: ${beyond}) { daysOverdue }`,
      `recommendationStandings(atLeastPosition: ${beyond}) { unitId }`,
    ];
    for (const field of figures) {
      const res = await app.gql(`{ ${field} }`, {}, as('leader'));
      expect([field, res.errors?.[0]?.extensions?.code]).toEqual([field, 'VALIDATION']);
    }
  });
});
