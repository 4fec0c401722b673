/**
 * The hostile battery's public-opinion reports cases, on the real app and a SQLite file: each
 * attempt asserts its code AND that the log's head (`/health`) did not move. A member submitting
 * for another member or a body, changing another's report or its own once decided; a unit
 * answering for a report not forwarded to it or for a recipient it does not answer for; a member,
 * a unit or a liaison clerk reading what is not theirs; a leader or an auditor writing; malformed
 * inputs; and two offices issuing at once (each gets its own number of the year, in order; a
 * number another writer claimed in the counter stream is never given again).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, committeeDate } from '#domain';
import { newEventId } from '#event-store/eventId';
import { EventStore } from '#event-store/eventStore';
import { EVENT_STORE } from '../apps/api/src/common/tokens.js';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { battery } from './support/battery.js';
import { REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written } }`;
const SUBMIT = WRITE('submitOpinionReport', 'SubmitOpinionReportInput');
const LOG_CONTACT = `mutation($input: LogContactInput!) { logContact(input: $input) { position written } }`;
const EDIT = WRITE('editOpinionReport', 'EditOpinionReportInput');
const WITHDRAW = WRITE('withdrawOpinionReport', 'WithdrawOpinionReportInput');
const ADOPT = WRITE('adoptOpinionReport', 'AdoptOpinionReportInput');
const COMBINE = WRITE('combineOpinionReports', 'CombineOpinionReportsInput');
const ISSUE_REPORT = WRITE('issueOpinionReport', 'IssueOpinionReportInput');
const FORWARD = WRITE('forwardOpinionReport', 'ForwardOpinionReportInput');
const ADOPTION = WRITE('recordRecipientAdoption', 'RecordRecipientAdoptionInput');
const INSTRUCTION = WRITE('recordLeaderInstruction', 'RecordLeaderInstructionInput');
const FEEDBACK = WRITE('recordOpinionFeedback', 'RecordOpinionFeedbackInput');
const MEDIA = WRITE('recordOpinionMediaPickup', 'RecordOpinionMediaPickupInput');
const RECIPIENT = WRITE('defineOpinionRecipient', 'DefineOpinionRecipientInput');
const CREDIT_RULES = WRITE('setOpinionCreditRules', 'SetOpinionCreditRulesInput');
const NUMBER = `query($id: ID!) { opinionReport(id: $id) { issued { number serial } } }`;

const today = committeeDate(Date.now());
const points = { committeeAdoption: 1, adoption: { city: 2, prefecture: 3, province: 4, national: 6 }, instruction: { city: 3, prefecture: 4, province: 5, national: 10 } };

describe('hostile battery: public-opinion reports', () => {
  let app: TestApp;
  let store: EventStore;
  const t: Record<string, string> = {};
  const { send, ok, refused, issue } = battery(() => app, t);
  /** The refusal names this input field (its `extensions.field`). */
  const field = (name: string) => (error: { extensions?: { field?: string } }) => expect(error.extensions?.field).toBe(name);
  const submit = (who: string, reportId: string, extra: Record<string, unknown> = {}) =>
    ok(who, SUBMIT, { reportId, authorIds: ['m-cpc1'], title: `信息 ${reportId}`, situation: '情况', suggestions: '建议', ...extra });
  const settled = async () => {
    for (let i = 0; i < 100 && (await app.health()).position < (await app.health()).head; i++) await new Promise((r) => setTimeout(r, 20));
  };

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    store = app.app.get<EventStore>(EVENT_STORE);
    await buildSmallNetwork(app);
    for (const id of ['hu-gov', 'hu-edu']) await must(app, REGISTER_ORG, { input: { organizationId: id, kind: 'HANDLING_UNIT', name: id } });
    t.office = await issue('office', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.office2 = await issue('office 2', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.author = await issue('m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.other = await issue('m-cpc2', [{ kind: 'MEMBER', id: 'm-cpc2' }]);
    t.gov = await issue('unit gov', [{ kind: 'HANDLING_UNIT', id: 'hu-gov' }]);
    t.edu = await issue('unit edu', [{ kind: 'HANDLING_UNIT', id: 'hu-edu' }]);
    t.clerk = app.tokens.RECORDER!;
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    await ok('office', RECIPIENT, { recipientId: 'city-gov', name: '市政府', level: 'CITY', kind: 'GOVERNMENT', organizationId: 'hu-gov' });
    await ok('office', RECIPIENT, { recipientId: 'city-edu', name: '市教育局', level: 'CITY', kind: 'DEPARTMENT', organizationId: 'hu-edu' });
    await ok('office', RECIPIENT, { recipientId: 'prov', name: '省政协', level: 'PROVINCE', kind: 'CPPCC' });
    // r1: the author's, adopted, issued and forwarded to the city government only; r-own: the author's, waiting; r-other: m-cpc2's.
    await submit('author', 'r1');
    await ok('office', ADOPT, { reportId: 'r1' });
    await ok('office', ISSUE_REPORT, { reportId: 'r1', signedBy: 'm-pg' });
    await ok('office', FORWARD, { reportId: 'r1', recipientIds: ['city-gov'] });
    await submit('author', 'r-own');
    await submit('other', 'r-other', { authorIds: ['m-cpc2'] });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a member naming as its report\'s source a contact its grants do not reach, or one that does not exist: the same FORBIDDEN', async () => {
    const yesterday = `${addDays(today, -1)}T10:00`;
    await ok('clerk', LOG_CONTACT, { contactId: 'c-others', occurredAt: yesterday, channel: 'VISIT', topic: '走访', participantIds: ['lg-hexi', 'm-np'], liaisonGroupId: 'lg-hexi', issuesRaised: ['道路积水'] });
    const source = (reportId: string, sourceContactId: string) => ({ input: { reportId, authorIds: ['m-cpc1'], title: `信息 ${reportId}`, situation: '情况', suggestions: '建议', sourceContactId } });
    await refused('FORBIDDEN', () => send('author', SUBMIT, source('r-src-1', 'c-others')));
    await refused('FORBIDDEN', () => send('author', SUBMIT, source('r-src-2', 'c-none')));
  });

  it('a member submitting for another member or for a body, or changing another member\'s report', async () => {
    await refused('FORBIDDEN', () => send('author', SUBMIT, { input: { reportId: 'r-x', authorIds: ['m-cpc2'], title: '冒名', situation: 'x', suggestions: 'x' } }));
    await refused('FORBIDDEN', () => send('author', SUBMIT, { input: { reportId: 'r-x', authorIds: ['lg-hexi'], title: '以联络组名义', situation: 'x', suggestions: 'x' } }));
    await refused('FORBIDDEN', () => send('author', EDIT, { input: { reportId: 'r-other', title: '改别人的', note: 'x' } }));
    await refused('FORBIDDEN', () => send('author', WITHDRAW, { input: { reportId: 'r-other', reason: 'x' } }));
    // Resubmitting another member's report id as one's own.
    await refused('FORBIDDEN', () => send('author', SUBMIT, { input: { reportId: 'r-other', authorIds: ['m-cpc1', 'm-cpc2'], title: '信息 r-other', situation: '情况', suggestions: '建议' } }));
  });

  it('a member changing its own report once the office decided, or doing the office\'s work', async () => {
    await refused('FORBIDDEN', () => send('author', EDIT, { input: { reportId: 'r1', title: '采用后再改', note: 'x' } }));
    await refused('FORBIDDEN', () => send('author', WITHDRAW, { input: { reportId: 'r1', reason: 'x' } }));
    await refused('FORBIDDEN', () => send('author', ADOPT, { input: { reportId: 'r-own' } }));
    await refused('FORBIDDEN', () => send('author', ISSUE_REPORT, { input: { reportId: 'r-own', signedBy: 'm-pg' } }));
    await refused('FORBIDDEN', () => send('author', MEDIA, { input: { reportId: 'r1', outlet: '自己的公众号', pickedUpOn: today } }));
    await refused('FORBIDDEN', () => send('author', ADOPTION, { input: { reportId: 'r1', recipientId: 'city-gov', adoptedOn: today } }));
    await refused('FORBIDDEN', () => send('author', FEEDBACK, { input: { reportId: 'r1', recipientId: 'city-gov', text: '自报反馈', receivedOn: today } }));
    await refused('FORBIDDEN', () => send('author', CREDIT_RULES, { input: { fromYear: 2026, points, reason: '自定积分' } }));
    await refused('FORBIDDEN', () => send('author', RECIPIENT, { input: { recipientId: 'x', name: 'x', level: 'CITY', kind: 'OTHER' } }));
  });

  it('a member reading another member\'s reports, the office-wide figures, or another member\'s credit', async () => {
    await refused('FORBIDDEN', () => send('author', `{ opinionReport(id: "r-other") { id title } }`));
    expect((await send('author', `{ opinionReports { totalCount edges { node { id } } } }`)).data.opinionReports).toEqual({ totalCount: 2, edges: [{ node: { id: 'r-own' } }, { node: { id: 'r1' } }] });
    await refused('FORBIDDEN', () => send('author', `{ opinionCounts(year: 2026, by: MEMBER) { total { submitted } } }`));
    await refused('FORBIDDEN', () => send('author', `{ opinionLadder(year: 2026) { submitted } }`));
    await refused('FORBIDDEN', () => send('author', `{ opinionCredit(year: 2026, memberId: "m-cpc2") { fromYear } }`));
    await refused('FORBIDDEN', () => send('author', `{ opinionCredit(year: 2026) { fromYear } }`));
  });

  it('a unit answering for a report not forwarded to it, for a recipient it does not answer for, or doing the office\'s work', async () => {
    await refused('FORBIDDEN', () => send('edu', ADOPTION, { input: { reportId: 'r1', recipientId: 'city-edu', adoptedOn: today } }));
    await refused('FORBIDDEN', () => send('edu', ADOPTION, { input: { reportId: 'r1', recipientId: 'city-gov', adoptedOn: today } }));
    await refused('FORBIDDEN', () => send('edu', FEEDBACK, { input: { reportId: 'r1', recipientId: 'city-edu', text: '冒名反馈', receivedOn: today } }));
    await refused('FORBIDDEN', () => send('gov', FEEDBACK, { input: { reportId: 'r1', text: '不具名反馈', from: '某局', receivedOn: today } }));
    await refused('FORBIDDEN', () => send('gov', ADOPTION, { input: { reportId: 'r1', recipientId: 'prov', adoptedOn: today } }));
    await refused('FORBIDDEN', () => send('gov', INSTRUCTION, { input: { reportId: 'r1', leaderName: '某', level: 'CITY', instructedOn: today, text: '自批' } }));
    await refused('FORBIDDEN', () => send('gov', MEDIA, { input: { reportId: 'r1', outlet: '市政府网站', pickedUpOn: today } }));
    await refused('FORBIDDEN', () => send('gov', SUBMIT, { input: { reportId: 'r-u', authorIds: ['m-cpc1'], title: 'x', situation: 'x', suggestions: 'x' } }));
    // Its own recipient's adoption of a report forwarded to it is its to record.
    await ok('gov', ADOPTION, { reportId: 'r1', recipientId: 'city-gov', adoptedOn: today });
  });

  it('a unit or a liaison clerk reading reports that are not theirs', async () => {
    await refused('FORBIDDEN', () => send('edu', `{ opinionReport(id: "r1") { id } }`));
    await refused('FORBIDDEN', () => send('gov', `{ opinionCredit(year: 2026) { fromYear } }`));
    await refused('FORBIDDEN', () => send('gov', `{ opinionCounts(year: 2026, by: SECTOR) { total { submitted } } }`));
    expect((await send('edu', `{ opinionReports { totalCount } }`)).data.opinionReports.totalCount).toBe(0);
    expect((await send('gov', `{ opinionReports { totalCount edges { node { id } } } }`)).data.opinionReports).toEqual({ totalCount: 1, edges: [{ node: { id: 'r1' } }] });
    await refused('FORBIDDEN', () => send('clerk', `{ opinionReport(id: "r1") { id } }`));
    await refused('FORBIDDEN', () => send('clerk', SUBMIT, { input: { reportId: 'r-c', authorIds: ['lg-hexi'], title: 'x', situation: 'x', suggestions: 'x' } }));
  });

  it('a leader or an auditor writing: they read everything and write nothing here', async () => {
    await refused('FORBIDDEN', () => send('leader', ADOPT, { input: { reportId: 'r-own' } }));
    await refused('FORBIDDEN', () => send('leader', INSTRUCTION, { input: { reportId: 'r1', leaderName: '某', level: 'CITY', instructedOn: today, text: '批示' } }));
    await refused('FORBIDDEN', () => send('auditor', CREDIT_RULES, { input: { fromYear: 2026, points, reason: 'x' } }));
    expect((await send('auditor', `{ opinionReport(id: "r-other") { id timeline { type actor } } }`)).data.opinionReport.timeline).toEqual([{ type: 'OpinionReportSubmitted', actor: 'm-cpc2' }]);
  });

  it('malformed inputs: coded errors naming the field, nothing written', async () => {
    await refused('VALIDATION', () => send('office', SUBMIT, { input: { reportId: 'r-m', authorIds: [], title: 'x', situation: 'x', suggestions: 'x' } }), field('authorIds'));
    await refused('VALIDATION', () => send('office', SUBMIT, { input: { reportId: 'r/m', authorIds: ['m-cpc1'], title: 'x', situation: 'x', suggestions: 'x' } }), field('reportId'));
    await refused('VALIDATION', () => send('office', SUBMIT, { input: { reportId: 'r-m', authorIds: ['m-cpc1'], title: 'x', situation: 'x', suggestions: 'x', submittedOn: addDays(today, 1) } }), field('submittedOn'));
    await refused('VALIDATION', () => send('office', SUBMIT, { input: { reportId: 'r-m', authorIds: ['m-cpc1'], title: 'x', situation: '\u0000', suggestions: 'x' } }), field('situation'));
    await refused('NOT_FOUND', () => send('office', SUBMIT, { input: { reportId: 'r-m', authorIds: ['m-cpc1'], title: 'x', situation: 'x', suggestions: 'x', sourceContactId: 'c-none', sourceIssueId: 'i-none' } }), field('sourceContactId'));
    await refused('BAD_USER_INPUT', () => send('office', INSTRUCTION, { input: { reportId: 'r1', leaderName: '某', level: 'COUNTY', instructedOn: today, text: 'x' } }));
    await refused('CONFLICT', () => send('office', INSTRUCTION, { input: { reportId: 'r1', leaderName: '某', level: 'PROVINCE', instructedOn: today, text: '未报省级' } }), field('level'));
    await refused('NOT_FOUND', () => send('office', FORWARD, { input: { reportId: 'r1', recipientIds: ['moon'] } }), field('recipientIds[0]'));
    await refused('VALIDATION', () => send('office', MEDIA, { input: { reportId: 'r1', outlet: '青海日报', pickedUpOn: addDays(today, 2) } }), field('pickedUpOn'));
    await refused('CONFLICT', () => send('office', MEDIA, { input: { reportId: 'r-own', outlet: '青海日报', pickedUpOn: today } }), field('reportId'));
    await ok('office', ADOPT, { reportId: 'r-other' });
    await refused('VALIDATION', () => send('office', ISSUE_REPORT, { input: { reportId: 'r-other', signedBy: 'm-cpc1' } }), field('signedBy'));
    await refused('VALIDATION', () => send('office', CREDIT_RULES, { input: { fromYear: 2026, points: { ...points, committeeAdoption: -1 }, reason: 'x' } }), field('points.committeeAdoption'));
    await refused('VALIDATION', () => send('office', `{ opinionLadder(year: 99999) { submitted } }`), field('year'));
    await refused('VALIDATION', () => send('office', `query { opinionReport(id: "r1") { text(version: 7) { title } } }`), field('version'));
  });

  it('a part of a combined report goes on only as part of it', async () => {
    await submit('author', 'r-p1');
    await submit('author', 'r-p2');
    await ok('office', COMBINE, { reportId: 'k1', partIds: ['r-p1', 'r-p2'], title: '综合', situation: '综合', suggestions: '综合' });
    await refused('CONFLICT', () => send('office', ADOPT, { input: { reportId: 'r-p1' } }));
    await refused('FORBIDDEN', () => send('author', WITHDRAW, { input: { reportId: 'r-p2', reason: '撤回' } }));
    // The combined report lists the author among its authors, but it is the office's to change.
    await refused('FORBIDDEN', () => send('author', EDIT, { input: { reportId: 'k1', title: '改综合稿', note: 'x' } }));
    expect((await send('author', `{ opinionReport(id: "k1") { id partIds } }`)).data.opinionReport).toEqual({ id: 'k1', partIds: ['r-p1', 'r-p2'] });
    await refused('CONFLICT', () => send('office', COMBINE, { input: { reportId: 'k2', partIds: ['r-p1', 'r-own'], title: 'x', situation: 'x', suggestions: 'x' } }));
  });

  it('a numbering race: two offices issuing at once get two numbers of the year, in order, without a gap', async () => {
    for (const id of ['r-n1', 'r-n2']) {
      await submit('author', id);
      await ok('office', ADOPT, { reportId: id });
    }
    const [a, b] = await Promise.all([send('office', ISSUE_REPORT, { input: { reportId: 'r-n1', signedBy: 'm-pg' } }), send('office2', ISSUE_REPORT, { input: { reportId: 'r-n2', signedBy: 'm-pg' } })]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    const serials = [(await send('leader', NUMBER, { id: 'r-n1' })).data.opinionReport.issued.serial, (await send('leader', NUMBER, { id: 'r-n2' })).data.opinionReport.issued.serial].sort();
    // The year's earlier issues (r1) took the numbers before them.
    const year = Number(today.slice(0, 4));
    const taken = (await send('leader', `{ opinionLadder(year: ${year}) { issued } }`)).data.opinionLadder.issued;
    expect(serials).toEqual([taken - 1, taken]);
  });

  it('a number another writer already claimed in the counter stream is not given again', async () => {
    const year = Number(today.slice(0, 4));
    const last = (await store.readStream(`opinion-issue-number-${year}`)).at(-1)!;
    const claimed = (last.data as { serial: number }).serial + 1;
    await store.appendToStream(`opinion-issue-number-${year}`, [{ id: newEventId(), type: 'OpinionIssueNumberReserved', data: { counter: String(year), serial: claimed, reportId: 'r-elsewhere' }, metadata: { actor: 'another instance' } }], { expectedVersion: last.revision });
    await settled();
    await submit('author', 'r-n3');
    await ok('office', ADOPT, { reportId: 'r-n3' });
    await ok('office', ISSUE_REPORT, { reportId: 'r-n3', signedBy: 'm-pg' });
    expect((await send('leader', NUMBER, { id: 'r-n3' })).data.opinionReport.issued).toEqual({ number: `《社情民意》${year}年第${claimed + 1}期`, serial: claimed + 1 });
  });
});
