import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import * as migration from '../../migrations/2026-12-02T1200_network_membership.js';

describe('network membership', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let anna: Member;
  let bo: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_m' });
    convener = await signUp(ctx, { username: 'convener_m', displayName: 'Cora Convener' });
    anna = await signUp(ctx, { username: 'anna_m', displayName: 'Anna Ek' });
    bo = await signUp(ctx, { username: 'bo_m', displayName: 'Bo Lind' });
    await createNetwork(admin.agent, { slug: 'unga', name: 'Unga företagare' });
    await createNetwork(admin.agent, { slug: 'alla', name: 'Alla i turismen' });
    await admin.agent.post('/n/unga/conveners').set('accept', JSON_ACCEPT).send({ username: convener.username }).expect(200);
  });
  afterAll(() => ctx.close());

  async function ids(username: string, slug: string) {
    const account = await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const network = await ctx.db.selectFrom('networks').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    return { accountId: account.id, networkId: network.id };
  }

  async function memberRows(slug: string) {
    const { networkId } = await ids(admin.username, slug);
    return ctx.db.selectFrom('network_members').select('account_id').where('network_id', '=', networkId).execute();
  }

  async function followOf(username: string, slug: string) {
    const { accountId, networkId } = await ids(username, slug);
    const row = await ctx.db.selectFrom('follows').select('level').where('account_id', '=', accountId).where('network_id', '=', networkId).executeTakeFirst();
    return row?.level ?? null;
  }

  it('makes an appointed convener a member, following the board at threads', async () => {
    expect((await memberRows('unga')).length).toBe(1);
    expect(await followOf(convener.username, 'unga')).toBe('threads');
  });

  it('joins a network: the member is counted, listed and follows the board at threads; joining again changes nothing', async () => {
    const joined = await anna.agent.post('/n/alla/join').set('accept', JSON_ACCEPT);
    expect(joined.status).toBe(200);
    expect(joined.body).toEqual({ network: 'alla', member: true, members: 1 });
    expect(await followOf(anna.username, 'alla')).toBe('threads');
    const again = await anna.agent.post('/n/alla/join').set('accept', JSON_ACCEPT);
    expect(again.body).toEqual({ network: 'alla', member: true, members: 1 });
    expect(await memberRows('alla')).toHaveLength(1);

    const page = await guest(ctx).get('/n/alla/members').set('accept', JSON_ACCEPT);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ network: { slug: 'alla', name: 'Alla i turismen' }, count: 1, member: null, next: null });
    expect(page.body.members).toEqual([
      expect.objectContaining({
        username: anna.username,
        displayName: 'Anna Ek',
        avatar: { initials: 'AE', colour: expect.any(String) },
        business: null,
        convener: false,
      }),
    ]);
  });

  it('answers a browser with the board and a notice, and shows the count and Join to those not in it', async () => {
    const before = await bo.agent.get('/n/alla').set('accept', HTML).set('accept-language', 'en');
    expect(before.text).toContain('action="/n/alla/join"');
    expect(before.text).toContain('1 member<');
    const joined = await bo.agent.post('/n/alla/join').set('accept', HTML).type('form').send({});
    expect(joined.status).toBe(303);
    expect(joined.headers.location).toBe('/n/alla');
    const after = await bo.agent.get('/n/alla').set('accept', HTML).set('accept-language', 'en');
    expect(after.text).toContain('Welcome to Alla i turismen!');
    expect(after.text).not.toContain('action="/n/alla/join"');
    expect(after.text).toContain('action="/n/alla/leave"');
    expect(after.text).toContain('2 members<');
  });

  it('keeps a follow the member chose before joining', async () => {
    await bo.agent.post('/n/unga/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' }).expect(200);
    await bo.agent.post('/n/unga/join').set('accept', JSON_ACCEPT).expect(200);
    expect(await followOf(bo.username, 'unga')).toBe('posts');
  });

  it('makes two joins at once one membership', async () => {
    const racer = await signUp(ctx);
    const answers = await Promise.all(Array.from({ length: 4 }, () => racer.agent.post('/n/alla/join').set('accept', JSON_ACCEPT)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const { accountId, networkId } = await ids(racer.username, 'alla');
    const rows = await ctx.db
      .selectFrom('network_members')
      .select('account_id')
      .where('network_id', '=', networkId)
      .where('account_id', '=', accountId)
      .execute();
    expect(rows).toHaveLength(1);
    await racer.agent.post('/n/alla/leave').set('accept', JSON_ACCEPT).expect(200);
  });

  it('leaves a network: the follow ends, the posts stay, and leaving again is a no-op', async () => {
    const thread = await startThread(anna.agent, 'alla', { title: 'Who runs the ferry in winter?' });
    const left = await anna.agent.post('/n/alla/leave').set('accept', JSON_ACCEPT);
    expect(left.status).toBe(200);
    expect(left.body).toEqual({ network: 'alla', member: false, members: 1 });
    expect(await followOf(anna.username, 'alla')).toBeNull();
    const kept = await guest(ctx).get(`/t/${thread.id}`).set('accept', JSON_ACCEPT);
    expect(kept.status).toBe(200);
    expect(JSON.stringify(kept.body)).toContain('Anna Ek');
    const again = await anna.agent.post('/n/alla/leave').set('accept', JSON_ACCEPT);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ network: 'alla', member: false, members: 1 });
    const members = await guest(ctx).get('/n/alla/members').set('accept', JSON_ACCEPT);
    expect(members.body.members.map((m: { username: string }) => m.username)).toEqual([bo.username]);
  });

  it('refuses guests (401), unknown networks (404), and a convener leaving (409, saying to step down first)', async () => {
    expect((await guest(ctx).post('/n/alla/join').set('accept', JSON_ACCEPT)).status).toBe(401);
    expect((await anna.agent.post('/n/nowhere/join').set('accept', JSON_ACCEPT)).status).toBe(404);
    await convener.agent.post('/n/unga/join').set('accept', JSON_ACCEPT).expect(200);
    const leaving = await convener.agent.post('/n/unga/leave').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(leaving.status).toBe(409);
    expect(leaving.body.message).toContain('remove you as convener first');
    expect(await memberRows('unga')).toHaveLength(2);
    const board = await convener.agent.get('/n/unga').set('accept', HTML);
    expect(board.text).not.toContain('action="/n/unga/leave"');
  });

  describe('a members-only network', () => {
    beforeAll(async () => {
      const saved = await admin.agent
        .post('/n/unga/edit')
        .set('accept', JSON_ACCEPT)
        .send({ name: 'Unga företagare', description: 'För unga.', posting: 'members', audience: 'entrepreneurs up to 30' });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ posting: 'members', audience: 'entrepreneurs up to 30' });
    });

    it('refuses a non-member starting a thread or replying with 403 and a message saying whom it is for', async () => {
      const thread = await startThread(convener.agent, 'unga', { title: 'Pitch night in March' });
      const refused = await anna.agent
        .post('/n/unga/threads')
        .set('accept', JSON_ACCEPT)
        .set('accept-language', 'en')
        .send({ title: 'Hello there', body: 'Can I post?' });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe('Only members of Unga företagare post here. It is for entrepreneurs up to 30: join first, on its board.');
      const replying = await anna.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ body: 'Count me in' });
      expect(replying.status).toBe(403);
      expect(replying.body.message).toContain('Only members of Unga företagare post here.');
      const { networkId } = await ids(admin.username, 'unga');
      const threads = await ctx.db.selectFrom('threads').select('id').where('network_id', '=', networkId).execute();
      expect(threads).toHaveLength(1);
    });

    it('shows a browser the refusal on the form page, and the board tells non-members to join, naming whom it is for', async () => {
      const refused = await anna.agent
        .post('/n/unga/threads')
        .set('accept', HTML)
        .set('accept-language', 'en')
        .type('form')
        .send({ title: 'Hello there', body: 'Can I post?' });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('Only members of Unga företagare post here.');
      const board = await anna.agent.get('/n/unga').set('accept', HTML).set('accept-language', 'en');
      expect(board.text).toContain('Only members start threads and reply here.');
      expect(board.text).not.toContain('action="/n/unga/threads"');
      expect(board.text).toMatch(/Join <span class="join-audience">for entrepreneurs up to 30<\/span>/);
    });

    it('offers a non-member no reply form or Reply link on a thread, and a member both', async () => {
      const thread = await startThread(convener.agent, 'unga', { title: 'Who comes to the harbour fair?' });
      const replyForm = `action="/t/${thread.id}/replies"`;
      const asNonMember = await anna.agent.get(`/t/${thread.id}`).set('accept', HTML);
      expect(asNonMember.status).toBe(200);
      expect(asNonMember.text).toContain('Who comes to the harbour fair?');
      expect(asNonMember.text).not.toContain(replyForm);
      expect(asNonMember.text).not.toContain(`/t/${thread.id}/reply?to=`);
      const asConvener = await convener.agent.get(`/t/${thread.id}`).set('accept', HTML);
      expect(asConvener.text).toContain(replyForm);
      expect(asConvener.text).toContain(`/t/${thread.id}/reply?to=`);
    });

    it('lets a member post once joined, and its conveners and admins without joining', async () => {
      await anna.agent.post('/n/unga/join').set('accept', JSON_ACCEPT).expect(200);
      const board = await anna.agent.get('/n/unga').set('accept', HTML);
      expect(board.text).toContain('action="/n/unga/threads"');
      const thread = await startThread(anna.agent, 'unga', { title: 'First pitch from Anna' });
      await reply(admin.agent, thread.id, 'Welcome, Anna');
      await convener.agent.post('/n/unga/leave').set('accept', JSON_ACCEPT).expect(409);
      await reply(convener.agent, thread.id, 'Good to have you');
    });

    it('keeps a former member’s posts and lets them edit them, but not post anew', async () => {
      const thread = await startThread(bo.agent, 'unga', { title: 'Bo asks about grants' });
      await bo.agent.post('/n/unga/leave').set('accept', JSON_ACCEPT).expect(200);
      const edited = await bo.agent.post(`/p/${thread.posts[0]!.id}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Edited after leaving' });
      expect(edited.status).toBe(200);
      expect((await bo.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'One more' })).status).toBe(403);
    });
  });

  it('lists a member’s networks on their profile', async () => {
    const person = await guest(ctx).get(`/u/${anna.username}`).set('accept', JSON_ACCEPT);
    expect(person.body.memberOf).toEqual([{ slug: 'unga', name: 'Unga företagare' }]);
    const page = await guest(ctx).get(`/u/${anna.username}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('<dt>Member of</dt><dd><a href="/n/unga">Unga företagare</a></dd>');
  });

  it('drops a guest’s cached board when someone joins: the count is current', async () => {
    const first = await guest(ctx).get('/n/alla').set('accept', HTML).set('accept-language', 'en');
    expect(first.text).toContain('1 member<');
    const late = await signUp(ctx);
    await late.agent.post('/n/alla/join').set('accept', JSON_ACCEPT).expect(200);
    const second = await guest(ctx).get('/n/alla').set('accept', HTML).set('accept-language', 'en');
    expect(second.text).toContain('2 members<');
  });

  it('pages the members 50 at a time, newest first, marking conveners and naming businesses; deleted accounts are nobody’s members', async () => {
    await createNetwork(admin.agent, { slug: 'stor', name: 'Stor' });
    const { networkId } = await ids(admin.username, 'stor');
    const accounts = await ctx.db
      .insertInto('accounts')
      .values(
        Array.from({ length: 56 }, (_, i) => ({
          username: `joiner_${i}`,
          username_key: `joiner_${i}`,
          display_name: `Joiner ${i}`,
          email: i === 55 ? null : `joiner_${i}@example.test`,
          password_hash: 'not-a-real-hash',
          deleted_at: i === 55 ? new Date() : null,
        })),
      )
      .returning('id')
      .execute();
    // Two members share a joining instant to the microsecond: the account id orders them.
    const base = Date.parse('2026-11-01T10:00:00.000Z');
    await ctx.db
      .insertInto('network_members')
      .values(accounts.map(({ id }, i) => ({ network_id: networkId, account_id: id, joined_at: new Date(base + (i === 1 ? 0 : i) * 60_000) })))
      .execute();
    const business = await ctx.db.insertInto('businesses').values({ slug: 'kajakboden', name: 'Kajakboden' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('business_staff').values({ business_id: business.id, account_id: accounts[54]!.id, role: 'Owner', is_admin: true }).execute();

    const first = await guest(ctx).get('/n/stor/members').set('accept', JSON_ACCEPT);
    expect(first.body.count).toBe(55);
    expect(first.body.members).toHaveLength(50);
    expect(first.body.members[0]).toMatchObject({ username: 'joiner_54', business: { slug: 'kajakboden', name: 'Kajakboden' } });
    expect(first.body.next).toEqual(expect.any(String));
    const second = await guest(ctx).get(`/n/stor/members?before=${first.body.next}`).set('accept', JSON_ACCEPT);
    expect(second.body.next).toBeNull();
    const names = [...first.body.members, ...second.body.members].map((m: { username: string }) => m.username);
    expect(names).toHaveLength(55);
    expect(new Set(names).size).toBe(55);
    expect(names.slice(-3)).toEqual(['joiner_2', 'joiner_1', 'joiner_0']);
    expect(names).not.toContain('joiner_55');

    const html = await guest(ctx).get('/n/stor/members').set('accept', HTML).set('accept-language', 'en');
    expect(html.text).toContain('<h1>Members of Stor</h1>');
    expect(html.text).toContain('href="/b/kajakboden"');
    expect(html.text).toContain('rel="next"');
    const unga = await guest(ctx).get('/n/unga/members').set('accept', JSON_ACCEPT);
    expect(unga.body.members.find((m: { username: string }) => m.username === convener.username)).toMatchObject({ convener: true });
    expect((await guest(ctx).get('/n/stor/members?before=1.99999999999').set('accept', JSON_ACCEPT)).status).toBe(400);
    expect((await guest(ctx).get('/n/stor/members?before=nonsense').set('accept', JSON_ACCEPT)).status).toBe(400);
  });

  it('counts the network’s members for the community-hiding threshold: 55 members give ceil(1.65) = 2, 120 give ceil(3.6) = 4', async () => {
    const small = await admin.agent.get('/n/stor/review').set('accept', JSON_ACCEPT);
    expect(small.body.threshold).toEqual({ value: 2, set: false });
    const { networkId } = await ids(admin.username, 'stor');
    const more = await ctx.db
      .insertInto('accounts')
      .values(
        Array.from({ length: 65 }, (_, i) => ({
          username: `more_${i}`,
          username_key: `more_${i}`,
          display_name: `More ${i}`,
          email: `more_${i}@example.test`,
          password_hash: 'not-a-real-hash',
        })),
      )
      .returning('id')
      .execute();
    await ctx.db
      .insertInto('network_members')
      .values(more.map(({ id }) => ({ network_id: networkId, account_id: id })))
      .execute();
    const large = await admin.agent.get('/n/stor/review').set('accept', JSON_ACCEPT);
    expect(large.body.threshold).toEqual({ value: 4, set: false });
  });

  it('made the members of the networks that existed from those who followed, convened or posted there (the migration, run again)', async () => {
    await createNetwork(admin.agent, { slug: 'gammal', name: 'Gammal' });
    const follower = await signUp(ctx);
    const poster = await signUp(ctx);
    const bystander = await signUp(ctx);
    await follower.agent.post('/n/gammal/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' }).expect(200);
    await startThread(poster.agent, 'gammal');
    await admin.agent.post('/n/gammal/conveners').set('accept', JSON_ACCEPT).send({ username: bystander.username }).expect(200);
    const gone = await signUp(ctx);
    await startThread(gone.agent, 'gammal');
    await gone.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: gone.password }).expect(200);
    await migration.down(ctx.db);
    await migration.up(ctx.db);
    const { networkId } = await ids(admin.username, 'gammal');
    const rows = await ctx.db
      .selectFrom('network_members')
      .innerJoin('accounts', 'accounts.id', 'network_members.account_id')
      .select('accounts.username')
      .where('network_members.network_id', '=', networkId)
      .orderBy('accounts.username')
      .execute();
    expect(rows.map((row) => row.username)).toEqual([follower.username, poster.username, bystander.username].sort());
    const network = await ctx.db.selectFrom('networks').select(['posting', 'audience']).where('id', '=', networkId).executeTakeFirstOrThrow();
    expect(network).toEqual({ posting: 'anyone', audience: '' });
  });
});
