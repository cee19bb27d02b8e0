// Every page type, in real Chromium: no WCAG 2.2 A/AA violation (axe-core) on a phone and on a desktop,
// and on a 375 px phone no sideways scrolling and no action smaller than 44 × 44 px; a Danish member's
// pages show no English from the catalogs.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en.js';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import {
  axeViolations,
  eachMenuOpen,
  englishOnPage,
  hasChromium,
  openMenus,
  openWindow,
  phoneLayoutProblems,
  signIn,
  startForum,
  type Forum,
  type ScreenName,
} from './support.js';

/** Who looks at a page: a guest, the administrator (who sees every tool), or a Danish member who convenes the network. */
type Viewer = 'guest' | 'admin' | 'danish';

interface PageType {
  name: string;
  viewer: Viewer;
  path: () => string;
  status?: number;
}

describe.runIf(hasChromium)('every page type in a real browser', () => {
  let forum: Forum;
  let admin: Member;
  let convener: Member;
  let member: Member;
  let danish: Member;
  const stage = { threadId: 0, openingId: 0, replyId: 0, nestedId: 0, hiddenId: 0 };
  /** One window per viewer and screen, signed in once and reused by every page. */
  const windows = new Map<string, Page>();
  /** What beforeAll started, closed by afterAll: as far as a failing start got. */
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    forum = await startForum();
    cleanups.push(() => forum.close());
    const { ctx } = forum;
    // The stage's text is Danish, so that a Danish page shows nothing English but what the forum says.
    admin = await signUp(ctx, { username: 'admin_anna', displayName: 'Anna Admin' });
    convener = await signUp(ctx, { username: 'tovholder_bo', displayName: 'Bo Tovholder' });
    member = await signUp(ctx, { username: 'medlem_cille', displayName: 'Cille Medlem' });
    danish = await signUp(ctx, { username: 'dorte_dk', displayName: 'Dorte Dansk' });
    await danish.agent.post('/language').set('accept', JSON_ACCEPT).send({ locale: 'da' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajaknetværket', convener: 'tovholder_bo' } });
    // The Danish member convenes the network too, so her pages include the conveners' tools.
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: 'dorte_dk' }).expect(200);
    await convener.agent
      .post('/n/kajak/rules')
      .set('accept', JSON_ACCEPT)
      .send({ title: ['Hold dig til emnet', 'Ingen reklame'], body: ['Tråde handler om kajak.', 'Tilbud hører hjemme under tilbud.'] })
      .expect(200);
    const thread = await startThread(member.agent, 'kajak', { title: 'Sæsonstart i skærgården', body: 'Hvornår åbner I udlejningen i år?' });
    stage.threadId = thread.id;
    stage.openingId = thread.posts[0]!.id;
    stage.replyId = (await reply(convener.agent, thread.id, 'Vi åbner første maj.', stage.openingId)).id;
    stage.nestedId = (await reply(member.agent, thread.id, 'Tak, det passer fint.', stage.replyId)).id;
    const seller = await signUp(ctx, { username: 'erik_saelger', displayName: 'Erik Sælger' });
    const offTopic = await reply(seller.agent, thread.id, 'Køb billige solbriller her!', stage.openingId);
    stage.hiddenId = (await reply(seller.agent, thread.id, 'Endnu en annonce.', stage.openingId)).id;
    await member.agent.post(`/p/${offTopic.id}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(201);
    await convener.agent.post(`/p/${stage.hiddenId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'rule', rule: 2, note: 'Reklame' }).expect(200);
    for (const who of [admin, danish]) await who.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    await startThread(convener.agent, 'kajak', { title: 'Fælles kort over ruterne', body: 'Jeg tegner et udkast.' });
    await reply(convener.agent, thread.id, 'Velkommen til, Dorte.', offTopic.id);
    await ctx.app.notifications.runWorker();
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  async function windowFor(viewer: Viewer, screen: ScreenName): Promise<Page> {
    const key = `${viewer} ${screen}`;
    let page = windows.get(key);
    if (!page) {
      ({ page } = await openWindow(forum, screen, viewer === 'danish' ? 'da-DK' : 'en-GB'));
      if (viewer === 'admin') await signIn(page, forum.base, admin.username, admin.password);
      if (viewer === 'danish') await signIn(page, forum.base, danish.username, danish.password);
      windows.set(key, page);
    }
    return page;
  }

  async function open(viewer: Viewer, screen: ScreenName, type: PageType): Promise<Page> {
    const page = await windowFor(viewer, screen);
    const response = await page.goto(`${forum.base}${type.path()}`);
    expect(response?.status(), `${type.name}: ${type.path()}`).toBe(type.status ?? 200);
    return page;
  }

  const pageTypes: PageType[] = [
    { name: 'home', viewer: 'guest', path: () => '/' },
    { name: 'board', viewer: 'guest', path: () => '/n/kajak' },
    { name: 'thread', viewer: 'guest', path: () => `/t/${stage.threadId}` },
    { name: 'register', viewer: 'guest', path: () => '/register' },
    { name: 'sign in', viewer: 'guest', path: () => '/login' },
    { name: 'error 404', viewer: 'guest', path: () => '/no/such/page', status: 404 },
    { name: 'home, signed in', viewer: 'admin', path: () => '/' },
    { name: 'board, signed in', viewer: 'admin', path: () => '/n/kajak' },
    { name: 'thread, signed in', viewer: 'admin', path: () => `/t/${stage.threadId}` },
    { name: 'reply form', viewer: 'admin', path: () => `/t/${stage.threadId}/reply?to=${stage.nestedId}` },
    { name: 'new thread', viewer: 'admin', path: () => '/n/kajak/new' },
    { name: '/me', viewer: 'admin', path: () => '/me' },
    { name: '/u/:name', viewer: 'admin', path: () => `/u/${member.username}` },
    { name: '/following', viewer: 'admin', path: () => '/following' },
    { name: '/notifications', viewer: 'admin', path: () => '/notifications' },
    { name: 'review', viewer: 'admin', path: () => '/review' },
    { name: 'log', viewer: 'admin', path: () => '/n/kajak/log' },
    { name: 'rules', viewer: 'admin', path: () => '/n/kajak/rules' },
    { name: 'hide form', viewer: 'admin', path: () => `/p/${stage.replyId}/hide` },
    { name: 'flag form', viewer: 'admin', path: () => `/p/${stage.nestedId}/flag` },
    { name: 'delete confirmation', viewer: 'admin', path: () => `/p/${stage.openingId}/delete` },
    { name: 'move form', viewer: 'admin', path: () => `/t/${stage.threadId}/move` },
    { name: 'error 404, signed in', viewer: 'admin', path: () => '/t/999999', status: 404 },
    { name: 'a network’s review queue', viewer: 'admin', path: () => '/n/kajak/review' },
    { name: 'conveners', viewer: 'admin', path: () => '/n/kajak/conveners' },
    { name: 'edit form', viewer: 'admin', path: () => `/p/${stage.replyId}/edit` },
    { name: 'suspend form', viewer: 'admin', path: () => `/u/${member.username}/suspend` },
    { name: 'bar form', viewer: 'admin', path: () => '/n/kajak/bar' },
    { name: 'network settings', viewer: 'admin', path: () => '/n/kajak/edit' },
    { name: 'new network', viewer: 'admin', path: () => '/networks/new' },
  ];

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each(pageTypes.map((type) => [type.name, type] as const))('%s has no WCAG 2.2 AA violation', async (_name, type) => {
      const page = await open(type.viewer, screen, type);
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it.each(pageTypes.map((type) => [type.name, type] as const))('%s has no WCAG 2.2 AA violation in dark mode on a phone', async (_name, type) => {
    const page = await open(type.viewer, 'phone', type);
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it.each(pageTypes.map((type) => [type.name, type] as const))(
    '%s neither scrolls sideways nor has an action under 44 × 44 px on a 375 px phone',
    async (_name, type) => {
      const page = await open(type.viewer, 'phone', type);
      expect(await phoneLayoutProblems(page)).toEqual([]);
    },
  );

  const withMenus: PageType[] = [
    { name: 'board', viewer: 'admin', path: () => '/n/kajak' },
    { name: 'thread', viewer: 'admin', path: () => `/t/${stage.threadId}` },
    { name: 'review', viewer: 'admin', path: () => '/n/kajak/review' },
    { name: 'reply form', viewer: 'admin', path: () => `/t/${stage.threadId}/reply?to=${stage.nestedId}` },
  ];

  it.each(withMenus.map((type) => [type.name, type] as const))(
    '%s passes the checks on a phone with each of its menus open, and with the header menu open',
    async (_name, type) => {
      const page = await open(type.viewer, 'phone', type);
      expect(await eachMenuOpen(page, 'main details', async () => [...(await phoneLayoutProblems(page)), ...(await axeViolations(page))])).toEqual([]);
      await page.locator('header details.site-menu > summary').click();
      expect(await phoneLayoutProblems(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    },
  );

  it('keeps the signed-in header to one row on a phone, the unread count in it', async () => {
    const page = await open('admin', 'phone', { name: 'home', viewer: 'admin', path: () => '/' });
    const rows = await page.evaluate(() => {
      const items = [...document.querySelectorAll<HTMLElement>('header.site-header > a, header.site-header nav > *')].filter(
        (el) => el.getBoundingClientRect().height > 0,
      );
      return items.map((el) => {
        const box = el.getBoundingClientRect();
        return { item: el.tagName.toLowerCase() + (el.className ? `.${el.className}` : ''), middle: Math.round(box.top + box.height / 2) };
      });
    });
    expect(rows.length).toBeGreaterThan(1);
    const middles = rows.map((row) => row.middle);
    expect(Math.max(...middles) - Math.min(...middles), JSON.stringify(rows)).toBeLessThanOrEqual(8);
    expect(await page.locator('header a.notifications-link').isVisible()).toBe(true);
  });

  it('shows a board’s first thread above the fold on a phone, even to its convener', async () => {
    const page = await open('admin', 'phone', { name: 'board', viewer: 'admin', path: () => '/n/kajak' });
    const first = page.locator('ol.thread-list a[href^="/t/"]').first();
    const box = await first.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(812);
  });

  it.each([
    ['board', () => '/n/kajak'],
    ['thread', () => `/t/${stage.threadId}`],
  ])('puts the network’s side column beside the %s on a desktop, and after it on a phone', async (name, path) => {
    const type = { name, viewer: 'guest' as const, path };
    const desktop = await open('guest', 'desktop', type);
    const side = await desktop.locator('.side-column').boundingBox();
    const heading = await desktop.locator('main h1').first().boundingBox();
    expect(side && heading && side.x >= heading.x + heading.width / 2 && side.y < heading.y + 400).toBe(true);
    const phone = await open('guest', 'phone', type);
    const sideOnPhone = await phone.locator('.side-column').boundingBox();
    const list = await phone.locator(name === 'board' ? 'ol.thread-list' : 'article.post-opening').boundingBox();
    expect(sideOnPhone && list && sideOnPhone.y > list.y).toBe(true);
  });

  it('has checks that catch what they look for: a small button, a wide box, an unlabelled field, English text', async () => {
    const page = await open('guest', 'phone', { name: 'sign in', viewer: 'guest', path: () => '/login' });
    // Styled through the CSSOM: the forum's Content-Security-Policy refuses style attributes.
    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const tiny = document.createElement('button');
      tiny.type = 'button';
      tiny.textContent = 'Tiny';
      Object.assign(tiny.style, { all: 'unset', fontSize: '12px' });
      const wide = document.createElement('div');
      Object.assign(wide.style, { width: '600px', maxWidth: 'none', height: '2px' });
      const field = document.createElement('input');
      field.type = 'text';
      main.append(tiny, wide, field);
    });
    const layout = await phoneLayoutProblems(page);
    expect(layout.some((problem) => problem.startsWith('scrolls sideways'))).toBe(true);
    expect(layout.some((problem) => problem.startsWith('<button> "Tiny" is'))).toBe(true);
    expect((await axeViolations(page)).some((violation) => violation.startsWith('label '))).toBe(true);
    expect(await englishOnPage(page)).toContain(en['accounts.login.title']);
  });

  const danishPages: PageType[] = [
    { name: 'home', viewer: 'danish', path: () => '/' },
    { name: 'board', viewer: 'danish', path: () => '/n/kajak' },
    { name: 'thread', viewer: 'danish', path: () => `/t/${stage.threadId}` },
    { name: 'reply form', viewer: 'danish', path: () => `/t/${stage.threadId}/reply?to=${stage.replyId}` },
    { name: 'new thread', viewer: 'danish', path: () => '/n/kajak/new' },
    { name: '/me', viewer: 'danish', path: () => '/me' },
    { name: '/u/:name', viewer: 'danish', path: () => `/u/${convener.username}` },
    { name: '/following', viewer: 'danish', path: () => '/following' },
    { name: '/notifications', viewer: 'danish', path: () => '/notifications' },
    { name: 'rules', viewer: 'danish', path: () => '/n/kajak/rules' },
    { name: 'log', viewer: 'danish', path: () => '/n/kajak/log' },
    { name: 'flag form', viewer: 'danish', path: () => `/p/${stage.replyId}/flag` },
    { name: 'review queue', viewer: 'danish', path: () => '/n/kajak/review' },
    { name: 'hide form', viewer: 'danish', path: () => `/p/${stage.nestedId}/hide` },
    { name: 'move form', viewer: 'danish', path: () => `/t/${stage.threadId}/move` },
    { name: 'conveners', viewer: 'danish', path: () => '/n/kajak/conveners' },
    { name: 'error 404', viewer: 'danish', path: () => '/no/such/page', status: 404 },
  ];

  it.each(danishPages.map((type) => [type.name, type] as const))('a Danish member sees no English on %s', async (_name, type) => {
    const page = await open(type.viewer, 'phone', type);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    expect(await englishOnPage(page)).toEqual([]);
    // What the menus hold, too: those in the page, then the header's (which covers the page on a phone).
    if (await openMenus(page, 'main details')) expect(await englishOnPage(page)).toEqual([]);
    await openMenus(page, 'header details');
    expect(await englishOnPage(page)).toEqual([]);
  });
});
