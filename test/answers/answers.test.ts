// Thread kinds and a question's answer: who picks and changes a kind, who marks a reply as the answer
// (the asker and the network's moderators only), the answer at any depth, shown under the question and
// on the board, hidden and unhidden as the one visibility rule decides, the board's filters, the
// answer's author told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { answerStates } from '../../src/threads/public.js';
import * as slugsMigration from '../../migrations/2026-12-04T0910_slugs_clear_of_kind_and_offer.js';

describe('thread kinds and answers', () => {
  let ctx: TestContext;
  let admin: Member;
  let asker: Member;
  let helper: Member;
  let other: Member;
  let convener: Member;
  let elsewhere: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_a' });
    asker = await signUp(ctx, { username: 'asker', displayName: 'Ada Asker' });
    helper = await signUp(ctx, { username: 'helper', displayName: 'Hugo Helper' });
    other = await signUp(ctx, { username: 'other_a', displayName: 'Otto Other' });
    convener = await signUp(ctx, { username: 'convener_a', displayName: 'Cora Convener' });
    elsewhere = await signUp(ctx, { username: 'elsewhere_a', displayName: 'Eli Elsewhere' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: convener.username }).expect(200);
    await admin.agent.post('/n/fiske/conveners').set('accept', JSON_ACCEPT).send({ username: elsewhere.username }).expect(200);
  });
  afterAll(() => ctx.close());

  const json = (member: Member) => ({
    get: (path: string) => member.agent.get(path).set('accept', JSON_ACCEPT),
    post: (path: string, body: object = {}) => member.agent.post(path).set('accept', JSON_ACCEPT).send(body),
  });

  async function boardRow(agent: Member | null, threadId: number, filter = '') {
    const request = (agent ? agent.agent : guest(ctx)).get(`/n/kajak${filter}`).set('accept', JSON_ACCEPT);
    const board = await request;
    expect(board.status).toBe(200);
    return (board.body.threads as Array<{ id: number; kind: string; answered: boolean }>).find((thread) => thread.id === threadId);
  }

  it('starts a question unless another kind is picked, and shows the kind on the board and the thread', async () => {
    const question = await startThread(asker.agent, 'kajak', { title: 'Can anyone lend 40 life jackets?' });
    const discussion = await json(asker).post('/n/kajak/threads', { title: 'Season plans', body: 'What do you expect?', kind: 'discussion' });
    expect(discussion.status).toBe(201);
    expect((await boardRow(null, question.id))?.kind).toBe('question');
    expect((await boardRow(null, discussion.body.id))?.kind).toBe('discussion');
    const page = await json(other).get(`/t/${discussion.body.id}`);
    expect(page.body).toMatchObject({ kind: 'discussion', answer: null });
    const bad = await json(asker).post('/n/kajak/threads', { title: 'A meeting?', body: 'No', kind: 'meeting' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['kind']);

    const form = await asker.agent.get('/n/kajak/new').set('accept', HTML).set('accept-language', 'en');
    expect(form.text).toMatch(/type="radio" name="kind" value="question" checked/);
    expect(form.text).toContain('value="discussion"');
    expect(form.text).toContain('value="offer"');
    expect(form.text).not.toContain('value="meeting"');
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(board.text).toContain('>Discussion</span>');
  });

  it('lets the author and the network’s conveners change the kind; others 403, guests sign in, a meeting stays one', async () => {
    const thread = await startThread(asker.agent, 'kajak', { title: 'Kind to change' });
    expect((await json(asker).post(`/t/${thread.id}/kind`, { kind: 'discussion' })).body).toEqual({ thread: thread.id, kind: 'discussion' });
    expect((await json(convener).post(`/t/${thread.id}/kind`, { kind: 'question' })).status).toBe(200);
    expect((await json(admin).post(`/t/${thread.id}/kind`, { kind: 'discussion' })).status).toBe(200);
    expect((await json(other).post(`/t/${thread.id}/kind`, { kind: 'question' })).status).toBe(403);
    expect((await json(elsewhere).post(`/t/${thread.id}/kind`, { kind: 'question' })).status).toBe(403);
    expect((await guest(ctx).post(`/t/${thread.id}/kind`).set('accept', JSON_ACCEPT).send({ kind: 'question' })).status).toBe(401);
    const signIn = await guest(ctx).get(`/t/${thread.id}/kind`).set('accept', HTML);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toMatch(/^\/login/);
    const row = await ctx.db.selectFrom('threads').select('kind').where('id', '=', thread.id).executeTakeFirstOrThrow();
    expect(row.kind).toBe('discussion');

    // A browser: the form, then the thread with a notice.
    const form = await asker.agent.get(`/t/${thread.id}/kind`).set('accept', HTML).set('accept-language', 'en');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/name="kind" value="discussion" checked/);
    const sent = await asker.agent.post(`/t/${thread.id}/kind`).set('accept', HTML).set('accept-language', 'en').type('form').send({ kind: 'question' });
    expect(sent.status).toBe(303);
    const after = await asker.agent.get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(after.text).toContain('The thread is now: Question.');
    const others = await other.agent.get(`/t/${thread.id}`).set('accept', HTML);
    expect(others.text).not.toContain(`/t/${thread.id}/kind`);

    await ctx.db.updateTable('threads').set({ kind: 'meeting' }).where('id', '=', thread.id).execute();
    expect((await json(asker).post(`/t/${thread.id}/kind`, { kind: 'question' })).status).toBe(409);
  });

  /** A question with a chain of replies 7 deep (the deepest by helper) and a plain reply by other. */
  async function questionWithChain() {
    const thread = await startThread(asker.agent, 'kajak', { title: 'Where to buy dry bags?' });
    let parent: number | undefined;
    const chain: number[] = [];
    for (let depth = 1; depth <= 7; depth += 1) {
      const author = depth === 7 ? helper : depth % 2 ? other : asker;
      parent = (await reply(author.agent, thread.id, `Depth ${depth}`, parent)).id;
      chain.push(parent);
    }
    const plain = await reply(other.agent, thread.id, 'Try the chandlery');
    return { thread, deep: chain.at(-1)!, plain: plain.id, opening: thread.posts[0]!.id };
  }

  it('marks a reply 7 deep as the answer: the thread shows it under the question with its place, the board says answered, its author is told', async () => {
    const { thread, deep } = await questionWithChain();
    const depth = await ctx.db.selectFrom('posts').select('depth').where('id', '=', deep).executeTakeFirstOrThrow();
    expect(depth.depth).toBe(7);
    expect((await boardRow(null, thread.id))?.answered).toBe(false);

    const marked = await json(asker).post(`/p/${deep}/accept`);
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ thread: thread.id, answer: deep });
    const stored = await ctx.db.selectFrom('threads').select('answer_post_id').where('id', '=', thread.id).executeTakeFirstOrThrow();
    expect(stored.answer_post_id).toBe(deep);

    const page = await json(other).get(`/t/${thread.id}`);
    expect(page.body.answer).toMatchObject({ id: deep, html: expect.stringContaining('Depth 7') });
    expect((await boardRow(null, thread.id))?.answered).toBe(true);
    const html = await guest(ctx).get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    const box = html.text.slice(html.text.indexOf('class="answer-box"'));
    expect(box).toContain('Depth 7');
    expect(box).toContain(`href="/p/${deep}"`);
    // Under the question: before the replies' heading.
    expect(html.text.indexOf('class="answer-box"')).toBeLessThan(html.text.indexOf('id="replies-heading"'));
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(board.text).toContain('>Answered</span>');

    await ctx.app.notifications.runWorker();
    const told = await json(helper).get('/notifications').set('accept-language', 'en');
    expect(told.body.notifications[0]).toMatchObject({ kind: 'accepted', text: expect.stringContaining('Ada Asker marked your post as the answer') });
  });

  it('lets only the asker and the network’s moderators mark or unmark: a member, another network’s convener 403, a guest 401', async () => {
    const { thread, deep, plain } = await questionWithChain();
    expect((await json(other).post(`/p/${plain}/accept`)).status).toBe(403);
    expect((await json(helper).post(`/p/${deep}/accept`)).status).toBe(403);
    expect((await json(elsewhere).post(`/p/${plain}/accept`)).status).toBe(403);
    expect((await guest(ctx).post(`/p/${plain}/accept`).set('accept', JSON_ACCEPT)).status).toBe(401);
    expect((await json(convener).post(`/p/${plain}/accept`)).body).toEqual({ thread: thread.id, answer: plain });
    // Another reply replaces it.
    expect((await json(admin).post(`/p/${deep}/accept`)).body).toEqual({ thread: thread.id, answer: deep });
    expect((await json(other).post(`/p/${deep}/unaccept`)).status).toBe(403);
    expect((await json(asker).post(`/p/${deep}/unaccept`)).body).toEqual({ thread: thread.id, answer: null });
    expect((await boardRow(null, thread.id))?.answered).toBe(false);
    // The Mark button is the asker's and the conveners'.
    const mine = await asker.agent.get(`/t/${thread.id}`).set('accept', HTML);
    expect(mine.text).toContain(`action="/p/${plain}/accept"`);
    const theirs = await other.agent.get(`/t/${thread.id}`).set('accept', HTML);
    expect(theirs.text).not.toContain('/accept"');
  });

  it('refuses the opening post, a deleted reply and a thread that is no question (409)', async () => {
    const { thread, opening, plain } = await questionWithChain();
    expect((await json(asker).post(`/p/${opening}/accept`)).status).toBe(409);
    await json(other).post(`/p/${plain}/delete`).expect(200);
    expect((await json(asker).post(`/p/${plain}/accept`)).status).toBe(409);
    const talk = await json(asker).post('/n/kajak/threads', { title: 'Just talk', body: 'Hi', kind: 'discussion' });
    const answer = await reply(other.agent, talk.body.id, 'Hello');
    expect((await json(asker).post(`/p/${answer.id}/accept`)).status).toBe(409);
    expect((await ctx.db.selectFrom('threads').select('answer_post_id').where('id', '=', thread.id).executeTakeFirstOrThrow()).answer_post_id).toBeNull();
  });

  it('stops being the answer for those who may not read it once hidden, and is the answer again once unhidden', async () => {
    const { thread, deep } = await questionWithChain();
    await json(asker).post(`/p/${deep}/accept`).expect(200);
    await json(convener).post(`/p/${deep}/hide`, { reason: 'off-topic' }).expect(200);

    expect((await guest(ctx).get(`/t/${thread.id}`).set('accept', JSON_ACCEPT)).body.answer).toBeNull();
    expect((await json(other).get(`/t/${thread.id}`)).body.answer).toBeNull();
    const guestPage = await guest(ctx).get(`/t/${thread.id}`).set('accept', HTML);
    expect(guestPage.text).not.toContain('class="answer-box"');
    // Its author and the network's conveners still read it, with the band that says it is hidden.
    expect((await json(helper).get(`/t/${thread.id}`)).body.answer).toMatchObject({ id: deep, html: expect.stringContaining('Depth 7') });
    expect((await json(convener).get(`/t/${thread.id}`)).body.answer).toMatchObject({ id: deep });
    // On the board it is unanswered for everyone: nothing of a hidden post shows through a list.
    expect((await boardRow(null, thread.id))?.answered).toBe(false);
    expect((await boardRow(convener, thread.id))?.answered).toBe(false);
    expect((await boardRow(null, thread.id, '?filter=unanswered'))?.id).toBe(thread.id);

    await json(convener).post(`/p/${deep}/unhide`).expect(200);
    expect((await json(other).get(`/t/${thread.id}`)).body.answer).toMatchObject({ id: deep });
    expect((await boardRow(null, thread.id))?.answered).toBe(true);
  });

  it('filters a board to its unanswered or answered questions, page and JSON', async () => {
    const open = await startThread(asker.agent, 'kajak', { title: 'Still open question' });
    const done = await startThread(asker.agent, 'kajak', { title: 'Settled question' });
    const answer = await reply(helper.agent, done.id, 'Here you go');
    await json(asker).post(`/p/${answer.id}/accept`).expect(200);
    const talk = await json(asker).post('/n/kajak/threads', { title: 'Not a question at all', body: 'Chat', kind: 'discussion' });

    const unanswered = await guest(ctx).get('/n/kajak?filter=unanswered').set('accept', JSON_ACCEPT);
    const ids = (response: typeof unanswered) => (response.body.threads as Array<{ id: number }>).map((thread) => thread.id);
    expect(ids(unanswered)).toContain(open.id);
    expect(ids(unanswered)).not.toContain(done.id);
    expect(ids(unanswered)).not.toContain(talk.body.id);
    const answered = await guest(ctx).get('/n/kajak?filter=answered').set('accept', JSON_ACCEPT);
    expect(ids(answered)).toContain(done.id);
    expect(ids(answered)).not.toContain(open.id);
    expect(ids(answered)).not.toContain(talk.body.id);
    expect((await guest(ctx).get('/n/kajak?filter=everything').set('accept', JSON_ACCEPT)).status).toBe(400);

    // What other lists (the home page) ask: one query for many threads.
    const states = await answerStates(ctx.db, [open.id, done.id, talk.body.id]);
    expect(Object.fromEntries(states)).toEqual({
      [open.id]: { kind: 'question', answered: false },
      [done.id]: { kind: 'question', answered: true },
      [talk.body.id]: { kind: 'discussion', answered: false },
    });

    const page = await guest(ctx).get('/n/kajak?filter=answered').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Settled question');
    expect(page.text).not.toContain('Still open question');
    expect(page.text).toMatch(/href="\/n\/kajak\?filter=answered" aria-current="page"/);
  });

  it('counts on a profile the answers marked and the thanks received over the last 12 months, counts only', async () => {
    const thread = await startThread(asker.agent, 'kajak', { title: 'Who fixes outboard motors?' });
    const answer = await reply(helper.agent, thread.id, 'Try the yard in the north harbour');
    const before = (await json(other).get('/u/helper')).body.recognition as { answers: number; thanks: number };
    await json(asker).post(`/p/${answer.id}/accept`).expect(200);
    await json(asker).post(`/p/${answer.id}/thanks`).expect(200);
    await json(other).post(`/p/${answer.id}/thanks`).expect(200);
    const after = (await json(other).get('/u/helper')).body.recognition;
    expect(after).toEqual({ answers: before.answers + 1, thanks: before.thanks + 2 });
    // Thanks older than a year no longer count.
    await ctx.db
      .updateTable('post_thanks')
      .set({ created_at: new Date(Date.now() - 400 * 24 * 3600 * 1000) })
      .where('post_id', '=', answer.id)
      .execute();
    expect((await json(other).get('/u/helper')).body.recognition).toEqual({ answers: before.answers + 1, thanks: before.thanks });
    const page = await guest(ctx).get('/u/helper').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain(`Answers marked: ${before.answers + 1}`);
    expect(page.text).not.toMatch(/rank|badge/i);
  });

  it('puts answered questions first in the similar-threads lookup and in search, and says so', async () => {
    const answered = await startThread(asker.agent, 'kajak', { title: 'Wetsuits to borrow for a group?', body: 'Twelve wetsuits, sizes M and L.' });
    const reply1 = await reply(helper.agent, answered.id, 'We lend wetsuits in spring');
    await json(asker).post(`/p/${reply1.id}/accept`).expect(200);
    const open = await startThread(other.agent, 'kajak', { title: 'Wetsuits for the autumn?', body: 'Anyone with wetsuits to spare?' });

    const similar = await guest(ctx).get('/search/similar?network=kajak&title=wetsuits').set('accept', JSON_ACCEPT);
    expect(similar.status).toBe(200);
    const found = similar.body.threads as Array<{ id: number; answered: boolean }>;
    expect(found.map((thread) => thread.id).slice(0, 2)).toEqual([answered.id, open.id]);
    expect(found.slice(0, 2).map((thread) => thread.answered)).toEqual([true, false]);

    const search = await guest(ctx).get('/search?q=wetsuits').set('accept', JSON_ACCEPT);
    const results = search.body.results as Array<{ thread: { id: number }; answered: boolean }>;
    expect(results[0]).toMatchObject({ thread: { id: answered.id }, answered: true });
    expect(results.find((result) => result.thread.id === open.id)?.answered).toBe(false);
    const page = await guest(ctx).get('/search?q=wetsuits').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toMatch(/Wetsuits to borrow for a group\?<\/a> <span class="badge answered-badge">Answered<\/span>/);
  });

  it('keeps older threads titled "Kind" or "Offer" clear of the new routes (the migration adds the suffix)', async () => {
    const thread = await startThread(asker.agent, 'kajak', { title: 'Offer' });
    expect((await ctx.db.selectFrom('threads').select('slug').where('id', '=', thread.id).executeTakeFirstOrThrow()).slug).toBe('offer-thread');
    await ctx.db.updateTable('threads').set({ slug: 'offer' }).where('id', '=', thread.id).execute();
    await slugsMigration.up(ctx.db);
    expect((await ctx.db.selectFrom('threads').select('slug').where('id', '=', thread.id).executeTakeFirstOrThrow()).slug).toBe('offer-thread');
  });

  it('answers a browser marking the answer with the post and a notice', async () => {
    const { thread, plain } = await questionWithChain();
    const sent = await asker.agent.post(`/p/${plain}/accept`).set('accept', HTML).type('form').send({});
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/p/${plain}`);
    const page = await asker.agent.get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Marked as the answer.');
    expect(page.text).toContain(`action="/p/${plain}/unaccept"`);
  });
});
