// Issue 19: the header's unread count comes from this instance's cache, yet shows a change on the next
// page: an invitation, a new notification, a notification read, an invitation gone with its business.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilEventsSeen } from '../helpers/events.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { createBusiness } from '../businesses/support.js';

describe('the header unread count cache', () => {
  let ctx: TestContext;
  let admin: Member;
  let reader: Member;
  const queries: string[] = [];
  let counting = false;
  beforeAll(async () => {
    ctx = await createTestContext({}, (sql) => counting && queries.push(sql));
    admin = await signUp(ctx);
    reader = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'kajak' });
  });
  afterAll(() => ctx.close());

  /** The count in the reader's header, and whether it was read from the database. */
  async function header(): Promise<{ count: number; queried: boolean }> {
    queries.length = 0;
    counting = true;
    const { text } = await reader.agent.get('/n/kajak').set('accept', HTML).expect(200);
    counting = false;
    const count = /data-unread-count[^>]*>(\d*)<\/span>/.exec(text)![1]!;
    return { count: Number(count || 0), queried: queries.some((sql) => /from "business_invitations"/.test(sql)) };
  }

  /** The count on the very next page, and on a page once every event was dispatched (the cached one by then). */
  async function nextPages(): Promise<number[]> {
    const atOnce = (await header()).count;
    await ctx.app.notifications.runWorker();
    await untilEventsSeen(ctx);
    await header();
    const cached = await header();
    expect(cached.queried).toBe(false);
    return [atOnce, cached.count];
  }

  it('serves the count from the cache, and shows a new invitation, notification and reading at once', async () => {
    await untilEventsSeen(ctx);
    await header();
    expect(await header()).toEqual({ count: 0, queried: false });

    const business = await createBusiness(admin.agent);
    await admin.agent.post(`/b/${business.slug}/invitations`).set('accept', JSON_ACCEPT).send({ username: reader.username, role: 'Guide' }).expect(200);
    expect(await nextPages()).toEqual([1, 1]);

    // A reply to the reader's thread: the notifications worker writes it in the background, and its event
    // drops the count.
    const thread = await startThread(reader.agent, 'kajak');
    await untilEventsSeen(ctx);
    await header();
    await reply(admin.agent, thread.id, 'An answer for you');
    await ctx.app.notifications.runWorker();
    await untilEventsSeen(ctx);
    expect((await header()).count).toBe(2);

    await reader.agent.post('/notifications/read').set('accept', JSON_ACCEPT).send({}).expect(200);
    expect(await nextPages()).toEqual([1, 1]);

    // The business goes when its last staff member leaves, and the invitation with it.
    await admin.agent.post(`/b/${business.slug}/leave`).set('accept', JSON_ACCEPT).send({}).expect(200);
    expect(await nextPages()).toEqual([0, 0]);
  });
});
