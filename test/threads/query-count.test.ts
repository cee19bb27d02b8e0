// The thread and board pages cost a fixed number of queries, whatever the number of posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { untilEventsSeen } from '../helpers/events.js';
import { insertReplies } from './bulk-replies.js';

describe('queries per page', () => {
  let ctx: TestContext;
  let member: Member;
  const queries: string[] = [];
  let counting = false;
  beforeAll(async () => {
    // The event bridge reads the events table in the background on its own schedule; not the page's cost.
    ctx = await createTestContext({}, (sql) => counting && !/from "events"/.test(sql) && queries.push(sql));
    member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'alla' });
  });
  afterAll(() => ctx.close());

  /**
   * Queries one request costs. Cold: nothing shared is in memory (a guest's page, the reads members'
   * pages share), as after a write; warm: what the same request costs right after it was made.
   */
  async function count(request: () => PromiseLike<unknown>, cache: 'cold' | 'warm' = 'cold'): Promise<number> {
    // The notifications worker handles the writes' events in the background; let it finish first, and
    // let this instance see their events (until then it reads sessions and unread counts afresh).
    await ctx.app.notifications.runWorker();
    await untilEventsSeen(ctx);
    if (cache === 'cold') {
      ctx.app.pageCache.drop('everything');
      ctx.app.sharedReads.drop('everything');
    } else await request();
    queries.length = 0;
    counting = true;
    await request();
    counting = false;
    return queries.length;
  }

  it('serves a thread page in the same number of queries for 3 and for 60 replies (nested)', async () => {
    const small = await startThread(member.agent, 'alla');
    for (let i = 0; i < 3; i += 1) await reply(member.agent, small.id, `reply ${i}`);
    const big = await startThread(member.agent, 'alla');
    let parent: number | undefined;
    for (let i = 0; i < 60; i += 1) parent = (await reply(member.agent, big.id, `reply ${i}`, i % 3 === 0 ? undefined : parent)).id;

    // The member's session and unread count are in this instance's cache once a page has read them.
    await member.agent.get('/').set('accept', HTML).expect(200);
    for (const agent of [guest(ctx), member.agent]) {
      const page =
        (id: number, accept = HTML) =>
        () =>
          agent.get(`/t/${id}`).set('accept', accept).expect(200);
      const forSmall = await count(page(small.id));
      const forBig = await count(page(big.id));
      expect(forBig).toBe(forSmall);
      // The member is the forum's first account, so an admin: its header also counts the posts awaiting review,
      // and what the page showed them is marked read (one statement, JSON too; it writes only when the mark moves).
      // Which posts they thanked and whether they watch the thread; a thread's meeting only for a meeting.
      // Cold, the thread, its page's posts and the side column's conveners and businesses are read too.
      expect(forBig).toBeLessThanOrEqual(agent === member.agent ? 8 : 4);
      // The header's review count, the viewer's thanks and watch (their buttons) are loaded for a signed-in
      // viewer's HTML pages only, the side column's conveners and businesses for every HTML page; and the
      // page just before wrote the read mark as far as the JSON shows, which this instance remembers.
      expect(await count(page(big.id, JSON_ACCEPT))).toBe(forBig - (agent === member.agent ? 3 + 1 : 0) - 2);
      // Warm, a member's page costs only what is theirs and changes without an event: (an admin) the review
      // count; their thanks and watch are kept like the rows, and the read mark is not written again when
      // this instance wrote it as far already. A guest's costs nothing.
      const warmSmall = await count(page(small.id), 'warm');
      expect(await count(page(big.id), 'warm')).toBe(warmSmall);
      expect(warmSmall).toBe(agent === member.agent ? 1 : 0);
      // Warm, a member's JSON costs nothing either.
      expect(await count(page(big.id, JSON_ACCEPT), 'warm')).toBe(0);
    }
  });

  it('serves a part of a page cut in parts, and a permalink into it, in as many queries as a small page and its permalink', async () => {
    const small = await startThread(member.agent, 'alla');
    const smallReply = await reply(member.agent, small.id, 'only reply');
    const big = await startThread(member.agent, 'alla');
    const top = await reply(member.agent, big.id, 'the busy one');
    const below = await insertReplies(ctx, { threadId: big.id, author: member.username, under: top.id, count: 450 });

    for (const agent of [guest(ctx), member.agent]) {
      const forSmall = await count(() => agent.get(`/t/${small.id}`).set('accept', HTML).expect(200));
      expect(await count(() => agent.get(`/t/${big.id}?part=3`).set('accept', HTML).expect(200))).toBe(forSmall);
    }
    // Read again, the last part of a thread whose first parts the member never opened cannot move their
    // read mark (it stops before the first part): warm, it costs what a warm small page does, no statement.
    const warmSmall = await count(() => member.agent.get(`/t/${small.id}`).set('accept', HTML).expect(200), 'warm');
    expect(await count(() => member.agent.get(`/t/${big.id}?part=3`).set('accept', HTML).expect(200), 'warm')).toBe(warmSmall);
    const permalinkOfSmall = await count(() => guest(ctx).get(`/p/${smallReply.id}`).expect(302));
    expect(
      await count(() =>
        guest(ctx)
          .get(`/p/${below.at(-1)}`)
          .expect(302)
          .expect('location', `/t/${big.id}?part=3#p-${below.at(-1)}`),
      ),
    ).toBe(permalinkOfSmall);
    expect(permalinkOfSmall).toBeLessThanOrEqual(2);
  });

  it('serves a board page in the same number of queries for 2 and for 30 threads', async () => {
    await createNetwork(member.agent, { slug: 'few' });
    await createNetwork(member.agent, { slug: 'many' });
    for (let i = 0; i < 2; i += 1) await startThread(member.agent, 'few');
    for (let i = 0; i < 30; i += 1) await startThread(member.agent, 'many');
    const few = await count(() => guest(ctx).get('/n/few').set('accept', HTML).expect(200));
    const many = await count(() => guest(ctx).get('/n/many').set('accept', HTML).expect(200));
    expect(many).toBe(few);
    // Warm, a member's board reads only what changes without an event: (an admin) how many posts await
    // review, on the board and in the header. Whether they are a member, the level they follow it at and
    // which threads they have not read are kept until someone joins, leaves, follows, posts or they read.
    const board = (slug: string) => () => member.agent.get(`/n/${slug}`).set('accept', HTML).expect(200);
    const warmFew = await count(board('few'), 'warm');
    expect(await count(board('many'), 'warm')).toBe(warmFew);
    expect(warmFew).toBe(2);
  });
});
