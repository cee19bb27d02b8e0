// Every event of a topic reaches a subscriber, in cursor order, none skipped — also when many writes to
// one thread commit at once and some of them (replies past the display depth) take longer to load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { connectLive, type LiveClient } from '../helpers/live.js';
import { recordEvent } from '../../src/core/events.js';

const POST_EVENTS = ['post.created', 'post.edited', 'post.deleted', 'post.hidden', 'post.unhidden'];
/** Replies nest two deep on the page: anything deeper is loaded with its parent's author. */
const DISPLAY_DEPTH = 2;

describe('the order of live events', () => {
  let ctx: TestContext;
  let admin: Member;
  let members: Member[];
  let threadId: number;
  /** A post at each depth from 0 (the opening post) to DISPLAY_DEPTH + 2. */
  let chain: number[];
  const authorOf = new Map<number, Member>();
  beforeAll(async () => {
    ctx = await createTestContext({ THREAD_DISPLAY_DEPTH: String(DISPLAY_DEPTH) });
    admin = await signUp(ctx);
    members = [await signUp(ctx), await signUp(ctx), await signUp(ctx)];
    await createNetwork(admin.agent, { slug: 'kajak' });
    const thread = await startThread(members[0]!.agent, 'kajak');
    threadId = thread.id;
    chain = [thread.posts[0]!.id];
    authorOf.set(chain[0]!, members[0]!);
    for (let depth = 1; depth <= DISPLAY_DEPTH + 2; depth += 1) {
      const author = members[depth % 3]!;
      chain.push((await reply(author.agent, threadId, `depth ${depth}`, chain.at(-1))).id);
      authorOf.set(chain.at(-1)!, author);
    }
  });
  afterAll(() => ctx.close());

  /** The thread's post events after `cursor`, as the events table has them. */
  async function recordedAfter(cursor: number) {
    const rows = await ctx.db
      .selectFrom('events')
      .select(['id', 'name'])
      .where('thread_id', '=', threadId)
      .where('id', '>', cursor)
      .where('name', 'in', POST_EVENTS)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ cursor: row.id, type: row.name }));
  }

  async function subscribed(since?: number): Promise<{ client: LiveClient; cursor: number }> {
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: `thread:${threadId}`, since });
    return { client, cursor: (await client.next((m) => m.type === 'subscribed')).cursor };
  }

  /**
   * Replies past the display depth, edits and hides of one thread, all sent at the same moment. A post
   * is edited or hidden, not both: an edit locks the thread, then the post, and hiding takes them the
   * other way round, so the two on one post can deadlock (one of them then fails and records nothing).
   */
  function concurrentWrites(round: number) {
    const edited = chain.filter((_, depth) => depth % 2 === 1);
    const hidden = chain.filter((_, depth) => depth > 0 && depth % 2 === 0);
    return Promise.all([
      ...chain.slice(DISPLAY_DEPTH).map((parentId, i) =>
        members[i % 3]!.agent.post(`/t/${threadId}/replies`)
          .set('accept', JSON_ACCEPT)
          .send({ body: `round ${round}, deep ${i}`, parentId }),
      ),
      ...edited.map((postId) =>
        authorOf
          .get(postId)!
          .agent.post(`/p/${postId}/edit`)
          .set('accept', JSON_ACCEPT)
          .send({ body: `round ${round}, edit of ${postId}` }),
      ),
      ...hidden.map((postId) =>
        admin.agent
          .post(`/p/${postId}/${round % 2 === 0 ? 'hide' : 'unhide'}`)
          .set('accept', JSON_ACCEPT)
          .send({ reason: 'off-topic' }),
      ),
    ]);
  }

  /** Waits for as many post events as the table holds after `cursor`, then proves nothing else came. */
  async function receivedAfter(client: LiveClient, cursor: number) {
    const expected = await recordedAfter(cursor);
    const received = [];
    while (received.length < expected.length) received.push(await client.next((m) => POST_EVENTS.includes(m.type)));
    received.push(...(await client.settle()));
    return { expected, received: received.map((m) => ({ cursor: m.cursor, type: m.type })) };
  }

  it('sends a subscriber every event of concurrent writes to one thread, in cursor order, none skipped', async () => {
    const { client, cursor } = await subscribed();
    for (let round = 0; round < 3; round += 1) {
      const responses = await concurrentWrites(round);
      for (const response of responses) expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    }
    const { expected, received } = await receivedAfter(client, cursor);
    // Three rounds of three replies, two edits and two hides (or unhides).
    expect(expected).toHaveLength(3 * 7);
    expect(received).toEqual(expected);
    client.close();
  });

  it('sends both of two events committed together when the first takes longer to load', async () => {
    const { client, cursor } = await subscribed();
    const deepPost = chain.at(-1)!;
    const shallowPost = chain[1]!;
    // One transaction, so both reach the bus in one batch: the deep post's event loads its parent too.
    await ctx.db.transaction().execute(async (tx) => {
      await recordEvent(tx, 'post.edited', { postId: deepPost, threadId });
      await recordEvent(tx, 'post.edited', { postId: shallowPost, threadId });
    });
    const { expected, received } = await receivedAfter(client, cursor);
    expect(expected).toHaveLength(2);
    expect(received).toEqual(expected);
    client.close();
  });

  it('leaves no gap between a replay and the live events that follow it, whenever the subscription starts', async () => {
    const { client: watcher, cursor: start } = await subscribed();
    // A second subscriber resumes from `start` while the writes are still committing.
    const [, late] = await Promise.all([concurrentWrites(3), subscribed(start)]);
    await concurrentWrites(4);
    const { received: everything } = await receivedAfter(watcher, start);
    expect(everything.length).toBeGreaterThan(0);

    // The watcher's last message about each post shows its final state; the late subscriber (replay
    // collapsed, then live) must end on the same, with cursors still rising and no event sent twice.
    const finalHtml = new Map<number, string>();
    for (const message of watcher.messages.filter((m) => POST_EVENTS.includes(m.type))) finalHtml.set(message.post.id, message.post.html);
    const lateMessages = (await late.client.settle()).filter((m) => POST_EVENTS.includes(m.type));
    const lateHtml = new Map<number, string>();
    for (const message of lateMessages) lateHtml.set(message.post.id, message.post.html);
    expect(lateHtml).toEqual(finalHtml);
    const cursors = lateMessages.map((m) => m.cursor);
    expect(cursors).toEqual([...new Set(cursors)].sort((a, b) => a - b));
    watcher.close();
    late.client.close();
  });
});
