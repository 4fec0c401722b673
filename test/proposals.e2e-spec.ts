/**
 * One proposal's whole life on the booted API and a SQLite file, each step by the token whose
 * work it is: a member submits with a co-signer, who co-signs; the proposals office files it
 * (numbered 格政协〔2026〕第1号), assigns a lead and an assisting unit; the lead unit returns its
 * assignment and the office reassigns it; the new lead visits the proposer (a contact serving the
 * proposal) and the supervising leader visits the unit; it replies B, the office sends it back, the
 * unit replies again and the office releases it; the proposer rates it unsatisfied, asks for
 * rehandling, the office reopens it, the unit replies A, the proposer rates it, and it closes.
 * At each step the test reads the state counts, the units' on-time figures and the timeline, and
 * at the end it asks two earlier moments (asOf) what they said then.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, committeeDate } from '#domain';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written version } }`;
const M = {
  submit: WRITE('submitProposal', 'SubmitProposalInput'),
  coSign: WRITE('coSignProposal', 'CoSignProposalInput'),
  file: WRITE('fileProposal', 'FileProposalInput'),
  assign: WRITE('assignProposal', 'AssignProposalInput'),
  returnAssignment: WRITE('returnAssignment', 'ReturnAssignmentInput'),
  reply: WRITE('replyToProposal', 'ReplyToProposalInput'),
  sendBack: WRITE('sendBackReply', 'SendBackReplyInput'),
  release: WRITE('releaseReply', 'ReleaseReplyInput'),
  rate: WRITE('rateReply', 'RateReplyInput'),
  rehandle: WRITE('requestRehandling', 'ProposalReasonInput'),
  reopen: WRITE('reopenProposal', 'ReopenProposalInput'),
  rules: WRITE('setProposalRules', 'SetProposalRulesInput'),
  key: WRITE('markKeyProposal', 'MarkKeyProposalInput'),
  contact: WRITE('logContact', 'LogContactInput'),
  reason: WRITE('defineNotFiledReason', 'DefineNotFiledReasonInput'),
};

const PROPOSAL = `query($id: ID!, $asOf: String, $on: String) { proposal(id: $id, asOf: $asOf, on: $on) {
  id number stage coSigners { memberId signedAt } rehandlingRequested reopened closed { by }
  contactIds assignments { id unitId role dueOn deadlineState consulted returned { reason suggestedUnitId } rounds { round dueOn repliedAt replies { version result status } rating { attitude result } } }
  timeline { type actor reason } } }`;
const COUNTS = `query($asOf: String) { proposalCounts(termId: "t10", asOf: $asOf) { total filed filingRate byStage { stage count } } }`;
const UNITS = `query($dueBy: String, $on: String, $asOf: String) { unitStandings(dueBy: $dueBy, on: $on, asOf: $asOf) {
  unitId assigned returned replied overdueNow consulted lead { due onTime late overdue rate } assisting { due onTime late overdue rate } result { level count } aUnsatisfied } }`;

const today = committeeDate(Date.now());
const inDays = (n: number) => addDays(today, n);

describe('a proposal from submission to close, on the running app', () => {
  let app: TestApp;
  const t: Record<string, string> = {};
  const as = (who: string) => ({ token: t[who]! });
  /** Runs a write as `who`; it must succeed. Returns its position. */
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
  const proposal = async (variables: Record<string, unknown> = {}) => (await read(PROPOSAL, { id: 'p1', ...variables })).proposal;
  const stageCounts = async (asOf?: string) => {
    const c = (await read(COUNTS, { asOf })).proposalCounts;
    return { total: c.total, filed: c.filed, ...Object.fromEntries(c.byStage.filter((s: { count: number }) => s.count > 0).map((s: { stage: string; count: number }) => [s.stage, s.count])) };
  };
  const unit = async (unitId: string, variables: Record<string, unknown> = {}) => (await read(UNITS, variables)).unitStandings.find((u: { unitId: string }) => u.unitId === unitId);
  const timelineTypes = async (variables: Record<string, unknown> = {}) => (await proposal(variables)).timeline.map((s: { type: string }) => s.type);
  const marks: Record<string, number> = {};

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, `mutation { openTerm(input: { termId: "t10", name: "政协格尔木市第十届委员会", number: 10, startsOn: "2022-01-01", endsOn: "2027-01-01" }) { position } }`);
    await must(app, `mutation { schedulePlenarySession(input: { sessionId: "t10-s5", name: "十届五次会议", startsOn: "2026-01-10", endsOn: "2026-01-14", termId: "t10", number: 5 }) { position } }`);
    for (const [id, name] of [['hu-dev', '市发展和改革委员会'], ['hu-edu', '市教育局'], ['hu-gov', '市政府办公室'], ['hu-far', '市林业和草原局']]) {
      await must(app, REGISTER_ORG, { input: { organizationId: id, kind: 'HANDLING_UNIT', name } });
    }
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => {
      const res = await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN });
      if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
      return res.data.issueToken.token as string;
    };
    t.office = await issue('提案委员会办公室', [{ kind: 'PROPOSALS_OFFICE' }]);
    for (const u of ['hu-dev', 'hu-edu', 'hu-gov', 'hu-far']) t[u] = await issue(`${u} 联络员`, [{ kind: 'HANDLING_UNIT', id: u }]);
    t.proposer = await issue('委员 m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.cosigner = await issue('委员 m-np', [{ kind: 'MEMBER', id: 'm-np' }]);
    t.leader = app.tokens.LEADER;
    await write('office', M.rules, { numberFormat: '格政协〔{year}〕第{n}号', leadDays: 90, assistDays: 30, dayKind: 'CALENDAR', dueSoonDays: 7, invitationDays: 7, reason: '本届规则' });
    await write('office', M.reason, { code: 'NOT_IN_SCOPE', label: '不属于政协履职范围' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('submit and co-sign: the member leads, the invited member signs', async () => {
    marks.submitted = await write('proposer', M.submit, {
      proposalId: 'p1',
      sessionId: 't10-s5',
      proposerId: 'm-cpc1',
      coSignerIds: ['m-np'],
      title: '关于加快陆港型国家物流枢纽建设的建议',
      reasons: '物流成本高，通关效率低。',
      suggestions: '一、完善多式联运；二、简化通关流程。',
    });
    await write('cosigner', M.coSign, { proposalId: 'p1', memberId: 'm-np' });
    const p = await proposal();
    expect([p.stage, p.number, p.coSigners.map((c: { memberId: string; signedAt: string | null }) => [c.memberId, c.signedAt !== null])]).toEqual(['SUBMITTED', null, [['m-np', true]]]);
    expect(await stageCounts()).toEqual({ total: 1, filed: 0, SUBMITTED: 1 });
    expect(await timelineTypes()).toEqual(['ProposalSubmitted', 'CoSignerInvited', 'ProposalCoSigned']);
  });

  it('file and assign: numbered per term and session, a lead and an assisting unit, each with its deadline', async () => {
    marks.filed = await write('office', M.file, { proposalId: 'p1' });
    await write('office', M.assign, { proposalId: 'p1', assignmentId: 'a-dev', unitId: 'hu-dev', role: 'LEAD', dueOn: inDays(30) });
    await write('office', M.assign, { proposalId: 'p1', assignmentId: 'a-edu', unitId: 'hu-edu', role: 'ASSIST', dueOn: inDays(20) });
    const p = await proposal();
    expect([p.stage, p.number]).toEqual(['FILED', '格政协〔2026〕第1号']);
    expect(p.assignments.map((a: { id: string; role: string; dueOn: string; deadlineState: string }) => [a.id, a.role, a.dueOn, a.deadlineState])).toEqual([
      ['a-dev', 'LEAD', inDays(30), 'NOT_YET_DUE'],
      ['a-edu', 'ASSIST', inDays(20), 'NOT_YET_DUE'],
    ]);
    expect(await stageCounts()).toEqual({ total: 1, filed: 1, FILED: 1 });
    // Looked at 15 days on, the assisting unit is due soon; 21 days on it is overdue.
    expect((await proposal({ on: inDays(15) })).assignments[1].deadlineState).toBe('DUE_SOON');
    expect((await unit('hu-edu', { on: inDays(21) })).assisting).toEqual({ due: 1, onTime: 0, late: 0, overdue: 1, rate: 0 });
  });

  it('return and reassign: the lead unit returns it with a suggestion; the office assigns the suggested unit', async () => {
    await write('hu-dev', M.returnAssignment, { proposalId: 'p1', assignmentId: 'a-dev', reason: '不属本单位职责', suggestedUnitId: 'hu-gov' });
    await write('office', M.assign, { proposalId: 'p1', assignmentId: 'a-gov', unitId: 'hu-gov', role: 'LEAD', dueOn: inDays(30) });
    const p = await proposal();
    expect(p.assignments.map((a: { id: string; returned: unknown }) => [a.id, a.returned])).toEqual([
      ['a-dev', { reason: '不属本单位职责', suggestedUnitId: 'hu-gov' }],
      ['a-edu', null],
      ['a-gov', null],
    ]);
    expect(await unit('hu-dev')).toMatchObject({ assigned: 1, returned: 1, replied: 0 });
  });

  it('consult and supervise: the unit visits the proposer, the supervising leader visits the unit; both are contacts serving the proposal', async () => {
    const visit = { occurredAt: today, channel: 'VISIT', proposalIds: ['p1'] };
    await write('hu-gov', M.contact, { contactId: 'c-consult', participantIds: ['hu-gov', 'm-cpc1'], topic: '走访提案人', ...visit });
    let p = await proposal();
    expect([p.contactIds, p.assignments.map((a: { id: string; consulted: boolean }) => [a.id, a.consulted])]).toEqual([
      ['c-consult'],
      [
        ['a-dev', false],
        ['a-edu', false],
        ['a-gov', true],
      ],
    ]);
    expect(await unit('hu-gov')).toMatchObject({ consulted: 1 });
    await write('office', M.key, { proposalId: 'p1', supervisorId: 'm-pg' });
    await write('leader', M.contact, { contactId: 'c-supervise', participantIds: ['m-pg', 'hu-gov'], topic: '督办重点提案', ...visit });
    const key = (await read(`{ keyProposals { proposal { id } assignments replied supervisions } }`)).keyProposals;
    expect(key).toEqual([{ proposal: { id: 'p1' }, assignments: 2, replied: 0, supervisions: 1 }]);
    p = await proposal();
    expect(p.contactIds).toEqual(['c-consult', 'c-supervise']);
  });

  it('reply B, send back, reply again, release: every version stays; on time counts the released one', async () => {
    await write('hu-gov', M.reply, { proposalId: 'p1', assignmentId: 'a-gov', result: 'B', text: '列入明年计划。', letterDate: today, plannedOn: inDays(60) });
    // Not released yet: the unit has not replied as far as the figures go.
    expect(await unit('hu-gov', { dueBy: inDays(30), on: inDays(31) })).toMatchObject({ replied: 0, lead: { due: 1, onTime: 0, overdue: 1 } });
    await write('office', M.sendBack, { proposalId: 'p1', assignmentId: 'a-gov', reason: '请写明具体措施' });
    await write('hu-gov', M.reply, { proposalId: 'p1', assignmentId: 'a-gov', result: 'B', text: '列入明年计划，分三步实施。', letterDate: today, plannedOn: inDays(60) });
    marks.released = await write('office', M.release, { proposalId: 'p1', assignmentId: 'a-gov' });
    const gov = (await proposal()).assignments[2];
    expect(gov.rounds[0].replies).toEqual([
      { version: 1, result: 'B', status: 'SENT_BACK' },
      { version: 2, result: 'B', status: 'RELEASED' },
    ]);
    expect(gov.deadlineState).toBe('REPLIED_ON_TIME');
    expect(await unit('hu-gov', { dueBy: inDays(30) })).toMatchObject({ replied: 1, lead: { due: 1, onTime: 1, late: 0, overdue: 0, rate: 1 } });
  });

  it('the assisting unit replies A and is released; the proposer rates the lead unsatisfied: the proposal stays open', async () => {
    await write('hu-edu', M.reply, { proposalId: 'p1', assignmentId: 'a-edu', result: 'A', text: '已落实。', letterDate: today });
    await write('office', M.release, { proposalId: 'p1', assignmentId: 'a-edu' });
    await write('proposer', M.rate, { proposalId: 'p1', assignmentId: 'a-edu', attitude: 'SATISFIED', result: 'SATISFIED' });
    await write('proposer', M.rate, { proposalId: 'p1', assignmentId: 'a-gov', attitude: 'BASICALLY_SATISFIED', result: 'UNSATISFIED', comment: '措施不具体' });
    const p = await proposal();
    expect([p.stage, p.closed]).toEqual(['FILED', null]);
    expect(await unit('hu-gov')).toMatchObject({ result: [{ level: 'SATISFIED', count: 0 }, { level: 'BASICALLY_SATISFIED', count: 0 }, { level: 'UNSATISFIED', count: 1 }], aUnsatisfied: 0 });
    expect(await stageCounts()).toEqual({ total: 1, filed: 1, FILED: 1 });
  });

  it('rehandling: asked by the proposer, reopened by the office with a new deadline; the unit replies A; the last rating closes it', async () => {
    await write('proposer', M.rehandle, { proposalId: 'p1', reason: '问题未解决，请重新办理' });
    expect((await proposal()).rehandlingRequested).toBe(true);
    await write('office', M.reopen, { proposalId: 'p1', reason: '重新办理', days: 15 });
    const reopened = (await proposal()).assignments[2];
    expect(reopened.rounds.map((r: { round: number; dueOn: string }) => [r.round, r.dueOn])).toEqual([
      [1, inDays(30)],
      [2, inDays(15)],
    ]);
    expect(reopened.deadlineState).toBe('NOT_YET_DUE');
    await write('hu-gov', M.reply, { proposalId: 'p1', assignmentId: 'a-gov', result: 'A', text: '已建成多式联运中心。', letterDate: today });
    await write('office', M.release, { proposalId: 'p1', assignmentId: 'a-gov' });
    await write('proposer', M.rate, { proposalId: 'p1', assignmentId: 'a-gov', attitude: 'SATISFIED', result: 'SATISFIED' });
    const p = await proposal();
    expect([p.stage, p.closed, p.reopened]).toEqual(['CLOSED', { by: 'RATINGS' }, 1]);
    expect(await stageCounts()).toEqual({ total: 1, filed: 1, CLOSED: 1 });
    // Two rounds of the lead unit, both replied on time.
    expect(await unit('hu-gov')).toMatchObject({ replied: 2, lead: { due: 2, onTime: 2, rate: 1 } });
    expect(await timelineTypes()).toEqual([
      'ProposalSubmitted',
      'CoSignerInvited',
      'ProposalCoSigned',
      'ProposalFiled',
      'ProposalAssigned',
      'ProposalAssigned',
      'AssignmentReturned',
      'ProposalAssigned',
      'ProposalMarkedKey',
      'ReplySubmitted',
      'ReplySentBack',
      'ReplySubmitted',
      'ReplyReleased',
      'ReplySubmitted',
      'ReplyReleased',
      'ReplyRated',
      'ReplyRated',
      'RehandlingRequested',
      'ProposalReopened',
      'ReplySubmitted',
      'ReplyReleased',
      'ReplyRated',
      'ProposalClosed',
    ]);
    const steps = (await proposal()).timeline;
    expect(steps[6]).toEqual({ type: 'AssignmentReturned', actor: 'hu-dev 联络员', reason: '不属本单位职责' });
  });

  it('asOf: what the record said when it was filed, and when the first reply was released', async () => {
    const atFiling = await proposal({ asOf: String(marks.filed) });
    expect([atFiling.stage, atFiling.number, atFiling.assignments]).toEqual(['FILED', '格政协〔2026〕第1号', []]);
    expect(atFiling.timeline.map((s: { type: string }) => s.type)).toEqual(['ProposalSubmitted', 'CoSignerInvited', 'ProposalCoSigned', 'ProposalFiled']);
    expect(await stageCounts(String(marks.submitted))).toEqual({ total: 1, filed: 0, SUBMITTED: 1 });

    const atRelease = await proposal({ asOf: String(marks.released) });
    expect([atRelease.stage, atRelease.assignments.map((a: { id: string; deadlineState: string | null }) => [a.id, a.deadlineState])]).toEqual([
      'FILED',
      [
        ['a-dev', null],
        ['a-edu', 'NOT_YET_DUE'],
        ['a-gov', 'REPLIED_ON_TIME'],
      ],
    ]);
    expect((await read(UNITS, { asOf: String(marks.released) })).unitStandings.find((u: { unitId: string }) => u.unitId === 'hu-gov')).toMatchObject({ replied: 1, result: [{ count: 0 }, { count: 0 }, { count: 0 }] });
  });

  it('each token sees its own: the office and leaders everything, a unit its assignments, a member its proposals', async () => {
    const ids = async (who: string) => (await read(`{ proposals { totalCount edges { node { id } } } }`, {}, who)).proposals.totalCount;
    expect([await ids('leader'), await ids('office'), await ids('hu-gov'), await ids('hu-far'), await ids('proposer'), await ids('cosigner')]).toEqual([1, 1, 1, 0, 1, 1]);
    const far = await app.gql(`{ proposal(id: "p1") { id } }`, {}, as('hu-far'));
    expect(far.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const board = await app.gql(`{ unitStandings(unitId: "hu-gov") { unitId } }`, {}, as('hu-far'));
    expect(board.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read(`{ unitStandings { unitId } }`, {}, 'hu-far')).unitStandings).toEqual([]);
  });
});
