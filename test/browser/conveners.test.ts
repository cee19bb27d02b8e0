// Conveners in the open, in real Chromium: the conveners page with its invite form and the invitations
// waiting (as an admin and as a convener sees it), a refused invitation, the invitee's notifications with
// the answers, and the convener's guide — no WCAG 2.2 A/AA violation on a phone and a desktop, and on a
// 375 px phone no sideways scrolling and no action under 44 × 44 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { networksWithConveners } from '../helpers/forum.js';
import { axeViolations, hasChromium, openWindow, phoneChecks, signedInWindows, signIn, startForum, type Forum, type ScreenName } from './support.js';

describe.runIf(hasChromium)('conveners in a real browser', () => {
  let forum: Forum;
  let admin: Member;
  let convener: Member;
  let invitee: Member;
  let adminWindows: Map<ScreenName, Page>;
  let convenerWindows: Map<ScreenName, Page>;

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    admin = await signUp(ctx, { username: 'browser_admin', displayName: 'Maja Lindqvist' });
    convener = await signUp(ctx, { username: 'jonas_ek', displayName: 'Jonas Ek' });
    invitee = await signUp(ctx, { username: 'lisa_holm', displayName: 'Lisa Holm' });
    const waiting = await signUp(ctx, { username: 'pieter_van_dijk', displayName: 'Pieter van Dijk' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajaknätverket', convener: convener.username } });
    await convener.agent.post('/n/kajak/conveners/invitations').set('accept', JSON_ACCEPT).send({ username: invitee.username }).expect(200);
    await admin.agent.post('/n/kajak/conveners/invitations').set('accept', JSON_ACCEPT).send({ username: waiting.username }).expect(200);
    adminWindows = await signedInWindows(forum, admin);
    convenerWindows = await signedInWindows(forum, convener);
  }, 120_000);
  afterAll(() => forum.close());

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each([
      ['the conveners page, as an admin (invite or appoint, remove, withdraw)', () => adminWindows, '/n/kajak/conveners'],
      ['the conveners page, as a convener (invite, withdraw)', () => convenerWindows, '/n/kajak/conveners'],
      ['the convener’s guide', () => convenerWindows, '/guide/conveners'],
    ] as const)('%s passes the checks', async (_name, windows, path) => {
      const page = windows().get(screen)!;
      expect((await page.goto(`${forum.base}${path}`))?.status()).toBe(200);
      if (screen === 'phone') expect(await phoneChecks(page)).toEqual({});
      else expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('shows a refused invitation with its error beside the field, still passing the checks on a phone', async () => {
    const page = convenerWindows.get('phone')!;
    await page.goto(`${forum.base}/n/kajak/conveners`);
    await page.fill('#field-username', 'nobody_here');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/n/kajak/conveners/invitations"] button[type="submit"]')]);
    await expect.poll(() => page.locator('#error-username').textContent()).toContain('no account');
    expect(await page.inputValue('#field-username')).toBe('nobody_here');
    expect(await phoneChecks(page)).toEqual({});
  });

  it('shows the invitation in the invitee’s notifications on a phone, and accepting leads to the guide', async () => {
    const { page } = await openWindow(forum, 'phone');
    await signIn(page, forum.base, invitee.username, invitee.password);
    await page.goto(`${forum.base}/notifications`);
    const accept = 'form[action="/n/kajak/conveners/invitations/accept"] button';
    expect(await page.locator(accept).isVisible()).toBe(true);
    expect(await page.locator('.convener-invitations').textContent()).toContain('Jonas Ek');
    expect(await phoneChecks(page)).toEqual({});
    await Promise.all([page.waitForURL(`${forum.base}/guide/conveners`), page.click(accept)]);
    // The notice says what happened, on the guide, which passes the checks with it.
    expect(await page.locator('[role="status"]').textContent()).toContain('Kajaknätverket');
    expect(await phoneChecks(page)).toEqual({});
    await page.goto(`${forum.base}/n/kajak`);
    expect(await page.locator('.aside-conveners').textContent()).toContain('Lisa Holm');
    await page.context().close();
  });
});
