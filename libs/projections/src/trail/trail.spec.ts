import { describe, expect, it } from '@jest/globals';
import type { DomainEvent, Grant } from '#domain';
import { COMMITTEE_OFFICE, HANDLING_UNIT, LIAISON_GROUP, MEMBER, PROPOSALS_OFFICE } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import * as ev from '#testing/events';
import { record, recordedAt, type GivenEvent } from '#testing/given';
import { replay } from '../shared/replay/replay.js';
import { ProjectionRunner } from '../shared/runner.js';
import { TimeTravel } from '../shared/timeTravel/timeTravel.js';
import { createProjections } from '../systems.js';
import { ProjectionSet } from '../shared/projection.js';
import { TrailProjection } from './trail.projection.js';
import { trailFigures, trailOf } from './trail.queries.js';
import { readsEveryTrail, visibleTrail } from './scope.queries.js';

const at = (day: string) => `${day}T02:00:00.000Z`;
const submitted = (proposalId: string, proposerId: string, source: [string, string] | null): DomainEvent => ({
  type: 'ProposalSubmitted',
  data: {
    proposalId,
    termId: 't1',
    sessionId: 's1',
    occasion: 'INTERIM',
    proposerKind: 'MEMBER',
    proposerId,
    title: `title ${proposalId}`,
    reasons: 'r',
    suggestions: 's',
    topicId: null,
    sourceContactId: source?.[0] ?? null,
    sourceIssueId: source?.[1] ?? null,
    submittedAt: at('2025-03-10'),
  },
});
const report = (reportId: string, authorId: string, source: { contact?: [string, string]; proposal?: string }, submittedOn: string): DomainEvent => ({
  type: 'OpinionReportSubmitted',
  data: {
    reportId,
    authorKind: 'MEMBERS',
    authorIds: [authorId],
    title: `report ${reportId}`,
    situation: 's',
    suggestions: 's',
    source: source.contact ? 'CONTACT_ISSUE' : source.proposal ? 'NOT_FILED_PROPOSAL' : 'NONE',
    sourceContactId: source.contact?.[0] ?? null,
    sourceIssueId: source.contact?.[1] ?? null,
    sourceProposalId: source.proposal ?? null,
    submittedOn,
    submittedAt: at(submittedOn),
  },
});
const c1 = ev.contact('c1', '2025-03-01', ['lg-1', 'm1'], { liaisonGroupId: 'lg-1', issues: [{ issueId: 'i1', text: 'the road floods' }, { issueId: 'i2', text: 'no bus' }] });
const c3 = ev.contact('c3', '2025-03-03', ['lg-1', 'm1'], { liaisonGroupId: 'lg-1', issues: [{ issueId: 'i4', text: 'dropped later' }] });

const history: GivenEvent[] = [
  ev.locality('loc-1'),
  ev.liaisonGroup('lg-1', 'loc-1', 'p'),
  ev.liaisonGroup('lg-2', 'loc-1', 'p'),
  ev.member('m1', { liaisonGroupId: 'lg-1' }),
  ev.member('m2', { liaisonGroupId: 'lg-2' }),
  ev.organization('u1', 'HANDLING_UNIT'),
  ev.organization('u2', 'HANDLING_UNIT'),
  c1,
  // The same issue id in another contact: it stays c1's.
  ev.contact('c2', '2025-03-05', ['lg-2', 'm2'], { liaisonGroupId: 'lg-2', issues: [{ issueId: 'i3', text: 'school heating' }, { issueId: 'i1', text: 'copied id' }] }),
  c3,
  ev.contact('c4', '2025-03-04', ['lg-1', 'm1'], { liaisonGroupId: 'lg-1', issues: [{ issueId: 'i5', text: 'retracted' }] }),
  ev.retracted('c4'),
  ev.corrected(c3, { issues: [] }),
  recordedAt('2025-03-10T02:00:00Z', submitted('p1', 'm2', ['c1', 'i1'])),
  recordedAt('2025-03-12T02:00:00Z', { type: 'ProposalFiled', data: { proposalId: 'p1', termId: 't1', sessionId: 's1', serial: 1, number: '2025-1', filedAt: at('2025-03-12') } }),
  recordedAt('2025-03-13T02:00:00Z', { type: 'ProposalAssigned', data: { proposalId: 'p1', assignmentId: 'a1', unitId: 'u1', role: 'LEAD', dueOn: '2025-06-13', deadlineRule: 'CALENDAR_DAYS', days: 90, assignedAt: at('2025-03-13') } }),
  recordedAt('2025-04-01T02:00:00Z', { type: 'ReplySubmitted', data: { proposalId: 'p1', assignmentId: 'a1', version: 1, round: 1, result: 'B', text: 'plan', letterDate: '2025-04-01', plannedOn: '2025-12-01', referenceReason: null, submittedAt: at('2025-04-01') } }),
  recordedAt('2025-04-02T02:00:00Z', { type: 'ReplySentBack', data: { proposalId: 'p1', assignmentId: 'a1', version: 1, reason: 'say more', sentBackAt: at('2025-04-02') } }),
  recordedAt('2025-04-10T02:00:00Z', { type: 'ReplySubmitted', data: { proposalId: 'p1', assignmentId: 'a1', version: 2, round: 1, result: 'A', text: 'done', letterDate: '2025-04-10', plannedOn: null, referenceReason: null, submittedAt: at('2025-04-10') } }),
  recordedAt('2025-04-11T02:00:00Z', { type: 'ReplyReleased', data: { proposalId: 'p1', assignmentId: 'a1', version: 2, releasedAt: at('2025-04-11') } }),
  recordedAt('2025-04-20T02:00:00Z', { type: 'ReplyRated', data: { proposalId: 'p1', assignmentId: 'a1', version: 2, round: 1, attitude: 'SATISFIED', result: 'SATISFIED', comment: '', ratedAt: at('2025-04-20') } }),
  recordedAt('2025-04-20T02:00:00Z', { type: 'ProposalClosed', data: { proposalId: 'p1', reason: 'every reply released and rated', closedBy: 'RATINGS', closedAt: at('2025-04-20') } }),
  // i2 becomes a report, adopted; i3 a proposal not filed, then a report of it, adopted by a combination.
  recordedAt('2025-03-20T02:00:00Z', report('r1', 'm1', { contact: ['c1', 'i2'] }, '2025-03-20')),
  recordedAt('2025-03-25T02:00:00Z', { type: 'OpinionReportAdopted', data: { reportId: 'r1', adoptedOn: '2025-03-25', note: '', decidedAt: at('2025-03-25') } }),
  recordedAt('2025-05-01T02:00:00Z', submitted('p2', 'm2', ['c2', 'i3'])),
  recordedAt('2025-05-02T02:00:00Z', { type: 'ProposalNotFiled', data: { proposalId: 'p2', reasonCode: 'R1', note: '', toOpinionReport: true, decidedAt: at('2025-05-02') } }),
  recordedAt('2025-05-03T02:00:00Z', report('r2', 'm2', { proposal: 'p2' }, '2025-05-03')),
  recordedAt('2025-05-04T02:00:00Z', report('r3', 'm1', {}, '2025-05-04')),
  recordedAt('2025-05-05T02:00:00Z', { type: 'OpinionReportsCombined', data: { reportId: 'k', partIds: ['r2', 'r3'], adoptedPartIds: ['r2', 'r3'], authorIds: ['m2', 'm1'], title: 'k', situation: 's', suggestions: 's', combinedOn: '2025-05-05', combinedAt: at('2025-05-05') } }),
  // Naming c2 with c1's issue id: not on the trail.
  recordedAt('2025-05-06T02:00:00Z', submitted('p3', 'm2', ['c2', 'i1'])),
];
const recorded = record(history);
const fold = (upTo = Infinity): ProjectionSet => {
  const set = createProjections();
  for (const e of recorded) if (e.position <= upTo) set.apply(e);
  return set;
};
const trail = (set: ProjectionSet) => set.get<TrailProjection>(TrailProjection.NAME);
const positionOf = (type: string, n = 0) => recorded.filter((e) => e.type === type)[n]!.position;
const YEAR = { fromMs: Date.parse('2025-01-01T00:00:00+08:00'), toMs: Date.parse('2026-01-01T00:00:00+08:00') };

describe('the trail', () => {
  it('follows an issue from the contact through its proposal, filing, assignment, both reply versions and the rating to the close, in log order', () => {
    const t = trailOf(trail(fold()), 'i1')!;
    expect(t.steps.map((s) => [s.kind, s.work, s.workId, s.version, s.result])).toEqual([
      ['ISSUE_RAISED', 'CONTACT', 'c1', null, null],
      ['PROPOSAL_SUBMITTED', 'PROPOSAL', 'p1', null, null],
      ['PROPOSAL_FILED', 'PROPOSAL', 'p1', null, null],
      ['ASSIGNED', 'PROPOSAL', 'p1', null, null],
      ['REPLY_SUBMITTED', 'PROPOSAL', 'p1', 1, 'B'],
      ['REPLY_SENT_BACK', 'PROPOSAL', 'p1', 1, 'B'],
      ['REPLY_SUBMITTED', 'PROPOSAL', 'p1', 2, 'A'],
      ['REPLY_RELEASED', 'PROPOSAL', 'p1', 2, 'A'],
      ['REPLY_RATED', 'PROPOSAL', 'p1', 2, 'SATISFIED/SATISFIED'],
      ['PROPOSAL_CLOSED', 'PROPOSAL', 'p1', null, 'RATINGS'],
    ]);
    const positions = t.steps.map((s) => s.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(t.steps[0]).toMatchObject({ position: c1Position(), on: '2025-03-01', detail: 'lg-1' });
    expect(t.steps.find((s) => s.kind === 'ASSIGNED')).toMatchObject({ unitId: 'u1', assignmentId: 'a1', detail: 'LEAD 2025-06-13', on: '2025-03-13' });
    expect(t.steps.find((s) => s.kind === 'REPLY_RELEASED')?.unitId).toBe('u1');
    expect([t.contactId, t.contact.liaisonGroupId, t.standing, t.works.map((w) => [w.workId, w.via, w.stage])]).toEqual(['c1', 'lg-1', true, [['p1', 'SOURCE', 'CLOSED']]]);
    expect(t.answer).toEqual({ work: 'PROPOSAL', workId: 'p1', kind: 'REPLY_RELEASED', position: positionOf('ReplyReleased'), on: '2025-04-11', days: 41 });
  });

  it('follows an issue into a proposal not filed, the report made of it, and the combined report that adopted it', () => {
    const t = trailOf(trail(fold()), 'i3')!;
    expect(t.works.map((w) => [w.work, w.workId, w.via, w.fromId, w.stage])).toEqual([
      ['PROPOSAL', 'p2', 'SOURCE', null, 'NOT_FILED'],
      ['REPORT', 'r2', 'REPORT_OF_NOT_FILED', 'p2', 'ADOPTED'],
      ['REPORT', 'k', 'COMBINED_INTO', 'r2', 'SUBMITTED'],
    ]);
    expect(t.steps.map((s) => s.kind)).toEqual(['ISSUE_RAISED', 'PROPOSAL_SUBMITTED', 'PROPOSAL_NOT_FILED', 'REPORT_SUBMITTED', 'REPORT_COMBINED']);
    expect(t.answer).toMatchObject({ work: 'REPORT', workId: 'r2', kind: 'REPORT_COMBINED', on: '2025-05-05', days: 61 });
  });

  it('keeps an issue id with the contact that raised it first: a later contact, and a work naming the id with that contact, are left off', () => {
    const p = trail(fold());
    expect(trailOf(p, 'i1')!.works.map((w) => w.workId)).toEqual(['p1']);
    expect(p.log.clashes).toBe(2);
    expect(trailOf(p, 'nope')).toBeUndefined();
  });

  it('raises an issue in a correction of a contact that raised none, and takes none from a correction of a contact not on record', () => {
    const quiet = ev.contact('c6', '2025-03-06', ['lg-1', 'm1'], { liaisonGroupId: 'lg-1' });
    const set = fold();
    for (const e of record([quiet, ev.corrected(quiet, { issues: [{ issueId: 'i8', text: 'said later' }] }), ev.corrected({ ...quiet, data: { ...quiet.data, contactId: 'c-ghost' } }, { issues: [{ issueId: 'i9', text: 'x' }] })], set.position)) set.apply(e);
    const t = trailOf(trail(set), 'i8')!;
    expect([t.recordedBy, t.steps.map((s) => s.kind), t.contact.liaisonGroupId]).toEqual([null, ['ISSUE_RAISED'], 'lg-1']);
    expect(trailOf(trail(set), 'i9')).toBeUndefined();
    expect(trail(set).skipped).toBe(1);
  });

  it('shows dropped and retracted issues as steps, and counts neither as raised', () => {
    const p = trail(fold());
    expect(trailOf(p, 'i4')!.steps.map((s) => s.kind)).toEqual(['ISSUE_RAISED', 'ISSUE_DROPPED']);
    expect(trailOf(p, 'i5')!.steps.map((s) => s.kind)).toEqual(['ISSUE_RAISED', 'CONTACT_RETRACTED']);
    expect([trailOf(p, 'i4')!.standing, trailOf(p, 'i5')!.standing]).toEqual([false, false]);
  });

  it('counts the issues raised in a period per liaison group: taken up, answered by an A reply or an adoption, and the median days to the answer', () => {
    const f = trailFigures(trail(fold()), YEAR);
    expect(f.groups).toEqual([
      { groupId: 'lg-1', raised: 2, byProposal: 1, byReport: 1, takenUp: 2, aReplies: 1, adoptions: 1, answered: 2, takenUpShare: 1, answeredShare: 1, medianDaysToAnswer: (41 + 24) / 2 },
      { groupId: 'lg-2', raised: 1, byProposal: 1, byReport: 1, takenUp: 1, aReplies: 0, adoptions: 1, answered: 1, takenUpShare: 1, answeredShare: 1, medianDaysToAnswer: 61 },
    ]);
    expect(f.total).toMatchObject({ groupId: null, raised: 3, takenUp: 3, answered: 3, medianDaysToAnswer: 41 });
    expect(trailFigures(trail(fold()), { ...YEAR, groupId: 'lg-2' }).groups.map((g) => g.groupId)).toEqual(['lg-2']);
    // Another period holds none of them.
    expect(trailFigures(trail(fold()), { fromMs: YEAR.toMs, toMs: YEAR.toMs + 86_400_000 }).total).toMatchObject({ raised: 0, takenUpShare: null, medianDaysToAnswer: null });
  });

  it('counts only a selection when one is given (a topic\'s proposals, reports or issues)', () => {
    const p = trail(fold());
    expect(trailFigures(p, { ...YEAR, proposalIds: ['p1'] }).total).toMatchObject({ raised: 1, answered: 1, aReplies: 1, adoptions: 0 });
    expect(trailFigures(p, { ...YEAR, reportIds: ['k'], issueIds: ['i2'] }).groups.map((g) => [g.groupId, g.raised])).toEqual([['lg-1', 1], ['lg-2', 1]]);
    expect(trailFigures(p, { ...YEAR, issueIds: ['i4', 'nope'] }).total.raised).toBe(0);
  });

  it('answers as of every position exactly as a fold of the log up to it, from a copy that shares the live log', () => {
    const live = fold();
    const last = recorded.at(-1)!.position;
    for (let position = 1; position <= last; position++) {
      const copy = live.get<TrailProjection>(TrailProjection.NAME).copyForTimeTravel();
      copy.cap = position;
      const scratch = trail(fold(position));
      for (const id of ['i1', 'i2', 'i3', 'i4', 'i5']) expect([position, id, trailOf(copy, id)]).toEqual([position, id, trailOf(scratch, id)]);
      expect([position, trailFigures(copy, YEAR)]).toEqual([position, trailFigures(scratch, YEAR)]);
    }
    // Before the release, i1 has no answer and is not counted answered.
    const before = live.get<TrailProjection>(TrailProjection.NAME).copyForTimeTravel();
    before.cap = positionOf('ReplyReleased') - 1;
    expect([trailOf(before, 'i1')!.answer, trailOf(before, 'i1')!.steps.at(-1)!.kind]).toEqual([null, 'REPLY_SUBMITTED']);
  });

  it('rebuilds identically on replay, the time-travel copies included, and answers asOf through the copies', async () => {
    const store = new InMemoryEventStore();
    for (const e of recorded) await store.appendToStream(e.streamId, [{ id: e.id, type: e.type, data: e.data }], { expectedVersion: 'ANY' });
    const runner = new ProjectionRunner(store, createProjections(), { pageSize: 4 });
    const timeTravel = new TimeTravel(store, { snapshotEvery: 6, empty: createProjections });
    timeTravel.attach(runner);
    await runner.catchUp();
    const result = await replay(store, runner.model, { timeTravel });
    expect(result.readModels.every((r) => r.identical)).toBe(true);
    expect(result.readModels.length).toBeGreaterThan(2);
    // From before the first copy (an empty set folded on) and from a copy, as a fold of what the store holds says.
    const stored = await store.readAll({ after: 0, maxCount: 1000 });
    for (const position of [3, 9, positionOf('ReplyReleased') - 1, positionOf('ReplyReleased')]) {
      const model = await timeTravel.modelAt(position);
      const scratch = createProjections();
      for (const e of stored) if (e.position <= position) scratch.apply(e);
      expect([position, trailOf(trail(model), 'i1')]).toEqual([position, trailOf(trail(scratch), 'i1')]);
      expect(trailFigures(trail(model), YEAR)).toEqual(trailFigures(trail(scratch), YEAR));
    }
    expect(trailOf(trail(await timeTravel.modelAt(3)), 'i1')).toBeUndefined();
    expect(trailOf(trail(await timeTravel.modelAt(positionOf('ReplyReleased'))), 'i1')!.answer?.kind).toBe('REPLY_RELEASED');
    await store.close();
  });
});

describe('the trail through a merge, a withdrawal and a reopening', () => {
  const c5 = ev.contact('c5', '2025-06-01', ['lg-2', 'm2'], { liaisonGroupId: 'lg-2', issues: [{ issueId: 'i6', text: 'merged' }, { issueId: 'i7', text: 'withdrawn' }] });
  const events = record([
    ev.liaisonGroup('lg-2', 'loc-1', 'p'),
    c5,
    recordedAt('2025-06-02T02:00:00Z', submitted('p4', 'm2', ['c5', 'i6'])),
    recordedAt('2025-06-02T02:00:00Z', submitted('p5', 'm1', null)),
    recordedAt('2025-06-03T02:00:00Z', { type: 'ProposalMerged', data: { proposalId: 'p4', intoProposalId: 'p5', reason: 'same matter', mergedAt: at('2025-06-03') } }),
    recordedAt('2025-06-04T02:00:00Z', { type: 'ProposalFiled', data: { proposalId: 'p5', termId: 't1', sessionId: 's1', serial: 2, number: '2025-2', filedAt: at('2025-06-04') } }),
    recordedAt('2025-06-05T02:00:00Z', { type: 'ProposalAssigned', data: { proposalId: 'p5', assignmentId: 'a5', unitId: 'u1', role: 'LEAD', dueOn: '2025-09-05', deadlineRule: 'DATE', days: null, assignedAt: at('2025-06-05') } }),
    recordedAt('2025-06-10T02:00:00Z', { type: 'ReplySubmitted', data: { proposalId: 'p5', assignmentId: 'a5', version: 1, round: 1, result: 'C', text: 'noted', letterDate: '2025-06-10', plannedOn: null, referenceReason: 'later', submittedAt: at('2025-06-10') } }),
    recordedAt('2025-06-11T02:00:00Z', { type: 'ReplyReleased', data: { proposalId: 'p5', assignmentId: 'a5', version: 1, releasedAt: at('2025-06-11') } }),
    recordedAt('2025-06-12T02:00:00Z', { type: 'ReplyRated', data: { proposalId: 'p5', assignmentId: 'a5', version: 1, round: 1, attitude: 'SATISFIED', result: 'UNSATISFIED', comment: 'not solved', ratedAt: at('2025-06-12') } }),
    recordedAt('2025-06-13T02:00:00Z', { type: 'RehandlingRequested', data: { proposalId: 'p5', reason: 'not solved', requestedAt: at('2025-06-13') } }),
    recordedAt('2025-06-14T02:00:00Z', { type: 'ProposalReopened', data: { proposalId: 'p5', reason: 'again', assignments: [{ assignmentId: 'a5', dueOn: '2025-07-14' }], reopenedAt: at('2025-06-14') } }),
    recordedAt('2025-06-21T02:00:00Z', { type: 'ReplySubmitted', data: { proposalId: 'p5', assignmentId: 'a5', version: 2, round: 2, result: 'A', text: 'solved', letterDate: '2025-06-21', plannedOn: null, referenceReason: null, submittedAt: at('2025-06-21') } }),
    recordedAt('2025-06-22T02:00:00Z', { type: 'ReplyReleased', data: { proposalId: 'p5', assignmentId: 'a5', version: 2, releasedAt: at('2025-06-22') } }),
    recordedAt('2025-06-02T02:00:00Z', submitted('p6', 'm2', ['c5', 'i7'])),
    recordedAt('2025-06-03T02:00:00Z', { type: 'ProposalWithdrawn', data: { proposalId: 'p6', reason: 'changed my mind', withdrawnAt: at('2025-06-03') } }),
  ]);
  const set = createProjections();
  for (const e of events) set.apply(e);
  const p = trail(set);

  it('follows the proposal an issue\'s proposal was merged into, through the C reply, the unsatisfied rating and the reopening, to the A reply', () => {
    const t = trailOf(p, 'i6')!;
    expect(t.works.map((w) => [w.workId, w.via, w.fromId, w.stage])).toEqual([
      ['p4', 'SOURCE', null, 'MERGED'],
      ['p5', 'MERGED_INTO', 'p4', 'FILED'],
    ]);
    expect(t.steps.map((s) => [s.kind, s.workId, s.result])).toEqual([
      ['ISSUE_RAISED', 'c5', null],
      ['PROPOSAL_SUBMITTED', 'p4', null],
      ['PROPOSAL_MERGED', 'p4', null],
      ['PROPOSAL_FILED', 'p5', null],
      ['ASSIGNED', 'p5', null],
      ['REPLY_SUBMITTED', 'p5', 'C'],
      ['REPLY_RELEASED', 'p5', 'C'],
      ['REPLY_RATED', 'p5', 'SATISFIED/UNSATISFIED'],
      ['REHANDLING_REQUESTED', 'p5', null],
      ['PROPOSAL_REOPENED', 'p5', null],
      ['REPLY_SUBMITTED', 'p5', 'A'],
      ['REPLY_RELEASED', 'p5', 'A'],
    ]);
    // The C reply is not an answer; the A reply of the second round is, 21 days after the contact.
    expect(t.answer).toMatchObject({ workId: 'p5', kind: 'REPLY_RELEASED', on: '2025-06-22', days: 21 });
  });

  it('does not count an issue whose only proposal was withdrawn as taken up', () => {
    expect(trailOf(p, 'i7')!.works.map((w) => w.stage)).toEqual(['WITHDRAWN']);
    expect(trailFigures(p, YEAR).total).toMatchObject({ raised: 2, byProposal: 1, takenUp: 1, aReplies: 1, answered: 1, takenUpShare: 0.5, medianDaysToAnswer: 21 });
  });
});

function c1Position(): number {
  return recorded.find((e) => e.type === 'ContactLogged' && (e.data as { contactId: string }).contactId === 'c1')!.position;
}

describe('what of a trail a token reads', () => {
  const set = fold();
  const t = trailOf(trail(set), 'i1')!;
  const recorder = (...grants: Grant[]) => ({ role: 'RECORDER' as const, grants });

  it('shows leaders and auditors the whole trail, and the figures', () => {
    expect(visibleTrail({ role: 'LEADER', grants: [] }, t, set)).toEqual(t);
    expect([readsEveryTrail({ role: 'AUDITOR', grants: [] }), readsEveryTrail(recorder({ kind: COMMITTEE_OFFICE }, { kind: PROPOSALS_OFFICE })), readsEveryTrail(recorder({ kind: COMMITTEE_OFFICE }))]).toEqual([true, true, false]);
  });

  it('shows a liaison group\'s clerk its contact\'s part, never a proposal its grants do not reach', () => {
    const v = visibleTrail(recorder({ kind: LIAISON_GROUP, ids: ['lg-1'] }), t, set)!;
    expect([v.contactId, v.steps.map((s) => s.kind), v.works, v.answer]).toEqual(['c1', ['ISSUE_RAISED'], [], null]);
    expect(visibleTrail(recorder({ kind: LIAISON_GROUP, ids: ['lg-2'] }), t, set)).toBeNull();
  });

  it('shows the proposer its proposal\'s hops without the contact it did not take part in (and no days, which need the contact)', () => {
    const v = visibleTrail(recorder({ kind: MEMBER, id: 'm2' }), t, set)!;
    expect([v.contactId, v.contact, v.steps[0]!.kind, v.steps.length, v.answer?.days, v.answer?.workId]).toEqual([null, null, 'PROPOSAL_SUBMITTED', 9, null, 'p1']);
  });

  it('shows the handling unit the proposal assigned to it, and another unit nothing (refused as not on record)', () => {
    expect(visibleTrail(recorder({ kind: HANDLING_UNIT, id: 'u1' }), t, set)!.steps.every((s) => s.work === 'PROPOSAL')).toBe(true);
    expect(visibleTrail(recorder({ kind: HANDLING_UNIT, id: 'u2' }), t, set)).toBeNull();
    expect(visibleTrail({ role: 'ADMIN', grants: [] }, t, set)).toBeNull();
  });
});
