// The member's own pages — /me and the confirm page for deleting the account — in real Chromium: no
// WCAG 2.2 A/AA violation on a phone and a desktop, and on a 375 px phone no sideways scrolling and no
// action under 44 × 44 px; also with a refused form's errors on them, and in Danish.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type Member } from '../helpers/agents.js';
import { axeViolations, englishOnPage, hasChromium, openWindow, phoneLayoutProblems, signIn, startForum, type Forum, type ScreenName } from './support.js';

describe.runIf(hasChromium)('the member’s own pages in a real browser', () => {
  let forum: Forum;
  let member: Member;
  const windows = new Map<ScreenName, Page>();

  beforeAll(async () => {
    forum = await startForum();
    await signUp(forum.ctx, { username: 'account_admin' });
    member = await signUp(forum.ctx, { username: 'jonas_ek', displayName: 'Jonas Ek, Kajakboden' });
    for (const screen of ['phone', 'desktop'] as const) {
      const { page } = await openWindow(forum, screen);
      await signIn(page, forum.base, member.username, member.password);
      windows.set(screen, page);
    }
  }, 120_000);
  afterAll(() => forum.close());

  const paths = [
    ['the account page', '/me'],
    ['the page to delete the account', '/me/delete'],
  ] as const;

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each(paths)('%s has no WCAG 2.2 AA violation', async (_name, path) => {
      const page = windows.get(screen)!;
      expect((await page.goto(`${forum.base}${path}`))?.status()).toBe(200);
      expect(await axeViolations(page)).toEqual([]);
      if (screen === 'phone') expect(await phoneLayoutProblems(page)).toEqual([]);
    });
  });

  it('shows a refused name and a refused deletion with their errors on a phone, still without a violation', async () => {
    const page = windows.get('phone')!;
    await page.goto(`${forum.base}/me`);
    // Blank: the input's maxlength keeps a browser from sending a name too long.
    await page.fill('#field-displayName', '   ');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/me/name"] button[type="submit"]')]);
    await expect.poll(() => page.locator('#error-displayName').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await phoneLayoutProblems(page)).toEqual([]);

    await page.goto(`${forum.base}/me/delete`);
    await page.fill('#field-password', 'not my password');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/me/delete"] button[type="submit"]')]);
    await expect.poll(() => page.locator('#error-password').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await phoneLayoutProblems(page)).toEqual([]);
  });

  it('holds no English in Danish', async () => {
    const { page } = await openWindow(forum, 'phone', 'da-DK');
    await signIn(page, forum.base, member.username, member.password);
    for (const path of ['/me', '/me/delete']) {
      await page.goto(`${forum.base}${path}`);
      expect({ path, english: await englishOnPage(page) }).toEqual({ path, english: [] });
    }
  });
});
