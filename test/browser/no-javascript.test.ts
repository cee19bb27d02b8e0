// The same journeys with JavaScript off, on a phone: every page works as plain HTML forms and links. A
// reply is written on its own page, a delete is confirmed on a page of its own, the "⋯" menu and the
// header menu open as <details>, and the language switch is a form.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { da } from '../../src/core/i18n/da.js';
import { en } from '../../src/core/i18n/en.js';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { axeViolations, hasChromium, openWindow, phoneLayoutProblems, signIn, SCREENS, startForum, type Forum } from './support.js';

describe.runIf(hasChromium)('the main journeys without JavaScript, on a phone', () => {
  let forum: Forum;
  let convener: Member;
  let elin: Member;
  let page: Page;
  let convenerPage: Page;
  const stage = { threadId: 0, elinsReply: 0, replyId: 0 };
  /** What beforeAll started, closed by afterAll: as far as a failing start got. */
  const cleanups: Array<() => Promise<void>> = [];

  /** What the checks found in the states the journeys passed through. */
  const found: Record<string, string[]> = {};
  /** A window with JavaScript, in which axe-core runs on a copy of a page (axe needs scripts to run). */
  let axeWindow: Page;
  async function checkpoint(p: Page, state: string): Promise<void> {
    const url = p.url().replace(/#.*$/, '');
    // The page as the script-less browser got it, scripts taken out so the copy stays as it was.
    const html = (await p.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    await axeWindow.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await axeWindow.goto(url);
    await axeWindow.unroute(url);
    expect(await axeWindow.title()).toBe(await p.title());
    const problems = [...(await phoneLayoutProblems(p)), ...(await axeViolations(axeWindow))];
    if (problems.length) found[state] = problems;
  }

  async function windowWithoutScripts(): Promise<Page> {
    const context = await forum.browser.newContext({ viewport: SCREENS.phone, locale: 'en-GB', javaScriptEnabled: false, hasTouch: true, isMobile: true });
    const opened = await context.newPage();
    opened.setDefaultTimeout(8_000);
    return opened;
  }

  beforeAll(async () => {
    forum = await startForum();
    cleanups.push(() => forum.close());
    const admin = await signUp(forum.ctx, { username: 'admin_anna' });
    convener = await signUp(forum.ctx, { username: 'bo_convener', displayName: 'Bo Convener' });
    elin = await signUp(forum.ctx, { username: 'elin_member', displayName: 'Elin Member' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kayak', convener: convener.username } });
    await convener.agent
      .post('/n/kajak/rules')
      .set('accept', JSON_ACCEPT)
      .send({ title: ['Stay on topic', 'No advertising'], body: ['', ''] })
      .expect(200);
    const thread = await startThread(convener.agent, 'kajak', { title: 'Season opening', body: 'When do you open?' });
    stage.threadId = thread.id;
    stage.elinsReply = (await reply(elin.agent, thread.id, 'On the first of May.', thread.posts[0]!.id)).id;
    ({ page: axeWindow } = await openWindow(forum, 'phone'));
    page = await windowWithoutScripts();
    await signIn(page, forum.base, convener.username, convener.password);
    convenerPage = page;
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('shows a refused form again with its errors counted in the title and a summary', async () => {
    const visitor = await windowWithoutScripts();
    await visitor.goto(`${forum.base}/register`);
    await Promise.all([visitor.waitForLoadState('load'), visitor.click('form[action="/register"] button[type="submit"]')]);
    expect(await visitor.title()).toMatch(new RegExp(`^${en['forms.toFix']!.replace('{count}', '\\d+')}\\b.*${en['accounts.register.title']}`));
    await checkpoint(visitor, 'the register form refused');
    await visitor.context().close();
  });

  it('replies to a post on the reply page, which says whom it answers', async () => {
    await page.goto(`${forum.base}/t/${stage.threadId}`);
    await Promise.all([page.waitForURL(/\/t\/\d+\/reply\?to=\d+/), page.locator(`#p-${stage.elinsReply} a.reply-link`).click()]);
    expect(await page.locator('label[for="field-body"]').textContent()).toContain(en['threads.replyTo']!.replace('{name}', elin.displayName));
    await checkpoint(page, 'the reply page');
    await page.fill('#field-body', 'See you there, Elin.');
    await Promise.all([page.waitForURL(/#p-\d+$/), page.getByRole('button', { name: en['threads.reply.submit'] }).click()]);
    stage.replyId = Number(/#p-(\d+)$/.exec(page.url())![1]);
    expect(await page.locator(`ol.replies[data-replies-of="${stage.elinsReply}"] article#p-${stage.replyId}`).textContent()).toContain('See you there, Elin.');
  });

  it('deletes on a confirmation page, then undoes it from the notice', async () => {
    const post = page.locator(`#p-${stage.replyId}`);
    await post.locator('details.post-menu > summary').click();
    await Promise.all([page.waitForURL(`${forum.base}/p/${stage.replyId}/delete`), post.getByRole('link', { name: en['threads.delete'] }).click()]);
    expect(await page.locator('h1').textContent()).toBe(en['threads.delete.title']);
    await checkpoint(page, 'the delete confirmation page');
    await Promise.all([page.waitForURL(/\/t\/\d+/), page.getByRole('button', { name: en['threads.delete'] }).click()]);
    expect(await page.locator(`#p-${stage.replyId}.post-deleted`).count()).toBe(1);
    expect(await page.locator(`#p-${stage.replyId} a.reply-link`).count()).toBe(0);
    expect(await page.locator('[data-flash-notice]').count()).toBe(1);
    await checkpoint(page, 'a deleted post, with its notice and Undo');
    await Promise.all([page.waitForURL(/\/t\/\d+/), page.getByRole('button', { name: en['threads.restore'] }).click()]);
    expect(await page.locator(`#p-${stage.replyId}.post-deleted`).count()).toBe(0);
    expect(await page.locator(`#p-${stage.replyId}`).textContent()).toContain('See you there, Elin.');
  });

  it('hides a post with a rule from the list, the form posting as it is', async () => {
    await convenerPage.goto(`${forum.base}/t/${stage.threadId}`);
    const post = convenerPage.locator(`#p-${stage.elinsReply}`);
    await post.locator('details.post-menu > summary').click();
    await Promise.all([convenerPage.waitForURL(/\/hide$/), post.getByRole('link', { name: en['moderation.hide'] }).click()]);
    await convenerPage.getByLabel(en['moderation.reason.rule']!, { exact: true }).check();
    await convenerPage.selectOption('#field-rule', '1');
    await checkpoint(convenerPage, 'the hide form, filled in');
    await Promise.all([convenerPage.waitForURL(/\/t\/\d+/), convenerPage.getByRole('button', { name: en['moderation.hide.submit'] }).click()]);
    expect(await convenerPage.locator(`#p-${stage.elinsReply} .hidden-band`).count()).toBe(1);
    await checkpoint(convenerPage, 'a hidden post as its convener sees it, with the notice');
    const row = await forum.ctx.db.selectFrom('posts').select(['hidden_reason', 'hidden_rule']).where('id', '=', stage.elinsReply).executeTakeFirstOrThrow();
    expect(row).toEqual({ hidden_reason: 'rule', hidden_rule: 1 });
  });

  it('opens the header menu and switches to Danish', async () => {
    await page.goto(`${forum.base}/n/kajak`);
    await page.locator('header details.site-menu > summary').click();
    expect(await page.locator('header details.site-menu a[href="/me"]').isVisible()).toBe(true);
    await checkpoint(page, 'the header menu open');
    // The open menu covers the page on a phone; tapping it again closes it.
    await page.locator('header details.site-menu > summary').click();
    await Promise.all([page.waitForURL(`${forum.base}/n/kajak`), page.locator('form.language-switch button[value="da"]').click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    expect(await page.locator('header details.site-menu summary').textContent()).toContain(da['nav.menu']);
  });

  it('passed the checks in every state the journeys went through (axe-core, scrolling, tap targets)', () => {
    expect(found).toEqual({});
  });
});
