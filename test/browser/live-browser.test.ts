// Two browser windows on one thread: one replies to a reply, the other sees it nested without reloading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../helpers/agents.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { hasChromium, openWindow, signIn, startForum, type Forum } from './support.js';

// .ci/run installs Debian's chromium; a developer machine without it skips only this file, and says so.
describe.runIf(hasChromium)('live updates in real browsers', () => {
  let forum: Forum;
  /** What beforeAll started, closed by afterAll: as far as a failing start got. */
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    forum = await startForum();
    cleanups.push(() => forum.close());
  }, 60_000);
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  async function signedInPage(username: string, password: string) {
    const { page } = await openWindow(forum, 'phone');
    await signIn(page, forum.base, username, password);
    return page;
  }

  it('shows a reply posted in one window nested under its parent in the other, without a reload', async () => {
    const anna = await signUp(forum.ctx, { username: 'anna_browser' });
    const bo = await signUp(forum.ctx, { username: 'bo_browser' });
    await createNetwork(anna.agent, { slug: 'kajak', name: 'Kajak' });
    const thread = await startThread(anna.agent, 'kajak', { title: 'Season opening' });
    const first = await reply(bo.agent, thread.id, 'First reply from Bo');

    const watcher = await signedInPage('anna_browser', anna.password);
    await watcher.goto(`${forum.base}/t/${thread.id}`);
    await watcher.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
    const writer = await signedInPage('bo_browser', bo.password);
    await writer.goto(`${forum.base}/t/${thread.id}`);

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
