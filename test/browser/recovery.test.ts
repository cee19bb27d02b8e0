// The pages of password recovery and proven addresses, in real Chromium on a forum that sends email: no
// WCAG 2.2 A/AA violation on a phone and a desktop, and on a 375 px phone no sideways scrolling and no
// action under 44 × 44 px. The signed-in pages are seen by a member whose address is not proven yet, so
// the banner offering the link again is on each of them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/accounts/tokens.queries.js';
import { JSON_ACCEPT, guest } from '../helpers/agents.js';
import { startSmtp, type SmtpListener } from '../email/support.js';
import { axeViolations, hasChromium, openWindow, phoneLayoutProblems, signIn, startForum, type Forum } from './support.js';

describe.runIf(hasChromium)('recovery pages in a real browser', () => {
  let smtp: SmtpListener;
  let forum: Forum;
  /** A guest's window and a signed-in member's, per screen: 'phone', 'phone member', … */
  const windows = new Map<string, Page>();
  const links: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startSmtp();
    forum = await startForum({ SMTP_URL: smtp.url });
    const { ctx } = forum;
    await guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .set('origin', forum.base)
      .send({ username: 'unproven', displayName: 'Una Proven', email: 'una@example.test', password: 'correct horse battery' })
      .expect(201);
    const account = await ctx.db.selectFrom('accounts').select(['id', 'email']).executeTakeFirstOrThrow();
    links.reset = `/password/reset/${await createToken(ctx.db, account.id, 'password_reset')}`;
    links.confirm = `/email/confirm/${await createToken(ctx.db, account.id, 'email_confirmation', account.email)}`;
    for (const screen of ['phone', 'desktop'] as const) {
      windows.set(screen, (await openWindow(forum, screen)).page);
      windows.set(`${screen} member`, (await openWindow(forum, screen)).page);
      await signIn(windows.get(`${screen} member`)!, forum.base, 'unproven', 'correct horse battery');
    }
  }, 120_000);
  afterAll(async () => {
    await forum.close();
    await smtp.close();
  });

  const guestPages = [
    ['the forgotten-password form', () => '/password/forgot', 200],
    ['its one answer', () => '/password/forgot/sent', 200],
    ['the new-password form', () => links.reset!, 200],
    ['a link no longer usable', () => '/password/reset/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 410],
    ['the page after registering', () => '/register/sent', 200],
    ['the confirmation button', () => links.confirm!, 200],
  ] as const;
  const memberPages = [
    ['the home page with the banner', '/'],
    ['/me with the address form and the banner', '/me'],
  ] as const;

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each(guestPages)('%s has no WCAG 2.2 AA violation', async (_name, path, status) => {
      const page = windows.get(screen)!;
      expect((await page.goto(`${forum.base}${path()}`))?.status()).toBe(status);
      expect(await axeViolations(page)).toEqual([]);
      if (screen === 'phone') expect(await phoneLayoutProblems(page)).toEqual([]);
    });

    it.each(memberPages)('%s has no WCAG 2.2 AA violation', async (_name, path) => {
      const page = windows.get(`${screen} member`)!;
      expect((await page.goto(`${forum.base}${path}`))?.status()).toBe(200);
      expect(await page.textContent('.confirm-banner')).toContain('una@example.test');
      expect(await axeViolations(page)).toEqual([]);
      if (screen === 'phone') expect(await phoneLayoutProblems(page)).toEqual([]);
    });
  });
});
