/**
 * The public-opinion reports views (社情民意) in a real browser (Debian's chromium through
 * playwright-core), against the real API on a SQLite file. Reports go through the page as each
 * user would take them: a member hands one in from "my reports"; the committee office types in a
 * paper report for another member, edits the member's report (a second version; the first stays
 * readable), adopts it, declines a third with a reason from its list, combines two into a 综合
 * report, is refused when a member who is not a leader signs it off, issues it signed by the
 * vice-chair and forwards it to the city government and the province committee, and records a
 * provincial leader's instruction; the city government's unit records its adoption and feedback;
 * the member sees the ladder and its credit for the year; a leader's dashboard shows adoption by
 * level and by sector, now and as of a moment before the adoption and the instruction.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { committeeDate } from '#domain';
import { fitsWidth, launchBrowser, screenshot } from './support/browser.js';
import { startApp, type TestApp } from './support/app.js';
import { REGISTER_MEMBER, REGISTER_ORG, buildSmallNetwork, member, must } from './support/smallNetwork.js';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position } }`;
const today = committeeDate(Date.now());
const YEAR = Number(today.slice(0, 4));
const MINE = '关于解决牧区冬季饮水困难的建议';
const PAPER = '关于改善乡村学校供暖的建议';
const THIRD = '关于增设公园座椅的建议';
const COMBINED = '关于改善河西牧区民生的综合报告';
const NUMBER = `《社情民意》${YEAR}年第1期`;
const REPORT = `query($id: ID!) { opinionReport(id: $id) { id title stage authorIds partIds combinedInto adoptedOn notAdopted { reasonCode }
  issued { number signedBy } forwards { recipientId } adoptions { recipientId level } instructions { leaderName level text } feedback { recipientId text }
  versions { version editedBy note } text { version situation } } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the public-opinion reports views in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  const t: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const marks: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  const write = async (who: string, name: string, input: string, values: Record<string, unknown>) => {
    const res = await app.gql(WRITE(name, input), { input: values }, { token: t[who]! });
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
  };
  const read = async (query: string, variables: Record<string, unknown> = {}, who = 'leader') => {
    const res = await app.gql(query, variables, { token: t[who]! });
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const report = async (id: string) => (await read(REPORT, { id })).opinionReport;

  async function open(token: string, viewport = LAPTOP, hash = '#/?'): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/${hash}${hash.endsWith('?') ? '' : '&'}token=${encodeURIComponent(token)}`);
    return page;
  }
  const text = (page: Page, selector: string) => page.textContent(selector).then((s) => (s ?? '').replace(/\s+/g, ' ').trim());
  const row = (title: string) => `tr[data-testid^=opinion-]:has-text("${title}")`;
  const idOf = async (page: Page, title: string) => (await page.getAttribute(row(title), 'data-testid'))!.replace(/^opinion-/, '');

  beforeAll(async () => {
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, REGISTER_ORG, { input: { organizationId: 'hu-gov', kind: 'HANDLING_UNIT', name: '格尔木市人民政府办公室' } });
    await must(app, REGISTER_ORG, { input: { organizationId: 'sec-edu', kind: 'SECTOR', name: '教育界' } });
    await must(app, REGISTER_MEMBER, { input: member('m-edu', 'NON_PARTY', { sectorId: 'sec-edu' }) });
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => {
      const res = await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN });
      if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
      return res.data.issueToken.token as string;
    };
    t.office = await issue('政协办公室', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.member = await issue('委员 m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.other = await issue('委员 m-np', [{ kind: 'MEMBER', id: 'm-np' }]);
    t.unit = await issue('市政府办公室联络员', [{ kind: 'HANDLING_UNIT', id: 'hu-gov' }]);
    t.leader = app.tokens.LEADER;
    await write('office', 'defineOpinionRecipient', 'DefineOpinionRecipientInput', { recipientId: 'city-gov', name: '格尔木市人民政府', level: 'CITY', kind: 'GOVERNMENT', organizationId: 'hu-gov' });
    await write('office', 'defineOpinionRecipient', 'DefineOpinionRecipientInput', { recipientId: 'prov-cppcc', name: '青海省政协', level: 'PROVINCE', kind: 'CPPCC' });
    await write('office', 'defineOpinionNotAdoptedReason', 'DefineOpinionNotAdoptedReasonInput', { code: 'MINOR', label: '反映问题较小，建议直接向有关部门反映' });
    await write('office', 'setOpinionCreditRules', 'SetOpinionCreditRulesInput', {
      fromYear: YEAR,
      points: { committeeAdoption: 1, adoption: { city: 2, prefecture: 3, province: 4, national: 6 }, instruction: { city: 3, prefecture: 4, province: 5, national: 10 } },
      reason: '本年度社情民意积分办法',
    });
    await write('other', 'submitOpinionReport', 'SubmitOpinionReportInput', { reportId: 'r-bench', authorIds: ['m-np'], title: THIRD, situation: '公园座椅不足。', suggestions: '增设座椅。' });
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a member hands in a report from "my reports" and sees it waiting, with its first step on the ladder', async () => {
    const page = await open(t.member!, PHONE);
    const form = '[data-testid=member-submit-form]';
    await page.waitForSelector(form);
    await page.fill(`${form} input[name=title]`, MINE);
    await page.fill(`${form} textarea[name=situation]`, '河西街道牧户反映，冬季水源结冰，取水困难。');
    await page.fill(`${form} textarea[name=suggestions]`, '建议建设集中供水点。');
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector(`${form} [data-testid=done]`);
    expect(await page.inputValue(`${form} input[name=title]`)).toBe('');
    const item = `[data-testid^=my-report-]:has-text("${MINE}")`;
    await page.waitForSelector(item);
    expect(await text(page, `${item} [data-testid=stage]`)).toBe('待处理');
    expect(await text(page, `${item} [data-testid=ladder]`)).toBe(`报送 ${today}`);
    await screenshot(page, 'opinions-member-390');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    const { opinionReports } = await read(`{ opinionReports(first: 10) { edges { node { id title authorIds stage submittedOn text { suggestions } } } } }`, {}, 'member');
    const mine = opinionReports.edges.map((e: any) => e.node).find((n: any) => n.title === MINE);
    expect(mine).toMatchObject({ authorIds: ['m-cpc1'], stage: 'SUBMITTED', submittedOn: today, text: { suggestions: '建议建设集中供水点。' } });
    ids.mine = mine.id;
  }, 60_000);

  it('the office types in a paper report for another member, edits the member\'s report into a second version (the first stays readable) and adopts it', async () => {
    const page = await open(t.office!);
    const intake = '[data-testid=intake-form]';
    await page.waitForSelector(`${intake} input[value=m-edu]`);
    await page.check(`${intake} input[value=m-edu]`);
    await page.fill(`${intake} input[name=title]`, PAPER);
    await page.fill(`${intake} textarea[name=situation]`, '乡村学校冬季供暖不足。');
    await page.fill(`${intake} textarea[name=suggestions]`, '统筹安排供暖经费。');
    await page.click(`${intake} button[type=submit]`);
    await page.waitForSelector(row(PAPER));
    ids.paper = await idOf(page, PAPER);
    expect(await text(page, `${row(PAPER)} [data-testid=stage]`)).toBe('待处理');
    expect(await text(page, row(PAPER))).toContain('委员m-edu');

    await page.click(`[data-testid=open-${ids.mine}]`);
    const desk = '[data-testid=report-desk]';
    await page.waitForSelector(`${desk} [data-testid=edit-form] textarea[name=situation]`);
    expect(await page.inputValue(`${desk} [data-testid=edit-form] textarea[name=situation]`)).toBe('河西街道牧户反映，冬季水源结冰，取水困难。');
    await page.fill(`${desk} [data-testid=edit-form] textarea[name=situation]`, '河西街道12户牧民反映，冬季水源结冰，取水需往返10公里。');
    await page.fill(`${desk} [data-testid=edit-form] input[name=note]`, '核稿：补充数据');
    await page.click(`${desk} [data-testid=edit-form] button[type=submit]`);
    await page.waitForSelector(`${desk} [data-testid=version-2]`);
    expect(await text(page, `${desk} [data-testid=version-2]`)).toBe('第 2 版 · 政协办公室：核稿：补充数据 查看');
    await page.click(`${desk} [data-testid=version-1] button`);
    await page.waitForSelector(`${desk} [data-testid=version-text][data-version="1"]`);
    expect(await text(page, `${desk} [data-testid=version-text]`)).toContain('情况：河西街道牧户反映，冬季水源结冰，取水困难。');

    await page.click(`${desk} [data-testid=adopt-form] button[type=submit]`);
    await page.waitForSelector(`${row(MINE)}[data-stage=ADOPTED]`);
    expect(await text(page, `${row(MINE)} [data-testid=stage]`)).toBe('已采用');
    expect(await text(page, `${row(MINE)} [data-testid=ladder]`)).toBe(`报送 ${today}采用 ${today}`);
    // Adopted: no adopt or decline form any more; the issue form is offered.
    expect(await page.$(`${desk} [data-testid=adopt-form]`)).toBeNull();
    await page.waitForSelector(`${desk} [data-testid=issue-form]`);
    await screenshot(page, 'opinions-desk-1366');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });

    const r = await report(ids.mine!);
    expect([r.stage, r.adoptedOn, r.versions.map((v: any) => [v.version, v.editedBy, v.note]), r.text.version, r.text.situation]).toEqual([
      'ADOPTED',
      today,
      [[1, null, ''], [2, '政协办公室', '核稿：补充数据']],
      2,
      '河西街道12户牧民反映，冬季水源结冰，取水需往返10公里。',
    ]);
    expect(await report(ids.paper!)).toMatchObject({ authorIds: ['m-edu'], stage: 'SUBMITTED' });
  }, 60_000);

  it('the office declines a report with a reason from its list, and combines two into a 综合 report whose parts point to it', async () => {
    const page = await open(t.office!);
    await page.waitForSelector('[data-testid=open-r-bench]');
    await page.click('[data-testid=open-r-bench]');
    const decline = '[data-testid=report-desk] [data-testid=decline-form]';
    await page.waitForSelector(decline);
    expect(await page.$$eval(`${decline} select[name=reasonCode] option`, (nodes) => nodes.map((n) => n.textContent ?? ''))).toEqual(['反映问题较小，建议直接向有关部门反映']);
    await page.fill(`${decline} input[name=note]`, '已转城管部门');
    await page.click(`${decline} button[type=submit]`);
    await page.waitForSelector('[data-testid=opinion-r-bench][data-stage=NOT_ADOPTED]');
    expect(await text(page, '[data-testid=opinion-r-bench] [data-testid=ladder]')).toContain('未采用：反映问题较小，建议直接向有关部门反映');
    // A declined report cannot be combined: it has no box to tick.
    expect(await page.$('[data-testid=opinion-r-bench] input[name=combine]')).toBeNull();

    await page.check(`${row(MINE)} input[name=combine]`);
    await page.check(`${row(PAPER)} input[name=combine]`);
    expect(await text(page, '[data-testid=chosen]')).toBe('已选 2 篇');
    const form = '[data-testid=combine-form]';
    await page.fill(`${form} input[name=title]`, COMBINED);
    await page.fill(`${form} textarea[name=situation]`, '综合两篇信息。');
    await page.fill(`${form} textarea[name=suggestions]`, '统筹供水与学校供暖。');
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector(row(COMBINED));
    ids.combined = await idOf(page, COMBINED);
    expect(await text(page, `${row(COMBINED)} [data-testid=stage]`)).toBe('已采用');
    expect(await text(page, `${row(PAPER)} [data-testid=stage]`)).toBe(`已综合入 ${ids.combined}`);
    expect(await text(page, '[data-testid=chosen]')).toBe('已选 0 篇');

    const k = await report(ids.combined!);
    expect([k.stage, k.partIds, k.authorIds]).toEqual(['ADOPTED', [ids.mine, ids.paper], ['m-cpc1', 'm-edu']]);
    expect((await report(ids.paper!)).combinedInto).toBe(ids.combined);
    expect((await report('r-bench')).notAdopted).toEqual({ reasonCode: 'MINOR' });
  }, 60_000);

  it('issuing: a member who is no leader is refused with the coded message and nothing is written; the vice-chair signs, the report is numbered and forwarded to both recipients; a provincial leader\'s instruction is recorded', async () => {
    const page = await open(t.office!);
    await page.waitForSelector(`[data-testid=open-${ids.combined}]`);
    await page.click(`[data-testid=open-${ids.combined}]`);
    const issue = '[data-testid=report-desk] [data-testid=issue-form]';
    await page.waitForSelector(issue);
    await page.selectOption(`${issue} select[name=signedBy]`, 'm-cpc1');
    await page.click(`${issue} button[type=submit]`);
    await page.waitForSelector(`${issue} [role=alert]`);
    expect(await page.getAttribute(`${issue} [role=alert]`, 'data-code')).toBe('VALIDATION');
    expect(await text(page, `${issue} [role=alert] p`)).toMatch(/^填写的内容不符合要求：member m-cpc1 is not a committee leader/);
    expect((await report(ids.combined!)).issued).toBeNull();

    await page.selectOption(`${issue} select[name=signedBy]`, 'm-pg');
    await page.click(`${issue} button[type=submit]`);
    await page.waitForSelector(`${row(COMBINED)} strong:has-text("${NUMBER}")`);
    const forward = '[data-testid=report-desk] [data-testid=forward-form]';
    await page.waitForSelector(forward);
    await page.check(`${forward} input[value=city-gov]`);
    await page.check(`${forward} input[value=prov-cppcc]`);
    await page.click(`${forward} button[type=submit]`);
    await page.waitForSelector('[data-testid=report-desk] [data-testid=instruction-form]');
    expect(await text(page, `${row(COMBINED)} [data-testid=ladder]`)).toBe(`报送 ${today}采用 ${today}${NUMBER}报送 格尔木市人民政府报送 青海省政协`);
    // Forwarded everywhere: no forward form left.
    expect(await page.$(forward)).toBeNull();
    await sleep(30);
    marks.beforeAnswers = new Date().toISOString();
    await sleep(30);

    const instruction = '[data-testid=report-desk] [data-testid=instruction-form]';
    await page.fill(`${instruction} input[name=leaderName]`, '李某');
    await page.fill(`${instruction} input[name=leaderTitle]`, '青海省政协副主席');
    await page.selectOption(`${instruction} select[name=level]`, 'PROVINCE');
    await page.fill(`${instruction} textarea[name=text]`, '请省水利厅会同海西州研究解决。');
    await page.click(`${instruction} button[type=submit]`);
    await page.waitForSelector(`${row(COMBINED)} [data-testid=ladder] li:has-text("省级批示：青海省政协副主席李某")`);

    const k = await report(ids.combined!);
    expect([k.issued, k.forwards, k.instructions]).toEqual([
      { number: NUMBER, signedBy: 'm-pg' },
      [{ recipientId: 'city-gov' }, { recipientId: 'prov-cppcc' }],
      [{ leaderName: '李某', level: 'PROVINCE', text: '请省水利厅会同海西州研究解决。' }],
    ]);
  }, 60_000);

  it('the city government\'s unit sees the report forwarded to it and records its adoption and feedback', async () => {
    const page = await open(t.unit!, PHONE);
    const item = `[data-testid=unit-report-${ids.combined}]`;
    await page.waitForSelector(`${item} [data-testid=adoption-form]`);
    expect(await text(page, item)).toContain(`${NUMBER} ${COMBINED}`);
    // It answers for the city government only.
    expect(await page.$$eval(`${item} [data-testid=adoption-form] select[name=recipientId] option`, (nodes) => nodes.map((n) => n.getAttribute('value')))).toEqual(['city-gov']);
    await page.fill(`${item} [data-testid=adoption-form] input[name=note]`, '列入年度民生实事');
    await page.click(`${item} [data-testid=adoption-form] button[type=submit]`);
    await page.waitForSelector(`${item} [data-testid=unit-adopted]`);
    expect(await text(page, `${item} [data-testid=unit-adopted]`)).toBe(`格尔木市人民政府已于 ${today} 采用`);
    expect(await page.$(`${item} [data-testid=adoption-form]`)).toBeNull();
    await page.fill(`${item} [data-testid=feedback-form] textarea[name=text]`, '集中供水点已开工建设。');
    await page.click(`${item} [data-testid=feedback-form] button[type=submit]`);
    await page.waitForSelector(`${item} [data-testid=ladder] li:has-text("格尔木市人民政府反馈")`);
    await screenshot(page, 'opinions-unit-390');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    const k = await report(ids.combined!);
    expect([k.adoptions, k.feedback]).toEqual([[{ recipientId: 'city-gov', level: 'CITY' }], [{ recipientId: 'city-gov', text: '集中供水点已开工建设。' }]]);
  }, 60_000);

  it('the member sees the combined report\'s ladder and its credit for the year, item by item, as the API counts it', async () => {
    const page = await open(t.member!);
    await page.waitForSelector(`[data-testid=my-report-${ids.combined}] [data-testid=ladder]`);
    expect(await text(page, `[data-testid=my-report-${ids.combined}] [data-testid=ladder]`)).toContain('格尔木市人民政府采用');
    expect(await text(page, `[data-testid=my-report-${ids.mine}] [data-testid=stage]`)).toBe(`已综合入 ${ids.combined}`);
    await page.waitForSelector('[data-testid=credit-points]');
    // The committee's adoption (1), the city's adoption (2), a provincial instruction (5).
    expect(await text(page, '[data-testid=credit-points]')).toBe(`${YEAR}年积分：8 分`);
    const shown = await page.$$eval('[data-testid=credit-items] tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((c: any) => c.textContent)));
    const { opinionCredit } = await read(`query($y: Int!) { opinionCredit(year: $y, memberId: "m-cpc1") { authors { points items { item reportId points } } } }`, { y: YEAR }, 'member');
    expect(opinionCredit.authors[0].points).toBe(8);
    const LABEL: Record<string, string> = { COMMITTEE_ADOPTION: '政协采用', RECIPIENT_ADOPTION: '上级采用（市级）', INSTRUCTION: '领导批示（省级）' };
    // The page lists the API's items, in its order, each with its report and points.
    expect(shown).toEqual(opinionCredit.authors[0].items.map((i: any) => [today, LABEL[i.item], i.reportId, String(i.points)]));
    expect(opinionCredit.authors[0].items.map((i: any) => [i.item, i.reportId, i.points]).sort()).toEqual([
      ['COMMITTEE_ADOPTION', ids.mine, 1],
      ['INSTRUCTION', ids.combined, 5],
      ['RECIPIENT_ADOPTION', ids.combined, 2],
    ]);
    await page.click('[data-testid=lang]');
    expect(await text(page, '[data-testid=credit-points]')).toBe(`${YEAR}: 8 points`);
  }, 60_000);

  it('a leader\'s card shows adoption by level and by sector; as of a moment before the answers, the level counts are back to none', async () => {
    const page = await open(t.leader!, LAPTOP, `#/?year=${YEAR}&`);
    const card = '[data-testid=opinions-card]';
    await page.waitForSelector(`${card} [data-testid=opinions-by-level] tbody tr`);
    const cells = (selector: string) => page.$$eval(selector, (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((c: any) => c.textContent)));
    expect(await cells(`${card} [data-testid=opinions-by-level] tbody tr`)).toEqual([
      ['市级', '1', '0'],
      ['州级', '0', '0'],
      ['省级', '0', '1'],
      ['全国', '0', '0'],
    ]);
    // m-cpc1's and m-np's reports count for 经济界 (one adopted of two), m-edu's for 教育界 (adopted by being combined).
    expect(await cells(`${card} [data-testid=opinions-by-sector] tbody tr`)).toEqual([
      ['经济界', '2', '1', '50%'],
      ['教育界', '1', '1', '100%'],
      ['全委员会', '3', '2', '67%'],
    ]);
    expect(await text(page, `${card} [data-testid=opinions-committee]`)).toBe('政协采用 2 / 报送 3');
    const { opinionCounts, opinionLadder } = await read(`query($y: Int!) { opinionCounts(year: $y, by: SECTOR) { rows { id submitted adopted } } opinionLadder(year: $y) { recipientAdoptions { level count } instructions { level count } } }`, { y: YEAR });
    expect(opinionCounts.rows).toEqual([{ id: 'sec-econ', submitted: 2, adopted: 1 }, { id: 'sec-edu', submitted: 1, adopted: 1 }]);
    expect(opinionLadder.recipientAdoptions.find((l: any) => l.level === 'CITY').count).toBe(1);
    await screenshot(page, 'opinions-leader-1366');

    const then = await open(t.leader!, LAPTOP, `#/?year=${YEAR}&asOf=${encodeURIComponent(marks.beforeAnswers!)}&`);
    await then.waitForSelector(`${card} [data-testid=opinions-as-of]`);
    await then.waitForSelector(`${card} [data-testid=opinions-by-level] tbody tr`);
    expect(await then.$$eval(`${card} [data-testid=opinions-by-level] tbody tr`, (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((c: any) => c.textContent)))).toEqual([
      ['市级', '0', '0'],
      ['州级', '0', '0'],
      ['省级', '0', '0'],
      ['全国', '0', '0'],
    ]);
    await then.click('[data-testid=lang]');
    expect(await text(then, `${card} h2`)).toBe('Public-opinion reports: adoption');
    expect(await text(then, `${card} [data-testid=opinions-by-level] tbody tr[data-level=PROVINCE] td`)).toBe('province');
  }, 60_000);
});
