import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, setCookie, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { connectLive, sessionCookie } from '../helpers/live.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('flags and community hiding', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let otherConvener: Member;
  let author: Member;
  let lobbyThread: number;
  const queries: string[] = [];
  let counting = false;

  /** A member whose flags count: an account older than a day, with a post (in the lobby network). */
  async function established(): Promise<Member> {
    const member = await signUp(ctx);
    await reply(member.agent, lobbyThread, 'Hello from an established member');
    await ctx.db
      .updateTable('accounts')
      .set({ created_at: new Date(Date.now() - 2 * DAY_MS) })
      .where('username', '=', member.username)
      .execute();
    return member;
  }

  const flag = (member: Member, postId: number, body: object = { reason: 'off-topic' }) =>
    member.agent.post(`/p/${postId}/flag`).set('accept', JSON_ACCEPT).send(body);

  const postRow = (postId: number) =>
    ctx.db
      .selectFrom('posts')
      .select(['hidden_at', 'hidden_kind', 'hidden_reason', 'hidden_rule', 'hidden_by_id'])
      .where('id', '=', postId)
      .executeTakeFirstOrThrow();

  const logRows = (postId: number) => ctx.db.selectFrom('moderation_log').selectAll().where('post_id', '=', postId).orderBy('id').execute();

  const flagRows = (postId: number) => ctx.db.selectFrom('flags').selectAll().where('post_id', '=', postId).orderBy('id').execute();

  beforeAll(async () => {
    ctx = await createTestContext({}, (sql) => counting && queries.push(sql));
    admin = await signUp(ctx);
    convener = await signUp(ctx, { username: 'flagconvener', displayName: 'Kajak Convener' });
    otherConvener = await signUp(ctx, { username: 'otherconvener' });
    author = await signUp(ctx, { username: 'flaggedauthor', displayName: 'Flagged Author' });
    await networksWithConveners(admin.agent, {
      lobby: { name: 'Lobby' },
      kajak: { name: 'Kajak', convener: 'flagconvener' },
      fiske: { name: 'Fiske', convener: 'otherconvener' },
    });
    lobbyThread = (await startThread(admin.agent, 'lobby', { title: 'Say hello' })).id;
  });
  afterAll(() => ctx.close());

  describe('in a small network (threshold 2)', () => {
    const MARKER = 'COMMUNITY-MARKER-7c1e';
    let threadId: number;
    let postId: number;
    let flaggers: Member[];
    let bystander: Member;

    beforeAll(async () => {
      threadId = (await startThread(convener.agent, 'kajak', { title: 'Paddling routes' })).id;
      postId = (await reply(author.agent, threadId, `Sofa for sale, call now ${MARKER}`)).id;
      flaggers = [await established(), await established()];
      bystander = await established();
    });

    it('hides the post at once when the second counting member flags it, live for a guest', async () => {
      const review = await admin.agent.get('/n/kajak/review').set('accept', JSON_ACCEPT);
      expect(review.body.threshold).toEqual({ value: 2, set: false });
      const guestSocket = await connectLive(ctx, { 'accept-language': 'en' });
      const memberSocket = await connectLive(ctx, { cookie: sessionCookie(bystander.agent) });
      for (const socket of [guestSocket, memberSocket]) {
        socket.send({ type: 'subscribe', topic: `thread:${threadId}` });
        await socket.next((m) => m.type === 'subscribed');
      }

      const first = await flag(flaggers[0]!, postId, { reason: 'off-topic', note: 'Not about paddling' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ created: true, flag: { postId, reason: 'off-topic', note: 'Not about paddling', counts: true, resolution: null } });
      expect((await postRow(postId)).hidden_at).toBeNull();

      const second = await flag(flaggers[1]!, postId, { reason: 'spam' });
      expect(second.status).toBe(201);
      // The flagger is neither the author nor a moderator: the answer already shows the placeholder.
      expect(second.body.post).toMatchObject({ html: '', hidden: { by: 'community' } });
      // One off-topic, one spam: a tie goes to the reason flagged first.
      expect(await postRow(postId)).toMatchObject({ hidden_kind: 'community', hidden_reason: 'off-topic', hidden_rule: null, hidden_by_id: null });
      const log = await logRows(postId);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ action: 'community-hide', actor_id: null, reason: 'off-topic' });

      for (const socket of [guestSocket, memberSocket]) {
        const pushed = await socket.next((m) => m.type === 'post.hidden');
        expect(pushed.post.id).toBe(postId);
        expect(JSON.stringify(pushed)).not.toContain(MARKER);
        expect(pushed.post.hidden).toEqual({ by: 'community', reason: 'off-topic', rule: null });
        expect(pushed.post.html).toContain('class="placeholder"');
      }
      guestSocket.close();
      memberSocket.close();
    });

    it('keeps the body from guests and members, and shows it to the author and the convener', async () => {
      for (const viewer of [guest(ctx), bystander.agent, flaggers[0]!.agent, otherConvener.agent]) {
        const page = await viewer.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
        expect(page.status).toBe(200);
        expect(page.text).not.toContain(MARKER);
        expect(page.text).toContain('Hidden after members\u2019 flags, awaiting a convener: off-topic');
        const json = await viewer.get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
        expect(JSON.stringify(json.body)).not.toContain(MARKER);
        expect(json.body.posts.find((p: { id: number }) => p.id === postId)).toMatchObject({ html: '', hidden: { by: 'community', reason: 'off-topic' } });
      }
      const forAuthor = await author.agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
      expect(forAuthor.text).toContain(MARKER);
      expect(forAuthor.text).toContain('Only you and the conveners see this post.');
      for (const moderator of [convener, admin]) {
        const page = await moderator.agent.get(`/t/${threadId}`).set('accept', HTML);
        expect(page.text).toContain(MARKER);
        const json = await moderator.agent.get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
        expect(JSON.stringify(json.body)).toContain(MARKER);
      }
    });

    it('refuses a flag on a hidden post with 400 and stores nothing', async () => {
      const response = await flag(bystander, postId);
      expect(response.status).toBe(400);
      expect(response.body.fields.post).toBeTruthy();
      expect(await flagRows(postId)).toHaveLength(2);
    });

    it('lists the post in the review queue with its flags, the flaggers named', async () => {
      const json = await convener.agent.get('/n/kajak/review').set('accept', JSON_ACCEPT);
      expect(json.status).toBe(200);
      const item = json.body.posts.find((p: { post: { id: number } }) => p.post.id === postId);
      expect(item).toMatchObject({
        openFlags: 2,
        countedFlags: 2,
        suggested: { reason: 'off-topic', rule: null },
        thread: { id: threadId, title: 'Paddling routes' },
        network: { slug: 'kajak' },
        post: { hidden: { by: 'community', reason: 'off-topic' } },
      });
      // Moderators may read the hidden post: the visibility rule says so, the queue does not decide.
      expect(item.post.html).toContain(MARKER);
      expect(item.flags.map((f: { flagger: { username: string } }) => f.flagger.username)).toEqual(flaggers.map((f) => f.username));
      expect(item.flags[0]).toMatchObject({ reason: 'off-topic', note: 'Not about paddling', counts: true });

      const page = await convener.agent.get('/n/kajak/review').set('accept', HTML).set('accept-language', 'en');
      expect(page.text).toContain(MARKER);
      expect(page.text).toContain(`@${flaggers[0]!.username}`);
      expect(page.text).toContain('Not about paddling');
      expect(page.text).toContain(`action="/p/${postId}/dismiss"`);
      expect(page.text).toContain(`action="/p/${postId}/hide"`);
      expect(page.text).toContain('Dismiss the flags and restore the post');

      const board = await convener.agent.get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
      expect(board.text).toContain('href="/n/kajak/review"');
      expect(board.text).toMatch(/Review \(\d+\)/);
      const boardForMember = await bystander.agent.get('/n/kajak').set('accept', HTML);
      expect(boardForMember.text).not.toContain('/n/kajak/review');
    });

    it('dismisses: the post is restored, the flags are closed, the log says so, guests get post.unhidden', async () => {
      const socket = await connectLive(ctx);
      socket.send({ type: 'subscribe', topic: `thread:${threadId}` });
      await socket.next((m) => m.type === 'subscribed');

      // A refused action changes nothing and writes no row.
      for (const who of [bystander, otherConvener, author]) {
        expect((await who.agent.post(`/p/${postId}/dismiss`).set('accept', JSON_ACCEPT)).status).toBe(403);
      }
      expect((await guest(ctx).post(`/p/${postId}/dismiss`).set('accept', JSON_ACCEPT)).status).toBe(401);
      expect(await logRows(postId)).toHaveLength(1);
      expect((await postRow(postId)).hidden_kind).toBe('community');

      const dismissed = await convener.agent.post(`/p/${postId}/dismiss`).set('accept', JSON_ACCEPT);
      expect(dismissed.status).toBe(200);
      expect(dismissed.body.restored).toBe(true);
      expect((await postRow(postId)).hidden_at).toBeNull();
      expect((await flagRows(postId)).map((f) => f.resolution)).toEqual(['dismissed', 'dismissed']);
      const log = await logRows(postId);
      expect(log.map((row) => row.action)).toEqual(['community-hide', 'dismiss']);
      const pushed = await socket.next((m) => m.type === 'post.unhidden');
      expect(pushed.post.html).toContain(MARKER);
      socket.close();

      const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML);
      expect(page.text).toContain(MARKER);
      const review = await convener.agent.get('/n/kajak/review').set('accept', JSON_ACCEPT);
      expect(review.body.posts.map((p: { post: { id: number } }) => p.post.id)).not.toContain(postId);
      // What a flagger sees of their flag: that it was dismissed, never by whom.
      const again = await flag(flaggers[0]!, postId);
      expect(again.status).toBe(200);
      expect(again.body.flag.resolution).toBe('dismissed');
      expect(JSON.stringify(again.body)).not.toContain(convener.username);
      // Nothing left to dismiss: no change, no row.
      await convener.agent.post(`/p/${postId}/dismiss`).set('accept', JSON_ACCEPT).expect(200);
      expect(await logRows(postId)).toHaveLength(2);
    });

    it('agreeing from the queue hides the post as a convener and closes the flags as agreed', async () => {
      const post = await reply(author.agent, threadId, 'Another sofa');
      await flag(flaggers[0]!, post.id, { reason: 'spam' }).expect(201);
      const agreed = await convener.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' });
      expect(agreed.status).toBe(200);
      expect(await postRow(post.id)).toMatchObject({ hidden_kind: 'convener', hidden_reason: 'spam' });
      expect((await flagRows(post.id)).map((f) => f.resolution)).toEqual(['agreed']);
      const review = await convener.agent.get('/n/kajak/review').set('accept', JSON_ACCEPT);
      expect(review.body.posts.map((p: { post: { id: number } }) => p.post.id)).not.toContain(post.id);
    });
  });

  it('hides at the threshold of a large network: 120 members give ceil(3.6) = 4', async () => {
    await createNetwork(admin.agent, { slug: 'stor', name: 'Stor' });
    const thread = await startThread(author.agent, 'stor', { title: 'A busy network' });
    const network = await ctx.db.selectFrom('networks').select('id').where('slug', '=', 'stor').executeTakeFirstOrThrow();
    // 120 accounts that joined the network, and 60 that did not: only members count.
    const accounts = await ctx.db
      .insertInto('accounts')
      .values(
        Array.from({ length: 180 }, (_, i) => ({
          username: `poster_${i}`,
          username_key: `poster_${i}`,
          display_name: `Poster ${i}`,
          email: `poster_${i}@example.test`,
          password_hash: 'not-a-real-hash',
        })),
      )
      .returning('id')
      .execute();
    await ctx.db
      .insertInto('network_members')
      .values(accounts.slice(0, 120).map(({ id }) => ({ network_id: network.id, account_id: id })))
      .execute();
    const review = await admin.agent.get('/n/stor/review').set('accept', JSON_ACCEPT);
    // Members: the 120 (posting joins nobody: the thread's author is not one) → ceil(3.6) = 4.
    expect(review.body.threshold).toEqual({ value: 4, set: false });

    const post = await reply(admin.agent, thread.id, 'Off topic in a big network');
    const members = [await established(), await established(), await established(), await established()];
    for (const member of members.slice(0, 3)) await flag(member, post.id).expect(201);
    expect((await postRow(post.id)).hidden_at).toBeNull();
    await flag(members[3]!, post.id).expect(201);
    expect((await postRow(post.id)).hidden_kind).toBe('community');
  });

  it('does not count flags from accounts younger than a day or without posts', async () => {
    const threadId = (await startThread(convener.agent, 'kajak', { title: 'Newcomers flagging' })).id;
    const post = await reply(author.agent, threadId, 'Flagged by newcomers');
    const fresh = await signUp(ctx); // a day old? no: just made
    await reply(fresh.agent, lobbyThread, 'I have posted, but only just arrived');
    const silent = await signUp(ctx); // old, but never posted
    await ctx.db
      .updateTable('accounts')
      .set({ created_at: new Date(Date.now() - 30 * DAY_MS) })
      .where('username', '=', silent.username)
      .execute();
    const brandNew = await signUp(ctx);
    for (const member of [fresh, silent, brandNew]) {
      const response = await flag(member, post.id);
      expect(response.status).toBe(201);
      expect(response.body.flag.counts).toBe(false);
    }
    expect((await postRow(post.id)).hidden_at).toBeNull();
    const veteran = await established();
    expect((await flag(veteran, post.id)).body.flag.counts).toBe(true);
    expect((await postRow(post.id)).hidden_at).toBeNull();
    await flag(await established(), post.id, { reason: 'rule', rule: 1 }).expect(400); // no rule 1 in kajak
    await flag(await established(), post.id).expect(201);
    expect((await postRow(post.id)).hidden_kind).toBe('community');
    const review = await convener.agent.get('/n/kajak/review').set('accept', JSON_ACCEPT);
    const item = review.body.posts.find((p: { post: { id: number } }) => p.post.id === post.id);
    expect(item).toMatchObject({ openFlags: 5, countedFlags: 2 });
  });

  it('stores one flag per member: flagging again answers 200 with the stored flag', async () => {
    const threadId = (await startThread(convener.agent, 'kajak', { title: 'Flag twice' })).id;
    const post = await reply(author.agent, threadId, 'Flag me twice');
    const member = await signUp(ctx);
    const first = await flag(member, post.id, { reason: 'other', note: 'Strange' });
    expect(first.status).toBe(201);
    const second = await flag(member, post.id, { reason: 'spam' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ created: false, flag: { id: first.body.flag.id, reason: 'other', note: 'Strange' } });
    expect(await flagRows(post.id)).toHaveLength(1);
  });

  it('refuses one\u2019s own post (400), guests (401), deleted posts and incomplete reasons (400)', async () => {
    const threadId = (await startThread(convener.agent, 'kajak', { title: 'Own posts' })).id;
    const post = await reply(author.agent, threadId, 'My own post');
    const own = await author.agent.post(`/p/${post.id}/flag`).set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ reason: 'spam' });
    expect(own.status).toBe(400);
    expect(own.body).toMatchObject({ error: 'validation', fields: { post: 'You cannot flag your own post' } });
    expect((await guest(ctx).post(`/p/${post.id}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'spam' })).status).toBe(401);
    const member = await signUp(ctx);
    expect((await flag(member, post.id, { reason: 'other' })).body.fields.note).toBeTruthy();
    expect((await flag(member, post.id, { reason: 'rule' })).body.fields.rule).toBeTruthy();
    expect((await flag(member, 99999999)).status).toBe(404);
    await author.agent.post(`/p/${post.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    expect((await flag(member, post.id)).status).toBe(400);
    expect(await flagRows(post.id)).toEqual([]);
  });

  it('answers a browser with 303 back to the post and a thank-you; the flag form re-renders with the error', async () => {
    const threadId = (await startThread(convener.agent, 'kajak', { title: 'Browser flags' })).id;
    const post = await reply(author.agent, threadId, 'Flag me from a browser');
    const member = await signUp(ctx);
    const form = await member.agent.get(`/p/${post.id}/flag`).set('accept', HTML).set('accept-language', 'en');
    expect(form.status).toBe(200);
    expect(form.text).toContain(`action="/p/${post.id}/flag"`);
    const sent = await member.agent.post(`/p/${post.id}/flag`).set('accept', HTML).type('form').send({ reason: 'spam', rule: '', note: '' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/p/${post.id}`);
    expect(JSON.parse(setCookie(sent, 'flash')!.value)).toEqual({ key: 'moderation.flag.thanks', post: post.id });
    const page = await member.agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Thank you for flagging.');
    const own = await author.agent.post(`/p/${post.id}/flag`).set('accept', HTML).set('accept-language', 'en').type('form').send({ reason: 'spam' });
    expect(own.status).toBe(400);
    expect(own.text).toContain('You cannot flag your own post');
  });

  it('allows 20 flags a day: the 21st answers 429 with Retry-After, even with RATE_LIMITS off', async () => {
    expect(ctx.config.rateLimits).toBe(false);
    const threadId = (await startThread(convener.agent, 'kajak', { title: 'Many posts' })).id;
    const posts = [];
    for (let i = 0; i < 21; i++) posts.push(await reply(author.agent, threadId, `Post number ${i}`));
    const member = await signUp(ctx);
    for (const post of posts.slice(0, 20)) await flag(member, post.id).expect(201);
    const refused = await flag(member, posts[20]!.id);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(24 * 3600 - 120);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect(await flagRows(posts[20]!.id)).toEqual([]);
    // Flagging a post again is no new flag, so it is not refused.
    await flag(member, posts[0]!.id).expect(200);
    // A day later, the oldest flag leaves the window.
    await ctx.db
      .updateTable('flags')
      .set({ created_at: new Date(Date.now() - DAY_MS - 1000) })
      .where('post_id', '=', posts[0]!.id)
      .execute();
    await flag(member, posts[20]!.id).expect(201);
  });

  it('lets conveners of the network and admins open its review queue, and only admins /review', async () => {
    const expectations: Array<[Agent | undefined, number, number]> = [
      [admin.agent, 200, 200],
      [convener.agent, 200, 403],
      [otherConvener.agent, 403, 403],
      [author.agent, 403, 403],
      [undefined, 401, 401],
    ];
    for (const [agent, network, all] of expectations) {
      const who = agent ?? guest(ctx);
      expect((await who.get('/n/kajak/review').set('accept', JSON_ACCEPT)).status).toBe(network);
      expect((await who.get('/review').set('accept', JSON_ACCEPT)).status).toBe(all);
    }
    expect((await guest(ctx).get('/n/kajak/review').set('accept', HTML)).headers.location).toBe('/login?next=%2Fn%2Fkajak%2Freview');
    expect((await admin.agent.get('/n/nowhere/review').set('accept', JSON_ACCEPT)).status).toBe(404);
    const all = await admin.agent.get('/review').set('accept', JSON_ACCEPT);
    expect(new Set(all.body.posts.map((p: { network: { slug: string } }) => p.network.slug))).toEqual(new Set(['kajak', 'stor']));
    const page = await admin.agent.get('/review').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Review: all networks');
  });

  it('costs the same queries for a queue of one post as for many: one for the posts, one for all their flags', async () => {
    const count = async (path: string) => {
      queries.length = 0;
      counting = true;
      await admin.agent.get(path).set('accept', JSON_ACCEPT).expect(200);
      counting = false;
      return [...queries];
    };
    const one = await count('/n/stor/review');
    const many = await count('/n/kajak/review');
    expect((await admin.agent.get('/n/kajak/review').set('accept', JSON_ACCEPT)).body.posts.length).toBeGreaterThan(3);
    expect(many.length).toBe(one.length);
    expect(many.filter((q) => q.includes('from "flags"'))).toHaveLength(2);
  });

  it('lets an admin set and clear the threshold, logged; others may not', async () => {
    const set = await admin.agent.post('/n/fiske/flag-threshold').set('accept', JSON_ACCEPT).send({ threshold: 3 });
    expect(set.status).toBe(200);
    expect(set.body.threshold).toEqual({ value: 3, set: true });
    expect((await otherConvener.agent.post('/n/fiske/flag-threshold').set('accept', JSON_ACCEPT).send({ threshold: 1 })).status).toBe(403);
    expect((await guest(ctx).post('/n/fiske/flag-threshold').set('accept', JSON_ACCEPT).send({ threshold: 1 })).status).toBe(401);
    for (const threshold of [0, 51, 'many']) {
      expect((await admin.agent.post('/n/fiske/flag-threshold').set('accept', JSON_ACCEPT).send({ threshold })).status).toBe(400);
    }
    const cleared = await admin.agent.post('/n/fiske/flag-threshold').set('accept', HTML).type('form').send({ threshold: '' });
    expect(cleared.status).toBe(303);
    expect(cleared.headers.location).toBe('/n/fiske/review');
    const review = await otherConvener.agent.get('/n/fiske/review').set('accept', JSON_ACCEPT);
    expect(review.body.threshold).toEqual({ value: 2, set: false });
    const log = await ctx.db
      .selectFrom('moderation_log')
      .innerJoin('networks', 'networks.id', 'moderation_log.network_id')
      .select(['action', 'note'])
      .where('networks.slug', '=', 'fiske')
      .where('action', '=', 'threshold')
      .orderBy('moderation_log.id')
      .execute();
    expect(log).toEqual([
      { action: 'threshold', note: '3' },
      { action: 'threshold', note: null },
    ]);

    // A threshold of 1 hides at the first counting flag.
    await admin.agent.post('/n/fiske/flag-threshold').set('accept', JSON_ACCEPT).send({ threshold: 1 }).expect(200);
    const threadId = (await startThread(otherConvener.agent, 'fiske', { title: 'Threshold one' })).id;
    const post = await reply(author.agent, threadId, 'One flag is enough');
    await flag(await established(), post.id).expect(201);
    expect((await postRow(post.id)).hidden_kind).toBe('community');
  });

  it('writes the community-hide log row in the flag\u2019s transaction: a failure after it leaves nothing behind', async () => {
    await admin.agent.post('/n/fiske/flag-threshold').set('accept', JSON_ACCEPT).send({ threshold: 1 }).expect(200);
    const threadId = (await startThread(otherConvener.agent, 'fiske', { title: 'Failing flag' })).id;
    const post = await reply(author.agent, threadId, 'A flag that fails');
    const flagger = await established();
    // The event is written last, after the hide and the log row: make it fail.
    await sql`alter table events add constraint test_no_hidden_events check (name <> 'post.hidden') not valid`.execute(ctx.db);
    try {
      const response = await flag(flagger, post.id);
      expect(response.status).toBe(500);
    } finally {
      await sql`alter table events drop constraint test_no_hidden_events`.execute(ctx.db);
    }
    expect((await postRow(post.id)).hidden_at).toBeNull();
    expect(await logRows(post.id)).toEqual([]);
    expect(await flagRows(post.id)).toEqual([]);
    // Nothing half-done blocks the member: the same flag goes through now.
    await flag(flagger, post.id).expect(201);
    expect((await postRow(post.id)).hidden_kind).toBe('community');
    expect((await logRows(post.id)).map((row) => row.action)).toEqual(['community-hide']);
  });
});

type Agent = Member['agent'];
