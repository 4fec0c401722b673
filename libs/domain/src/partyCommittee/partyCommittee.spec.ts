import { describe, it } from '@jest/globals';
import * as ev from '#testing/events';
import { given, modelFrom } from '#testing/given';
import { DomainEvent } from '../systems.js';
import { PartyCommitteeEvent, PartyReportCommand, PartyStudyCommand, partyCommitteeReport, partyCommitteeStudy } from './partyCommittee.js';

/** Members of the Party group and a registered person; today is 1 December 2020. */
const NOW = '2020-12-01T02:00:00.000Z';
const committee: DomainEvent[] = [ev.member('m1'), ev.member('m2'), ev.person('p1'), ev.organization('sc-eco', 'SPECIAL_COMMITTEE')];
const reportRecorded: PartyCommitteeEvent = {
  type: 'PartyCommitteeReportRecorded',
  data: { reportId: 'r1', kind: 'WORK_REPORT', subject: '市政协党组2020年上半年工作情况', recipient: '中共格尔木市委', reportedOn: '2020-07-10', reporterIds: ['m1'], summary: '', recordedAt: NOW },
};
const ctx = (...more: DomainEvent[]) => ({ now: NOW, directory: modelFrom([...committee, ...more]) });

type R<T extends PartyReportCommand['type']> = Extract<PartyReportCommand, { type: T }>;
const record = (changes: Partial<R<'RecordPartyCommitteeReport'>> = {}): PartyReportCommand => ({
  type: 'RecordPartyCommitteeReport',
  reportId: 'r1',
  kind: 'WORK_REPORT',
  subject: '市政协党组2020年上半年工作情况',
  recipient: '中共格尔木市委',
  reportedOn: '2020-07-10',
  reporterIds: ['m1'],
  ...changes,
});
const correct = (changes: Partial<R<'CorrectPartyCommitteeReport'>> = {}): PartyReportCommand => ({ ...(record() as R<'RecordPartyCommitteeReport'>), type: 'CorrectPartyCommitteeReport', reason: '汇报日期记错', ...changes });

describe('a report to the Party committee', () => {
  it('records a work report with its date and who reported', () => given(partyCommitteeReport, []).when(record(), ctx()).then([reportRecorded]));

  it('records a request for instructions from several reporters, a person among them', () =>
    given(partyCommitteeReport, [])
      .when(record({ kind: 'REQUEST_FOR_INSTRUCTIONS', reporterIds: ['m1', 'p1', 'm1'], summary: '关于召开政协十届五次会议的请示' }), ctx())
      .then([{ type: 'PartyCommitteeReportRecorded', data: { ...reportRecorded.data, kind: 'REQUEST_FOR_INSTRUCTIONS', reporterIds: ['m1', 'p1'], summary: '关于召开政协十届五次会议的请示' } }]));

  it('takes the same record sent again as done, and refuses other details under its id', () => {
    given(partyCommitteeReport, [reportRecorded]).when(record(), ctx()).then([]);
    given(partyCommitteeReport, [reportRecorded]).when(record({ reportedOn: '2020-07-11' }), ctx()).thenThrows('CONFLICT', 'correct it instead');
  });

  it('refuses an unknown kind, a future date, no reporter, a reporter not registered, an organization as reporter, and a blank subject', () => {
    given(partyCommitteeReport, []).when(record({ kind: 'LETTER' }), ctx()).thenThrows('VALIDATION', 'kind');
    given(partyCommitteeReport, []).when(record({ reportedOn: '2020-12-02' }), ctx()).thenThrows('VALIDATION', 'in the future');
    given(partyCommitteeReport, []).when(record({ reportedOn: '2020-13-01' }), ctx()).thenThrows('VALIDATION', 'reportedOn');
    given(partyCommitteeReport, []).when(record({ reporterIds: [] }), ctx()).thenThrows('VALIDATION', 'reporterIds is required');
    given(partyCommitteeReport, []).when(record({ reporterIds: ['m9'] }), ctx()).thenThrows('NOT_FOUND', 'm9 is not a registered member or person');
    given(partyCommitteeReport, []).when(record({ reporterIds: ['sc-eco'] }), ctx()).thenThrows('NOT_FOUND', 'sc-eco');
    given(partyCommitteeReport, []).when(record({ subject: ' ' }), ctx()).thenThrows('VALIDATION', 'subject');
    given(partyCommitteeReport, []).when(record({ recipient: '' }), ctx()).thenThrows('VALIDATION', 'recipient');
  });

  it('corrects with a reason; refuses a correction that changes nothing, one without a reason, and one of a report not recorded', () => {
    given(partyCommitteeReport, [reportRecorded])
      .when(correct({ reportedOn: '2020-07-08' }), ctx())
      .then([{ type: 'PartyCommitteeReportCorrected', data: { reportId: 'r1', kind: 'WORK_REPORT', subject: reportRecorded.data.subject, recipient: '中共格尔木市委', reportedOn: '2020-07-08', reporterIds: ['m1'], summary: '', reason: '汇报日期记错', correctedAt: NOW } }]);
    given(partyCommitteeReport, [reportRecorded]).when(correct(), ctx()).thenThrows('VALIDATION', 'changes nothing');
    given(partyCommitteeReport, [reportRecorded]).when(correct({ reportedOn: '2020-07-08', reason: '' }), ctx()).thenThrows('VALIDATION', 'reason');
    given(partyCommitteeReport, []).when(correct({ reportedOn: '2020-07-08' }), ctx()).thenThrows('NOT_FOUND', 'report r1 to the Party committee is not recorded');
  });
});

type S<T extends PartyStudyCommand['type']> = Extract<PartyStudyCommand, { type: T }>;
const study = (changes: Partial<S<'RecordPartyCommitteeStudy'>> = {}): PartyStudyCommand => ({ type: 'RecordPartyCommitteeStudy', studyId: 's1', studiedOn: '2020-08-20', meeting: '市委常委会会议', matters: ['听取市政协党组工作汇报', '研究年度重点协商议题'], ...changes });
const studyRecorded: PartyCommitteeEvent = { type: 'PartyCommitteeStudyRecorded', data: { studyId: 's1', studiedOn: '2020-08-20', meeting: '市委常委会会议', matters: ['听取市政协党组工作汇报', '研究年度重点协商议题'], reportIds: [], recordedAt: NOW } };

describe('a study of CPPCC work by the Party committee', () => {
  it('records the meeting, its date and the matters decided', () => given(partyCommitteeStudy, []).when(study(), ctx()).then([studyRecorded]));

  it('names the reports it took up, which must be recorded and not after it', () => {
    given(partyCommitteeStudy, []).when(study({ reportIds: ['r1'] }), ctx(reportRecorded)).then([{ type: 'PartyCommitteeStudyRecorded', data: { ...studyRecorded.data, reportIds: ['r1'] } }]);
    given(partyCommitteeStudy, []).when(study({ reportIds: ['r9'] }), ctx(reportRecorded)).thenThrows('NOT_FOUND', 'report r9 to the Party committee is not recorded');
    given(partyCommitteeStudy, []).when(study({ studiedOn: '2020-07-01', reportIds: ['r1'] }), ctx(reportRecorded)).thenThrows('VALIDATION', 'is after the study');
  });

  it('refuses no matters, a blank matter, a future date and a blank meeting', () => {
    given(partyCommitteeStudy, []).when(study({ matters: [] }), ctx()).thenThrows('VALIDATION', 'matters is required');
    given(partyCommitteeStudy, []).when(study({ matters: ['听取汇报', ''] }), ctx()).thenThrows('VALIDATION', 'matters[1]');
    given(partyCommitteeStudy, []).when(study({ studiedOn: '2021-01-01' }), ctx()).thenThrows('VALIDATION', 'in the future');
    given(partyCommitteeStudy, []).when(study({ meeting: '' }), ctx()).thenThrows('VALIDATION', 'meeting');
  });

  it('takes a repeat as done, and corrects with a reason', () => {
    given(partyCommitteeStudy, [studyRecorded]).when(study(), ctx()).then([]);
    given(partyCommitteeStudy, [studyRecorded]).when(study({ meeting: '市委全会' }), ctx()).thenThrows('CONFLICT', 'correct it instead');
    given(partyCommitteeStudy, [studyRecorded])
      .when({ ...(study({ meeting: '市委理论学习中心组' }) as S<'RecordPartyCommitteeStudy'>), type: 'CorrectPartyCommitteeStudy', reason: '会议名称记错' }, ctx())
      .then([{ type: 'PartyCommitteeStudyCorrected', data: { studyId: 's1', studiedOn: '2020-08-20', meeting: '市委理论学习中心组', matters: studyRecorded.data.matters, reportIds: [], reason: '会议名称记错', correctedAt: NOW } }]);
  });
});
