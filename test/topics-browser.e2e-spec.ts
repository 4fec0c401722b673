/**
 * The key topics, the Party committee's records and the compliance board in a real browser
 * (Debian's chromium through playwright-core), against the real API on a SQLite file, on the small
 * network. The committee office sets a topic, is refused a tag of work not on record, tags a
 * liaison group's contact (and takes another off again, with a reason), revises the topic and
 * withdraws a second one; a leader opens the topic's page and sees the contact with its count by
 * kind and month, and filters by kind; the group's clerk sees the list but is told the page is not
 * theirs. The office records a report to the Party committee, corrects it and records the study
 * that took it up; a leader reads them. On the leaders' dashboard the compliance card shows one row
 * per rule with its colour and evidence; an auditor seals the board, a later write moves the board,
 * and verifying the seal says it matches.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { committeeDate } from '#domain';
import { fitsWidth, launchBrowser, screenshot } from './support/browser.js';
import { startApp, type TestApp } from './support/app.js';
import { buildSmallNetwork } from './support/smallNetwork.js';

/** Runs in the browser (page.$eval), where it exists; the test program has no DOM types. */
declare const getComputedStyle: any;

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position } }`;
const PAGE = `query($id: ID!) { keyTopic(id: $id) { id title stage workCount revisions { title reason } withdrawn { reason }
  page { work { kind id source note } byKind { kind count } byMonth { month kind count } } } }`;
const today = committeeDate(Date.now());
const YEAR = Number(today.slice(0, 4));
const TOPIC = '营商环境与民营经济';
const REVISED = '优化营商环境，促进民营经济高质量发展';
const TW = '[data-testid=topics]';
const PW = '[data-testid=party-committee]';

describe('key topics, the Party committee and the compliance board in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  const t: Record<string, string> = {};
  let topicId = '';
  let reportId = '';
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

  async function open(token: string, viewport = LAPTOP, hash = '#/?'): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/${hash}${hash.endsWith('?') ? '' : '&'}token=${encodeURIComponent(token)}`);
    return page;
  }
  const text = (page: Page, selector: string) => page.textContent(selector).then((s) => (s ?? '').replace(/\s+/g, ' ').trim());
  const cells = (page: Page, selector: string) => page.$$eval(selector, (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((c: any) => (c.textContent as string).replace(/\s+/g, ' ').trim())));
  const desk = `${TW} [data-testid=topic-desk]`;

  beforeAll(async () => {
    app = await startApp();
    await buildSmallNetwork(app);
    const res = await app.gql(ISSUE, { input: { role: 'RECORDER', subject: '政协办公室', grants: [{ kind: 'COMMITTEE_OFFICE' }] } }, { token: app.tokens.ADMIN });
    if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
    t.office = res.data.issueToken.token;
    t.clerk = app.tokens.RECORDER!;
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    // Two contacts the liaison group logged today: one to tag, one tagged by mistake and taken off.
    for (const [id, topic] of [['c-biz', '民营企业座谈'], ['c-other', '走访群众']])
      await write('clerk', 'logContact', 'LogContactInput', { contactId: id, participantIds: ['m-cpc1', 'm-np'], occurredAt: `${today}T00:10`, channel: 'VISIT', topic, linkIds: ['l-pm-1'], liaisonGroupId: 'lg-hexi' });
    // The committee's threshold for one rule, so the board has an amber row: 3 of 4 members targeted.
    await write('office', 'setComplianceThreshold', 'SetComplianceThresholdInput', { rule: 'MEMBERS_TARGETED', green: 0.95, amber: 0.7, reason: '常委会确定' });
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the office sets a topic, is refused work not on record, tags a contact, takes another off with a reason, revises it and withdraws a second one', async () => {
    const page = await open(t.office!);
    const form = `${TW} [data-testid=set-topic-form]`;
    await page.waitForSelector(`${form} option[value=sc-proposals]`, { state: 'attached' });
    expect(await page.inputValue(`${TW} [data-testid=topics-year]`)).toBe(String(YEAR));
    expect(await text(page, `${TW} [data-testid=topic-list] .note`)).toBe(`${YEAR}年尚未确定重点协商议题。`);
    await page.fill(`${form} input[name=title]`, TOPIC);
    await page.selectOption(`${form} select[name=leadBodyId]`, 'sc-proposals');
    await page.click(`${form} button[type=submit]`);
    const row = `${TW} tr[data-testid^=topic-]:has-text("${TOPIC}")`;
    await page.waitForSelector(row);
    topicId = (await page.getAttribute(row, 'data-testid'))!.replace(/^topic-/, '');
    expect(await cells(page, row)).toEqual([[TOPIC, '提案委员会', `${YEAR}-01-01 – ${YEAR}-12-31`, '已确定', '0', '查看']]);
    expect(await page.inputValue(`${form} input[name=title]`)).toBe('');

    await page.click(`${TW} [data-testid=open-${topicId}]`);
    await page.waitForSelector(`${desk} [data-testid=topic-page]`);
    expect(await text(page, `${desk} [data-testid=topic-page] .note`)).toBe('暂无工作。');
    const tag = `${desk} [data-testid=tag-form]`;
    // A proposal that is not on record: refused with the API's code, nothing tagged.
    await page.selectOption(`${tag} select[name=workKind]`, 'PROPOSAL');
    await page.fill(`${tag} input[name=workId]`, 'p-none');
    await page.click(`${tag} button[type=submit]`);
    await page.waitForSelector(`${tag} [role=alert]`);
    expect(await page.getAttribute(`${tag} [role=alert]`, 'data-code')).toBe('NOT_FOUND');

    await page.selectOption(`${tag} select[name=workKind]`, 'CONTACT');
    await page.fill(`${tag} input[name=workId]`, 'c-biz');
    await page.fill(`${tag} input[name=note]`, '议题意见征集');
    await page.click(`${tag} button[type=submit]`);
    await page.waitForSelector(`${desk} [data-testid=work-CONTACT-c-biz]`);
    expect(await cells(page, `${desk} [data-testid=work-CONTACT-c-biz]`)).toEqual([[today, '联系活动', 'c-biz', '办公室标记', '议题意见征集', '—', '移出']]);
    await page.selectOption(`${tag} select[name=workKind]`, 'CONTACT');
    await page.fill(`${tag} input[name=workId]`, 'c-other');
    await page.click(`${tag} button[type=submit]`);
    await page.waitForSelector(`${desk} [data-testid=work-CONTACT-c-other]`);
    expect(await text(page, `${TW} [data-testid=topic-${topicId}] [data-testid=work-count]`)).toBe('2');

    // c-other was tagged by mistake: taken off with the reason.
    await page.click(`${desk} [data-testid=work-CONTACT-c-other] [data-testid=untag]`);
    await page.fill(`${desk} [data-testid=work-CONTACT-c-other] [data-testid=untag-form] input[name=reason]`, '与议题无关');
    await page.click(`${desk} [data-testid=work-CONTACT-c-other] [data-testid=untag-form] button[type=submit]`);
    await page.waitForSelector(`${desk} [data-testid=work-CONTACT-c-other]`, { state: 'detached' });
    expect(await text(page, `${TW} [data-testid=topic-${topicId}] [data-testid=work-count]`)).toBe('1');
    expect(await cells(page, `${desk} [data-testid=topic-by-kind] tbody tr`)).toEqual([['联系活动', '1'], ['提案', '0'], ['社情民意', '0'], ['视察考察', '0'], ['合计', '1']]);

    const revise = `${desk} [data-testid=revise-form]`;
    expect(await page.inputValue(`${revise} input[name=title]`)).toBe(TOPIC);
    await page.fill(`${revise} input[name=title]`, REVISED);
    await page.fill(`${revise} input[name=reason]`, '常委会审议修改');
    await page.click(`${revise} button[type=submit]`);
    await page.waitForSelector(`${TW} [data-testid=topic-${topicId}]:has-text("${REVISED}")`);
    await page.waitForSelector(`${desk} [data-testid=topic-revisions] li`);
    expect(await text(page, `${desk} [data-testid=topic-revisions] li`)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 修订为“${REVISED}”（提案委员会，${YEAR}-01-01 至 ${YEAR}-12-31）：常委会审议修改$`));
    await screenshot(page, 'topics-office-1366');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });

    const k = (await read(PAGE, { id: topicId })).keyTopic;
    expect([k.title, k.stage, k.workCount, k.revisions, k.page.work]).toEqual([REVISED, 'SET', 1, [{ title: REVISED, reason: '常委会审议修改' }], [{ kind: 'CONTACT', id: 'c-biz', source: 'TAGGED', note: '议题意见征集' }]]);

    // A second topic, set for the chairs' meeting and withdrawn.
    await page.fill(`${form} input[name=title]`, '文化旅游融合');
    await page.selectOption(`${form} select[name=leadBodyId]`, 'CHAIRS');
    await page.click(`${form} button[type=submit]`);
    const second = `${TW} tr[data-testid^=topic-]:has-text("文化旅游融合")`;
    await page.waitForSelector(second);
    const secondId = (await page.getAttribute(second, 'data-testid'))!.replace(/^topic-/, '');
    await page.click(`${TW} [data-testid=open-${secondId}]`);
    await page.waitForSelector(`${desk} [data-testid=withdraw-form]`);
    await page.fill(`${desk} [data-testid=withdraw-form] input[name=reason]`, '并入其他议题');
    await page.click(`${desk} [data-testid=withdraw-form] button[type=submit]`);
    await page.waitForSelector(`${TW} tr[data-testid=topic-${secondId}][data-stage=WITHDRAWN]`);
    expect(await cells(page, `${TW} tr[data-testid=topic-${secondId}]`)).toEqual([['文化旅游融合', '主席会议', `${YEAR}-01-01 – ${YEAR}-12-31`, '已撤销', '0', '收起']]);
    expect(await text(page, `${desk} [data-testid=topic-withdrawn]`)).toMatch(/ 撤销：并入其他议题$/);
    // A withdrawn topic takes no tags: the form is gone.
    expect(await page.$(`${desk} [data-testid=tag-form]`)).toBeNull();
    expect((await read(PAGE, { id: secondId })).keyTopic.withdrawn).toEqual({ reason: '并入其他议题' });
  }, 90_000);

  it('a leader opens the topic\'s page: the contact with its outcome, counted by kind and by month, filtered by kind; no forms', async () => {
    const page = await open(t.leader!, LAPTOP, `#/?year=${YEAR}&`);
    const row = `${TW} [data-testid=topic-${topicId}]`;
    await page.waitForSelector(row);
    expect(await text(page, `${row} [data-testid=work-count]`)).toBe('1');
    await page.click(`${TW} [data-testid=open-${topicId}]`);
    await page.waitForSelector(`${desk} [data-testid=work-CONTACT-c-biz]`);
    expect(await text(page, `${desk} [data-testid=topic-details]`)).toMatch(new RegExp(`^${REVISED} · 提案委员会 · ${YEAR}-01-01 – ${YEAR}-12-31 · 已确定 · 确定于 `));
    expect(await cells(page, `${desk} [data-testid=topic-work] tbody tr`)).toEqual([[today, '联系活动', 'c-biz', '办公室标记', '议题意见征集', '—']]);
    expect(await cells(page, `${desk} [data-testid=topic-by-kind] tbody tr`)).toEqual([['联系活动', '1'], ['提案', '0'], ['社情民意', '0'], ['视察考察', '0'], ['合计', '1']]);
    expect(await text(page, `${desk} [data-testid=topic-outcomes]`)).toBe('成效：提案 0 件（立案 0，已答复 0，A类 0）；社情民意 0 篇（采用 0，批示 0）；视察考察 0 次（已开展 0），建议 0 条（已办理 0）；联系活动 1 次。');
    // The month chart: one bar, this month, its count written on it.
    await page.waitForSelector(`${desk} [data-testid=topic-by-month] svg text`);
    const chartTexts = await page.$$eval(`${desk} [data-testid=topic-by-month] svg text`, (nodes) => nodes.map((n: any) => n.textContent));
    expect(chartTexts).toContain(`${Number(today.slice(5, 7))}月`);
    expect(chartTexts).toContain('1');
    const { keyTopic } = await read(PAGE, { id: topicId });
    expect(keyTopic.page.byMonth).toEqual([{ month: today.slice(0, 7), kind: 'CONTACT', count: 1 }]);

    // Only proposals: none, while the counts stay the topic's.
    await page.selectOption(`${desk} [data-testid=topic-kind-filter]`, 'PROPOSAL');
    await page.waitForSelector(`${desk} [data-testid=topic-work]`, { state: 'detached' });
    expect(await text(page, `${desk} [data-testid=topic-page] > .note`)).toBe('暂无工作。');
    expect(await cells(page, `${desk} [data-testid=topic-by-kind] tbody tr[data-kind=total]`)).toEqual([['合计', '1']]);
    await page.selectOption(`${desk} [data-testid=topic-kind-filter]`, 'CONTACT');
    await page.waitForSelector(`${desk} [data-testid=work-CONTACT-c-biz]`);
    for (const f of ['set-topic-form', 'tag-form', 'revise-form', 'withdraw-form', 'untag']) expect(await page.$(`${TW} [data-testid=${f}]`)).toBeNull();
    await screenshot(page, 'topics-leader-1366');
  }, 60_000);

  it('the liaison group\'s clerk sees the list of topics but is told the page is not theirs', async () => {
    const page = await open(t.clerk!, PHONE);
    const row = `${TW} [data-testid=topic-${topicId}]`;
    await page.waitForSelector(row);
    expect((await cells(page, row))[0]!.slice(0, 5)).toEqual([REVISED, '提案委员会', `${YEAR}-01-01 – ${YEAR}-12-31`, '已确定', '1']);
    await page.click(`${TW} [data-testid=open-${topicId}]`);
    await page.waitForSelector(`${desk} [data-testid=page-forbidden]`);
    expect(await text(page, `${desk} [data-testid=page-forbidden]`)).toBe('议题工作台账只向领导、审计人员和委员会办公室开放；联络组可查看议题清单。');
    expect(await page.$(`${desk} [data-testid=topic-page]`)).toBeNull();
    // The details and history are the public agenda: shown, the lead body by its name.
    expect(await text(page, `${desk} [data-testid=topic-revisions] li`)).toContain(`修订为“${REVISED}”（提案委员会，${YEAR}-01-01 至 ${YEAR}-12-31）：常委会审议修改`);
    expect(await page.$(`${desk} [data-testid=work-CONTACT-c-biz]`)).toBeNull();
    for (const f of ['set-topic-form', 'tag-form', 'revise-form']) expect(await page.$(`${TW} [data-testid=${f}]`)).toBeNull();
    // The group's own logging page is still there, and the Party committee's records are not offered.
    expect(await page.$('[data-testid=log-card]')).not.toBeNull();
    expect(await page.$(PW)).toBeNull();
    await screenshot(page, 'topics-clerk-390');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    const res = await app.gql(PAGE, { id: topicId }, { token: t.clerk! });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 60_000);

  it('the office records a report to the Party committee, corrects it with a reason and records the study that took it up; a leader reads them', async () => {
    const page = await open(t.office!);
    const form = `${PW} [data-testid=party-report-form]`;
    await page.waitForSelector(`${form} input[name=reporterIds][value=m-pg]`);
    expect(await text(page, `${PW} [data-testid=party-record] .note`)).toBe(`${YEAR}年尚无请示报告记录。`);
    expect(await page.inputValue(`${form} input[name=recipient]`)).toBe('中共格尔木市委');
    expect(await page.inputValue(`${form} input[name=reportedOn]`)).toBe(today);
    await page.fill(`${form} input[name=subject]`, '市政协党组上半年工作情况');
    await page.check(`${form} input[name=reporterIds][value=m-pg]`);
    await page.fill(`${form} textarea[name=summary]`, '汇报协商议政和联络工作。');
    await page.click(`${form} button[type=submit]`);
    const row = `${PW} tr[data-testid^=party-report-]`;
    await page.waitForSelector(row);
    reportId = (await page.getAttribute(row, 'data-testid'))!.replace(/^party-report-/, '');
    expect(await cells(page, row)).toEqual([[today, '工作报告', '市政协党组上半年工作情况', '中共格尔木市委', '委员m-pg', '汇报协商议政和联络工作。', '', '更正']]);

    await page.click(`${row} [data-testid=correct-report]`);
    const correct = `${PW} [data-testid=correct-report-form]`;
    await page.waitForSelector(correct);
    expect(await page.isChecked(`${correct} input[name=reporterIds][value=m-pg]`)).toBe(true);
    await page.fill(`${correct} input[name=recipient]`, '中共格尔木市委常委会');
    await page.fill(`${correct} input[name=reason]`, '汇报对象记错');
    await page.click(`${correct} button[type=submit]`);
    await page.waitForSelector(`${row} [data-testid=corrections]`);
    expect((await cells(page, row))[0]!.slice(3, 4)).toEqual(['中共格尔木市委常委会']);
    expect(await text(page, `${row} [data-testid=corrections]`)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d 更正：汇报对象记错$/);

    const study = `${PW} [data-testid=party-study-form]`;
    await page.waitForSelector(`${study} input[name=reportIds][value=${reportId}]`);
    await page.fill(`${study} textarea[name=matters]`, '听取市政协党组工作汇报\n研究年度重点协商议题');
    await page.check(`${study} input[name=reportIds][value=${reportId}]`);
    await page.click(`${study} button[type=submit]`);
    await page.waitForSelector(`${PW} tr[data-testid^=party-study-]`);
    expect(await cells(page, `${PW} tr[data-testid^=party-study-]`)).toEqual([[today, '市委常委会会议', '听取市政协党组工作汇报；研究年度重点协商议题', '市政协党组上半年工作情况', '', '更正']]);
    const studyRow = `${PW} tr[data-testid^=party-study-]`;
    await page.click(`${studyRow} [data-testid=correct-study]`);
    const correctStudy = `${PW} [data-testid=correct-study-form]`;
    await page.waitForSelector(correctStudy);
    expect(await page.inputValue(`${correctStudy} textarea[name=matters]`)).toBe('听取市政协党组工作汇报\n研究年度重点协商议题');
    await page.fill(`${correctStudy} input[name=meeting]`, '市委全会');
    await page.fill(`${correctStudy} input[name=reason]`, '会议名称记错');
    await page.click(`${correctStudy} button[type=submit]`);
    await page.waitForSelector(`${studyRow} [data-testid=corrections]`);
    expect((await cells(page, studyRow))[0]!.slice(0, 2)).toEqual([today, '市委全会']);
    expect(await text(page, `${studyRow} [data-testid=corrections]`)).toMatch(/更正：会议名称记错$/);
    await screenshot(page, 'party-committee-office-1366');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });

    const { partyCommitteeYear: y } = await read(`query($y: Int!) { partyCommitteeYear(year: $y) { reports { id kind subject recipient reportedOn reporterIds summary corrections { reason } } studies { studiedOn meeting matters reportIds } } }`, { y: YEAR });
    expect(y.reports).toEqual([{ id: reportId, kind: 'WORK_REPORT', subject: '市政协党组上半年工作情况', recipient: '中共格尔木市委常委会', reportedOn: today, reporterIds: ['m-pg'], summary: '汇报协商议政和联络工作。', corrections: [{ reason: '汇报对象记错' }] }]);
    expect(y.studies).toEqual([{ studiedOn: today, meeting: '市委全会', matters: ['听取市政协党组工作汇报', '研究年度重点协商议题'], reportIds: [reportId] }]);

    const leader = await open(t.leader!, LAPTOP, `#/?year=${YEAR}&`);
    await leader.waitForSelector(`${PW} [data-testid=party-report-${reportId}]`);
    expect(await cells(leader, `${PW} [data-testid=party-report-${reportId}]`)).toEqual([[today, '工作报告', '市政协党组上半年工作情况', '中共格尔木市委常委会', '委员m-pg', '汇报协商议政和联络工作。', (await cells(page, row))[0]![6]!]]);
    expect(await leader.$(`${PW} [data-testid=party-report-form]`)).toBeNull();
    expect(await leader.$(`${PW} [data-testid=correct-report]`)).toBeNull();
  }, 90_000);

  it('a leader sees the compliance board for 2020: a row per rule with its share and colour, the evidence behind it; no seal action', async () => {
    const card = '[data-testid=compliance-card]';
    const page = await open(t.leader!, LAPTOP, '#/?year=2020&');
    await page.waitForSelector(`${card} [data-testid=compliance-board] tbody tr`);
    expect(await page.inputValue(`${card} [data-testid=compliance-year]`)).toBe('2020');
    const rows = `${card} [data-testid=compliance-board] tbody tr`;
    expect(await page.$$eval(rows, (trs) => trs.map((tr: any) => tr.getAttribute('data-rule')))).toEqual([
      'MEMBERS_IN_SPECIAL_COMMITTEE',
      'LOCALITIES_HAVE_GROUP',
      'GROUPS_ACTIVE_EACH_QUARTER',
      ...Array(6).fill('DUE_LINKS_MET'),
      'MEMBERS_TARGETED',
      'PARTY_COMMITTEE_REPORTED',
      'PARTY_COMMITTEE_STUDIED',
      'PROPOSALS_REPLIED_ON_TIME',
      'TOPICS_CARRIED_OUT',
      'INSPECTION_REPORTS_ON_TIME',
      'RECOMMENDATIONS_ANSWERED_ON_TIME',
    ]);
    const row = (rule: string, scheme = '') => `${rows}[data-rule=${rule}][data-scheme="${scheme}"]`;
    /** A row's rule, met / expected, share and state, and its evidence: the folded count and the ids behind it. */
    const shown = async (selector: string) => [
      (await cells(page, selector))[0]!.slice(0, 4),
      (await page.$(`${selector} [data-testid=evidence]`)) ? await text(page, `${selector} [data-testid=evidence] summary`) : await text(page, `${selector} td:last-child`),
      await page.$$eval(`${selector} [data-testid=evidence] li`, (lis) => lis.map((li: any) => li.textContent)),
    ];
    expect(await shown(row('MEMBERS_IN_SPECIAL_COMMITTEE'))).toEqual([['委员全部编入各专委会', '4 / 4', '100%', '达标'], '—', []]);
    expect(await shown(row('MEMBERS_TARGETED'))).toEqual([['每位委员都有人联系', '3 / 4', '75%', '接近'], '1 项', ['m-pg']]);
    expect(await shown(row('GROUPS_ACTIVE_EACH_QUARTER'))).toEqual([['各联络组每季度开展活动', '0 / 4', '0%', '未达标'], '4 项', ['lg-hexi@2020-Q1', 'lg-hexi@2020-Q2', 'lg-hexi@2020-Q3', 'lg-hexi@2020-Q4']]);
    expect(await shown(row('DUE_LINKS_MET', 'PARTY_MEMBER_TO_NON_PARTY'))).toEqual([['联系对象按要求联系到位 · 党员委员联系党外委员', '0 / 4', '0%', '未达标'], '4 项', ['l-pm-1@2020-Q1', 'l-pm-1@2020-Q2', 'l-pm-1@2020-Q3', 'l-pm-1@2020-Q4']]);
    expect(await shown(row('TOPICS_CARRIED_OUT'))).toEqual([['重点协商议题均有视察和提案或社情民意', '0 / 0', '—', '尚无应达'], '—', []]);
    // Each state in its own colour.
    const colour = (selector: string) => page.$eval(`${selector} [data-testid=state]`, (el: any) => getComputedStyle(el).backgroundColor);
    expect([await colour(row('MEMBERS_IN_SPECIAL_COMMITTEE')), await colour(row('MEMBERS_TARGETED')), await colour(row('GROUPS_ACTIVE_EACH_QUARTER')), await colour(row('TOPICS_CARRIED_OUT'))]).toEqual([
      'rgb(46, 125, 50)',
      'rgb(230, 126, 34)',
      'rgb(192, 57, 43)',
      'rgb(238, 241, 244)',
    ]);
    // The evidence is folded until opened.
    const evidence = `${row('GROUPS_ACTIVE_EACH_QUARTER')} [data-testid=evidence]`;
    expect(await page.isVisible(`${evidence} li`)).toBe(false);
    await page.click(`${evidence} summary`);
    expect(await page.isVisible(`${evidence} li`)).toBe(true);
    const board = (await read(`{ complianceBoard(year: 2020) { cells { state } } }`)).complianceBoard;
    const count = (s: string) => board.cells.filter((c: { state: string }) => c.state === s).length;
    expect(await text(page, `${card} [data-testid=compliance-summary]`)).toBe(`达标 ${count('GREEN')} 项，接近 ${count('AMBER')} 项，未达标 ${count('RED')} 项，尚无应达 ${count('NONE_DUE')} 项`);
    expect(count('AMBER')).toBe(1);
    expect(await page.$(`${card} [data-testid=seal-form]`)).toBeNull();
    expect(await text(page, `${card} > .note.empty`)).toBe('2020年的看板尚未封存。');
    // Read for 1 July 2020: two quarters had ended, and the year's report to the Party committee was not yet due.
    await page.fill(`${card} [data-testid=compliance-on]`, '2020-07-01');
    await page.waitForSelector(`${row('GROUPS_ACTIVE_EACH_QUARTER')} >> text=0 / 2`);
    expect((await cells(page, row('PARTY_COMMITTEE_REPORTED')))[0]!.slice(1, 4)).toEqual(['0 / 0', '—', '尚无应达']);
    expect(await text(page, `${card} [data-testid=compliance-read-at]`)).toMatch(/^评估时点 2020-07-01 00:00，/);
    await page.click('[data-testid=lang]');
    await page.waitForSelector(`${card} h2:has-text("Compliance board")`);
    expect((await cells(page, row('GROUPS_ACTIVE_EACH_QUARTER')))[0]!.slice(0, 4)).toEqual(['Every liaison group active each quarter', '0 / 2', '0%', 'red']);
    await page.click('[data-testid=lang]');
    // The topics below the dashboard open on the dashboard's year too.
    expect(await page.inputValue(`${TW} [data-testid=topics-year]`)).toBe('2020');
    expect(await text(page, `${TW} [data-testid=topic-list] .note`)).toBe('2020年尚未确定重点协商议题。');
    await screenshot(page, 'compliance-leader-1366');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
  }, 60_000);

  it('an auditor seals the board; after a later write moves the board, verifying the seal says it matches', async () => {
    const card = '[data-testid=compliance-card]';
    const page = await open(t.auditor!, LAPTOP, '#/?year=2020&');
    const form = `${card} [data-testid=seal-form]`;
    await page.waitForSelector(form);
    const shownHash = (await text(page, `${card} [data-testid=compliance-read-at]`)).match(/看板哈希 ([0-9a-f]{12})$/)![1];
    await page.fill(`${form} input[name=reason]`, '提交常委会审议');
    await page.click(`${form} button[type=submit]`);
    const sealRow = `${card} [data-testid=compliance-seals] tbody tr`;
    await page.waitForSelector(sealRow);
    const [seal] = (await read(`{ complianceSeals(year: 2020) { sealId on boardHash reason } }`, {}, 'auditor')).complianceSeals;
    expect([seal.reason, seal.boardHash.slice(0, 12)]).toEqual(['提交常委会审议', shownHash]);
    const sealCells = (await cells(page, sealRow))[0]!;
    expect([sealCells[0], sealCells[4], sealCells[5]]).toEqual([seal.sealId, '提交常委会审议', shownHash]);

    const beforeContact = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 30));
    // A contact in 2020's first quarter: the group was active then; the board moves, the seal does not.
    await write('clerk', 'logContact', 'LogContactInput', { contactId: 'c-2020', participantIds: ['m-cpc1', 'm-np'], occurredAt: '2020-02-10T10:00', channel: 'VISIT', topic: '走访', linkIds: ['l-pm-1'], liaisonGroupId: 'lg-hexi' });
    const now = (await read(`{ complianceBoard(year: 2020) { boardHash cells { rule met } } }`)).complianceBoard;
    expect([now.boardHash === seal.boardHash, now.cells.find((c: { rule: string }) => c.rule === 'GROUPS_ACTIVE_EACH_QUARTER').met]).toEqual([false, 1]);

    await page.click(`${sealRow} [data-testid=verify]`);
    await page.waitForSelector(`${sealRow} [data-testid=verify-result]`);
    expect(await page.getAttribute(`${sealRow} [data-testid=verify-result]`, 'data-matches')).toBe('true');
    expect(await text(page, `${sealRow} [data-testid=verify-result]`)).toBe('一致：按封存时的记录重算，哈希相同。');
    expect(await page.$(`${sealRow} [data-testid=differences]`)).toBeNull();
    const check = (await read(`query($id: ID!) { verifyComplianceSeal(sealId: $id) { matches } }`, { id: seal.sealId }, 'auditor')).verifyComplianceSeal;
    expect(check.matches).toBe(true);
    await screenshot(page, 'compliance-auditor-1366');

    // Live, the group's first quarter now counts; as recorded before that contact, it did not, and that board cannot be sealed from the page.
    await page.reload();
    const groups = `${card} [data-testid=compliance-board] tr[data-rule=GROUPS_ACTIVE_EACH_QUARTER]`;
    await page.waitForSelector(groups);
    expect((await cells(page, groups))[0]!.slice(1, 4)).toEqual(['1 / 4', '25%', '未达标']);
    const earlier = await open(t.auditor!, LAPTOP, `#/?year=2020&asOf=${encodeURIComponent(beforeContact)}&`);
    await earlier.waitForSelector(`${card} [data-testid=compliance-as-of]`);
    await earlier.waitForSelector(groups);
    expect((await cells(earlier, groups))[0]!.slice(1, 4)).toEqual(['0 / 4', '0%', '未达标']);
    expect(await earlier.$(`${card} [data-testid=seal-form]`)).toBeNull();
    expect(await text(earlier, `${card} .note:has-text("不能封存")`)).toBe('查看历史时点时不能封存；请把“数据截至”改回“现在”。');
  }, 90_000);
});
