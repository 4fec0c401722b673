/**
 * The members' duty records (履职档案) in a real browser (Debian's chromium through
 * playwright-core), against the real API on a SQLite file loaded with the sample network
 * (sample/golmud). A member (邹涛波, m-116) sees its own 2020 record — every count, each points
 * line and the table that applied — as the GraphQL API answers it, then its term's, and downloads
 * the printable page (the API's page, byte for byte) and the .xlsx workbook (its figures); asking
 * for another member's record it is told it may read its own only. A leader sorts the list by a
 * column heading, both ways, in the API's order, and opens a row. The committee office records a
 * plenary sitting and its roll call on the page, corrects one member's attendance, and
 * the member's attendance count and points change on the list, in the API and on its own page;
 * then it sets a points table from 2020 on its form and the member's 2020 points follow it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cli, ensureBuilt } from './support/compiled.js';
import { fitsWidth, launchBrowser, screenshot, SCREENSHOTS } from './support/browser.js';
import { removeDir, startApp, tempDir, type TestApp } from './support/app.js';

declare const document: any;

const YEAR = 2020;
const PHONE = { width: 390, height: 844 };
const MEMBER = 'm-116';
const TITLE = '政协格尔木市第十届委员会第四次会议第三次全体会议';
const LEVELS = ['City', 'Prefecture', 'Province', 'National'];
const COLUMNS = [
  'contacts', 'linksDue', 'linksServed', 'linksMet',
  'proposalsLed', 'proposalsLedFiled', 'proposalsLedNotFiled', 'proposalsLedMerged', 'proposalsLedPending', 'proposalsLedWithdrawn',
  'proposalsCoSigned', 'proposalsCoSignedFiled', 'proposalsCoSignedNotFiled', 'proposalsCoSignedMerged', 'proposalsCoSignedPending',
  'opinionsSubmitted', 'opinionsAdopted', ...LEVELS.map((l) => `opinionsAdoptedAt${l}`), ...LEVELS.map((l) => `instructions${l}`),
  'inspectionsInvited', 'inspectionsAttended',
  'plenaryAttended', 'plenaryExcused', 'plenaryAbsent', 'standingAttended', 'standingExcused', 'standingAbsent',
];
const FIELDS = `memberId name year termId years points counts { ${COLUMNS.join(' ')} } byYear { year fromYear reason points lines { item count each points } }`;
const RECORD = `query($m: ID!, $y: Int, $t: ID) { dutyRecord(memberId: $m, year: $y, termId: $t) { ${FIELDS} } }`;
const RECORDS = `query($y: Int, $o: DutySortColumn, $d: SortDirection) { dutyRecords(year: $y, orderBy: $o, direction: $d) { memberId points counts { ${COLUMNS.join(' ')} } } }`;
const EXPORT = `query($m: ID, $y: Int, $f: DutyExportFormat!) { dutyRecordExport(memberId: $m, year: $y, format: $f) { filename content encoding } }`;

type D = Record<string, any>;

describe('the duty records in a browser', () => {
  let dir: string;
  let app: TestApp;
  let browser: Browser;
  const t: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  const gql = async (query: string, variables: Record<string, unknown>, token = app.tokens.LEADER) => {
    const res = await app.gql(query, variables, { token });
    if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
    return res.data as D;
  };
  const record = async (memberId: string, scope: { y?: number; t?: string } = { y: YEAR }, token?: string) => (await gql(RECORD, { m: memberId, ...scope }, token)).dutyRecord as D;

  async function open(token: string, hash: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/${hash}${hash.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`);
    return page;
  }
  const text = (page: Page, selector: string) => page.textContent(selector).then((s) => (s ?? '').replace(/\s+/g, ' ').trim());
  /** What the record card shows: the name, the total, every count, and each year's lines. */
  const shown = (page: Page, card = '[data-testid=duty-record]') =>
    page.$eval(card, (el: any) => ({
      memberId: el.querySelector('[data-testid=duty-record-body]').getAttribute('data-member'),
      name: el.querySelector('[data-testid=duty-name]').textContent,
      points: Number(el.querySelector('[data-testid=duty-points]').textContent),
      counts: Object.fromEntries([...el.querySelectorAll('[data-testid=duty-counts] tr[data-count]')].map((tr: any) => [tr.getAttribute('data-count'), Number(tr.querySelector('td.num').textContent)])),
      byYear: [...el.querySelectorAll('section[data-testid^=duty-year-]')].map((s: any) => ({
        year: Number(s.getAttribute('data-testid').slice('duty-year-'.length)),
        fromYear: s.getAttribute('data-from-year') === '' ? null : Number(s.getAttribute('data-from-year')),
        points: Number(s.querySelector('tr[data-item=total] td[data-col=points]').textContent),
        lines: [...s.querySelectorAll('tr[data-item]:not([data-item=total])')].map((tr: any) => ({
          item: tr.getAttribute('data-item'),
          count: Number(tr.querySelector('[data-col=count]').textContent),
          each: Number(tr.querySelector('[data-col=each]').textContent),
          points: Number(tr.querySelector('[data-col=points]').textContent),
        })),
      })),
    }));
  const expectedShown = (r: D) => ({ memberId: r.memberId, name: r.name, points: r.points, counts: r.counts, byYear: r.byYear.map((y: D) => ({ year: y.year, fromYear: y.fromYear, points: y.points, lines: y.lines })) });
  /** Waits until the card shows `r`'s figures (a new period or a write is read in the background), then compares all of them. */
  async function expectRecord(page: Page, r: D, card = '[data-testid=duty-record]') {
    await page
      .waitForFunction(
        ([sel, m, p, years]) => {
          const el = document.querySelector(sel);
          const body = el?.querySelector('[data-testid=duty-record-body]');
          return body?.getAttribute('data-member') === m && Number(el.querySelector('[data-testid=duty-points]').textContent) === p && el.querySelectorAll('section[data-testid^=duty-year-]').length === years && !el.querySelector('.refreshing');
        },
        [card, r.memberId, r.points, r.byYear.length] as const,
        { timeout: 20_000 },
      )
      .catch(() => undefined);
    expect(await shown(page, card)).toEqual(expectedShown(r));
  }
  async function download(page: Page, testId: string, scope = 'body') {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`${scope} [data-testid=${testId}]`)]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  }
  const rowOrder = (page: Page) => page.$$eval('[data-testid=duty-table] tbody tr', (rows) => rows.map((tr: any) => tr.getAttribute('data-member')));
  async function expectOrder(page: Page, column: string, direction: 'ASC' | 'DESC') {
    const expected = ((await gql(RECORDS, { y: YEAR, o: column, d: direction })).dutyRecords as D[]).map((r) => r.memberId);
    await page
      .waitForFunction(
        ([want, col, dir]) =>
          document.querySelector(`[data-testid=sort-${col}]`)?.getAttribute('data-sorted') === dir &&
          JSON.stringify([...document.querySelectorAll('[data-testid=duty-table] tbody tr')].map((tr: any) => tr.getAttribute('data-member'))) === JSON.stringify(want),
        [expected, column, direction] as const,
        { timeout: 20_000 },
      )
      .catch(() => undefined);
    expect(await page.getAttribute(`[data-testid=sort-${column}]`, 'data-sorted')).toBe(direction);
    expect(await rowOrder(page)).toEqual(expected);
    return expected;
  }

  beforeAll(async () => {
    ensureBuilt();
    dir = tempDir('liaison-duty-browser-');
    const dataFile = join(dir, 'liaison.db');
    expect(cli('import', '--dir', 'sample/golmud', '--db', dataFile).status).toBe(0);
    app = await startApp({ dataFile });
    const issue = async (subject: string, grants: D[]) => {
      const res = await app.gql(`mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`, { input: { role: 'RECORDER', subject, grants } }, { token: app.tokens.ADMIN });
      if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
      return res.data.issueToken.token as string;
    };
    t.member = await issue('邹涛波', [{ kind: 'MEMBER', id: MEMBER }]);
    t.office = await issue('委员会办公室', [{ kind: 'COMMITTEE_OFFICE' }]);
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) removeDir(dir);
  });

  it('a member sees its own 2020 record as the API answers it, then its term\'s, and downloads the printable page and the workbook', async () => {
    const api = await record(MEMBER, { y: YEAR }, t.member);
    // The sample's figures (README): not a record of zeros, under the committee's 2020 table.
    expect([api.name, api.points, api.counts.contacts, api.byYear[0].fromYear]).toEqual(['邹涛波', 118, 65, 2020]);
    const page = await open(t.member!, `#/?year=${YEAR}`);
    await page.waitForSelector('[data-testid=duty-mine] [data-testid=duty-record-body]');
    expect(await text(page, '[data-testid=duty-mine] h2')).toBe('我的履职档案');
    await expectRecord(page, api);
    // Every item of the table is a line, zero counts too, each its count × the table's points.
    expect(api.byYear[0].lines.length).toBe(21);
    expect(await text(page, '[data-testid=duty-year-2020] h3')).toBe('2020年积分：2020年起施行的积分表');
    expect(await text(page, '[data-testid=duty-year-2020] tr[data-item=linkMet] td')).toBe('达到联系要求的任务');
    expect(await text(page, '[data-testid=duty-summary]')).toContain('积分合计：118');
    await screenshot(page, 'duty-member-record');
    await page.locator('[data-testid=duty-record]').screenshot({ path: join(SCREENSHOTS, 'duty-member-record-card.png') });

    // The printable page: the API's own page for the record.
    const html = await download(page, 'duty-download-html', '[data-testid=duty-record]');
    const apiHtml = (await gql(EXPORT, { m: MEMBER, y: YEAR, f: 'HTML' }, t.member)).dutyRecordExport;
    expect(html.name).toBe('duty-m-116-2020.html');
    expect(html.bytes.toString('utf-8')).toBe(apiHtml.content);
    expect(html.bytes.toString('utf-8')).toContain(`积分合计：<strong>${api.points}</strong>`);
    // The workbook: its name, points and every count as the record has them.
    const xlsx = await download(page, 'duty-download-xlsx', '[data-testid=duty-record]');
    expect(xlsx.name).toBe('duty-m-116-2020.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(cells(1)).toEqual(['委员', '邹涛波', MEMBER]);
    expect(cells(3)).toEqual(['积分合计', api.points]);
    const counts: Record<string, unknown> = {};
    sheet.eachRow((row) => {
      const field = row.getCell(3).value;
      if (typeof field === 'string' && COLUMNS.includes(field)) counts[field] = row.getCell(2).value;
    });
    expect(counts).toEqual(api.counts);

    // The term: five years, each under its own table, summed.
    const term = await record(MEMBER, { t: 'term-10' }, t.member);
    expect([term.years, term.points]).toEqual([[2017, 2018, 2019, 2020, 2021], 219]);
    await page.selectOption('[data-testid=duty-scope]', 't:term-10');
    await expectRecord(page, term);
    expect(await text(page, '[data-testid=duty-year-2019] h3')).toBe('2019年积分：默认积分表');
    // In English, the same record in English words.
    await page.click('[data-testid=lang]');
    await page.waitForSelector('[data-testid=duty-mine] h2:has-text("My duty record")');
    expect(await text(page, '[data-testid=duty-year-2019] h3')).toBe('Points for 2019: the default table');
    expect(await text(page, '[data-testid=duty-record] [data-testid=duty-download-xlsx]')).toBe('Excel workbook');
    await expectRecord(page, term);

    // On a phone the record fits the width (its tables scroll within their cards).
    const phone = await open(t.member!, `#/?year=${YEAR}`, PHONE);
    await phone.waitForSelector('[data-testid=duty-mine] [data-testid=duty-record-body]');
    await screenshot(phone, 'duty-member-390');
    expect(await fitsWidth(phone)).toMatchObject({ fits: true });
  }, 90_000);

  it('a member asking for another member\'s record is told it reads its own only; its own opens on the same page', async () => {
    const page = await open(t.member!, `#/duty?member=m-001&year=${YEAR}`);
    await page.waitForSelector('[data-testid=duty-page] [data-testid=duty-forbidden]');
    expect(await text(page, '[data-testid=duty-forbidden]')).toBe('您只能查看本人的履职档案，不能查看其他委员（m-001）的档案。');
    expect(await page.getAttribute('[data-testid=duty-forbidden]', 'role')).toBe('alert');
    expect(await page.$('[data-testid=duty-record-body]')).toBeNull();
    // The page did not break: the header and the way back are there.
    expect(await text(page, '[data-testid=who]')).toContain('邹涛波');
    await screenshot(page, 'duty-member-forbidden');
    // The API refuses it as well; the same page opens the member's own record.
    const refused = await app.gql(RECORD, { m: 'm-001', y: YEAR }, { token: t.member });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    await page.goto(`${app.url}/#/duty?member=${MEMBER}&year=${YEAR}`);
    await page.waitForSelector('[data-testid=duty-page] [data-testid=duty-record-body]');
    expect(await page.$('[data-testid=duty-forbidden]')).toBeNull();
    await expectRecord(page, await record(MEMBER, { y: YEAR }, t.member));
  }, 60_000);

  it('a leader sorts the list by a column heading, both ways, in the API\'s order, and opens a member\'s record from a row', async () => {
    const page = await open(app.tokens.LEADER, `#/?year=${YEAR}`);
    await page.waitForSelector('[data-testid=duty-table] tbody tr');
    // By points, highest first, at the start; 150 members.
    const byPoints = await expectOrder(page, 'points', 'DESC');
    expect(byPoints.length).toBe(150);
    await page.click('[data-testid=sort-linksMet] button');
    const byLinksMet = await expectOrder(page, 'linksMet', 'DESC');
    expect(byLinksMet[0]).toBe('m-140');
    expect(byLinksMet).not.toEqual(byPoints);
    // The column's figures on the page run highest first.
    const shownLinksMet = await page.$$eval('[data-testid=duty-table] tbody td[data-col=linksMet]', (tds) => tds.map((td: any) => Number(td.textContent)));
    expect(shownLinksMet).toEqual([...shownLinksMet].sort((a, b) => b - a));
    expect(shownLinksMet[0]).toBe(28);
    await page.click('[data-testid=sort-linksMet] button');
    await expectOrder(page, 'linksMet', 'ASC');
    await page.click('[data-testid=sort-name] button');
    await expectOrder(page, 'name', 'ASC');
    await screenshot(page, 'duty-leader-list');
    // The whole list as a workbook, in the order of the column sorted by: every member's row with the API's figures.
    await page.click('[data-testid=sort-linksMet] button');
    await expectOrder(page, 'linksMet', 'DESC');
    const list = await download(page, 'duty-list-xlsx', '[data-testid=duty-list]');
    expect(list.name).toBe('duty-members-2020.xlsx');
    const listBook = new ExcelJS.Workbook();
    await listBook.xlsx.load(list.bytes as unknown as ArrayBuffer);
    const listRows: unknown[][] = [];
    listBook.worksheets[0]!.eachRow((row, n) => n > 1 && listRows.push((row.values as unknown[]).slice(1)));
    const all = (await gql(RECORDS, { y: YEAR, o: 'linksMet', d: 'DESC' })).dutyRecords as D[];
    expect(listRows.map((r) => [r[0], r[2], r[3]])).toEqual(all.map((r) => [r.memberId, r.points, r.counts.contacts]));

    // A row opens that member's record, with its export.
    await page.click(`[data-testid=duty-table] tr[data-member=${MEMBER}] td:nth-child(2)`);
    await page.waitForSelector('[data-testid=duty-record] [data-testid=duty-record-body]');
    await expectRecord(page, await record(MEMBER));
    const xlsx = await download(page, 'duty-download-xlsx', '[data-testid=duty-record]');
    expect(xlsx.name).toBe('duty-m-116-2020.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect((book.worksheets[0]!.getRow(3).values as unknown[]).slice(1)).toEqual(['积分合计', 118]);
    // The record opens as a page of its own, its address naming the member and the year.
    await page.click('[data-testid=duty-permalink]');
    await page.waitForSelector('[data-testid=duty-page] [data-testid=duty-record-body]');
    expect(new URL(page.url()).hash).toBe(`#/duty?member=${MEMBER}&year=${YEAR}`);
    await expectRecord(page, await record(MEMBER));

    // On a phone the list, 36 columns wide, scrolls within its card: the page fits the width.
    const phone = await open(app.tokens.LEADER, `#/?year=${YEAR}`, PHONE);
    await phone.waitForSelector('[data-testid=duty-table] tbody tr');
    await phone.click(`[data-testid=duty-table] tr[data-member=${MEMBER}] td:nth-child(2)`);
    await phone.waitForSelector('[data-testid=duty-record] [data-testid=duty-record-body]');
    await screenshot(phone, 'duty-leader-390');
    expect(await fitsWidth(phone)).toMatchObject({ fits: true });
  }, 90_000);

  it('the office records a meeting and its roll call, corrects an attendance, and the member\'s attendance count changes', async () => {
    const before = await record(MEMBER);
    const other = await record('m-003');
    const page = await open(t.office!, `#/?year=${YEAR}`);
    const form = '[data-testid=record-meeting-form]';
    await page.waitForSelector(`${form} select[name=sessionId] option[value=ps-10-4]`, { state: 'attached' });
    await page.selectOption(`${form} select[name=kind]`, 'PLENARY');
    await page.fill(`${form} input[name=title]`, TITLE);
    await page.fill(`${form} input[name=heldOn]`, '2020-01-08');
    await page.selectOption(`${form} select[name=sessionId]`, 'ps-10-4');
    await page.click(`${form} button[type=submit]`);
    // The new meeting's roll call opens.
    await page.waitForSelector('[data-testid=roll-call] tr[data-member=m-116] select');
    expect(await text(page, '[data-testid=roll-call] h2')).toBe(`${TITLE} 的点名`);
    // A plenary sitting's roll call lists every member.
    expect(await page.$$eval('[data-testid=roll-call-table] tbody tr', (rows) => rows.length)).toBe(150);
    const roll = '[data-testid=roll-call-form]';
    await page.selectOption(`${roll} select[name=status-${MEMBER}]`, 'ATTENDED');
    await page.selectOption(`${roll} select[name=status-m-002]`, 'EXCUSED');
    await page.fill(`${roll} input[name=reason-m-002]`, '因公出差');
    await page.selectOption(`${roll} select[name=status-m-003]`, 'ABSENT');
    expect(await text(page, '[data-testid=save-roll-call]')).toBe('保存点名（3人）');
    await page.click('[data-testid=save-roll-call]');

    // The API has the meeting and its roll call as typed.
    const meetings = async () => ((await gql(`query { meetings(year: ${YEAR}) { id kind title heldOn sessionId termId attendance { memberId status leaveReason corrections } } }`, {}, t.office)).meetings as D[]).filter((m) => m.title.includes('第三次全体会议'));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=meetings-table] tr[data-meeting]')].some((tr: any) => tr.textContent.includes('第三次全体会议') && tr.textContent.includes('出席 1，请假 1，缺席 1')), undefined, { timeout: 20_000 });
    const [meeting] = await meetings();
    expect(meeting).toMatchObject({ kind: 'PLENARY', heldOn: '2020-01-08', sessionId: 'ps-10-4', termId: 'term-10' });
    expect([...meeting!.attendance].sort((a: D, b: D) => a.memberId.localeCompare(b.memberId))).toEqual([
      { memberId: 'm-002', status: 'EXCUSED', leaveReason: '因公出差', corrections: 0 },
      { memberId: 'm-003', status: 'ABSENT', leaveReason: '', corrections: 0 },
      { memberId: MEMBER, status: 'ATTENDED', leaveReason: '', corrections: 0 },
    ]);

    // The member's record: one more plenary sitting attended, its points with it.
    const after = await record(MEMBER);
    const each = before.byYear[0].lines.find((l: D) => l.item === 'plenaryAttended').each;
    expect(each).toBeGreaterThan(0);
    expect([after.counts.plenaryAttended, after.points]).toEqual([before.counts.plenaryAttended + 1, before.points + each]);
    // The list on the office's page shows it.
    const cell = `[data-testid=duty-table] tr[data-member=${MEMBER}] td[data-col=plenaryAttended]`;
    await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent === String(n), [cell, after.counts.plenaryAttended] as const, { timeout: 20_000 }).catch(() => undefined);
    expect(await text(page, cell)).toBe(String(after.counts.plenaryAttended));
    expect(await text(page, `[data-testid=duty-table] tr[data-member=${MEMBER}] td[data-col=points]`)).toBe(String(after.points));
    expect(await text(page, `[data-testid=duty-table] tr[data-member=m-003] td[data-col=plenaryAbsent]`)).toBe(String(other.counts.plenaryAbsent + 1));

    // A correction with its reason: m-003 was on leave after all.
    const fix = '[data-testid=correct-attendance-form]';
    await page.waitForSelector(`${fix} select[name=memberId] option[value=m-003]`, { state: 'attached' });
    await page.selectOption(`${fix} select[name=memberId]`, 'm-003');
    await page.selectOption(`${fix} select[name=status]`, 'EXCUSED');
    await page.fill(`${fix} input[name=leaveReason]`, '病假（补交假条）');
    await page.fill(`${fix} input[name=reason]`, '补交请假条');
    await page.click(`${fix} button[type=submit]`);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=meetings-table] tr[data-meeting]')].some((tr: any) => tr.textContent.includes('第三次全体会议') && tr.textContent.includes('出席 1，请假 2，缺席 0')), undefined, { timeout: 20_000 });
    const [corrected] = await meetings();
    expect(corrected!.attendance.find((a: D) => a.memberId === 'm-003')).toEqual({ memberId: 'm-003', status: 'EXCUSED', leaveReason: '病假（补交假条）', corrections: 1 });
    const fixed = await record('m-003');
    expect([fixed.counts.plenaryAbsent, fixed.counts.plenaryExcused]).toEqual([other.counts.plenaryAbsent, other.counts.plenaryExcused + 1]);
    await screenshot(page, 'duty-office-roll-call');
    await page.locator('[data-testid=duty-meetings]').screenshot({ path: join(SCREENSHOTS, 'duty-office-meetings-card.png') });
    // A standing-committee meeting's roll call lists the standing committee alone, its entries as recorded.
    await page.click('[data-testid=roll-sc-10-20-1]');
    await page.waitForFunction(() => (document.querySelector('[data-testid=roll-call] h2')?.textContent ?? '').includes('第十九次'), undefined, { timeout: 20_000 });
    const sc = (await gql(`query { meetings(year: ${YEAR}) { id attendance { memberId status } } }`, {}, t.office)).meetings.find((m: D) => m.id === 'sc-10-20-1');
    // The heading shows before the meeting's roll has loaded: wait for its rows.
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=roll-call-table] tbody tr[data-status]').length === n, sc.attendance.length, { timeout: 20_000 });
    expect(await page.$$eval('[data-testid=roll-call-table] tbody tr', (rows) => rows.map((tr: any) => [tr.getAttribute('data-member'), tr.getAttribute('data-status')]))).toEqual(
      [...sc.attendance].sort((a: D, b: D) => a.memberId.localeCompare(b.memberId)).map((a: D) => [a.memberId, a.status]),
    );

    // The member sees the new count on its own page.
    const mine = await open(t.member!, `#/?year=${YEAR}`);
    await mine.waitForSelector('[data-testid=duty-mine] [data-testid=duty-record-body]');
    await expectRecord(mine, after);
    expect(await text(mine, '[data-testid=duty-counts] tr[data-count=plenaryAttended] td.num')).toBe(String(before.counts.plenaryAttended + 1));
  }, 120_000);
  it('the office sets a points table from 2020 on its form, filled with the table in force; the member\'s 2020 points follow it and 2019 keeps its own', async () => {
    const rules = (await gql(`{ dutyPointsRules { tables { fromYear reason points { contact plenaryAbsent instruction { national } } } } }`, {})).dutyPointsRules;
    const table = rules.tables.find((x: D) => x.fromYear === 2020);
    const before = await record(MEMBER);
    const before2019 = await record(MEMBER, { y: 2019 });
    const page = await open(t.office!, `#/?year=${YEAR}`);
    const form = '[data-testid=points-rules-form]';
    await page.waitForSelector(`${form} input[name=contact]`);
    // The form starts from the table in force for the year shown.
    expect(await page.inputValue(`${form} input[name=fromYear]`)).toBe('2020');
    expect([await page.inputValue(`${form} input[name=contact]`), await page.inputValue(`${form} input[name=plenaryAbsent]`), await page.inputValue(`${form} input[name="instruction.national"]`)]).toEqual(
      [String(table.points.contact), String(table.points.plenaryAbsent), String(table.points.instruction.national)],
    );
    expect(await text(page, '[data-testid=duty-tables]')).toContain(`2020年起施行的积分表（${table.reason}）`);
    await page.fill(`${form} input[name=contact]`, String(table.points.contact + 4));
    await page.fill(`${form} input[name=reason]`, '2020年修订：联系活动每次加4分');
    await page.click(`${form} button[type=submit]`);
    await page.waitForFunction(() => (document.querySelector('[data-testid=duty-tables]')?.textContent ?? '').includes('2020年修订：联系活动每次加4分'), undefined, { timeout: 20_000 });
    const after = await record(MEMBER);
    expect(after.points).toBe(before.points + 4 * before.counts.contacts);
    expect(after.byYear[0]).toMatchObject({ fromYear: 2020, reason: '2020年修订：联系活动每次加4分' });
    expect(await record(MEMBER, { y: 2019 })).toEqual(before2019);
    // The list and the member's own page say the same.
    const points = `[data-testid=duty-table] tr[data-member=${MEMBER}] td[data-col=points]`;
    await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent === String(n), [points, after.points] as const, { timeout: 20_000 }).catch(() => undefined);
    expect(await text(page, points)).toBe(String(after.points));
    const mine = await open(t.member!, `#/?year=${YEAR}`);
    await mine.waitForSelector('[data-testid=duty-mine] [data-testid=duty-record-body]');
    await expectRecord(mine, after);
    expect(await text(mine, '[data-testid=duty-year-2020] [data-testid=duty-table-reason]')).toBe('适用的积分表：2020年修订：联系活动每次加4分');
    expect(await text(mine, '[data-testid=duty-year-2020] tr[data-item=contact] td[data-col=each]')).toBe(String(table.points.contact + 4));
  }, 90_000);
});
