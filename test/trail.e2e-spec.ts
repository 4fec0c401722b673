/**
 * The trail (反映 → 答复) on the booted API and a SQLite file, each step by the token whose work it
 * is: the 河西 group's clerk logs a contact that raises three issues; the member who took part
 * makes a proposal of the first; the proposals office files it and assigns it to a unit; the unit
 * replies B, the office sends it back, the unit replies A and the office releases it; the member
 * rates it satisfied and it closes. A second issue becomes an opinion report the committee office
 * adopts; the third is taken up by nothing. The test reads the trail hop by hop (each hop at the
 * position its write answered with), the figures, and both as of the moment before the release;
 * then what each token sees of it, and the hostile cases (coded errors, nothing written).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, committeeDate } from '#domain';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written } }`;
const M = {
  contact: WRITE('logContact', 'LogContactInput'),
  submit: WRITE('submitProposal', 'SubmitProposalInput'),
  file: WRITE('fileProposal', 'FileProposalInput'),
  assign: WRITE('assignProposal', 'AssignProposalInput'),
  reply: WRITE('replyToProposal', 'ReplyToProposalInput'),
  sendBack: WRITE('sendBackReply', 'SendBackReplyInput'),
  release: WRITE('releaseReply', 'ReleaseReplyInput'),
  rate: WRITE('rateReply', 'RateReplyInput'),
  rules: WRITE('setProposalRules', 'SetProposalRulesInput'),
  report: WRITE('submitOpinionReport', 'SubmitOpinionReportInput'),
  adopt: WRITE('adoptOpinionReport', 'AdoptOpinionReportInput'),
};
const TRAIL = `query($issueId: ID!, $asOf: String) { trail(issueId: $issueId, asOf: $asOf) {
  issueId standing readAt
  contact { contactId occurredAt liaisonGroupId liaisonGroupName participantIds recordedBy retracted issueText }
  steps { position recordedAt on kind work workId assignmentId unitId version round result detail }
  works { work workId via fromId stage }
  answer { work workId kind position on days } } }`;
const ROW = 'groupId groupName raised byProposal byReport takenUp aReplies adoptions answered takenUpShare answeredShare medianDaysToAnswer';
const FIGURES = `query($from: String!, $to: String!, $groupId: ID, $asOf: String) { trailFigures(from: $from, to: $to, groupId: $groupId, asOf: $asOf) { from to readAt total { ${ROW} } groups { ${ROW} } } }`;

const today = committeeDate(Date.now());
const inDays = (n: number) => addDays(today, n);

describe('the trail of a raised issue, on the running app', () => {
  let app: TestApp;
  const t: Record<string, string> = {};
  const at: Record<string, number> = {};
  const write = async (who: string, mutation: string, input: Record<string, unknown>): Promise<number> => {
    const res = await app.gql(mutation, { input }, { token: t[who]! });
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return (Object.values(res.data as object)[0] as { position: number }).position;
  };
  const ask = (who: string, query: string, variables: Record<string, unknown> = {}) => app.gql(query, variables, { token: t[who]! });
  const read = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await ask(who, query, variables);
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const trail = async (issueId: string, who = 'leader', asOf?: string) => (await read(who, TRAIL, { issueId, asOf })).trail;
  const figures = async (who = 'leader', extra: Record<string, unknown> = {}) => (await read(who, FIGURES, { from: inDays(-30), to: inDays(1), ...extra })).trailFigures;

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, `mutation { openTerm(input: { termId: "t10", name: "政协格尔木市第十届委员会", number: 10, startsOn: "2022-01-01", endsOn: "2027-01-01" }) { position } }`);
    await must(app, `mutation { schedulePlenarySession(input: { sessionId: "t10-s5", name: "十届五次会议", startsOn: "2026-01-10", endsOn: "2026-01-14", termId: "t10", number: 5 }) { position } }`);
    await must(app, REGISTER_ORG, { input: { organizationId: 'hu-water', kind: 'HANDLING_UNIT', name: '市水务局' } });
    await must(app, REGISTER_ORG, { input: { organizationId: 'hu-edu', kind: 'HANDLING_UNIT', name: '市教育局' } });
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => (await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN })).data.issueToken.token as string;
    t.proposalsOffice = await issue('提案委员会办公室', [{ kind: 'PROPOSALS_OFFICE' }]);
    t.committeeOffice = await issue('政协办公室', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.bothOffices = await issue('两办', [{ kind: 'COMMITTEE_OFFICE' }, { kind: 'PROPOSALS_OFFICE' }]);
    t['hu-water'] = await issue('水务局联络员', [{ kind: 'HANDLING_UNIT', id: 'hu-water' }]);
    t['hu-edu'] = await issue('教育局联络员', [{ kind: 'HANDLING_UNIT', id: 'hu-edu' }]);
    t.proposer = await issue('委员 m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.author = await issue('委员 m-np', [{ kind: 'MEMBER', id: 'm-np' }]);
    t.clerk = app.tokens.RECORDER!;
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    t.admin = app.tokens.ADMIN;
    await write('proposalsOffice', M.rules, { numberFormat: '格政协〔{year}〕第{n}号', leadDays: 90, assistDays: 30, dayKind: 'CALENDAR', dueSoonDays: 7, invitationDays: 7, reason: '本届规则' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('follows the issue from the contact to an A reply, hop by hop, each at the position its write answered with', async () => {
    at.contact = await write('clerk', M.contact, {
      contactId: 'c-hexi-1',
      occurredAt: inDays(-20),
      channel: 'VISIT',
      topic: '走访河西街道居民',
      participantIds: ['lg-hexi', 'm-cpc1'],
      liaisonGroupId: 'lg-hexi',
      issues: [
        { issueId: 'iss-road', text: '雨后道路积水严重' },
        { issueId: 'iss-bus', text: '公交线路少，出行不便' },
        { issueId: 'iss-light', text: '路灯损坏' },
      ],
    });
    at.submitted = await write('proposer', M.submit, {
      proposalId: 'p-road',
      sessionId: 't10-s5',
      proposerId: 'm-cpc1',
      title: '关于解决河西街道道路积水问题的建议',
      reasons: '居民反映雨后积水严重。',
      suggestions: '改造排水管网。',
      sourceContactId: 'c-hexi-1',
      sourceIssueId: 'iss-road',
    });
    at.filed = await write('proposalsOffice', M.file, { proposalId: 'p-road' });
    at.assigned = await write('proposalsOffice', M.assign, { proposalId: 'p-road', assignmentId: 'a-water', unitId: 'hu-water', role: 'LEAD', dueOn: inDays(60) });
    at.replyB = await write('hu-water', M.reply, { proposalId: 'p-road', assignmentId: 'a-water', result: 'B', text: '列入明年计划', letterDate: today, plannedOn: inDays(200) });
    at.sentBack = await write('proposalsOffice', M.sendBack, { proposalId: 'p-road', assignmentId: 'a-water', reason: '请说明今年汛期前的措施' });
    at.replyA = await write('hu-water', M.reply, { proposalId: 'p-road', assignmentId: 'a-water', result: 'A', text: '已完成排水管网改造', letterDate: today });
    at.released = await write('proposalsOffice', M.release, { proposalId: 'p-road', assignmentId: 'a-water' });
    at.rated = await write('proposer', M.rate, { proposalId: 'p-road', assignmentId: 'a-water', attitude: 'SATISFIED', result: 'SATISFIED' });

    const tr = await trail('iss-road');
    expect(tr.contact).toEqual({
      contactId: 'c-hexi-1',
      occurredAt: `${inDays(-21)}T16:00:00.000Z`,
      liaisonGroupId: 'lg-hexi',
      liaisonGroupName: '河西街道联络组',
      participantIds: ['lg-hexi', 'm-cpc1'],
      recordedBy: 'test-recorder-hexi',
      retracted: false,
      issueText: '雨后道路积水严重',
    });
    expect(tr.steps.map((s: Record<string, unknown>) => [s.kind, s.position, s.workId, s.version, s.result])).toEqual([
      ['ISSUE_RAISED', at.contact, 'c-hexi-1', null, null],
      ['PROPOSAL_SUBMITTED', at.submitted, 'p-road', null, null],
      ['PROPOSAL_FILED', at.filed, 'p-road', null, null],
      ['ASSIGNED', at.assigned, 'p-road', null, null],
      ['REPLY_SUBMITTED', at.replyB, 'p-road', 1, 'B'],
      ['REPLY_SENT_BACK', at.sentBack, 'p-road', 1, 'B'],
      ['REPLY_SUBMITTED', at.replyA, 'p-road', 2, 'A'],
      ['REPLY_RELEASED', at.released, 'p-road', 2, 'A'],
      // Every reply released and rated, none unsatisfied: the rating closed it, in the same write (which answers with its last position).
      ['REPLY_RATED', at.rated - 1, 'p-road', 2, 'SATISFIED/SATISFIED'],
      ['PROPOSAL_CLOSED', at.rated, 'p-road', null, 'RATINGS'],
    ]);
    const times = tr.steps.map((s: { recordedAt: string }) => Date.parse(s.recordedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(tr.steps[0].on).toBe(inDays(-20));
    expect(tr.steps.find((s: { kind: string }) => s.kind === 'PROPOSAL_FILED').detail).toBe(`格政协〔2026〕第1号`);
    expect(tr.steps.find((s: { kind: string }) => s.kind === 'ASSIGNED')).toMatchObject({ unitId: 'hu-water', assignmentId: 'a-water', detail: `LEAD ${inDays(60)}` });
    expect(tr.works).toEqual([{ work: 'PROPOSAL', workId: 'p-road', via: 'SOURCE', fromId: null, stage: 'CLOSED' }]);
    expect(tr.answer).toEqual({ work: 'PROPOSAL', workId: 'p-road', kind: 'REPLY_RELEASED', position: at.released, on: today, days: 20 });
    expect(tr.standing).toBe(true);
  }, 30_000);

  it('follows a second issue into an opinion report the committee adopts; the third was taken up by nothing', async () => {
    // m-np was not in the contact, so the office types its report in (a member cites only a contact it may read).
    at.report = await write('committeeOffice', M.report, { reportId: 'r-bus', authorIds: ['m-np'], title: '关于增加河西公交线路的建议', situation: '居民反映公交线路少。', suggestions: '增开线路。', sourceContactId: 'c-hexi-1', sourceIssueId: 'iss-bus' });
    at.adopted = await write('committeeOffice', M.adopt, { reportId: 'r-bus' });
    const bus = await trail('iss-bus');
    expect(bus.steps.map((s: { kind: string; position: number }) => [s.kind, s.position])).toEqual([
      ['ISSUE_RAISED', at.contact],
      ['REPORT_SUBMITTED', at.report],
      ['REPORT_ADOPTED', at.adopted],
    ]);
    expect([bus.works, bus.answer]).toEqual([[{ work: 'REPORT', workId: 'r-bus', via: 'SOURCE', fromId: null, stage: 'ADOPTED' }], { work: 'REPORT', workId: 'r-bus', kind: 'REPORT_ADOPTED', position: at.adopted, on: today, days: 20 }]);
    const light = await trail('iss-light');
    expect([light.steps.map((s: { kind: string }) => s.kind), light.works, light.answer]).toEqual([['ISSUE_RAISED'], [], null]);
  });

  it('counts the period\'s issues per liaison group: taken up, answered by the A reply and the adoption, and the median days', async () => {
    const f = await figures();
    const row = { groupId: 'lg-hexi', groupName: '河西街道联络组', raised: 3, byProposal: 1, byReport: 1, takenUp: 2, aReplies: 1, adoptions: 1, answered: 2, takenUpShare: 2 / 3, answeredShare: 1, medianDaysToAnswer: 20 };
    expect(f.groups).toEqual([row]);
    expect(f.total).toEqual({ ...row, groupId: null, groupName: null });
    expect((await figures('leader', { groupId: 'lg-hexi' })).total.raised).toBe(3);
    // Contacts that occurred before the period are not its issues.
    expect((await figures('leader', { from: inDays(-10) })).total.raised).toBe(0);
    // The office that reads every contact, proposal and report reads the same figures.
    expect((await figures('bothOffices')).total).toEqual(f.total);
  });

  it('answers as of the moment before the release: the trail ends at the A reply waiting for the office, and nothing is answered by a reply yet', async () => {
    const asOf = String(at.released - 1);
    const before = await trail('iss-road', 'leader', asOf);
    expect(before.steps.map((s: { kind: string }) => s.kind)).toEqual(['ISSUE_RAISED', 'PROPOSAL_SUBMITTED', 'PROPOSAL_FILED', 'ASSIGNED', 'REPLY_SUBMITTED', 'REPLY_SENT_BACK', 'REPLY_SUBMITTED']);
    expect([before.answer, before.works[0].stage, before.readAt]).toEqual([null, 'FILED', at.released - 1]);
    const f = (await read('leader', FIGURES, { from: inDays(-30), to: inDays(1), asOf })).trailFigures;
    expect(f.total).toMatchObject({ raised: 3, takenUp: 1, byReport: 0, answered: 0, aReplies: 0, answeredShare: 0, medianDaysToAnswer: null });
    // Before the contact was logged, the issue was not on record.
    expect(await trail('iss-road', 'leader', String(at.contact - 1))).toBeNull();
  });

  it('shows each token no more than the root queries would: the clerk the contact, the unit the proposal, the author its report', async () => {
    const clerk = await trail('iss-road', 'clerk');
    expect([clerk.contact.contactId, clerk.steps.map((s: { kind: string }) => s.kind), clerk.works, clerk.answer]).toEqual(['c-hexi-1', ['ISSUE_RAISED'], [], null]);
    // The clerk may not read the proposal either.
    expect((await ask('clerk', `{ proposal(id: "p-road") { id } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unit = await trail('iss-road', 'hu-water');
    expect([unit.contact, unit.standing, unit.steps.every((s: { work: string }) => s.work === 'PROPOSAL'), unit.steps.length, unit.answer.days]).toEqual([null, false, true, 9, null]);
    // The proposer took part in the contact and made the proposal: the whole trail.
    expect((await trail('iss-road', 'proposer')).steps).toEqual((await trail('iss-road')).steps);
    // The report's author did not take part in the contact: its report's hops only.
    const author = await trail('iss-bus', 'author');
    expect([author.contact, author.steps.map((s: { kind: string }) => s.kind), author.answer.days]).toEqual([null, ['REPORT_SUBMITTED', 'REPORT_ADOPTED'], null]);
    expect((await trail('iss-road', 'auditor')).steps).toHaveLength(10);
  });

  describe('hostile cases', () => {
    /** A read that must be refused with `code` (naming `field` when given), the log's head unmoved. */
    const refused = async (code: string, who: string, query: string, variables: Record<string, unknown> = {}, field?: string) => {
      const before = (await app.health()).head;
      const res = await ask(who, query, variables);
      expect([res.errors?.[0]?.extensions?.code, res.data?.trail ?? res.data?.trailFigures ?? null]).toEqual([code, null]);
      if (field) expect(res.errors?.[0]?.message).toContain(field);
      expect((await app.health()).head).toBe(before);
      return res.errors![0]!.message;
    };

    it('a token reaching no part of a trail is refused exactly as for an issue not on record', async () => {
      const outside = await refused('FORBIDDEN', 'hu-edu', TRAIL, { issueId: 'iss-road' });
      const missing = await refused('FORBIDDEN', 'hu-edu', TRAIL, { issueId: 'iss-none' });
      expect(outside.replace('iss-road', 'X')).toBe(missing.replace('iss-none', 'X'));
      await refused('FORBIDDEN', 'author', TRAIL, { issueId: 'iss-road' });
      await refused('FORBIDDEN', 'admin', TRAIL, { issueId: 'iss-road' });
      await refused('FORBIDDEN', 'clerk', TRAIL, { issueId: 'iss-road', asOf: String(at.contact - 1) });
      expect((await read('leader', TRAIL, { issueId: 'iss-none' })).trail).toBeNull();
    });

    it('the figures, read by anyone who does not read every contact, proposal and report', async () => {
      for (const who of ['clerk', 'proposer', 'hu-water', 'proposalsOffice', 'committeeOffice', 'admin']) await refused('FORBIDDEN', who, FIGURES, { from: inDays(-30), to: inDays(1) });
    });

    it('malformed arguments: coded errors naming the field', async () => {
      await refused('VALIDATION', 'leader', TRAIL, { issueId: 'a/b' }, 'issueId');
      await refused('VALIDATION', 'leader', TRAIL, { issueId: 'iss-road', asOf: '2999-01-01' }, 'asOf');
      await refused('VALIDATION', 'leader', TRAIL, { issueId: 'iss-road', asOf: '99999999' }, 'asOf');
      await refused('VALIDATION', 'leader', TRAIL, { issueId: 'iss-road', asOf: 'yesterday' }, 'asOf');
      await refused('VALIDATION', 'leader', FIGURES, { from: '2026-13-01', to: inDays(1) }, 'from');
      await refused('VALIDATION', 'leader', FIGURES, { from: inDays(1), to: inDays(-30) }, 'to');
      await refused('VALIDATION', 'leader', FIGURES, { from: inDays(-30), to: inDays(1), groupId: 'sec-econ' }, 'groupId');
      await refused('NOT_FOUND', 'leader', FIGURES, { from: inDays(-30), to: inDays(1), groupId: 'lg-none' }, 'groupId');
      await refused('GRAPHQL_VALIDATION_FAILED', 'leader', `{ trailFigures(from: "${inDays(-1)}") { readAt } }`, {}, '"to"');
    });
  });
});
