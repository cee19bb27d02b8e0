// A person's page (with everything a member can show, and the admin's tools) and the profile form, in
// real Chromium: no WCAG 2.2 A/AA violation on a phone and a desktop, and on a 375 px phone no sideways
// scrolling and no action under 44 × 44 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { createBusiness } from '../businesses/support.js';
import { axeViolations, hasChromium, phoneChecks, signedInWindows, startForum, type Forum, type ScreenName } from './support.js';

describe.runIf(hasChromium)('people\u2019s pages in a real browser', () => {
  let forum: Forum;
  let admin: Member;
  let windows: Map<ScreenName, Page>;

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    admin = await signUp(ctx, { username: 'browser_admin' });
    const jonas = await signUp(ctx, { username: 'jonas_ek', displayName: 'Jonas Ek' });
    await ctx.db.updateTable('accounts').set({ email_confirmed_at: new Date() }).execute();
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await jonas.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    await createBusiness(jonas.agent, { name: 'Kajakboden', slug: 'kajakboden' });
    await jonas.agent
      .post('/me/profile')
      .set('accept', JSON_ACCEPT)
      .send({
        presentation: 'Vi hyr ut **kajaker** och guidar turer i skärgården.',
        website: 'https://kajakboden.example',
        phone: '+46 70 123 45 67',
        showPhone: true,
        showEmail: true,
      })
      .expect(200);
    const thread = await startThread(jonas.agent, 'kajak', { title: 'Paddling at dawn' });
    await reply(admin.agent, thread.id, 'Count me in');
    await reply(jonas.agent, thread.id, 'See you at the harbour');
    windows = await signedInWindows(forum, admin);
  }, 120_000);
  afterAll(() => forum.close());

  const paths = [
    ['a person\u2019s page, with the admin\u2019s tools', '/u/jonas_ek'],
    ['the profile form', '/me/profile'],
  ] as const;

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each(paths)('%s has no WCAG 2.2 AA violation', async (_name, path) => {
      const page = windows.get(screen)!;
      expect((await page.goto(`${forum.base}${path}`))?.status()).toBe(200);
      if (screen === 'phone') expect(await phoneChecks(page)).toEqual({});
      else expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('shows a refused profile form with its error on a phone, still without a violation', async () => {
    const page = windows.get('phone')!;
    await page.goto(`${forum.base}/me/profile`);
    await page.fill('#field-website', 'kajakboden.example');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/me/profile"] button[type="submit"]')]);
    await expect.poll(() => page.locator('#error-website').textContent()).toContain('http');
    expect(await phoneChecks(page)).toEqual({});
  });
});
