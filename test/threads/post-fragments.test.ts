// A thread page's posts are rendered once per key and kept (core/views.ts cacheFragments,
// posts/fragment-key.ts); the key holds everything the one visibility rule and the viewer's rights
// decide, so a fragment made for one kind of viewer is never served to another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

/** The page's post articles by post id: what each viewer was shown of each post. */
function postArticles(html: string): Map<number, string> {
  const articles = new Map<number, string>();
  for (const match of html.matchAll(/<article class="post[^"]*" id="p-(\d+)"[\s\S]*?<\/article>/g)) articles.set(Number(match[1]), match[0]);
  return articles;
}

describe('cached post fragments', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let author: Member;
  let reader: Member;
  let otherReader: Member;
  let threadId: number;
  let hiddenId: number;
  let thankedId: number;
  const HIDDEN_TEXT = 'Only the author and the conveners read this sentence';

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx);
    author = await signUp(ctx);
    reader = await signUp(ctx);
    otherReader = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: convener.username } });
    threadId = (await startThread(reader.agent, 'kajak', { title: 'Paddlar någon i november?' })).id;
    for (let i = 0; i < 5; i += 1) await reply(otherReader.agent, threadId, `Svar nummer ${i}`);
    hiddenId = (await reply(author.agent, threadId, HIDDEN_TEXT)).id;
    thankedId = (await reply(author.agent, threadId, 'Ett vanligt svar att tacka för')).id;
    await convener.agent.post(`/p/${hiddenId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    await reader.agent.post(`/p/${thankedId}/thanks`).set('accept', JSON_ACCEPT).expect(200);
  });
  afterAll(() => ctx.close());

  async function page(agent: Agent): Promise<Map<number, string>> {
    return postArticles((await agent.get(`/t/${threadId}`).set('accept', HTML).expect(200)).text);
  }

  it('gives every kind of viewer what the visibility rule lets them see, whoever was served first', async () => {
    const viewers = {
      convener: convener.agent,
      admin: admin.agent,
      author: author.agent,
      reader: reader.agent,
      otherReader: otherReader.agent,
      guest: guest(ctx),
    };
    const forwards = new Map<string, Map<number, string>>();
    for (const [name, agent] of Object.entries(viewers)) forwards.set(name, await page(agent));
    // Served in the opposite order, every fragment is made by a different viewer first: the pages are the same.
    for (const [name, agent] of Object.entries(viewers).reverse()) expect(await page(agent), name).toEqual(forwards.get(name));

    const hidden = (name: string) => forwards.get(name)!.get(hiddenId)!;
    for (const name of ['convener', 'admin']) {
      expect(hidden(name)).toContain(HIDDEN_TEXT);
      expect(hidden(name)).toContain(`action="/p/${hiddenId}/unhide"`);
    }
    expect(hidden('author')).toContain(HIDDEN_TEXT);
    expect(hidden('author')).not.toContain('/unhide');
    for (const name of ['reader', 'otherReader', 'guest']) {
      expect(hidden(name)).not.toContain(HIDDEN_TEXT);
      expect(hidden(name)).toContain('class="placeholder"');
    }
    // Thanks given show pressed to the one who gave them only; the author may edit their own post, nobody else may.
    const thanked = (name: string) => forwards.get(name)!.get(thankedId)!;
    expect(thanked('reader')).toContain('aria-pressed="true"');
    expect(thanked('otherReader')).toContain('aria-pressed="false"');
    expect(thanked('author')).toContain(`href="/p/${thankedId}/edit"`);
    expect(thanked('otherReader')).not.toContain(`/p/${thankedId}/edit`);
    expect(thanked('guest')).not.toContain('thanks-form');
  });

  it('serves one member the fragments rendered for another who sees the posts alike', async () => {
    const first = await signUp(ctx);
    const second = await signUp(ctx);
    await page(first.agent);
    // Having thanked a post, the second member's page is their own (not the one kept for any member,
    // pages/thread.page.ts), yet made of the posts as the first saw them, but the one they thanked.
    await second.agent.post(`/p/${thankedId}/thanks`).set('accept', JSON_ACCEPT).expect(200);
    await page(first.agent);
    const before = ctx.app.views.fragmentStats('post');
    const shown = await page(second.agent);
    const after = ctx.app.views.fragmentStats('post');
    // The opening post, five replies, the hidden one and the thanked one.
    expect(shown.size).toBe(8);
    expect(shown.get(thankedId)).toContain('aria-pressed="true"');
    expect([after.hits - before.hits, after.misses - before.misses]).toEqual([7, 1]);
  });

  it('renders a post again when it changes, in every language', async () => {
    const edited = await reply(author.agent, threadId, 'Före ändringen');
    expect((await page(reader.agent)).get(edited.id)).toContain('Före ändringen');
    await author.agent.post(`/p/${edited.id}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Efter ändringen' }).expect(200);
    const afterEdit = (await page(reader.agent)).get(edited.id)!;
    expect(afterEdit).toContain('Efter ändringen');
    expect(afterEdit).not.toContain('Före ändringen');
    const inEnglish = (await reader.agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en').expect(200)).text;
    expect(inEnglish).toContain('>Reply<');
  });
});
