/**
 * The page sends every write with an Idempotency-Key (issue 15, finding 10), and when the answer
 * to a write is lost on the way back it sends it once more with the same key: the server answers
 * it as the write that landed, and the contact is recorded once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { cli } from './support/compiled.js';
import { launchBrowser } from './support/browser.js';
import { removeDir, startApp, tempDir, type TestApp } from './support/app.js';

describe('the page re-sends a write whose answer was lost, with the same Idempotency-Key', () => {
  let dir: string;
  let app: TestApp;
  let browser: Browser;
  let recorderToken: string;

  beforeAll(async () => {
    dir = tempDir('liaison-retry-');
    const dataFile = join(dir, 'liaison.db');
    expect(cli('import', '--dir', 'sample/golmud', '--db', dataFile).status).toBe(0);
    app = await startApp({ dataFile });
    recorderToken = (await app.issueToken({ role: 'RECORDER', subject: '昆仑路街道联络组', liaisonGroupIds: ['lg-kunlunlu'] })).token;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    removeDir(dir);
  });

  it('records the contact once, though the first answer never reached the page', async () => {
    const started = new Date().toISOString();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const keys: string[] = [];
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('logContact')) return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      // The write reaches the server and lands; its answer is lost on the way back.
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.goto(`${app.url}/#/?token=${encodeURIComponent(recorderToken)}`);
    await page.waitForSelector('[data-testid=contact-form] input[name=link]');
    await page.check('[data-testid=contact-form] input[name=link] >> nth=0');
    await page.fill('[data-testid=contact-form] input[name=topic]', '应答丢失后重发的走访');
    await page.fill('[data-testid=contact-form] textarea[name=summary]', '第一次的回答没有回到页面');
    await page.click('[data-testid=contact-form] button[type=submit]');
    await page.waitForSelector('[data-testid=logged]');
    await context.close();

    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const logged = await app.gql(`query($from: String) { events(types: ["ContactLogged"], recordedFrom: $from, first: 100) { edges { node { data metadata } } } }`, { from: started }, { token: app.tokens.AUDITOR });
    const mine = logged.data.events.edges.filter((e: any) => e.node.data.topic === '应答丢失后重发的走访');
    expect(mine).toHaveLength(1);
    expect(mine[0].node.metadata.commandId).toBe(keys[0]);
  }, 120_000);
});
