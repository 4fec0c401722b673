/**
 * The proposals views in a real browser (Debian's chromium through playwright-core), against the
 * real API on a SQLite file. One proposal goes through the page as each user would see it: the
 * proposals office files it (and sees its number) and assigns it to a unit with a deadline; the
 * unit replies B with a planned date; the office releases the reply (through the API); the member
 * rates it on both axes in the page; a leader sees the unit's on-time bar and opens its list.
 * Then a co-signer signs an open invitation (an expired one has no button), a member submits a
 * proposal through the form, and the unit records a consultation (走访提案人) and sees it consulted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, committeeDate } from '#domain';
import { newEventId } from '#event-store/eventId';
import { EventStore } from '#event-store/eventStore';
import { EVENT_STORE } from '../apps/api/src/common/tokens.js';
import { fitsWidth, launchBrowser, screenshot } from './support/browser.js';
import { startApp, type TestApp } from './support/app.js';
import { REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

/** Functions passed to page.evaluate run in the browser, where `document` exists; the test program has no DOM types. */
declare const document: any;

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position } }`;
const TITLE = '关于加快陆港型国家物流枢纽建设的建议';
const today = committeeDate(Date.now());

describe('the proposals views in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  const t: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  const write = async (who: string, name: string, input: string, values: Record<string, unknown>) => {
    const res = await app.gql(WRITE(name, input), { input: values }, { token: t[who]! });
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
  };
  const proposal = async () => {
    const res = await app.gql(`{ proposal(id: "p1") { number stage assignments { id unitId role dueOn deadlineState rounds { plannedOn: replies { plannedOn result status } rating { attitude result } } } } }`, {}, { token: t.leader! });
    expect(res.errors).toBeUndefined();
    return res.data.proposal;
  };

  async function open(token: string, viewport = LAPTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/#/?token=${encodeURIComponent(token)}`);
    return page;
  }
  const text = (page: Page, selector: string) => page.textContent(selector).then((s) => (s ?? '').replace(/\s+/g, ' ').trim());

  beforeAll(async () => {
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, `mutation { openTerm(input: { termId: "t10", name: "政协格尔木市第十届委员会", number: 10, startsOn: "2022-01-01", endsOn: "2027-01-01" }) { position } }`);
    await must(app, `mutation { schedulePlenarySession(input: { sessionId: "t10-s5", name: "十届五次会议", startsOn: "2026-01-10", endsOn: "2026-01-14", termId: "t10", number: 5 }) { position } }`);
    for (const [id, name] of [['hu-gov', '市政府办公室'], ['hu-edu', '市教育局']]) await must(app, REGISTER_ORG, { input: { organizationId: id, kind: 'HANDLING_UNIT', name } });
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => {
      const res = await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN });
      if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
      return res.data.issueToken.token as string;
    };
    t.office = await issue('提案委员会办公室', [{ kind: 'PROPOSALS_OFFICE' }]);
    t.unit = await issue('市政府办公室联络员', [{ kind: 'HANDLING_UNIT', id: 'hu-gov' }]);
    t.member = await issue('委员 m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.cosigner = await issue('委员 m-np', [{ kind: 'MEMBER', id: 'm-np' }]);
    t.leader = app.tokens.LEADER;
    await write('office', 'setProposalRules', 'SetProposalRulesInput', { numberFormat: '格政协〔{year}〕第{n}号', leadDays: 90, assistDays: 30, dayKind: 'CALENDAR', dueSoonDays: 7, invitationDays: 7, reason: '本届规则' });
    await write('member', 'submitProposal', 'SubmitProposalInput', { proposalId: 'p1', sessionId: 't10-s5', proposerId: 'm-cpc1', title: TITLE, reasons: '物流成本高，通关效率低。', suggestions: '一、完善多式联运；二、简化通关流程。' });
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the office files the proposal from its intake queue, sees its number, assigns it and sees it on the deadline board', async () => {
    const page = await open(t.office!);
    await page.waitForSelector('[data-testid=intake-p1]');
    expect(await text(page, '[data-testid=intake-p1]')).toContain(TITLE);
    await page.click('[data-testid=intake-p1] button');
    await page.waitForSelector('[data-testid=filed-note]');
    expect(await text(page, '[data-testid=filed-note]')).toBe('已立案：格政协〔2026〕第1号');
    // Out of the intake queue, into the filed list with its number.
    await page.waitForSelector('[data-testid=intake-p1]', { state: 'detached' });
    expect(await text(page, '[data-testid=filed-p1]')).toContain('格政协〔2026〕第1号');

    const form = '[data-testid=assign-form-p1]';
    await page.selectOption(`${form} select[name=unit]`, 'hu-gov');
    await page.selectOption(`${form} select[name=role]`, 'LEAD');
    await page.fill(`${form} input[name=dueOn]`, addDays(today, 30));
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector('[data-testid=deadline-board] tbody tr');
    const row = await text(page, '[data-testid=deadline-board] tbody tr');
    expect(row).toContain('格政协〔2026〕第1号');
    expect(row).toContain('市政府办公室（主办）');
    expect(row).toContain(addDays(today, 30));
    expect(row).toContain('未到期');
    expect(await page.getAttribute('[data-testid=deadline-board] tbody tr', 'data-state')).toBe('NOT_YET_DUE');
    expect(await text(page, '[data-testid=filed-p1]')).toContain('已交办: 市政府办公室（主办）');
    await screenshot(page, 'proposals-office-1366');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });

    const p = await proposal();
    expect([p.number, p.stage, p.assignments.map((a: any) => [a.unitId, a.role, a.dueOn, a.deadlineState])]).toEqual([
      '格政协〔2026〕第1号',
      'FILED',
      [['hu-gov', 'LEAD', addDays(today, 30), 'NOT_YET_DUE']],
    ]);
  }, 60_000);

  it('the handling unit sees its assignment and replies B, which needs a planned date', async () => {
    const page = await open(t.unit!, PHONE);
    await page.waitForSelector('[data-testid=unit-assignments] li');
    const item = await text(page, '[data-testid=unit-assignments] li');
    expect(item).toContain(TITLE);
    expect(item).toContain(`办理期限 ${addDays(today, 30)}`);
    const form = '[data-testid^=reply-form-]';
    await page.check(`${form} input[type=radio][value=B]`);
    await page.fill(`${form} textarea[name=text]`, '列入明年计划，分三步实施。');
    await page.click(`${form} button[type=submit]`);
    expect(await text(page, `${form} [role=alert]`)).toBe('B 类答复须填写计划解决日期。');
    await page.fill(`${form} input[name=plannedOn]`, addDays(today, 60));
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector('[data-testid=reply-status]');
    expect(await text(page, '[data-testid=reply-status]')).toBe('已答复（第 1 稿，待提案办审核） · B');
    expect(await page.$(form)).toBeNull();
    await screenshot(page, 'proposals-unit-390');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    const p = await proposal();
    expect(p.assignments[0].rounds[0].plannedOn).toEqual([{ plannedOn: addDays(today, 60), result: 'B', status: 'SUBMITTED' }]);
  }, 60_000);

  it('the office releases the reply; the member sees it and rates it on both axes', async () => {
    const p = await proposal();
    await write('office', 'releaseReply', 'ReleaseReplyInput', { proposalId: 'p1', assignmentId: p.assignments[0].id });
    const page = await open(t.member!, PHONE);
    await page.waitForSelector('[data-testid=my-p1]');
    expect(await text(page, '[data-testid=my-p1] [data-testid=stage]')).toBe('已立案');
    expect(await text(page, '[data-testid=my-p1]')).toContain('格政协〔2026〕第1号');
    expect(await text(page, '[data-testid^=my-assignment-]')).toMatch(/^市政府办公室（主办）· 已发布 · B 列入计划拟解决/);
    const form = '[data-testid^=rate-form-]';
    await page.selectOption(`${form} select[name=attitude]`, 'SATISFIED');
    await page.selectOption(`${form} select[name=result]`, 'BASICALLY_SATISFIED');
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector('[data-testid=rated]');
    expect(await text(page, '[data-testid=rated]')).toBe('已评价：办理态度 满意，办理结果 基本满意');
    expect(await page.$(form)).toBeNull();
    // Its only reply released and rated without dissatisfaction: the proposal is closed.
    expect(await text(page, '[data-testid=my-p1] [data-testid=stage]')).toBe('已办结');
    await screenshot(page, 'proposals-member-390');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    expect((await proposal()).assignments[0].rounds[0].rating).toEqual({ attitude: 'SATISFIED', result: 'BASICALLY_SATISFIED' });
  }, 60_000);

  it("the leader sees the unit's on-time bar, the overdue count, and opens the unit's list (closed, replied on time); English labels on the toggle", async () => {
    const page = await open(t.leader!);
    await page.waitForSelector('[data-testid=ontime-chart] svg text');
    const labels = await page.$$eval('[data-testid=ontime-chart] svg text', (nodes) => nodes.map((n) => n.textContent ?? ''));
    expect(labels).toEqual(expect.arrayContaining(['市政府办公室', '100%']));
    expect(await page.$$('[data-testid=ontime-chart] svg path')).not.toHaveLength(0);
    expect(await text(page, '[data-testid=overdue-count]')).toBe('超期未答复: 0');
    await page.click('[data-testid=unit-hu-gov]');
    await page.waitForSelector('[data-testid=unit-list] li');
    expect(await text(page, '[data-testid=unit-list] h3')).toBe('市政府办公室 承办的提案');
    expect(await text(page, '[data-testid=unit-list] li')).toContain(`格政协〔2026〕第1号 ${TITLE} · 已办结`);
    expect(await text(page, '[data-testid=unit-list] li')).toContain('按期答复');
    await screenshot(page, 'proposals-leader-1366');
    await page.click('[data-testid=lang]');
    expect(await text(page, '[data-testid=proposals-card] h2')).toBe('Proposals');
    expect(await text(page, '[data-testid=unit-list] h3')).toBe('Proposals assigned to 市政府办公室');
  }, 60_000);

  const read = async (query: string, who = 'leader') => {
    const res = await app.gql(query, {}, { token: t[who]! });
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const caughtUp = async () => {
    for (let i = 0; i < 100 && (await app.health()).position < (await app.health()).head; i++) await new Promise((r) => setTimeout(r, 20));
  };
  const CO_TITLE = '关于完善城乡公交网络的建议';
  const OLD_TITLE = '关于盐湖旅游开发的建议';

  it('a co-signer sees the invitations: signs the open one in the page (the API shows signedAt); the expired one has no button', async () => {
    await write('member', 'submitProposal', 'SubmitProposalInput', { proposalId: 'p2', sessionId: 't10-s5', proposerId: 'm-cpc1', coSignerIds: ['m-np'], title: CO_TITLE, reasons: '公交线路少。', suggestions: '增开城乡线路。' });
    await write('member', 'submitProposal', 'SubmitProposalInput', { proposalId: 'p3', sessionId: 't10-s5', proposerId: 'm-cpc1', title: OLD_TITLE, reasons: '旅游设施不足。', suggestions: '统一规划。' });
    // An invitation that ended yesterday, as one sent a week ago would have.
    const store = app.app.get<EventStore>(EVENT_STORE);
    const stream = await store.readStream('proposal-p3');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await store.appendToStream('proposal-p3', [{ id: newEventId(), type: 'CoSignerInvited', data: { proposalId: 'p3', memberId: 'm-np', invitedAt: yesterday, expiresAt: yesterday }, metadata: { actor: 'm-cpc1' } }], { expectedVersion: stream.at(-1)!.revision });
    await caughtUp();

    const page = await open(t.cosigner!, PHONE);
    await page.waitForSelector('[data-testid=invitation-p2] button');
    expect(await text(page, '[data-testid=invitations] h2')).toBe('联署邀请');
    expect(await text(page, '[data-testid=invitation-p2]')).toContain(CO_TITLE);
    expect(await text(page, '[data-testid=invitation-p2] button')).toBe('联署');
    expect(await text(page, '[data-testid=invitation-p3]')).toContain(OLD_TITLE);
    expect(await text(page, '[data-testid=invitation-p3] [data-testid=expired]')).toMatch(/^邀请已过期/);
    expect(await page.$('[data-testid=invitation-p3] button')).toBeNull();
    await page.click('[data-testid=invitation-p2] button');
    await page.waitForSelector('[data-testid=invitation-p2] [data-testid=cosigned]');
    expect(await text(page, '[data-testid=invitation-p2] [data-testid=cosigned]')).toMatch(/^已联署/);
    expect(await page.$('[data-testid=invitation-p2] button')).toBeNull();
    await screenshot(page, 'proposals-cosigner-390');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    const { proposal: p2 } = await read(`{ proposal(id: "p2") { coSigners { memberId signedAt } } }`);
    expect(p2.coSigners).toEqual([{ memberId: 'm-np', signedAt: expect.any(String) }]);
    const { proposal: p3 } = await read(`{ proposal(id: "p3") { coSigners { memberId signedAt } } }`);
    expect(p3.coSigners).toEqual([{ memberId: 'm-np', signedAt: null }]);
    await page.click('[data-testid=lang]');
    expect(await text(page, '[data-testid=invitation-p3] [data-testid=expired]')).toMatch(/^Invitation expired/);
  }, 60_000);

  it('a member submits a proposal through the form, with a co-signer, and sees it among their proposals', async () => {
    const page = await open(t.member!);
    const form = '[data-testid=submit-form]';
    await page.waitForSelector(form);
    expect(await page.$$eval(`${form} select[name=session] option`, (nodes) => nodes.map((n) => n.textContent ?? ''))).toEqual(['十届五次会议']);
    await page.fill(`${form} input[name=title]`, '关于加强中小学课后服务的建议');
    await page.fill(`${form} textarea[name=reasons]`, '课后服务供给不足。');
    await page.fill(`${form} textarea[name=suggestions]`, '一、统筹师资；二、引入社会资源。');
    await page.fill(`${form} input[name=coSigners]`, 'm-np');
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector('[data-testid=submitted-note]');
    expect(await text(page, '[data-testid=submitted-note]')).toBe('已提交：关于加强中小学课后服务的建议');
    await page.waitForSelector('[data-testid=member-proposals] li:has-text("关于加强中小学课后服务的建议")');
    expect(await text(page, '[data-testid=member-proposals] li:has-text("关于加强中小学课后服务的建议") [data-testid=stage]')).toBe('已提交');
    expect(await page.inputValue(`${form} input[name=title]`)).toBe('');
    await screenshot(page, 'proposals-member-submit-1366');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    const { proposals } = await read(`{ proposals(proposerId: "m-cpc1", first: 50) { edges { node { title stage sessionId termId coSigners { memberId signedAt } text { reasons suggestions } } } } }`);
    const mine = proposals.edges.map((e: any) => e.node).find((n: any) => n.title === '关于加强中小学课后服务的建议');
    expect(mine).toEqual({
      title: '关于加强中小学课后服务的建议',
      stage: 'SUBMITTED',
      sessionId: 't10-s5',
      termId: 't10',
      coSigners: [{ memberId: 'm-np', signedAt: null }],
      text: { reasons: '课后服务供给不足。', suggestions: '一、统筹师资；二、引入社会资源。' },
    });
  }, 60_000);

  it('the handling unit records a consultation with the proposer (走访提案人) and the assignment shows consulted', async () => {
    await write('office', 'fileProposal', 'FileProposalInput', { proposalId: 'p2' });
    await write('office', 'assignProposal', 'AssignProposalInput', { proposalId: 'p2', assignmentId: 'a-p2', unitId: 'hu-gov', role: 'LEAD', dueOn: addDays(today, 60) });
    const page = await open(t.unit!, PHONE);
    const item = '[data-testid=assignment-a-p2]';
    await page.waitForSelector(`${item} [data-testid=consult-a-p2]`);
    expect(await text(page, item)).toContain(CO_TITLE);
    expect(await text(page, `${item} [data-testid=consulted]`)).toBe('未走访提案人');
    await page.click(`${item} [data-testid=consult-a-p2]`);
    const form = `${item} [data-testid=consult-form-a-p2]`;
    await page.selectOption(`${form} select[name=channel]`, 'VISIT');
    await page.fill(`${form} input[name=topic]`, '走访提案人，听取对城乡公交的意见');
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector(`${item} [data-testid=consulted][data-consulted=yes]`);
    expect(await text(page, `${item} [data-testid=consulted]`)).toBe('已走访');
    expect(await page.$(form)).toBeNull();
    await screenshot(page, 'proposals-unit-consult-390');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    const { proposal: p } = await read(`{ proposal(id: "p2") { contactIds assignments { id consulted } } }`);
    expect([p.contactIds.length, p.assignments]).toEqual([1, [{ id: 'a-p2', consulted: true }]]);
    const { contact } = await read(`{ contact(id: "${p.contactIds[0]}") { channel topic participantIds } }`);
    expect(contact).toMatchObject({ channel: 'VISIT', topic: '走访提案人，听取对城乡公交的意见' });
    await page.click('[data-testid=lang]');
    expect(await text(page, `${item} [data-testid=consulted]`)).toBe('consulted');
  }, 60_000);
});
