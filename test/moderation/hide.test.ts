import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { connectLive, sessionCookie } from '../helpers/live.js';

const MARKER = 'UNIQUE-MARKER-4f9a';

describe('hiding posts', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let otherConvener: Member;
  let author: Member;
  let member: Member;
  let threadId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx, { username: 'kajakconvener' });
    otherConvener = await signUp(ctx, { username: 'fiskeconvener' });
    author = await signUp(ctx, { username: 'offtopicauthor', displayName: 'Off Topic AB' });
    member = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: 'kajakconvener' }, fiske: { name: 'Fiske', convener: 'fiskeconvener' } });
    threadId = (await startThread(member.agent, 'kajak', { title: 'Paddling in May' })).id;
  });
  afterAll(() => ctx.close());

  it('lets only conveners of the post\u2019s network and admins hide (403 for everyone else)', async () => {
    const post = await reply(author.agent, threadId, 'Buy my sofa, cheap');
    for (const who of [otherConvener, member, author]) {
      const response = await who.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' });
      expect(response.status).toBe(403);
    }
    expect((await guest(ctx).post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' })).status).toBe(401);
    const row = await ctx.db.selectFrom('posts').select('hidden_at').where('id', '=', post.id).executeTakeFirstOrThrow();
    expect(row.hidden_at).toBeNull();
    expect(await ctx.db.selectFrom('moderation_log').select('id').where('post_id', '=', post.id).execute()).toEqual([]);
  });

  it('hides: guests and members see a placeholder, the author sees why, the convener can unhide', async () => {
    const post = await reply(author.agent, threadId, `Cheap sofa for sale ${MARKER}`);
    const guestSocket = await connectLive(ctx, { 'accept-language': 'en' });
    const convenerSocket = await connectLive(ctx, { cookie: sessionCookie(convener.agent) });
    for (const socket of [guestSocket, convenerSocket]) {
      socket.send({ type: 'subscribe', topic: `thread:${threadId}` });
      await socket.next((m) => m.type === 'subscribed');
    }

    const hidden = await convener.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic', note: 'Try the open board' });
    expect(hidden.status).toBe(200);
    expect(hidden.body.hidden).toEqual({ by: 'convener', reason: 'off-topic', rule: null });

    for (const viewer of [guest(ctx), member.agent, otherConvener.agent]) {
      const page = await viewer.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
      expect(page.text).not.toContain(MARKER);
      expect(page.text).toContain('Hidden by a convener: off-topic');
      const json = await viewer.get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
      expect(JSON.stringify(json.body)).not.toContain(MARKER);
      expect(json.body.posts.find((p: { id: number }) => p.id === post.id)).toMatchObject({ html: '', hidden: { reason: 'off-topic' } });
    }
    const forAuthor = await author.agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    expect(forAuthor.text).toContain(MARKER);
    expect(forAuthor.text).toContain('Only you and the conveners see this post.');
    expect(forAuthor.text).toContain('href="/n/kajak/rules"');
    const forConvener = await convener.agent.get(`/t/${threadId}`).set('accept', HTML);
    expect(forConvener.text).toContain(MARKER);
    expect(forConvener.text).toContain(`action="/p/${post.id}/unhide"`);
    const forAdmin = await admin.agent.get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
    expect(JSON.stringify(forAdmin.body)).toContain(MARKER);

    const toGuest = await guestSocket.next((m) => m.type === 'post.hidden');
    expect(JSON.stringify(toGuest)).not.toContain(MARKER);
    expect(toGuest.post.html).toContain('off-topic');
    const toConvener = await convenerSocket.next((m) => m.type === 'post.hidden');
    expect(toConvener.post.html).toContain(MARKER);

    const log = await ctx.db.selectFrom('moderation_log').selectAll().where('post_id', '=', post.id).execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'hide', reason: 'off-topic', note: 'Try the open board' });

    const unhidden = await convener.agent.post(`/p/${post.id}/unhide`).set('accept', JSON_ACCEPT);
    expect(unhidden.status).toBe(200);
    expect((await guestSocket.next((m) => m.type === 'post.unhidden')).post.html).toContain(MARKER);
    const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML);
    expect(page.text).toContain(MARKER);
    guestSocket.close();
    convenerSocket.close();
  });

  it('keeps replies under a hidden post', async () => {
    const parent = await reply(author.agent, threadId, 'Parent of a child');
    const child = await reply(member.agent, threadId, 'A child that stays', parent.id);
    await admin.agent.post(`/p/${parent.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML);
    expect(page.text).toContain('A child that stays');
    expect(page.text).toContain(`id="p-${child.id}"`);
  });

  it('refuses a reason without its rule or note with 400, and a rule the network lacks, writing no log row', async () => {
    const post = await reply(author.agent, threadId, 'Another one');
    const noRule = await convener.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'rule' });
    expect(noRule.status).toBe(400);
    expect(noRule.body.fields.rule).toBeTruthy();
    const noNote = await convener.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'other' });
    expect(noNote.body.fields.note).toBeTruthy();
    const badReason = await convener.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'boring' });
    expect(badReason.body.fields.reason).toBeTruthy();
    const missingRule = await convener.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'rule', rule: 7 });
    expect(missingRule.status).toBe(400);
    expect(await ctx.db.selectFrom('moderation_log').select('id').where('post_id', '=', post.id).execute()).toEqual([]);
    const row = await ctx.db.selectFrom('posts').select('hidden_at').where('id', '=', post.id).executeTakeFirstOrThrow();
    expect(row.hidden_at).toBeNull();
  });

  it('takes a removed convener\u2019s power away on the next request', async () => {
    const post = await reply(author.agent, threadId, 'Before demotion');
    await admin.agent.post('/n/kajak/conveners/kajakconvener/remove').set('accept', JSON_ACCEPT).expect(200);
    const response = await convener.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' });
    expect(response.status).toBe(403);
    expect((await member.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: 'offtopicauthor' })).status).toBe(403);
    const appointUnknown = await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: 'nobody_here' });
    expect(appointUnknown.status).toBe(400);
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: 'kajakconvener' }).expect(200);
  });
});
