// A page whose replies outnumber MAX_POSTS_PER_PART is cut into parts in the order written: no page a
// reader opens holds more, whatever the shape of the tree, and a permalink opens the part holding it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_POSTS_PER_PART } from '../../src/threads/paging.js';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { insertReplies } from './bulk-replies.js';

type PostJson = { id: number; parentId: number | null };

describe('a page with more replies than a part holds', () => {
  let ctx: TestContext;
  let member: Member;
  let threadId: number;
  let openingId: number;
  let busy: number;
  let quiet: number;
  /** The 450 replies under `busy`, in the order written: every other one answers the one before it. */
  let bulk: number[];
  /** A reply to bulk[5] (on part 1), written last: the last part shows it. */
  let late: number;
  /** Every reply on the page, in the order written. */
  let pageReplies: number[];
  // Posts of about the size the bench writes (100–2,000 characters), so that sizes mean something.
  const paragraph = `<p>${'Paddla längs kusten i gryningen, när vattnet ligger stilla. '.repeat(12)}</p>`;

  const part = (n: number, accept = JSON_ACCEPT) => guest(ctx).get(`/t/${threadId}?part=${n}`).set('accept', accept).set('accept-language', 'en');
  const idsOf = (posts: PostJson[]) => posts.map((post) => post.id);

  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'kajak' });
    const thread = await startThread(member.agent, 'kajak', { title: 'Where to paddle' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
    busy = (await reply(member.agent, threadId, 'The busy one')).id;
    quiet = (await reply(member.agent, threadId, 'The quiet one')).id;
    bulk = await insertReplies(ctx, {
      threadId,
      author: member.username,
      under: busy,
      count: 450,
      parentOf: (i, ids) => (i % 2 ? ids[i - 1] : undefined),
      html: (i) => `<p>bulk reply ${i}</p>${paragraph}`,
    });
    const written = await member.agent
      .post(`/t/${threadId}/replies`)
      .set('accept', HTML)
      .type('form')
      .send({ body: 'Late answer to an early reply', parentId: bulk[5] });
    expect(written.status).toBe(303);
    late = Number(/#p-(\d+)$/.exec(written.headers.location!)![1]);
    expect(written.headers.location).toBe(`/t/${threadId}?part=3#p-${late}`);
    pageReplies = [busy, quiet, ...bulk, late];
  }, 120_000);
  afterAll(() => ctx.close());

  it(`cuts the page into parts of at most ${MAX_POSTS_PER_PART} replies, each after the opening post, every reply on exactly one, in order`, async () => {
    const parts = await Promise.all([1, 2, 3].map((n) => part(n).expect(200)));
    for (const [i, { body }] of parts.entries()) {
      expect(body).toMatchObject({ page: 1, pages: 1, part: i + 1, parts: 3, replyCount: 453 });
      expect(body.posts[0].id).toBe(openingId);
      expect(body.posts.length - 1).toBeLessThanOrEqual(MAX_POSTS_PER_PART);
    }
    expect(parts.flatMap(({ body }) => idsOf(body.posts.slice(1)))).toEqual(pageReplies);
    // Part 1 is the page's address without a part.
    expect(idsOf((await guest(ctx).get(`/t/${threadId}`).set('accept', JSON_ACCEPT)).body.posts)).toEqual(idsOf(parts[0]!.body.posts));
  });

  it('answers 404 past the last part and 400 for a part that is no number', async () => {
    expect((await part(4)).status).toBe(404);
    for (const bad of ['0', '-1', 'two', '1.5']) expect((await guest(ctx).get(`/t/${threadId}?part=${bad}`).set('accept', JSON_ACCEPT)).status).toBe(400);
  });

  it('sends a permalink to the part that holds the post, and that part shows it', async () => {
    const third = bulk[420]!;
    const permalink = await guest(ctx).get(`/p/${third}`);
    expect(permalink.status).toBe(302);
    expect(permalink.headers.location).toBe(`/t/${threadId}?part=3#p-${third}`);
    const shown = await guest(ctx).get(permalink.headers.location!).set('accept', HTML).expect(200);
    expect(shown.text).toContain(`id="p-${third}"`);
    expect((await guest(ctx).get(`/p/${bulk[300]}`)).headers.location).toBe(`/t/${threadId}?part=2#p-${bulk[300]}`);
    expect((await guest(ctx).get(`/p/${bulk[10]}`)).headers.location).toBe(`/t/${threadId}#p-${bulk[10]}`);
    expect((await guest(ctx).get(`/p/${openingId}`)).headers.location).toBe(`/t/${threadId}#p-${openingId}`);
  });

  it('shows a reply whose parent is on an earlier part at the top of its part, saying whom it answers', async () => {
    const page = (await part(3, HTML).expect(200)).text;
    expect(page).toMatch(new RegExp(`id="p-${late}"[^>]*data-depth="1"`));
    expect(page).toContain(`<a class="in-reply-to" href="/p/${bulk[5]}">in reply to @${member.username}</a>`);
    // Part 2 opens with a reply to `busy` (on part 1); its answer, on the same part, nests below it as usual.
    const second = (await part(2, HTML).expect(200)).text;
    const [opensSecond, itsAnswer] = [pageReplies[MAX_POSTS_PER_PART]!, pageReplies[MAX_POSTS_PER_PART + 1]!];
    expect(second).toMatch(new RegExp(`id="p-${opensSecond}"[^>]*data-depth="1"`));
    expect(second).toContain(`<a class="in-reply-to" href="/p/${busy}">`);
    expect(second).toMatch(new RegExp(`id="p-${itsAnswer}"[^>]*data-parent-id="${opensSecond}" data-depth="2"`));
  });

  it('links the parts of the page, marking the one shown; new replies land on the last part', async () => {
    const second = (await part(2, HTML).expect(200)).text;
    const nav = /<nav class="pagination" aria-label="Parts of page 1">([\s\S]*?)<\/nav>/.exec(second)?.[1];
    expect(nav).toContain(`<a href="/t/${threadId}">1</a>`);
    expect(nav).toContain('<span aria-current="page">2</span>');
    expect(nav).toContain(`<a href="/t/${threadId}?part&#x3D;3">3</a>`);
    expect(second).toContain('data-last-page="true" data-last-part="false"');
    expect((await part(3, HTML)).text).toContain('data-last-page="true" data-last-part="true"');
  });

  it('keeps every part small enough to send quickly and for the page cache to keep', async () => {
    for (const n of [1, 2, 3]) {
      const { text } = await part(n, HTML).expect(200);
      expect(text.match(/<article class="post/g)!.length).toBeLessThanOrEqual(1 + MAX_POSTS_PER_PART);
      // The page cache keeps bodies up to 1 MB; the whole page (453 replies) would not fit.
      expect(Buffer.byteLength(text)).toBeLessThan(600_000);
    }
  });

  it('leaves a page within the bound whole: one part, no part links', async () => {
    const small = await startThread(member.agent, 'kajak', { title: 'A short one' });
    await reply(member.agent, small.id, 'Only reply');
    const json = await guest(ctx).get(`/t/${small.id}`).set('accept', JSON_ACCEPT).expect(200);
    expect(json.body).toMatchObject({ page: 1, pages: 1, part: 1, parts: 1 });
    expect(json.body.posts).toHaveLength(2);
    const page = (await guest(ctx).get(`/t/${small.id}`).set('accept', HTML).set('accept-language', 'en').expect(200)).text;
    expect(page).not.toContain('Parts of page');
    expect(page).not.toContain('part&#x3D;');
    expect(page).toContain('data-last-page="true" data-last-part="true"');
    expect((await guest(ctx).get(`/t/${small.id}?part=2`).set('accept', JSON_ACCEPT)).status).toBe(404);
  });
});
