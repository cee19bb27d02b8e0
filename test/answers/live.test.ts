// Live: thanking and marking the answer reach everyone looking at the thread through the one event
// path — the count as each reader may see it (none for a hidden post), the thanker's own button, and
// the answer box and the posts' marks as the page would show them to that reader; an offer's box when it
// ends, as its author and everyone else would see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { connectLive, sessionCookie } from '../helpers/live.js';
import { forumToday } from '../../src/offers/offers.service.js';

describe('answers and thanks, live', () => {
  let ctx: TestContext;
  let admin: Member;
  let asker: Member;
  let helper: Member;
  let reader: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_al' });
    asker = await signUp(ctx, { username: 'asker_al', displayName: 'Ada Asker' });
    helper = await signUp(ctx, { username: 'helper_al', displayName: 'Hugo Helper' });
    reader = await signUp(ctx, { username: 'reader_al', displayName: 'Rita Reader' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
  });
  afterAll(() => ctx.close());

  it('sends the new thanks count to everyone looking, and the thanker whether their button is pressed', async () => {
    const thread = await startThread(asker.agent, 'kajak', { title: 'Live thanks' });
    const answer = await reply(helper.agent, thread.id, 'A helpful answer');
    const guest = await connectLive(ctx, { 'accept-language': 'en' });
    const thanker = await connectLive(ctx, { cookie: sessionCookie(reader.agent), 'accept-language': 'en' });
    for (const client of [guest, thanker]) {
      client.send({ type: 'subscribe', topic: `thread:${thread.id}` });
      await client.next((m) => m.type === 'subscribed');
    }
    await reader.agent.post(`/p/${answer.id}/thanks`).set('accept', JSON_ACCEPT).expect(200);
    const forGuest = await guest.next((m) => m.type === 'thanks.changed');
    expect(forGuest).toMatchObject({ postId: answer.id, count: 1 });
    expect(forGuest).not.toHaveProperty('thanked');
    expect(await thanker.next((m) => m.type === 'thanks.changed')).toMatchObject({ postId: answer.id, count: 1, thanked: true });
    // Hidden: those who may not read it get no count.
    await admin.agent.post(`/p/${answer.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    await reader.agent.post(`/p/${answer.id}/thanks`).set('accept', JSON_ACCEPT).expect(200);
    expect(await guest.next((m) => m.type === 'thanks.changed' && m.cursor > forGuest.cursor)).toMatchObject({ postId: answer.id, count: 0 });
    guest.close();
    thanker.close();
  });

  it('sends the marked answer: the box under the question and the posts’ marks, and takes the box away when unmarked', async () => {
    const thread = await startThread(asker.agent, 'kajak', { title: 'Live answer' });
    const first = await reply(helper.agent, thread.id, 'First answer');
    const second = await reply(reader.agent, thread.id, 'Second answer');
    const guest = await connectLive(ctx, { 'accept-language': 'en' });
    const author = await connectLive(ctx, { cookie: sessionCookie(helper.agent), 'accept-language': 'en' });
    for (const client of [guest, author]) {
      client.send({ type: 'subscribe', topic: `thread:${thread.id}` });
      await client.next((m) => m.type === 'subscribed');
    }
    await asker.agent.post(`/p/${first.id}/accept`).set('accept', JSON_ACCEPT).expect(200);
    const marked = await guest.next((m) => m.type === 'answer.changed');
    expect(marked.answerHtml).toContain('First answer');
    expect(marked.answerHtml).toContain(`href="/p/${first.id}"`);
    expect((marked.posts as Array<{ id: number; html: string }>).map((post) => post.id)).toEqual([first.id]);
    expect((marked.posts as Array<{ html: string }>)[0]!.html).toContain('answer-badge');

    await asker.agent.post(`/p/${second.id}/accept`).set('accept', JSON_ACCEPT).expect(200);
    const moved = await guest.next((m) => m.type === 'answer.changed' && m.answerHtml.includes('Second answer'));
    expect((moved.posts as Array<{ id: number }>).map((post) => post.id).sort()).toEqual([first.id, second.id].sort());

    // Unmarked: the box goes, for everyone.
    await asker.agent.post(`/p/${second.id}/unaccept`).set('accept', JSON_ACCEPT).expect(200);
    for (const client of [guest, author]) {
      const cleared = await client.next((m) => m.type === 'answer.changed' && m.answerHtml === '');
      expect((cleared.posts as Array<{ id: number }>).map((post) => post.id)).toEqual([second.id]);
    }
    guest.close();
    author.close();
  });

  it('sends an offer’s box when its author ends it: "ended" for everyone, without the tools for those who may not change it', async () => {
    const started = await helper.agent
      .post('/n/kajak/threads')
      .set('accept', JSON_ACCEPT)
      .send({ title: 'Meeting room for the winter', body: 'Ask me.', kind: 'offer', until: forumToday(ctx.config.timeZone, new Date()), audience: 'everyone' })
      .expect(201);
    const guest = await connectLive(ctx, { 'accept-language': 'en' });
    const author = await connectLive(ctx, { cookie: sessionCookie(helper.agent), 'accept-language': 'en' });
    for (const client of [guest, author]) {
      client.send({ type: 'subscribe', topic: `thread:${started.body.id}` });
      await client.next((m) => m.type === 'subscribed');
    }
    await helper.agent.post(`/t/${started.body.id}/offer`).set('accept', JSON_ACCEPT).send({ action: 'end' }).expect(200);
    const forGuest = await guest.next((m) => m.type === 'offer.changed');
    expect(forGuest).toMatchObject({ state: 'ended' });
    expect(forGuest.html).toContain('class="offer-box');
    expect(forGuest.html).toContain('Ended');
    expect(forGuest.html).not.toContain('action="/t/');
    const forAuthor = await author.next((m) => m.type === 'offer.changed');
    expect(forAuthor.html).toContain(`action="/t/${started.body.id}/offer"`);
    guest.close();
    author.close();
  });
});
