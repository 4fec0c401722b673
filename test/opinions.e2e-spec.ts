/**
 * One public-opinion report's climb on the booted API and a SQLite file, each step by the token
 * whose work it is: a liaison group's clerk logs a visit in which a member raises an issue; the
 * member turns it into a report, which the committee office edits (a second version) and adopts;
 * another member's report is combined with it (综合), the combined report is issued (numbered
 * 《社情民意》2025年第1期, signed by a vice-chair) and forwarded to the city government and the
 * province committee; the city government (a handling unit) records its adoption, a provincial
 * leader's instruction (批示) follows in the new year, and the unit sends its feedback. At each
 * step the test reads the ladder, the counts and the credit; at the end it changes the credit
 * table from 2026 and checks that 2026 is recomputed, 2025 keeps its table, and `asOf` before the
 * change still gives the old figure; and asks two earlier moments what they said then.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { LOG_CONTACT, REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { streamId position written version } }`;
const M = {
  submit: WRITE('submitOpinionReport', 'SubmitOpinionReportInput'),
  edit: WRITE('editOpinionReport', 'EditOpinionReportInput'),
  adopt: WRITE('adoptOpinionReport', 'AdoptOpinionReportInput'),
  combine: WRITE('combineOpinionReports', 'CombineOpinionReportsInput'),
  issue: WRITE('issueOpinionReport', 'IssueOpinionReportInput'),
  forward: WRITE('forwardOpinionReport', 'ForwardOpinionReportInput'),
  adoption: WRITE('recordRecipientAdoption', 'RecordRecipientAdoptionInput'),
  instruction: WRITE('recordLeaderInstruction', 'RecordLeaderInstructionInput'),
  feedback: WRITE('recordOpinionFeedback', 'RecordOpinionFeedbackInput'),
  recipient: WRITE('defineOpinionRecipient', 'DefineOpinionRecipientInput'),
  credit: WRITE('setOpinionCreditRules', 'SetOpinionCreditRulesInput'),
};

const REPORT = `query($id: ID!, $asOf: String, $version: Int) { opinionReport(id: $id, asOf: $asOf) {
  id authorKind authorIds title stage source sourceContactId sourceIssueId submittedOn adoptedOn adoptedVia partIds combinedInto
  issued { number serial signedBy signerName issuedOn } forwards { recipientId recipientName level forwardedOn }
  adoptions { recipientId level adoptedOn } instructions { leaderName leaderTitle level instructedOn text gist } feedback { recipientId from text receivedOn }
  versions { version editedBy note } text(version: $version) { version title situation } timeline { type actor occurredAt } } }`;
const COUNTS = `query($year: Int!, $by: OpinionCountDimension!, $asOf: String) { opinionCounts(year: $year, by: $by, asOf: $asOf) { total { submitted adopted adoptionRate } rows { id name submitted adopted adoptionRate } } }`;
const LADDER = `query($year: Int!, $asOf: String) { opinionLadder(year: $year, asOf: $asOf) {
  submitted combined committeeAdoptions issued forwarded bySource { source count } recipientAdoptions { level count } instructions { level count }
  daysToAdoption { count median p90 } daysToFirstInstruction { count median p90 } } }`;
const CREDIT = `query($year: Int!, $memberId: ID, $asOf: String) { opinionCredit(year: $year, memberId: $memberId, asOf: $asOf) { fromYear authors { authorId points items { reportId item level points fromYear } } } }`;

const points = (committeeAdoption: number, cityAdoption: number, provinceInstruction: number) => ({
  committeeAdoption,
  adoption: { city: cityAdoption, prefecture: 3, province: 4, national: 6 },
  instruction: { city: 3, prefecture: 4, province: provinceInstruction, national: 10 },
});
const nonZero = (levels: Array<{ level: string; count: number }>) => Object.fromEntries(levels.filter((l) => l.count > 0).map((l) => [l.level, l.count]));

describe('a public-opinion report from a raised issue to the feedback, on the running app', () => {
  let app: TestApp;
  const t: Record<string, string> = {};
  const marks: Record<string, number> = {};
  const write = async (who: string, mutation: string, input: Record<string, unknown>): Promise<number> => {
    const res = await app.gql(mutation, { input }, { token: t[who]! });
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return (Object.values(res.data as object)[0] as { position: number }).position;
  };
  const read = async (query: string, variables: Record<string, unknown> = {}, who = 'leader') => {
    const res = await app.gql(query, variables, { token: t[who]! });
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const report = async (id: string, variables: Record<string, unknown> = {}, who = 'leader') => (await read(REPORT, { id, ...variables }, who)).opinionReport;
  const ladder = async (year: number, asOf?: string) => (await read(LADDER, { year, asOf })).opinionLadder;
  const counts = async (by: string, asOf?: string) => (await read(COUNTS, { year: 2025, by, asOf })).opinionCounts;
  const credit = async (year: number, memberId: string, asOf?: string, who = 'leader') => (await read(CREDIT, { year, memberId, asOf }, who)).opinionCredit;

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, REGISTER_ORG, { input: { organizationId: 'hu-gov', kind: 'HANDLING_UNIT', name: '格尔木市人民政府办公室' } });
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => {
      const res = await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN });
      if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
      return res.data.issueToken.token as string;
    };
    t.office = await issue('政协办公室', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.author = await issue('委员 m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.other = await issue('委员 m-np', [{ kind: 'MEMBER', id: 'm-np' }]);
    t.unit = await issue('市政府办公室', [{ kind: 'HANDLING_UNIT', id: 'hu-gov' }]);
    t.clerk = app.tokens.RECORDER!;
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    t.admin = app.tokens.ADMIN;
    await write('office', M.recipient, { recipientId: 'city-gov', name: '格尔木市人民政府', level: 'CITY', kind: 'GOVERNMENT', organizationId: 'hu-gov' });
    await write('office', M.recipient, { recipientId: 'prov-cppcc', name: '青海省政协', level: 'PROVINCE', kind: 'CPPCC' });
    await write('admin', M.credit, { fromYear: 2024, points: points(1, 2, 5), reason: '2024年社情民意积分办法' });
    const res = await app.gql(LOG_CONTACT, {
      input: { contactId: 'c-visit', occurredAt: '2025-03-01', channel: 'VISIT', topic: '走访牧户', participantIds: ['m-cpc1', 'm-np'], liaisonGroupId: 'lg-hexi', issues: [{ issueId: 'i-water', text: '牧区冬季饮水困难' }] },
    }, { token: t.clerk });
    if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('submit: the member turns the raised issue into a report; the office types in another member\'s paper report', async () => {
    await write('author', M.submit, {
      reportId: 'r-water',
      authorIds: ['m-cpc1'],
      title: '关于解决牧区冬季饮水困难的建议',
      situation: '河西街道牧户反映，冬季水源结冰，取水困难。',
      suggestions: '建议建设集中供水点。',
      submittedOn: '2025-03-05',
      sourceContactId: 'c-visit',
      sourceIssueId: 'i-water',
    });
    await write('office', M.submit, { reportId: 'r-road', authorIds: ['m-np'], title: '关于牧道维修的建议', situation: '牧道破损。', suggestions: '列入维修计划。', submittedOn: '2025-03-08' });
    const r = await report('r-water', {}, 'author');
    expect([r.stage, r.source, r.sourceContactId, r.sourceIssueId, r.authorIds, r.submittedOn]).toEqual(['SUBMITTED', 'CONTACT_ISSUE', 'c-visit', 'i-water', ['m-cpc1'], '2025-03-05']);
    expect((await read(`{ opinionReports(sourceContactId: "c-visit") { edges { node { id } } } }`)).opinionReports.edges).toEqual([{ node: { id: 'r-water' } }]);
    expect((await ladder(2025)).bySource).toEqual([{ source: 'CONTACT_ISSUE', count: 1 }, { source: 'NOT_FILED_PROPOSAL', count: 0 }, { source: 'NONE', count: 1 }]);
  });

  it('edit and adopt: the office\'s edit is a second version, the first stays; adopted on its date', async () => {
    await write('office', M.edit, { reportId: 'r-water', situation: '河西街道12户牧民反映，冬季水源结冰，取水需往返10公里。', note: '核稿：补充数据' });
    marks.adopted = await write('office', M.adopt, { reportId: 'r-water', adoptedOn: '2025-03-10' });
    const r = await report('r-water');
    expect([r.stage, r.adoptedOn, r.adoptedVia, r.versions.map((v: { version: number; editedBy: string | null }) => [v.version, v.editedBy])]).toEqual(['ADOPTED', '2025-03-10', 'OWN', [[1, null], [2, '政协办公室']]]);
    expect(r.text.situation).toContain('12户');
    expect((await report('r-water', { version: 1 })).text).toMatchObject({ version: 1, situation: '河西街道牧户反映，冬季水源结冰，取水困难。' });
    expect((await counts('MEMBER')).rows).toEqual([
      { id: 'm-cpc1', name: '委员m-cpc1', submitted: 1, adopted: 1, adoptionRate: 1 },
      { id: 'm-np', name: '委员m-np', submitted: 1, adopted: 0, adoptionRate: 0 },
    ]);
  });

  it('combine: a new adopted report of both, the parts kept and pointing to it, the waiting one adopted with it', async () => {
    await write('office', M.combine, { reportId: 'k-pasture', partIds: ['r-water', 'r-road'], title: '关于改善河西牧区民生的综合报告', situation: '综合两篇信息。', suggestions: '统筹供水与牧道。', combinedOn: '2025-03-15' });
    const k = await report('k-pasture');
    expect([k.authorKind, k.authorIds, k.partIds, k.stage, k.adoptedOn]).toEqual(['COMBINED', ['m-cpc1', 'm-np'], ['r-water', 'r-road'], 'ADOPTED', '2025-03-15']);
    expect((await read(`{ opinionReport(id: "k-pasture") { authors { ... on Member { id name } } } }`)).opinionReport.authors).toEqual([{ id: 'm-cpc1', name: '委员m-cpc1' }, { id: 'm-np', name: '委员m-np' }]);
    const road = await report('r-road', {}, 'other');
    expect([road.stage, road.combinedInto, road.adoptedOn, road.adoptedVia]).toEqual(['SUBMITTED', 'k-pasture', '2025-03-15', 'COMBINED']);
    expect((await report('r-water')).timeline.map((s: { type: string }) => s.type)).toEqual(['OpinionReportSubmitted', 'OpinionReportEdited', 'OpinionReportAdopted']);
    expect((await counts('GROUP')).rows).toEqual([{ id: 'lg-hexi', name: '河西街道联络组', submitted: 2, adopted: 2, adoptionRate: 1 }]);
    expect((await counts('SECTOR')).total).toEqual({ submitted: 2, adopted: 2, adoptionRate: 1 });
  });

  it('issue and forward: numbered in its year, signed by a vice-chair, sent to the city government and the province', async () => {
    await write('office', M.issue, { reportId: 'k-pasture', signedBy: 'm-pg', issuedOn: '2025-03-20' });
    await write('office', M.forward, { reportId: 'k-pasture', recipientIds: ['city-gov'], forwardedOn: '2025-03-25' });
    marks.forwarded = await write('office', M.forward, { reportId: 'k-pasture', recipientIds: ['prov-cppcc'], forwardedOn: '2025-12-20' });
    const k = await report('k-pasture');
    expect(k.issued).toEqual({ number: '《社情民意》2025年第1期', serial: 1, signedBy: 'm-pg', signerName: '委员m-pg', issuedOn: '2025-03-20' });
    expect(k.forwards).toEqual([
      { recipientId: 'city-gov', recipientName: '格尔木市人民政府', level: 'CITY', forwardedOn: '2025-03-25' },
      { recipientId: 'prov-cppcc', recipientName: '青海省政协', level: 'PROVINCE', forwardedOn: '2025-12-20' },
    ]);
    // The unit now reads it: it was forwarded to the recipient the unit answers for.
    expect((await report('k-pasture', {}, 'unit')).id).toBe('k-pasture');
  });

  it('what came back: the city\'s adoption and feedback by its unit, a provincial leader\'s instruction in the new year', async () => {
    await write('unit', M.adoption, { reportId: 'k-pasture', recipientId: 'city-gov', adoptedOn: '2025-04-02', note: '列入2025年民生实事' });
    await write('office', M.instruction, { reportId: 'k-pasture', leaderName: '李某', leaderTitle: '青海省政协副主席', level: 'PROVINCE', instructedOn: '2026-01-15', text: '请省水利厅会同海西州研究解决。' });
    await write('unit', M.feedback, { reportId: 'k-pasture', recipientId: 'city-gov', text: '集中供水点已于2026年开工。', receivedOn: '2026-02-01' });
    const k = await report('k-pasture');
    expect(k.adoptions).toEqual([{ recipientId: 'city-gov', level: 'CITY', adoptedOn: '2025-04-02' }]);
    expect(k.instructions).toEqual([{ leaderName: '李某', leaderTitle: '青海省政协副主席', level: 'PROVINCE', instructedOn: '2026-01-15', text: '请省水利厅会同海西州研究解决。', gist: false }]);
    expect(k.feedback).toEqual([{ recipientId: 'city-gov', from: '格尔木市人民政府', text: '集中供水点已于2026年开工。', receivedOn: '2026-02-01' }]);
    const l2025 = await ladder(2025);
    expect([l2025.submitted, l2025.combined, l2025.committeeAdoptions, l2025.issued, l2025.forwarded, nonZero(l2025.recipientAdoptions), nonZero(l2025.instructions)]).toEqual([2, 1, 2, 1, 1, { CITY: 1 }, {}]);
    // r-water: 5 days to adoption; r-road: 7 (adopted by being combined on 15 March).
    expect(l2025.daysToAdoption).toEqual({ count: 2, median: 6, p90: 7 });
    const l2026 = await ladder(2026);
    expect([nonZero(l2026.instructions), l2026.daysToFirstInstruction]).toEqual([{ PROVINCE: 1 }, { count: 1, median: 306, p90: 306 }]);
  });

  it('credit: each part\'s authors credited for the combined report; a new table from 2026 recomputes 2026 and leaves 2025', async () => {
    // 2025 under the 2024 table: m-cpc1 adopted (1) + the city's adoption of the combined report (2); m-np adopted by combination (1) + 2.
    expect(await credit(2025, 'm-cpc1')).toEqual({
      fromYear: 2024,
      authors: [{ authorId: 'm-cpc1', points: 3, items: [
        { reportId: 'r-water', item: 'COMMITTEE_ADOPTION', level: null, points: 1, fromYear: 2024 },
        { reportId: 'k-pasture', item: 'RECIPIENT_ADOPTION', level: 'CITY', points: 2, fromYear: 2024 },
      ] }],
    });
    expect((await credit(2025, 'm-np')).authors[0].points).toBe(3);
    expect((await credit(2026, 'm-cpc1')).authors).toEqual([{ authorId: 'm-cpc1', points: 5, items: [{ reportId: 'k-pasture', item: 'INSTRUCTION', level: 'PROVINCE', points: 5, fromYear: 2024 }] }]);
    // The member reads its own credit; another member's is refused.
    expect((await credit(2026, 'm-cpc1', undefined, 'author')).authors[0].points).toBe(5);
    expect((await app.gql(CREDIT, { year: 2026, memberId: 'm-np' }, { token: t.author })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    marks.beforeTable = (await app.health()).head;
    await write('office', M.credit, { fromYear: 2026, points: points(2, 3, 8), reason: '2026年起提高省级批示积分' });
    expect((await credit(2026, 'm-cpc1')).authors).toEqual([{ authorId: 'm-cpc1', points: 8, items: [{ reportId: 'k-pasture', item: 'INSTRUCTION', level: 'PROVINCE', points: 8, fromYear: 2026 }] }]);
    expect(await credit(2025, 'm-cpc1')).toMatchObject({ fromYear: 2024, authors: [{ points: 3 }] });
    // As the record stood before the change, 2026 still counted under the 2024 table.
    expect(await credit(2026, 'm-cpc1', String(marks.beforeTable))).toMatchObject({ fromYear: 2024, authors: [{ points: 5 }] });
  });

  it('lists page by page, newest first, and ranks credit without reading its items', async () => {
    const PAGE = `query($after: String) { opinionReports(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id } } } }`;
    const one = (await read(PAGE)).opinionReports;
    expect([one.totalCount, one.edges.map((e: { node: { id: string } }) => e.node.id), one.pageInfo.hasNextPage, one.pageInfo.hasPreviousPage]).toEqual([3, ['k-pasture', 'r-road'], true, false]);
    const two = (await read(PAGE, { after: one.pageInfo.endCursor })).opinionReports;
    expect([two.totalCount, two.edges.map((e: { node: { id: string } }) => e.node.id), two.pageInfo.hasNextPage, two.pageInfo.hasPreviousPage]).toEqual([3, ['r-water'], false, true]);
    expect((await app.gql(PAGE, { after: 'bm90LW91cnM' }, { token: t.leader })).errors?.[0]?.extensions?.code).toBe('VALIDATION');
    expect((await read(`{ opinionCredit(year: 2025) { fromYear authors { authorId points } } }`)).opinionCredit).toEqual({ fromYear: 2024, authors: [{ authorId: 'm-cpc1', points: 3 }, { authorId: 'm-np', points: 3 }] });
  });

  it('asOf: what the record said when the first report was adopted, and when it was forwarded to the province', async () => {
    const atAdoption = await report('r-water', { asOf: String(marks.adopted) });
    expect([atAdoption.stage, atAdoption.combinedInto, atAdoption.timeline.length]).toEqual(['ADOPTED', null, 3]);
    expect(await report('k-pasture', { asOf: String(marks.adopted) })).toBeNull();
    const l = await ladder(2025, String(marks.adopted));
    expect([l.committeeAdoptions, l.combined, l.issued, l.daysToAdoption.count]).toEqual([1, 0, 0, 1]);
    expect((await counts('MEMBER', String(marks.adopted))).total).toEqual({ submitted: 2, adopted: 1, adoptionRate: 0.5 });
    expect((await credit(2025, 'm-np', String(marks.adopted))).authors).toEqual([]);

    const atForward = await report('k-pasture', { asOf: String(marks.forwarded) });
    expect([atForward.forwards.length, atForward.adoptions, atForward.instructions]).toEqual([2, [], []]);
    expect(nonZero((await ladder(2025, String(marks.forwarded))).recipientAdoptions)).toEqual({});
    expect((await credit(2025, 'm-cpc1', String(marks.forwarded))).authors[0].points).toBe(1);
  });
});
