/**
 * The hostile battery's cases for the key topics and the Party-committee records, on the real app
 * and a SQLite file: each attempt asserts its code AND that the log's head (`/health`) did not
 * move. Every token but the committee office's tries every write; every reader but leaders,
 * auditors and the office tries a topic's page (by either root field) and the Party committee's
 * year; malformed inputs are refused with a coded error naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, committeeDate } from '#domain';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { battery } from './support/battery.js';
import { REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written } }`;
const SET = WRITE('setKeyTopic', 'SetKeyTopicInput');
const REVISE = WRITE('reviseKeyTopic', 'ReviseKeyTopicInput');
const WITHDRAW = WRITE('withdrawKeyTopic', 'WithdrawKeyTopicInput');
const TAG = WRITE('tagWorkToTopic', 'TagWorkToTopicInput');
const UNTAG = WRITE('untagWorkFromTopic', 'UntagWorkFromTopicInput');
const REPORT = WRITE('recordPartyCommitteeReport', 'RecordPartyCommitteeReportInput');
const CORRECT_REPORT = WRITE('correctPartyCommitteeReport', 'CorrectPartyCommitteeReportInput');
const STUDY = WRITE('recordPartyCommitteeStudy', 'RecordPartyCommitteeStudyInput');
const CORRECT_STUDY = WRITE('correctPartyCommitteeStudy', 'CorrectPartyCommitteeStudyInput');
const LOG = `mutation($input: LogContactInput!) { logContact(input: $input) { position written } }`;

const today = committeeDate(Date.now());
const YEAR = Number(today.slice(0, 4));
const topic = (extra: Record<string, unknown> = {}) => ({ topicId: 'kt-1', year: YEAR, title: '营商环境与民营经济', leadBodyId: 'sc-eco', ...extra });
const report = (extra: Record<string, unknown> = {}) => ({ reportId: 'pr-1', kind: 'WORK_REPORT', subject: '工作汇报', recipient: '中共格尔木市委', reportedOn: today, reporterIds: ['m-pg'], ...extra });
const study = (extra: Record<string, unknown> = {}) => ({ studyId: 'ps-1', studiedOn: today, meeting: '市委常委会会议', matters: ['听取汇报'], ...extra });

describe('hostile battery: key topics and the Party committee', () => {
  let app: TestApp;
  const t: Record<string, string> = {};
  const { send, ok, refused, issue } = battery(() => app, t);

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, REGISTER_ORG, { input: { organizationId: 'sc-eco', kind: 'SPECIAL_COMMITTEE', name: '经济委员会' } });
    await must(app, REGISTER_ORG, { input: { organizationId: 'hu-a', kind: 'HANDLING_UNIT', name: 'hu-a' } });
    t.office = await issue('office', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.proposalsOffice = await issue('proposals office', [{ kind: 'PROPOSALS_OFFICE' }]);
    t.unit = await issue('unit', [{ kind: 'HANDLING_UNIT', id: 'hu-a' }]);
    t.member = await issue('member', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.clerk = app.tokens.RECORDER!;
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    t.admin = app.tokens.ADMIN;
    await ok('office', SET, topic());
    await ok('clerk', LOG, { contactId: 'c-1', participantIds: ['m-cpc1', 'm-np'], occurredAt: `${addDays(today, -1)}T08:00`, channel: 'VISIT', topic: '走访', liaisonGroupId: 'lg-hexi' });
    await ok('office', TAG, { topicId: 'kt-1', workKind: 'CONTACT', workId: 'c-1' });
    await ok('office', REPORT, report());
    await ok('office', STUDY, study());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('every token but the committee office\'s writing topics, tags or the Party-committee records', async () => {
    const writes: Array<[string, Record<string, unknown>]> = [
      [SET, topic({ topicId: 'kt-2' })],
      [REVISE, { topicId: 'kt-1', title: '新标题', reason: '改' }],
      [WITHDRAW, { topicId: 'kt-1', reason: '撤销' }],
      [TAG, { topicId: 'kt-1', workKind: 'CONTACT', workId: 'c-1' }],
      [UNTAG, { topicId: 'kt-1', workKind: 'CONTACT', workId: 'c-1', reason: '误标' }],
      [REPORT, report({ reportId: 'pr-2' })],
      [CORRECT_REPORT, report({ subject: '改', reason: '改' })],
      [STUDY, study({ studyId: 'ps-2' })],
      [CORRECT_STUDY, study({ meeting: '市委全会', reason: '改' })],
    ];
    for (const who of ['leader', 'auditor', 'admin', 'clerk', 'member', 'unit', 'proposalsOffice'])
      for (const [mutation, input] of writes) await refused('FORBIDDEN', () => send(who, mutation, { input }));
  });

  it('readers beyond their reach: a topic\'s page by either root field, the Party committee\'s year', async () => {
    for (const who of ['clerk', 'member', 'unit', 'proposalsOffice', 'admin']) {
      await refused('FORBIDDEN', () => send(who, `{ keyTopic(id: "kt-1") { id page { outcomes { contacts } } } }`));
      await refused('FORBIDDEN', () => send(who, `{ keyTopics { id page { work { id } } } }`));
      await refused('FORBIDDEN', () => send(who, `{ partyCommitteeYear(year: ${YEAR}) { reports { id } } }`));
      // The topics themselves are the committee's agenda: everyone reads them.
      expect((await send(who, `{ keyTopics { id workCount } }`)).data.keyTopics).toEqual([{ id: 'kt-1', workCount: 1 }]);
    }
    for (const who of ['leader', 'auditor', 'office']) expect((await send(who, `{ keyTopic(id: "kt-1") { page { outcomes { contacts } } } }`)).data.keyTopic.page.outcomes.contacts).toBe(1);
  });

  it('malformed inputs, each refused with a code naming the field', async () => {
    await refused('VALIDATION', () => send('office', SET, { input: topic({ topicId: 'kt-3', year: 1800 }) }), 'year');
    await refused('VALIDATION', () => send('office', SET, { input: topic({ topicId: 'kt-3', title: '议'.repeat(201) }) }), 'title');
    await refused('VALIDATION', () => send('office', SET, { input: topic({ topicId: 'kt-3', periodFrom: '2020-02-30' }) }), 'periodFrom');
    await refused('VALIDATION', () => send('office', SET, { input: topic({ topicId: 'kt/3' }) }), 'topicId');
    await refused('CONFLICT', () => send('office', SET, { input: topic({ title: '别的标题' }) }), 'revise it instead');
    await refused('BAD_USER_INPUT', () => send('office', TAG, { input: { topicId: 'kt-1', workKind: 'MEETING', workId: 'c-1' } }));
    await refused('VALIDATION', () => send('office', TAG, { input: { topicId: 'kt-1', workKind: 'PROPOSAL', workId: 'p;1' } }), 'workId');
    await refused('VALIDATION', () => send('office', TAG, { input: { topicId: 'kt-1', workKind: 'CONTACT', workId: 'c-1', note: '注'.repeat(4001) } }), 'note');
    await refused('VALIDATION', () => send('office', UNTAG, { input: { topicId: 'kt-1', workKind: 'CONTACT', workId: 'c-1', reason: '理'.repeat(501) } }), 'reason');
    await refused('BAD_USER_INPUT', () => send('office', REPORT, { input: report({ reportId: 'pr-3', kind: 'LETTER' }) }));
    await refused('VALIDATION', () => send('office', REPORT, { input: report({ reportId: 'pr-3', reportedOn: addDays(today, 1) }) }), 'reportedOn');
    await refused('VALIDATION', () => send('office', REPORT, { input: report({ reportId: 'pr-3', reporterIds: [] }) }), 'reporterIds');
    await refused('NOT_FOUND', () => send('office', REPORT, { input: report({ reportId: 'pr-3', reporterIds: ['hu-a'] }) }), 'reporterIds[0]');
    await refused('VALIDATION', () => send('office', STUDY, { input: study({ studyId: 'ps-3', matters: Array.from({ length: 51 }, (_, i) => `事项${i}`) }) }), 'matters');
    await refused('NOT_FOUND', () => send('office', STUDY, { input: study({ studyId: 'ps-3', reportIds: ['pr-none'] }) }), 'reportIds[0]');
    await refused('NOT_FOUND', () => send('office', CORRECT_STUDY, { input: study({ studyId: 'ps-none', reason: '改' }) }), 'ps-none');
    await refused('VALIDATION', () => send('leader', `{ partyCommitteeYear(year: 20200) { year } }`), 'year');
    await refused('VALIDATION', () => send('leader', `{ keyTopic(id: "kt-1") { page(from: "2020-13-01") { outcomes { contacts } } } }`), 'from');
  });
});
