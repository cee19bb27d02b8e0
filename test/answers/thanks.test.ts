// Thanks: a toggle, not for one's own post, one per member and post however many press at once (the
// count exact: 50 at once → 50), the author told in one group per post, who thanked one click away, and
// nothing of a hidden post's thanks shown to those who may not read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

describe('thanks', () => {
  let ctx: TestContext;
  let admin: Member;
  let anna: Member;
  let bo: Member;
  let cecilia: Member;
  let convener: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_t' });
    anna = await signUp(ctx, { username: 'anna_t', displayName: 'Anna Ek' });
    bo = await signUp(ctx, { username: 'bo_t', displayName: 'Bo Lind' });
    cecilia = await signUp(ctx, { username: 'cecilia_t', displayName: 'Cecilia Berg' });
    convener = await signUp(ctx, { username: 'convener_t', displayName: 'Cora Convener' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: convener.username }).expect(200);
  });
  afterAll(() => ctx.close());

  const thank = (member: Member, postId: number) => member.agent.post(`/p/${postId}/thanks`).set('accept', JSON_ACCEPT);

  async function answerByBo() {
    const thread = await startThread(anna.agent, 'kajak', { title: 'Can anyone lend 40 life jackets?' });
    const answer = await reply(bo.agent, thread.id, 'I have 25, and Cecilia has the rest');
    return { thread, answer: answer.id };
  }

  it('toggles: thanked, counted on the post, then taken back; never one’s own post (403)', async () => {
    const { thread, answer } = await answerByBo();
    const first = await thank(anna, answer);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ post: answer, thanked: true, count: 1 });
    expect((await thank(cecilia, answer)).body).toEqual({ post: answer, thanked: true, count: 2 });
    expect((await thank(anna, answer)).body).toEqual({ post: answer, thanked: false, count: 1 });
    const own = await thank(bo, answer);
    expect(own.status).toBe(403);
    expect((await guest(ctx).post(`/p/${answer}/thanks`).set('accept', JSON_ACCEPT)).status).toBe(401);
    const page = await guest(ctx).get(`/t/${thread.id}`).set('accept', JSON_ACCEPT);
    expect(page.body.posts.find((post: { id: number }) => post.id === answer).thanks).toBe(1);
    const rows = await ctx.db.selectFrom('post_thanks').select('account_id').where('post_id', '=', answer).execute();
    expect(rows).toHaveLength(1);
  });

  it('works as a form: the button says whether the member thanked, the count links to who did', async () => {
    const { thread, answer } = await answerByBo();
    const before = await anna.agent.get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(before.text).toMatch(new RegExp(`action="/p/${answer}/thanks"[^>]*><button[^>]*aria-pressed="false"[^>]*>Thank<`));
    const sent = await anna.agent.post(`/p/${answer}/thanks`).set('accept', HTML).type('form').send({});
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/p/${answer}`);
    const after = await anna.agent.get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(after.text).toMatch(new RegExp(`action="/p/${answer}/thanks"[^>]*><button[^>]*aria-pressed="true"[^>]*>Thanked<`));
    expect(after.text).toMatch(new RegExp(`href="/p/${answer}/thanks" data-thanks-count="1"[^>]*>1 thanks</a>`));
    // The author sees the count, but no button.
    const authors = await bo.agent.get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(authors.text).not.toContain(`action="/p/${answer}/thanks"`);
    expect(authors.text).toContain(`href="/p/${answer}/thanks"`);

    const list = await guest(ctx).get(`/p/${answer}/thanks`).set('accept', JSON_ACCEPT);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ post: { id: answer, threadId: thread.id }, count: 1, people: [{ username: anna.username, displayName: 'Anna Ek' }] });
    const listPage = await guest(ctx).get(`/p/${answer}/thanks`).set('accept', HTML).set('accept-language', 'en');
    expect(listPage.text).toContain('Who thanked');
    expect(listPage.text).toContain('href="/u/anna_t"');
  });

  it('counts 50 members thanking at the same moment as 50', async () => {
    const { answer } = await answerByBo();
    const members = await Promise.all(Array.from({ length: 50 }, (_, i) => signUp(ctx, { username: `thanker_${i}` })));
    const responses = await Promise.all(members.map((member) => thank(member, answer)));
    expect(responses.map((response) => response.status)).toEqual(members.map(() => 200));
    const post = await ctx.db.selectFrom('posts').select('thanks_count').where('id', '=', answer).executeTakeFirstOrThrow();
    expect(post.thanks_count).toBe(50);
    const rows = await ctx.db
      .selectFrom('post_thanks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('post_id', '=', answer)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(50);
    // One member pressing twice at once: once thanked, once taken back, or both the same — the count matches the rows.
    await Promise.all([thank(anna, answer), thank(anna, answer)]);
    const after = await ctx.db.selectFrom('posts').select('thanks_count').where('id', '=', answer).executeTakeFirstOrThrow();
    const afterRows = await ctx.db
      .selectFrom('post_thanks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('post_id', '=', answer)
      .executeTakeFirstOrThrow();
    expect(after.thanks_count).toBe(Number(afterRows.n));
  });

  it('tells the author in one group per post ("Anna and 2 more"), and takes a thanks taken back out of it', async () => {
    const { answer } = await answerByBo();
    await thank(anna, answer).expect(200);
    await thank(cecilia, answer).expect(200);
    await thank(convener, answer).expect(200);
    await ctx.app.notifications.runWorker();
    const told = await bo.agent.get('/notifications').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    const group = told.body.notifications.find((n: { kind: string; post: { id: number } | null }) => n.kind === 'thanked' && n.post?.id === answer);
    expect(group).toMatchObject({ count: 3, text: expect.stringMatching(/^Cora Convener and 2 more thanked your post in/) });

    await thank(convener, answer).expect(200);
    await ctx.app.notifications.runWorker();
    const again = await bo.agent.get('/notifications').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    const regrouped = again.body.notifications.find((n: { kind: string; post: { id: number } | null }) => n.kind === 'thanked' && n.post?.id === answer);
    expect(regrouped).toMatchObject({ count: 2, text: expect.stringMatching(/^Cecilia Berg and 1 more thanked your post/) });
    // Nobody else is told.
    const annas = await anna.agent.get('/notifications').set('accept', JSON_ACCEPT);
    expect(annas.body.notifications.filter((n: { kind: string }) => n.kind === 'thanked')).toEqual([]);
  });

  it('shows no thanks of a hidden post to those who may not read it, and takes no new ones', async () => {
    const { thread, answer } = await answerByBo();
    await thank(anna, answer).expect(200);
    await convener.agent.post(`/p/${answer}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    const guests = await guest(ctx).get(`/t/${thread.id}`).set('accept', JSON_ACCEPT);
    expect(guests.body.posts.find((post: { id: number }) => post.id === answer).thanks).toBe(0);
    expect((await guest(ctx).get(`/p/${answer}/thanks`).set('accept', JSON_ACCEPT)).status).toBe(404);
    expect((await cecilia.agent.get(`/p/${answer}/thanks`).set('accept', JSON_ACCEPT)).status).toBe(404);
    const page = await cecilia.agent.get(`/t/${thread.id}`).set('accept', HTML);
    expect(page.text).not.toContain(`/p/${answer}/thanks`);
    // Its author and the conveners still read it, and its thanks.
    expect((await bo.agent.get(`/p/${answer}/thanks`).set('accept', JSON_ACCEPT)).body.count).toBe(1);
    expect((await convener.agent.get(`/t/${thread.id}`).set('accept', JSON_ACCEPT)).body.posts.find((post: { id: number }) => post.id === answer).thanks).toBe(
      1,
    );
    // No new thanks while hidden (409); one already given may be taken back.
    expect((await thank(cecilia, answer)).status).toBe(409);
    expect((await thank(anna, answer)).body).toEqual({ post: answer, thanked: false, count: 0 });
  });
});
