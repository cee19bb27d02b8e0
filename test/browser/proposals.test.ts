// Network proposals in real Chromium: the list (to a guest and a member), the form to propose, a
// proposal's page as a member (I'd join) and as an admin (approve, decline with a reason), a declined
// proposal, and the notices on /notifications — no WCAG 2.2 A/AA violation on a phone and a desktop, and
// on a 375 px phone no sideways scrolling and no action under 44 × 44 px. Then the journey on a phone:
// a refused proposal, sent again; a colleague's "I'd join"; the admin's approval onto the new board.
// A Danish member sees no English on these pages.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createNetwork } from '../helpers/forum.js';
import {
  axeViolations,
  eachMenuOpen,
  englishOnPage,
  hasChromium,
  openWindow,
  phoneChecks,
  signedInWindows,
  signIn,
  startForum,
  type Forum,
  type ScreenName,
} from './support.js';

describe.runIf(hasChromium)('network proposals in a real browser', () => {
  let forum: Forum;
  let admin: Member;
  let proposer: Member;
  let colleague: Member;
  let guestWindows: Map<ScreenName, Page>;
  let adminWindows: Map<ScreenName, Page>;
  let proposerWindows: Map<ScreenName, Page>;
  let colleagueWindows: Map<ScreenName, Page>;
  let open: number;
  let declined: number;

  const propose = async (by: Member, body: Record<string, unknown>) => {
    const response = await by.agent.post('/networks/propose').set('accept', JSON_ACCEPT).send(body);
    expect(response.status).toBe(201);
    return response.body.id as number;
  };

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    admin = await signUp(ctx, { username: 'browser_admin', displayName: 'Maja Lindqvist' });
    proposer = await signUp(ctx, { username: 'nora_lind', displayName: 'Nora Lind' });
    colleague = await signUp(ctx, { username: 'amir_kock', displayName: 'Amir Haddad' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket' });
    open = await propose(proposer, {
      name: 'Fotonätverket',
      slug: 'foto',
      audience: 'photographers and guides who take guests out to photograph',
      purpose: 'Where to find the light in each season.\nSharing spots and tours.',
      notFor: 'Selling prints.',
      wantsHelp: true,
    });
    await colleague.agent.post(`/networks/proposals/${open}/support`).set('accept', JSON_ACCEPT).expect(200);
    declined = await propose(proposer, { name: 'Paddelnätverket', slug: 'paddel', audience: 'kayak guides', purpose: 'Paddling.', notFor: 'Fishing.' });
    await admin.agent
      .post(`/networks/proposals/${declined}/decline`)
      .set('accept', JSON_ACCEPT)
      .send({ reason: 'Kajaknätverket already covers paddling.\nJoin it and say what you miss.' })
      .expect(200);
    const approved = await propose(colleague, { name: 'Cykelnätverket', slug: 'cykel', audience: 'bike rental', purpose: 'Routes.', notFor: 'Racing.' });
    await proposer.agent.post(`/networks/proposals/${approved}/support`).set('accept', JSON_ACCEPT).expect(200);
    await admin.agent.post(`/networks/proposals/${approved}/approve`).set('accept', JSON_ACCEPT).expect(200);
    guestWindows = new Map();
    for (const screen of ['phone', 'desktop'] as const) guestWindows.set(screen, (await openWindow(forum, screen)).page);
    adminWindows = await signedInWindows(forum, admin);
    proposerWindows = await signedInWindows(forum, proposer);
    colleagueWindows = await signedInWindows(forum, colleague);
  }, 120_000);
  afterAll(() => forum.close());

  const pages = [
    ['the list of proposals, to a guest', () => guestWindows, () => '/networks/proposals'],
    ['the list of proposals, to a member', () => colleagueWindows, () => '/networks/proposals'],
    ['the form to propose a network', () => proposerWindows, () => '/networks/propose'],
    ['an open proposal, to a member who would join', () => colleagueWindows, () => `/networks/proposals/${open}`],
    ['an open proposal, to a guest', () => guestWindows, () => `/networks/proposals/${open}`],
    ['an open proposal, to an admin (approve, decline)', () => adminWindows, () => `/networks/proposals/${open}`],
    ['a declined proposal with its reason', () => proposerWindows, () => `/networks/proposals/${declined}`],
    ['the proposer’s notifications (approved, declined)', () => proposerWindows, () => '/notifications'],
    ['an admin’s notifications (new proposals)', () => adminWindows, () => '/notifications'],
  ] as const;

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each(pages)('%s passes the checks', async (_name, windows, path) => {
      const page = windows().get(screen)!;
      expect((await page.goto(`${forum.base}${path()}`))?.status()).toBe(200);
      if (screen === 'phone') expect(await phoneChecks(page)).toEqual({});
      else expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('links to the proposals from the header’s menu, which passes the checks open on a phone', async () => {
    const page = colleagueWindows.get('phone')!;
    await page.goto(`${forum.base}/networks/proposals`);
    expect(await page.locator('header details.site-menu a[href="/networks/proposals"]').count()).toBe(1);
    expect(await eachMenuOpen(page, 'header details.site-menu', async () => Object.values(await phoneChecks(page)).flat())).toEqual([]);
  });

  it('walks a proposal on a phone: refused, sent again, supported, approved onto the new board', async () => {
    const page = proposerWindows.get('phone')!;
    await page.goto(`${forum.base}/networks/propose`);
    await page.fill('#field-name', 'Matnätverket');
    await page.fill('#field-slug', 'kajak');
    await page.fill('#field-audience', 'food producers, cafés and restaurants');
    await page.fill('#field-purpose', 'Local produce and shared deliveries.');
    await page.fill('#field-notFor', 'Advertising to guests.');
    await page.check('input[name="wantsHelp"]');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/networks/propose"] button[type="submit"]')]);
    await expect.poll(() => page.locator('#error-slug').textContent()).toContain('A network already has this address.');
    expect(await page.inputValue('#field-purpose')).toBe('Local produce and shared deliveries.');
    expect(await page.isChecked('input[name="wantsHelp"]')).toBe(true);
    expect(await phoneChecks(page)).toEqual({});
    await page.fill('#field-slug', 'mat');
    await Promise.all([page.waitForURL(/\/networks\/proposals\/\d+$/), page.click('form[action="/networks/propose"] button[type="submit"]')]);
    expect(await page.locator('[role="status"]').textContent()).toContain('Your proposal Matnätverket is open');
    expect(await phoneChecks(page)).toEqual({});
    const address = page.url().slice(forum.base.length);

    const colleaguePage = colleagueWindows.get('phone')!;
    await colleaguePage.goto(`${forum.base}${address}`);
    await Promise.all([colleaguePage.waitForURL(`${forum.base}${address}`), colleaguePage.click(`form[action="${address}/support"] button`)]);
    expect(await colleaguePage.locator('[role="status"]').textContent()).toContain('You are among those who would join.');
    expect(await colleaguePage.locator(`form[action="${address}/unsupport"] button`).isVisible()).toBe(true);
    expect(await phoneChecks(colleaguePage)).toEqual({});

    const adminPage = adminWindows.get('phone')!;
    await adminPage.goto(`${forum.base}${address}`);
    // A decline without a reason is refused beside the field.
    await Promise.all([adminPage.waitForLoadState('load'), adminPage.click(`form[action="${address}/decline"] button[type="submit"]`)]);
    await expect.poll(() => adminPage.locator('#error-reason').count()).toBe(1);
    expect(await phoneChecks(adminPage)).toEqual({});
    await adminPage.goto(`${forum.base}${address}`);
    await Promise.all([adminPage.waitForURL(`${forum.base}/n/mat`), adminPage.click(`form[action="${address}/approve"] button`)]);
    expect(await adminPage.locator('[role="status"]').textContent()).toContain('Matnätverket is made.');
    // The board itself is checked on a phone by pages.test.ts; here, the notice on it.
    expect(await axeViolations(adminPage)).toEqual([]);

    // The proposer convenes it; the colleague is told, and is a member.
    await colleaguePage.goto(`${forum.base}/notifications`);
    expect(await colleaguePage.locator('.proposal-notices').textContent()).toContain('Matnätverket is open: you said you would join');
    await Promise.all([
      colleaguePage.waitForURL(`${forum.base}/n/mat`),
      colleaguePage.click('.proposal-notices a[href^="/networks/proposals/notices/"] >> nth=0'),
    ]);
    expect(await colleaguePage.locator('.aside-conveners').textContent()).toContain('Nora Lind');
    await colleaguePage.goto(`${forum.base}/notifications`);
    expect(await phoneChecks(colleaguePage)).toEqual({});
  });

  it('shows a Danish member no English on the proposals, a proposal and the form', async () => {
    const { page, context } = await openWindow(forum, 'phone', 'da-DK');
    await signIn(page, forum.base, colleague.username, colleague.password);
    for (const path of ['/networks/proposals', `/networks/proposals/${open}`, `/networks/proposals/${declined}`, '/networks/propose', '/notifications']) {
      await page.goto(`${forum.base}${path}`);
      expect({ path, english: await englishOnPage(page) }).toEqual({ path, english: [] });
    }
    await context.close();
  });
});
