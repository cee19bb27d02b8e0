// Deleting a post asks first (a page without JavaScript), and its author can undo it for 10 minutes:
// the database decides, in the restoring UPDATE, so a late undo or two at once cannot slip through.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilEventsSeen } from '../helpers/events.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { connectLive, sessionCookie } from '../helpers/live.js';

describe('deleting a post, and undoing it', () => {
  let ctx: TestContext;
  let admin: Member;
  let anna: Member;
  let bo: Member;
  let threadId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    anna = await signUp(ctx, { username: 'undo_anna', displayName: 'Anna Kajak' });
    bo = await signUp(ctx, { username: 'undo_bo', displayName: 'Bo Fiske' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    threadId = (await startThread(anna.agent, 'kajak', { title: 'Paddling in May' })).id;
  });
  afterAll(() => ctx.close());

  const page = (agent = guest(ctx)) => agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
  /** The HTML of one post on the thread page, as this viewer sees it. */
  async function postHtml(agent: ReturnType<typeof guest>, postId: number): Promise<string> {
    const text = (await page(agent)).text;
    const start = text.indexOf(`<article class="post`, text.indexOf(`id="p-${postId}"`) - 200);
    return text.slice(start, text.indexOf('</article>', start));
  }
  const deletedAt = async (postId: number) =>
    (await ctx.db.selectFrom('posts').select('deleted_at').where('id', '=', postId).executeTakeFirstOrThrow()).deleted_at;
  const restoredEvents = (postId: number) =>
    ctx.db
      .selectFrom('events')
      .select('id')
      .where('name', '=', 'post.restored')
      .where(sql<boolean>`(payload->>'postId')::int = ${postId}`)
      .execute();

  it('asks first: the post’s menu links to a confirmation page quoting the post, with Delete and Cancel', async () => {
    const post = await reply(bo.agent, threadId, 'Renting out   two\nsea kayaks this weekend');
    const mine = await postHtml(bo.agent, post.id);
    expect(mine).toContain('<details class="menu post-menu">');
    expect(mine).toContain('More actions for the post by Bo Fiske');
    expect(mine).toContain(`href="/p/${post.id}/delete"`);
    expect(mine).toContain(`data-confirm-post="/p/${post.id}/delete"`);
    // No form that deletes in one tap.
    expect(mine).not.toContain(`action="/p/${post.id}/delete"`);
    expect((await page(bo.agent)).text).toContain('/static/js/confirm.js');
    // Someone else's post: a reply link, and no menu at all for a guest.
    expect(await postHtml(anna.agent, post.id)).not.toContain(`/p/${post.id}/delete`);
    expect(await postHtml(guest(ctx), post.id)).not.toContain('post-menu');

    const confirm = await bo.agent.get(`/p/${post.id}/delete`).set('accept', HTML).set('accept-language', 'en');
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Delete this post?');
    expect(confirm.text).toContain('Renting out two sea kayaks this weekend');
    expect(confirm.text).toContain(`<form method="post" action="/p/${post.id}/delete"`);
    expect(confirm.text).toContain(`<a class="button" href="/p/${post.id}">Cancel</a>`);
    const json = await bo.agent.get(`/p/${post.id}/delete`).set('accept', JSON_ACCEPT);
    expect(json.body).toEqual({
      post: { id: post.id, threadId, excerpt: 'Renting out two sea kayaks this weekend' },
      thread: { id: threadId, title: 'Paddling in May', slug: 'paddling-in-may', titleHidden: false },
    });
    expect((await anna.agent.get(`/p/${post.id}/delete`).set('accept', HTML)).status).toBe(403);
    expect((await guest(ctx).get(`/p/${post.id}/delete`).set('accept', HTML)).headers.location).toBe(`/login?next=%2Fp%2F${post.id}%2Fdelete`);
    // Asking changed nothing.
    expect(await deletedAt(post.id)).toBeNull();
  });

  it('shows the author “You deleted this post” with Undo, no Reply on the tombstone, and undoes it', async () => {
    const post = await reply(bo.agent, threadId, 'Oops, wrong thread entirely');
    const deleted = await bo.agent.post(`/p/${post.id}/delete`).set('accept', HTML).type('form').send({});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.location).toBe(`/p/${post.id}`);

    const forAuthor = await postHtml(bo.agent, post.id);
    // The notice of what just happened sits in the tombstone, beside the Undo.
    expect(forAuthor).toContain('Post deleted. Changed your mind? Undo it here within 10 minutes.');
    expect(forAuthor).toContain('You deleted this post.');
    expect(forAuthor).toContain(`action="/p/${post.id}/restore"`);
    expect(forAuthor).not.toContain('Oops, wrong thread');
    expect(forAuthor).not.toContain('data-reply-to');
    const forOthers = await postHtml(anna.agent, post.id);
    expect(forOthers).toContain('Deleted by its author.');
    expect(forOthers).not.toContain('/restore');
    expect(forOthers).not.toContain('data-reply-to');
    // A guest's page is cached: the undo must reach it too.
    expect((await page()).text).not.toContain('Oops, wrong thread');

    const restored = await bo.agent.post(`/p/${post.id}/restore`).set('accept', JSON_ACCEPT);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: post.id, deleted: false, author: { username: 'undo_bo' } });
    expect(restored.body.html).toContain('Oops, wrong thread entirely');
    expect(await deletedAt(post.id)).toBeNull();
    expect(await restoredEvents(post.id)).toHaveLength(1);
    await untilEventsSeen(ctx);
    expect((await page()).text).toContain('Oops, wrong thread entirely');
    expect(await postHtml(anna.agent, post.id)).toContain('data-reply-to');

    // From the browser: 303 back to the post.
    await bo.agent.post(`/p/${post.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    const browser = await bo.agent.post(`/p/${post.id}/restore`).set('accept', HTML).type('form').send({});
    expect(browser.status).toBe(303);
    expect(browser.headers.location).toBe(`/p/${post.id}`);
    const back = await postHtml(bo.agent, post.id);
    expect(back).toContain('Your post is back.');
    expect(back).toContain('Oops, wrong thread entirely');
  });

  it('lets only the author undo (403 for others, 401 for guests), and not an admin’s deletion (409)', async () => {
    const post = await reply(bo.agent, threadId, 'Mine to take back');
    await bo.agent.post(`/p/${post.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    for (const who of [anna, admin]) expect((await who.agent.post(`/p/${post.id}/restore`).set('accept', JSON_ACCEPT)).status).toBe(403);
    expect((await guest(ctx).post(`/p/${post.id}/restore`).set('accept', JSON_ACCEPT)).status).toBe(401);
    expect(await deletedAt(post.id)).not.toBeNull();

    const byAdmin = await reply(bo.agent, threadId, 'Taken down by an admin');
    await admin.agent.post(`/p/${byAdmin.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    expect(await postHtml(bo.agent, byAdmin.id)).not.toContain('/restore');
    const refused = await bo.agent.post(`/p/${byAdmin.id}/restore`).set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(refused.status).toBe(409);
    expect(await deletedAt(byAdmin.id)).not.toBeNull();
    expect((await bo.agent.post('/p/999999/restore').set('accept', JSON_ACCEPT)).status).toBe(404);
  });

  it('refuses an undo after 10 minutes with 409 and a clear message, and one of a post not deleted', async () => {
    const post = await reply(bo.agent, threadId, 'Deleted long ago');
    await bo.agent.post(`/p/${post.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    await ctx.db
      .updateTable('posts')
      .set({ deleted_at: sql<Date>`now() - interval '10 minutes 1 second'` })
      .where('id', '=', post.id)
      .execute();
    // Past the window the tombstone offers no Undo…
    expect(await postHtml(bo.agent, post.id)).not.toContain('/restore');
    // …and the database refuses one anyway.
    const late = await bo.agent.post(`/p/${post.id}/restore`).set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('More than 10 minutes have passed since the post was deleted, so it can no longer be undone.');
    expect(await deletedAt(post.id)).not.toBeNull();
    expect(await restoredEvents(post.id)).toHaveLength(0);
    const lateBrowser = await bo.agent.post(`/p/${post.id}/restore`).set('accept', HTML).set('accept-language', 'en').type('form').send({});
    expect(lateBrowser.status).toBe(409);
    expect(lateBrowser.text).toContain('can no longer be undone');

    const alive = await reply(bo.agent, threadId, 'Never deleted');
    const notDeleted = await bo.agent.post(`/p/${alive.id}/restore`).set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(notDeleted.status).toBe(409);
    expect(notDeleted.body.message).toBe('This post is not deleted: there is nothing to undo.');
  });

  it('restores once when two undos arrive at the same moment', async () => {
    const post = await reply(bo.agent, threadId, 'Double-tapped undo');
    await bo.agent.post(`/p/${post.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    const answers = await Promise.all([1, 2].map(() => bo.agent.post(`/p/${post.id}/restore`).set('accept', JSON_ACCEPT)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await deletedAt(post.id)).toBeNull();
    expect(await restoredEvents(post.id)).toHaveLength(1);
  });

  it('pushes the restored post to live subscribers, with Undo gone and Reply back', async () => {
    const post = await reply(bo.agent, threadId, 'Back on the live feed');
    await bo.agent.post(`/p/${post.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    await untilEventsSeen(ctx);
    const socket = await connectLive(ctx, { cookie: sessionCookie(anna.agent) });
    socket.send({ type: 'subscribe', topic: `thread:${threadId}` });
    await socket.next((m) => m.type === 'subscribed');
    await bo.agent.post(`/p/${post.id}/restore`).set('accept', JSON_ACCEPT).expect(200);
    const pushed = await socket.next((m) => m.type === 'post.restored');
    expect(pushed.post.id).toBe(post.id);
    expect(pushed.post.html).toContain('Back on the live feed');
    expect(pushed.post.html).toContain('data-reply-to');
  });

  it('brings back the notification a deletion withdrew', async () => {
    const post = await reply(bo.agent, threadId, 'Anna, I have a spare paddle');
    const annasNotification = async () => {
      await ctx.app.notifications.runWorker();
      const account = await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'undo_anna').executeTakeFirstOrThrow();
      return ctx.db
        .selectFrom('notifications')
        .select('withdrawn_at')
        .where('account_id', '=', account.id)
        .where('post_id', '=', post.id)
        .executeTakeFirstOrThrow();
    };
    expect((await annasNotification()).withdrawn_at).toBeNull();
    await bo.agent.post(`/p/${post.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    expect((await annasNotification()).withdrawn_at).not.toBeNull();
    await bo.agent.post(`/p/${post.id}/restore`).set('accept', JSON_ACCEPT).expect(200);
    expect((await annasNotification()).withdrawn_at).toBeNull();
  });
});
