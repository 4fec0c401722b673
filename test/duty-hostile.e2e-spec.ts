/**
 * The hostile battery's duty-record cases, on the real app and a SQLite file: each attempt asserts
 * its code AND that the log's head (`/health`) did not move. Every token but the committee office
 * (and an administrator, for the rule table) tries to write meetings, roll calls, corrections and
 * the table; a member token reads another's record, the export of it or the meetings; tokens
 * that reach no member read nothing; and malformed inputs are refused with a coded error naming
 * the field, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { battery } from './support/battery.js';
import { buildSmallNetwork, must } from './support/smallNetwork.js';

const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written } }`;
const MEETING = WRITE('recordMeeting', 'RecordMeetingInput');
const ROLL = WRITE('recordMeetingAttendance', 'RecordMeetingAttendanceInput');
const CORRECT = WRITE('correctMeetingAttendance', 'CorrectMeetingAttendanceInput');
const RULES = WRITE('setDutyPointsRules', 'SetDutyPointsRulesInput');
const RECORD = (memberId: string, args = 'year: 2020') => `{ dutyRecord(memberId: "${memberId}", ${args}) { memberId points } }`;

const levels = { city: 1, prefecture: 1, province: 1, national: 1 };
const points = (extra: Record<string, unknown> = {}) => ({ contact: 1, linkServed: 1, linkMet: 1, proposalLed: 1, proposalCoSigned: 1, proposalFiled: 1, opinionSubmitted: 1, opinionAdopted: 1, opinionAdoptedAt: levels, instruction: levels, inspectionAttended: 1, plenaryAttended: 1, plenaryAbsent: -1, standingAttended: 1, standingAbsent: -1, ...extra });
const sitting = (meetingId: string, extra: Record<string, unknown> = {}) => ({ meetingId, kind: 'PLENARY', title: '全体会议', heldOn: '2020-01-06', sessionId: 'ps-4', ...extra });

describe('hostile battery: duty records', () => {
  let app: TestApp;
  const t: Record<string, string> = {};
  const { send, ok, refused, issue } = battery(() => app, t);

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, `mutation($input: OpenTermInput!) { openTerm(input: $input) { position } }`, { input: { termId: 't10', name: '第十届', number: 10, startsOn: '2017-01-05T09:00', endsOn: '2022-01-05T12:00' } });
    await must(app, `mutation($input: SchedulePlenarySessionInput!) { schedulePlenarySession(input: $input) { position } }`, {
      input: { sessionId: 'ps-4', name: '第四次会议', startsOn: '2020-01-06T09:00', endsOn: '2020-01-09T12:00', termId: 't10', number: 4 },
    });
    t.office = await issue('office', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.proposalsOffice = await issue('proposals office', [{ kind: 'PROPOSALS_OFFICE' }]);
    t['m-np'] = await issue('m-np', [{ kind: 'MEMBER', id: 'm-np' }]);
    t.clerk = app.tokens.RECORDER!;
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    t.admin = app.tokens.ADMIN;
    await ok('office', MEETING, sitting('mt-1'));
    await ok('office', ROLL, { meetingId: 'mt-1', attendance: [{ memberId: 'm-np', status: 'ATTENDED' }] });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('anyone but the committee office writing meetings, roll calls or corrections, and anyone but it or an administrator the table', async () => {
    for (const who of ['leader', 'auditor', 'admin', 'clerk', 'proposalsOffice', 'm-np']) {
      await refused('FORBIDDEN', () => send(who, MEETING, { input: sitting(`mt-${who}`) }));
      await refused('FORBIDDEN', () => send(who, ROLL, { input: { meetingId: 'mt-1', attendance: [{ memberId: 'm-cpc1', status: 'ATTENDED' }] } }));
      await refused('FORBIDDEN', () => send(who, CORRECT, { input: { meetingId: 'mt-1', memberId: 'm-np', status: 'ABSENT', reason: 'x' } }));
    }
    for (const who of ['leader', 'auditor', 'clerk', 'proposalsOffice', 'm-np']) await refused('FORBIDDEN', () => send(who, RULES, { input: { fromYear: 2020, points: points(), reason: 'x' } }));
    // The administrator keeps the table (and only the table).
    await ok('admin', RULES, { fromYear: 2019, points: points(), reason: '初始积分表' });
  });

  it('a member token reading another\'s record, its export, the meetings; a token reaching no member reading any record', async () => {
    await refused('FORBIDDEN', () => send('m-np', RECORD('m-cpc1')));
    await refused('FORBIDDEN', () => send('m-np', `{ dutyRecordExport(memberId: "m-cpc1", year: 2020, format: XLSX) { filename } }`));
    await refused('FORBIDDEN', () => send('m-np', `{ meetings(year: 2020) { id } }`));
    await refused('FORBIDDEN', () => send('clerk', RECORD('m-np')));
    await refused('FORBIDDEN', () => send('clerk', `{ dutyRecords(year: 2020) { memberId } }`));
    await refused('FORBIDDEN', () => send('proposalsOffice', `{ dutyRecords(year: 2020) { memberId } }`));
    await refused('FORBIDDEN', () => send('admin', RECORD('m-np')));
    // Its own, and the list narrowed to its own.
    expect((await send('m-np', RECORD('m-np'))).data.dutyRecord).toEqual({ memberId: 'm-np', points: 1 });
    expect((await send('m-np', `{ dutyRecords(year: 2020) { memberId } }`)).data.dutyRecords).toEqual([{ memberId: 'm-np' }]);
    expect((await send('m-np', `{ dutyRecordExport(year: 2020, format: HTML) { filename } }`)).data.dutyRecordExport.filename).toBe('duty-members-2020.html');
  });

  it('malformed inputs: coded errors naming the field, nothing written', async () => {
    await refused('VALIDATION', () => send('office', MEETING, { input: sitting('a/b') }), 'meetingId');
    await refused('VALIDATION', () => send('office', MEETING, { input: sitting('mt-x', { heldOn: '2020-02-30' }) }), 'heldOn');
    await refused('VALIDATION', () => send('office', MEETING, { input: sitting('mt-x', { heldOn: '2020-01-12' }) }), 'not a day of plenary session ps-4');
    await refused('VALIDATION', () => send('office', MEETING, { input: sitting('mt-x', { heldOn: '2099-01-06' }) }), 'in the future');
    await refused('NOT_FOUND', () => send('office', MEETING, { input: sitting('mt-x', { sessionId: 'ps-9' }) }), 'ps-9');
    await refused('VALIDATION', () => send('office', MEETING, { input: sitting('mt-x', { sessionId: null }) }), 'sessionId');
    await refused('VALIDATION', () => send('office', MEETING, { input: sitting('mt-x', { title: 'a\u0000b' }) }), 'title');
    await refused('CONFLICT', () => send('office', MEETING, { input: sitting('mt-1', { heldOn: '2020-01-07' }) }), 'already recorded');
    await refused('BAD_USER_INPUT', () => send('office', MEETING, { input: sitting('mt-x', { kind: 'PICNIC' }) }));
    await refused('NOT_FOUND', () => send('office', ROLL, { input: { meetingId: 'mt-none', attendance: [{ memberId: 'm-np', status: 'ATTENDED' }] } }), 'mt-none');
    await refused('NOT_FOUND', () => send('office', ROLL, { input: { meetingId: 'mt-1', attendance: [{ memberId: 'm-ghost', status: 'ATTENDED' }] } }), 'm-ghost');
    await refused('VALIDATION', () => send('office', ROLL, { input: { meetingId: 'mt-1', attendance: [{ memberId: 'm-cpc1', status: 'EXCUSED' }] } }), 'leaveReason');
    await refused('VALIDATION', () => send('office', ROLL, { input: { meetingId: 'mt-1', attendance: [] } }), 'attendance');
    await refused('CONFLICT', () => send('office', ROLL, { input: { meetingId: 'mt-1', attendance: [{ memberId: 'm-np', status: 'ABSENT' }] } }), 'already recorded as ATTENDED');
    await refused('VALIDATION', () => send('office', CORRECT, { input: { meetingId: 'mt-1', memberId: 'm-np', status: 'ABSENT', reason: ' ' } }), 'reason');
    await refused('NOT_FOUND', () => send('office', CORRECT, { input: { meetingId: 'mt-1', memberId: 'm-cpc2', status: 'ABSENT', reason: 'x' } }), 'm-cpc2');
    await refused('VALIDATION', () => send('office', RULES, { input: { fromYear: 1800, points: points(), reason: 'x' } }), 'fromYear');
    await refused('VALIDATION', () => send('office', RULES, { input: { fromYear: 2020, points: points({ contact: 100_000 }), reason: 'x' } }), 'points.contact');
    await refused('VALIDATION', () => send('leader', RECORD('m-np', 'year: 2020, termId: "t10"')), 'exactly one');
    await refused('VALIDATION', () => send('leader', RECORD('m-np', 'year: 3000')), 'year');
    await refused('NOT_FOUND', () => send('leader', RECORD('m-np', 'termId: "t99"')), 'term t99');
    await refused('NOT_FOUND', () => send('leader', RECORD('m-ghost')), 'member m-ghost');
    await refused('GRAPHQL_VALIDATION_FAILED', () => send('leader', `{ dutyRecords(year: 2020, orderBy: shoeSize) { memberId } }`));
  });
});
