/**
 * The year's key topics and the reports to the Party committee on the booted API and a SQLite
 * file: the committee office sets the year's four topics (Golmud's 2020 ones), tags a contact and
 * an opinion report, plans an inspection that names a topic itself (declared) and a proposal that
 * names another; each topic's page counts its work by kind and month with the outcomes as their
 * wings record them (an adoption, a follow-up), and earlier moments (asOf) answer what the page
 * said then. Untagging a declared inspection takes it off; a revision keeps the history. A liaison
 * group's clerk reads the topics but not their pages, and writes none. The office records a work
 * report to the Party committee and the committee's study that took it up, and corrects one.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, committeeDate } from '#domain';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written version } }`;
const M = {
  set: WRITE('setKeyTopic', 'SetKeyTopicInput'),
  revise: WRITE('reviseKeyTopic', 'ReviseKeyTopicInput'),
  tag: WRITE('tagWorkToTopic', 'TagWorkToTopicInput'),
  untag: WRITE('untagWorkFromTopic', 'UntagWorkFromTopicInput'),
  contact: WRITE('logContact', 'LogContactInput'),
  submitReport: WRITE('submitOpinionReport', 'SubmitOpinionReportInput'),
  adopt: WRITE('adoptOpinionReport', 'AdoptOpinionReportInput'),
  submitProposal: WRITE('submitProposal', 'SubmitProposalInput'),
  plan: WRITE('planInspection', 'PlanInspectionInput'),
  hold: WRITE('holdInspection', 'HoldInspectionInput'),
  report: WRITE('reportInspection', 'ReportInspectionInput'),
  followUp: WRITE('followUpRecommendation', 'FollowUpRecommendationInput'),
  partyReport: WRITE('recordPartyCommitteeReport', 'RecordPartyCommitteeReportInput'),
  correctPartyReport: WRITE('correctPartyCommitteeReport', 'CorrectPartyCommitteeReportInput'),
  partyStudy: WRITE('recordPartyCommitteeStudy', 'RecordPartyCommitteeStudyInput'),
};
const TOPICS = `query($year: Int, $asOf: String) { keyTopics(year: $year, asOf: $asOf) { id title leadBodyId leadBodyName periodFrom periodTo stage workCount } }`;
const PAGE = `query($id: ID!, $asOf: String, $kind: WorkKind) { keyTopic(id: $id, asOf: $asOf) { id title stage revisions { title reason }
  page(kind: $kind) { work { kind id source on month note outcome { title stage adopted recommendations followedUp } }
    byKind { kind count } byMonth { month kind count }
    outcomes { contacts proposals reports reportsAdopted instructions inspections inspectionsHeld recommendations recommendationsFollowedUp } } } }`;
const PARTY = `query($year: Int!, $asOf: String) { partyCommitteeYear(year: $year, asOf: $asOf) { year
  reports { id kind subject recipient reportedOn reporterIds reporterNames corrections { reason } }
  studies { id studiedOn meeting matters reportIds } } }`;

const today = committeeDate(Date.now());
const day = (n: number) => addDays(today, n);
const YEAR = Number(today.slice(0, 4));
// Work dated in this year, so every month is one the topic's year holds: the first days of January when today is early in it.
const early = (n: number) => (Number(day(-n).slice(0, 4)) === YEAR ? day(-n) : `${YEAR}-01-01`);

describe('key topics and the reports to the Party committee, on the running app', () => {
  let app: TestApp;
  const t: Record<string, string> = {};
  const as = (who: string) => ({ token: t[who]! });
  const write = async (who: string, mutation: string, input: Record<string, unknown>): Promise<number> => {
    const res = await app.gql(mutation, { input }, as(who));
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return (Object.values(res.data as object)[0] as { position: number }).position;
  };
  const refused = async (who: string, query: string, variables: Record<string, unknown>) => {
    const before = (await app.health()).head;
    const res = await app.gql(query, variables, as(who));
    expect((await app.health()).head).toBe(before); // a refused command writes nothing
    return [res.errors?.[0]?.extensions?.code, res.errors?.[0]?.message];
  };
  const read = async (query: string, variables: Record<string, unknown> = {}, who = 'leader') => {
    const res = await app.gql(query, variables, as(who));
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const page = async (id: string, variables: Record<string, unknown> = {}, who = 'leader') => (await read(PAGE, { id, ...variables }, who)).keyTopic;
  const marks: Record<string, string> = {};
  const mark = async (name: string) => {
    marks[name] = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
  };

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, REGISTER_ORG, { input: { organizationId: 'sc-eco', kind: 'SPECIAL_COMMITTEE', name: '经济委员会' } });
    await must(app, REGISTER_ORG, { input: { organizationId: 'sc-social', kind: 'SPECIAL_COMMITTEE', name: '社会和法制委员会' } });
    await must(app, REGISTER_ORG, { input: { organizationId: 'hu-dev', kind: 'HANDLING_UNIT', name: '市发展和改革委员会' } });
    await must(app, `mutation { openTerm(input: { termId: "t10", name: "政协格尔木市第十届委员会", number: 10, startsOn: "${YEAR - 3}-01-01", endsOn: "${YEAR + 2}-01-01" }) { position } }`);
    await must(app, `mutation { schedulePlenarySession(input: { sessionId: "t10-s4", name: "十届四次会议", startsOn: "${YEAR}-01-01", endsOn: "${YEAR}-01-03", termId: "t10", number: 4 }) { position } }`);
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => {
      const res = await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN });
      if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
      return res.data.issueToken.token as string;
    };
    t.office = await issue('政协办公室', [{ kind: 'COMMITTEE_OFFICE' }, { kind: 'PROPOSALS_OFFICE' }]);
    t.clerk = app.tokens.RECORDER!; // 河西街道联络组's clerk
    t.leader = app.tokens.LEADER;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sets the year\'s four key topics; every role reads the list', async () => {
    await mark('beforeTopics');
    await write('office', M.set, { topicId: 'kt-biz', year: YEAR, title: '营商环境与民营经济', leadBodyId: 'sc-eco' });
    await write('office', M.set, { topicId: 'kt-health', year: YEAR, title: '医疗保障体系', leadBodyId: 'sc-social' });
    await write('office', M.set, { topicId: 'kt-tour', year: YEAR, title: '文化旅游融合', leadBodyId: 'CHAIRS', periodFrom: `${YEAR}-03-01`, periodTo: `${YEAR}-10-31` });
    await write('office', M.set, { topicId: 'kt-port', year: YEAR, title: '陆港型国家物流枢纽', leadBodyId: 'sc-eco' });
    const topics = (await read(TOPICS, { year: YEAR }, 'clerk')).keyTopics;
    expect(topics.map((x: { id: string; leadBodyName: string; periodFrom: string; periodTo: string }) => [x.id, x.leadBodyName, x.periodFrom, x.periodTo])).toEqual([
      ['kt-biz', '经济委员会', `${YEAR}-01-01`, `${YEAR}-12-31`],
      ['kt-health', '社会和法制委员会', `${YEAR}-01-01`, `${YEAR}-12-31`],
      ['kt-tour', '主席会议', `${YEAR}-03-01`, `${YEAR}-10-31`],
      ['kt-port', '经济委员会', `${YEAR}-01-01`, `${YEAR}-12-31`],
    ]);
    expect((await read(TOPICS, { year: YEAR - 1 })).keyTopics).toEqual([]);
    expect((await read(TOPICS, { year: YEAR, asOf: marks.beforeTopics })).keyTopics).toEqual([]);
  });

  it('tags a contact and an opinion report; an inspection and a proposal that name a topic are on its list without a tag', async () => {
    await write('office', M.contact, { contactId: 'c-biz', participantIds: ['m-cpc1', 'm-np'], occurredAt: `${early(20)}T10:00`, channel: 'VISIT', topic: '民营企业座谈', liaisonGroupId: 'lg-hexi' });
    await write('office', M.tag, { topicId: 'kt-biz', workKind: 'CONTACT', workId: 'c-biz', note: '议题意见征集' });
    await write('office', M.submitReport, { reportId: 'r-biz', authorIds: ['m-cpc1'], title: '关于减轻民营企业融资负担的建议', situation: '融资难。', suggestions: '设立转贷基金。', submittedOn: early(15) });
    await write('office', M.tag, { topicId: 'kt-biz', workKind: 'OPINION_REPORT', workId: 'r-biz' });
    await write('office', M.plan, { inspectionId: 'i-biz', kind: 'INSPECTION', topic: '优化营商环境政策落实情况', topicId: 'kt-biz', organiserId: 'sc-eco', startsOn: early(12), place: '昆仑经济技术开发区' });
    await write('office', M.submitProposal, { proposalId: 'p-port', sessionId: 't10-s4', proposerId: 'm-cpc1', title: '关于加快陆港型国家物流枢纽建设的提案', reasons: '物流成本高。', suggestions: '完善多式联运。', topicId: 'kt-port' });
    // A tag of work that already names the topic decides nothing.
    const res = await app.gql(M.tag, { input: { topicId: 'kt-port', workKind: 'PROPOSAL', workId: 'p-port' } }, as('office'));
    expect(res.data.tagWorkToTopic.written).toBe(0);
    await mark('tagged');

    const biz = await page('kt-biz');
    expect(biz.page.work.map((w: { kind: string; id: string; source: string; on: string; note: string }) => [w.kind, w.id, w.source, w.on, w.note])).toEqual([
      ['CONTACT', 'c-biz', 'TAGGED', early(20), '议题意见征集'],
      ['OPINION_REPORT', 'r-biz', 'TAGGED', early(15), ''],
      ['INSPECTION', 'i-biz', 'DECLARED', early(12), ''],
    ]);
    expect(biz.page.byKind).toEqual([
      { kind: 'CONTACT', count: 1 },
      { kind: 'PROPOSAL', count: 0 },
      { kind: 'OPINION_REPORT', count: 1 },
      { kind: 'INSPECTION', count: 1 },
    ]);
    const months = biz.page.byMonth.reduce((n: number, m: { count: number }) => n + m.count, 0);
    expect([months, biz.page.byMonth.every((m: { month: string }) => m.month.startsWith(String(YEAR)))]).toEqual([3, true]);
    expect(biz.page.outcomes).toMatchObject({ contacts: 1, reports: 1, reportsAdopted: 0, inspections: 1, inspectionsHeld: 0, recommendations: 0 });
    expect((await page('kt-port')).page.work.map((w: { kind: string; id: string; source: string; outcome: { title: string } }) => [w.kind, w.id, w.source, w.outcome.title])).toEqual([['PROPOSAL', 'p-port', 'DECLARED', '关于加快陆港型国家物流枢纽建设的提案']]);
    expect((await page('kt-biz', { kind: 'CONTACT' })).page.work.map((w: { id: string }) => w.id)).toEqual(['c-biz']);
  });

  it('a page shows the outcomes as their wings record them: the report adopted, the inspection held and its recommendation followed up', async () => {
    await write('office', M.adopt, { reportId: 'r-biz', adoptedOn: early(10) });
    await mark('adopted');
    await write('office', M.hold, { inspectionId: 'i-biz', heldFrom: early(12), placesVisited: ['昆仑经济技术开发区'], unitIds: ['hu-dev'], attendeeIds: ['m-cpc1'] });
    await write('office', M.report, { inspectionId: 'i-biz', reportedOn: early(8), summary: '视察报告', recommendations: [{ text: '清理涉企收费', unitId: 'hu-dev' }] });
    await write('office', M.followUp, { inspectionId: 'i-biz', number: 1, status: 'IN_PROGRESS', text: '正在清理', respondedOn: early(5) });
    const biz = await page('kt-biz');
    expect(biz.page.outcomes).toMatchObject({ contacts: 1, reports: 1, reportsAdopted: 1, inspections: 1, inspectionsHeld: 1, recommendations: 1, recommendationsFollowedUp: 1 });
    expect(biz.page.work.map((w: { id: string; outcome: { stage: string } }) => [w.id, w.outcome.stage])).toEqual([
      ['c-biz', null],
      ['r-biz', 'ADOPTED'],
      ['i-biz', 'REPORTED'],
    ]);
    // As of the moment after tagging, before the adoption: what the page said then.
    expect((await page('kt-biz', { asOf: marks.tagged })).page.outcomes).toMatchObject({ reportsAdopted: 0, inspectionsHeld: 0, recommendationsFollowedUp: 0 });
    expect((await page('kt-biz', { asOf: marks.adopted })).page.outcomes).toMatchObject({ reportsAdopted: 1, inspectionsHeld: 0 });
  });

  it('untags a declared inspection with a reason and tags it back; revises a topic, keeping its history', async () => {
    await write('office', M.untag, { topicId: 'kt-biz', workKind: 'INSPECTION', workId: 'i-biz', reason: '视察主题与议题关联不大' });
    expect((await page('kt-biz')).page.work.map((w: { id: string }) => w.id)).toEqual(['c-biz', 'r-biz']);
    await mark('untagged');
    await write('office', M.tag, { topicId: 'kt-biz', workKind: 'INSPECTION', workId: 'i-biz', note: '主席会议决定保留' });
    expect((await page('kt-biz')).page.work.map((w: { id: string; source: string }) => [w.id, w.source])).toEqual([['c-biz', 'TAGGED'], ['r-biz', 'TAGGED'], ['i-biz', 'TAGGED']]);
    expect((await page('kt-biz', { asOf: marks.untagged })).page.work.length).toBe(2);

    await write('office', M.revise, { topicId: 'kt-biz', title: '优化营商环境，促进民营经济高质量发展', reason: '常委会审议修改' });
    const revised = await page('kt-biz');
    expect([revised.title, revised.revisions]).toEqual(['优化营商环境，促进民营经济高质量发展', [{ title: '优化营商环境，促进民营经济高质量发展', reason: '常委会审议修改' }]]);
    expect((await page('kt-biz', { asOf: marks.untagged })).title).toBe('营商环境与民营经济');
  });

  it('refuses with a code, writing nothing: work not on record, an untag without a reason, a clerk\'s writes; a clerk reads no page', async () => {
    expect(await refused('office', M.tag, { input: { topicId: 'kt-biz', workKind: 'PROPOSAL', workId: 'p-none' } })).toEqual(['NOT_FOUND', 'workId: PROPOSAL p-none is not on record']);
    expect((await refused('office', M.tag, { input: { topicId: 'kt-none', workKind: 'CONTACT', workId: 'c-biz' } }))[0]).toBe('NOT_FOUND');
    expect((await refused('office', M.untag, { input: { topicId: 'kt-biz', workKind: 'CONTACT', workId: 'c-biz', reason: ' ' } }))[0]).toBe('VALIDATION');
    expect((await refused('office', M.untag, { input: { topicId: 'kt-health', workKind: 'CONTACT', workId: 'c-biz', reason: '误标' } }))[0]).toBe('CONFLICT');
    expect((await refused('office', M.set, { input: { topicId: 'kt-x', year: YEAR, title: '议题', leadBodyId: 'sc-none' } }))[0]).toBe('NOT_FOUND');
    expect((await refused('clerk', M.set, { input: { topicId: 'kt-x', year: YEAR, title: '议题', leadBodyId: 'sc-eco' } }))[0]).toBe('FORBIDDEN');
    expect((await refused('clerk', M.tag, { input: { topicId: 'kt-biz', workKind: 'CONTACT', workId: 'c-biz' } }))[0]).toBe('FORBIDDEN');
    const res = await app.gql(PAGE, { id: 'kt-biz' }, as('clerk'));
    expect([res.errors?.[0]?.extensions?.code, res.data?.keyTopic?.page ?? null]).toEqual(['FORBIDDEN', null]);
    expect((await read(TOPICS, { year: YEAR }, 'clerk')).keyTopics.find((x: { id: string }) => x.id === 'kt-biz').workCount).toBe(3);
  });

  it('the trail\'s figures for one topic: the issues raised in the contacts on its list, and those its reports took up', async () => {
    await write('office', M.contact, { contactId: 'c-issues', participantIds: ['m-cpc1', 'm-np'], occurredAt: `${early(4)}T10:00`, channel: 'VISIT', topic: '企业座谈', liaisonGroupId: 'lg-hexi', issuesRaised: ['融资难融资贵', '审批环节多'] });
    await write('office', M.tag, { topicId: 'kt-biz', workKind: 'CONTACT', workId: 'c-issues' });
    const FIGURES = `query($topicId: ID) { trailFigures(from: "${YEAR}-01-01", to: "${YEAR + 1}-01-01", topicId: $topicId) { total { raised takenUp } } }`;
    const figures = async (topicId?: string) => (await read(FIGURES, { topicId })).trailFigures.total;
    expect(await figures('kt-biz')).toMatchObject({ raised: 2, takenUp: 0 });
    expect(await figures('kt-health')).toMatchObject({ raised: 0, takenUp: 0 });
    expect((await figures()).raised).toBeGreaterThanOrEqual(2);
    const res = await app.gql(FIGURES, { topicId: 'kt-none' }, as('leader'));
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('records a report to the Party committee and the study that took it up; a correction keeps its reason; asOf before the study shows none', async () => {
    await write('office', M.partyReport, { reportId: 'pr-h1', kind: 'WORK_REPORT', subject: '市政协党组上半年工作情况', recipient: '中共格尔木市委', reportedOn: early(9), reporterIds: ['m-pg'] });
    await mark('reported');
    await write('office', M.partyStudy, { studyId: 'ps-1', studiedOn: early(6), meeting: '市委常委会会议', matters: ['听取市政协党组工作汇报', '研究年度重点协商议题'], reportIds: ['pr-h1'] });
    await write('office', M.correctPartyReport, { reportId: 'pr-h1', kind: 'WORK_REPORT', subject: '市政协党组上半年工作情况', recipient: '中共格尔木市委常委会', reportedOn: early(9), reporterIds: ['m-pg'], reason: '汇报对象记错' });
    const year = (await read(PARTY, { year: YEAR })).partyCommitteeYear;
    expect(year.reports).toEqual([{ id: 'pr-h1', kind: 'WORK_REPORT', subject: '市政协党组上半年工作情况', recipient: '中共格尔木市委常委会', reportedOn: early(9), reporterIds: ['m-pg'], reporterNames: ['委员m-pg'], corrections: [{ reason: '汇报对象记错' }] }]);
    expect(year.studies).toEqual([{ id: 'ps-1', studiedOn: early(6), meeting: '市委常委会会议', matters: ['听取市政协党组工作汇报', '研究年度重点协商议题'], reportIds: ['pr-h1'] }]);
    const before = (await read(PARTY, { year: YEAR, asOf: marks.reported })).partyCommitteeYear;
    expect([before.reports[0].recipient, before.studies]).toEqual(['中共格尔木市委', []]);
    expect((await refused('office', M.partyStudy, { input: { studyId: 'ps-2', studiedOn: day(1), meeting: '市委全会', matters: ['研究政协工作'] } }))[0]).toBe('VALIDATION');
    expect((await refused('clerk', M.partyReport, { input: { reportId: 'pr-2', kind: 'WORK_REPORT', subject: 's', recipient: 'r', reportedOn: early(3), reporterIds: ['m-pg'] } }))[0]).toBe('FORBIDDEN');
    const res = await app.gql(PARTY, { year: YEAR }, as('clerk'));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
