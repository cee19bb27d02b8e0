// A network's health view in real Chromium, as its convener sees it with threads waiting for an answer:
// no WCAG 2.2 A/AA violation on a phone and a desktop, in light and dark, and on a 375 px phone no
// sideways scrolling (the table scrolls inside its own region) and no action under 44 × 44 px. The
// charts are drawn on the server, each an image named by its title and description.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../helpers/agents.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { axeViolations, hasChromium, openWindow, phoneChecks, signedInWindows, signIn, startForum, type Forum, type ScreenName } from './support.js';

const DAY = 24 * 3600 * 1000;

describe.runIf(hasChromium)('the health view in a real browser', () => {
  let forum: Forum;
  let windows: Map<ScreenName, Page>;

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    const admin = await signUp(ctx, { username: 'health_admin' });
    const convener = await signUp(ctx, { username: 'mat_convener' });
    const member = await signUp(ctx, { username: 'anna_ek', displayName: 'Anna Ek' });
    await networksWithConveners(admin.agent, { mat: { name: 'Matnätverket', convener: 'mat_convener' } });
    // Last week two questions went unanswered, and one was answered within hours.
    for (const [title, answered] of [
      ['Who sells smoked char in winter?', false],
      ['A cold room to share near the harbour?', false],
      ['Which bakery takes large orders?', true],
    ] as const) {
      const thread = await startThread(member.agent, 'mat', { title });
      if (answered) await reply(convener.agent, thread.id, 'Try Bageriet on Storgatan.');
      await ctx.db
        .updateTable('posts')
        .set({ created_at: new Date(Date.now() - 7 * DAY) })
        .where('thread_id', '=', thread.id)
        .execute();
      await ctx.db
        .updateTable('threads')
        .set({ created_at: new Date(Date.now() - 7 * DAY) })
        .where('id', '=', thread.id)
        .execute();
    }
    windows = await signedInWindows(forum, convener);
  }, 120_000);
  afterAll(() => forum.close());

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it('has no WCAG 2.2 AA violation, in light and in dark', async () => {
      const page = windows.get(screen)!;
      expect((await page.goto(`${forum.base}/n/mat/health`))?.status()).toBe(200);
      if (screen === 'phone') expect(await phoneChecks(page)).toEqual({});
      else expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      try {
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.emulateMedia({ colorScheme: 'light' });
      }
    });
  });

  it('shows the convener the two waiting threads and a chart of them, found from the board’s tools', async () => {
    const { context, page } = await openWindow(forum, 'phone');
    await signIn(page, forum.base, 'mat_convener', 'correct horse battery');
    await page.goto(`${forum.base}/n/mat`);
    await page.click('.board-menu summary');
    await Promise.all([page.waitForURL(`${forum.base}/n/mat/health`), page.click('.board-menu a[href="/n/mat/health"]')]);
    const waiting = await page.locator('.health-waiting-list .thread-title').allTextContents();
    expect(waiting.length === 2 && waiting.every((title) => !title.includes('bakery'))).toBe(true);
    const chart = page.locator('svg[role="img"][aria-labelledby="chart-unanswered-title chart-unanswered-desc"]');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator('desc').textContent()).toMatch(/last week 2,/);
    await context.close();
  });
});
