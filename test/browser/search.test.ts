// Search in real Chromium: the search page with results (the filters open too) and with none, a refused
// search, and the new-thread form listing similar threads while the title is typed — each without a
// WCAG 2.2 A/AA violation on a phone and a desktop, and on a 375 px phone without sideways scrolling or
// an action under 44 × 44 px. The header's box is checked on every page by pages.test.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type Member } from '../helpers/agents.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { eachMenuOpen, hasChromium, openMenus, phoneChecks, axeViolations, signedInWindows, startForum, type Forum, type ScreenName } from './support.js';

describe.runIf(hasChromium)('search in a real browser', () => {
  let forum: Forum;
  let member: Member;
  let windows: Map<ScreenName, Page>;

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    const admin = await signUp(ctx, { username: 'search_admin' });
    member = await signUp(ctx, { username: 'karin_strand', displayName: 'Karin Strand' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
    const thread = await startThread(member.agent, 'kajak', {
      title: 'Opening hours for kayak rental in the summer',
      body: 'Which kayak rentals open early in the summer? Guests ask us every morning.',
    });
    await reply(
      member.agent,
      thread.id,
      'We open the kayak rental at eight from midsummer, and a <b>very</b> long word: Sjöräddningssällskapetskajakuthyrningsverksamheten.',
    );
    for (const title of ['Kayak rental prices this season', 'Kayak rental insurance', 'Where to park the kayak trailer']) {
      await startThread(member.agent, 'kajak', { title, body: 'Anyone know?' });
    }
    await startThread(member.agent, 'fiske', { title: 'Kayak fishing rental', body: 'Rods for rent.' });
    windows = await signedInWindows(forum, member);
  }, 120_000);
  afterAll(() => forum.close());

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it('shows results, with the filters open, without a violation', async () => {
      const page = windows.get(screen)!;
      expect((await page.goto(`${forum.base}/search?q=kayak+rental`))?.status()).toBe(200);
      expect(await page.locator('.search-result').count()).toBeGreaterThan(1);
      expect(await page.locator('.search-excerpt mark').count()).toBeGreaterThan(0);
      expect(await phoneChecksOn(page, screen)).toEqual({});
      await openMenus(page, 'details.search-filters');
      expect(await page.locator('#field-network').isVisible()).toBe(true);
      expect(await phoneChecksOn(page, screen)).toEqual({});
      // Every header menu opened in turn, the search page behind it.
      if (screen === 'phone')
        expect(await eachMenuOpen(page, 'details.menu', () => phoneChecksOn(page, screen).then((found) => Object.values(found).flat()))).toEqual([]);
    });

    it('shows "No threads match" with the filters to drop, without a violation', async () => {
      const page = windows.get(screen)!;
      expect((await page.goto(`${forum.base}/search?q=zebrafinch&network=fiske&in=titles`))?.status()).toBe(200);
      expect(await page.locator('.search-empty').textContent()).toContain('No threads match');
      expect(await page.locator('.search-drop-filters a').count()).toBe(2);
      expect(await phoneChecksOn(page, screen)).toEqual({});
      await Promise.all([page.waitForURL(/\/search\?q=zebrafinch&in=titles$/), page.locator('.search-drop-filters a').first().click()]);
    });

    it('shows a refused search with its error, without a violation', async () => {
      const page = windows.get(screen)!;
      expect((await page.goto(`${forum.base}/search?q=kayak&after=2026-02-30`))?.status()).toBe(400);
      expect(await page.locator('#error-after').textContent()).toContain('Not a day in the calendar');
      expect(await phoneChecksOn(page, screen)).toEqual({});
    });

    it('searches from the header: the box on a desktop, the magnifier on a phone', async () => {
      const page = windows.get(screen)!;
      await page.goto(`${forum.base}/`);
      if (screen === 'desktop') {
        await page.fill('#site-search-q', 'insurance');
        await Promise.all([page.waitForURL(/\/search\?q=insurance$/), page.press('#site-search-q', 'Enter')]);
      } else {
        expect(await page.locator('#site-search-q').isVisible()).toBe(false);
        await Promise.all([page.waitForURL(`${forum.base}/search`), page.click('.site-search-link')]);
        await page.fill('#field-q', 'insurance');
        await Promise.all([page.waitForURL(/\/search\?q=insurance/), page.press('#field-q', 'Enter')]);
      }
      expect(await page.locator('.search-result-title').allTextContents()).toEqual(['Kayak rental insurance']);
    });

    it('lists similar threads of the network under a new thread’s title while it is typed', async () => {
      const page = windows.get(screen)!;
      await page.goto(`${forum.base}/n/kajak/new`);
      const box = page.locator('[data-similar-threads]');
      // Under the title, empty until something is typed.
      expect(
        await page.evaluate(() => document.querySelector('#field-title')!.closest('.field')!.nextElementSibling!.hasAttribute('data-similar-threads')),
      ).toBe(true);
      expect(await box.textContent()).toBe('');
      expect(await phoneChecksOn(page, screen)).toEqual({});
      await page.locator('#field-title').pressSequentially('Kayak rental', { delay: 20 });
      await expect.poll(() => box.locator('a').count()).toBeGreaterThan(0);
      expect(await box.locator('h2').textContent()).toBe('Has this been asked before?');
      const titles = await box.locator('a').allTextContents();
      expect(titles.length).toBeLessThanOrEqual(5);
      expect(titles).toContain('Kayak rental insurance');
      // Only the network's own threads.
      expect(titles).not.toContain('Kayak fishing rental');
      expect(await phoneChecksOn(page, screen)).toEqual({});
      // Too short a title shows nothing.
      await page.locator('#field-title').fill('Ka');
      await expect.poll(() => box.textContent()).toBe('');
      // Nothing similar: the answer comes, and nothing is shown.
      await page.locator('#field-title').fill('Kayak rental');
      await expect.poll(() => box.locator('a').count()).toBeGreaterThan(0);
      await page.locator('#field-title').fill('Zebrafinch colours');
      await expect.poll(() => box.getAttribute('data-answered')).toBe('Zebrafinch colours');
      expect(await box.textContent()).toBe('');
    });

    it('lists similar threads under the title on the board’s own new-thread form too', async () => {
      const page = windows.get(screen)!;
      await page.goto(`${forum.base}/n/kajak`);
      await page.locator('details.new-thread > summary').click();
      const box = page.locator('details.new-thread [data-similar-threads]');
      await page.locator('#field-title').pressSequentially('Kayak rental', { delay: 20 });
      await expect.poll(() => box.locator('a').allTextContents()).toContain('Kayak rental insurance');
      expect(await phoneChecksOn(page, screen)).toEqual({});
    });
  });

  /** axe-core on both screens, and the layout checks on the phone. */
  async function phoneChecksOn(page: Page, screen: ScreenName): Promise<Record<string, string[]>> {
    if (screen === 'phone') return phoneChecks(page);
    const axe = await axeViolations(page);
    return axe.length ? { axe } : {};
  }
});
