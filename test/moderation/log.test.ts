// The public moderation log: every action with who, what, when and why; a hidden post's text only
// for the network's conveners and admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

const MARKER = 'LOG-MARKER-7c1e';

describe('the moderation log', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let otherConvener: Member;
  let author: Member;
  let member: Member;
  let threadId: number;
  let hiddenPostId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { displayName: 'Forum Admin' });
    convener = await signUp(ctx, { username: 'log_convener', displayName: 'Karin Convener' });
    otherConvener = await signUp(ctx, { username: 'log_other' });
    author = await signUp(ctx, { username: 'log_author', displayName: 'Sofa Seller' });
    member = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: 'log_convener' }, fiske: { name: 'Fiske', convener: 'log_other' } });
    await convener.agent
      .post('/n/kajak/rules')
      .set('accept', JSON_ACCEPT)
      .send({ title: ['Stay on topic'] })
      .expect(200);

    threadId = (await startThread(member.agent, 'kajak', { title: 'Paddling in May' })).id;
    hiddenPostId = (await reply(author.agent, threadId, `Cheap sofa ${MARKER}`)).id;
    await convener.agent.post(`/p/${hiddenPostId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'rule', rule: 1, note: 'Try the market board' }).expect(200);
    await convener.agent.post(`/t/${threadId}/lock`).set('accept', JSON_ACCEPT).expect(200);
    const moved = await startThread(member.agent, 'kajak', { title: 'Pike season' });
    await admin.agent.post(`/t/${moved.id}/move`).set('accept', JSON_ACCEPT).send({ network: 'fiske', note: 'Fishing belongs in Fiske' }).expect(200);
    await convener.agent.post('/n/kajak/bar').set('accept', JSON_ACCEPT).send({ username: 'log_author', days: 5, reason: 'Repeated ads' }).expect(200);

    // Members' flags hid a post (as community hiding records it: no actor).
    const openThread = await startThread(member.agent, 'kajak', { title: 'Open thread' });
    const flagged = await reply(member.agent, openThread.id, `Flagged ${MARKER}-2`);
    const network = await ctx.db.selectFrom('networks').select('id').where('slug', '=', 'kajak').executeTakeFirstOrThrow();
    await ctx.db.updateTable('posts').set({ hidden_at: new Date(), hidden_kind: 'community', hidden_reason: 'spam' }).where('id', '=', flagged.id).execute();
    await ctx.db
      .insertInto('moderation_log')
      .values({ network_id: network.id, actor_id: null, action: 'community-hide', post_id: flagged.id, reason: 'spam' })
      .execute();
  });
  afterAll(() => ctx.close());

  async function logFor(agent: Agent) {
    return {
      html: (await agent.get('/n/kajak/log').set('accept', HTML).set('accept-language', 'en')).text,
      json: (await agent.get('/n/kajak/log').set('accept', JSON_ACCEPT)).body,
    };
  }

  it('shows everyone every action with who, what, when and why', async () => {
    const { html, json } = await logFor(guest(ctx));
    expect(json.entries.map((e: { action: string }) => e.action)).toEqual(['community-hide', 'bar', 'move', 'lock', 'hide', 'rules', 'appoint']);
    const byAction = Object.fromEntries(json.entries.map((e: { action: string }) => [e.action, e]));
    expect(byAction.hide).toMatchObject({
      actor: { displayName: 'Karin Convener' },
      reason: 'rule',
      rule: 1,
      note: 'Try the market board',
      post: { id: hiddenPostId, html: null },
      thread: { id: threadId, title: 'Paddling in May' },
    });
    expect(byAction['community-hide']).toMatchObject({ actor: null, byCommunity: true, reason: 'spam' });
    expect(byAction.move).toMatchObject({
      actor: { displayName: 'Forum Admin' },
      movedTo: { slug: 'fiske', name: 'Fiske' },
      note: 'Fishing belongs in Fiske',
      reason: null,
    });
    expect(byAction.bar).toMatchObject({
      account: { username: 'log_author', displayName: 'Sofa Seller' },
      reason: 'Repeated ads',
      until: expect.any(String),
      note: null,
    });
    expect(new Date(byAction.hide.at).getTime()).toBeGreaterThan(Date.now() - 600_000);

    expect(html).toContain('Karin Convener');
    expect(html).toContain('hid a post');
    expect(html).toContain('breaks rule 1');
    expect(html).toContain('Try the market board');
    expect(html).toContain('Members\u2019 flags');
    expect(html).toContain('moved a thread');
    expect(html).toContain('<a href="/n/fiske">Fiske</a>');
    expect(html).toContain('Repeated ads');
    const sv = await guest(ctx).get('/n/kajak/log').set('accept', HTML).set('accept-language', 'sv');
    expect(sv.text).toContain('Medlemmarnas flaggor');
    expect(sv.text).toContain('bryter mot regel 1');
  });

  it('never shows a hidden post\u2019s text to guests, members, the author or another network\u2019s convener', async () => {
    for (const agent of [guest(ctx), member.agent, author.agent, otherConvener.agent]) {
      const { html, json } = await logFor(agent);
      expect(html).not.toContain(MARKER);
      expect(JSON.stringify(json)).not.toContain(MARKER);
    }
  });

  it('shows the network\u2019s conveners and admins the post\u2019s text', async () => {
    for (const agent of [convener.agent, admin.agent]) {
      const { html, json } = await logFor(agent);
      expect(html).toContain(`Cheap sofa ${MARKER}`);
      expect(html).toContain(`Flagged ${MARKER}-2`);
      const hide = json.entries.find((e: { action: string }) => e.action === 'hide');
      expect(hide.post.html).toContain(MARKER);
    }
  });

  it('pages 50 entries at a time, newest first, by cursor', async () => {
    const thread = await startThread(member.agent, 'kajak', { title: 'Toggled' });
    for (let i = 0; i < 30; i += 1) {
      await convener.agent.post(`/t/${thread.id}/pin`).set('accept', JSON_ACCEPT).expect(200);
      await convener.agent.post(`/t/${thread.id}/unpin`).set('accept', JSON_ACCEPT).expect(200);
    }
    const first = (await guest(ctx).get('/n/kajak/log').set('accept', JSON_ACCEPT)).body;
    expect(first.entries).toHaveLength(50);
    expect(first.nextCursor).toBe(first.entries[49].id);
    const second = (await guest(ctx).get(`/n/kajak/log?before=${first.nextCursor}`).set('accept', JSON_ACCEPT)).body;
    expect(second.entries).toHaveLength(60 + 7 - 50);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.entries, ...second.entries].map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    const page = await guest(ctx).get('/n/kajak/log').set('accept', HTML);
    expect(page.text).toContain(`href="/n/kajak/log?before=${first.nextCursor}"`);
    expect((await guest(ctx).get('/n/kajak/log?before=abc').set('accept', JSON_ACCEPT)).status).toBe(400);
    expect((await guest(ctx).get('/n/nowhere/log').set('accept', JSON_ACCEPT)).status).toBe(404);
  });
});
