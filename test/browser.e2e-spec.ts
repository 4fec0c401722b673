/**
 * The page in a real browser (Debian's chromium through playwright-core), against the real API
 * on a SQLite file loaded with the sample network. What a leader and a liaison group's clerk see
 * is checked against what the public GraphQL API answers for the same question.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cli } from './support/compiled.js';
import { fitsWidth, launchBrowser, screenshot } from './support/browser.js';
import { removeDir, startApp, tempDir, type TestApp } from './support/app.js';

/** Functions passed to page.evaluate run in the browser, where `document` exists; the test program has no DOM types. */
declare const document: any;

const SCHEMES = ['PARTY_GROUP_TO_PARTY_MEMBER', 'PARTY_MEMBER_TO_NON_PARTY', 'COMMITTEE_TO_PARTIES_AND_ORGS', 'SECTOR', 'LIAISON_GROUP', 'CONVENER'];
const GROUP = 'lg-kunlunlu';
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

interface SeriesCell {
  scheme: string;
  due: number;
  covered: number;
}
type Series = Array<{ period: { id: string }; schemes: SeriesCell[] }>;

/** Today in committee time (UTC+8): the year and quarter a live contact falls in. */
function committeeNow() {
  const shifted = new Date(Date.now() + 8 * 3600_000);
  const year = shifted.getUTCFullYear();
  return { year, quarter: `${year}-Q${Math.floor(shifted.getUTCMonth() / 3) + 1}` };
}

/** The labels the heatmap must show for a series, cell by cell (period-major, schemes in order). */
function expectedLabels(series: Series): string[] {
  return series.flatMap((p) =>
    SCHEMES.flatMap((scheme) => {
      const cell = p.schemes.find((s) => s.scheme === scheme)!;
      return cell.due === 0 ? ['—'] : [`${Math.round((cell.covered / cell.due) * 100)}%`, `${cell.covered}/${cell.due}`];
    }),
  );
}

/** The heatmap's cell labels as drawn (SVG text), axis labels left out. */
const CELL_LABEL = /^(\d+%|\d+\/\d+|—)$/;

async function heatmapLabels(page: Page): Promise<string[]> {
  const texts = await page.$$eval('[data-testid=heatmap] svg text', (nodes) => nodes.map((n) => n.textContent ?? ''));
  return texts.filter((text) => CELL_LABEL.test(text));
}

/** Waits until the heatmap, redrawn without a reload, shows exactly these cell labels. */
async function waitForHeatmapLabels(page: Page, labels: string[]): Promise<void> {
  await page.waitForFunction(
    ({ want, pattern }) => {
      const texts = [...document.querySelectorAll('[data-testid=heatmap] svg text')].map((t: any) => t.textContent ?? '');
      return JSON.stringify(texts.filter((x: string) => new RegExp(pattern).test(x))) === want;
    },
    { want: JSON.stringify(labels), pattern: CELL_LABEL.source },
  );
}

describe('the page in a browser', () => {
  let dir: string;
  let app: TestApp;
  let browser: Browser;
  let recorderToken: string;
  const contexts: BrowserContext[] = [];

  async function open(path: string, token: string | null, viewport = LAPTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    const hash = path.includes('#') ? path : `${path}#/`;
    await page.goto(`${app.url}${token ? `${hash}${hash.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : hash}`);
    return page;
  }

  /** Opens a sign-in link as the clerk it was issued for would, on a phone. */
  async function openSignInLink(link: string): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(link);
    return page;
  }

  /** A sign-in link as the administrator's page shows it: the page's address, the token in the fragment. */
  const signInLink = () => new RegExp(`^${app.url.replace(/[.]/g, '\\.')}/#token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`);

  async function series(year: number, asOf: string | null = null): Promise<Series> {
    const res = await app.gql<{ coverageSeries: Series }>(
      `query($from: String!, $to: String!, $asOf: String) { coverageSeries(from: $from, to: $to, per: QUARTER, asOf: $asOf) { period { id } schemes { scheme due covered } } }`,
      { from: `${year}-01-01`, to: `${year}-12-31`, asOf },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.coverageSeries;
  }

  beforeAll(async () => {
    dir = tempDir('liaison-browser-');
    const dataFile = join(dir, 'liaison.db');
    const loaded = cli('import', '--dir', 'sample/golmud', '--db', dataFile);
    expect(loaded.status).toBe(0);
    app = await startApp({ dataFile });
    recorderToken = (await app.issueToken({ role: 'RECORDER', subject: '昆仑路街道联络组', liaisonGroupIds: [GROUP] })).token;
    browser = await launchBrowser();
  }, 120_000);

  // Pages left open would keep listening and redrawing on every later test's writes.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    removeDir(dir);
  });

  it("shows the sample network's coverage heatmap with the GraphQL API's numbers for the same year", async () => {
    const page = await open('/#/?year=2020&per=QUARTER&period=2020-Q2', app.tokens.LEADER);
    await page.waitForSelector('[data-testid=heatmap] svg text');
    const expected = expectedLabels(await series(2020));
    expect(expected.length).toBe(4 * SCHEMES.length * 2);
    expect(await heatmapLabels(page)).toEqual(expected);
    // The token left the address bar once it was taken into storage.
    expect(page.url()).not.toContain('token=');
    await page.waitForSelector('[data-testid=territory] li');
    await page.waitForSelector('[data-testid=stale-table] tbody tr');
    await screenshot(page, 'leaders-1366');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
  }, 60_000);

  it('opens on the year of the most recent contact when the address names no year', async () => {
    const status = await app.gql<{ readModel: { latestContactAt: string | null } }>(`{ readModel { latestContactAt } }`);
    // The sample's contacts end in 2020 (committee time); nothing has been logged live yet.
    expect(status.data!.readModel.latestContactAt).toMatch(/^2020-12-/);
    const page = await open('/', app.tokens.LEADER);
    await page.waitForSelector('[data-testid=heatmap] svg text');
    expect(await page.inputValue('select[name=year]')).toBe('2020');
    expect(await heatmapLabels(page)).toEqual(expectedLabels(await series(2020)));
  }, 60_000);

  it('sorts the stale links table by a column the reader clicks', async () => {
    const page = await open('/#/?year=2020&per=QUARTER&period=2020&days=30', app.tokens.LEADER);
    await page.waitForSelector('[data-testid=stale-table] tbody tr');
    const days = async () => page.$$eval('[data-testid=stale-table] tbody tr td.num', (cells) => cells.map((c) => c.textContent ?? ''));
    const numeric = (values: string[]) => values.filter((v) => /^\d+$/.test(v)).map(Number);
    const descending = numeric(await days());
    expect(descending.length).toBeGreaterThan(1);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await page.click('[data-testid=stale-table] th:nth-child(4) button');
    const ascending = numeric(await days());
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  }, 60_000);

  it('switches labels to English and back', async () => {
    const page = await open('/#/?year=2020', app.tokens.LEADER);
    await page.waitForSelector('[data-testid=heatmap-card] h2');
    expect(await page.textContent('[data-testid=heatmap-card] h2')).toBe('联系任务覆盖率（制度 × 时段）');
    await page.click('[data-testid=lang]');
    expect(await page.textContent('[data-testid=heatmap-card] h2')).toBe('Coverage of mandated links (scheme × period)');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=heatmap] svg text')].some((t) => t.textContent === 'Sectors'));
    await screenshot(page, 'leaders-english');
    await page.click('[data-testid=lang]');
    expect(await page.textContent('[data-testid=heatmap-card] h2')).toBe('联系任务覆盖率（制度 × 时段）');
  }, 60_000);

  it('logging a contact through the group form moves the link to met and the leaders’ heatmap, live', async () => {
    const { year, quarter } = committeeNow();
    // A link of the group that needs one contact this quarter and has none yet.
    const links = await app.gql<{ links: { edges: Array<{ node: { id: string; scheme: string; targetId: string; target: { name: string } | null; usage: { perPeriod: Array<{ counted: number; required: number; period: { id: string } }> } } }> } }>(
      `query($on: String!) { links(first: 20, activeOn: $on) { edges { node { id scheme targetId target { ... on Member { name } ... on Organization { name } } usage(per: QUARTER, on: $on) { perPeriod { counted required period { id } } } } } } }`,
      { on: new Date().toISOString() },
      { token: recorderToken },
    );
    expect(links.errors).toBeUndefined();
    const link = links.data!.links.edges
      .map((e) => e.node)
      .find((l) => {
        const now = l.usage.perPeriod[l.usage.perPeriod.length - 1];
        return now.period.id === quarter && now.required === 1 && now.counted === 0 && l.target;
      });
    expect(link).toBeDefined();

    const leaders = await open(`/#/?year=${year}&per=QUARTER&period=${quarter}`, app.tokens.LEADER);
    await leaders.waitForSelector('[data-testid=heatmap] svg text');
    const before = await series(year);
    expect(await heatmapLabels(leaders)).toEqual(expectedLabels(before));

    const clerk = await open('/', recorderToken, PHONE);
    await clerk.waitForSelector('[data-testid=contact-form]');
    await clerk.waitForSelector(`[data-link="${link!.id}"]`);
    expect(await clerk.textContent(`[data-link="${link!.id}"] [data-testid=standing-count]`)).toContain('0/1');
    const metThisQuarter = async () => Number(/已达标 (\d+) \//.exec((await clerk.textContent('[data-testid=standing-summary]')) ?? '')?.[1]);
    const metBefore = await metThisQuarter();
    await screenshot(clerk, 'group-390');
    expect(await fitsWidth(clerk)).toMatchObject({ fits: true });

    if (await clerk.$('[data-testid=contact-form] input[name=linkFilter]')) await clerk.fill('[data-testid=contact-form] input[name=linkFilter]', link!.target!.name);
    await clerk.check(`[data-testid=contact-form] input[name=link][value="${link!.id}"]`);
    // Choosing the link added both of its ends as participants.
    expect(await clerk.textContent('[data-testid=participants]')).toContain(link!.target!.name);
    await clerk.fill('[data-testid=contact-form] input[name=topic]', '走访了解社区养老服务');
    await clerk.fill('[data-testid=contact-form] textarea[name=summary]', '听取意见建议三条');
    await clerk.click('[data-testid=contact-form] button[type=submit]');
    await clerk.waitForSelector('[data-testid=logged]');
    await clerk.waitForFunction((id) => document.querySelector(`[data-link="${id}"] [data-testid=standing-count]`)?.textContent?.includes('1/1'), link!.id);
    await clerk.waitForSelector('[data-testid=recent] li >> text=走访了解社区养老服务');
    expect(await metThisQuarter()).toBe(metBefore + 1);

    // The leaders' page was not reloaded: the subscription brought the new figures.
    const after = await series(year);
    const cell = (s: Series) => s.find((p) => p.period.id === quarter)!.schemes.find((c) => c.scheme === link!.scheme)!;
    expect(cell(after).covered).toBe(cell(before).covered + 1);
    await leaders.waitForSelector('[data-testid=live-note]');
    await waitForHeatmapLabels(leaders, expectedLabels(after));
    expect(await heatmapLabels(leaders)).toEqual(expectedLabels(after));
    await screenshot(leaders, 'leaders-live-update');
  }, 90_000);

  it('shows a refused contact as a message a clerk understands and keeps what was typed; older contacts page in', async () => {
    const clerk = await open('/', recorderToken, PHONE);
    await clerk.waitForSelector('[data-testid=contact-form]');
    // Only the group itself as participant: the API answers VALIDATION on participantIds.
    await clerk.fill('[data-testid=contact-form] input[name=topic]', '只有一位参加者');
    await clerk.click('[data-testid=contact-form] button[type=submit]');
    const alert = await clerk.waitForSelector('[data-testid=contact-form] [role=alert]');
    expect(await alert.getAttribute('data-code')).toBe('VALIDATION');
    expect(await alert.textContent()).toContain('请至少选择两位不同的参加者');
    expect(await clerk.inputValue('[data-testid=contact-form] input[name=topic]')).toBe('只有一位参加者');
    await screenshot(clerk, 'group-refused');

    // Older contacts, a page at a time, in the same order as the API's timeline.
    expect(await clerk.$$eval('[data-testid=recent] > li', (items) => items.length)).toBe(10);
    await clerk.click('[data-testid=more]');
    await clerk.waitForFunction(() => document.querySelectorAll('[data-testid=recent] > li').length === 20);
    const shown = await clerk.$$eval('[data-testid=recent] > li', (items) => items.map((li: any) => li.getAttribute('data-contact')));
    const timeline = await app.gql<{ timeline: { edges: Array<{ node: { id: string } }> } }>(
      `query($g: ID!) { timeline(partyId: $g, first: 20, includeRetracted: true) { edges { node { id } } } }`,
      { g: GROUP },
      { token: recorderToken },
    );
    expect(shown).toEqual(timeline.data!.timeline.edges.map((e) => e.node.id));
  }, 60_000);

  it('corrects and retracts a recent contact with a reason; the leaders’ figures follow, live', async () => {
    const { year } = committeeNow();
    const leaders = await open(`/#/?year=${year}&per=QUARTER`, app.tokens.LEADER);
    await leaders.waitForSelector('[data-testid=heatmap] svg text');
    const before = await series(year);
    const clerk = await open('/', recorderToken, LAPTOP);
    const first = await clerk.waitForSelector('[data-testid=recent] li');
    const contactId = await first.getAttribute('data-contact');
    await clerk.click(`[data-contact="${contactId}"] button:has-text("更正")`);
    await clerk.fill('[data-testid=correct-form] input[name=topic]', '更正后的主题');
    await clerk.fill('[data-testid=correct-form] input[name=reason]', '主题记错了');
    await clerk.click('[data-testid=correct-form] button[type=submit]');
    await clerk.waitForSelector(`[data-contact="${contactId}"] >> text=更正后的主题`);
    expect(await clerk.textContent(`[data-contact="${contactId}"] .meta`)).toContain('已更正 1 次');
    await clerk.click(`[data-contact="${contactId}"] button:has-text("撤回")`);
    await clerk.fill('[data-testid=retract-form] input[name=reason]', '重复登记');
    await clerk.click('[data-testid=retract-form] button[type=submit]');
    await clerk.waitForSelector(`[data-contact="${contactId}"].retracted`);
    // The newest contact is the one the form logged this quarter: retracting it uncovers its link.
    const after = await series(year);
    expect(after).not.toEqual(before);
    await leaders.waitForSelector('[data-testid=live-note] >> text=联系记录已撤回');
    await waitForHeatmapLabels(leaders, expectedLabels(after));
    await screenshot(clerk, 'group-1366');
    expect(await fitsWidth(clerk)).toMatchObject({ fits: true });

    const contact = await app.gql<{ contact: { topic: string; retracted: boolean; corrections: number } }>(`query($id: ID!) { contact(id: $id) { topic retracted corrections } }`, { id: contactId });
    expect({ contactId, ...contact.data }).toEqual({ contactId, contact: { topic: '更正后的主题', retracted: true, corrections: 1 } });
  }, 60_000);

  it('shows the figures as recorded at an earlier moment with the as-of picker, and back to now', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A late entry: a 2020-Q3 contact logged today, on a link that had none that quarter.
    const links = await app.gql<{ links: { edges: Array<{ node: { id: string; sourceId: string; targetId: string; usage: { perPeriod: Array<{ counted: number; required: number }> } } }> } }>(
      `{ links(first: 20, activeOn: "2020-09-30") { edges { node { id sourceId targetId usage(per: QUARTER, on: "2020-09-30") { perPeriod { counted required } } } } } }`,
      {},
      { token: recorderToken },
    );
    const link = links.data!.links.edges.map((e) => e.node).find((l) => {
      const q3 = l.usage.perPeriod[l.usage.perPeriod.length - 1]!;
      return q3.counted === 0 && q3.required === 1;
    })!;
    expect(link).toBeDefined();
    const logged = await app.gql(
      `mutation($input: LogContactInput!) { logContact(input: $input) { position } }`,
      { input: { contactId: 'c-browser-late', occurredAt: '2020-08-15', participantIds: [link.sourceId, link.targetId], linkIds: [link.id], channel: 'VISIT', topic: '补录的走访', liaisonGroupId: GROUP } },
      { token: recorderToken },
    );
    expect(logged.errors).toBeUndefined();
    const then = await series(2020, before);
    const now = await series(2020);
    expect(then).not.toEqual(now);

    const page = await open(`/#/?year=2020&asOf=${encodeURIComponent(before)}`, app.tokens.LEADER);
    await page.waitForSelector('[data-testid=heatmap] svg text');
    expect(await heatmapLabels(page)).toEqual(expectedLabels(then));
    await page.click('[data-testid=controls] button:has-text("现在")');
    await waitForHeatmapLabels(page, expectedLabels(now));

    // A moment before anything was recorded: the reader is told, in words, to choose another.
    await page.fill('[data-testid=controls] input[name=asOf]', '2019-01-01T00:00');
    const alert = await page.waitForSelector('[data-testid=heatmap-card] [role=alert]');
    expect(await alert.getAttribute('data-code')).toBe('VALIDATION');
    expect(await alert.textContent()).toContain('所选时刻早于第一条记录');
  }, 60_000);

  it('says clearly that a wrong token was refused', async () => {
    const page = await open('/', 'not-a-token');
    const alert = await page.waitForSelector('[data-testid=signin] [role=alert]');
    expect(await alert.getAttribute('data-code')).toBe('UNAUTHENTICATED');
    expect(await alert.textContent()).toContain('登录已失效：令牌不正确、已过期或已被吊销');
    await screenshot(page, 'signin-wrong-token');
  }, 60_000);

  it('returns to sign-in with a message when the token is revoked while the page is open', async () => {
    const issued = await app.issueToken({ role: 'LEADER', subject: 'revoked-leader' });
    const page = await open('/#/?year=2020', issued.token);
    await page.waitForSelector('[data-testid=heatmap] svg text');
    const revoked = await app.gql(`mutation($input: RevokeTokenInput!) { revokeToken(input: $input) { position } }`, { input: { tokenId: issued.tokenId, reason: 'left the office' } });
    expect(revoked.errors).toBeUndefined();
    // Untouched: the server closes the page's live-updates socket once the token is revoked
    // (its sweep runs every second), and the page returns to sign-in by itself.
    const alert = await page.waitForSelector('[data-testid=signin] [role=alert]', { timeout: 10_000 });
    expect(await alert.getAttribute('data-code')).toBe('UNAUTHENTICATED');
    expect(await page.$('select[name=period]')).toBeNull();
  }, 60_000);

  it('shows a failed request as a message with a retry, never a blank chart', async () => {
    const context = await browser.newContext({ viewport: LAPTOP });
    contexts.push(context);
    const page = await context.newPage();
    let failing = true;
    await page.route('**/graphql', async (route) => {
      if (failing && route.request().postData()?.includes('coverageSeries')) await route.abort('connectionrefused');
      else await route.continue();
    });
    await page.goto(`${app.url}/#/?year=2020&token=${encodeURIComponent(app.tokens.LEADER)}`);
    const alert = await page.waitForSelector('[data-testid=heatmap-card] [role=alert]');
    expect(await alert.getAttribute('data-code')).toBe('NETWORK');
    expect(await alert.textContent()).toContain('无法连接服务器');
    failing = false;
    await page.click('[data-testid=heatmap-card] [role=alert] button');
    await page.waitForSelector('[data-testid=heatmap] svg text');
    expect(await heatmapLabels(page)).toEqual(expectedLabels(await series(2020)));
  }, 60_000);

  it('fits a phone: the leaders’ view in one column with no sideways scrolling', async () => {
    const page = await open('/#/?year=2020', app.tokens.LEADER, PHONE);
    await page.waitForSelector('[data-testid=heatmap] svg text');
    await page.waitForSelector('[data-testid=territory] li');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    // Short scheme names leave the quarters room for every figure.
    expect(await heatmapLabels(page)).toEqual(expectedLabels(await series(2020)));
    expect(await page.$$eval('[data-testid=heatmap] svg text', (texts) => texts.map((x) => x.textContent))).toContain('党员→党外');
    await screenshot(page, 'leaders-390');
  }, 60_000);

  it('draws the network from its own lazily loaded chunk and opens a member’s timeline on click', async () => {
    const page = await open('/#/?year=2020&period=2020-Q2', app.tokens.LEADER);
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await page.waitForSelector('[data-testid=heatmap] svg text');
    await page.locator('[data-testid=network-card]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid=graph] canvas');
    expect(scripts.some((url) => /\/assets\/graph-[\w-]+\.js$/.test(url))).toBe(true);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=graph]')?.getAttribute('data-nodes')) > 0);
    const target = JSON.parse((await page.getAttribute('[data-testid=graph]', 'data-first-member'))!) as { id: string; label: string; x: number; y: number };
    const box = (await page.locator('[data-testid=graph]').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    const timeline = await page.waitForSelector('[data-testid=timeline]');
    expect(await timeline.textContent()).toContain(target.label);
    await page.waitForSelector('[data-testid=timeline] ol.contacts li');
    await screenshot(page, 'leaders-network-timeline');

    // A contact logged in the period shown updates the edges in place: nothing is laid out again.
    expect(await page.getAttribute('[data-testid=graph]', 'data-draws')).toBe('1');
    const links = await app.gql<{ links: { edges: Array<{ node: { id: string; sourceId: string; targetId: string } }> } }>(
      `{ links(first: 1, activeOn: "2020-05-10") { edges { node { id sourceId targetId } } } }`,
      {},
      { token: recorderToken },
    );
    const link = links.data!.links.edges[0]!.node;
    const logged = await app.gql(`mutation($input: LogContactInput!) { logContact(input: $input) { position } }`, {
      input: { contactId: 'c-browser-graph', occurredAt: '2020-05-10', participantIds: [link.sourceId, link.targetId], linkIds: [link.id], channel: 'PHONE', topic: '电话联系', liaisonGroupId: GROUP },
    }, { token: recorderToken });
    expect(logged.errors).toBeUndefined();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=graph]')?.getAttribute('data-updates')) >= 1);
    expect(await page.getAttribute('[data-testid=graph]', 'data-draws')).toBe('1');
  }, 90_000);

  it('lets an administrator issue a sign-in link for a clerk, and revoke it', async () => {
    const admin = await open('/', app.tokens.ADMIN);
    await admin.waitForSelector('[data-testid=issue-form]');
    await admin.selectOption('[data-testid=issue-form] select[name=role]', 'RECORDER');
    await admin.fill('[data-testid=issue-form] input[name=subject]', '昆仑路街道记录员');
    await admin.check(`[data-testid=issue-form] input[name=group][value="${GROUP}"]`);
    await admin.click('[data-testid=issue-form] button[type=submit]');
    const link = await admin.inputValue('[data-testid=issued-link] input');
    expect(link).toMatch(signInLink());
    await screenshot(admin, 'admin-tokens');

    const clerk = await openSignInLink(link);
    await clerk.waitForSelector('[data-testid=contact-form]');
    expect(await clerk.textContent('[data-testid=who]')).toContain('昆仑路街道记录员');

    const row = `[data-testid=tokens] tr:has-text("昆仑路街道记录员")`;
    const groups = await app.gql<{ liaisonGroups: Array<{ id: string; name: string }> }>(`{ liaisonGroups { id name } }`, {}, { token: app.tokens.ADMIN });
    expect(await admin.textContent(`${row} td.grants`)).toBe(groups.data!.liaisonGroups.find((g) => g.id === GROUP)!.name);
    await admin.click(`${row} button:has-text("吊销")`);
    await admin.fill(`${row} input[name=reason]`, '人员调整');
    await admin.click(`${row} form button[type=submit]`);
    await admin.waitForSelector(`${row} td.status-revoked`);
    // The clerk's open page is signed out by the server closing its live-updates socket.
    const alert = await clerk.waitForSelector('[data-testid=signin] [role=alert]', { timeout: 10_000 });
    expect(await alert.getAttribute('data-code')).toBe('UNAUTHENTICATED');
  }, 60_000);

  it('lets an administrator issue a sign-in link for the committee office\'s clerk, listed with its grant', async () => {
    const admin = await open('/', app.tokens.ADMIN);
    await admin.waitForSelector('[data-testid=issue-form]');
    await admin.selectOption('[data-testid=issue-form] select[name=role]', 'RECORDER');
    await admin.fill('[data-testid=issue-form] input[name=subject]', '委员会办公室录入员');
    await admin.check('[data-testid=issue-form] input[name=reach][value=OFFICE]');
    // The office's clerk records for every group: there are none to choose.
    expect(await admin.$('[data-testid=issue-form] input[name=group]')).toBeNull();
    await admin.click('[data-testid=issue-form] button[type=submit]');
    const link = await admin.inputValue('[data-testid=issued-link] input');
    expect(link).toMatch(signInLink());
    const row = `[data-testid=tokens] tr:has-text("委员会办公室录入员")`;
    await admin.waitForSelector(`${row} td.grants:has-text("委员会办公室（全部联系记录）")`);
    await screenshot(admin, 'admin-tokens-office');

    const listed = await app.gql<{ tokens: Array<{ subject: string; role: string; grants: unknown[] }> }>(`{ tokens { subject role grants { kind ids id } } }`, {}, { token: app.tokens.ADMIN });
    expect(listed.data!.tokens.filter((t) => t.subject === '委员会办公室录入员')).toEqual([{ subject: '委员会办公室录入员', role: 'RECORDER', grants: [{ kind: 'COMMITTEE_OFFICE', ids: null, id: null }] }]);
    const token = decodeURIComponent(link.split('#token=')[1]!);
    expect((await app.gql<any>(`{ me { grants { kind } } }`, {}, { token })).data.me.grants).toEqual([{ kind: 'COMMITTEE_OFFICE' }]);

    // In English too, and the link signs the clerk in.
    await admin.click('[data-testid=lang]');
    await admin.waitForSelector(`[data-testid=tokens] tr:has-text("委员会办公室录入员") td.grants:has-text("committee office (every contact)")`);
    const clerk = await openSignInLink(link);
    await clerk.waitForSelector('[data-testid=who]');
    expect(await clerk.textContent('[data-testid=who]')).toContain('委员会办公室录入员');
  }, 60_000);

  it("lets the committee office's clerk find any link of the committee, log a contact for it through the form, and follow every contact, live", async () => {
    const { year, quarter } = committeeNow();
    const issued = await app.gql<{ issueToken: { token: string } }>(
      `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`,
      { input: { role: 'RECORDER', subject: '委员会办公室', grants: [{ kind: 'COMMITTEE_OFFICE' }] } },
      { token: app.tokens.ADMIN },
    );
    expect(issued.errors).toBeUndefined();
    const officeToken = issued.data!.issueToken.token;

    type Listed = { id: string; scheme: string; sourceId: string; targetId: string; source: { name?: string } | null; target: { name?: string; liaisonGroupId?: string | null } | null; usage: { perPeriod: Array<{ counted: number; required: number; met: boolean; period: { id: string } }> } };
    // Page by page: the API's query cost grows with the page size asked for.
    const linksOf = async (token: string) => {
      const nodes: Listed[] = [];
      let after: string | null = null;
      let totalCount = 0;
      do {
        const res: { errors?: unknown; data?: { links: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Listed }> } } } = await app.gql(
          `query($on: String!, $after: String) { links(first: 25, after: $after, activeOn: $on) { totalCount pageInfo { hasNextPage endCursor } edges { node { id scheme sourceId targetId source { ... on Member { name } } target { ... on Member { name liaisonGroupId } } usage(per: QUARTER, on: $on) { perPeriod { counted required met period { id } } } } } } }`,
          { on: new Date().toISOString(), after },
          { token },
        );
        expect(res.errors).toBeUndefined();
        nodes.push(...res.data!.links.edges.map((e) => e.node));
        totalCount = res.data!.links.totalCount;
        after = res.data!.links.pageInfo.hasNextPage ? res.data!.links.pageInfo.endCursor : null;
      } while (after);
      return { totalCount, edges: nodes.map((node) => ({ node })) };
    };
    const office = await linksOf(officeToken);
    const clerkLinks = await linksOf(recorderToken);
    const now = (l: Listed) => l.usage.perPeriod[l.usage.perPeriod.length - 1]!;
    // The office reads every link; the group's clerk only its own.
    expect(office.totalCount).toBe(office.edges.length);
    expect(office.totalCount).toBeGreaterThan(clerkLinks.totalCount);
    const clerkIds = new Set(clerkLinks.edges.map((e) => e.node.id));
    // A member-to-member link of another liaison group than the clerk's, due once this quarter and not yet met.
    const link = office.edges
      .map((e) => e.node)
      .find((l) => !clerkIds.has(l.id) && l.source?.name && l.target?.name && l.target.liaisonGroupId && l.target.liaisonGroupId !== GROUP && now(l).period.id === quarter && now(l).required === 1 && now(l).counted === 0)!;
    expect(link).toBeDefined();
    const linkGroup = link.target!.liaisonGroupId!;

    const leaders = await open(`/#/?year=${year}&per=QUARTER&period=${quarter}`, app.tokens.LEADER);
    await leaders.waitForSelector('[data-testid=heatmap] svg text');
    const before = await series(year);

    const clerk = await open('/', officeToken, PHONE);
    await clerk.waitForSelector('[data-testid=office] [data-testid=contact-form]');
    await clerk.waitForSelector('[data-testid=standing] li');
    // The whole committee's links, a page of them shown, the unmet first.
    const summary = async () => /已达标 (\d+) \/ (\d+)/.exec((await clerk.textContent('[data-testid=standing-summary]')) ?? '')!.slice(1).map(Number);
    const unmetCount = office.edges.filter((e) => !now(e.node).met).length;
    expect(await summary()).toEqual([office.totalCount - unmetCount, office.totalCount]);
    const classes = await clerk.$$eval('[data-testid=standing] > li', (items) => items.map((li: any) => li.className));
    expect(classes.length).toBeLessThan(office.totalCount);
    expect(classes.every((c) => c === 'unmet')).toBe(unmetCount >= classes.length);

    // Narrowed to the link's liaison group and its target's name, it is there, not yet met.
    await clerk.selectOption('[data-testid=standing-filters] select[name=standingGroup]', linkGroup);
    await clerk.fill('[data-testid=standing-filters] input[name=standingFilter]', link.target!.name!);
    await clerk.waitForSelector(`[data-testid=standing] [data-link="${link.id}"]`);
    expect(await clerk.textContent(`[data-link="${link.id}"] [data-testid=standing-count]`)).toContain('0/1');
    const [metBefore] = await summary();
    await screenshot(clerk, 'office-390');
    expect(await fitsWidth(clerk)).toMatchObject({ fits: true });

    // The form: the liaison group that logs it is optional; here the link's own.
    await clerk.selectOption('[data-testid=contact-form] select[name=loggingGroup]', linkGroup);
    await clerk.fill('[data-testid=contact-form] input[name=linkFilter]', link.target!.name!);
    await clerk.check(`[data-testid=contact-form] input[name=link][value="${link.id}"]`);
    expect(await clerk.textContent('[data-testid=participants]')).toContain(link.target!.name!);
    expect(await clerk.textContent('[data-testid=participants]')).toContain(link.source!.name!);
    const contactId = (await clerk.getAttribute('[data-testid=contact-form]', 'data-contact-id'))!;
    await clerk.fill('[data-testid=contact-form] input[name=topic]', '办公室代录的谈心谈话');
    await clerk.click('[data-testid=contact-form] button[type=submit]');
    await clerk.waitForSelector('[data-testid=logged]');
    await clerk.waitForFunction((id) => document.querySelector(`[data-link="${id}"] [data-testid=standing-count]`)?.textContent?.includes('1/1'), link.id);
    expect((await summary())[0]).toBe(metBefore! + 1);
    // The recent list now shows the contact, under its first participant (the link's source).
    await clerk.waitForSelector('[data-testid=recent] li >> text=办公室代录的谈心谈话');
    expect(await clerk.inputValue('[data-testid=recent-card] select[name=whose]')).toBe(link.sourceId);
    const stored = await app.gql<{ contact: { liaisonGroupId: string | null; linkIds: string[] } }>(`query($id: ID!) { contact(id: $id) { liaisonGroupId linkIds } }`, { id: contactId });
    expect(stored.data!.contact).toEqual({ liaisonGroupId: linkGroup, linkIds: [link.id] });

    // The leaders' figures move, live.
    const after = await series(year);
    const cell = (s: Series) => s.find((p) => p.period.id === quarter)!.schemes.find((c) => c.scheme === link.scheme)!;
    expect(cell(after).covered).toBe(cell(before).covered + 1);
    await leaders.waitForSelector('[data-testid=live-note]');
    await waitForHeatmapLabels(leaders, expectedLabels(after));

    // A group's clerk logging elsewhere: the office page, following every contact, shows it without a reload.
    const theirs = clerkLinks.edges.map((e) => e.node).find((l) => l.target?.name && now(l).period.id === quarter && now(l).counted < now(l).required)!;
    expect(theirs).toBeDefined();
    const counted = now(theirs).counted;
    await clerk.selectOption('[data-testid=standing-filters] select[name=standingGroup]', '');
    await clerk.fill('[data-testid=standing-filters] input[name=standingFilter]', theirs.target!.name!);
    await clerk.waitForSelector(`[data-link="${theirs.id}"]`);
    expect(await clerk.textContent(`[data-link="${theirs.id}"] [data-testid=standing-count]`)).toContain(`${counted}/${now(theirs).required}`);
    const logged = await app.gql(
      `mutation($input: LogContactInput!) { logContact(input: $input) { position } }`,
      { input: { contactId: 'c-browser-office-follows', occurredAt: new Date().toISOString(), participantIds: [theirs.sourceId, theirs.targetId], linkIds: [theirs.id], channel: 'PHONE', topic: '联络组记录员登记', liaisonGroupId: GROUP } },
      { token: recorderToken },
    );
    expect(logged.errors).toBeUndefined();
    await clerk.waitForFunction(
      ({ id, want }) => document.querySelector(`[data-link="${id}"] [data-testid=standing-count]`)?.textContent?.includes(want),
      { id: theirs.id, want: `${counted + 1}/${now(theirs).required}` },
    );

    // In English too.
    await clerk.click('[data-testid=lang]');
    expect(await clerk.textContent('[data-testid=links-card] h2')).toBe('The committee’s links (this quarter)');
    expect(await clerk.textContent('[data-testid=contact-form] select[name=loggingGroup] option[value=""]')).toBe('none: the committee office logs it');
    expect(await fitsWidth(clerk)).toMatchObject({ fits: true });
    await screenshot(clerk, 'office-390-english');
  }, 90_000);

  it('tells a leader of an empty store what to do instead of drawing empty charts', async () => {
    const empty = await startApp();
    try {
      const context = await browser.newContext({ viewport: LAPTOP });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${empty.url}/#/?token=${encodeURIComponent(empty.tokens.LEADER)}`);
      const note = await page.waitForSelector('.note.empty >> text=还没有任何联系任务');
      expect(await note.textContent()).toContain('npm run sample:load');
      expect(await page.$('[data-testid=heatmap]')).toBeNull();
      await screenshot(page, 'leaders-empty-store');
    } finally {
      await empty.close();
    }
  }, 60_000);
});
