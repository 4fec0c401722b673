/**
 * The inspections views (视察考察) in a real browser (Debian's chromium through playwright-core),
 * against the real API on a SQLite file. Two earlier inspections are on record through the API
 * (one held a hundred days ago with no report, one reported fifty days ago with a recommendation
 * nobody answered); the rest goes through the page as each user would take it: the committee
 * office plans an inspection and invites three members, and sees what is overdue; a member
 * declines and then accepts its invitation from "my inspections"; the office types in another
 * member's answer, is refused a visit dated tomorrow, holds the visit with who attended (the
 * accepted invitee ticked for it), corrects the attendance and records the report with two
 * numbered recommendations to two units; one unit is refused "not adopted" without a reason and
 * records its follow-up, its standing following; the member sees its attendance rate; a leader's
 * card shows each unit's recommendations by status with the share answered within M days, and
 * planned vs held per organiser, now and as of two earlier moments; last, the office types in the
 * other unit's follow-up handed over on paper.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, committeeDate } from '#domain';
import { fitsWidth, launchBrowser, screenshot } from './support/browser.js';
import { startApp, type TestApp } from './support/app.js';
import { REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position } }`;
const INSPECTION = `query($id: ID!) { inspection(id: $id) { id kind topic stage organiserKind organiserId startsOn place attendeeIds
  invitations { inviteeId answer reason attended } held { heldFrom heldTo placesVisited unitIds reportDueOn } report { reportedOn summary }
  recommendations { number text unitId responseDueOn status deadlineState followUps { status text reason respondedOn } } } }`;
const today = committeeDate(Date.now());
const day = (n: number) => addDays(today, n);
const YEAR = Number(today.slice(0, 4));
/** The two inspections on record before the page is used count in this year only when a hundred days ago was in it too. */
const EARLIER_IN_YEAR = day(-102).slice(0, 4) === today.slice(0, 4);
const TOPIC = '乡村振兴重点项目推进情况';
const W = '[data-testid=inspections]';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the inspections views in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  const t: Record<string, string> = {};
  const marks: Record<string, string> = {};
  let id = '';
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
  const inspection = async (inspectionId = id) => (await read(INSPECTION, { id: inspectionId })).inspection;
  /** A moment between two writes, with a little room either side so the server's clock puts each write on its side. */
  const mark = async (name: string) => {
    await sleep(30);
    marks[name] = new Date().toISOString();
    await sleep(30);
  };

  async function open(token: string, viewport = LAPTOP, hash = '#/?'): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/${hash}${hash.endsWith('?') ? '' : '&'}token=${encodeURIComponent(token)}`);
    return page;
  }
  const text = (page: Page, selector: string) => page.textContent(selector).then((s) => (s ?? '').replace(/\s+/g, ' ').trim());
  const cells = (page: Page, selector: string) => page.$$eval(selector, (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((c: any) => c.textContent)));
  const desk = `${W} [data-testid=inspection-desk]`;
  async function openDesk(page: Page): Promise<void> {
    await page.waitForSelector(`${W} [data-testid=open-${id}]`);
    await page.click(`${W} [data-testid=open-${id}]`);
    await page.waitForSelector(desk);
  }

  beforeAll(async () => {
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, REGISTER_ORG, { input: { organizationId: 'sc-eco', kind: 'SPECIAL_COMMITTEE', name: '经济委员会' } });
    for (const [unit, name] of [['hu-dev', '市发展和改革委员会'], ['hu-edu', '市教育局']]) await must(app, REGISTER_ORG, { input: { organizationId: unit, kind: 'HANDLING_UNIT', name } });
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => {
      const res = await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN });
      if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
      return res.data.issueToken.token as string;
    };
    t.office = await issue('政协办公室', [{ kind: 'COMMITTEE_OFFICE' }]);
    t.member = await issue('委员 m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.unit = await issue('发改委联络员', [{ kind: 'HANDLING_UNIT', id: 'hu-dev' }]);
    t.leader = app.tokens.LEADER;
    await write('office', 'setInspectionRules', 'SetInspectionRulesInput', { reportDueDays: 30, responseDueDays: 20, dueSoonDays: 7, reason: '主席会议决定' });
    // Held a hundred days ago, its report (due 30 days after) never recorded.
    await write('office', 'planInspection', 'PlanInspectionInput', { inspectionId: 'i-old', kind: 'STUDY_VISIT', topic: '学习先进地区经验', organiserId: 'CHAIRS', startsOn: day(-102), endsOn: day(-100), place: '西宁' });
    await write('office', 'holdInspection', 'HoldInspectionInput', { inspectionId: 'i-old', heldFrom: day(-102), heldTo: day(-100), placesVisited: ['西宁'], attendeeIds: ['m-pg'] });
    // Reported fifty days ago; its recommendation to the education bureau was due 20 days after, unanswered.
    await write('office', 'planInspection', 'PlanInspectionInput', { inspectionId: 'i-late', kind: 'INSPECTION', topic: '城市供水保障', organiserId: 'sc-proposals', startsOn: day(-55), place: '昆仑路' });
    await write('office', 'holdInspection', 'HoldInspectionInput', { inspectionId: 'i-late', heldFrom: day(-55), placesVisited: ['昆仑路水厂'], attendeeIds: ['m-np'] });
    await write('office', 'reportInspection', 'ReportInspectionInput', { inspectionId: 'i-late', reportedOn: day(-50), summary: '供水管网老化。', recommendations: [{ text: '将学校供水改造纳入计划。', unitId: 'hu-edu' }] });
    await mark('beforePlan');
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the office plans an inspection, invites three members, and sees the overdue report and response of earlier ones', async () => {
    const page = await open(t.office!);
    const form = `${W} [data-testid=plan-form]`;
    await page.waitForSelector(`${form} option[value=sc-eco]`, { state: 'attached' });
    await page.selectOption(`${form} select[name=kind]`, 'INSPECTION');
    await page.fill(`${form} input[name=topic]`, TOPIC);
    await page.selectOption(`${form} select[name=organiserId]`, 'sc-eco');
    expect(await page.inputValue(`${form} input[name=startsOn]`)).toBe(today);
    await page.fill(`${form} input[name=place]`, '河西街道');
    await page.click(`${form} button[type=submit]`);
    const row = `${W} tr[data-testid^=inspection-]:has-text("${TOPIC}")`;
    await page.waitForSelector(row);
    id = (await page.getAttribute(row, 'data-testid'))!.replace(/^inspection-/, '');
    expect(await cells(page, row)).toEqual([['视察', TOPIC, '经济委员会', today, '河西街道', '0 / 0', '已计划', '处理']]);
    expect(await page.inputValue(`${form} input[name=topic]`)).toBe('');

    await openDesk(page);
    const invite = `${desk} [data-testid=invite-form]`;
    await page.waitForSelector(invite);
    for (const m of ['m-cpc1', 'm-cpc2', 'm-np']) await page.check(`${invite} input[value=${m}]`);
    await page.click(`${invite} button[type=submit]`);
    await page.waitForSelector(`${desk} [data-testid=invitations] tr[data-invitee=m-np]`);
    expect(await cells(page, `${desk} [data-testid=invitations] tbody tr`)).toEqual([
      ['委员m-cpc1', '未答复', ''],
      ['委员m-cpc2', '未答复', ''],
      ['委员m-np', '未答复', ''],
    ]);
    // Invited members are no longer offered for an invitation.
    expect(await page.$(`${desk} [data-testid=invite-form] input[value=m-cpc1]`)).toBeNull();
    expect(await text(page, `${W} [data-testid=inspection-${id}] [data-testid=invited]`)).toBe('3 / 0');

    const { overdueInspectionReports: reports, overdueRecommendations: responses } = await read(`{ overdueInspectionReports { inspection { id } daysOverdue } overdueRecommendations { inspection { id } daysOverdue } }`, {}, 'office');
    expect(reports.map((o: any) => o.inspection.id)).toEqual(['i-old']);
    expect(responses.map((o: any) => o.inspection.id)).toEqual(['i-late']);
    expect(await text(page, `${W} [data-testid=overdue-reports] li[data-inspection=i-old]`)).toBe(`学习先进地区经验：报告应于 ${day(-70)} 前完成，已超期 ${reports[0].daysOverdue} 天`);
    expect(reports[0].daysOverdue).toBeGreaterThanOrEqual(69);
    expect(await text(page, `${W} [data-testid=overdue-recommendations] li[data-inspection=i-late][data-number="1"]`)).toBe(`城市供水保障 建议 1（市教育局）：应于 ${day(-30)} 前答复，已超期 ${responses[0].daysOverdue} 天`);
    expect(await text(page, `${W} [data-testid=inspection-i-old] [data-testid=stage]`)).toBe(`已开展，待报告 报告已超期 ${reports[0].daysOverdue} 天`);
    await screenshot(page, 'inspections-planner-1366');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });

    const i = await inspection();
    expect([i.kind, i.topic, i.stage, i.organiserKind, i.organiserId, i.startsOn, i.place]).toEqual(['INSPECTION', TOPIC, 'PLANNED', 'SPECIAL_COMMITTEE', 'sc-eco', today, '河西街道']);
    expect(i.invitations.map((x: any) => [x.inviteeId, x.answer])).toEqual([['m-cpc1', null], ['m-cpc2', null], ['m-np', null]]);
  }, 60_000);

  it('a member declines its invitation from "my inspections" with a reason, then accepts it; it sees only its own inspections', async () => {
    const page = await open(t.member!, PHONE);
    const item = `${W} [data-testid=my-inspection-${id}]`;
    await page.waitForSelector(`${item} [data-testid=answer-form]`);
    expect(await page.$$(`${W} [data-testid^=my-inspection-]`)).toHaveLength(1);
    expect(await text(page, `${item} [data-testid=my-answer]`)).toBe('我的答复：未答复');
    await page.selectOption(`${item} select[name=answer]`, 'DECLINED');
    await page.fill(`${item} input[name=reason]`, '外出学习');
    await page.click(`${item} button[type=submit]`);
    await page.waitForSelector(`${item} [data-testid=my-answer][data-answer=DECLINED]`);
    expect(await text(page, `${item} [data-testid=my-answer]`)).toBe('我的答复：请假（外出学习）');
    expect((await inspection()).invitations[0]).toMatchObject({ inviteeId: 'm-cpc1', answer: 'DECLINED', reason: '外出学习' });

    await page.selectOption(`${item} select[name=answer]`, 'ACCEPTED');
    await page.fill(`${item} input[name=reason]`, '');
    await page.click(`${item} button[type=submit]`);
    await page.waitForSelector(`${item} [data-testid=my-answer][data-answer=ACCEPTED]`);
    expect(await text(page, `${item} [data-testid=my-answer]`)).toBe('我的答复：参加');
    await screenshot(page, 'inspections-member-390');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    expect((await inspection()).invitations.map((x: any) => [x.inviteeId, x.answer, x.reason])).toEqual([['m-cpc1', 'ACCEPTED', ''], ['m-cpc2', null, ''], ['m-np', null, '']]);
  }, 60_000);

  it('the office records an answer for a member, is refused a visit dated tomorrow, holds it with who attended, corrects the attendance and records the report with two numbered recommendations', async () => {
    const page = await open(t.office!);
    await openDesk(page);
    const answer = `${desk} [data-testid=answer-for-form]`;
    await page.selectOption(`${answer} select[name=inviteeId]`, 'm-cpc2');
    await page.selectOption(`${answer} select[name=answer]`, 'DECLINED');
    await page.fill(`${answer} input[name=reason]`, '病假');
    await page.click(`${answer} button[type=submit]`);
    await page.waitForSelector(`${desk} [data-testid=invitations] tr[data-invitee=m-cpc2][data-answer=DECLINED]`);
    expect(await cells(page, `${desk} [data-testid=invitations] tr[data-invitee=m-cpc2]`)).toEqual([['委员m-cpc2', '请假', '病假']]);

    const hold = `${desk} [data-testid=hold-form]`;
    // The attendees start as those who accepted.
    expect(await page.isChecked(`${hold} input[name=attendeeIds][value=m-cpc1]`)).toBe(true);
    expect(await page.isChecked(`${hold} input[name=attendeeIds][value=m-cpc2]`)).toBe(false);
    await page.fill(`${hold} input[name=heldFrom]`, day(1));
    await page.click(`${hold} button[type=submit]`);
    await page.waitForSelector(`${hold} [role=alert]`);
    expect(await page.getAttribute(`${hold} [role=alert]`, 'data-code')).toBe('VALIDATION');
    expect(await text(page, `${hold} [role=alert] p`)).toBe(`填写的内容不符合要求：heldFrom ${day(1)} is in the future (today is ${today}); record it once it has happened`);
    expect((await inspection()).stage).toBe('PLANNED');

    await page.fill(`${hold} input[name=heldFrom]`, today);
    await page.fill(`${hold} textarea[name=placesVisited]`, '河西街道\n格尔木工业园');
    await page.check(`${hold} input[name=unitIds][value=hu-dev]`);
    await page.check(`${hold} input[name=attendeeIds][value=m-np]`);
    await page.check(`${hold} input[name=attendeeIds][value=m-pg]`);
    await page.click(`${hold} button[type=submit]`);
    await page.waitForSelector(`${W} [data-testid=inspection-${id}][data-stage=HELD]`);
    expect(await text(page, `${desk} [data-testid=visit]`)).toBe(`${today} 开展，走访：河西街道、格尔木工业园`);
    expect(await text(page, `${desk} [data-testid=deadline]`)).toBe(`报告应于 ${day(30)} 前完成`);
    expect(await cells(page, `${desk} [data-testid=invitations] tbody tr`)).toEqual([
      ['委员m-cpc1', '参加', '', '已参加'],
      ['委员m-cpc2', '请假', '病假', '未参加'],
      ['委员m-np', '未答复', '', '已参加'],
    ]);
    expect(await text(page, `${desk} [data-testid=uninvited]`)).toBe('未受邀参加：委员m-pg');
    expect(await page.$(`${desk} [data-testid=hold-form]`)).toBeNull();

    const attendance = `${desk} [data-testid=attendance-form]`;
    await page.uncheck(`${attendance} input[value=m-np]`);
    await page.fill(`${attendance} input[name=reason]`, '核实：m-np 当天未到场');
    await page.click(`${attendance} button[type=submit]`);
    await page.waitForSelector(`${desk} [data-testid=invitations] tr[data-invitee=m-np] >> text=未参加`);
    const held = await inspection();
    expect([held.stage, held.held, held.attendeeIds]).toEqual(['HELD', { heldFrom: today, heldTo: today, placesVisited: ['河西街道', '格尔木工业园'], unitIds: ['hu-dev'], reportDueOn: day(30) }, ['m-cpc1', 'm-pg']]);

    const report = `${desk} [data-testid=report-form]`;
    await page.fill(`${report} textarea[name=summary]`, '重点项目总体进展顺利，部分项目资金到位慢。');
    await page.fill(`${report} textarea[name=recommendation1]`, '加快项目资金拨付。');
    await page.selectOption(`${report} select[name=unit1]`, 'hu-dev');
    await page.click(`${desk} [data-testid=add-recommendation]`);
    await page.fill(`${report} textarea[name=recommendation2]`, '加强乡村学校建设。');
    await page.selectOption(`${report} select[name=unit2]`, 'hu-edu');
    // A third one added and removed again: the report makes two, and what was typed stays.
    await page.click(`${desk} [data-testid=add-recommendation]`);
    await page.click(`${desk} [data-testid=remove-recommendation]`);
    expect(await page.$(`${report} textarea[name=recommendation3]`)).toBeNull();
    expect(await page.inputValue(`${report} textarea[name=recommendation1]`)).toBe('加快项目资金拨付。');
    await page.click(`${report} button[type=submit]`);
    await page.waitForSelector(`${W} [data-testid=inspection-${id}][data-stage=REPORTED]`);
    await page.waitForSelector(`${desk} [data-testid=recommendation-2]`);
    expect(await text(page, `${desk} [data-testid=report]`)).toBe(`${today} 报告：重点项目总体进展顺利，部分项目资金到位慢。`);
    expect(await text(page, `${desk} [data-testid=recommendation-1] p`)).toBe('建议 1（市发展和改革委员会）：加快项目资金拨付。');
    expect(await text(page, `${desk} [data-testid=recommendation-2] p`)).toBe('建议 2（市教育局）：加强乡村学校建设。');
    expect(await text(page, `${desk} [data-testid=recommendation-2] p:nth-of-type(2)`)).toBe(`未答复 · 首次答复期限 ${day(20)} 未到期`);
    expect(await page.$(report)).toBeNull();
    await screenshot(page, 'inspections-desk-1366');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    const r = await inspection();
    expect([r.stage, r.report, r.recommendations.map((x: any) => [x.number, x.text, x.unitId, x.responseDueOn, x.status])]).toEqual([
      'REPORTED',
      { reportedOn: today, summary: '重点项目总体进展顺利，部分项目资金到位慢。' },
      [[1, '加快项目资金拨付。', 'hu-dev', day(20), null], [2, '加强乡村学校建设。', 'hu-edu', day(20), null]],
    ]);
    await mark('beforeFollowUp');
  }, 90_000);

  it('a unit sees only the recommendation addressed to it, is refused "not adopted" without a reason, and records its follow-up', async () => {
    const page = await open(t.unit!, PHONE);
    const item = `${W} [data-testid=unit-inspection-${id}]`;
    await page.waitForSelector(`${item} [data-testid=recommendation-1] [data-testid=follow-up-1]`);
    expect(await page.$$(`${W} [data-testid^=unit-inspection-]`)).toHaveLength(1);
    expect(await page.$(`${item} [data-testid=recommendation-2]`)).toBeNull();
    await page.waitForSelector(`${W} [data-testid=unit-standing]`);
    expect(await text(page, `${W} [data-testid=unit-standing]`)).toBe('共 1 条建议，超期未答复 0 条；20 天内首次答复：—');
    const form = `${item} [data-testid=recommendation-1] [data-testid=follow-up-1]`;
    await page.selectOption(`${form} select[name=status]`, 'NOT_ADOPTED');
    await page.fill(`${form} textarea[name=text]`, '经研究暂不采纳。');
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector(`${form} [role=alert]`);
    expect(await page.getAttribute(`${form} [role=alert]`, 'data-code')).toBe('VALIDATION');
    expect(await text(page, `${form} [role=alert] p`)).toBe('请填写原因。');
    expect((await inspection()).recommendations[0].followUps).toEqual([]);

    await page.selectOption(`${form} select[name=status]`, 'IN_PROGRESS');
    await page.fill(`${form} textarea[name=text]`, '已列入年度计划，正在推进。');
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector(`${item} [data-testid=recommendation-1][data-status=IN_PROGRESS]`);
    expect(await text(page, `${item} [data-testid=recommendation-1] [data-testid=status]`)).toBe('办理中');
    expect(await text(page, `${item} [data-testid=recommendation-1] [data-testid=follow-ups]`)).toBe(`${today} 办理中：已列入年度计划，正在推进。`);
    expect(await page.getAttribute(`${item} [data-testid=recommendation-1] [data-testid=deadline]`, 'data-state')).toBe('REPLIED_ON_TIME');
    expect(await text(page, `${item} [data-testid=recommendation-1] [data-testid=deadline]`)).toBe('按期答复');
    await page.waitForSelector(`${W} [data-testid=unit-standing]:has-text("100%")`);
    expect(await text(page, `${W} [data-testid=unit-standing]`)).toBe('共 1 条建议，超期未答复 0 条；20 天内首次答复：100%');
    // The form starts again from the status that now holds, its response empty.
    expect([await page.inputValue(`${form} select[name=status]`), await page.inputValue(`${form} textarea[name=text]`)]).toEqual(['IN_PROGRESS', '']);
    await screenshot(page, 'inspections-unit-390');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    const r = (await inspection()).recommendations;
    expect([r[0].status, r[0].deadlineState, r[0].followUps, r[1].followUps]).toEqual(['IN_PROGRESS', 'REPLIED_ON_TIME', [{ status: 'IN_PROGRESS', text: '已列入年度计划，正在推进。', reason: '', respondedOn: today }], []]);
  }, 60_000);

  it('the member sees that it attended and its attendance rate for the year, as the API counts it', async () => {
    const page = await open(t.member!);
    const item = `${W} [data-testid=my-inspection-${id}]`;
    await page.waitForSelector(`${item} [data-testid=my-answer]`);
    expect(await text(page, `${item} [data-testid=my-answer]`)).toBe('我的答复：参加 · 已参加');
    // Held: no answer form any more.
    expect(await page.$(`${item} [data-testid=answer-form]`)).toBeNull();
    const year = `${W} [data-testid=my-attendance] li[data-year="${YEAR}"]`;
    await page.waitForSelector(year);
    expect(await text(page, `${year} [data-testid=attendance-rate]`)).toBe(`${YEAR}年出勤率：100%`);
    expect(await text(page, `${year} [data-testid=attendance-counts]`)).toBe('受邀 1 次（参加 1，请假 0），受邀后参加 1 次；共参加 1 次。');
    const { inspectionAttendance } = await read(`query($y: Int!) { inspectionAttendance(year: $y, memberId: "m-cpc1") { invited accepted declined attended attendedInvited rate } }`, { y: YEAR }, 'member');
    expect(inspectionAttendance).toEqual([{ invited: 1, accepted: 1, declined: 0, attended: 1, attendedInvited: 1, rate: 1 }]);
  }, 60_000);

  it('a leader\'s card shows each unit\'s recommendations by status with the share answered within M days, and planned vs held; earlier moments show the earlier figures', async () => {
    const card = '[data-testid=inspections-card]';
    const byUnit = `${card} [data-testid=inspections-by-unit] tbody tr`;
    const byOrganiser = `${card} [data-testid=inspections-by-organiser] tbody tr`;
    const earlier = EARLIER_IN_YEAR ? 1 : 0;
    const page = await open(t.leader!, LAPTOP, `#/?year=${YEAR}&`);
    await page.waitForSelector(byUnit);
    expect(await text(page, `${card} .help`)).toBe(`${YEAR}年：各单位建议的办理状态和 20 天内首次答复的比例；各组织方计划与开展的视察考察。`);
    // Columns: unit, recommendations, accepted, in progress, done, not adopted, no response, overdue, answered within 20 days.
    expect(await cells(page, byUnit)).toEqual([
      ['市发展和改革委员会', '1', '0', '1', '0', '0', '0', '0', '100%'],
      ['市教育局', String(1 + earlier), '0', '0', '0', '0', String(1 + earlier), String(earlier), earlier ? '0%' : '—'],
      ['合计', String(2 + earlier), '0', '1', '0', '0', String(1 + earlier), String(earlier), earlier ? '50%' : '100%'],
    ]);
    expect(await cells(page, byOrganiser)).toEqual([
      ...(earlier ? [['主席会议', '1', '1', '0', '0', '0']] : []),
      ['经济委员会', '1', '1', '1', '0', '0'],
      ...(earlier ? [['提案委员会', '1', '1', '1', '0', '0']] : []),
      ['合计', String(1 + 2 * earlier), String(1 + 2 * earlier), String(1 + earlier), '0', '0'],
    ]);
    expect(await text(page, `${card} [data-testid=inspections-planned-held]`)).toBe(`计划 ${1 + 2 * earlier} 次，已开展 ${1 + 2 * earlier} 次`);
    const { recommendationStandings } = await read(`query($y: Int!) { recommendationStandings(year: $y) { unitId recommendations due onTime shareOnTime } }`, { y: YEAR });
    expect(recommendationStandings[0]).toEqual({ unitId: 'hu-dev', recommendations: 1, due: 1, onTime: 1, shareOnTime: 1 });
    await screenshot(page, 'inspections-leader-1366');

    // Before the unit's follow-up: its recommendation had no response and nothing was due yet.
    const beforeFollowUp = await open(t.leader!, LAPTOP, `#/?year=${YEAR}&asOf=${encodeURIComponent(marks.beforeFollowUp!)}&`);
    await beforeFollowUp.waitForSelector(`${card} [data-testid=inspections-as-of]`);
    await beforeFollowUp.waitForSelector(byUnit);
    expect(await cells(beforeFollowUp, `${byUnit}[data-unit=hu-dev]`)).toEqual([['市发展和改革委员会', '1', '0', '0', '0', '0', '1', '0', '—']]);

    // Before the inspection was planned on the page: no row for its organiser or its units.
    const beforePlan = await open(t.leader!, LAPTOP, `#/?year=${YEAR}&asOf=${encodeURIComponent(marks.beforePlan!)}&`);
    await beforePlan.waitForSelector(`${card} [data-testid=inspections-as-of]`);
    await beforePlan.waitForSelector(byOrganiser);
    expect(await beforePlan.$(`${byOrganiser}[data-organiser=sc-eco]`)).toBeNull();
    expect(await beforePlan.$(`${byUnit}[data-unit=hu-dev]`)).toBeNull();
    expect(await text(beforePlan, `${card} [data-testid=inspections-planned-held]`)).toBe(`计划 ${2 * earlier} 次，已开展 ${2 * earlier} 次`);
    await beforePlan.click('[data-testid=lang]');
    expect(await text(beforePlan, `${card} h2`)).toBe('Inspections: recommendations’ follow-up');
    expect(await text(beforePlan, `${card} [data-testid=inspections-planned-held]`)).toBe(`${2 * earlier} planned, ${2 * earlier} held`);
  }, 60_000);

  it('the office types in a follow-up the other unit handed over on paper: not adopted, with its reason', async () => {
    const page = await open(t.office!);
    await openDesk(page);
    const form = `${desk} [data-testid=follow-up-2]`;
    expect(await text(page, `${form} h3`)).toBe('登记建议 2 的办理情况');
    await page.selectOption(`${form} select[name=status]`, 'NOT_ADOPTED');
    await page.fill(`${form} textarea[name=text]`, '经研究，暂不采纳。');
    await page.fill(`${form} input[name=reason]`, '已纳入省级统筹项目');
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector(`${desk} [data-testid=recommendation-2][data-status=NOT_ADOPTED]`);
    expect(await text(page, `${desk} [data-testid=recommendation-2] [data-testid=follow-ups]`)).toBe(`${today} 未采纳：经研究，暂不采纳。（已纳入省级统筹项目）`);
    // The first recommendation keeps the unit's own follow-up.
    expect(await text(page, `${desk} [data-testid=recommendation-1] [data-testid=status]`)).toBe('办理中');
    const r = (await inspection()).recommendations;
    expect(r.map((x: any) => [x.number, x.status, x.followUps.map((f: any) => [f.status, f.reason])])).toEqual([
      [1, 'IN_PROGRESS', [['IN_PROGRESS', '']]],
      [2, 'NOT_ADOPTED', [['NOT_ADOPTED', '已纳入省级统筹项目']]],
    ]);
  }, 60_000);
});
