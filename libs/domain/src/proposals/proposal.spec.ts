import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { domainError, given, modelFrom } from '#testing/given';
import { ContactCommand, contact } from '../liaison/contact.js';
import { DomainEvent } from '../systems.js';
import { ProposalCommand, ProposalEvent, proposal } from './proposal.js';
import { dueAfter, deadlineState } from './deadlines.js';
import { proposalRules } from './rules.js';

/**
 * A committee with one term and its third session (2025-01-10 to 2025-01-14), members m1…m4, a
 * leader (vc), a sector, two handling units and a dissolved one, and two not-filed reasons.
 */
const committee: DomainEvent[] = [
  ev.term('t10', 10, '2022-01-01', '2027-01-01'),
  ev.plenary('s3', '2025-01-10', '2025-01-14', { termId: 't10', number: 3 }),
  ev.plenary('old', '2019-01-10', '2019-01-14'),
  ev.organization('sector-1', 'SECTOR'),
  ev.organization('hu-dev', 'HANDLING_UNIT'),
  ev.organization('hu-edu', 'HANDLING_UNIT'),
  ev.organization('hu-gone', 'HANDLING_UNIT'),
  ev.dissolved('hu-gone', '2024-06-01'),
  ev.organization('dp-1', 'DEMOCRATIC_PARTY'),
  ev.member('m1', { sectorId: 'sector-1' }),
  ev.member('m2'),
  ev.member('m3'),
  ev.member('m4'),
  ev.member('vc', { affiliation: 'CNDCA', roles: ['VICE_CHAIR'] }),
  { type: 'ProposalRulesSet', data: { numberFormat: '格政协〔{year}〕第{n}号', leadDays: 90, assistDays: 30, dayKind: 'CALENDAR', dueSoonDays: 7, invitationDays: 7, reason: 'set up' } },
  { type: 'NotFiledReasonDefined', data: { code: 'NOT_IN_SCOPE', label: '不属于政协履职范围' } },
  { type: 'NotFiledReasonDefined', data: { code: 'PERSONAL', label: '涉及个人诉求' } },
];

const SUBMITTED_AT = '2025-01-11T02:00:00.000Z'; // during the session
const directory = (...more: DomainEvent[]) => modelFrom([...committee, ...more]);
const ctx = (now: string, ...more: DomainEvent[]) => ({ now, directory: directory(...more) });

const submit: ProposalCommand = {
  type: 'SubmitProposal',
  proposalId: 'p1',
  sessionId: 's3',
  proposerId: 'm1',
  coSignerIds: ['m2', 'm3'],
  title: '关于优化营商环境的建议',
  reasons: '案由……',
  suggestions: '办法……',
};

const submitted: ProposalEvent = {
  type: 'ProposalSubmitted',
  data: {
    proposalId: 'p1',
    termId: 't10',
    sessionId: 's3',
    occasion: 'SESSION',
    proposerKind: 'MEMBER',
    proposerId: 'm1',
    title: '关于优化营商环境的建议',
    reasons: '案由……',
    suggestions: '办法……',
    topicId: null,
    sourceContactId: null,
    sourceIssueId: null,
    submittedAt: SUBMITTED_AT,
  },
};
const invited = (memberId: string, expiresAt = '2025-01-17T16:00:00.000Z'): ProposalEvent => ({ type: 'CoSignerInvited', data: { proposalId: 'p1', memberId, invitedAt: SUBMITTED_AT, expiresAt } });
const filed: ProposalEvent = { type: 'ProposalFiled', data: { proposalId: 'p1', termId: 't10', sessionId: 's3', serial: 1, number: '格政协〔2025〕第1号', filedAt: '2025-01-20T02:00:00.000Z' } };
const assigned = (assignmentId: string, unitId: string, role: 'LEAD' | 'ASSIST', dueOn: string): ProposalEvent => ({
  type: 'ProposalAssigned',
  data: { proposalId: 'p1', assignmentId, unitId, role, dueOn, deadlineRule: 'CALENDAR_DAYS', days: role === 'LEAD' ? 90 : 30, assignedAt: '2025-01-21T02:00:00.000Z' },
});
const reply = (version: number, result: 'A' | 'B' | 'C', extra: Partial<Extract<ProposalEvent, { type: 'ReplySubmitted' }>['data']> = {}): ProposalEvent => ({
  type: 'ReplySubmitted',
  data: { proposalId: 'p1', assignmentId: 'a-lead', version, round: 1, result, text: '答复……', letterDate: '2025-03-01', plannedOn: result === 'B' ? '2025-09-30' : null, referenceReason: null, submittedAt: '2025-03-01T02:00:00.000Z', ...extra },
});
const released = (version: number): ProposalEvent => ({ type: 'ReplyReleased', data: { proposalId: 'p1', assignmentId: 'a-lead', version, releasedAt: '2025-03-02T02:00:00.000Z' } });
const rated = (attitude: 'SATISFIED' | 'UNSATISFIED', result: 'SATISFIED' | 'UNSATISFIED', round = 1): ProposalEvent => ({
  type: 'ReplyRated',
  data: { proposalId: 'p1', assignmentId: 'a-lead', version: 1, round, attitude, result, comment: '', ratedAt: '2025-03-05T02:00:00.000Z' },
});

const inHandling = [submitted, invited('m2'), invited('m3'), filed, assigned('a-lead', 'hu-dev', 'LEAD', '2025-04-21')];
const replied = [...inHandling, reply(1, 'A'), released(1)];

describe('proposal: submission and co-signers', () => {
  it('names a key topic only if it is set: the proposal is then on the topic\'s list', () => {
    given(proposal, []).when({ ...submit, topicId: 'kt-9' }, ctx(SUBMITTED_AT)).thenThrows('NOT_FOUND', 'key topic kt-9 is not set');
    const set: DomainEvent = { type: 'KeyTopicSet', data: { topicId: 'kt-1', year: 2025, title: '营商环境', leadBodyId: 'sc-1', periodFrom: '2025-01-01', periodTo: '2025-12-31', setAt: SUBMITTED_AT } };
    const [event] = proposal.decide({ ...submit, topicId: 'kt-1', coSignerIds: [] }, proposal.initialState, { ...ctx(SUBMITTED_AT, set), actor: 'm1', newId: () => 'x' });
    expect(event).toMatchObject({ type: 'ProposalSubmitted', data: { topicId: 'kt-1' } });
  });

  it('records a member\'s proposal made during the session, and invites its co-signers for the office\'s 7 days', () => {
    given(proposal, []).when(submit, ctx(SUBMITTED_AT)).then([submitted, invited('m2'), invited('m3')]);
  });

  it('records a proposal made between sessions as INTERIM', () => {
    const between = '2025-05-01T02:00:00.000Z';
    const [event] = proposal.decide({ ...submit, coSignerIds: [] }, proposal.initialState, { ...ctx(between), actor: 'm1', newId: () => 'x' });
    expect(event).toMatchObject({ type: 'ProposalSubmitted', data: { occasion: 'INTERIM', submittedAt: between } });
  });

  it('records a body\'s proposal, and refuses co-signers on it', () => {
    const [event] = proposal.decide({ ...submit, proposerId: 'sector-1', coSignerIds: [] }, proposal.initialState, { ...ctx(SUBMITTED_AT), actor: 'office', newId: () => 'x' });
    expect(event).toMatchObject({ data: { proposerKind: 'BODY', proposerId: 'sector-1' } });
    given(proposal, []).when({ ...submit, proposerId: 'sector-1' }, ctx(SUBMITTED_AT)).thenThrows('VALIDATION', 'co-signers join a member');
  });

  it('records nothing for the same submission again, and refuses another one under the same id', () => {
    given(proposal, [submitted]).when(submit, ctx('2025-01-12T02:00:00.000Z')).then([]);
    given(proposal, [submitted]).when({ ...submit, title: 'other' }, ctx(SUBMITTED_AT)).thenThrows('CONFLICT', 'already submitted');
  });

  it('refuses a session outside any term, an unknown session, an unknown proposer, a handling unit as proposer, the proposer as co-signer', () => {
    given(proposal, []).when({ ...submit, sessionId: 'old' }, ctx(SUBMITTED_AT)).thenThrows('VALIDATION', 'belongs to no term');
    given(proposal, []).when({ ...submit, sessionId: 'nope' }, ctx(SUBMITTED_AT)).thenThrows('NOT_FOUND', 'not scheduled');
    given(proposal, []).when({ ...submit, proposerId: 'ghost' }, ctx(SUBMITTED_AT)).thenThrows('NOT_FOUND', 'neither a registered member');
    given(proposal, []).when({ ...submit, proposerId: 'hu-dev', coSignerIds: [] }, ctx(SUBMITTED_AT)).thenThrows('VALIDATION', 'is a HANDLING_UNIT');
    given(proposal, []).when({ ...submit, coSignerIds: ['m1'] }, ctx(SUBMITTED_AT)).thenThrows('VALIDATION', 'is the proposer');
    given(proposal, []).when({ ...submit, title: '' }, ctx(SUBMITTED_AT)).thenThrows('VALIDATION', 'title is required');
  });

  it('refuses an issue without the contact that raised it, and a contact not on record', () => {
    given(proposal, []).when({ ...submit, sourceIssueId: 'i-1' }, ctx(SUBMITTED_AT)).thenThrows('VALIDATION', 'give sourceContactId');
    given(proposal, []).when({ ...submit, sourceContactId: 'c-9', sourceIssueId: 'i-1' }, ctx(SUBMITTED_AT)).thenThrows('NOT_FOUND', 'contact c-9');
  });

  it('refuses an issue the contact did not raise', () => {
    const more = [ev.member('m9'), ev.contact('c-1', '2025-01-05', ['m1', 'm9'], { issues: [{ issueId: 'i-1', text: '停车难' }] })];
    given(proposal, []).when({ ...submit, coSignerIds: [], sourceContactId: 'c-1', sourceIssueId: 'i-2' }, ctx(SUBMITTED_AT, ...more)).thenThrows('NOT_FOUND', 'contact c-1 raised no issue i-2');
    given(proposal, []).when({ ...submit, coSignerIds: [], sourceContactId: 'c-1', sourceIssueId: 'i-1' }, ctx(SUBMITTED_AT, ...more)).then([expect.objectContaining({ type: 'ProposalSubmitted' })] as never);
  });

  it('keeps the contact and issue a proposal takes up', () => {
    const more = [ev.member('m9'), ev.contact('c-1', '2025-01-05', ['m1', 'm9'], { issues: [{ issueId: 'i-1', text: '停车难' }] })];
    const [event] = proposal.decide({ ...submit, coSignerIds: [], sourceContactId: 'c-1', sourceIssueId: 'i-1' }, proposal.initialState, { ...ctx(SUBMITTED_AT, ...more), actor: 'm1', newId: () => 'x' });
    expect(event).toMatchObject({ data: { sourceContactId: 'c-1', sourceIssueId: 'i-1' } });
  });

  it('takes a co-signature before the invitation expires, once; refuses it after, or without an invitation', () => {
    given(proposal, [submitted, invited('m2')]).when({ type: 'CoSignProposal', proposalId: 'p1', memberId: 'm2' }, ctx('2025-01-15T02:00:00.000Z')).then([
      { type: 'ProposalCoSigned', data: { proposalId: 'p1', memberId: 'm2', signedAt: '2025-01-15T02:00:00.000Z' } },
    ]);
    given(proposal, [submitted, invited('m2')]).when({ type: 'CoSignProposal', proposalId: 'p1', memberId: 'm2' }, ctx('2025-01-18T02:00:00.000Z')).thenThrows('CONFLICT', 'expired');
    given(proposal, [submitted]).when({ type: 'CoSignProposal', proposalId: 'p1', memberId: 'm4' }, ctx(SUBMITTED_AT)).thenThrows('CONFLICT', 'was not invited');
    given(proposal, [submitted, invited('m2'), { type: 'ProposalCoSigned', data: { proposalId: 'p1', memberId: 'm2', signedAt: SUBMITTED_AT } }])
      .when({ type: 'CoSignProposal', proposalId: 'p1', memberId: 'm2' }, ctx('2025-01-30T02:00:00.000Z'))
      .then([]);
  });

  it('invites again with a new expiry; refuses a date that has passed', () => {
    given(proposal, [submitted, invited('m2')]).when({ type: 'InviteCoSigner', proposalId: 'p1', memberId: 'm2', expiresOn: '2025-01-31' }, ctx('2025-01-18T02:00:00.000Z')).then([
      { type: 'CoSignerInvited', data: { proposalId: 'p1', memberId: 'm2', invitedAt: '2025-01-18T02:00:00.000Z', expiresAt: '2025-01-31T16:00:00.000Z' } },
    ]);
    given(proposal, [submitted]).when({ type: 'InviteCoSigner', proposalId: 'p1', memberId: 'm2', expiresOn: '2025-01-01' }, ctx('2025-01-18T02:00:00.000Z')).thenThrows('VALIDATION', 'has passed');
  });

  it('withdraws a draft before filing, not after', () => {
    given(proposal, [submitted]).when({ type: 'WithdrawProposal', proposalId: 'p1', reason: '重复' }, ctx('2025-01-12T02:00:00.000Z')).then([
      { type: 'ProposalWithdrawn', data: { proposalId: 'p1', reason: '重复', withdrawnAt: '2025-01-12T02:00:00.000Z' } },
    ]);
    given(proposal, [submitted, filed]).when({ type: 'WithdrawProposal', proposalId: 'p1', reason: 'x' }, ctx('2025-01-22T02:00:00.000Z')).thenThrows('CONFLICT', 'is FILED');
  });

  it('refuses any step on a proposal never submitted', () => {
    given(proposal, []).when({ type: 'FileProposal', proposalId: 'p1' }, ctx(SUBMITTED_AT)).thenThrows('NOT_FOUND', 'has not been submitted');
  });
});

describe('proposal: review by the office', () => {
  it('files with the next serial of its term and session, formatted as the committee writes it, and claims the number', () => {
    const earlier: DomainEvent[] = [
      { ...submitted, data: { ...submitted.data, proposalId: 'p0' } } as DomainEvent,
      { type: 'ProposalFiled', data: { proposalId: 'p0', termId: 't10', sessionId: 's3', serial: 1, number: '格政协〔2025〕第1号', filedAt: SUBMITTED_AT } },
    ];
    given(proposal, [submitted]).when({ type: 'FileProposal', proposalId: 'p1' }, ctx('2025-01-20T02:00:00.000Z', ...earlier)).then([
      { type: 'ProposalFiled', data: { proposalId: 'p1', termId: 't10', sessionId: 's3', serial: 2, number: '格政协〔2025〕第2号', filedAt: '2025-01-20T02:00:00.000Z' } },
      { type: 'ProposalNumberReserved', data: { counter: 't10.s3', serial: 2, proposalId: 'p1' } },
    ]);
    given(proposal, [submitted, filed]).when({ type: 'FileProposal', proposalId: 'p1' }, ctx('2025-01-21T02:00:00.000Z')).then([]);
  });

  it('declines with a reason from the office\'s list, and names the list when the code is not on it', () => {
    given(proposal, [submitted]).when({ type: 'DeclineToFileProposal', proposalId: 'p1', reasonCode: 'PERSONAL', note: '建议转社情民意', toOpinionReport: true }, ctx('2025-01-20T02:00:00.000Z')).then([
      { type: 'ProposalNotFiled', data: { proposalId: 'p1', reasonCode: 'PERSONAL', note: '建议转社情民意', toOpinionReport: true, decidedAt: '2025-01-20T02:00:00.000Z' } },
    ]);
    given(proposal, [submitted]).when({ type: 'DeclineToFileProposal', proposalId: 'p1', reasonCode: 'BORING' }, ctx(SUBMITTED_AT)).thenThrows('VALIDATION', 'NOT_IN_SCOPE, PERSONAL');
  });

  it('returns for revision, takes the revised text, and refuses a resubmission that was not asked for', () => {
    const returned: ProposalEvent = { type: 'ProposalReturned', data: { proposalId: 'p1', reason: '请补充数据', returnedAt: '2025-01-15T02:00:00.000Z' } };
    given(proposal, [submitted]).when({ type: 'ReturnProposalForRevision', proposalId: 'p1', reason: '请补充数据' }, ctx('2025-01-15T02:00:00.000Z')).then([returned]);
    given(proposal, [submitted, returned]).when({ type: 'ResubmitProposal', proposalId: 'p1', reasons: '案由（补充）' }, ctx('2025-01-16T02:00:00.000Z')).then([
      { type: 'ProposalResubmitted', data: { proposalId: 'p1', title: submit.title, reasons: '案由（补充）', suggestions: '办法……', resubmittedAt: '2025-01-16T02:00:00.000Z' } },
    ]);
    given(proposal, [submitted]).when({ type: 'ResubmitProposal', proposalId: 'p1' }, ctx(SUBMITTED_AT)).thenThrows('CONFLICT', 'returned for revision');
  });

  it('merges into another proposal of the term, once (a repeat decides nothing, whatever the target is now), never into itself or one not on record', () => {
    const other = { ...submitted, data: { ...submitted.data, proposalId: 'p2' } } as DomainEvent;
    given(proposal, [submitted]).when({ type: 'MergeProposal', proposalId: 'p1', intoProposalId: 'p2', reason: '内容相近' }, ctx('2025-01-18T02:00:00.000Z', other)).then([
      { type: 'ProposalMerged', data: { proposalId: 'p1', intoProposalId: 'p2', reason: '内容相近', mergedAt: '2025-01-18T02:00:00.000Z' } },
    ]);
    const merged: ProposalEvent = { type: 'ProposalMerged', data: { proposalId: 'p1', intoProposalId: 'p2', reason: '内容相近', mergedAt: '2025-01-18T02:00:00.000Z' } };
    given(proposal, [submitted, merged]).when({ type: 'MergeProposal', proposalId: 'p1', intoProposalId: 'p2', reason: '内容相近' }, ctx('2025-12-01T02:00:00.000Z')).then([]);
    given(proposal, [submitted, merged]).when({ type: 'MergeProposal', proposalId: 'p1', intoProposalId: 'p3', reason: 'x' }, ctx('2025-12-01T02:00:00.000Z', other)).thenThrows('CONFLICT', 'is MERGED');
    given(proposal, [submitted]).when({ type: 'MergeProposal', proposalId: 'p1', intoProposalId: 'p1', reason: 'x' }, ctx(SUBMITTED_AT)).thenThrows('VALIDATION', 'into itself');
    given(proposal, [submitted]).when({ type: 'MergeProposal', proposalId: 'p1', intoProposalId: 'p9', reason: 'x' }, ctx(SUBMITTED_AT)).thenThrows('NOT_FOUND', 'p9');
  });
});

describe('proposal: assignment and deadlines', () => {
  it('assigns a lead unit with the committee\'s default days, and an assisting unit with a date', () => {
    const now = '2025-01-21T02:00:00.000Z';
    given(proposal, [submitted, filed]).when({ type: 'AssignProposal', proposalId: 'p1', assignmentId: 'a-lead', unitId: 'hu-dev', role: 'LEAD' }, ctx(now)).then([assigned('a-lead', 'hu-dev', 'LEAD', '2025-04-21')]);
    given(proposal, [submitted, filed]).when({ type: 'AssignProposal', proposalId: 'p1', assignmentId: 'a-edu', unitId: 'hu-edu', role: 'ASSIST', dueOn: '2025-02-28' }, ctx(now)).then([
      { type: 'ProposalAssigned', data: { proposalId: 'p1', assignmentId: 'a-edu', unitId: 'hu-edu', role: 'ASSIST', dueOn: '2025-02-28', deadlineRule: 'DATE', days: null, assignedAt: now } },
    ]);
  });

  it('refuses a second lead, the same unit twice, a unit that is not a handling unit or was dissolved, and a proposal not filed', () => {
    const now = '2025-01-22T02:00:00.000Z';
    const cmd = { type: 'AssignProposal', proposalId: 'p1', assignmentId: 'a-2', unitId: 'hu-edu', role: 'LEAD' } as const;
    given(proposal, inHandling).when(cmd, ctx(now)).thenThrows('CONFLICT', 'already has a lead unit');
    given(proposal, inHandling).when({ ...cmd, unitId: 'hu-dev', role: 'ASSIST' }, ctx(now)).thenThrows('CONFLICT', 'already handles');
    given(proposal, [submitted, filed]).when({ ...cmd, unitId: 'sector-1' }, ctx(now)).thenThrows('VALIDATION', 'not a handling unit');
    given(proposal, [submitted, filed]).when({ ...cmd, unitId: 'hu-gone' }, ctx(now)).thenThrows('VALIDATION', 'dissolved');
    given(proposal, [submitted]).when(cmd, ctx(now)).thenThrows('CONFLICT', 'only a filed proposal is assigned');
    given(proposal, [submitted, filed]).when({ ...cmd, dueOn: '2025-01-01' }, ctx(now)).thenThrows('VALIDATION', 'has passed');
  });

  it('lets a unit return its assignment with a reason and a suggested unit; the office then assigns another lead', () => {
    const returned: ProposalEvent = { type: 'AssignmentReturned', data: { proposalId: 'p1', assignmentId: 'a-lead', reason: '不属本单位职责', suggestedUnitId: 'hu-edu', returnedAt: '2025-01-25T02:00:00.000Z' } };
    given(proposal, inHandling).when({ type: 'ReturnAssignment', proposalId: 'p1', assignmentId: 'a-lead', reason: '不属本单位职责', suggestedUnitId: 'hu-edu' }, ctx('2025-01-25T02:00:00.000Z')).then([returned]);
    const [reassigned] = proposal.decide({ type: 'AssignProposal', proposalId: 'p1', assignmentId: 'a-2', unitId: 'hu-edu', role: 'LEAD' }, given(proposal, [...inHandling, returned]).state, { ...ctx('2025-01-26T02:00:00.000Z'), actor: 'office', newId: () => 'x' });
    expect(reassigned).toMatchObject({ type: 'ProposalAssigned', data: { unitId: 'hu-edu', role: 'LEAD', dueOn: '2025-04-26' } });
    given(proposal, [...inHandling, returned]).when({ type: 'ReplyToProposal', proposalId: 'p1', assignmentId: 'a-lead', result: 'A', text: 'x', letterDate: '2025-01-26' }, ctx('2025-01-27T02:00:00.000Z')).thenThrows('CONFLICT', 'was returned');
  });

  it('extends a deadline later, with a reason; refuses one earlier', () => {
    given(proposal, inHandling).when({ type: 'ExtendDeadline', proposalId: 'p1', assignmentId: 'a-lead', dueOn: '2025-05-31', reason: '需实地调研' }, ctx('2025-04-01T02:00:00.000Z')).then([
      { type: 'DeadlineExtended', data: { proposalId: 'p1', assignmentId: 'a-lead', fromDueOn: '2025-04-21', dueOn: '2025-05-31', reason: '需实地调研', extendedAt: '2025-04-01T02:00:00.000Z' } },
    ]);
    given(proposal, inHandling).when({ type: 'ExtendDeadline', proposalId: 'p1', assignmentId: 'a-lead', dueOn: '2025-03-01', reason: 'x' }, ctx('2025-02-01T02:00:00.000Z')).thenThrows('VALIDATION', 'moves it later');
  });

  it('marks a key proposal supervised by a leader, not by a member who is none', () => {
    given(proposal, inHandling).when({ type: 'MarkKeyProposal', proposalId: 'p1', supervisorId: 'vc' }, ctx('2025-02-01T02:00:00.000Z')).then([
      { type: 'ProposalMarkedKey', data: { proposalId: 'p1', supervisorId: 'vc', reason: '', markedAt: '2025-02-01T02:00:00.000Z' } },
    ]);
    given(proposal, inHandling).when({ type: 'MarkKeyProposal', proposalId: 'p1', supervisorId: 'm2' }, ctx('2025-02-01T02:00:00.000Z')).thenThrows('VALIDATION', 'not a committee leader');
  });

  it('counts working days past weekends and the listed holidays; derives the board\'s states for an "on" date', () => {
    expect(dueAfter('2025-09-30', 3, 'WORKING', ['2025-10-01', '2025-10-02', '2025-10-03'])).toBe('2025-10-08');
    expect(dueAfter('2025-01-21', 90, 'CALENDAR', [])).toBe('2025-04-21');
    const round = { dueOn: '2025-06-30', repliedMs: null };
    expect(deadlineState(round, Date.parse('2025-06-22T15:59:59Z'), 7)).toBe('NOT_YET_DUE');
    expect(deadlineState(round, Date.parse('2025-06-22T16:00:00Z'), 7)).toBe('DUE_SOON');
    expect(deadlineState(round, Date.parse('2025-06-30T15:59:59Z'), 7)).toBe('DUE_SOON');
    expect(deadlineState(round, Date.parse('2025-06-30T16:00:00Z'), 7)).toBe('OVERDUE');
    expect(deadlineState({ ...round, repliedMs: Date.parse('2025-06-30T15:00:00Z') }, Date.parse('2025-07-02T00:00:00Z'), 7)).toBe('REPLIED_ON_TIME');
    expect(deadlineState({ ...round, repliedMs: Date.parse('2025-07-01T01:00:00Z') }, Date.parse('2025-07-02T00:00:00Z'), 7)).toBe('REPLIED_LATE');
    // Asked before the reply was recorded, the board says what it said then.
    expect(deadlineState({ ...round, repliedMs: Date.parse('2025-07-01T01:00:00Z') }, Date.parse('2025-07-01T00:00:00Z'), 7)).toBe('OVERDUE');
  });
});

describe('proposal: replies, their review and the proposer\'s verdict', () => {
  it('takes a B reply with its planned date; refuses B without one, C without a reason, a future letter', () => {
    const cmd = { type: 'ReplyToProposal', proposalId: 'p1', assignmentId: 'a-lead', result: 'B', text: '答复……', letterDate: '2025-03-01', plannedOn: '2025-09-30' } as const;
    given(proposal, inHandling).when(cmd, ctx('2025-03-01T02:00:00.000Z')).then([reply(1, 'B')]);
    given(proposal, inHandling).when({ ...cmd, plannedOn: null }, ctx('2025-03-01T02:00:00.000Z')).thenThrows('VALIDATION', 'plannedOn');
    given(proposal, inHandling).when({ ...cmd, result: 'C', plannedOn: null }, ctx('2025-03-01T02:00:00.000Z')).thenThrows('VALIDATION', 'referenceReason');
    given(proposal, inHandling).when({ ...cmd, letterDate: '2025-03-09' }, ctx('2025-03-01T02:00:00.000Z')).thenThrows('VALIDATION', 'in the future');
  });

  it('sends a reply back; the unit replies again as version 2, which the office releases (once); a reply waiting for the office blocks another', () => {
    const pending = [...inHandling, reply(1, 'B')];
    given(proposal, pending).when({ type: 'SendBackReply', proposalId: 'p1', assignmentId: 'a-lead', reason: '答复不具体' }, ctx('2025-03-02T02:00:00.000Z')).then([
      { type: 'ReplySentBack', data: { proposalId: 'p1', assignmentId: 'a-lead', version: 1, reason: '答复不具体', sentBackAt: '2025-03-02T02:00:00.000Z' } },
    ]);
    const sentBack: ProposalEvent = { type: 'ReplySentBack', data: { proposalId: 'p1', assignmentId: 'a-lead', version: 1, reason: '答复不具体', sentBackAt: '2025-03-02T02:00:00.000Z' } };
    given(proposal, [...pending, sentBack]).when({ type: 'ReplyToProposal', proposalId: 'p1', assignmentId: 'a-lead', result: 'A', text: '答复……', letterDate: '2025-03-01' }, ctx('2025-03-01T02:00:00.000Z')).then([reply(2, 'A')]);
    given(proposal, pending).when({ type: 'ReplyToProposal', proposalId: 'p1', assignmentId: 'a-lead', result: 'A', text: 'x', letterDate: '2025-03-01' }, ctx('2025-03-03T02:00:00.000Z')).thenThrows('CONFLICT', 'waiting for the office');
    given(proposal, inHandling).when({ type: 'ReleaseReply', proposalId: 'p1', assignmentId: 'a-lead' }, ctx('2025-03-03T02:00:00.000Z')).thenThrows('CONFLICT', 'no reply waiting');
    given(proposal, [...pending, sentBack, reply(2, 'A')]).when({ type: 'ReleaseReply', proposalId: 'p1', assignmentId: 'a-lead' }, ctx('2025-03-02T02:00:00.000Z')).then([released(2)]);
    given(proposal, [...pending, sentBack, reply(2, 'A'), released(2)]).when({ type: 'ReleaseReply', proposalId: 'p1', assignmentId: 'a-lead' }, ctx('2025-03-04T02:00:00.000Z')).then([]);
  });

  it('closes the proposal when the last reply is rated without dissatisfaction', () => {
    given(proposal, replied).when({ type: 'RateReply', proposalId: 'p1', assignmentId: 'a-lead', attitude: 'SATISFIED', result: 'SATISFIED' }, ctx('2025-03-05T02:00:00.000Z')).then([
      rated('SATISFIED', 'SATISFIED'),
      { type: 'ProposalClosed', data: { proposalId: 'p1', reason: 'every reply released and rated', closedBy: 'RATINGS', closedAt: '2025-03-05T02:00:00.000Z' } },
    ]);
  });

  it('keeps a proposal whose lead unit returned it open when the assisting unit\'s reply is rated: the office assigns another lead', () => {
    const returned: ProposalEvent = { type: 'AssignmentReturned', data: { proposalId: 'p1', assignmentId: 'a-lead', reason: '不属本单位职责', suggestedUnitId: null, returnedAt: '2025-01-25T02:00:00.000Z' } };
    const edu = (e: ProposalEvent): ProposalEvent => ({ ...e, data: { ...e.data, assignmentId: 'a-edu' } }) as ProposalEvent;
    const history = [...inHandling, returned, assigned('a-edu', 'hu-edu', 'ASSIST', '2025-02-20'), edu(reply(1, 'A')), edu(released(1))];
    given(proposal, history).when({ type: 'RateReply', proposalId: 'p1', assignmentId: 'a-edu', attitude: 'SATISFIED', result: 'SATISFIED' }, ctx('2025-03-05T02:00:00.000Z')).then([edu(rated('SATISFIED', 'SATISFIED'))]);
  });

  it('keeps an unsatisfied proposal open; rehandling is asked, the office reopens with a new deadline, a new round is replied', () => {
    const unhappy = [...replied, rated('SATISFIED', 'UNSATISFIED')];
    given(proposal, unhappy).when({ type: 'RequestRehandling', proposalId: 'p1', reason: '问题未解决' }, ctx('2025-03-06T02:00:00.000Z')).then([
      { type: 'RehandlingRequested', data: { proposalId: 'p1', reason: '问题未解决', requestedAt: '2025-03-06T02:00:00.000Z' } },
    ]);
    given(proposal, unhappy).when({ type: 'ReopenProposal', proposalId: 'p1', reason: '重新办理', days: 30 }, ctx('2025-03-07T02:00:00.000Z')).then([
      { type: 'ProposalReopened', data: { proposalId: 'p1', reason: '重新办理', assignments: [{ assignmentId: 'a-lead', dueOn: '2025-04-06' }], reopenedAt: '2025-03-07T02:00:00.000Z' } },
    ]);
    const reopened: ProposalEvent = { type: 'ProposalReopened', data: { proposalId: 'p1', reason: '重新办理', assignments: [{ assignmentId: 'a-lead', dueOn: '2025-04-06' }], reopenedAt: '2025-03-07T02:00:00.000Z' } };
    given(proposal, [...unhappy, reopened]).when({ type: 'ReplyToProposal', proposalId: 'p1', assignmentId: 'a-lead', result: 'A', text: '再答复', letterDate: '2025-03-20' }, ctx('2025-03-20T02:00:00.000Z')).then([
      reply(2, 'A', { round: 2, text: '再答复', letterDate: '2025-03-20', submittedAt: '2025-03-20T02:00:00.000Z' }),
    ]);
    given(proposal, replied).when({ type: 'RequestRehandling', proposalId: 'p1', reason: 'x' }, ctx('2025-03-06T02:00:00.000Z')).thenThrows('CONFLICT', 'no reply rated unsatisfied');
  });

  it('refuses a rating before release, a second different rating, and a reply after closure', () => {
    given(proposal, inHandling).when({ type: 'RateReply', proposalId: 'p1', assignmentId: 'a-lead', attitude: 'SATISFIED', result: 'SATISFIED' }, ctx('2025-03-05T02:00:00.000Z')).thenThrows('CONFLICT', 'no released reply');
    const unhappy = [...replied, rated('SATISFIED', 'UNSATISFIED')];
    given(proposal, unhappy).when({ type: 'RateReply', proposalId: 'p1', assignmentId: 'a-lead', attitude: 'SATISFIED', result: 'SATISFIED' }, ctx('2025-03-06T02:00:00.000Z')).thenThrows('CONFLICT', 'already rated');
    const closed: ProposalEvent = { type: 'ProposalClosed', data: { proposalId: 'p1', reason: '办结', closedBy: 'OFFICE', closedAt: '2025-03-06T02:00:00.000Z' } };
    given(proposal, [...inHandling, closed]).when({ type: 'ReplyToProposal', proposalId: 'p1', assignmentId: 'a-lead', result: 'A', text: 'x', letterDate: '2025-03-06' }, ctx('2025-03-07T02:00:00.000Z')).thenThrows('CONFLICT', 'is closed');
    given(proposal, inHandling).when({ type: 'CloseProposal', proposalId: 'p1', reason: '办结' }, ctx('2025-03-06T02:00:00.000Z')).then([closed]);
  });

  it('takes a B promise\'s delivery from the unit and from the office, once each; refuses it on an A reply', () => {
    const b = [...inHandling, reply(1, 'B'), released(1)];
    const report = { type: 'ReportPromiseDelivered', proposalId: 'p1', assignmentId: 'a-lead', reporter: 'UNIT', deliveredOn: '2025-09-20' } as const;
    given(proposal, b).when(report, ctx('2025-09-21T02:00:00.000Z')).then([
      { type: 'PromiseDeliveryReported', data: { proposalId: 'p1', assignmentId: 'a-lead', reporter: 'UNIT', deliveredOn: '2025-09-20', note: '', reportedAt: '2025-09-21T02:00:00.000Z' } },
    ]);
    given(proposal, replied).when(report, ctx('2025-09-21T02:00:00.000Z')).thenThrows('CONFLICT', 'no released B reply');
    given(proposal, b).when({ ...report, deliveredOn: '2025-10-01' }, ctx('2025-09-21T02:00:00.000Z')).thenThrows('VALIDATION', 'in the future');
  });
});

describe('proposal rules', () => {
  it('sets the number format with {n} only, defines reasons once, and marks non-working days', () => {
    const rules = { type: 'SetProposalRules', numberFormat: '格政协〔{year}〕第{n}号', leadDays: 90, assistDays: 30, dayKind: 'WORKING', dueSoonDays: 7, invitationDays: 7, reason: '年度设置' } as const;
    given(proposalRules, []).when(rules).then([{ type: 'ProposalRulesSet', data: { numberFormat: '格政协〔{year}〕第{n}号', leadDays: 90, assistDays: 30, dayKind: 'WORKING', dueSoonDays: 7, invitationDays: 7, reason: '年度设置' } }]);
    given(proposalRules, []).when({ ...rules, numberFormat: '第号' }).thenThrows('VALIDATION', 'must hold {n}');
    given(proposalRules, []).when({ ...rules, numberFormat: '{n}/{month}' }).thenThrows('VALIDATION', '{month}');
    given(proposalRules, [{ type: 'NotFiledReasonDefined', data: { code: 'R1', label: '甲' } }]).when({ type: 'DefineNotFiledReason', code: 'R1', label: '乙' }).thenThrows('CONFLICT', 'already defined');
    given(proposalRules, []).when({ type: 'MarkNonWorkingDays', dates: ['2025-10-01', '2025-10-02', '2025-10-01'], reason: '国庆' }).then([{ type: 'NonWorkingDaysMarked', data: { dates: ['2025-10-01', '2025-10-02'], reason: '国庆' } }]);
    given(proposalRules, []).when({ type: 'MarkNonWorkingDays', dates: ['2025-02-30'], reason: 'x' }).thenThrows('VALIDATION', 'not a real date');
  });
});

describe('contacts that serve a proposal (consultation, supervision)', () => {
  const log = (proposalIds: string[]): ContactCommand => ({ type: 'LogContact', contactId: 'c-9', participantIds: ['hu-dev', 'm1'], occurredAt: '2025-02-01', channel: 'VISIT', topic: '走访提案人', proposalIds });
  const run = (proposalIds: string[], ...more: DomainEvent[]) => () => contact.decide(log(proposalIds), contact.initialState, { ...ctx('2025-02-02T02:00:00.000Z', ...more), actor: 'hu-dev', newId: () => 'i-1' });

  it('records the filed proposals a contact serves', () => {
    expect(run(['p1'], ...(inHandling as DomainEvent[]))()[0]).toMatchObject({ type: 'ContactLogged', data: { proposalIds: ['p1'], linkIds: [] } });
  });

  it('refuses a proposal not on record, and one not filed', () => {
    expect(run(['p9'])).toThrow(domainError('NOT_FOUND', 'proposal p9'));
    expect(run(['p1'], submitted as DomainEvent)).toThrow(domainError('CONFLICT', 'is SUBMITTED'));
  });

  it('keeps a contact that serves no proposal as it was recorded before proposals (no proposalIds key)', () => {
    const [event] = contact.decide({ ...log([]), proposalIds: undefined } as ContactCommand, contact.initialState, { ...ctx('2025-02-02T02:00:00.000Z'), actor: 'x', newId: () => 'i-1' });
    expect(Object.keys(event!.data)).not.toContain('proposalIds');
  });
});
