// The frame of every page: the one-row header (guests, members, conveners and admins with the review
// count), the network's side column on boards and threads, the board's menus, and what makes the forum
// installable (manifest, icons, favicon).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

/** The site header's HTML of a page. */
function headerOf(html: string): string {
  const start = html.indexOf('<header class="site-header">');
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</header>', start));
}

/** The side column's HTML of a page. */
function asideOf(html: string): string {
  const start = html.indexOf('<section class="side-column"');
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The board's action row (new thread, follow, the More/Tools menu). */
function boardActionsOf(html: string): string {
  const start = html.indexOf('<div class="board-actions">');
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</header>', start));
}

/** Width and height a PNG declares in its IHDR chunk (supertest gives an image's body as a Buffer). */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('the page frame', () => {
  let ctx: TestContext;
  const queries: string[] = [];
  let admin: Member;
  let convener: Member;
  let member: Member;
  let flagged: { id: number };
  let threadId: number;

  beforeAll(async () => {
    ctx = await createTestContext({}, (sql) => queries.push(sql));
    admin = await signUp(ctx, { username: 'frame_admin', displayName: 'Ada Admin' });
    convener = await signUp(ctx, { username: 'frame_convener', displayName: 'Cecilia Sammankallande' });
    member = await signUp(ctx, { username: 'frame_member', displayName: 'Maja Medlem' });
    await networksWithConveners(admin.agent, {
      kajak: { name: 'Kajak', convener: convener.username },
      fiske: { name: 'Fiske' },
    });
    await admin.agent
      .post('/n/kajak/edit')
      .set('accept', JSON_ACCEPT)
      .send({ name: 'Kajak', description: 'Paddling around the archipelago, *all year*.\n\nRentals, guides and where to launch.' })
      .expect(200);
    await convener.agent
      .post('/n/kajak/rules')
      .set('accept', JSON_ACCEPT)
      .send({ title: ['Stay on topic', 'No ads'], body: ['', ''] })
      .expect(200);
    const kayakThread = await startThread(member.agent, 'kajak', { title: 'Where to launch in May?' });
    threadId = kayakThread.id;
    flagged = await reply(member.agent, threadId, 'Buy cheap paddles at example.test');
    const fishingThread = await startThread(member.agent, 'fiske', { title: 'Pike season' });
    const fishingReply = await reply(member.agent, fishingThread.id, 'Another advert');
    // Open flags: one post in kajak (its convener's), one in fiske (the admin's only).
    await convener.agent.post(`/p/${flagged.id}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(201);
    await admin.agent.post(`/p/${fishingReply.id}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(201);
  });
  afterAll(() => ctx.close());

  describe('the header', () => {
    it('offers a guest to sign in or create an account, and nothing else', async () => {
      const page = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
      const header = headerOf(page.text);
      expect(header).toContain('href="/login?next=%2Fn%2Fkajak"');
      expect(header).toContain('href="/register"');
      expect(header).not.toContain('site-menu');
      expect(header).not.toContain('/notifications');
    });

    it('shows a member the unread count and one menu with their page, following and sign out, no moderator items', async () => {
      queries.length = 0;
      const page = await member.agent.get('/').set('accept', HTML).set('accept-language', 'en');
      const header = headerOf(page.text);
      expect(header).toMatch(/<a href="\/notifications" class="nav-item notifications-link">[\s\S]*data-unread-count/);
      expect(header).toContain('<details class="menu site-menu">');
      expect(header).toContain('<p class="menu-account">Maja Medlem</p>');
      expect(header).toContain('href="/me"');
      expect(header).toContain('href="/following"');
      expect(header).toMatch(/<form method="post" action="\/logout"[^>]*>\s*<button type="submit"[^>]*>Sign out<\/button>/);
      expect(header).not.toContain('Moderation');
      expect(header).not.toContain('/review');
      // A member costs the header no moderation query.
      expect(queries.filter((sql) => /"flags"/.test(sql))).toEqual([]);
    });

    it("shows a convener the review count of their networks, with each one's review queue, log, rules and conveners", async () => {
      queries.length = 0;
      const page = await convener.agent.get('/').set('accept', HTML).set('accept-language', 'en');
      const header = headerOf(page.text);
      // The count on the menu button: kajak's one flagged post, not fiske's.
      expect(header).toMatch(/<summary class="nav-item">[\s\S]*<span class="unread-count" aria-label="1 post to review">1<\/span><\/summary>/);
      expect(header).toContain('<span class="menu-group-name">Kajak</span>');
      expect(header).toContain('<a href="/n/kajak/review">Review (1)</a>');
      expect(header).toContain('href="/n/kajak/log"');
      expect(header).toContain('href="/n/kajak/rules"');
      expect(header).toContain('href="/n/kajak/conveners"');
      expect(header).not.toContain('/n/fiske/');
      // Conveners review their networks' queues; /review is the admins'.
      expect(header).not.toContain('href="/review"');
      // One query for the whole moderator menu.
      expect(queries.filter((sql) => /"flags"/.test(sql))).toHaveLength(1);
    });

    it('shows an admin every network’s posts awaiting review, linking the queue of all networks', async () => {
      const page = await admin.agent.get('/').set('accept', HTML).set('accept-language', 'sv');
      const header = headerOf(page.text);
      expect(header).toContain('<span class="unread-count" aria-label="2 inlägg att granska">2</span>');
      expect(header).toContain('<a href="/review">Granska, alla nätverk (2)</a>');
      // The admin convenes no network: no network's items.
      expect(header).not.toContain('menu-group-name');
    });

    it("keeps a member's header from page to page, and shows a new name at once", async () => {
      const reader = await signUp(ctx, { displayName: 'Rut Läsare' });
      const headerAt = async (path: string) => headerOf((await reader.agent.get(path).set('accept', HTML).set('accept-language', 'en')).text);
      const onHome = await headerAt('/');
      const before = ctx.app.views.fragmentStats('site-header');
      // Another page, another title and address: the same header, found kept.
      expect(await headerAt('/n/kajak')).toBe(onHome);
      const after = ctx.app.views.fragmentStats('site-header');
      expect([after.hits - before.hits, after.misses - before.misses]).toEqual([1, 0]);
      expect(onHome).toContain('<p class="menu-account">Rut Läsare</p>');
      await reader.agent.post('/me/name').set('accept', JSON_ACCEPT).send({ displayName: 'Rut Skrivare' }).expect(200);
      const renamed = await headerAt('/n/kajak');
      expect(renamed).toContain('<p class="menu-account">Rut Skrivare</p>');
      expect(renamed).not.toContain('Rut Läsare');
      // A guest's header names the page to come back to after signing in: never kept.
      const guests = ctx.app.views.fragmentStats('site-header');
      expect(headerOf((await guest(ctx).get('/n/fiske').set('accept', HTML)).text)).toContain('href="/login?next=%2Fn%2Ffiske"');
      expect(ctx.app.views.fragmentStats('site-header')).toEqual(guests);
    });

    it('drops the count once the flags are dealt with', async () => {
      await convener.agent.post(`/p/${flagged.id}/dismiss`).set('accept', JSON_ACCEPT).send({}).expect(200);
      const header = headerOf((await convener.agent.get('/').set('accept', HTML).set('accept-language', 'en')).text);
      expect(header).toContain('<a href="/n/kajak/review">Review (0)</a>');
      expect(header).not.toMatch(/<summary class="nav-item">[\s\S]*unread-count[\s\S]*<\/summary>/);
    });
  });

  describe('the board', () => {
    it('collapses the description to its first line, with "more" opening the whole', async () => {
      const page = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
      expect(page.text).toMatch(
        /<details class="description">\s*<summary><span class="description-summary">Paddling around the archipelago, all year\.<\/span> <span class="description-more">more<\/span>/,
      );
      expect(page.text).toMatch(/<div class="description-full"><p>Paddling around the archipelago, <em>all year<\/em>\.<\/p>\s*<p>Rentals, guides/);
    });

    it('puts new thread, follow and the menu in one row; the tools in it only for conveners and admins', async () => {
      const forMember = boardActionsOf((await member.agent.get('/n/kajak').set('accept', HTML).set('accept-language', 'en')).text);
      expect(forMember).toContain('<summary class="button primary">New thread</summary>');
      expect(forMember).toContain('action="/n/kajak/follow"');
      expect(forMember).toContain('<summary class="button">More</summary>');
      expect(forMember).toContain('href="/n/kajak/rules"');
      expect(forMember).toContain('href="/n/kajak/log"');
      expect(forMember).not.toContain('/n/kajak/review');
      expect(forMember).not.toContain('/n/kajak/bar');

      const forConvener = boardActionsOf((await convener.agent.get('/n/kajak').set('accept', HTML).set('accept-language', 'en')).text);
      expect(forConvener).toContain('<summary class="button">Tools</summary>');
      for (const path of ['review', 'log', 'rules', 'conveners', 'bar']) expect(forConvener).toContain(`href="/n/kajak/${path}"`);
      expect(forConvener).not.toContain('/n/kajak/edit');

      const forAdmin = boardActionsOf((await admin.agent.get('/n/fiske').set('accept', HTML).set('accept-language', 'en')).text);
      expect(forAdmin).toMatch(/<summary class="button">Tools <span class="count" aria-label="1 post to review">1<\/span><\/summary>/);
      expect(forAdmin).toContain('href="/n/fiske/edit"');
    });
  });

  describe('the side column', () => {
    it('shows the network’s description, conveners linking to their profiles and rules, on its board and its threads', async () => {
      for (const path of ['/n/kajak', `/t/${threadId}`]) {
        const page = await guest(ctx).get(path).set('accept', HTML).set('accept-language', 'en');
        expect(page.status).toBe(200);
        const aside = asideOf(page.text);
        expect(aside).toContain('aria-label="About Kajak"');
        expect(aside).toContain('<em>all year</em>');
        expect(aside).toContain('<a class="person-link" href="/u/frame_convener">Cecilia Sammankallande</a>');
        expect(aside).toMatch(/<li value="1">Stay on topic<\/li><li value="2">No ads<\/li>/);
        expect(aside).toContain('href="/n/kajak/rules"');
      }
    });

    it('says when a network has no conveners or rules yet, and shows a new convener at once, on cached pages too', async () => {
      const before = asideOf((await guest(ctx).get('/n/fiske').set('accept', HTML).set('accept-language', 'en')).text);
      expect(before).toContain('No conveners yet.');
      expect(before).toContain('No rules yet.');
      await admin.agent.post('/n/fiske/conveners').set('accept', JSON_ACCEPT).send({ username: member.username }).expect(200);
      const after = asideOf((await guest(ctx).get('/n/fiske').set('accept', HTML).set('accept-language', 'en')).text);
      expect(after).toContain('<a class="person-link" href="/u/frame_member">Maja Medlem</a>');
    });

    it('is not part of the JSON answers', async () => {
      const board = await guest(ctx).get('/n/kajak').set('accept', JSON_ACCEPT);
      expect(board.body).not.toHaveProperty('aside');
      const thread = await guest(ctx).get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
      expect(thread.body).not.toHaveProperty('aside');
    });
  });

  describe('installing the forum', () => {
    it('links the manifest, icons and theme colour from every page', async () => {
      const page = await guest(ctx).get('/').set('accept', HTML);
      expect(page.text).toContain('<link rel="manifest" href="/manifest.webmanifest">');
      expect(page.text).toContain('<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">');
      expect(page.text).toContain('<link rel="icon" href="/static/icons/icon.svg" type="image/svg+xml">');
      expect(page.text).toMatch(/<meta name="theme-color" content="#0b5d7a"/);
    });

    it('answers a web app manifest naming the forum, standalone, with its colours and 192 and 512 px icons that exist', async () => {
      const response = await guest(ctx).get('/manifest.webmanifest');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/manifest\+json/);
      const manifest = JSON.parse(response.text);
      expect(manifest).toMatchObject({
        name: 'Bryggan',
        short_name: 'Bryggan',
        start_url: '/',
        display: 'standalone',
        theme_color: '#0b5d7a',
        background_color: '#fbfaf7',
      });
      const pngs = manifest.icons.filter((icon: { type: string }) => icon.type === 'image/png');
      expect(pngs.map((icon: { sizes: string }) => icon.sizes)).toEqual(['192x192', '512x512']);
      for (const icon of pngs) {
        const file = await guest(ctx).get(icon.src);
        expect(file.status).toBe(200);
        const side = Number(icon.sizes.split('x')[0]);
        expect(pngSize(file.body)).toEqual({ width: side, height: side });
      }
    });

    it('serves /favicon.ico, the apple-touch-icon and the SVG icon', async () => {
      const ico = await guest(ctx).get('/favicon.ico');
      expect(ico.status).toBe(200);
      expect([...ico.body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
      const touch = await guest(ctx).get('/static/icons/apple-touch-icon.png');
      expect(pngSize(touch.body)).toEqual({ width: 180, height: 180 });
      const svg = await guest(ctx).get('/static/icons/icon.svg');
      expect(svg.status).toBe(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    });
  });
});
