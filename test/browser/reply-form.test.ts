// The reply form and the notices in real Chromium, where focus and keys can be seen: the inline form
// says whom it answers and Escape closes it; after posting, the focus is on the new post with its
// notice, with and without JavaScript; the "N replies" heading counts replies arriving live; a refused
// form's summary takes the focus and links to its fields.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { axeViolations, hasChromium, openWindow, signIn, startForum, type Forum } from './support.js';

const PASSWORD = 'correct horse battery';

/** The focused element, as `tag#id.class` (or `body`). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
  });

describe.runIf(hasChromium)('the reply form and notices in a real browser', () => {
  let forum: Forum;
  let bo: Member;
  let elin: Member;
  let threadId: number;
  let bosReply: number;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    forum = await startForum();
    cleanups.push(() => forum.close());
    const admin = await signUp(forum.ctx, { username: 'admin_rf', password: PASSWORD });
    bo = await signUp(forum.ctx, { username: 'bo_rf', displayName: 'Bo', password: PASSWORD });
    elin = await signUp(forum.ctx, { username: 'elin_rf', displayName: 'Elin', password: PASSWORD });
    await networksWithConveners(admin.agent, { fiske: { name: 'Fiske' } });
    const thread = await startThread(bo.agent, 'fiske', { title: 'Pike season', body: 'When does it open?' });
    threadId = thread.id;
    bosReply = (await reply(bo.agent, threadId, 'I think the first of May.', thread.posts[0]!.id)).id;
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('names whom the inline form answers, closes it with Escape, and after posting focuses the new post with its notice', async () => {
    const { page, context } = await openWindow(forum, 'phone');
    cleanups.push(() => context.close());
    await signIn(page, forum.base, elin.username, PASSWORD);
    await page.goto(`${forum.base}/t/${threadId}`);

    const link = page.locator(`#p-${bosReply} a[data-reply-to]`);
    await link.click();
    const form = page.locator('.inline-reply');
    expect(await form.locator('label').textContent()).toBe('Reply to Bo');
    expect(await focused(page)).toBe(`textarea#reply-to-${bosReply}`);
    await page.keyboard.press('Escape');
    expect(await form.count()).toBe(0);
    expect(await page.evaluate((id) => document.activeElement === document.querySelector(`#p-${id} a[data-reply-to]`), bosReply)).toBe(true);

    await link.click();
    await form.locator('textarea').fill('Then I will see you on the ice edge.');
    await Promise.all([page.waitForURL(/#p-\d+$/), form.locator('button[type="submit"]').click()]);
    const postId = Number(/#p-(\d+)$/.exec(page.url())![1]);
    await page.locator(`#p-${postId} [data-flash-notice]`).waitFor();
    expect(await page.locator(`#p-${postId} [data-flash-notice]`).textContent()).toBe('Your reply is posted.');
    expect(await focused(page)).toBe(`article#p-${postId}.post`);
    expect(await page.locator('[data-flash-notice]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // The post shown anew by the live feed (here an edit; also a replay of its creation, when the page was
    // read before the reply's event went out) keeps its notice and the focus.
    const edited = await elin.agent.post(`/p/${postId}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Then I will see you on the ice.' });
    expect(edited.status).toBe(200);
    await page.locator(`#p-${postId}`, { hasText: 'see you on the ice.' }).waitFor();
    expect(await page.locator(`#p-${postId} [data-flash-notice]`).textContent()).toBe('Your reply is posted.');
    expect(await focused(page)).toBe(`article#p-${postId}.post`);

    // Gone on the next page.
    await page.reload();
    expect(await page.locator('[data-flash-notice]').count()).toBe(0);
  }, 60_000);

  it('without JavaScript: the reply page says whom it answers, the thread comes back at the new post with its notice, and a notice on top takes the focus', async () => {
    const context = await forum.browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'sv-SE', javaScriptEnabled: false });
    cleanups.push(() => context.close());
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await signIn(page, forum.base, elin.username, PASSWORD);
    await page.goto(`${forum.base}/t/${threadId}`);
    await page.click(`#p-${bosReply} a[data-reply-to]`);
    expect(await page.locator('label[for="field-body"]').textContent()).toBe('Svara Bo');
    await page.fill('#field-body', 'Utan JavaScript.');
    await Promise.all([page.waitForURL(/#p-\d+$/), page.click('form.post-form button[type="submit"]')]);
    const postId = Number(/#p-(\d+)$/.exec(page.url())![1]);
    expect(await page.locator(`#p-${postId} [data-flash-notice]`).textContent()).toBe('Ditt svar är publicerat.');
    // The browser lands on the post (the address's #p-N wins over autofocus), the notice first inside it, in view.
    expect(await page.evaluate(() => document.querySelector(':target > :first-child')?.textContent)).toBe('Ditt svar är publicerat.');
    expect(await page.locator(`#p-${postId} [data-flash-notice]`).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.querySelector('[data-flash-notice]')!.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);

    // A notice at the top of a page takes the focus by itself.
    await page.goto(`${forum.base}/n/fiske`);
    await Promise.all([page.waitForURL(`${forum.base}/n/fiske`), page.click('form[action="/n/fiske/follow"] button[type="submit"]')]);
    // Autofocus happens when the browser next renders, which on a busy machine can come after the load event.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Du följer Fiske: du får veta när nya trådar startas.');
  }, 60_000);

  it('counts replies in the heading as they arrive live', async () => {
    const { page, context } = await openWindow(forum, 'desktop');
    cleanups.push(() => context.close());
    await signIn(page, forum.base, bo.username, PASSWORD);
    await page.goto(`${forum.base}/t/${threadId}`);
    const heading = page.locator('#replies-heading');
    const before = Number(/^(\d+)/.exec((await heading.textContent())!)![1]);
    // The page subscribes from its own cursor, so a reply written before the socket opens still arrives.
    const written = await reply(elin.agent, threadId, 'Live, counted.', bosReply);
    await page.locator(`#p-${written.id}`).waitFor({ timeout: 10_000 });
    expect(await heading.textContent()).toBe(`${before + 1} replies`);
  }, 60_000);

  it('moves the focus to a refused form’s summary, whose links lead to the fields; put right, the next page’s notice has it', async () => {
    const { page, context } = await openWindow(forum, 'phone');
    cleanups.push(() => context.close());
    await page.goto(`${forum.base}/register`);
    await page.fill('#field-username', 'no spaces allowed');
    await page.fill('#field-displayName', 'Nils');
    await page.fill('#field-email', 'not-an-address');
    await page.fill('#field-password', PASSWORD);
    await Promise.all([page.waitForURL(`${forum.base}/register`), page.click('form[action="/register"] button[type="submit"]')]);
    expect(await page.title()).toBe('2 fields to fix · Create an account · Bryggan');
    await page.waitForFunction(() => document.activeElement?.id === 'form-error');
    await page.click('#form-error a[href="#field-email"]');
    await expect.poll(() => focused(page)).toBe('input#field-email');
    expect(await axeViolations(page)).toEqual([]);
    const box = await page.locator('#form-error a[href="#field-email"]').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);

    // Put right, the form goes through, and the next page says so at its top, focused.
    await page.fill('#field-username', 'nils_rf');
    await page.fill('#field-email', 'nils@example.test');
    await page.fill('#field-password', PASSWORD);
    await Promise.all([page.waitForURL(`${forum.base}/`), page.click('form[action="/register"] button[type="submit"]')]);
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-flash-notice'));
    expect(await page.locator('main [data-flash-notice]').textContent()).toBe('Welcome, Nils! Your account is ready.');
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);
});
