// The directory, a business's page (as its staff admin sees it, with every tool) and its forms, in real
// Chromium: no WCAG 2.2 A/AA violation on a phone and a desktop, and on a 375 px phone no sideways
// scrolling and no action under 44 × 44 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createNetwork } from '../helpers/forum.js';
import { addToStaff } from '../businesses/support.js';
import { axeViolations, hasChromium, openWindow, phoneLayoutProblems, signIn, startForum, type Forum, type ScreenName } from './support.js';

describe.runIf(hasChromium)('business pages in a real browser', () => {
  let forum: Forum;
  let owner: Member;
  let invitee: Member;
  const windows = new Map<ScreenName, Page>();

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    const admin = await signUp(ctx, { username: 'browser_admin' });
    owner = await signUp(ctx, { username: 'jonas_ek', displayName: 'Jonas Ek' });
    const guide = await signUp(ctx, { username: 'lina_berg', displayName: 'Lina Berg' });
    invitee = await signUp(ctx, { username: 'bo_kock', displayName: 'Bo Kock' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await owner.agent
      .post('/b/new')
      .set('accept', JSON_ACCEPT)
      .send({
        name: 'Kajakboden',
        place: 'Hamnen',
        website: 'https://kajakboden.example',
        description: 'Vi hyr ut kajaker och guidar turer i skärgården.',
        networks: ['kajak'],
      })
      .expect(201);
    await addToStaff(owner.agent, guide.agent, 'kajakboden', guide.username);
    await owner.agent.post('/b/kajakboden/invitations').set('accept', JSON_ACCEPT).send({ username: invitee.username, role: 'kock' }).expect(200);
    for (const screen of ['phone', 'desktop'] as const) {
      const { page } = await openWindow(forum, screen);
      await signIn(page, forum.base, owner.username, owner.password);
      windows.set(screen, page);
    }
  }, 120_000);
  afterAll(() => forum.close());

  const paths = [
    ['the directory', '/b'],
    ['a business, as its staff admin', '/b/kajakboden'],
    ['the edit form', '/b/kajakboden/edit'],
    ['the new business form', '/b/new'],
    ['a board, its side column listing the network’s businesses', '/n/kajak'],
  ] as const;

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each(paths)('%s has no WCAG 2.2 AA violation', async (_name, path) => {
      const page = windows.get(screen)!;
      expect((await page.goto(`${forum.base}${path}`))?.status()).toBe(200);
      expect(await axeViolations(page)).toEqual([]);
      if (screen === 'phone') expect(await phoneLayoutProblems(page)).toEqual([]);
    });
  });

  it('shows the invitation in the invitee’s notifications, with its answers, on a phone without a violation', async () => {
    const { page } = await openWindow(forum, 'phone');
    await signIn(page, forum.base, invitee.username, invitee.password);
    await page.goto(`${forum.base}/notifications`);
    expect(await page.locator('form[action="/b/kajakboden/invitations/accept"] button').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(await phoneLayoutProblems(page)).toEqual([]);
    await Promise.all([page.waitForURL(`${forum.base}/b/kajakboden`), page.click('form[action="/b/kajakboden/invitations/accept"] button')]);
    expect(await page.locator('#staff').textContent()).toContain('Bo Kock');
    await page.context().close();
  });

  it('shows a refused form with its error on a phone, still without a violation', async () => {
    const page = windows.get('phone')!;
    await page.goto(`${forum.base}/b/kajakboden/edit`);
    await page.fill('#field-website', 'kajakboden.example');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/b/kajakboden/edit"] button[type="submit"]')]);
    await expect.poll(() => page.locator('#error-website').textContent()).toContain('http');
    expect(await axeViolations(page)).toEqual([]);
    expect(await phoneLayoutProblems(page)).toEqual([]);
  });
});
