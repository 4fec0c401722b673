import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { given, modelFrom } from '#testing/given';
import { DomainEvent } from '../systems.js';
import { OpinionReportCommand, OpinionReportEvent, opinionReport } from './report.js';

/**
 * A committee with members m1…m3 (m1 in liaison group lg-1), a vice-chair (vc) who signs, a
 * member without a leader's role (m3), a liaison group, a sector, a democratic party, a handling
 * unit and a dissolved body; the office's recipients at the city and the province, a reason, a
 * contact that raised issue i-1, a proposal not filed and one still waiting.
 */
const committee: DomainEvent[] = [
  ev.locality('loc-1'),
  ev.liaisonGroup('lg-1', 'loc-1', 'p-sec'),
  ev.organization('sector-1', 'SECTOR'),
  ev.organization('dp-1', 'DEMOCRATIC_PARTY'),
  ev.organization('hu-gov', 'HANDLING_UNIT'),
  ev.organization('gone', 'SECTOR'),
  ev.dissolved('gone', '2024-06-01'),
  ev.member('m1', { sectorId: 'sector-1', liaisonGroupId: 'lg-1' }),
  ev.member('m2'),
  ev.member('m3'),
  ev.member('left'),
  ev.memberLeft('left', '2024-01-01'),
  ev.member('vc', { affiliation: 'CNDCA', roles: ['VICE_CHAIR'] }),
  ev.contact('c-1', '2025-03-01', ['m1', 'm2'], { issues: [{ issueId: 'i-1', text: '牧区饮水困难' }] }),
  ev.contact('c-gone', '2025-03-01', ['m1', 'm2'], { issues: [{ issueId: 'i-9', text: 'x' }] }),
  ev.contact('c-quiet', '2025-03-01', ['m1', 'm2']),
  { type: 'ContactRetracted', data: { contactId: 'c-gone', retractedBy: 'clerk', reason: 'duplicate' } },
  { type: 'OpinionRecipientDefined', data: { recipientId: 'city-pc', name: '中共格尔木市委', level: 'CITY', kind: 'PARTY_COMMITTEE', organizationId: null } },
  { type: 'OpinionRecipientDefined', data: { recipientId: 'city-gov', name: '格尔木市人民政府', level: 'CITY', kind: 'GOVERNMENT', organizationId: 'hu-gov' } },
  { type: 'OpinionRecipientDefined', data: { recipientId: 'prov', name: '青海省政协', level: 'PROVINCE', kind: 'CPPCC', organizationId: null } },
  { type: 'OpinionNotAdoptedReasonDefined', data: { code: 'COVERED', label: '已有相关政策' } },
];

const proposalEvents = (proposalId: string, notFiled: boolean): DomainEvent[] => [
  {
    type: 'ProposalSubmitted',
    data: { proposalId, termId: 't', sessionId: 's', occasion: 'INTERIM', proposerKind: 'MEMBER', proposerId: 'm1', title: 't', reasons: 'r', suggestions: 's', topicId: null, sourceContactId: null, sourceIssueId: null, submittedAt: '2025-02-01T00:00:00.000Z' },
  },
  ...(notFiled ? [{ type: 'ProposalNotFiled', data: { proposalId, reasonCode: 'X', note: '', toOpinionReport: true, decidedAt: '2025-02-05T00:00:00.000Z' } } as DomainEvent] : []),
];

const NOW = '2025-06-10T02:00:00.000Z'; // 2025-06-10 in committee time
const ctx = (now = NOW, ...more: DomainEvent[]) => ({ now, actor: 'office-clerk', directory: modelFrom([...committee, ...proposalEvents('p-nf', true), ...proposalEvents('p-wait', false), ...more]) });

const TEXT = { title: '关于解决牧区饮水困难的建议', situation: '情况……', suggestions: '建议……' };
const submit: OpinionReportCommand = { type: 'SubmitOpinionReport', reportId: 'r1', authorIds: ['m1', 'm2'], ...TEXT, submittedOn: '2025-03-05', sourceContactId: 'c-1', sourceIssueId: 'i-1' };

const submitted = (reportId = 'r1', extra: Partial<Extract<OpinionReportEvent, { type: 'OpinionReportSubmitted' }>['data']> = {}): OpinionReportEvent => ({
  type: 'OpinionReportSubmitted',
  data: {
    reportId,
    authorKind: 'MEMBERS',
    authorIds: ['m1', 'm2'],
    ...TEXT,
    source: 'CONTACT_ISSUE',
    sourceContactId: 'c-1',
    sourceIssueId: 'i-1',
    sourceProposalId: null,
    submittedOn: '2025-03-05',
    submittedAt: NOW,
    ...extra,
  },
});
const adopted: OpinionReportEvent = { type: 'OpinionReportAdopted', data: { reportId: 'r1', adoptedOn: '2025-03-10', note: '', decidedAt: NOW } };
const issued: OpinionReportEvent = { type: 'OpinionReportIssued', data: { reportId: 'r1', year: 2025, serial: 1, number: '《社情民意》2025年第1期', signedBy: 'vc', issuedOn: '2025-03-12', issuedAt: NOW } };
const forwarded = (recipients: Array<{ recipientId: string; level: 'CITY' | 'PROVINCE' }>, forwardedOn = '2025-03-15'): OpinionReportEvent => ({ type: 'OpinionReportForwarded', data: { reportId: 'r1', recipients, forwardedOn, forwardedAt: NOW } });
const toCity = forwarded([{ recipientId: 'city-pc', level: 'CITY' }, { recipientId: 'city-gov', level: 'CITY' }]);
const toProvince = forwarded([{ recipientId: 'prov', level: 'PROVINCE' }], '2025-04-01');
const onTheLadder = [submitted(), adopted, issued, toCity];

describe('opinion report: submission', () => {
  it('records members\' report that takes up a contact\'s raised issue, dated as handed in', () => {
    given(opinionReport, []).when(submit, ctx()).then([submitted()]);
  });

  it('records a body\'s report, and one that takes up a proposal not filed; today when no date is given', () => {
    const [body] = opinionReport.decide({ ...submit, authorIds: ['lg-1'], sourceContactId: null, sourceIssueId: null, submittedOn: null }, opinionReport.initialState, { ...ctx(), newId: () => 'x' });
    expect(body).toMatchObject({ data: { authorKind: 'BODY', authorIds: ['lg-1'], source: 'NONE', submittedOn: '2025-06-10' } });
    const [fromProposal] = opinionReport.decide({ ...submit, sourceContactId: null, sourceIssueId: null, sourceProposalId: 'p-nf' }, opinionReport.initialState, { ...ctx(), newId: () => 'x' });
    expect(fromProposal).toMatchObject({ data: { source: 'NOT_FILED_PROPOSAL', sourceProposalId: 'p-nf', sourceContactId: null } });
  });

  it('records nothing for the same submission again, and refuses another one under the same id', () => {
    given(opinionReport, [submitted()]).when(submit, ctx('2025-06-11T02:00:00.000Z')).then([]);
    given(opinionReport, [submitted()]).when({ ...submit, submittedOn: null }, ctx('2025-06-11T02:00:00.000Z')).then([]);
    given(opinionReport, [submitted()]).when({ ...submit, title: 'other' }, ctx()).thenThrows('CONFLICT', 'already submitted');
  });

  it('refuses authors that are not on the roster, have left, are of the wrong kind, dissolved, or a body beside others', () => {
    given(opinionReport, []).when({ ...submit, authorIds: [] }, ctx()).thenThrows('VALIDATION', 'authorIds is required');
    given(opinionReport, []).when({ ...submit, authorIds: ['ghost'] }, ctx()).thenThrows('NOT_FOUND', 'neither a registered member');
    given(opinionReport, []).when({ ...submit, authorIds: ['left'] }, ctx()).thenThrows('VALIDATION', 'has left');
    given(opinionReport, []).when({ ...submit, authorIds: ['hu-gov'] }, ctx()).thenThrows('VALIDATION', 'is a HANDLING_UNIT');
    given(opinionReport, []).when({ ...submit, authorIds: ['gone'] }, ctx()).thenThrows('VALIDATION', 'dissolved');
    given(opinionReport, []).when({ ...submit, authorIds: ['m1', 'dp-1'] }, ctx()).thenThrows('VALIDATION', 'beside others');
    given(opinionReport, []).when({ ...submit, authorIds: ['m1/x'] }, ctx()).thenThrows('VALIDATION', "contains '/'");
  });

  it('refuses a source that is not on record or not of the right kind', () => {
    given(opinionReport, []).when({ ...submit, sourceContactId: null }, ctx()).thenThrows('VALIDATION', 'give sourceContactId');
    given(opinionReport, []).when({ ...submit, sourceIssueId: null }, ctx()).thenThrows('VALIDATION', 'sourceIssueId');
    given(opinionReport, []).when({ ...submit, sourceContactId: 'c-9' }, ctx()).thenThrows('NOT_FOUND', 'contact c-9');
    given(opinionReport, []).when({ ...submit, sourceIssueId: 'i-2' }, ctx()).thenThrows('NOT_FOUND', 'raised no issue i-2');
    given(opinionReport, []).when({ ...submit, sourceContactId: 'c-quiet', sourceIssueId: 'i-1' }, ctx()).thenThrows('NOT_FOUND', 'c-quiet raised no issue i-1');
    given(opinionReport, []).when({ ...submit, sourceContactId: 'c-gone', sourceIssueId: 'i-9' }, ctx()).thenThrows('VALIDATION', 'retracted');
    given(opinionReport, []).when({ ...submit, sourceProposalId: 'p-nf' }, ctx()).thenThrows('VALIDATION', 'not both');
    const noContact = { ...submit, sourceContactId: null, sourceIssueId: null };
    given(opinionReport, []).when({ ...noContact, sourceProposalId: 'p-9' }, ctx()).thenThrows('NOT_FOUND', 'proposal p-9');
    given(opinionReport, []).when({ ...noContact, sourceProposalId: 'p-wait' }, ctx()).thenThrows('VALIDATION', 'is SUBMITTED');
  });

  it('refuses a date in the future, a date that is no date, and missing or overlong text', () => {
    given(opinionReport, []).when({ ...submit, submittedOn: '2025-06-11' }, ctx()).thenThrows('VALIDATION', 'in the future');
    given(opinionReport, []).when({ ...submit, submittedOn: '2025-02-30' }, ctx()).thenThrows('VALIDATION', 'not a real date');
    given(opinionReport, []).when({ ...submit, submittedOn: '2025-02-28' }, ctx()).thenThrows('VALIDATION', 'before contact c-1, where the issue was raised (2025-03-01)');
    given(opinionReport, []).when({ ...submit, situation: '' }, ctx()).thenThrows('VALIDATION', 'situation is required');
    given(opinionReport, []).when({ ...submit, title: 'x'.repeat(201) }, ctx()).thenThrows('VALIDATION', 'title is longer');
  });

  it('refuses any step on a report never submitted', () => {
    given(opinionReport, []).when({ type: 'AdoptOpinionReport', reportId: 'r1' }, ctx()).thenThrows('NOT_FOUND', 'has not been submitted');
  });
});

describe('opinion report: withdrawal, editing, the office\'s decision', () => {
  it('is withdrawn by its authors before a decision, once; not after one', () => {
    const withdrawn: OpinionReportEvent = { type: 'OpinionReportWithdrawn', data: { reportId: 'r1', reason: '情况已解决', withdrawnAt: NOW } };
    given(opinionReport, [submitted()]).when({ type: 'WithdrawOpinionReport', reportId: 'r1', reason: '情况已解决' }, ctx()).then([withdrawn]);
    given(opinionReport, [submitted(), withdrawn]).when({ type: 'WithdrawOpinionReport', reportId: 'r1', reason: 'again' }, ctx()).then([]);
    given(opinionReport, [submitted(), adopted]).when({ type: 'WithdrawOpinionReport', reportId: 'r1', reason: 'x' }, ctx()).thenThrows('CONFLICT', 'is ADOPTED');
    given(opinionReport, [submitted()]).when({ type: 'WithdrawOpinionReport', reportId: 'r1', reason: '' }, ctx()).thenThrows('VALIDATION', 'reason is required');
  });

  it('keeps every edit as a new version with its editor and note; an unchanged text writes nothing', () => {
    given(opinionReport, [submitted()]).when({ type: 'EditOpinionReport', reportId: 'r1', situation: '情况（核稿）', note: '核稿' }, ctx()).then([
      { type: 'OpinionReportEdited', data: { reportId: 'r1', version: 2, title: TEXT.title, situation: '情况（核稿）', suggestions: TEXT.suggestions, note: '核稿', editedBy: 'office-clerk', editedAt: NOW } },
    ]);
    const edited: OpinionReportEvent = { type: 'OpinionReportEdited', data: { reportId: 'r1', version: 2, ...TEXT, title: '新标题', note: 'n', editedBy: 'x', editedAt: NOW } };
    given(opinionReport, [submitted(), edited]).when({ type: 'EditOpinionReport', reportId: 'r1', title: '再改', note: '再核' }, ctx()).then([
      { type: 'OpinionReportEdited', data: { reportId: 'r1', version: 3, ...TEXT, title: '再改', note: '再核', editedBy: 'office-clerk', editedAt: NOW } },
    ]);
    given(opinionReport, [submitted()]).when({ type: 'EditOpinionReport', reportId: 'r1', title: TEXT.title, note: 'n' }, ctx()).then([]);
    given(opinionReport, [submitted()]).when({ type: 'EditOpinionReport', reportId: 'r1', title: '新', note: '' }, ctx()).thenThrows('VALIDATION', 'note is required');
    given(opinionReport, onTheLadder).when({ type: 'EditOpinionReport', reportId: 'r1', title: '新', note: 'n' }, ctx()).thenThrows('CONFLICT', 'has been issued');
  });

  it('adopts (采用) on a date not before its submission, once', () => {
    given(opinionReport, [submitted()]).when({ type: 'AdoptOpinionReport', reportId: 'r1', adoptedOn: '2025-03-10' }, ctx()).then([adopted]);
    given(opinionReport, [submitted(), adopted]).when({ type: 'AdoptOpinionReport', reportId: 'r1' }, ctx()).then([]);
    given(opinionReport, [submitted()]).when({ type: 'AdoptOpinionReport', reportId: 'r1', adoptedOn: '2025-03-01' }, ctx()).thenThrows('VALIDATION', 'before its submission');
    given(opinionReport, [submitted()]).when({ type: 'AdoptOpinionReport', reportId: 'r1', adoptedOn: '2025-07-01' }, ctx()).thenThrows('VALIDATION', 'in the future');
  });

  it('declines with a reason from the office\'s list, and names the list when the code is not on it', () => {
    given(opinionReport, [submitted()]).when({ type: 'DeclineOpinionReport', reportId: 'r1', reasonCode: 'COVERED', note: '已出台政策', decidedOn: '2025-03-20' }, ctx()).then([
      { type: 'OpinionReportNotAdopted', data: { reportId: 'r1', reasonCode: 'COVERED', note: '已出台政策', decidedOn: '2025-03-20', decidedAt: NOW } },
    ]);
    given(opinionReport, [submitted()]).when({ type: 'DeclineOpinionReport', reportId: 'r1', reasonCode: 'BORING' }, ctx()).thenThrows('VALIDATION', 'not on the office\'s list (COVERED)');
    given(opinionReport, [submitted(), adopted]).when({ type: 'DeclineOpinionReport', reportId: 'r1', reasonCode: 'COVERED' }, ctx()).thenThrows('CONFLICT', 'is ADOPTED');
    given(opinionReport, [submitted()]).when({ type: 'DeclineOpinionReport', reportId: 'r1', reasonCode: 'COVERED', decidedOn: '2025-01-01' }, ctx()).thenThrows('VALIDATION', 'before its submission');
  });
});

describe('opinion report: combination (综合)', () => {
  const parts: DomainEvent[] = [
    submitted('a', { submittedOn: '2025-03-01' }) as DomainEvent,
    { type: 'OpinionReportAdopted', data: { reportId: 'a', adoptedOn: '2025-03-02', note: '', decidedAt: NOW } },
    submitted('b', { authorIds: ['m3'], source: 'NONE', sourceContactId: null, sourceIssueId: null, submittedOn: '2025-03-04' }) as DomainEvent,
  ];
  const combine: OpinionReportCommand = { type: 'CombineOpinionReports', reportId: 'k1', partIds: ['a', 'b'], title: '关于牧区民生的综合报告', situation: '综合情况', suggestions: '综合建议', combinedOn: '2025-03-06' };
  const combined: OpinionReportEvent = {
    type: 'OpinionReportsCombined',
    data: { reportId: 'k1', partIds: ['a', 'b'], adoptedPartIds: ['b'], authorIds: ['m1', 'm2', 'm3'], title: '关于牧区民生的综合报告', situation: '综合情况', suggestions: '综合建议', combinedOn: '2025-03-06', combinedAt: NOW },
  };

  it('makes a new, adopted report of two or more, with every part\'s authors, adopting the parts still waiting', () => {
    given(opinionReport, []).when(combine, ctx(NOW, ...parts)).then([combined]);
    expect(given(opinionReport, [combined]).state).toMatchObject({ stage: 'ADOPTED', authorKind: 'COMBINED', adoptedOn: '2025-03-06', partIds: ['a', 'b'] });
    given(opinionReport, [combined]).when(combine, ctx(NOW, ...parts, combined)).then([]);
  });

  it('refuses too few parts, itself as a part, parts not on record, decided against, combined or issued already, and a date before a part', () => {
    const more = (...e: DomainEvent[]) => ctx(NOW, ...parts, ...e);
    given(opinionReport, []).when({ ...combine, partIds: ['a'] }, more()).thenThrows('VALIDATION', 'two or more');
    given(opinionReport, []).when({ ...combine, partIds: ['a', 'a'] }, more()).thenThrows('VALIDATION', 'two or more different');
    given(opinionReport, []).when({ ...combine, partIds: ['a', 'k1'] }, more()).thenThrows('VALIDATION', 'not one of its parts');
    given(opinionReport, []).when({ ...combine, partIds: ['a', 'zz'] }, more()).thenThrows('NOT_FOUND', 'report zz');
    given(opinionReport, []).when({ ...combine, reportId: 'k2' }, more(combined)).thenThrows('CONFLICT', 'already part of combined report k1');
    given(opinionReport, []).when({ ...combine, reportId: 'k2', partIds: ['k1', 'c'] }, more(combined, submitted('c') as DomainEvent)).thenThrows('CONFLICT', 'itself a combined report');
    given(opinionReport, []).when({ ...combine, partIds: ['a', 'd'] }, more(submitted('d') as DomainEvent, { type: 'OpinionReportWithdrawn', data: { reportId: 'd', reason: 'x', withdrawnAt: NOW } })).thenThrows('CONFLICT', 'is WITHDRAWN');
    given(opinionReport, []).when({ ...combine, partIds: ['a', 'r1'] }, more(...(onTheLadder as DomainEvent[]))).thenThrows('CONFLICT', 'issued on its own');
    given(opinionReport, []).when({ ...combine, combinedOn: '2025-03-03' }, more()).thenThrows('VALIDATION', "before report b's submission");
    given(opinionReport, [submitted('k1') as OpinionReportEvent]).when(combine, more()).thenThrows('CONFLICT', 'already the id of a report');
  });

  it('sends a part\'s own later steps to the combined report', () => {
    const b = [submitted('b', { authorIds: ['m3'] })];
    const withCombined = ctx(NOW, ...parts, combined);
    given(opinionReport, b).when({ type: 'AdoptOpinionReport', reportId: 'b' }, withCombined).thenThrows('CONFLICT', 'part of combined report k1');
    given(opinionReport, b).when({ type: 'WithdrawOpinionReport', reportId: 'b', reason: 'x' }, withCombined).thenThrows('CONFLICT', 'part of combined report k1');
    given(opinionReport, b).when({ type: 'DeclineOpinionReport', reportId: 'b', reasonCode: 'COVERED' }, withCombined).thenThrows('CONFLICT', 'part of combined report k1');
    const a = [submitted('a', { submittedOn: '2025-03-01' }), { type: 'OpinionReportAdopted', data: { reportId: 'a', adoptedOn: '2025-03-02', note: '', decidedAt: NOW } } as OpinionReportEvent];
    given(opinionReport, a).when({ type: 'IssueOpinionReport', reportId: 'a', signedBy: 'vc' }, withCombined).thenThrows('CONFLICT', 'part of combined report k1');
    given(opinionReport, [combined]).when({ type: 'WithdrawOpinionReport', reportId: 'k1', reason: 'x' }, withCombined).thenThrows('CONFLICT', 'combined report');
  });
});

describe('opinion report: issue (签发), forwarding (报送) and what came back', () => {
  it('issues with the next number of its year, signed by a leader, and claims the number', () => {
    const earlier: DomainEvent[] = [{ type: 'OpinionIssueNumberReserved', data: { counter: '2025', serial: 6, reportId: 'r0' } }];
    given(opinionReport, [submitted(), adopted]).when({ type: 'IssueOpinionReport', reportId: 'r1', signedBy: 'vc', issuedOn: '2025-03-12' }, ctx(NOW, ...earlier)).then([
      { type: 'OpinionReportIssued', data: { reportId: 'r1', year: 2025, serial: 7, number: '《社情民意》2025年第7期', signedBy: 'vc', issuedOn: '2025-03-12', issuedAt: NOW } },
      { type: 'OpinionIssueNumberReserved', data: { counter: '2025', serial: 7, reportId: 'r1' } },
    ]);
    given(opinionReport, [submitted(), adopted, issued]).when({ type: 'IssueOpinionReport', reportId: 'r1', signedBy: 'vc' }, ctx()).then([]);
  });

  it('refuses to issue a report not adopted, before its adoption, or signed by someone who is not a leader', () => {
    given(opinionReport, [submitted()]).when({ type: 'IssueOpinionReport', reportId: 'r1', signedBy: 'vc' }, ctx()).thenThrows('CONFLICT', 'only an adopted report is issued');
    given(opinionReport, [submitted(), adopted]).when({ type: 'IssueOpinionReport', reportId: 'r1', signedBy: 'vc', issuedOn: '2025-03-09' }, ctx()).thenThrows('VALIDATION', 'before its adoption');
    given(opinionReport, [submitted(), adopted]).when({ type: 'IssueOpinionReport', reportId: 'r1', signedBy: 'm3' }, ctx()).thenThrows('VALIDATION', 'not a committee leader');
    given(opinionReport, [submitted(), adopted]).when({ type: 'IssueOpinionReport', reportId: 'r1', signedBy: 'nobody' }, ctx()).thenThrows('NOT_FOUND', 'signer nobody');
  });

  it('forwards an issued report to recipients on the office\'s list, each once', () => {
    given(opinionReport, [submitted(), adopted, issued]).when({ type: 'ForwardOpinionReport', reportId: 'r1', recipientIds: ['city-pc', 'city-gov'], forwardedOn: '2025-03-15' }, ctx()).then([toCity]);
    given(opinionReport, onTheLadder).when({ type: 'ForwardOpinionReport', reportId: 'r1', recipientIds: ['city-pc', 'prov'], forwardedOn: '2025-04-01' }, ctx()).then([toProvince]);
    given(opinionReport, onTheLadder).when({ type: 'ForwardOpinionReport', reportId: 'r1', recipientIds: ['city-pc'] }, ctx()).then([]);
  });

  it('refuses to forward a report not issued, to a recipient not on the list, or before its issue', () => {
    given(opinionReport, [submitted(), adopted]).when({ type: 'ForwardOpinionReport', reportId: 'r1', recipientIds: ['city-pc'] }, ctx()).thenThrows('CONFLICT', 'has not been issued');
    given(opinionReport, [submitted(), adopted, issued]).when({ type: 'ForwardOpinionReport', reportId: 'r1', recipientIds: ['moon'] }, ctx()).thenThrows('NOT_FOUND', 'recipient moon');
    given(opinionReport, [submitted(), adopted, issued]).when({ type: 'ForwardOpinionReport', reportId: 'r1', recipientIds: [] }, ctx()).thenThrows('VALIDATION', 'recipientIds is required');
    given(opinionReport, [submitted(), adopted, issued]).when({ type: 'ForwardOpinionReport', reportId: 'r1', recipientIds: ['prov'], forwardedOn: '2025-03-11' }, ctx()).thenThrows('VALIDATION', 'before its issue');
  });

  it('records a recipient\'s adoption at its level, once, not before it was forwarded to, nor by one it was not sent', () => {
    const cityAdopted: OpinionReportEvent = { type: 'OpinionRecipientAdopted', data: { reportId: 'r1', recipientId: 'city-gov', level: 'CITY', adoptedOn: '2025-03-20', note: '', recordedAt: NOW } };
    given(opinionReport, onTheLadder).when({ type: 'RecordRecipientAdoption', reportId: 'r1', recipientId: 'city-gov', adoptedOn: '2025-03-20' }, ctx()).then([cityAdopted]);
    given(opinionReport, [...onTheLadder, cityAdopted]).when({ type: 'RecordRecipientAdoption', reportId: 'r1', recipientId: 'city-gov', adoptedOn: '2025-03-20' }, ctx()).then([]);
    given(opinionReport, [...onTheLadder, cityAdopted]).when({ type: 'RecordRecipientAdoption', reportId: 'r1', recipientId: 'city-gov', adoptedOn: '2025-03-21' }, ctx()).thenThrows('CONFLICT', 'recorded already');
    given(opinionReport, onTheLadder).when({ type: 'RecordRecipientAdoption', reportId: 'r1', recipientId: 'prov', adoptedOn: '2025-04-02' }, ctx()).thenThrows('CONFLICT', 'was not forwarded to prov');
    given(opinionReport, onTheLadder).when({ type: 'RecordRecipientAdoption', reportId: 'r1', recipientId: 'city-gov', adoptedOn: '2025-03-14' }, ctx()).thenThrows('VALIDATION', 'before its forwarding');
    given(opinionReport, onTheLadder).when({ type: 'RecordRecipientAdoption', reportId: 'r1', recipientId: 'city-gov', adoptedOn: '2025-12-01' }, ctx()).thenThrows('VALIDATION', 'in the future');
  });

  it('records a leader\'s instruction (批示) with name, level, date and text, once per id', () => {
    const command: OpinionReportCommand = { type: 'RecordLeaderInstruction', reportId: 'r1', instructionId: 'ins-1', leaderName: '王某', leaderTitle: '副省长', level: 'PROVINCE', instructedOn: '2025-04-05', text: '请省水利厅研究解决', gist: false };
    const instruction: OpinionReportEvent = {
      type: 'OpinionInstructionRecorded',
      data: { reportId: 'r1', instructionId: 'ins-1', leaderName: '王某', leaderTitle: '副省长', level: 'PROVINCE', instructedOn: '2025-04-05', text: '请省水利厅研究解决', gist: false, recordedAt: NOW },
    };
    given(opinionReport, [...onTheLadder, toProvince]).when(command, ctx()).then([instruction]);
    given(opinionReport, [...onTheLadder, toProvince, instruction]).when(command, ctx()).then([]);
    given(opinionReport, [...onTheLadder, toProvince, instruction]).when({ ...command, text: '其他' }, ctx()).thenThrows('CONFLICT', 'recorded already');
    const [drawn] = opinionReport.decide({ ...command, instructionId: null, level: 'CITY' }, given(opinionReport, onTheLadder).state, { ...ctx(), newId: () => 'ins-new' });
    expect(drawn).toMatchObject({ data: { instructionId: 'ins-new', level: 'CITY' } });
  });

  it('refuses an instruction before the report reached that level, before it was forwarded there, or of no known level', () => {
    const command: OpinionReportCommand = { type: 'RecordLeaderInstruction', reportId: 'r1', leaderName: '王某', level: 'PROVINCE', instructedOn: '2025-04-05', text: '批示' };
    given(opinionReport, [submitted(), adopted, issued]).when(command, ctx()).thenThrows('CONFLICT', 'has not been forwarded');
    given(opinionReport, onTheLadder).when(command, ctx()).thenThrows('CONFLICT', 'PROVINCE level or higher');
    given(opinionReport, [...onTheLadder, toProvince]).when({ ...command, instructedOn: '2025-03-31' }, ctx()).thenThrows('VALIDATION', 'before its forwarding to the PROVINCE level');
    given(opinionReport, [...onTheLadder, toProvince]).when({ ...command, level: 'COUNTY' }, ctx()).thenThrows('VALIDATION', 'level "COUNTY" is not one of');
    given(opinionReport, [...onTheLadder, toProvince]).when({ ...command, leaderName: '' }, ctx()).thenThrows('VALIDATION', 'leaderName is required');
  });

  it('records the department\'s feedback, named by its recipient or by name, not before the forwarding', () => {
    given(opinionReport, onTheLadder).when({ type: 'RecordOpinionFeedback', reportId: 'r1', feedbackId: 'fb-1', recipientId: 'city-gov', text: '已安排解决', receivedOn: '2025-04-10' }, ctx()).then([
      { type: 'OpinionFeedbackRecorded', data: { reportId: 'r1', feedbackId: 'fb-1', recipientId: 'city-gov', from: '格尔木市人民政府', text: '已安排解决', receivedOn: '2025-04-10', recordedAt: NOW } },
    ]);
    const [byName] = opinionReport.decide({ type: 'RecordOpinionFeedback', reportId: 'r1', from: '市水务局', text: '已办', receivedOn: '2025-04-10' }, given(opinionReport, onTheLadder).state, { ...ctx(), newId: () => 'fb-x' });
    expect(byName).toMatchObject({ data: { feedbackId: 'fb-x', recipientId: null, from: '市水务局' } });
    given(opinionReport, onTheLadder).when({ type: 'RecordOpinionFeedback', reportId: 'r1', text: '已办', receivedOn: '2025-04-10' }, ctx()).thenThrows('VALIDATION', 'from is required');
    given(opinionReport, onTheLadder).when({ type: 'RecordOpinionFeedback', reportId: 'r1', recipientId: 'prov', text: 'x', receivedOn: '2025-04-10' }, ctx()).thenThrows('CONFLICT', 'not forwarded to prov');
    given(opinionReport, onTheLadder).when({ type: 'RecordOpinionFeedback', reportId: 'r1', recipientId: 'city-gov', text: 'x', receivedOn: '2025-03-01' }, ctx()).thenThrows('VALIDATION', 'before its forwarding');
    given(opinionReport, [submitted(), adopted, issued]).when({ type: 'RecordOpinionFeedback', reportId: 'r1', from: 'x', text: 'x', receivedOn: '2025-04-10' }, ctx()).thenThrows('CONFLICT', 'has not been forwarded');
  });

  it('records a medium taking the issued report up, once per id, not before its issue nor of a report not issued', () => {
    const command: OpinionReportCommand = { type: 'RecordOpinionMediaPickup', reportId: 'r1', pickupId: 'mp-1', outlet: '青海日报', pickedUpOn: '2025-03-13' };
    const picked: OpinionReportEvent = { type: 'OpinionMediaPickupRecorded', data: { reportId: 'r1', pickupId: 'mp-1', outlet: '青海日报', pickedUpOn: '2025-03-13', note: '', recordedAt: NOW } };
    given(opinionReport, [submitted(), adopted, issued]).when(command, ctx()).then([picked]);
    given(opinionReport, [submitted(), adopted, issued, picked]).when(command, ctx()).then([]);
    given(opinionReport, [submitted(), adopted, issued, picked]).when({ ...command, outlet: '别的报' }, ctx()).thenThrows('CONFLICT', 'recorded already');
    given(opinionReport, [submitted(), adopted, issued]).when({ ...command, pickedUpOn: '2025-03-11' }, ctx()).thenThrows('VALIDATION', 'before its issue');
    given(opinionReport, [submitted(), adopted]).when(command, ctx()).thenThrows('CONFLICT', 'has not been issued');
    given(opinionReport, [submitted(), adopted, issued]).when({ ...command, outlet: '' }, ctx()).thenThrows('VALIDATION', 'outlet is required');
  });
});
