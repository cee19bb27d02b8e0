// The frame measured in a real browser (Chromium, as test/browser/ does): on a 375 × 812 phone the
// header is one row and a board's first thread shows above the fold, for a guest, a member and a
// convener; from 1,100 px the side column stands beside the board and the thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type Member } from '../helpers/agents.js';
import { networksWithConveners, startThread } from '../helpers/forum.js';
import { axeViolations, hasChromium, openWindow, signIn, startForum, type Forum } from '../browser/support.js';

const LONG_DESCRIPTION = [
  'Everything about paddling in the archipelago: where to launch, which islands allow camping, rentals and guided tours for visitors, and the season’s weather.',
  '',
  'Members share routes, warn about closed landing places and find a guide when a group is too large for one business.',
  '',
  '- Launch sites\n- Rentals\n- Guides',
].join('\n');

describe.runIf(hasChromium)('the frame on a phone and a desktop', () => {
  let forum: Forum;
  let admin: Member;
  let convener: Member;
  let member: Member;
  let threadId: number;

  beforeAll(async () => {
    forum = await startForum();
    admin = await signUp(forum.ctx, { username: 'fold_admin' });
    convener = await signUp(forum.ctx, { username: 'fold_convener', displayName: 'Cecilia' });
    member = await signUp(forum.ctx, { username: 'fold_member', displayName: 'Maja' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kayaking in the archipelago', convener: convener.username } });
    await admin.agent
      .post('/n/kajak/edit')
      .set('accept', 'application/json')
      .send({ name: 'Kayaking in the archipelago', description: LONG_DESCRIPTION })
      .expect(200);
    for (let i = 1; i <= 3; i++) threadId = (await startThread(member.agent, 'kajak', { title: `Where do you launch in May, number ${i}?` })).id;
  }, 60_000);
  afterAll(() => forum.close());

  /** The header's height, the first thread row's bottom edge and the page's width, on the board. */
  async function measureBoard(login?: Member) {
    const { context, page } = await openWindow(forum, 'phone');
    if (login) await signIn(page, forum.base, login.username, login.password);
    await page.goto(`${forum.base}/n/kajak`);
    const sizes = await page.evaluate(() => ({
      header: document.querySelector('.site-header')!.getBoundingClientRect().height,
      firstThreadBottom: document.querySelector('.thread-row')!.getBoundingClientRect().bottom,
      scrollWidth: document.documentElement.scrollWidth,
      newThreadTop: document.querySelector('.new-thread > summary')?.getBoundingClientRect().top ?? null,
      // Follow, or for a follower (a convener follows the board they convene) Unfollow; how they follow goes on the next row.
      followTop:
        (document.querySelector('form[action$="/unfollow"] button') ?? document.querySelector('form[action$="/follow"] button'))?.getBoundingClientRect().top ??
        null,
      menuTop: document.querySelector('.board-menu > summary')!.getBoundingClientRect().top,
    }));
    return { sizes, page, context };
  }

  for (const who of ['guest', 'member', 'convener'] as const) {
    it(`shows a ${who} a one-row header and the first thread above the fold at 375 × 812`, async () => {
      const { sizes, context } = await measureBoard(who === 'guest' ? undefined : who === 'member' ? member : convener);
      // One row: 44 px targets and a little padding, not three rows (133 px).
      expect(sizes.header).toBeLessThanOrEqual(56);
      expect(sizes.firstThreadBottom).toBeLessThanOrEqual(812);
      expect(sizes.scrollWidth).toBeLessThanOrEqual(375);
      if (who !== 'guest') {
        // New thread, follow and the More/Tools menu share one row.
        expect(sizes.followTop).toBe(sizes.newThreadTop);
        expect(sizes.menuTop).toBe(sizes.newThreadTop);
      }
      await context.close();
    }, 30_000);
  }

  it('opens the description with "more", and the menu with the account and moderator items, without scrolling sideways', async () => {
    const { page, context } = await measureBoard(convener);
    await page.click('.description > summary');
    expect(await page.isVisible('.description-full')).toBe(true);
    await page.click('.site-menu > summary');
    expect(await page.isVisible('.site-menu a[href="/n/kajak/review"]')).toBe(true);
    expect(await page.isVisible('.site-menu a[href="/me"]')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const panel = await page.locator('.site-menu .menu-panel').boundingBox();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(375);
    await context.close();
  }, 30_000);

  it('puts the side column beside the board and the thread at 1,280 px', async () => {
    const { context, page } = await openWindow(forum, 'desktop');
    for (const path of ['/n/kajak', `/t/${threadId}`]) {
      await page.goto(`${forum.base}${path}`);
      const boxes = await page.evaluate(() => {
        const main = document.querySelector('.page-main')!.getBoundingClientRect();
        const aside = document.querySelector('.side-column')!.getBoundingClientRect();
        return { mainRight: main.right, asideLeft: aside.left, asideTop: aside.top, mainTop: main.top };
      });
      expect(boxes.asideLeft).toBeGreaterThan(boxes.mainRight);
      expect(Math.abs(boxes.asideTop - boxes.mainTop)).toBeLessThan(40);
      expect(await page.isVisible('.side-column a[href="/u/fold_convener"]')).toBe(true);
    }
    await context.close();
  }, 30_000);

  it('keeps WCAG 2.2 AA (contrast included) in the dark colour scheme, menus open too', async () => {
    for (const screen of ['phone', 'desktop'] as const) {
      const { context, page } = await openWindow(forum, screen);
      await page.emulateMedia({ colorScheme: 'dark' });
      await signIn(page, forum.base, convener.username, convener.password);
      for (const path of ['/', '/n/kajak', `/t/${threadId}`, '/login']) {
        await page.goto(`${forum.base}${path}`);
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(16, 23, 28)');
        expect(await axeViolations(page), `${screen} ${path}`).toEqual([]);
      }
      await page.goto(`${forum.base}/n/kajak`);
      await page.click('.board-menu > summary');
      expect(await axeViolations(page), `${screen} board menu`).toEqual([]);
      await context.close();
    }
  }, 60_000);

  it('keeps long words, addresses and code inside their boxes at 375 px, on the board and the thread', async () => {
    await networksWithConveners(admin.agent, { ord: { name: 'Ordentligtlångtnamnutanmellanrumsomaldrigtarslut' } });
    const long = await startThread(member.agent, 'ord', {
      title: 'Utomordentligtlångaordsomintebrytsavsigsjälvautanhjälpavstilmallen',
      body: 'See https://example.test/a/very/long/path/that/never/breaks/by/itself/at/all and `inline code that is long long long long`\n\n```\na code line far wider than any phone, which scrolls inside its own box\n```',
    });
    const { context, page } = await openWindow(forum, 'phone');
    await signIn(page, forum.base, member.username, member.password);
    for (const path of ['/n/ord', `/t/${long.id}`]) {
      await page.goto(`${forum.base}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
    }
    // The code block scrolls inside itself.
    expect(await page.evaluate(() => document.querySelector('.post-body pre')!.scrollWidth > document.querySelector('.post-body pre')!.clientWidth)).toBe(true);
    await context.close();
  }, 30_000);

  it('keeps new thread and unfollow on one row for a member who follows the board', async () => {
    await member.agent.post('/n/kajak/follow').set('accept', 'application/json').send({ level: 'threads' }).expect(200);
    const { context, page } = await openWindow(forum, 'phone');
    await signIn(page, forum.base, member.username, member.password);
    await page.goto(`${forum.base}/n/kajak`);
    const tops = await page.evaluate(() => ({
      newThread: document.querySelector('.new-thread > summary')!.getBoundingClientRect().top,
      unfollow: document.querySelector('form[action$="/unfollow"] button')!.getBoundingClientRect().top,
    }));
    expect(tops.unfollow).toBe(tops.newThread);
    await context.close();
    await member.agent.post('/n/kajak/unfollow').set('accept', 'application/json').expect(200);
  }, 30_000);
});
