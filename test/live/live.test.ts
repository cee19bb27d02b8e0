import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { untilEventsSeen } from '../helpers/events.js';
import { WebSocket } from 'ws';
import { connectLive, liveUrl, sessionCookie } from '../helpers/live.js';
import { recordEvent } from '../../src/core/events.js';

/** The <article> of one post, exactly as the page has it. */
function articleOf(html: string, postId: number): string {
  const match = new RegExp(`<article class="post[^"]*" id="p-${postId}"[\\s\\S]*?</article>`).exec(html);
  if (!match) throw new Error(`post ${postId} is not on the page`);
  return match[0];
}

describe('live updates over /live', () => {
  let ctx: TestContext;
  let anna: Member;
  let bo: Member;
  let threadId: number;
  let openingId: number;
  beforeAll(async () => {
    ctx = await createTestContext();
    anna = await signUp(ctx, { username: 'anna' });
    bo = await signUp(ctx, { username: 'bosse' });
    await createNetwork(anna.agent, { slug: 'kajak', name: 'Kajak' });
    const thread = await startThread(anna.agent, 'kajak', { title: 'Live thread' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
  });
  afterAll(() => ctx.close());

  it('pushes a reply posted over HTTP, with the HTML the page shows for that post', async () => {
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: `thread:${threadId}` });
    const subscribed = await client.next((m) => m.type === 'subscribed');
    expect(subscribed).toMatchObject({ topic: `thread:${threadId}` });
    expect(typeof subscribed.cursor).toBe('number');

    const posted = await reply(bo.agent, threadId, 'Live *hello*');
    const pushed = await client.next((m) => m.type === 'post.created');
    expect(pushed.topic).toBe(`thread:${threadId}`);
    expect(pushed.cursor).toBeGreaterThan(subscribed.cursor);
    expect(pushed.post).toMatchObject({ id: posted.id, parentId: openingId, threadId, depth: 1, author: { username: 'bosse' }, deleted: false });
    const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'sv');
    expect(pushed.post.html).toBe(articleOf(page.text, posted.id));
    expect(pushed.post.html).toContain('<em>hello</em>');
    client.close();
  });

  it('renders the pushed post for each viewer: the author gets the edit button, a guest does not', async () => {
    const authorSocket = await connectLive(ctx, { cookie: sessionCookie(anna.agent) });
    const guestSocket = await connectLive(ctx);
    for (const client of [authorSocket, guestSocket]) {
      client.send({ type: 'subscribe', topic: `thread:${threadId}` });
      await client.next((m) => m.type === 'subscribed');
    }
    const posted = await reply(anna.agent, threadId, 'Mine');
    const forAuthor = await authorSocket.next((m) => m.type === 'post.created');
    const forGuest = await guestSocket.next((m) => m.type === 'post.created');
    expect(forAuthor.post.id).toBe(posted.id);
    expect(forAuthor.post.html).toContain(`/p/${posted.id}/edit`);
    expect(forGuest.post.html).not.toContain(`/p/${posted.id}/edit`);
    expect(forGuest.post.html).not.toContain('/reply?to=');
    authorSocket.close();
    guestSocket.close();
  });

  it('replays what was missed after `since`: exactly those events, in order, then live ones', async () => {
    const first = await connectLive(ctx);
    first.send({ type: 'subscribe', topic: `thread:${threadId}` });
    const { cursor } = await first.next((m) => m.type === 'subscribed');
    first.close();
    await first.closed;

    const missed = [];
    for (const body of ['missed one', 'missed two', 'missed three']) missed.push((await reply(bo.agent, threadId, body)).id);

    const again = await connectLive(ctx);
    again.send({ type: 'subscribe', topic: `thread:${threadId}`, since: cursor });
    await again.next((m) => m.type === 'subscribed');
    const replayed = [await again.next(), await again.next(), await again.next()];
    expect(replayed.map((m) => [m.type, m.post.id])).toEqual(missed.map((id) => ['post.created', id]));
    expect(replayed[0]!.cursor).toBeLessThan(replayed[1]!.cursor);
    // Nothing between the replay and the live events, and nothing twice: each next message is the next reply.
    for (const body of ['after the replay', 'and one more']) {
      const live = await reply(bo.agent, threadId, body);
      expect((await again.next()).post.id).toBe(live.id);
    }
    again.close();
  });

  it('answers reset for a cursor older than the backlog keeps', async () => {
    await reply(bo.agent, threadId, 'keeps the backlog non-empty');
    const newest = await ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await ctx.db.deleteFrom('events').where('id', '<', newest.id).execute();
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: `thread:${threadId}`, since: 1 });
    expect(await client.next((m) => m.type === 'reset')).toEqual({ type: 'reset', topic: `thread:${threadId}` });
    client.close();
  });

  it('says error for bad messages and unknown topics, and keeps the connection open', async () => {
    const client = await connectLive(ctx);
    client.send('{not json');
    expect((await client.next()).type).toBe('error');
    client.send({ type: 'subscribe', topic: 'thread:99999999' });
    expect(await client.next()).toMatchObject({ type: 'error' });
    client.send({ type: 'subscribe', topic: 'board:nowhere' });
    expect(await client.next()).toMatchObject({ type: 'error' });
    client.send({ type: 'subscribe', topic: 'everything' });
    expect(await client.next()).toMatchObject({ type: 'error' });
    client.send({ type: 'subscribe', topic: `thread:${threadId}`, since: 'yesterday' });
    expect(await client.next()).toMatchObject({ type: 'error' });
    client.send({ type: 'dance' });
    expect(await client.next()).toMatchObject({ type: 'error' });
    client.send({ type: 'ping' });
    expect(await client.next()).toEqual({ type: 'pong' });
    client.close();
  });

  it('closes with 1009 when a message is larger than 8 KB', async () => {
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: 'x'.repeat(9000) });
    expect(await client.closed).toBe(1009);
  });

  it('refuses the upgrade from another site with 403', async () => {
    await expect(connectLive(ctx, { origin: 'https://evil.example' })).rejects.toThrow('upgrade refused: 403');
    const sameSite = await connectLive(ctx, { origin: 'http://forum.test' });
    sameSite.close();
  });

  it('answers 404 to an upgrade anywhere but /live, and to /live without one', async () => {
    const url = (await liveUrl(ctx)).replace('/live', '/elsewhere');
    const socket = new WebSocket(url);
    const status = await new Promise<number>((resolve, reject) => {
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => reject(new Error('opened')));
      socket.once('error', reject);
    });
    expect(status).toBe(404);
    expect((await guest(ctx).get('/live')).status).toBe(404);
  });

  it('takes at most 50 topics per connection', async () => {
    const threads = [];
    for (let i = 0; i < 51; i += 1)
      threads.push(
        (
          await ctx.db
            .insertInto('threads')
            .values({
              network_id: (await ctx.db.selectFrom('networks').select('id').executeTakeFirstOrThrow()).id,
              author_id: 1,
              title: `Bulk ${i}`,
              slug: 'bulk',
              lang: 'en',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const client = await connectLive(ctx);
    for (const id of threads.slice(0, 50)) client.send({ type: 'subscribe', topic: `thread:${id}` });
    for (let i = 0; i < 50; i += 1) expect((await client.next()).type).toBe('subscribed');
    client.send({ type: 'subscribe', topic: `thread:${threads[50]}` });
    expect(await client.next()).toMatchObject({ type: 'error' });
    client.close();
  });

  it('tells a board about new threads', async () => {
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: 'board:kajak' });
    await client.next((m) => m.type === 'subscribed');
    const thread = await startThread(bo.agent, 'kajak', { title: 'Brand new' });
    const message = await client.next((m) => m.type === 'thread.created');
    expect(message).toMatchObject({ topic: 'board:kajak', thread: { id: thread.id, title: 'Brand new', author: { username: 'bosse' } } });
    client.close();
  });

  it('pushes nothing for a write that rolled back', async () => {
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: `thread:${threadId}` });
    await client.next((m) => m.type === 'subscribed');
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await recordEvent(tx, 'post.created', { postId: openingId, threadId });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // The next message is the next real reply: the rolled-back write sent nothing before it.
    const real = await reply(bo.agent, threadId, 'this one is real');
    expect((await client.next()).post.id).toBe(real.id);
    client.close();
  });

  it('pushes edits and deletions the same way', async () => {
    const posted = await reply(bo.agent, threadId, 'to be edited');
    // Subscribed from now on: the reply's own post.created must not arrive as the first message.
    await untilEventsSeen(ctx);
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: `thread:${threadId}` });
    await client.next((m) => m.type === 'subscribed');
    await bo.agent.post(`/p/${posted.id}/edit`).set('accept', 'application/json').send({ body: 'edited text' }).expect(200);
    const edited = await client.next();
    expect(edited).toMatchObject({ type: 'post.edited', post: { id: posted.id } });
    expect(edited.post.html).toContain('edited text');
    await bo.agent.post(`/p/${posted.id}/delete`).set('accept', 'application/json').expect(200);
    const deleted = await client.next();
    expect(deleted).toMatchObject({ type: 'post.deleted', post: { id: posted.id, deleted: true } });
    expect(deleted.post.html).not.toContain('edited text');
    client.close();
  });
});
