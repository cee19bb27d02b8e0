// A thread page is rendered once for every member who sees it as any member does (wrote none of it,
// thanked none of it, moderates nothing in its network) and kept (core/shared-views.ts); their own
// parts (header, watch buttons, the reply form's key) are theirs. Anyone who sees the page otherwise
// gets their own rendering, whoever was served first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilEventsSeen } from '../helpers/events.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

/** What the page shows inside <main>, and the reply form's one-time key. */
function mainOf(html: string): { main: string; submissionKey: string } {
  const main = /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  const submissionKey = /name="submission" value="([^"]+)"/.exec(main)?.[1] ?? '';
  return { main, submissionKey };
}

/** The page without the member's own parts: the watch box and the form's key. */
function sharedPart(html: string): string {
  const { main, submissionKey } = mainOf(html);
  return main.replace(/<div class="watch-box">[\s\S]*?<\/div>/, '').replaceAll(submissionKey, '');
}

describe('a thread page kept for every member who sees it alike', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let asker: Member;
  let replier: Member;
  let thanker: Member;
  let threadId: number;
  let openingId: number;
  let replyId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx);
    asker = await signUp(ctx);
    replier = await signUp(ctx);
    thanker = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: convener.username } });
    const thread = await startThread(asker.agent, 'kajak', { title: 'Var hyr man kajak i Grebbestad?' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
    replyId = (await reply(replier.agent, threadId, 'Vid hamnen, fråga efter Lisa')).id;
    await thanker.agent.post(`/p/${replyId}/thanks`).set('accept', JSON_ACCEPT).expect(200);
    await untilEventsSeen(ctx);
  });
  afterAll(() => ctx.close());

  const page = async (agent: Agent) => (await agent.get(`/t/${threadId}`).set('accept', HTML).expect(200)).text;

  it('serves one rendering to every such member, each with their own name, watch buttons and form key', async () => {
    const first = await signUp(ctx);
    const second = await signUp(ctx);
    await second.agent.post(`/t/${threadId}/watch`).set('accept', JSON_ACCEPT).expect(200);
    await untilEventsSeen(ctx);
    const firstPage = await page(first.agent);
    const before = ctx.app.views.fragmentStats('post');
    const secondPage = await page(second.agent);
    const after = ctx.app.views.fragmentStats('post');
    // Served from what was kept: no post was rendered, or even looked up.
    expect(after).toEqual(before);

    expect(secondPage).toContain(second.displayName);
    expect(secondPage).not.toContain(first.displayName);
    expect(mainOf(secondPage).main).toContain(`action="/t/${threadId}/unwatch"`);
    expect(mainOf(firstPage).main).not.toContain(`action="/t/${threadId}/unwatch"`);
    expect(mainOf(secondPage).submissionKey).not.toBe(mainOf(firstPage).submissionKey);
    expect(sharedPart(secondPage)).toBe(sharedPart(firstPage));
    expect(sharedPart(secondPage)).toContain('Vid hamnen, fråga efter Lisa');
    // Sent in parts, with the length of them all; a HEAD gets its page's length (its layout links back to / where a
    // GET's to itself) and no body.
    const again = await second.agent.get(`/t/${threadId}`).set('accept', HTML).expect(200);
    expect(Number(again.headers['content-length'])).toBe(Buffer.byteLength(again.text));
    const head = await second.agent.head(`/t/${threadId}`).set('accept', HTML).expect(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(Buffer.byteLength(again.text) - 100);
    expect(head.text).toBeFalsy();
  });

  it('never serves it to whoever sees the page otherwise, nor theirs to anyone else', async () => {
    const anyMember = await signUp(ctx);
    const plain = async () => page(anyMember.agent);
    await plain();
    // The asker may change what the thread is and edit the question; the replier their reply.
    const askers = await page(asker.agent);
    expect(askers).toContain(`href="/t/${threadId}/kind"`);
    expect(askers).toContain(`href="/p/${openingId}/edit"`);
    expect(await page(replier.agent)).toContain(`href="/p/${replyId}/edit"`);
    // The convener has the thread's tools; the one who thanked sees their thanks pressed.
    expect(await page(convener.agent)).toContain('class="thread-tools"');
    expect(await page(admin.agent)).toContain('class="thread-tools"');
    expect(await page(thanker.agent)).toContain('aria-pressed="true"');

    const seen = await plain();
    for (const mark of [`href="/t/${threadId}/kind"`, '/edit"', 'class="thread-tools"', 'aria-pressed="true"']) expect(seen).not.toContain(mark);
    expect(seen).toContain('aria-pressed="false"');
  });

  it('shows a change to the thread at once', async () => {
    const anyMember = await signUp(ctx);
    expect(await page(anyMember.agent)).not.toContain('Eller vid campingen');
    await reply(replier.agent, threadId, 'Eller vid campingen');
    expect(await page(anyMember.agent)).toContain('Eller vid campingen');
    await untilEventsSeen(ctx);
    expect(await page(anyMember.agent)).toContain('Eller vid campingen');
  });

  it("gives such a member a guest's JSON, and whoever may read a hidden post their own", async () => {
    await convener.agent.post(`/p/${replyId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    await untilEventsSeen(ctx);
    const json = async (agent: Agent) =>
      (await agent.get(`/t/${threadId}`).set('accept', JSON_ACCEPT).expect(200)).body as { posts: Array<{ id: number; html: string }> };
    const hiddenReply = (body: { posts: Array<{ id: number; html: string }> }) => body.posts.find((post) => post.id === replyId)!;
    const anyMember = await signUp(ctx);
    const asGuest = await json(guest(ctx));
    expect(hiddenReply(asGuest).html).toBe('');
    // The first member's JSON is serialized and kept; the second is served what was kept.
    expect(await json(anyMember.agent)).toEqual(asGuest);
    expect(await json((await signUp(ctx)).agent)).toEqual(asGuest);
    for (const reader of [replier, convener, admin]) expect(hiddenReply(await json(reader.agent)).html, reader.username).toContain('Vid hamnen');
    expect(await json(anyMember.agent)).toEqual(asGuest);
  });
});
