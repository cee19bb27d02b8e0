// A thread's title is part of its opening post: when that post is hidden, its title must not reach
// anyone who may not read the post — not on the board, in the thread's <title> or heading, in JSON, on
// the reply form, in the moderation log or in the live feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, startThread } from '../helpers/forum.js';
import { connectLive } from '../helpers/live.js';

// Upper and lower case: the slug is made from the title, lower-cased.
const MARKER = 'TitleMarker9q2z';
const marker = MARKER.toLowerCase();

describe('a hidden opening post hides the thread\u2019s title', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let otherConvener: Member;
  let author: Member;
  let member: Member;
  let threadId: number;
  let openingId: number;
  let cursorBefore: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx, { username: 'title_convener' });
    otherConvener = await signUp(ctx, { username: 'title_other' });
    author = await signUp(ctx, { username: 'title_author' });
    member = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: 'title_convener' }, fiske: { name: 'Fiske', convener: 'title_other' } });
    await startThread(member.agent, 'kajak', { title: 'An ordinary thread' });
    cursorBefore = (
      await ctx.db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id;
    const thread = await startThread(author.agent, 'kajak', { title: `Cheap sofas ${MARKER}`, body: 'Buy my sofa' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
    await convener.agent.post(`/p/${openingId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
  });
  afterAll(() => ctx.close());

  async function everything(agent: Agent, signedIn: boolean): Promise<string[]> {
    const texts = [
      (await agent.get('/n/kajak').set('accept', HTML).set('accept-language', 'en')).text,
      JSON.stringify((await agent.get('/n/kajak').set('accept', JSON_ACCEPT).set('accept-language', 'en')).body),
      (await agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en')).text,
      JSON.stringify((await agent.get(`/t/${threadId}`).set('accept', JSON_ACCEPT)).body),
      (await agent.get('/n/kajak/log').set('accept', HTML)).text,
      JSON.stringify((await agent.get('/n/kajak/log').set('accept', JSON_ACCEPT)).body),
    ];
    if (signedIn) texts.push((await agent.get(`/t/${threadId}/reply`).set('accept', HTML)).text);
    return texts;
  }

  it('keeps the title from guests, members and another network\u2019s convener, on every page and in JSON', async () => {
    for (const [agent, signedIn] of [
      [guest(ctx), false],
      [member.agent, true],
      [otherConvener.agent, true],
    ] as const) {
      for (const text of await everything(agent, signedIn)) expect(text.toLowerCase()).not.toContain(marker);
    }
    const board = await guest(ctx).get('/n/kajak').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(board.body.threads.find((t: { id: number }) => t.id === threadId)).toMatchObject({ title: 'Hidden thread', slug: '', titleHidden: true });
    const boardPage = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(boardPage.text).toContain(`<a class="thread-title" href="/t/${threadId}">Hidden thread</a>`);
    const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'sv');
    expect(page.text).toMatch(/<title>Dold tråd · /);
    expect(page.text).toContain('<h1>Dold tråd</h1>');
    const json = await member.agent.get(`/t/${threadId}`).set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(json.body).toMatchObject({ title: 'Hidden thread', slug: '', titleHidden: true });
  });

  it('keeps it from the live feed of the board too, even when a client replays from before the hiding', async () => {
    const socket = await connectLive(ctx, { 'accept-language': 'en' });
    socket.send({ type: 'subscribe', topic: 'board:kajak', since: cursorBefore });
    const created = await socket.next((m) => m.type === 'thread.created');
    expect(created.thread).toMatchObject({ id: threadId, title: 'Hidden thread' });
    // A board's messages come in order: once a newer thread's has come, anything about the hidden one has.
    const later = await startThread(member.agent, 'kajak', { title: 'A later, visible thread' });
    await socket.next((m) => m.type === 'thread.created' && m.thread.id === later.id);
    expect(JSON.stringify(socket.messages).toLowerCase()).not.toContain(marker);
    socket.close();
  });

  it('shows it to the author, the network\u2019s conveners and admins, marked hidden', async () => {
    for (const agent of [author.agent, convener.agent, admin.agent]) {
      const board = await agent.get('/n/kajak').set('accept', JSON_ACCEPT);
      expect(board.body.threads.find((t: { id: number }) => t.id === threadId)).toMatchObject({
        title: `Cheap sofas ${MARKER}`,
        titleHidden: false,
        openingHidden: true,
      });
      const page = await agent.get(`/t/${threadId}`).set('accept', HTML);
      expect(page.text).toContain(`<title>Cheap sofas ${MARKER}`);
    }
  });

  it('gives the title back to everyone when the post is unhidden', async () => {
    await convener.agent.post(`/p/${openingId}/unhide`).set('accept', JSON_ACCEPT).expect(200);
    const board = await guest(ctx).get('/n/kajak').set('accept', JSON_ACCEPT);
    expect(board.body.threads.find((t: { id: number }) => t.id === threadId)).toMatchObject({
      title: `Cheap sofas ${MARKER}`,
      titleHidden: false,
      openingHidden: false,
    });
    expect((await guest(ctx).get(`/t/${threadId}`).set('accept', HTML)).text).toContain(`<h1>Cheap sofas ${MARKER}</h1>`);
  });
});
