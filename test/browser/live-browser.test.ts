// Two browser windows on one thread: one replies to a reply, the other sees it nested without reloading.
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// .ci/run installs Debian's chromium; a developer machine without it skips only this file, and says so.
describe.runIf(existsSync(CHROMIUM))('live updates in real browsers', () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  /** What beforeAll made, undone in reverse by afterAll: as far as a failing start got. */
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    // The app checks Origin against PUBLIC_URL, so it must know its real address before it is built.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    ctx = await createTestContext({ PUBLIC_URL: base });
    cleanups.push(() => ctx.close());
    await ctx.app.listen({ port, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    cleanups.push(() => browser.close());
  }, 60_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function signedInPage(username: string, password: string) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#field-login', username);
    await page.fill('#field-password', password);
    await Promise.all([page.waitForURL(`${base}/`), page.click('form[action="/login"] button[type="submit"]')]);
    return page;
  }

  it('shows a reply posted in one window nested under its parent in the other, without a reload', async () => {
    const anna = await signUp(ctx, { username: 'anna_browser' });
    const bo = await signUp(ctx, { username: 'bo_browser' });
    await createNetwork(anna.agent, { slug: 'kajak', name: 'Kajak' });
    const thread = await startThread(anna.agent, 'kajak', { title: 'Season opening' });
    const first = await reply(bo.agent, thread.id, 'First reply from Bo');

    const watcher = await signedInPage('anna_browser', anna.password);
    await watcher.goto(`${base}/t/${thread.id}`);
    await watcher.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
    const writer = await signedInPage('bo_browser', bo.password);
    await writer.goto(`${base}/t/${thread.id}`);

    // Bo answers his own first reply through the inline reply form.
    await writer.click(`#p-${first.id} a[data-reply-to]`);
    await writer.fill(`.inline-reply textarea`, 'Nested answer, live');
    await Promise.all([writer.waitForURL(/#p-\d+$/), writer.click('.inline-reply button[type="submit"]')]);

    const nested = watcher.locator(`ol.replies[data-replies-of="${first.id}"] article.post`, { hasText: 'Nested answer, live' });
    await nested.waitFor({ timeout: 10_000 });
    expect(await watcher.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(await watcher.locator('[data-live-announcer]').textContent()).toContain('New reply from');
    await watcher.screenshot({ path: 'test/browser/last-run.png', fullPage: true });
  }, 60_000);
});
