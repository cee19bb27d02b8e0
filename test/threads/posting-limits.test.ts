import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, startThread } from '../helpers/forum.js';

describe('posting limits', () => {
  let ctx: TestContext;
  let newcomer: Member;
  let veteran: Member;
  let editor: Member;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMITS: 'on' });
    newcomer = await signUp(ctx);
    veteran = await signUp(ctx);
    editor = await signUp(ctx);
    await createNetwork(newcomer.agent, { slug: 'kajak' });
    await ctx.db
      .updateTable('accounts')
      .set({ created_at: new Date(Date.now() - 3 * 24 * 3600 * 1000) })
      .where('username', '=', veteran.username)
      .execute();
  });
  afterAll(() => ctx.close());

  it('lets an account younger than a day start one thread a minute (429 with Retry-After)', async () => {
    await startThread(newcomer.agent, 'kajak');
    const second = await newcomer.agent.post('/n/kajak/threads').set('accept', JSON_ACCEPT).send({ title: 'Too soon', body: 'Again' });
    expect(second.status).toBe(429);
    const retryAfter = Number(second.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(15);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const count = await ctx.db.selectFrom('threads').select('id').where('title', '=', 'Too soon').execute();
    expect(count).toHaveLength(0);
  });

  it('keeps the text in the re-rendered form for browsers, with a friendly message', async () => {
    const response = await newcomer.agent
      .post('/n/kajak/threads')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ title: 'Kept title', body: 'My carefully written question' });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBeTruthy();
    expect(response.text).toContain('My carefully written question');
    expect(response.text).toContain('value="Kept title"');
    expect(response.text).toContain('You are posting very fast');
  });

  it('lets an established account reply every 5 seconds, and start a thread every 15', async () => {
    const thread = await startThread(veteran.agent, 'kajak');
    const first = await veteran.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'one' });
    expect(first.status).toBe(201);
    const second = await veteran.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'two' });
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(5);
    const thread2 = await veteran.agent.post('/n/kajak/threads').set('accept', JSON_ACCEPT).send({ title: 'Second thread', body: 'x' });
    expect(thread2.status).toBe(429);
    expect(Number(thread2.headers['retry-after'])).toBeLessThanOrEqual(15);
    // Once the last reply is older than the limit, replying works again.
    await ctx.db
      .updateTable('posts')
      .set({ created_at: new Date(Date.now() - 6000) })
      .where('author_id', '=', (await ctx.db.selectFrom('accounts').select('id').where('username', '=', veteran.username).executeTakeFirstOrThrow()).id)
      .execute();
    const third = await veteran.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'three' });
    expect(third.status).toBe(201);
  });

  it('counts two replies sent at the same moment against the limit: one lands', async () => {
    const thread = await startThread(newcomer.agent, 'kajak').catch(() => null);
    const target = thread?.id ?? (await ctx.db.selectFrom('threads').select('id').limit(1).executeTakeFirstOrThrow()).id;
    const other = await signUp(ctx);
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        other.agent
          .post(`/t/${target}/replies`)
          .set('accept', JSON_ACCEPT)
          .send({ body: `burst ${n}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 429, 429]);
  });

  const idOf = async (member: Member) =>
    (await ctx.db.selectFrom('accounts').select('id').where('username', '=', member.username).executeTakeFirstOrThrow()).id;
  const edit = (member: Member, postId: number, body: string) =>
    member.agent.post(`/p/${postId}/edit`).set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ body });
  const editEvents = async (postId: number) =>
    (await ctx.db.selectFrom('events').select('payload').where('name', '=', 'post.edited').execute()).filter(
      (e) => (e.payload as { postId: number }).postId === postId,
    );
  /** Moves the account's posting a minute into the past, so the next post or edit is not too soon. */
  async function letAMinutePass(member: Member) {
    const accountId = await idOf(member);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await ctx.db.updateTable('threads').set({ created_at: aMinuteAgo }).where('author_id', '=', accountId).execute();
    await ctx.db.updateTable('posts').set({ created_at: aMinuteAgo }).where('author_id', '=', accountId).execute();
    await ctx.db.updateTable('post_revisions').set({ created_at: aMinuteAgo }).where('editor_id', '=', accountId).execute();
  }

  it('counts an edit like a reply: another edit, or a reply, right after it waits (429 with Retry-After)', async () => {
    const thread = await startThread(editor.agent, 'kajak');
    const postId = thread.posts[0]!.id;
    expect((await edit(editor, postId, 'Edit one')).status).toBe(200);
    const again = await edit(editor, postId, 'Edit two');
    expect(again.status).toBe(429);
    expect(again.body.message).toContain('posting very fast');
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(15);
    expect((await editor.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'A reply' })).status).toBe(429);
    const stored = await ctx.db.selectFrom('posts').select('body').where('id', '=', postId).executeTakeFirstOrThrow();
    expect(stored.body).toBe('Edit one');
    expect(await editEvents(postId)).toHaveLength(1);

    // Once the last edit is older than the limit, a reply goes through; an edit right after it waits.
    await letAMinutePass(editor);
    expect((await editor.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'A reply' })).status).toBe(201);
    expect((await edit(editor, postId, 'Edit three')).status).toBe(429);
  });

  it('shows a browser the edit form again with its title and text kept', async () => {
    await letAMinutePass(editor);
    const postId = (await startThread(editor.agent, 'kajak')).posts[0]!.id;
    expect((await edit(editor, postId, 'First fix')).status).toBe(200);
    const response = await editor.agent
      .post(`/p/${postId}/edit`)
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ title: 'Kept edited title', body: 'My carefully edited text' });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBeTruthy();
    expect(response.text).toContain('My carefully edited text');
    expect(response.text).toContain('value="Kept edited title"');
    expect(response.text).toContain('You are posting very fast');
  });

  it('counts three edits sent at the same moment against the limit: one lands', async () => {
    await letAMinutePass(editor);
    const postId = (await startThread(editor.agent, 'kajak')).posts[0]!.id;
    const results = await Promise.all([1, 2, 3].map((n) => edit(editor, postId, `burst edit ${n}`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 429, 429]);
    expect(await ctx.db.selectFrom('post_revisions').select('id').where('post_id', '=', postId).execute()).toHaveLength(1);
    expect(await editEvents(postId)).toHaveLength(1);
  });
});
