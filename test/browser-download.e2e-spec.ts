/**
 * The leaders' tables as a download, in a real browser (Debian's chromium through playwright-core),
 * against the real API on a SQLite file loaded with the sample network: the coverage card's and the
 * stale-links card's CSV files, with a byte-order mark, the page's language in the header, and the
 * GraphQL API's numbers for the same period in the rows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cli } from './support/compiled.js';
import { launchBrowser } from './support/browser.js';
import { removeDir, startApp, tempDir, type TestApp } from './support/app.js';

const SCHEMES = ['PARTY_GROUP_TO_PARTY_MEMBER', 'PARTY_MEMBER_TO_NON_PARTY', 'COMMITTEE_TO_PARTIES_AND_ORGS', 'SECTOR', 'LIAISON_GROUP', 'CONVENER'];
const BOM = [0xef, 0xbb, 0xbf];

type Series = Array<{ period: { id: string }; schemes: Array<{ scheme: string; due: number; covered: number }> }>;
interface StaleNode {
  linkId: string;
  daysSinceLast: number | null;
  activeFrom: string;
}

/** A committee-time (UTC+8) day of an instant. */
const committeeDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

describe("the leaders' tables as a download", () => {
  let dir: string;
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(hash: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/${hash}&token=${encodeURIComponent(app.tokens.LEADER)}`);
    return page;
  }

  /** Clicks a download button and returns the file's name and bytes. */
  async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer; rows: string[][] }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
    const bytes = readFileSync((await file.path())!);
    return { name: file.suggestedFilename(), bytes, rows: parse(bytes, { bom: true }) as string[][] };
  }

  beforeAll(async () => {
    dir = tempDir('liaison-download-');
    const dataFile = join(dir, 'liaison.db');
    expect(cli('import', '--dir', 'sample/golmud', '--db', dataFile).status).toBe(0);
    app = await startApp({ dataFile });
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    removeDir(dir);
  });

  it("downloads the coverage card's scheme × period table with the GraphQL API's numbers, in Chinese, then in English", async () => {
    const page = await open('#/?year=2020&per=QUARTER&period=2020');
    await page.waitForSelector('[data-testid=heatmap] svg text');
    const res = await app.gql<{ coverageSeries: Series }>(
      `query($from: String!, $to: String!) { coverageSeries(from: $from, to: $to, per: QUARTER) { period { id } schemes { scheme due covered } } }`,
      { from: '2020-01-01', to: '2020-12-31' },
    );
    expect(res.errors).toBeUndefined();
    const expected = res.data!.coverageSeries.flatMap((p) =>
      SCHEMES.map((scheme) => {
        const cell = p.schemes.find((s) => s.scheme === scheme)!;
        return [p.period.id, String(cell.covered), String(cell.due), cell.due ? `${Math.round((cell.covered / cell.due) * 1000) / 10}%` : ''];
      }),
    );

    const file = await download(page, 'coverage-download');
    expect(file.name).toBe('覆盖率-2020.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual(BOM);
    const [header, ...rows] = file.rows;
    expect(header).toEqual(['时段', '联系制度', '达标', '应履行', '覆盖率']);
    expect(rows.map(([period, , covered, due, ratio]) => [period, covered, due, ratio])).toEqual(expected);
    expect(rows.length).toBe(4 * SCHEMES.length);
    // Every scheme named, once per period.
    expect(new Set(rows.map((r) => r[1])).size).toBe(SCHEMES.length);
    expect(rows.every((r) => r[1]!.length > 0 && !/^[A-Z_]+$/.test(r[1]!))).toBe(true);

    await page.click('[data-testid=lang]');
    await page.waitForSelector('[data-testid=coverage-download]:has-text("Download")');
    const english = await download(page, 'coverage-download');
    expect(english.name).toBe('coverage-2020.csv');
    expect([...english.bytes.subarray(0, 3)]).toEqual(BOM);
    expect(english.rows[0]).toEqual(['Period', 'Scheme', 'covered', 'due', 'Coverage']);
    expect(english.rows.slice(1).map(([period, , covered, due, ratio]) => [period, covered, due, ratio])).toEqual(expected);
  }, 60_000);

  it('downloads every stale link the filters show, past the page on screen, as the GraphQL API answers them', async () => {
    const days = 30;
    const page = await open(`#/?year=2020&per=QUARTER&period=2020&days=${days}`);
    await page.waitForSelector('[data-testid=stale-table] tbody tr');
    // The card's question for the whole year 2020: stale on its last instant, committee time.
    const on = new Date(Date.UTC(2021, 0, 1) - 8 * 3600_000 - 1).toISOString();
    const all: StaleNode[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const res: { errors?: unknown; data?: { staleLinks: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: StaleNode }> } } } = await app.gql(
        `query($days: Int!, $on: String, $after: String) { staleLinks(days: $days, on: $on, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { linkId daysSinceLast activeFrom } } } }`,
        { days, on, after },
      );
      expect(res.errors).toBeUndefined();
      all.push(...res.data!.staleLinks.edges.map((e) => e.node));
      totalCount = res.data!.staleLinks.totalCount;
      after = res.data!.staleLinks.pageInfo.hasNextPage ? res.data!.staleLinks.pageInfo.endCursor : null;
    } while (after);
    expect(all.length).toBe(totalCount);
    const shown = await page.$$eval('[data-testid=stale-table] tbody tr', (rows) => rows.length);

    const file = await download(page, 'stale-download');
    expect(file.name).toBe('久未联系的任务-2020.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual(BOM);
    const [header, ...rows] = file.rows;
    expect(header).toEqual(['任务编号', '联系人', '联系对象', '联系制度', '距上次联系（天）', '上次联系', '任务开始']);
    expect(rows.length).toBe(totalCount);
    // More than the card's one page (100 rows): the download paged through them all.
    expect(totalCount).toBeGreaterThan(100);
    expect(shown).toBe(100);
    expect(rows.map((r) => [r[0], r[4], r[6]])).toEqual(all.map((n) => [n.linkId, n.daysSinceLast === null ? '从未联系' : String(n.daysSinceLast), committeeDay(n.activeFrom)]));
    expect(rows.every((r) => r[1]!.length > 0 && r[2]!.length > 0)).toBe(true);
    // Nothing in the file starts a formula.
    expect(rows.flat().some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
  }, 60_000);
});
