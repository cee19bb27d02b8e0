import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

describe('a thread with more replies than a page holds', () => {
  let ctx: TestContext;
  let member: Member;
  let threadId: number;
  const topLevel: number[] = [];
  let nestedUnder51 = 0;

  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'alla' });
    const thread = await startThread(member.agent, 'alla', { title: 'Long one' });
    threadId = thread.id;
    for (let i = 1; i <= 120; i += 1) topLevel.push((await reply(member.agent, threadId, `top ${i}`)).id);
    // A reply to the 51st top-level reply is written last, yet belongs on page 2 with its parent.
    nestedUnder51 = (await reply(member.agent, threadId, 'late nested reply', topLevel[50])).id;
  }, 120_000);
  afterAll(() => ctx.close());

  it('pages by top-level replies, 50 per page, each with its subtree', async () => {
    const first = await guest(ctx).get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
    expect(first.body).toMatchObject({ page: 1, pages: 3, replyCount: 121 });
    expect(first.body.posts).toHaveLength(51);
    expect(first.body.posts[0].parentId).toBeNull();
    const second = await guest(ctx).get(`/t/${threadId}?page=2`).set('accept', JSON_ACCEPT);
    const ids = second.body.posts.map((p: { id: number }) => p.id);
    expect(ids).toContain(topLevel[50]);
    expect(ids).toContain(topLevel[99]);
    expect(ids).not.toContain(topLevel[100]);
    expect(ids).toContain(nestedUnder51);
    const third = await guest(ctx).get(`/t/${threadId}?page=3`).set('accept', JSON_ACCEPT);
    expect(third.body.posts).toHaveLength(1 + 20);
    expect((await guest(ctx).get(`/t/${threadId}?page=4`).set('accept', JSON_ACCEPT)).status).toBe(404);
    const html = await guest(ctx).get(`/t/${threadId}?page=2`).set('accept', HTML);
    expect(html.text).toContain('aria-current="page">2<');
  });

  it('sends a permalink to the page that holds the post', async () => {
    const onFirst = await guest(ctx).get(`/p/${topLevel[3]}`);
    expect(onFirst.status).toBe(302);
    expect(onFirst.headers.location).toBe(`/t/${threadId}#p-${topLevel[3]}`);
    const nested = await guest(ctx).get(`/p/${nestedUnder51}`);
    expect(nested.headers.location).toBe(`/t/${threadId}?page=2#p-${nestedUnder51}`);
    const last = await guest(ctx).get(`/p/${topLevel[119]}`);
    expect(last.headers.location).toBe(`/t/${threadId}?page=3#p-${topLevel[119]}`);
  });

  it('sends a reply on a later page to that page', async () => {
    const response = await member.agent
      .post(`/t/${threadId}/replies`)
      .set('accept', HTML)
      .type('form')
      .send({ body: 'nested on page 3', parentId: topLevel[110] });
    expect(response.status).toBe(303);
    expect(response.headers.location).toMatch(new RegExp(`^/t/${threadId}\\?page=3#p-\\d+$`));
  });
});
