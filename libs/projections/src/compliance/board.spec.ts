/**
 * Each rule of the compliance board made to go red and green on a hand-built network: the events
 * come from the deciders themselves (each command decided against the record so far, as the
 * write path does), and the board is read over the projections they fold to.
 */
import { describe, expect, it } from '@jest/globals';
import type { ComplianceRule, DomainCommand, DomainEvent } from '#domain';
import { DOMAIN } from '#domain';
import * as ev from '#testing/events';
import { modelFrom, projectionsFrom, recordedAt } from '#testing/given';
import { complianceBoard, type Board } from './board.js';

/** A record built by deciding commands in order, each at its own instant. */
function network(seed: readonly DomainEvent[]) {
  const history: Array<DomainEvent & { recordedAt?: string }> = [...seed];
  let n = 0;
  const exec = (now: string, command: DomainCommand) => {
    const decider = DOMAIN.decider(command);
    const stream = decider.streamId(command);
    const state = history.filter((e) => DOMAIN.streamOf(e) === stream).reduce((s, e) => decider.evolve(s, e), decider.initialState);
    const events = decider.decide(command, state, { now, actor: 'office', directory: modelFrom(history), newId: () => `id-${++n}` }) as DomainEvent[];
    history.push(...events.map((e) => recordedAt(now, e)));
    return exec;
  };
  return { history, exec, board: (year: number, on: string) => complianceBoard(projectionsFrom(history), year, Date.parse(on)) };
}

const cell = (board: Board, rule: ComplianceRule, scheme: string | null = null) => {
  const c = board.cells.find((x) => x.rule === rule && x.scheme === scheme)!;
  return [c.state, c.expected, c.met, c.evidence];
};

/** Two localities, one with a group; a special committee and a dissolved one; three members. */
const roster: DomainEvent[] = [
  ev.locality('loc-a'),
  ev.locality('loc-b'),
  ev.person('p-lead'),
  ev.liaisonGroup('lg-a', 'loc-a', 'p-lead'),
  ev.organization('sc-1', 'SPECIAL_COMMITTEE'),
  ev.organization('sc-old', 'SPECIAL_COMMITTEE'),
  ev.organization('hu-1', 'HANDLING_UNIT'),
  ev.term('t10', 10, '2017-01-01', '2022-01-01'),
  ev.plenary('s4', '2020-01-05', '2020-01-08', { termId: 't10', number: 4 }),
  ev.member('m1', { affiliation: 'CPC', liaisonGroupId: 'lg-a' }),
  ev.member('m2'),
  ev.member('m3'),
];
const END_OF_2020 = '2021-01-10T00:00:00.000Z';

describe('the compliance board, rule by rule', () => {
  it('MEMBERS_IN_SPECIAL_COMMITTEE: red while a member sits in a dissolved committee, green once all sit in one that exists', () => {
    const red = network([...roster, ev.member('m4', { specialCommitteeId: 'sc-old' }), ev.dissolved('sc-old', '2020-03-01')]);
    expect(cell(red.board(2020, END_OF_2020), 'MEMBERS_IN_SPECIAL_COMMITTEE')).toEqual(['RED', 4, 3, ['m4']]);
    const green = network([...roster, ev.member('m4', { specialCommitteeId: 'sc-old' }), ev.memberLeft('m4', '2020-02-01'), ev.dissolved('sc-old', '2020-03-01')]);
    expect(cell(green.board(2020, END_OF_2020), 'MEMBERS_IN_SPECIAL_COMMITTEE')).toEqual(['GREEN', 3, 3, []]);
  });

  it('LOCALITIES_HAVE_GROUP: red with a locality no group covers, green once it has one', () => {
    const n = network(roster);
    expect(cell(n.board(2020, END_OF_2020), 'LOCALITIES_HAVE_GROUP')).toEqual(['RED', 2, 1, ['loc-b']]);
    n.history.push(ev.liaisonGroup('lg-b', 'loc-b', 'p-lead'));
    expect(cell(n.board(2020, END_OF_2020), 'LOCALITIES_HAVE_GROUP')).toEqual(['GREEN', 2, 2, []]);
  });

  it('GROUPS_ACTIVE_EACH_QUARTER: each ended quarter without a contact of the group is named; amber under the committee\'s threshold', () => {
    const n = network(roster);
    for (const day of ['2020-02-10', '2020-05-10', '2020-08-10']) n.history.push(ev.contact(`c-${day}`, day, ['m1', 'm2'], { liaisonGroupId: 'lg-a' }));
    expect(cell(n.board(2020, END_OF_2020), 'GROUPS_ACTIVE_EACH_QUARTER')).toEqual(['RED', 4, 3, ['lg-a@2020-Q4']]);
    // Read in mid-November, Q4 has not ended: nothing of it is due yet.
    expect(cell(n.board(2020, '2020-11-15T00:00:00Z'), 'GROUPS_ACTIVE_EACH_QUARTER')).toEqual(['GREEN', 3, 3, []]);
    n.exec('2020-12-01T00:00:00Z', { type: 'SetComplianceThreshold', rule: 'GROUPS_ACTIVE_EACH_QUARTER', green: 1, amber: 0.75, reason: '常委会确定' });
    expect(cell(n.board(2020, END_OF_2020), 'GROUPS_ACTIVE_EACH_QUARTER')[0]).toBe('AMBER');
    n.history.push(ev.contact('c-q4', '2020-11-20', ['m1', 'm3'], { liaisonGroupId: 'lg-a' }));
    expect(cell(n.board(2020, END_OF_2020), 'GROUPS_ACTIVE_EACH_QUARTER')).toEqual(['GREEN', 4, 4, []]);
  });

  it('DUE_LINKS_MET: per scheme, each period of the link\'s own requirement ended in the year; met once covered', () => {
    const n = network([...roster, ev.link('l1', 'm1', 'm2', { min: 1, per: 'HALF_YEAR' }), ev.contact('c1', '2020-03-01', ['m1', 'm2'], { links: ['l1'] })]);
    expect(cell(n.board(2020, END_OF_2020), 'DUE_LINKS_MET', 'PARTY_MEMBER_TO_NON_PARTY')).toEqual(['RED', 2, 1, ['l1@2020-H2']]);
    expect(cell(n.board(2020, '2020-08-01T00:00:00Z'), 'DUE_LINKS_MET', 'PARTY_MEMBER_TO_NON_PARTY')).toEqual(['GREEN', 1, 1, []]);
    n.history.push(ev.contact('c2', '2020-09-01', ['m1', 'm2'], { links: ['l1'] }));
    expect(cell(n.board(2020, END_OF_2020), 'DUE_LINKS_MET', 'PARTY_MEMBER_TO_NON_PARTY')).toEqual(['GREEN', 2, 2, []]);
    expect(cell(n.board(2020, END_OF_2020), 'DUE_LINKS_MET', 'CONVENER')[0]).toBe('NONE_DUE');
  });

  it('MEMBERS_TARGETED: red while a member is no link\'s target, green once one is', () => {
    const n = network([...roster, ev.link('l1', 'm1', 'm2')]);
    expect(cell(n.board(2020, END_OF_2020), 'MEMBERS_TARGETED')).toEqual(['RED', 3, 1, ['m1', 'm3']]);
    n.history.push(ev.link('l2', 'm1', 'm3'), ev.link('l3', 'm2', 'm1', { scheme: 'PARTY_GROUP_TO_PARTY_MEMBER' }));
    expect(cell(n.board(2020, END_OF_2020), 'MEMBERS_TARGETED')).toEqual(['GREEN', 3, 3, []]);
  });

  it('PARTY_COMMITTEE_REPORTED and _STUDIED: due once the year has ended; red without, green with one', () => {
    const n = network(roster);
    expect(cell(n.board(2020, '2020-09-01T00:00:00Z'), 'PARTY_COMMITTEE_REPORTED')).toEqual(['NONE_DUE', 0, 0, []]);
    expect(cell(n.board(2020, END_OF_2020), 'PARTY_COMMITTEE_REPORTED')).toEqual(['RED', 1, 0, []]);
    expect(cell(n.board(2020, END_OF_2020), 'PARTY_COMMITTEE_STUDIED')).toEqual(['RED', 1, 0, []]);
    n.exec('2020-07-11T00:00:00Z', { type: 'RecordPartyCommitteeReport', reportId: 'pr-1', kind: 'WORK_REPORT', subject: '工作汇报', recipient: '中共格尔木市委', reportedOn: '2020-07-10', reporterIds: ['m1'] });
    n.exec('2020-08-21T00:00:00Z', { type: 'RecordPartyCommitteeStudy', studyId: 'ps-1', studiedOn: '2020-08-20', meeting: '市委常委会会议', matters: ['听取汇报'], reportIds: ['pr-1'] });
    expect(cell(n.board(2020, '2020-09-01T00:00:00Z'), 'PARTY_COMMITTEE_REPORTED')).toEqual(['GREEN', 1, 1, ['pr-1']]);
    expect(cell(n.board(2020, END_OF_2020), 'PARTY_COMMITTEE_STUDIED')).toEqual(['GREEN', 1, 1, ['ps-1']]);
    expect(cell(n.board(2021, '2022-01-10T00:00:00Z'), 'PARTY_COMMITTEE_STUDIED')).toEqual(['RED', 1, 0, []]);
  });

  it('PROPOSALS_REPLIED_ON_TIME: a round past its deadline without a reply is red; replied on time is green', () => {
    const n = network(roster);
    n.exec('2020-01-02T00:00:00Z', { type: 'SetProposalRules', numberFormat: '格政协〔{year}〕第{n}号', leadDays: 90, assistDays: 30, dayKind: 'CALENDAR', dueSoonDays: 7, invitationDays: 7, reason: '规则' } as DomainCommand)
      ('2020-01-06T02:00:00Z', { type: 'SubmitProposal', proposalId: 'p1', sessionId: 's4', proposerId: 'm1', title: '关于优化营商环境的提案', reasons: '案由', suggestions: '办法' })
      ('2020-01-20T02:00:00Z', { type: 'FileProposal', proposalId: 'p1' })
      ('2020-01-21T02:00:00Z', { type: 'AssignProposal', proposalId: 'p1', assignmentId: 'a1', unitId: 'hu-1', role: 'LEAD', dueOn: '2020-04-20' });
    expect(cell(n.board(2020, '2020-03-01T00:00:00Z'), 'PROPOSALS_REPLIED_ON_TIME')).toEqual(['NONE_DUE', 0, 0, []]);
    expect(cell(n.board(2020, '2020-05-01T00:00:00Z'), 'PROPOSALS_REPLIED_ON_TIME')).toEqual(['RED', 1, 0, ['p1/a1']]);
    n.exec('2020-04-10T02:00:00Z', { type: 'ReplyToProposal', proposalId: 'p1', assignmentId: 'a1', result: 'A', text: '已解决', letterDate: '2020-04-10' })('2020-04-11T02:00:00Z', { type: 'ReleaseReply', proposalId: 'p1', assignmentId: 'a1' });
    expect(cell(n.board(2020, '2020-05-01T00:00:00Z'), 'PROPOSALS_REPLIED_ON_TIME')).toEqual(['GREEN', 1, 1, []]);
  });

  it('TOPICS_CARRIED_OUT, INSPECTION_REPORTS_ON_TIME, RECOMMENDATIONS_ANSWERED_ON_TIME: red while lacking or late, green once done in time', () => {
    const n = network(roster);
    n.exec('2020-01-10T00:00:00Z', { type: 'SetKeyTopic', topicId: 'kt-1', year: 2020, title: '营商环境与民营经济', leadBodyId: 'sc-1' })
      ('2020-01-11T00:00:00Z', { type: 'SetInspectionRules', reportDueDays: 30, responseDueDays: 20, dueSoonDays: 3, reason: '规则' })
      ('2020-03-01T00:00:00Z', { type: 'PlanInspection', inspectionId: 'i1', kind: 'INSPECTION', topic: '营商环境', topicId: 'kt-1', organiserId: 'sc-1', startsOn: '2020-04-01', place: '开发区' })
      ('2020-04-02T00:00:00Z', { type: 'HoldInspection', inspectionId: 'i1', heldFrom: '2020-04-01', placesVisited: ['开发区'], attendeeIds: ['m1'] });
    const mid = n.board(2020, '2020-06-01T00:00:00Z');
    expect(cell(mid, 'TOPICS_CARRIED_OUT')).toEqual(['RED', 1, 0, ['kt-1: no proposal or opinion report']]);
    expect(cell(mid, 'INSPECTION_REPORTS_ON_TIME')).toEqual(['RED', 1, 0, ['i1']]);
    expect(cell(n.board(2020, '2020-04-20T00:00:00Z'), 'INSPECTION_REPORTS_ON_TIME')).toEqual(['NONE_DUE', 0, 0, []]);

    n.exec('2020-04-25T00:00:00Z', { type: 'ReportInspection', inspectionId: 'i1', reportedOn: '2020-04-25', summary: '报告', recommendations: [{ text: '一', unitId: 'hu-1' }, { text: '二', unitId: 'hu-1' }] })
      ('2020-05-01T00:00:00Z', { type: 'FollowUpRecommendation', inspectionId: 'i1', number: 1, status: 'ACCEPTED', text: '采纳', respondedOn: '2020-05-01' })
      ('2020-05-02T00:00:00Z', { type: 'SubmitOpinionReport', reportId: 'r1', authorIds: ['m1'], title: '关于民营经济的建议', situation: '情况', suggestions: '建议', submittedOn: '2020-05-02' })
      ('2020-05-03T00:00:00Z', { type: 'TagWorkToTopic', topicId: 'kt-1', workKind: 'OPINION_REPORT', workId: 'r1' });
    const after = n.board(2020, '2020-06-01T00:00:00Z');
    expect(cell(after, 'TOPICS_CARRIED_OUT')).toEqual(['GREEN', 1, 1, []]);
    expect(cell(after, 'INSPECTION_REPORTS_ON_TIME')).toEqual(['GREEN', 1, 1, []]);
    expect(cell(after, 'RECOMMENDATIONS_ANSWERED_ON_TIME')).toEqual(['RED', 2, 1, ['i1#2']]);
    n.exec('2020-05-10T00:00:00Z', { type: 'FollowUpRecommendation', inspectionId: 'i1', number: 2, status: 'IN_PROGRESS', text: '办理中', respondedOn: '2020-05-10' });
    expect(cell(n.board(2020, '2020-06-01T00:00:00Z'), 'RECOMMENDATIONS_ANSWERED_ON_TIME')).toEqual(['GREEN', 2, 2, []]);
  });

  it('hashes the year, "on" and every cell with its evidence: the same record gives the same hash, one more fact another', () => {
    const n = network([...roster, ev.link('l1', 'm1', 'm2')]);
    const first = n.board(2020, END_OF_2020);
    expect(n.board(2020, END_OF_2020).boardHash).toBe(first.boardHash);
    expect(first.boardHash).toMatch(/^[0-9a-f]{64}$/);
    n.history.push(ev.link('l2', 'm1', 'm3'));
    expect(n.board(2020, END_OF_2020).boardHash).not.toBe(first.boardHash);
    expect(n.board(2020, '2020-12-01T00:00:00Z').boardHash).not.toBe(first.boardHash);
  });
});
