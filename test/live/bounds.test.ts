// One cheap message must not make the server do unbounded work, and a client that stops reading must not
// make it hold unbounded output: the bounds of src/live/limits.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { untilEventsSeen } from '../helpers/events.js';
import { connectLive, type LiveClient } from '../helpers/live.js';
import { MESSAGE_BURST, REPLAY_MAX_BYTES, REPLAY_MAX_MESSAGES, SOCKETS_PER_ADDRESS } from '../../src/live/limits.js';

/** The longest body there is, five times as long in HTML (`&` is `&amp;`): 100 kB a message. */
const HEAVY_BODY = '&'.repeat(20_000);
const HEAVY_MESSAGE_BYTES = HEAVY_BODY.length * 5;

describe('bounds of the live feed', () => {
  let ctx: TestContext;
  let member: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'kajak' });
  });
  afterAll(() => ctx.close());

  /** A new thread, and the cursor a subscriber to it has reached before anything else happens there. */
  async function freshThread(): Promise<{ threadId: number; cursor: number }> {
    const thread = await startThread(member.agent, 'kajak');
    const client = await subscribe(thread.id);
    const { cursor } = client.messages.find((m) => m.type === 'subscribed')!;
    client.close();
    return { threadId: thread.id, cursor };
  }

  /**
   * Once the app has seen every event: the cursor a subscriber is given is past everything written before,
   * and with `since`, what came after it is replayed, not sent live.
   */
  async function subscribe(threadId: number, since?: number): Promise<LiveClient> {
    await untilEventsSeen(ctx);
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: `thread:${threadId}`, since });
    await client.next((m) => m.type === 'subscribed');
    return client;
  }

  const edit = (postId: number, body: string) => member.agent.post(`/p/${postId}/edit`).set('accept', JSON_ACCEPT).send({ body }).expect(200);

  it('replays each post once, in its latest state, however often it changed', async () => {
    const earlier = await startThread(member.agent, 'kajak');
    const old = await reply(member.agent, earlier.id, 'written before the cursor');
    const { cursor } = await subscribe(earlier.id).then((client) => {
      client.close();
      return client.messages[0]!;
    });
    for (let i = 1; i <= 5; i += 1) await edit(old.id, `edit number ${i}`);
    const fresh = await reply(member.agent, earlier.id, 'new after the cursor');
    await edit(fresh.id, 'new, then edited');

    const client = await subscribe(earlier.id, cursor);
    const replayed = await client.settle();
    expect(replayed.map((m) => [m.type, m.post.id])).toEqual([
      ['post.edited', old.id],
      // Created since the cursor: the subscriber has never seen it, so it comes as created, as it is now.
      ['post.created', fresh.id],
    ]);
    expect(replayed[0]!.post.html).toContain('edit number 5');
    expect(replayed[1]!.post.html).toContain('new, then edited');
    expect(replayed[0]!.cursor).toBeLessThan(replayed[1]!.cursor);

    // Live events go on from the last event the replay covered: the edit of the new post is not sent again.
    const live = await reply(member.agent, earlier.id, 'live after the replay');
    expect(await client.next()).toMatchObject({ type: 'post.created', post: { id: live.id } });
    expect(await client.settle()).toEqual([]);
    client.close();
  });

  it(`answers reset instead of a replay of more than ${REPLAY_MAX_MESSAGES} posts`, async () => {
    const { threadId, cursor } = await freshThread();
    for (let i = 0; i <= REPLAY_MAX_MESSAGES; i += 1) await reply(member.agent, threadId, `reply ${i}`);
    const client = await subscribe(threadId, cursor);
    expect(await client.settle()).toEqual([{ type: 'reset', topic: `thread:${threadId}` }]);
    client.close();
  });

  it(`answers reset instead of a replay of more than ${REPLAY_MAX_BYTES / 1024 / 1024} MB`, async () => {
    const { threadId, cursor } = await freshThread();
    for (let bytes = 0; bytes <= REPLAY_MAX_BYTES; bytes += HEAVY_MESSAGE_BYTES) await reply(member.agent, threadId, HEAVY_BODY);
    const client = await subscribe(threadId, cursor);
    expect(await client.settle()).toEqual([{ type: 'reset', topic: `thread:${threadId}` }]);
    client.close();
  });

  it('replays nothing to a connection that subscribes again to a topic it already has', async () => {
    const { threadId, cursor } = await freshThread();
    const posted = await reply(member.agent, threadId, 'missed once');
    await untilEventsSeen(ctx);
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: `thread:${threadId}`, since: cursor });
    const first = await client.settle();
    expect(first.map((m) => m.type)).toEqual(['subscribed', 'post.created']);
    expect(first[1]!.post.id).toBe(posted.id);

    client.send({ type: 'subscribe', topic: `thread:${threadId}`, since: cursor });
    expect(await client.settle()).toEqual([{ type: 'subscribed', topic: `thread:${threadId}`, cursor: first[1]!.cursor }]);
    client.close();
  });

  it(`takes ${MESSAGE_BURST} messages at once from a connection, and closes it with 1008 at one more`, async () => {
    const polite = await connectLive(ctx);
    for (let i = 0; i < MESSAGE_BURST; i += 1) polite.send({ type: 'ping' });
    // The server closes at the message past the limit, before handling it: every pong means all were taken.
    for (let i = 0; i < MESSAGE_BURST; i += 1) await polite.next((m) => m.type === 'pong');
    polite.close();

    const flooding = await connectLive(ctx);
    for (let i = 0; i <= MESSAGE_BURST; i += 1) flooding.send({ type: 'ping' });
    expect(await flooding.closed).toBe(1008);
  });

  it('cuts off a connection that leaves more than a megabyte unread', async () => {
    const { threadId } = await freshThread();
    const reader = await subscribe(threadId);
    const stalled = await subscribe(threadId);
    stalled.pause();
    // 8 MB: the kernel's buffers on both ends take about 4 MB before the server's output piles up.
    const replies = Math.ceil((8 * 1024 * 1024) / HEAVY_MESSAGE_BYTES);
    for (let i = 0; i < replies; i += 1) await reply(member.agent, threadId, HEAVY_BODY);
    for (let i = 0; i < replies; i += 1) await reader.next((m) => m.type === 'post.created');
    stalled.resume();
    const outcome = await Promise.race([stalled.closed.then((code) => `closed ${code}`), stalled.settle(15_000).then(() => 'still open')]);
    // Terminated without a close frame, which would have waited behind what it did not read.
    expect(outcome).toBe('closed 1006');
    expect(stalled.messages.filter((m) => m.type === 'post.created').length).toBeLessThan(replies);
    expect(await reader.settle()).toEqual([]);
    reader.close();
  });
});

describe('connections per address, with rate limits on', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMITS: 'on' });
  });
  afterAll(() => ctx.close());

  it(`refuses the upgrade with 429 past ${SOCKETS_PER_ADDRESS} open connections from one address, until one closes`, async () => {
    const attempts = await Promise.allSettled(Array.from({ length: SOCKETS_PER_ADDRESS + 2 }, () => connectLive(ctx)));
    const open = attempts.filter((a) => a.status === 'fulfilled').map((a) => a.value);
    const refused = attempts.filter((a) => a.status === 'rejected').map((a) => String(a.reason));
    expect(open).toHaveLength(SOCKETS_PER_ADDRESS);
    expect(refused).toEqual(['Error: upgrade refused: 429', 'Error: upgrade refused: 429']);

    open.pop()!.close();
    // The server frees the place when it sees the connection close, a moment after the client does.
    let again: LiveClient | undefined;
    for (let attempt = 0; !again && attempt < 100; attempt += 1) {
      again = await connectLive(ctx).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return undefined;
      });
    }
    expect(again).toBeDefined();
    await expect(connectLive(ctx)).rejects.toThrow('upgrade refused: 429');
    for (const client of [...open, again!]) client.close();
  });
});
