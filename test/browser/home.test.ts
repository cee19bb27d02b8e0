// The home page in real Chromium: a member's (their networks, the latest threads there with an unread
// marker, the questions waiting for a reply, the other networks with Join) and a guest's (the networks,
// the default first, and the latest threads), and the network form with the default-network choice — no
// WCAG 2.2 A/AA violation on a phone and a desktop, in light and dark, and on a 375 px phone no sideways
// scrolling and no action under 44 × 44 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { axeViolations, hasChromium, openWindow, phoneChecks, signedInWindows, startForum, type Forum, type ScreenName } from './support.js';

describe.runIf(hasChromium)('the home page in a real browser', () => {
  let forum: Forum;
  let adminWindows: Map<ScreenName, Page>;
  let annaWindows: Map<ScreenName, Page>;
  const guestWindows = new Map<ScreenName, Page>();

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    const admin: Member = await signUp(ctx, { username: 'home_admin' });
    const anna = await signUp(ctx, { username: 'anna_hem', displayName: 'Anna Ek' });
    const bo = await signUp(ctx, { username: 'bo_hem', displayName: 'Bo Lindqvist-Strömberg' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket', description: 'Paddling i skärgården.' });
    await createNetwork(admin.agent, { slug: 'alla', name: 'Alla i turismen', description: 'Den öppna anslagstavlan för alla.' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiskenätverket', description: 'Sportfiske och fiskecamper.' });
    await admin.agent
      .post('/n/alla/edit')
      .set('accept', JSON_ACCEPT)
      .send({ name: 'Alla i turismen', description: 'Den öppna anslagstavlan för alla.', isDefault: true })
      .expect(200);
    for (const slug of ['alla', 'kajak']) {
      await anna.agent.post(`/n/${slug}/join`).set('accept', JSON_ACCEPT).expect(200);
      await bo.agent.post(`/n/${slug}/join`).set('accept', JSON_ACCEPT).expect(200);
    }
    const read = await startThread(bo.agent, 'alla', { title: 'Kryssningsdagarna i juli: vem håller öppet längre?' });
    await anna.agent.get(`/t/${read.id}`).expect(200);
    await reply(bo.agent, read.id, 'Vi på caféet håller öppet till tio.');
    await startThread(bo.agent, 'kajak', { title: 'Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa long word' });
    await startThread(anna.agent, 'alla', { title: 'Min egen fråga om säsongspersonal' });
    adminWindows = await signedInWindows(forum, admin);
    annaWindows = await signedInWindows(forum, anna);
    for (const screen of ['phone', 'desktop'] as const) guestWindows.set(screen, (await openWindow(forum, screen)).page);
  }, 120_000);
  afterAll(() => forum.close());

  const pages = [
    ['a member’s home', () => annaWindows, '/'],
    ['a guest’s home', () => guestWindows, '/'],
    ['the network form with the default-network choice', () => adminWindows, '/n/alla/edit'],
  ] as const;

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each(pages)('%s passes every check, in light and dark', async (_name, windows, path) => {
      const page = windows().get(screen)!;
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        expect((await page.goto(`${forum.base}${path}`))?.status()).toBe(200);
        if (screen === 'phone') expect(await phoneChecks(page)).toEqual({});
        else expect(await axeViolations(page)).toEqual([]);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    });
  });

  it('marks the thread with a new reply as unread in words, and takes the member to that reply', async () => {
    const page = annaWindows.get('phone')!;
    await page.goto(`${forum.base}/`);
    const row = page.locator('section[aria-labelledby="latest-mine"] li.thread-row', { hasText: 'Kryssningsdagarna' });
    expect(await row.locator('.unread-badge').textContent()).toBe('Unread');
    await Promise.all([page.waitForURL(/\/t\/\d+/), row.locator('a.thread-title').click()]);
    expect(page.url()).toMatch(/#p-\d+$/);
    await page.goto(`${forum.base}/`);
    expect(await page.locator('section[aria-labelledby="latest-mine"] li.thread-row', { hasText: 'Kryssningsdagarna' }).locator('.unread-badge').count()).toBe(
      0,
    );
    expect(await phoneChecks(page)).toEqual({});
  });

  it('joins another network from the home page’s button, without JavaScript’s help', async () => {
    const page = annaWindows.get('phone')!;
    await page.goto(`${forum.base}/`);
    const join = page.locator('section[aria-labelledby="other-networks"] form[action="/n/fiske/join"] button');
    await Promise.all([page.waitForURL(`${forum.base}/n/fiske`), join.click()]);
    expect(await page.locator('.notice-flash').textContent()).toContain('Welcome to Fiskenätverket!');
    await page.goto(`${forum.base}/`);
    expect(await page.locator('section[aria-labelledby="your-networks"] a[href="/n/fiske"]').count()).toBe(1);
    expect(await phoneChecks(page)).toEqual({});
  });
});
