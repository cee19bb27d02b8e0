import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { insertReply } from '../../src/threads/threads.queries.js';

describe('threads and replies', () => {
  let ctx: TestContext;
  let admin: Member;
  let anna: Member;
  let bo: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    anna = await signUp(ctx, { username: 'anna', displayName: 'Anna på Kajakcenter' });
    bo = await signUp(ctx, { username: 'bosse', displayName: 'Bo Fiskecamp' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
  });
  afterAll(() => ctx.close());

  it('starts a thread: 303 to it for browsers, 201 JSON with the opening post for scripts', async () => {
    const browser = await anna.agent
      .post('/n/kajak/threads')
      .set('accept', HTML)
      .type('form')
      .send({ title: '  När öppnar säsongen?  ', body: 'Vi funderar på **1 maj**.' });
    expect(browser.status).toBe(303);
    expect(browser.headers.location).toMatch(/^\/t\/\d+$/);
    const page = await guest(ctx).get(browser.headers.location!).set('accept', HTML);
    expect(page.text).toContain('<h1>När öppnar säsongen?</h1>');
    expect(page.text).toContain('<strong>1 maj</strong>');

    const json = await startThread(bo.agent, 'fiske', { title: 'Delad utrustning', body: 'Vem har en extra båt?' });
    expect(json).toMatchObject({ title: 'Delad utrustning', network: 'fiske' });
    expect(json.posts).toHaveLength(1);
    expect(json.posts[0]).toMatchObject({ parentId: null, depth: 0, author: { username: 'bosse', displayName: 'Bo Fiskecamp' }, deleted: false });
    expect(json.posts[0]!.html).toContain('Vem har en extra båt?');
  });

  it('sends guests to sign in instead of posting', async () => {
    const browser = await guest(ctx).post('/n/kajak/threads').set('accept', HTML).type('form').send({ title: 'Guest thread', body: 'Hello' });
    expect(browser.status).toBe(303);
    expect(browser.headers.location).toMatch(/^\/login/);
    const json = await guest(ctx).post('/n/kajak/threads').set('accept', JSON_ACCEPT).send({ title: 'Guest thread', body: 'Hello' });
    expect(json.status).toBe(401);
    const form = await guest(ctx).get('/n/kajak/new').set('accept', HTML);
    expect(form.status).toBe(303);
    expect(form.headers.location).toBe('/login?next=%2Fn%2Fkajak%2Fnew');
  });

  it.each([
    [{ title: 'ab', body: 'x' }, 'title'],
    [{ title: '   ab   ', body: 'x' }, 'title'],
    [{ title: 't'.repeat(151), body: 'x' }, 'title'],
    [{ title: 'Fine title', body: '' }, 'body'],
    [{ title: 'Fine title', body: '    ' }, 'body'],
    [{ title: 'Fine title', body: 'b'.repeat(20001) }, 'body'],
    [{ body: 'no title' }, 'title'],
  ])('refuses a thread %j with 400 naming %s', async (body, field) => {
    const before = await ctx.db
      .selectFrom('threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await anna.agent.post('/n/kajak/threads').set('accept', JSON_ACCEPT).send(body);
    expect(response.status).toBe(400);
    expect(response.body.fields[field]).toBeTruthy();
    const after = await ctx.db
      .selectFrom('threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('re-renders the new-thread form for browsers with the text kept', async () => {
    const response = await anna.agent
      .post('/n/kajak/threads')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ title: 'ab', body: 'Kept body text' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Kept body text');
    expect(response.text).toContain('At least 3 characters');
  });

  it('nests replies under the post they answer, siblings in the order written', async () => {
    const thread = await startThread(anna.agent, 'kajak', { title: 'Nested', body: 'Root' });
    const opening = thread.posts[0]!.id;
    const first = await reply(bo.agent, thread.id, 'first top-level');
    expect(first.parentId).toBe(opening);
    const second = await reply(anna.agent, thread.id, 'second top-level', opening);
    const child = await reply(anna.agent, thread.id, 'child of first', first.id);
    const grandchild = await reply(bo.agent, thread.id, 'grandchild', child.id);
    const sibling = await reply(bo.agent, thread.id, 'second child of first', first.id);

    const json = await guest(ctx).get(`/t/${thread.id}`).set('accept', JSON_ACCEPT);
    expect(json.status).toBe(200);
    const shape = json.body.posts.map((p: { id: number; parentId: number | null; depth: number }) => [p.id, p.parentId, p.depth]);
    expect(shape).toEqual([
      [opening, null, 0],
      [first.id, opening, 1],
      [second.id, opening, 1],
      [child.id, first.id, 2],
      [grandchild.id, child.id, 3],
      [sibling.id, first.id, 2],
    ]);
    const page = await guest(ctx).get(`/t/${thread.id}`).set('accept', HTML);
    const order = [first, child, grandchild, sibling, second].map((p) => page.text.indexOf(`id="p-${p.id}"`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    // The grandchild sits inside the child's list, which sits inside the first reply's.
    const childList = page.text.indexOf(`data-replies-of="${child.id}"`);
    expect(childList).toBeGreaterThan(order[1]!);
    expect(childList).toBeLessThan(order[2]!);
  });

  it('caps the display depth at 5: deeper replies line up at depth 5 saying whom they answer', async () => {
    const thread = await startThread(anna.agent, 'kajak', { title: 'Deep', body: 'Root' });
    let parentId = thread.posts[0]!.id;
    const chain: number[] = [];
    for (let depth = 1; depth <= 7; depth += 1) {
      const created = await reply(depth % 2 ? bo.agent : anna.agent, thread.id, `depth ${depth}`, parentId);
      chain.push(created.id);
      parentId = created.id;
    }
    const json = await guest(ctx).get(`/t/${thread.id}`).set('accept', JSON_ACCEPT);
    expect(json.body.posts.map((p: { depth: number }) => p.depth)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const page = await guest(ctx).get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toMatch(new RegExp(`id="p-${chain[5]}"[^>]*data-depth="5"`));
    expect(page.text).toMatch(new RegExp(`id="p-${chain[6]}"[^>]*data-depth="5"`));
    expect(page.text).toContain(`href="#p-${chain[5]}">in reply to @anna`);
    expect(page.text).not.toContain('depth-6');
  });

  it('refuses a parentId from another thread with 400, and 404 for a missing thread', async () => {
    const one = await startThread(anna.agent, 'kajak');
    const other = await startThread(bo.agent, 'fiske');
    const response = await bo.agent.post(`/t/${one.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'wrong parent', parentId: other.posts[0]!.id });
    expect(response.status).toBe(400);
    expect(response.body.fields.parentId).toBeTruthy();
    const missingParent = await bo.agent.post(`/t/${one.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'no such parent', parentId: 99999999 });
    expect(missingParent.status).toBe(400);
    expect((await bo.agent.post('/t/99999999/replies').set('accept', JSON_ACCEPT).send({ body: 'x' })).status).toBe(404);
    expect((await guest(ctx).get('/t/99999999').set('accept', JSON_ACCEPT)).status).toBe(404);
    expect((await guest(ctx).get('/t/abc').set('accept', JSON_ACCEPT)).status).toBe(400);
    expect((await guest(ctx).get('/p/99999999').set('accept', JSON_ACCEPT)).status).toBe(404);
    const replies = await ctx.db.selectFrom('posts').select('id').where('thread_id', '=', one.id).execute();
    expect(replies).toHaveLength(1);
  });

  it('refuses with 403 a reply from an account deleted while its session was still in memory, storing nothing', async () => {
    const thread = await startThread(anna.agent, 'kajak');
    const gone = await signUp(ctx);
    await gone.agent.get('/me').set('accept', JSON_ACCEPT).expect(200);
    // Deleted behind the instance's back (no event): the cached session still lets the request in.
    await ctx.db.updateTable('accounts').set({ deleted_at: new Date(), email: null }).where('username', '=', gone.username).execute();
    expect((await gone.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'too late' })).status).toBe(403);
    expect(await ctx.db.selectFrom('posts').select('id').where('thread_id', '=', thread.id).execute()).toHaveLength(1);
  });

  it("never moves a thread's last activity back for a reply timed before the one it waited behind", async () => {
    const thread = await startThread(anna.agent, 'kajak');
    const before = await ctx.db
      .selectFrom('threads')
      .select(['last_activity_at', 'reply_count', 'network_id'])
      .where('id', '=', thread.id)
      .executeTakeFirstOrThrow();
    const author = await ctx.db.selectFrom('accounts').select('id').where('username', '=', bo.username).executeTakeFirstOrThrow();
    const placement = { thread_id: thread.id, parent_id: thread.posts[0]!.id, root_id: null, depth: 1, top_level_number: 1, author_id: author.id };
    const late = { title: null, body: 'Sent a minute ago', html: '<p>Sent a minute ago</p>', lang: 'en' as const };
    await insertReply(
      ctx.db,
      { ...placement, ...late },
      { networkId: before.network_id, at: new Date(before.last_activity_at.getTime() - 60_000), topLevelAdded: 1 },
    );
    const after = await ctx.db
      .selectFrom('threads')
      .select(['last_activity_at', 'reply_count', 'last_poster_id'])
      .where('id', '=', thread.id)
      .executeTakeFirstOrThrow();
    expect(after.last_activity_at).toEqual(before.last_activity_at);
    expect(after.reply_count).toBe(before.reply_count + 1);
    expect(after.last_poster_id).toBe(author.id);
  });

  it('answers a reply with 303 to /t/:id#p-:postId, and JSON with the rendered html', async () => {
    const thread = await startThread(anna.agent, 'kajak');
    const browser = await bo.agent.post(`/t/${thread.id}/replies`).set('accept', HTML).type('form').send({ body: 'Hej *alla*' });
    expect(browser.status).toBe(303);
    const [row] = await ctx.db.selectFrom('posts').select('id').where('thread_id', '=', thread.id).orderBy('id', 'desc').limit(1).execute();
    expect(browser.headers.location).toBe(`/t/${thread.id}#p-${row!.id}`);
    const json = await bo.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'Hej *igen*' });
    expect(json.status).toBe(201);
    expect(Object.keys(json.body).sort()).toEqual(['author', 'createdAt', 'html', 'id', 'parentId', 'threadId']);
    expect(json.body.html).toContain('<em>igen</em>');
  });

  it('serves /t/:id/:slug and the reply form page without JavaScript', async () => {
    const thread = await startThread(anna.agent, 'kajak', { title: 'Låna mötesrum' });
    const withSlug = await guest(ctx).get(`/t/${thread.id}/lana-motesrum`).set('accept', HTML);
    expect(withSlug.status).toBe(200);
    expect(withSlug.text).toContain('Låna mötesrum');
    const form = await bo.agent.get(`/t/${thread.id}/reply?to=${thread.posts[0]!.id}`).set('accept', HTML);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`name="parentId" value="${thread.posts[0]!.id}"`);
    expect(withSlug.text).not.toContain(`href="/t/${thread.id}/reply?to=`);
    const signedIn = await bo.agent.get(`/t/${thread.id}`).set('accept', HTML);
    expect(signedIn.text).toContain(`href="/t/${thread.id}/reply?to=${thread.posts[0]!.id}"`);
  });

  it('shows the same posts in JSON as on the page', async () => {
    const thread = await startThread(anna.agent, 'kajak', { title: 'Same content' });
    await reply(bo.agent, thread.id, 'A reply with `code`');
    const json = await guest(ctx).get(`/t/${thread.id}`).set('accept', JSON_ACCEPT);
    const page = await guest(ctx).get(`/t/${thread.id}`).set('accept', HTML);
    for (const post of json.body.posts as Array<{ id: number; html: string; author: { displayName: string } }>) {
      expect(page.text).toContain(`id="p-${post.id}"`);
      expect(page.text).toContain(post.html);
      expect(page.text).toContain(post.author.displayName);
    }
    expect(json.body).toMatchObject({ title: 'Same content', network: { slug: 'kajak' }, replyCount: 1, page: 1, pages: 1 });
  });

  it('lets authors edit their posts, keeps earlier versions, and shows "edited"', async () => {
    const thread = await startThread(anna.agent, 'kajak', { title: 'Original title', body: 'Original body' });
    const postId = thread.posts[0]!.id;
    expect((await bo.agent.post(`/p/${postId}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Hijack' })).status).toBe(403);
    expect((await bo.agent.get(`/p/${postId}/edit`).set('accept', HTML)).status).toBe(403);
    const edit = await anna.agent.post(`/p/${postId}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Better body', title: 'Better title' });
    expect(edit.status).toBe(200);
    expect(edit.body.editedAt).toBeTruthy();
    const page = await guest(ctx).get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Better title');
    expect(page.text).toContain('Better body');
    expect(page.text).not.toContain('Original body');
    expect(page.text).toContain('edited');
    const revisions = await ctx.db.selectFrom('post_revisions').select(['body', 'title']).where('post_id', '=', postId).execute();
    expect(revisions).toEqual([{ body: 'Original body', title: 'Original title' }]);
    const byAdmin = await admin.agent.post(`/p/${postId}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Admin fixed a typo' });
    expect(byAdmin.status).toBe(200);
    const empty = await anna.agent.post(`/p/${postId}/edit`).set('accept', JSON_ACCEPT).send({ body: '' });
    expect(empty.status).toBe(400);
  });

  it('soft-deletes: the post says "deleted by its author", its replies stay, others get 403', async () => {
    const thread = await startThread(anna.agent, 'kajak');
    const parent = await reply(bo.agent, thread.id, 'Secret words to delete');
    const child = await reply(anna.agent, thread.id, 'A reply that stays', parent.id);
    expect((await anna.agent.post(`/p/${parent.id}/delete`).set('accept', JSON_ACCEPT)).status).toBe(403);
    expect((await guest(ctx).post(`/p/${parent.id}/delete`).set('accept', JSON_ACCEPT)).status).toBe(401);
    const deleted = await bo.agent.post(`/p/${parent.id}/delete`).set('accept', JSON_ACCEPT);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ deleted: true, html: '' });
    const page = await guest(ctx).get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).not.toContain('Secret words to delete');
    expect(page.text).toContain('Deleted by its author.');
    expect(page.text).toContain('A reply that stays');
    const json = await guest(ctx).get(`/t/${thread.id}`).set('accept', JSON_ACCEPT);
    expect(JSON.stringify(json.body)).not.toContain('Secret words');
    expect(json.body.posts.find((p: { id: number }) => p.id === child.id).parentId).toBe(parent.id);
    expect((await bo.agent.post(`/p/${parent.id}/edit`).set('accept', JSON_ACCEPT).send({ body: 'revive' })).status).toBe(403);
  });
});
