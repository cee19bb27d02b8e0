// The main journeys of issue 13, walked in real Chromium on a 375 px phone and on a desktop: register,
// post a thread, reply to a nested post, delete and undo, flag, the review queue, hide with a rule,
// follow a board, notifications, and switching to Danish. Each step checks what the person sees (a
// notice saying what happened, the post where it belongs) and what the database now holds.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en.js';
import { da } from '../../src/core/i18n/da.js';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { axeViolations, englishOnPage, hasChromium, openWindow, phoneLayoutProblems, signIn, startForum, type Forum, type ScreenName } from './support.js';

const PASSWORD = 'correct horse battery';

describe.runIf(hasChromium)('the main journeys in a real browser', () => {
  let forum: Forum;
  let admin: Member;
  /** What beforeAll started, closed by afterAll: as far as a failing start got. */
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    forum = await startForum();
    cleanups.push(() => forum.close());
    admin = await signUp(forum.ctx, { username: 'admin_anna', displayName: 'Anna Admin', password: PASSWORD });
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen: ScreenName) => {
    const network = `kajak-${screen}`;
    const newcomer = { username: `nina_${screen}`, displayName: `Nina ${screen === 'phone' ? 'Phone' : 'Desk'}` };
    let convener: Member;
    let elin: Member;
    let page: Page;
    let convenerPage: Page;
    /** The convener's thread, Elin's reply to it, and the convener's answer to Elin (a nested post). */
    const stage = { threadId: 0, elinsReply: 0, nested: 0 };
    /** What the journey itself made. */
    const made = { threadId: 0, replyId: 0 };

    const notice = (p: Page) => p.locator('[data-flash-notice]');
    /** What the checks found in the states the journeys passed through (a notice shown, a dialog open, …). */
    const found: Record<string, string[]> = {};
    /** Runs axe-core (and on a phone the layout checks) on the page as it stands, noting what they find. */
    async function checkpoint(p: Page, state: string): Promise<void> {
      const problems = [...(await axeViolations(p)), ...(screen === 'phone' ? await phoneLayoutProblems(p) : [])];
      if (problems.length) found[state] = problems;
    }

    beforeAll(async () => {
      const { ctx } = forum;
      convener = await signUp(ctx, { username: `bo_${screen}`, displayName: `Bo Convener ${screen}`, password: PASSWORD });
      elin = await signUp(ctx, { username: `elin_${screen}`, displayName: `Elin ${screen}`, password: PASSWORD });
      await networksWithConveners(admin.agent, { [network]: { name: `Kayak ${screen}`, convener: convener.username } });
      await convener.agent
        .post(`/n/${network}/rules`)
        .set('accept', JSON_ACCEPT)
        .send({ title: ['Stay on topic', 'No advertising'], body: ['Threads are about kayaking.', 'Offers go under offers.'] })
        .expect(200);
      const thread = await startThread(convener.agent, network, { title: 'Season opening', body: 'When do you open this year?' });
      stage.threadId = thread.id;
      stage.elinsReply = (await reply(elin.agent, thread.id, 'We open on the first of May.', thread.posts[0]!.id)).id;
      stage.nested = (await reply(convener.agent, thread.id, 'Same here, Elin.', stage.elinsReply)).id;
      ({ page } = await openWindow(forum, screen));
      ({ page: convenerPage } = await openWindow(forum, screen));
      await signIn(convenerPage, forum.base, convener.username, PASSWORD);
    }, 60_000);

    it('registers, and is told so and signed in', async () => {
      await page.goto(`${forum.base}/register`);
      await page.fill('#field-username', newcomer.username);
      await page.fill('#field-displayName', newcomer.displayName);
      await page.fill('#field-email', `${newcomer.username}@example.test`);
      await page.fill('#field-password', PASSWORD);
      await Promise.all([page.waitForURL((url) => url.pathname !== '/register'), page.click('form[action="/register"] button[type="submit"]')]);
      await expect.poll(() => notice(page).isVisible()).toBe(true);
      expect(await page.locator('details.site-menu').count()).toBe(1);
      await checkpoint(page, 'after registering, with its notice');
      const account = await forum.ctx.db.selectFrom('accounts').select('display_name').where('username', '=', newcomer.username).executeTakeFirst();
      expect(account?.display_name).toBe(newcomer.displayName);
    });

    it('posts a thread from the board, and lands on it with a notice', async () => {
      await page.goto(`${forum.base}/n/${network}`);
      // The form opens in place, under the board's "New thread" button.
      await page.locator('summary', { hasText: en['threads.new.title'] }).click();
      await page.fill('#field-title', 'Sharing a trailer');
      await page.fill('#field-body', 'Does anyone have a kayak trailer to lend for a weekend?');
      await Promise.all([page.waitForURL(/\/t\/\d+/), page.getByRole('button', { name: en['threads.new.submit'] }).click()]);
      made.threadId = Number(/\/t\/(\d+)/.exec(page.url())![1]);
      expect(await page.locator('h1').textContent()).toContain('Sharing a trailer');
      await expect.poll(() => notice(page).isVisible()).toBe(true);
      await checkpoint(page, 'a new thread, with its notice');
      const thread = await forum.ctx.db.selectFrom('threads').select('title').where('id', '=', made.threadId).executeTakeFirstOrThrow();
      expect(thread.title).toBe('Sharing a trailer');
    });

    it('jumps to the reply form from the top of a thread', async () => {
      await page.goto(`${forum.base}/t/${stage.threadId}`);
      await page.getByRole('link', { name: en['threads.replyToThread'], exact: true }).click();
      await page.waitForURL(/#reply-heading$/);
      expect(await page.locator('#reply-heading').isVisible()).toBe(true);
      // In view once the (possibly smooth) scroll has ended.
      await expect
        .poll(async () => {
          const box = await page.locator('#reply-heading').boundingBox();
          // Scrolled to the heading's top, give or take a fraction of a pixel.
          return box !== null && box.y > -1 && box.y + box.height <= page.viewportSize()!.height;
        })
        .toBe(true);
    });

    it('replies to a nested post, saying whom; Escape closes the form; the reply lands under it with the focus, counted live elsewhere', async () => {
      // The convener has the thread open in another window: its "N replies" heading counts the new reply.
      await convenerPage.goto(`${forum.base}/t/${stage.threadId}`);
      const heading = convenerPage.locator('#replies-heading');
      const before = Number(await heading.getAttribute('data-reply-count'));

      await page.goto(`${forum.base}/t/${stage.threadId}`);
      const replyLink = page.locator(`#p-${stage.nested} a[data-reply-to]`);
      const form = page.locator('.inline-reply');
      await replyLink.click();
      await form.waitFor();
      await form.locator('textarea').press('Escape');
      await form.waitFor({ state: 'detached' });
      await replyLink.click();
      await form.waitFor();
      expect(await form.textContent()).toContain(en['threads.replyTo']!.replace('{name}', convener.displayName));
      await checkpoint(page, 'a thread with the inline reply form open');
      await form.locator('textarea').fill('I can bring my trailer on Saturday.');
      await Promise.all([page.waitForURL(/#p-\d+$/), form.locator('button[type="submit"]').click()]);
      made.replyId = Number(/#p-(\d+)$/.exec(page.url())![1]);
      const nested = page.locator(`ol.replies[data-replies-of="${stage.nested}"] > li > article#p-${made.replyId}`);
      expect(await nested.textContent()).toContain('I can bring my trailer on Saturday.');
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('article')?.id)).toBe(`p-${made.replyId}`);
      const row = await forum.ctx.db.selectFrom('posts').select('parent_id').where('id', '=', made.replyId).executeTakeFirstOrThrow();
      expect(row.parent_id).toBe(stage.nested);

      await expect.poll(() => heading.textContent(), { timeout: 10_000 }).toBe(en['threads.replyCount']!.replace('{count}', String(before + 1)));
    });

    it('deletes the reply after confirming, sees no Reply on it, and undoes it', async () => {
      const post = page.locator(`#p-${made.replyId}`);
      await post.locator('details.post-menu > summary').click();
      await post.getByRole('link', { name: en['threads.delete'] }).click();
      const dialog = page.locator('dialog[open]');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(en['threads.delete.title']);
      await checkpoint(page, 'the delete dialog');
      await Promise.all([page.waitForURL(/#p-\d+$|\/t\/\d+/), dialog.getByRole('button', { name: en['threads.delete'] }).click()]);
      await expect.poll(() => page.locator(`#p-${made.replyId}.post-deleted`).count()).toBe(1);
      expect(await notice(page).isVisible()).toBe(true);
      expect(await page.locator(`#p-${made.replyId} a[data-reply-to]`).count()).toBe(0);
      await checkpoint(page, 'a deleted post, with its notice and Undo');
      expect(await page.locator(`#p-${made.replyId}`).textContent()).not.toContain('I can bring my trailer');
      expect((await forum.ctx.db.selectFrom('posts').select('deleted_at').where('id', '=', made.replyId).executeTakeFirstOrThrow()).deleted_at).not.toBeNull();

      await Promise.all([page.waitForLoadState('load'), page.locator(`#p-${made.replyId}`).getByRole('button', { name: en['threads.restore'] }).click()]);
      await expect.poll(() => page.locator(`#p-${made.replyId}.post-deleted`).count()).toBe(0);
      expect(await page.locator(`#p-${made.replyId}`).textContent()).toContain('I can bring my trailer');
      expect((await forum.ctx.db.selectFrom('posts').select('deleted_at').where('id', '=', made.replyId).executeTakeFirstOrThrow()).deleted_at).toBeNull();
    });

    it('flags a post from its menu and is thanked beside it', async () => {
      await page.goto(`${forum.base}/t/${stage.threadId}`);
      const post = page.locator(`#p-${stage.elinsReply}`);
      await post.locator('details.post-menu > summary').click();
      await Promise.all([page.waitForURL(`${forum.base}/p/${stage.elinsReply}/flag`), post.getByRole('link', { name: en['moderation.flag'] }).click()]);
      await page.getByLabel(en['moderation.reason.off-topic']!).check();
      await checkpoint(page, 'the flag form');
      await Promise.all([page.waitForURL(/\/t\/\d+/), page.getByRole('button', { name: en['moderation.flag.submit'] }).click()]);
      const thanks = page.locator(`#p-${stage.elinsReply} [data-flash-notice]`);
      expect(await thanks.textContent()).toContain(en['moderation.flag.thanks']);
      await checkpoint(page, 'a flagged post, with the thanks beside it');
      const flags = await forum.ctx.db.selectFrom('flags').select('reason').where('post_id', '=', stage.elinsReply).execute();
      expect(flags.map((f) => f.reason)).toEqual(['off-topic']);
    });

    it('lets the convener reach the review queue from the header and agree and hide in three taps, the third the first button', async () => {
      await convenerPage.goto(`${forum.base}/`);
      const menu = convenerPage.locator('header details.site-menu');
      await menu.locator('summary').click();
      await Promise.all([convenerPage.waitForURL(`${forum.base}/n/${network}/review`), menu.locator(`a[href="/n/${network}/review"]`).click()]);
      const item = convenerPage.locator('form.review-agree').first();
      const firstButton = convenerPage.locator('main button').first();
      expect(await firstButton.textContent()).toContain(en['moderation.review.agree']);
      await checkpoint(convenerPage, 'the review queue');
      await Promise.all([convenerPage.waitForLoadState('load'), item.getByRole('button', { name: en['moderation.review.agree'] }).click()]);
      // No dialog asks first: had one, nothing would be sent and the post would stay visible.
      await expect.poll(() => notice(convenerPage).isVisible()).toBe(true);
      await expect
        .poll(async () => (await forum.ctx.db.selectFrom('posts').select('hidden_at').where('id', '=', stage.elinsReply).executeTakeFirstOrThrow()).hidden_at)
        .not.toBeNull();
    });

    it('lets the convener hide a post with a rule from the network’s list', async () => {
      await convenerPage.goto(`${forum.base}/t/${made.threadId}`);
      const opening = convenerPage.locator('article.post-opening');
      await opening.locator('details.post-menu > summary').click();
      await Promise.all([convenerPage.waitForURL(/\/p\/\d+\/hide$/), opening.getByRole('link', { name: en['moderation.hide'] }).click()]);
      await convenerPage.getByLabel(en['moderation.reason.rule']!, { exact: true }).check();
      await convenerPage.selectOption('#field-rule', '2');
      expect(await convenerPage.locator('#field-rule option:checked').textContent()).toContain('No advertising');
      await convenerPage.fill('#field-note', 'Please use the offers board.');
      await checkpoint(convenerPage, 'the hide form, filled in');
      await convenerPage.getByRole('button', { name: en['moderation.hide.submit'] }).click();
      const dialog = convenerPage.locator('dialog[open]');
      await dialog.waitFor();
      await Promise.all([convenerPage.waitForURL(/\/t\/\d+/), dialog.getByRole('button', { name: en['moderation.hide.submit'] }).click()]);
      await expect.poll(() => notice(convenerPage).isVisible()).toBe(true);
      expect(await convenerPage.locator('article.post-opening .hidden-band').count()).toBe(1);
      await checkpoint(convenerPage, 'a hidden post as its convener sees it, with the notice');
      const post = await forum.ctx.db
        .selectFrom('posts')
        .select(['hidden_reason', 'hidden_rule'])
        .where('thread_id', '=', made.threadId)
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow();
      expect(post).toEqual({ hidden_reason: 'rule', hidden_rule: 2 });
    });

    it('follows the board and is told so', async () => {
      await page.goto(`${forum.base}/n/${network}`);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: en['following.follow'], exact: true }).click()]);
      await expect.poll(() => notice(page).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: en['following.unfollow'] }).count()).toBe(1);
      await checkpoint(page, 'a followed board, with its notice');
      const account = await forum.ctx.db.selectFrom('accounts').select('id').where('username', '=', newcomer.username).executeTakeFirstOrThrow();
      expect(await forum.ctx.db.selectFrom('follows').select('level').where('account_id', '=', account.id).execute()).toHaveLength(1);
    });

    it('sees the unread count in the header grow and follows the new notification to the post', async () => {
      await forum.ctx.app.notifications.runWorker();
      const count = page.locator('header [data-unread-count]');
      const unread = async () => {
        await page.goto(`${forum.base}/`);
        return (await count.isVisible()) ? Number((await count.textContent())?.trim()) : 0;
      };
      // Her thread was hidden a moment ago, which she has been told about already.
      const before = await unread();
      const answer = await reply(convener.agent, stage.threadId, 'Thanks for the trailer offer!', made.replyId);
      await forum.ctx.app.notifications.runWorker();
      expect(await unread()).toBe(before + 1);
      await Promise.all([page.waitForURL(`${forum.base}/notifications`), page.locator('header a.notifications-link').click()]);
      await checkpoint(page, 'the notifications, one unread');
      const replied = en['notifications.reply']!.split('{title}')[0]!.replace('{name}', convener.displayName);
      const item = page.locator('main a[href^="/notifications/"]', { hasText: replied });
      await Promise.all([page.waitForURL(new RegExp(`#p-${answer.id}$`)), item.click()]);
      expect(await page.locator(`#p-${answer.id}`).textContent()).toContain('Thanks for the trailer offer!');
    });

    it('switches to Danish from the footer and then sees only Danish', async () => {
      await page.goto(`${forum.base}/n/${network}`);
      await Promise.all([page.waitForURL(`${forum.base}/n/${network}`), page.locator('form.language-switch button[value="da"]').click()]);
      expect(await page.locator('html').getAttribute('lang')).toBe('da');
      expect(await page.locator('header details.site-menu summary').textContent()).toContain(da['nav.menu']);
      expect(await englishOnPage(page)).toEqual([]);
      await checkpoint(page, 'a board in Danish');
      const account = await forum.ctx.db.selectFrom('accounts').select('locale').where('username', '=', newcomer.username).executeTakeFirstOrThrow();
      expect(account.locale).toBe('da');
    });

    it('passed the checks in every state the journeys went through (axe-core; on a phone, scrolling and tap targets)', () => {
      expect(found).toEqual({});
    });
  });
});
