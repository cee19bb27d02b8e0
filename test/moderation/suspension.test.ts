// Suspensions (an admin's, from posting anywhere) and bars (a convener's, from posting in one network):
// posting, editing and flagging answer 403 with the end date; reading and signing in go on as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

/** An end as the messages write it: in the forum's time zone, whatever the reader's language. */
function written(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}

describe('suspensions and bars', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let threadId: number;
  let fiskeThreadId: number;
  let kayakOpeningId: number;
  let fiskeOpeningId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx, { username: 'bar_convener' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: 'bar_convener' }, fiske: { name: 'Fiske' } });
    const kayakThread = await startThread(convener.agent, 'kajak', { title: 'Kayak talk' });
    const fiskeThread = await startThread(admin.agent, 'fiske', { title: 'Fish talk' });
    [threadId, kayakOpeningId] = [kayakThread.id, kayakThread.posts[0]!.id];
    [fiskeThreadId, fiskeOpeningId] = [fiskeThread.id, fiskeThread.posts[0]!.id];
  });
  afterAll(() => ctx.close());

  function tryToPost(member: Member, network = 'kajak', thread = threadId) {
    return Promise.all([
      member.agent.post(`/n/${network}/threads`).set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ title: 'A new thread', body: 'Hello' }),
      member.agent.post(`/t/${thread}/replies`).set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ body: 'A reply' }),
    ]);
  }

  it('suspends an account from posting anywhere: 403 with the end date, while it still reads and signs in', async () => {
    const member = await signUp(ctx, { username: 'suspended_one', password: 'a long password 1' });
    const suspended = await admin.agent.post('/u/suspended_one/suspend').set('accept', JSON_ACCEPT).send({ days: 7, reason: 'Advertising everywhere' });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ username: 'suspended_one', scope: 'forum', reason: 'Advertising everywhere' });
    const until: string = suspended.body.until;
    expect(Math.abs(new Date(until).getTime() - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);

    for (const [network, thread] of [
      ['kajak', threadId],
      ['fiske', fiskeThreadId],
    ] as const) {
      for (const response of await tryToPost(member, network, thread)) {
        expect(response.status).toBe(403);
        expect(response.body.message).toContain(written(until));
        expect(response.body.message).toContain('Advertising everywhere');
      }
    }
    expect(await ctx.db.selectFrom('threads').select('id').where('title', '=', 'A new thread').execute()).toEqual([]);

    expect((await member.agent.get(`/t/${threadId}`).set('accept', HTML)).status).toBe(200);
    expect((await member.agent.get('/n/kajak').set('accept', JSON_ACCEPT)).status).toBe(200);
    const signIn = await guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login: 'suspended_one', password: 'a long password 1' });
    expect(signIn.status).toBeLessThan(400);

    // A browser sees the reply form again with the message and its text kept.
    const page = await member.agent.post(`/t/${threadId}/replies`).set('accept', HTML).set('accept-language', 'en').type('form').send({ body: 'My kept text' });
    expect(page.status).toBe(403);
    expect(page.text).toContain(written(until));
    expect(page.text).toContain('My kept text');

    const log = await ctx.db.selectFrom('moderation_log').selectAll().where('action', '=', 'suspend').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ network_id: null, reason: 'Advertising everywhere', note: null, ends_at: new Date(until) });
  });

  it('takes `until` as a date: midnight in the forum\u2019s time zone', async () => {
    const member = await signUp(ctx, { username: 'suspended_until' });
    const year = new Date().getFullYear() + 2;
    const response = await admin.agent
      .post('/u/suspended_until/suspend')
      .set('accept', JSON_ACCEPT)
      .send({ until: `${year}-03-15`, reason: 'Cool off' });
    expect(response.status).toBe(200);
    expect(written(response.body.until)).toBe(`${year}-03-15 00:00`);
    const [thread] = await tryToPost(member);
    expect(thread.body.message).toContain(`${year}-03-15 00:00`);
  });

  it('bars an account from one network: 403 there, posting elsewhere goes on', async () => {
    const member = await signUp(ctx, { username: 'barred_one' });
    const barred = await convener.agent
      .post('/n/kajak/bar')
      .set('accept', JSON_ACCEPT)
      .send({ username: 'barred_one', days: 3, reason: 'Selling fishing gear' });
    expect(barred.status).toBe(200);
    expect(barred.body).toMatchObject({ username: 'barred_one', network: 'kajak' });
    for (const response of await tryToPost(member)) {
      expect(response.status).toBe(403);
      expect(response.body.message).toContain('barred from posting in this network');
      expect(response.body.message).toContain(written(barred.body.until));
    }
    await startThread(member.agent, 'fiske', { title: 'Fishing gear for sale' });
    await reply(member.agent, fiskeThreadId, 'Allowed here');
    const log = await ctx.db.selectFrom('moderation_log').selectAll().where('action', '=', 'bar').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ reason: 'Selling fishing gear', note: null, ends_at: new Date(barred.body.until) });
  });

  it('lifts a suspension or a bar early, and logs it', async () => {
    const member = await signUp(ctx, { username: 'lifted_one' });
    await admin.agent.post('/u/lifted_one/suspend').set('accept', JSON_ACCEPT).send({ days: 30, reason: 'Heated' }).expect(200);
    await convener.agent.post('/n/kajak/bar').set('accept', JSON_ACCEPT).send({ username: 'lifted_one', days: 30, reason: 'Heated' }).expect(200);
    expect((await convener.agent.post('/u/lifted_one/unsuspend').set('accept', JSON_ACCEPT)).status).toBe(403);
    expect((await admin.agent.post('/u/lifted_one/unsuspend').set('accept', JSON_ACCEPT)).body).toMatchObject({ lifted: true });
    await reply(member.agent, fiskeThreadId, 'Back in fiske');
    expect((await member.agent.post(`/t/${threadId}/replies`).set('accept', JSON_ACCEPT).send({ body: 'Still barred' })).status).toBe(403);
    expect((await member.agent.post('/n/kajak/unbar').set('accept', JSON_ACCEPT).send({ username: 'lifted_one' })).status).toBe(403);
    expect((await convener.agent.post('/n/kajak/unbar').set('accept', JSON_ACCEPT).send({ username: 'lifted_one' })).body).toMatchObject({ lifted: true });
    await reply(member.agent, threadId, 'Back in kajak');
    expect((await convener.agent.post('/n/kajak/unbar').set('accept', JSON_ACCEPT).send({ username: 'lifted_one' })).body).toMatchObject({ lifted: false });
    const actions = await ctx.db.selectFrom('moderation_log').select('action').where('action', 'in', ['unsuspend', 'unbar']).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['unbar', 'unsuspend']);
  });

  it('lets an ended suspension end', async () => {
    const member = await signUp(ctx, { username: 'ended_one' });
    const account = await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'ended_one').executeTakeFirstOrThrow();
    const adminId = (await ctx.db.selectFrom('accounts').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow()).id;
    await ctx.db
      .insertInto('suspensions')
      .values({ account_id: account.id, network_id: null, until: new Date(Date.now() - 1000), reason: 'Over', created_by_id: adminId })
      .execute();
    await reply(member.agent, threadId, 'Free again');
  });

  it('refuses bad values with 400 on the field, and whom it may not concern', async () => {
    await signUp(ctx, { username: 'target_one' });
    const suspend = (body: object) => admin.agent.post('/u/target_one/suspend').set('accept', JSON_ACCEPT).send(body);
    const cases: Array<[object, string]> = [
      [{ days: 0, reason: 'x' }, 'days'],
      [{ days: 3651, reason: 'x' }, 'days'],
      [{ days: 'many', reason: 'x' }, 'days'],
      [{ reason: 'x' }, 'days'],
      [{ days: 3, until: '2099-01-01', reason: 'x' }, 'until'],
      [{ until: '2001-01-01', reason: 'x' }, 'until'],
      [{ until: 'next tuesday', reason: 'x' }, 'until'],
      [{ until: '2030-02-30', reason: 'x' }, 'until'],
      [{ days: 3 }, 'reason'],
      [{ days: 3, reason: 'r'.repeat(501) }, 'reason'],
    ];
    for (const [body, field] of cases) {
      const response = await suspend(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.fields[field], JSON.stringify(body)).toBeTruthy();
    }
    expect((await admin.agent.post('/u/nobody_at_all/suspend').set('accept', JSON_ACCEPT).send({ days: 1, reason: 'x' })).status).toBe(404);
    const adminUsername = (await ctx.db.selectFrom('accounts').select('username').where('role', '=', 'admin').executeTakeFirstOrThrow()).username;
    expect((await admin.agent.post(`/u/${adminUsername}/suspend`).set('accept', JSON_ACCEPT).send({ days: 1, reason: 'x' })).body.fields.username).toBeTruthy();

    const bar = (body: object) => convener.agent.post('/n/kajak/bar').set('accept', JSON_ACCEPT).send(body);
    expect((await bar({ username: 'nobody_at_all', days: 1, reason: 'x' })).body.fields.username).toBeTruthy();
    expect((await bar({ username: 'bar_convener', days: 1, reason: 'x' })).body.fields.username).toBeTruthy();
    expect((await bar({ days: 1, reason: 'x' })).body.fields.username).toBeTruthy();
    expect(await ctx.db.selectFrom('suspensions').select('id').where('reason', '=', 'x').execute()).toEqual([]);
  });

  it('offers admins and conveners a form, and lists who is barred', async () => {
    expect((await admin.agent.get('/u/target_one/suspend').set('accept', HTML)).text).toContain('action="/u/target_one/suspend"');
    expect((await convener.agent.get('/u/target_one/suspend').set('accept', HTML)).status).toBe(403);
    const form = await convener.agent.get('/n/kajak/bar').set('accept', HTML);
    expect(form.status).toBe(200);
    expect(form.text).toContain('action="/n/kajak/bar"');
    expect(form.text).toContain('barred_one');
    const member = await signUp(ctx);
    expect((await member.agent.get('/n/kajak/bar').set('accept', HTML)).status).toBe(403);
    const done = await convener.agent.post('/n/kajak/bar').set('accept', HTML).type('form').send({ username: 'target_one', days: '2', reason: 'Rude' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/n/kajak/bar');
    const refused = await convener.agent.post('/n/kajak/bar').set('accept', HTML).type('form').send({ username: 'target_one', reason: 'Rude' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('value="target_one"');
  });

  const editJson = (member: Member, postId: number, change: { body: string; title?: string }) =>
    member.agent.post(`/p/${postId}/edit`).set('accept', JSON_ACCEPT).set('accept-language', 'en').send(change);
  const flagJson = (member: Member, postId: number) =>
    member.agent.post(`/p/${postId}/flag`).set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ reason: 'off-topic' });
  const bodyOf = async (postId: number) => (await ctx.db.selectFrom('posts').select('body').where('id', '=', postId).executeTakeFirstOrThrow()).body;
  const flagsBy = async (username: string) =>
    ctx.db.selectFrom('flags').innerJoin('accounts', 'accounts.id', 'flags.flagger_id').select('flags.id').where('accounts.username', '=', username).execute();

  it('keeps a suspended account from editing its posts and titles and from flagging, anywhere: 403 with the end date', async () => {
    const member = await signUp(ctx, { username: 'suspended_editor' });
    const own = await startThread(member.agent, 'kajak', { title: 'My kayak shop', body: 'Opening as written' });
    const ownReply = await reply(member.agent, fiskeThreadId, 'Reply as written');
    const suspended = await admin.agent.post('/u/suspended_editor/suspend').set('accept', JSON_ACCEPT).send({ days: 5, reason: 'Cooling off' }).expect(200);
    const until = written(suspended.body.until);

    for (const response of [
      await editJson(member, own.posts[0]!.id, { title: 'Buy my kayaks', body: 'Changed' }),
      await editJson(member, ownReply.id, { body: 'Changed' }),
      await flagJson(member, kayakOpeningId),
      await flagJson(member, fiskeOpeningId),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.message).toContain('suspended');
      expect(response.body.message).toContain(until);
    }
    expect(await bodyOf(own.posts[0]!.id)).toBe('Opening as written');
    expect(await bodyOf(ownReply.id)).toBe('Reply as written');
    expect((await ctx.db.selectFrom('threads').select('title').where('id', '=', own.id).executeTakeFirstOrThrow()).title).toBe('My kayak shop');
    expect(await ctx.db.selectFrom('post_revisions').select('id').where('post_id', 'in', [own.posts[0]!.id, ownReply.id]).execute()).toEqual([]);
    expect(await flagsBy('suspended_editor')).toEqual([]);

    // Browsers see the form again with the message, and the edit keeps its text.
    const editPage = await member.agent
      .post(`/p/${ownReply.id}/edit`)
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ body: 'My kept edit' });
    expect(editPage.status).toBe(403);
    expect(editPage.text).toContain(until);
    expect(editPage.text).toContain('My kept edit');
    const flagPage = await member.agent
      .post(`/p/${kayakOpeningId}/flag`)
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ reason: 'spam' });
    expect(flagPage.status).toBe(403);
    expect(flagPage.text).toContain(until);
  });

  it('keeps a barred account from editing and flagging in that network only, wherever its thread moves', async () => {
    const member = await signUp(ctx, { username: 'barred_editor' });
    const inFiske = await startThread(member.agent, 'fiske', { title: 'Nets for sale', body: 'Nets as written' });
    const inKajak = await reply(member.agent, threadId, 'Kayak reply as written');
    const barred = await convener.agent
      .post('/n/kajak/bar')
      .set('accept', JSON_ACCEPT)
      .send({ username: 'barred_editor', days: 3, reason: 'Selling' })
      .expect(200);
    const until = written(barred.body.until);

    for (const response of [await editJson(member, inKajak.id, { body: 'Changed' }), await flagJson(member, kayakOpeningId)]) {
      expect(response.status).toBe(403);
      expect(response.body.message).toContain('barred from posting in this network');
      expect(response.body.message).toContain(until);
    }
    expect(await bodyOf(inKajak.id)).toBe('Kayak reply as written');
    const editPage = await member.agent
      .post(`/p/${inKajak.id}/edit`)
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ body: 'My kept kayak edit' });
    expect(editPage.status).toBe(403);
    expect(editPage.text).toContain(until);
    expect(editPage.text).toContain('My kept kayak edit');

    expect((await editJson(member, inFiske.posts[0]!.id, { body: 'Nets, edited' })).status).toBe(200);
    expect((await flagJson(member, fiskeOpeningId)).status).toBe(201);

    // The bar follows the network a post is in now.
    await admin.agent.post(`/t/${inFiske.id}/move`).set('accept', JSON_ACCEPT).send({ network: 'kajak', note: 'About kayaks after all' }).expect(200);
    const afterMove = await editJson(member, inFiske.posts[0]!.id, { title: 'Kayak nets', body: 'Nets, edited again' });
    expect(afterMove.status).toBe(403);
    expect(afterMove.body.message).toContain('barred from posting in this network');
    expect(await bodyOf(inFiske.posts[0]!.id)).toBe('Nets, edited');
  });
});

describe('suspensions on another clock (TIME_ZONE)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ TIME_ZONE: 'America/New_York' });
  });
  afterAll(() => ctx.close());

  it('takes `until` as midnight on the forum\u2019s clocks, and writes the end on them', async () => {
    const admin = await signUp(ctx);
    await signUp(ctx, { username: 'far_west' });
    const year = new Date().getFullYear() + 2;
    const response = await admin.agent
      .post('/u/far_west/suspend')
      .set('accept', JSON_ACCEPT)
      .send({ until: `${year}-01-15`, reason: 'Cool off' });
    expect(response.status).toBe(200);
    // Midnight in New York in January is 05:00 UTC.
    expect(response.body.until).toBe(`${year}-01-15T05:00:00.000Z`);
  });
});
