import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { given, modelFrom } from '#testing/given';
import type { ProposalEvent } from '../proposals/proposal.js';
import type { InspectionEvent } from '../inspections/inspection.js';
import { DomainEvent } from '../systems.js';
import { TopicCommand, TopicEvent, topic } from './topic.js';

/**
 * A committee with a special committee that leads topics, a dissolved one, members, a contact, a
 * retracted contact, a proposal that declared topic t1 and an inspection that declared none.
 * Today is 1 June 2020.
 */
const NOW = '2020-06-01T02:00:00.000Z';
const SET_AT = '2020-01-15T02:00:00.000Z';
const proposalSubmitted = (proposalId: string, topicId: string | null): ProposalEvent => ({
  type: 'ProposalSubmitted',
  data: { proposalId, termId: 't10', sessionId: 's4', occasion: 'SESSION', proposerKind: 'MEMBER', proposerId: 'm1', title: '关于优化营商环境的提案', reasons: '案由', suggestions: '办法', topicId, sourceContactId: null, sourceIssueId: null, submittedAt: '2020-01-06T01:00:00.000Z' },
});
const inspectionPlanned = (inspectionId: string, topicId: string | null): InspectionEvent => ({
  type: 'InspectionPlanned',
  data: { inspectionId, kind: 'INSPECTION', topic: '物流枢纽建设', topicId, organiserKind: 'SPECIAL_COMMITTEE', organiserId: 'sc-eco', startsOn: '2020-05-12', endsOn: '2020-05-12', place: '格尔木', plannedAt: '2020-04-01T02:00:00.000Z' },
});
const committee: DomainEvent[] = [
  ev.organization('sc-eco', 'SPECIAL_COMMITTEE'),
  ev.organization('sc-old', 'SPECIAL_COMMITTEE'),
  ev.dissolved('sc-old', '2019-01-01'),
  ev.term('t10', 10, '2017-01-01', '2022-01-01'),
  ev.plenary('s4', '2020-01-05', '2020-01-08', { termId: 't10', number: 4 }),
  ev.member('m1'),
  ev.member('m2'),
  ev.contact('c1', '2020-03-10T02:00:00.000Z', ['m1', 'm2']),
  ev.contact('c2', '2020-03-11T02:00:00.000Z', ['m1', 'm2']),
  ev.retracted('c2'),
  proposalSubmitted('p1', 't1'),
  proposalSubmitted('p2', null),
  inspectionPlanned('i1', null),
];
const ctx = (now = NOW) => ({ now, directory: modelFrom(committee) });

type Cmd<T extends TopicCommand['type']> = Extract<TopicCommand, { type: T }>;
const set = (changes: Partial<Cmd<'SetKeyTopic'>> = {}): TopicCommand => ({ type: 'SetKeyTopic', topicId: 't1', year: 2020, title: '营商环境与民营经济', leadBodyId: 'sc-eco', ...changes });
const wasSet: TopicEvent = { type: 'KeyTopicSet', data: { topicId: 't1', year: 2020, title: '营商环境与民营经济', leadBodyId: 'sc-eco', periodFrom: '2020-01-01', periodTo: '2020-12-31', setAt: SET_AT } };
const tag = (workKind: string, workId: string, note: string | null = null): TopicCommand => ({ type: 'TagWorkToTopic', topicId: 't1', workKind, workId, note });
const tagged = (workKind: 'CONTACT' | 'PROPOSAL' | 'OPINION_REPORT' | 'INSPECTION', workId: string, workOn: string, note = ''): TopicEvent => ({ type: 'WorkTaggedToTopic', data: { topicId: 't1', workKind, workId, workOn, note, taggedAt: NOW } });
const untag = (workKind: string, workId: string, reason = '与议题无关'): TopicCommand => ({ type: 'UntagWorkFromTopic', topicId: 't1', workKind, workId, reason });
const untagged = (workKind: 'CONTACT' | 'PROPOSAL' | 'INSPECTION', workId: string, reason = '与议题无关'): TopicEvent => ({ type: 'WorkUntaggedFromTopic', data: { topicId: 't1', workKind, workId, reason, untaggedAt: NOW } });

describe('key topic: set, revise, withdraw', () => {
  it('sets a topic for its year, the whole year by default', () => given(topic, []).when(set(), ctx(SET_AT)).then([wasSet]));

  it('sets one led by the chairs\' meeting over a period of its own', () =>
    given(topic, [])
      .when(set({ leadBodyId: 'CHAIRS', periodFrom: '2020-03-01', periodTo: '2020-10-31' }), ctx(SET_AT))
      .then([{ type: 'KeyTopicSet', data: { ...wasSet.data, leadBodyId: 'CHAIRS', periodFrom: '2020-03-01', periodTo: '2020-10-31' } }]));

  it('takes the same topic sent again as done, and refuses other details under the same id', () => {
    given(topic, [wasSet]).when(set(), ctx()).then([]);
    given(topic, [wasSet]).when(set({ title: '医疗保障体系' }), ctx()).thenThrows('CONFLICT', 'revise it instead');
  });

  it('refuses a topic without a year, title or lead body, a lead body not registered or dissolved, and a period out of order or off its year', () => {
    given(topic, []).when({ type: 'SetKeyTopic', topicId: 't1', year: undefined as unknown as number, title: 'x', leadBodyId: 'sc-eco' }, ctx()).thenThrows('VALIDATION', 'year is required');
    given(topic, []).when(set({ year: 1800 }), ctx()).thenThrows('VALIDATION', 'year');
    given(topic, []).when(set({ title: '' }), ctx()).thenThrows('VALIDATION', 'title is required');
    given(topic, []).when(set({ leadBodyId: null }), ctx()).thenThrows('VALIDATION', 'leadBodyId is required');
    given(topic, []).when(set({ leadBodyId: 'sc-none' }), ctx()).thenThrows('NOT_FOUND', 'sc-none is not a registered organization');
    given(topic, []).when(set({ leadBodyId: 'sc-old' }), ctx()).thenThrows('VALIDATION', 'dissolved');
    given(topic, []).when(set({ periodFrom: '2020-09-01', periodTo: '2020-03-01' }), ctx()).thenThrows('VALIDATION', 'before periodFrom');
    given(topic, []).when(set({ periodFrom: '2021-02-01', periodTo: '2021-03-01' }), ctx()).thenThrows('VALIDATION', 'does not meet the topic\'s year');
    given(topic, []).when(set({ topicId: 'a/b' }), ctx()).thenThrows('VALIDATION', 'topicId');
  });

  it('revises with a reason, keeping what the revision does not give', () =>
    given(topic, [wasSet])
      .when({ type: 'ReviseKeyTopic', topicId: 't1', title: '优化营商环境，促进民营经济发展', reason: '常委会审议修改' }, ctx())
      .then([{ type: 'KeyTopicRevised', data: { topicId: 't1', year: 2020, title: '优化营商环境，促进民营经济发展', leadBodyId: 'sc-eco', periodFrom: '2020-01-01', periodTo: '2020-12-31', reason: '常委会审议修改', revisedAt: NOW } }]));

  it('moves a revised year\'s default period with it', () => {
    const [event] = topic.decide({ type: 'ReviseKeyTopic', topicId: 't1', year: 2021, reason: '调整至下一年度' }, given(topic, [wasSet]).state, { ...ctx(), actor: 'office', newId: () => 'x' });
    expect(event).toMatchObject({ type: 'KeyTopicRevised', data: { year: 2021, periodFrom: '2021-01-01', periodTo: '2021-12-31' } });
  });

  it('refuses a revision without a reason, one that changes nothing, one of a topic not set, and one of a withdrawn topic', () => {
    given(topic, [wasSet]).when({ type: 'ReviseKeyTopic', topicId: 't1', title: '新标题', reason: '' }, ctx()).thenThrows('VALIDATION', 'reason is required');
    given(topic, [wasSet]).when({ type: 'ReviseKeyTopic', topicId: 't1', title: '营商环境与民营经济', reason: '重复' }, ctx()).thenThrows('VALIDATION', 'changes nothing');
    given(topic, []).when({ type: 'ReviseKeyTopic', topicId: 't1', title: '新标题', reason: '改' }, ctx()).thenThrows('NOT_FOUND', 'key topic t1 is not set');
    const withdrawn: TopicEvent = { type: 'KeyTopicWithdrawn', data: { topicId: 't1', reason: '常委会撤销', withdrawnAt: NOW } };
    given(topic, [wasSet, withdrawn]).when({ type: 'ReviseKeyTopic', topicId: 't1', title: '新标题', reason: '改' }, ctx()).thenThrows('CONFLICT', 'withdrawn');
  });

  it('withdraws with a reason, once; a withdrawn topic takes no new tags', () => {
    const withdrawn: TopicEvent = { type: 'KeyTopicWithdrawn', data: { topicId: 't1', reason: '常委会撤销', withdrawnAt: NOW } };
    given(topic, [wasSet]).when({ type: 'WithdrawKeyTopic', topicId: 't1', reason: '常委会撤销' }, ctx()).then([withdrawn]);
    given(topic, [wasSet, withdrawn]).when({ type: 'WithdrawKeyTopic', topicId: 't1', reason: '常委会撤销' }, ctx()).then([]);
    given(topic, [wasSet]).when({ type: 'WithdrawKeyTopic', topicId: 't1', reason: '' }, ctx()).thenThrows('VALIDATION', 'reason');
    given(topic, [wasSet, withdrawn]).when(tag('CONTACT', 'c1'), ctx()).thenThrows('CONFLICT', 'no work is tagged to it');
  });
});

describe('key topic: tagging work', () => {
  it('tags a contact, a proposal and an inspection with the work\'s own date', () => {
    given(topic, [wasSet]).when(tag('CONTACT', 'c1', '征集到的意见'), ctx()).then([tagged('CONTACT', 'c1', '2020-03-10', '征集到的意见')]);
    given(topic, [wasSet]).when(tag('PROPOSAL', 'p2'), ctx()).then([tagged('PROPOSAL', 'p2', '2020-01-06')]);
    given(topic, [wasSet]).when(tag('INSPECTION', 'i1'), ctx()).then([tagged('INSPECTION', 'i1', '2020-05-12')]);
  });

  it('takes a second tag of the same work, or a tag of work that declared the topic itself, as done', () => {
    given(topic, [wasSet, tagged('CONTACT', 'c1', '2020-03-10')]).when(tag('CONTACT', 'c1'), ctx()).then([]);
    given(topic, [wasSet]).when(tag('PROPOSAL', 'p1'), ctx()).then([]);
  });

  it('refuses work that is not on record, a retracted contact, an unknown kind, and a topic not set', () => {
    given(topic, [wasSet]).when(tag('PROPOSAL', 'p9'), ctx()).thenThrows('NOT_FOUND', 'PROPOSAL p9 is not on record');
    given(topic, [wasSet]).when(tag('OPINION_REPORT', 'r1'), ctx()).thenThrows('NOT_FOUND', 'OPINION_REPORT r1 is not on record');
    given(topic, [wasSet]).when(tag('CONTACT', 'c2'), ctx()).thenThrows('VALIDATION', 'retracted');
    given(topic, [wasSet]).when(tag('MEETING', 'c1'), ctx()).thenThrows('VALIDATION', 'workKind');
    given(topic, []).when(tag('CONTACT', 'c1'), ctx()).thenThrows('NOT_FOUND', 'key topic t1 is not set');
  });

  it('untags with a reason: tagged work, and work that declared the topic; a later tag puts it back', () => {
    given(topic, [wasSet, tagged('CONTACT', 'c1', '2020-03-10')]).when(untag('CONTACT', 'c1'), ctx()).then([untagged('CONTACT', 'c1')]);
    given(topic, [wasSet]).when(untag('PROPOSAL', 'p1', '提案内容与议题不符'), ctx()).then([untagged('PROPOSAL', 'p1', '提案内容与议题不符')]);
    given(topic, [wasSet, untagged('PROPOSAL', 'p1')]).when(tag('PROPOSAL', 'p1'), ctx()).then([tagged('PROPOSAL', 'p1', '2020-01-06')]);
  });

  it('refuses to untag work not on the list, or without a reason', () => {
    given(topic, [wasSet]).when(untag('CONTACT', 'c1'), ctx()).thenThrows('CONFLICT', 'CONTACT c1 is not tagged to key topic t1');
    given(topic, [wasSet, tagged('CONTACT', 'c1', '2020-03-10'), untagged('CONTACT', 'c1')]).when(untag('CONTACT', 'c1'), ctx()).thenThrows('CONFLICT', 'not tagged');
    given(topic, [wasSet, untagged('PROPOSAL', 'p1')]).when(untag('PROPOSAL', 'p1'), ctx()).thenThrows('CONFLICT', 'not tagged');
    given(topic, [wasSet, tagged('CONTACT', 'c1', '2020-03-10')]).when(untag('CONTACT', 'c1', ''), ctx()).thenThrows('VALIDATION', 'reason');
  });
});
