/**
 * The trail's page (反映 → 答复) in a real browser (Debian's chromium through playwright-core),
 * against the real API on a SQLite file. Through the API: the 河西 group's clerk logs a contact
 * raising two issues; a member makes a proposal of one; the proposals office files and assigns
 * it; the unit replies A, the office releases it, the member rates it. Through the page: the clerk
 * opens the issue from its recent contacts and sees its contact's part only; a leader follows the
 * issue hop by hop to the A reply, then as of the moment before the release; the leaders'
 * dashboard shows the year's figures per liaison group; the unit sees the proposal's steps without
 * the contact; on a phone the page fits the width.
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
const today = committeeDate(Date.now());
const day = (n: number) => addDays(today, n);
const CONTACT_DAY = day(-20);
const STEPS = `[data-testid=trail-steps] li`;

describe('the trail page in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  const t: Record<string, string> = {};
  const at: Record<string, number> = {};
  const contexts: BrowserContext[] = [];

  const write = async (who: string, name: string, input: string, values: Record<string, unknown>): Promise<number> => {
    const res = await app.gql(WRITE(name, input), { input: values }, { token: t[who]! });
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return (Object.values(res.data as object)[0] as { position: number }).position;
  };
  async function open(token: string, hash: string, viewport = LAPTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/${hash}${hash.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`);
    return page;
  }
  const kinds = (page: Page) => page.$$eval(STEPS, (items) => items.map((li: any) => [li.getAttribute('data-kind'), Number(li.getAttribute('data-position'))]));
  const text = (page: Page, selector: string) => page.textContent(selector).then((s) => (s ?? '').replace(/\s+/g, ' ').trim());

  beforeAll(async () => {
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, `mutation { openTerm(input: { termId: "t10", name: "政协格尔木市第十届委员会", number: 10, startsOn: "2022-01-01", endsOn: "2030-01-01" }) { position } }`);
    await must(app, `mutation { schedulePlenarySession(input: { sessionId: "t10-s5", name: "十届五次会议", startsOn: "2026-01-10", endsOn: "2026-01-14", termId: "t10", number: 5 }) { position } }`);
    await must(app, REGISTER_ORG, { input: { organizationId: 'hu-water', kind: 'HANDLING_UNIT', name: '市水务局' } });
    const issue = async (subject: string, grants: Array<Record<string, unknown>>) => (await app.gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN })).data.issueToken.token as string;
    t.office = await issue('提案委员会办公室', [{ kind: 'PROPOSALS_OFFICE' }]);
    t.unit = await issue('水务局联络员', [{ kind: 'HANDLING_UNIT', id: 'hu-water' }]);
    t.member = await issue('委员 m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.clerk = app.tokens.RECORDER!;
    t.leader = app.tokens.LEADER;
    await write('office', 'setProposalRules', 'SetProposalRulesInput', { numberFormat: '格政协〔{year}〕第{n}号', leadDays: 90, assistDays: 30, dayKind: 'CALENDAR', dueSoonDays: 7, invitationDays: 7, reason: '本届规则' });
    at.contact = await write('clerk', 'logContact', 'LogContactInput', {
      contactId: 'c-hexi-1',
      occurredAt: CONTACT_DAY,
      channel: 'VISIT',
      topic: '走访河西街道居民',
      participantIds: ['lg-hexi', 'm-cpc1'],
      liaisonGroupId: 'lg-hexi',
      issues: [{ issueId: 'iss-road', text: '雨后道路积水严重' }, { issueId: 'iss-light', text: '路灯损坏' }],
    });
    at.submitted = await write('member', 'submitProposal', 'SubmitProposalInput', { proposalId: 'p-road', sessionId: 't10-s5', proposerId: 'm-cpc1', title: '关于解决道路积水的建议', reasons: '居民反映。', suggestions: '改造排水。', sourceContactId: 'c-hexi-1', sourceIssueId: 'iss-road' });
    at.filed = await write('office', 'fileProposal', 'FileProposalInput', { proposalId: 'p-road' });
    at.assigned = await write('office', 'assignProposal', 'AssignProposalInput', { proposalId: 'p-road', assignmentId: 'a-water', unitId: 'hu-water', role: 'LEAD', dueOn: day(60) });
    at.replied = await write('unit', 'replyToProposal', 'ReplyToProposalInput', { proposalId: 'p-road', assignmentId: 'a-water', result: 'A', text: '已完成排水改造', letterDate: today });
    at.released = await write('office', 'releaseReply', 'ReleaseReplyInput', { proposalId: 'p-road', assignmentId: 'a-water' });
    at.rated = await write('member', 'rateReply', 'RateReplyInput', { proposalId: 'p-road', assignmentId: 'a-water', attitude: 'SATISFIED', result: 'SATISFIED' });
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the group\'s clerk opens a raised issue from its recent contacts: its contact\'s part, no proposal its grants do not reach', async () => {
    const page = await open(t.clerk!, '#/');
    await page.waitForSelector('[data-testid=trail-link-iss-road]');
    expect(await page.$$eval('[data-testid=raised-issues] a', (links) => links.map((a: any) => [a.textContent, a.getAttribute('href')]))).toEqual([
      ['雨后道路积水严重', '#/trail?issue=iss-road'],
      ['路灯损坏', '#/trail?issue=iss-light'],
    ]);
    await page.click('[data-testid=trail-link-iss-road]');
    await page.waitForSelector('[data-testid=trail-contact]');
    expect(await text(page, '[data-testid=trail-issue-text]')).toBe('雨后道路积水严重');
    expect(await kinds(page)).toEqual([['ISSUE_RAISED', at.contact]]);
    expect(await page.isVisible('[data-testid=trail-no-works]')).toBe(true);
    // Back to the group's page.
    await page.click('[data-testid=trail-back]');
    await page.waitForSelector('[data-testid=trail-link-iss-road]');
  }, 60_000);

  it('a leader follows the issue hop by hop to the A reply, then as of the moment before the release', async () => {
    const page = await open(t.leader!, '#/trail?issue=iss-road');
    await page.waitForSelector(STEPS);
    expect(await kinds(page)).toEqual([
      ['ISSUE_RAISED', at.contact],
      ['PROPOSAL_SUBMITTED', at.submitted],
      ['PROPOSAL_FILED', at.filed],
      ['ASSIGNED', at.assigned],
      ['REPLY_SUBMITTED', at.replied],
      ['REPLY_RELEASED', at.released],
      ['REPLY_RATED', at.rated - 1],
      ['PROPOSAL_CLOSED', at.rated],
    ]);
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('[data-testid=trail-steps] li[data-kind=ASSIGNED]')?.textContent ?? '').includes('市水务局'));
    expect(await text(page, '[data-testid=trail-participants]')).toBe('河西街道联络组、委员m-cpc1');
    expect(await text(page, `${STEPS}[data-kind=REPLY_RELEASED]`)).toContain('结果 A');
    expect(await page.getAttribute('[data-testid=trail-works] li', 'data-stage')).toBe('CLOSED');
    expect(await text(page, '[data-testid=trail-answer]')).toBe(`答复发出 (提案 p-road)，${today}（距联系 20 天）`);
    await screenshot(page, 'trail-leader');

    await page.fill('[data-testid=trail-form] input[name=asOf]', String(at.released - 1));
    await page.click('[data-testid=trail-form] button[type=submit]');
    await page.waitForSelector('[data-testid=trail-as-of]');
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid=trail-steps] li').length === n, 5);
    expect((await kinds(page)).map(([k]) => k)).toEqual(['ISSUE_RAISED', 'PROPOSAL_SUBMITTED', 'PROPOSAL_FILED', 'ASSIGNED', 'REPLY_SUBMITTED']);
    expect(await text(page, '[data-testid=trail-answer]')).toBe('尚未得到A类答复或采用。');
    expect(await page.evaluate(() => (globalThis as any).location.hash)).toBe(`#/trail?issue=iss-road&asOf=${at.released - 1}`);

    // An issue not on record, then the other one, taken up by nothing.
    await page.fill('[data-testid=trail-form] input[name=issueId]', 'iss-none');
    await page.fill('[data-testid=trail-form] input[name=asOf]', '');
    await page.click('[data-testid=trail-form] button[type=submit]');
    await page.waitForSelector('[data-testid=trail-none]');
    await page.fill('[data-testid=trail-form] input[name=issueId]', 'iss-light');
    await page.click('[data-testid=trail-form] button[type=submit]');
    await page.waitForSelector('[data-testid=trail-no-works]');
    expect(await kinds(page)).toEqual([['ISSUE_RAISED', at.contact]]);
  }, 60_000);

  it('the leaders\' dashboard shows the year\'s raised issues per liaison group: taken up, answered, the median days', async () => {
    const page = await open(t.leader!, `#/?year=${CONTACT_DAY.slice(0, 4)}`);
    const row = '[data-testid=trail-figures] tr[data-group=lg-hexi]';
    await page.waitForSelector(row);
    const cells = (selector: string) => page.$eval(selector, (tr: any) => Array.from(tr.querySelectorAll('td')).map((c: any) => c.textContent));
    expect(await cells(row)).toEqual(['河西街道联络组', '2', '1 (50%)', '1 (100%)', '20']);
    expect(await cells('[data-testid=trail-figures] tr[data-group=total]')).toEqual(['全委员会', '2', '1 (50%)', '1 (100%)', '20']);
  }, 60_000);

  it('the unit sees the proposal\'s steps without the contact; on a phone the page fits the width', async () => {
    const page = await open(t.unit!, '#/trail?issue=iss-road', PHONE);
    await page.waitForSelector('[data-testid=trail-contact-hidden]');
    expect((await kinds(page)).map(([k]) => k)).toEqual(['PROPOSAL_SUBMITTED', 'PROPOSAL_FILED', 'ASSIGNED', 'REPLY_SUBMITTED', 'REPLY_RELEASED', 'REPLY_RATED', 'PROPOSAL_CLOSED']);
    // The days from the contact need the contact, which the unit may not read.
    expect(await text(page, '[data-testid=trail-answer]')).toBe(`答复发出 (提案 p-road)，${today}`);
    expect((await fitsWidth(page)).fits).toBe(true);
    await screenshot(page, 'trail-unit-phone');
  }, 60_000);
});
