// A chain of replies to replies, as deep as the data allows, opens like any thread; past that depth a
// reply goes beside the post it answers; and the tree is walked without recursion however deep it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../src/posts/present.js';
import { buildTree } from '../../src/threads/present.js';
import type { PagePostRow } from '../../src/threads/threads.queries.js';
import { MAX_REPLY_DEPTH } from '../../src/threads/threads.service.js';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { insertReplies } from './bulk-replies.js';

describe('a deep chain of replies', () => {
  let ctx: TestContext;
  let member: Member;
  let threadId: number;
  let deepestId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'deep' });
    const thread = await startThread(member.agent, 'deep', { title: 'Deep one' });
    threadId = thread.id;
    const top = await reply(member.agent, threadId, 'depth 1');
    // The rest of the chain straight into the table (a few seconds instead of 500 requests).
    const chain = await insertReplies(ctx, {
      threadId,
      author: member.username,
      under: top.id,
      count: MAX_REPLY_DEPTH - 1,
      parentOf: (i, ids) => ids[i - 1],
      html: (i) => `<p>depth ${i + 2}</p>`,
    });
    deepestId = chain.at(-1)!;
  }, 120_000);
  afterAll(() => ctx.close());

  it(`opens with all ${MAX_REPLY_DEPTH} levels in parts, the deep ones shown flat, saying whom they answer`, async () => {
    const parts = [1, 2, 3].map((part) => guest(ctx).get(`/t/${threadId}?part=${part}`).set('accept', JSON_ACCEPT).expect(200));
    const shown = (await Promise.all(parts)).flatMap((json) => json.body.posts.slice(1));
    expect(shown.map((post: { depth: number }) => post.depth)).toEqual(Array.from({ length: MAX_REPLY_DEPTH }, (_, i) => i + 1));
    const permalink = await guest(ctx).get(`/p/${deepestId}`).expect(302);
    const page = await guest(ctx).get(permalink.headers.location!).set('accept', HTML).expect(200);
    expect(page.text).toContain(`depth ${MAX_REPLY_DEPTH}`);
    expect(page.text).toContain(`href="#p-${deepestId - 1}"`);
  });

  it('puts a reply to the deepest post beside it, and the database refuses one deeper', async () => {
    const answer = await reply(member.agent, threadId, 'one more', deepestId);
    const stored = await ctx.db.selectFrom('posts').select(['depth', 'parent_id']).where('id', '=', answer.id).executeTakeFirstOrThrow();
    const deepest = await ctx.db.selectFrom('posts').select(['depth', 'parent_id']).where('id', '=', deepestId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ depth: MAX_REPLY_DEPTH, parent_id: deepest.parent_id });
    await expect(
      ctx.db
        .insertInto('posts')
        .values({
          thread_id: threadId,
          parent_id: deepestId,
          root_id: null,
          depth: MAX_REPLY_DEPTH + 1,
          top_level_number: null,
          author_id: 1,
          lang: 'en',
          body: 'x',
          html: 'x',
        })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('is walked without recursion however deep (a chain 10,000 long, as older data may hold)', () => {
    const base = {
      thread_id: 1,
      network_id: 1,
      root_id: 2,
      top_level_number: null,
      author_id: 1,
      lang: 'en' as const,
      html: '',
      created_at: new Date(),
      edited_at: null,
      deleted_at: null,
      deleted_by_id: null,
      hidden_at: null,
      hidden_kind: null,
      hidden_reason: null,
      hidden_rule: null,
      hidden_note: null,
      hidden_by_admin: false,
      hidden_rule_title: null,
      author_username: 'a',
      author_display_name: 'A',
      author_deleted_at: null,
      author_business: null,
      thanks_count: 0,
      thread_kind: 'question' as const,
      thread_author_id: 1,
      thread_answer_post_id: null,
      parent_username: 'a',
    };
    const rows: PagePostRow[] = [{ ...base, id: 1, parent_id: null, depth: 0, root_id: null, parent_username: null }];
    for (let depth = 1; depth <= 10_000; depth += 1)
      rows.push({ ...base, id: depth + 1, parent_id: depth, depth, top_level_number: depth === 1 ? 1 : null, root_id: depth === 1 ? null : 2 });
    const tree = buildTree(
      rows,
      rows.map((row) => postJson(row, null)),
      null,
      { repliesOpen: true, maxDepth: 5, networkSlug: 'deep' },
    );
    expect(tree.replies).toHaveLength(1);
    let shown = 0;
    for (let level: typeof tree.replies = tree.replies; level.length; level = level.flatMap((node) => node.children)) shown += level.length;
    expect(shown).toBe(10_000);
  });
});
