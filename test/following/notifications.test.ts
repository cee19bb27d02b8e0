import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

interface Group {
  id: number;
  ids: number[];
  kind: string;
  count: number;
  unread: boolean;
  text: string;
  href: string;
  thread: { id: number; title: string | null };
  post: { id: number; excerpt: string | null } | null;
  actor: { username: string } | null;
  reason: { text: string | null; note: string | null } | null;
}

describe('following boards and watching threads', () => {
  let ctx: TestContext;
  let admin: Member;
  let anna: Member;
  let bo: Member;
  let cia: Member;
  let dan: Member;

  async function notifications(member: Member, query = ''): Promise<{ unread: number; notifications: Group[]; nextCursor: number | null }> {
    await ctx.app.notifications.runWorker();
    const response = await member.agent.get(`/notifications${query}`).set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(response.status).toBe(200);
    return response.body;
  }

  async function rows(member: Member) {
    await ctx.app.notifications.runWorker();
    return ctx.db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select([
        'notifications.id',
        'notifications.kind',
        'notifications.post_id',
        'notifications.thread_id',
        'notifications.read_at',
        'notifications.withdrawn_at',
      ])
      .where('accounts.username', '=', member.username)
      .orderBy('notifications.id')
      .execute();
  }

  async function clear() {
    await ctx.app.notifications.runWorker();
    await ctx.db.deleteFrom('notifications').execute();
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_f' });
    anna = await signUp(ctx, { username: 'anna_f', displayName: 'Anna Kajak' });
    bo = await signUp(ctx, { username: 'bo_f', displayName: 'Bo Fiske' });
    cia = await signUp(ctx, { username: 'cia_f', displayName: 'Cia' });
    dan = await signUp(ctx, { username: 'dan_f', displayName: 'Dan' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
  });
  afterAll(() => ctx.close());

  it('follows a board at a level, shows the state and the follower count, and unfollows', async () => {
    const followed = await anna.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({});
    expect(followed.status).toBe(200);
    expect(followed.body).toEqual({ network: 'kajak', following: 'threads', followers: 1 });
    const posts = await bo.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' });
    expect(posts.body).toEqual({ network: 'kajak', following: 'posts', followers: 2 });
    expect((await bo.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({ level: 'everything' })).status).toBe(400);

    const page = await anna.agent.get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('2 followers');
    expect(page.text).toContain('Following new threads');
    expect(page.text).toContain('action="/n/kajak/unfollow"');
    const forGuest = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(forGuest.text).not.toContain('action="/n/kajak/follow"');

    const gone = await cia.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({});
    expect(gone.body.followers).toBe(3);
    expect((await cia.agent.post('/n/kajak/unfollow').set('accept', JSON_ACCEPT)).body).toEqual({ network: 'kajak', following: null, followers: 2 });
    // A browser's form post comes back to the board.
    const browser = await cia.agent.post('/n/kajak/follow').type('form').send({ level: 'threads' });
    expect(browser.status).toBe(303);
    expect(browser.headers.location).toBe('/n/kajak');
    await cia.agent.post('/n/kajak/unfollow').type('form').expect(303);
    expect((await guest(ctx).post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({})).status).toBe(401);
    expect((await anna.agent.post('/n/nowhere/follow').set('accept', JSON_ACCEPT).send({})).status).toBe(404);
  });

  it('tells followers at "threads" of new threads only, at "posts" of every post, and never the actor', async () => {
    await clear();
    // anna: threads, bo: posts (from the test above). cia follows nothing, and starts a thread.
    const thread = await startThread(cia.agent, 'kajak', { title: 'Season opening' });
    expect((await rows(anna)).map((n) => n.kind)).toEqual(['thread']);
    expect((await rows(bo)).map((n) => n.kind)).toEqual(['thread']);
    expect(await rows(cia)).toEqual([]);

    await reply(dan.agent, thread.id, 'Count me in');
    // anna follows at "threads": no reply notification. bo at "posts": one. cia started it: watches it.
    expect((await rows(anna)).map((n) => n.kind)).toEqual(['thread']);
    expect((await rows(bo)).map((n) => n.kind)).toEqual(['thread', 'post']);
    expect((await rows(cia)).map((n) => n.kind)).toEqual(['reply']);
    expect(await rows(dan)).toEqual([]);

    // bo's own post tells bo nothing, and a thread on a board nobody follows tells nobody.
    await reply(bo.agent, thread.id, 'Me too');
    expect((await rows(bo)).map((n) => n.kind)).toEqual(['thread', 'post']);
    await startThread(dan.agent, 'fiske');
    expect((await rows(anna)).length).toBe(1);
  });

  it('lets one reply make one notification per person, the strongest reason winning', async () => {
    await clear();
    const thread = await startThread(anna.agent, 'fiske', { title: 'Pike' });
    await reply(bo.agent, thread.id, 'First');
    // anna started it (watches), and bo's reply answers her opening post: a reply, not also "watched".
    expect((await rows(anna)).map((n) => n.kind)).toEqual(['reply']);
    // bo replied, so bo watches too: a reply to anna's opening post by cia reaches bo as "watched".
    await reply(cia.agent, thread.id, 'Second');
    expect((await rows(bo)).map((n) => n.kind)).toEqual(['watched']);
    expect((await rows(anna)).map((n) => n.kind)).toEqual(['reply', 'reply']);
    const watches = await ctx.db
      .selectFrom('thread_watches')
      .innerJoin('accounts', 'accounts.id', 'thread_watches.account_id')
      .select(['accounts.username', 'thread_watches.state'])
      .where('thread_id', '=', thread.id)
      .orderBy('accounts.username')
      .execute();
    expect(watches).toEqual([
      { username: 'anna_f', state: 'watching' },
      { username: 'bo_f', state: 'watching' },
      { username: 'cia_f', state: 'watching' },
    ]);
  });

  it('watches, unwatches and mutes threads; a muted thread never notifies, even of replies to you', async () => {
    await clear();
    const thread = await startThread(anna.agent, 'fiske', { title: 'Perch' });
    const watched = await dan.agent.post(`/t/${thread.id}/watch`).set('accept', JSON_ACCEPT);
    expect(watched.body).toEqual({ thread: thread.id, watch: 'watching' });
    await reply(bo.agent, thread.id, 'Dan sees this');
    expect((await rows(dan)).map((n) => n.kind)).toEqual(['watched']);
    expect((await dan.agent.post(`/t/${thread.id}/unwatch`).set('accept', JSON_ACCEPT)).body.watch).toBeNull();
    await reply(bo.agent, thread.id, 'Dan does not');
    expect((await rows(dan)).length).toBe(1);

    expect((await rows(anna)).map((n) => n.kind)).toEqual(['reply', 'reply']);
    await clear();
    expect((await anna.agent.post(`/t/${thread.id}/mute`).set('accept', JSON_ACCEPT)).body.watch).toBe('muted');
    const answer = await reply(cia.agent, thread.id, `@anna_f answer to you`);
    await reply(cia.agent, thread.id, 'Directly to the opening post');
    expect(await rows(anna)).toEqual([]);
    // Replying in a muted thread does not unmute it.
    await reply(anna.agent, thread.id, 'Still muted', answer.id);
    await reply(bo.agent, thread.id, 'And again');
    expect(await rows(anna)).toEqual([]);
    const page = await anna.agent.get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Muted');
    expect(page.text).toContain(`action="/t/${thread.id}/watch"`);
    expect((await guest(ctx).post(`/t/${thread.id}/watch`).set('accept', JSON_ACCEPT)).status).toBe(401);
    expect((await dan.agent.post('/t/999999/watch').set('accept', JSON_ACCEPT)).status).toBe(404);
  });

  it('groups replies in a thread, newest first, pages, marks read by ids or all, and counts unread in the header', async () => {
    await clear();
    const thread = await startThread(cia.agent, 'fiske', { title: 'Ice fishing' });
    await dan.agent.post(`/t/${thread.id}/watch`).set('accept', JSON_ACCEPT).expect(200);
    for (const body of ['one', 'two', 'three']) await reply(bo.agent, thread.id, `Reply ${body}`);
    const other = await startThread(cia.agent, 'fiske', { title: 'Nets' });
    await dan.agent.post(`/t/${other.id}/watch`).set('accept', JSON_ACCEPT).expect(200);
    await reply(bo.agent, other.id, 'Net reply');

    const list = await notifications(dan);
    expect(list.unread).toBe(4);
    expect(list.notifications.map((g) => [g.count, g.text])).toEqual([
      [1, 'Bo Fiske replied in “Nets”'],
      [3, '3 new replies in “Ice fishing”'],
    ]);
    expect(list.notifications[1]!.ids).toHaveLength(3);

    const html = await dan.agent.get('/notifications').set('accept', HTML).set('accept-language', 'en');
    expect(html.text).toContain('3 new replies in <em>Ice fishing</em>');
    expect(html.text).toMatch(/data-unread-count[^>]*>4</);
    // Every page's header, not only this one.
    expect((await dan.agent.get('/').set('accept', HTML)).text).toMatch(/data-unread-count[^>]*>4</);

    const marked = await dan.agent.post('/notifications/read').set('accept', JSON_ACCEPT).send({ ids: list.notifications[0]!.ids });
    expect(marked.body).toEqual({ unread: 3 });
    // Someone else's ids are not theirs to mark.
    await bo.agent.post('/notifications/read').set('accept', JSON_ACCEPT).send({ ids: list.notifications[1]!.ids }).expect(200);
    expect((await notifications(dan)).unread).toBe(3);
    const all = await dan.agent.post('/notifications/read').type('form').send({});
    expect(all.status).toBe(303);
    const after = await notifications(dan);
    expect(after.unread).toBe(0);
    expect(after.notifications.every((g) => !g.unread)).toBe(true);
    expect((await dan.agent.get('/').set('accept', HTML)).text).toMatch(/data-unread-count[^>]*hidden/);

    // Paging: more groups than fit on a page.
    await clear();
    for (let i = 0; i < 22; i += 1) {
      const t = await startThread(cia.agent, 'fiske', { title: `Paged thread ${i}` });
      await reply(bo.agent, t.id, `for the thread starter ${i}`);
    }
    const first = await notifications(cia);
    expect(first.notifications).toHaveLength(20);
    expect(first.nextCursor).toBe(first.notifications[19]!.id);
    const second = await notifications(cia, `?before=${first.nextCursor}`);
    expect(second.notifications).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(second.notifications.at(-1)!.text).toBe('Bo Fiske replied to your post in “Paged thread 0”');
  });

  it('opening a notification marks its line read and leads to the first new post', async () => {
    await clear();
    const thread = await startThread(anna.agent, 'fiske', { title: 'Open me' });
    const first = await reply(bo.agent, thread.id, 'first');
    await reply(cia.agent, thread.id, 'second');
    const list = await notifications(anna);
    expect(list.notifications).toHaveLength(1);
    expect(list.notifications[0]!.count).toBe(2);
    const opened = await anna.agent.get(list.notifications[0]!.href).set('accept', HTML);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe(`/p/${first.id}`);
    expect((await notifications(anna)).unread).toBe(0);
    // Not someone else's.
    expect((await bo.agent.get(list.notifications[0]!.href).set('accept', HTML)).status).toBe(404);
  });

  it('tells an author their post was hidden, with the reason, and withdraws what others may no longer read', async () => {
    await clear();
    const thread = await startThread(cia.agent, 'fiske', { title: 'Boats' });
    await dan.agent.post(`/t/${thread.id}/watch`).set('accept', JSON_ACCEPT).expect(200);
    const post = await reply(bo.agent, thread.id, 'Cheap sofa SECRETMARK');
    expect((await notifications(dan)).unread).toBe(1);

    await admin.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic', note: 'Try the market board' }).expect(200);
    const forDan = await notifications(dan);
    expect(forDan.unread).toBe(0);
    expect(JSON.stringify(forDan)).not.toContain('SECRETMARK');
    expect((await rows(dan))[0]!.withdrawn_at).not.toBeNull();
    const html = await dan.agent.get('/notifications').set('accept', HTML);
    expect(html.text).not.toContain('SECRETMARK');

    const forBo = await notifications(bo);
    const hidden = forBo.notifications.find((g) => g.kind === 'hidden')!;
    expect(hidden.text).toBe('Your post in “Boats” was hidden');
    expect(hidden.reason).toEqual({ text: 'Reason: off-topic', note: 'Note from the convener: Try the market board' });
    // The admin acted: no notification about their own action.
    expect((await rows(admin)).filter((n) => n.kind === 'hidden')).toEqual([]);

    await admin.agent.post(`/p/${post.id}/unhide`).set('accept', JSON_ACCEPT).expect(200);
    expect((await notifications(dan)).unread).toBe(1);
  });

  it('tells an author their thread was moved, and where, with the convener\u2019s note', async () => {
    await clear();
    const thread = await startThread(cia.agent, 'fiske', { title: 'Kayak question on the fishing board' });
    const moved = await admin.agent.post(`/t/${thread.id}/move`).set('accept', JSON_ACCEPT).send({ network: 'kajak', note: 'Better answered here' });
    expect(moved.status).toBe(200);
    const list = await notifications(cia);
    expect(list.notifications).toHaveLength(1);
    expect(list.notifications[0]).toMatchObject({
      kind: 'moved',
      text: 'Your thread “Kayak question on the fishing board” was moved to Kajak',
      reason: { text: null, note: 'Note from the convener: Better answered here' },
    });
    expect((await rows(admin)).filter((n) => n.kind === 'moved')).toEqual([]);
    const opened = await cia.agent.get(list.notifications[0]!.href).set('accept', HTML);
    expect(opened.headers.location).toBe(`/t/${thread.id}`);
  });

  it('lists the latest threads of followed boards on /following, with unread markers', async () => {
    await clear();
    const fresh = await signUp(ctx, { username: 'eva_f' });
    const empty = await fresh.agent.get('/following').set('accept', JSON_ACCEPT);
    expect(empty.body).toEqual({ networks: [], threads: [], nextCursor: null });
    await fresh.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    const older = await startThread(bo.agent, 'kajak', { title: 'Older kayak thread' });
    const newer = await startThread(cia.agent, 'kajak', { title: 'Newer kayak thread' });
    await startThread(cia.agent, 'fiske', { title: 'Not followed' });
    await ctx.app.notifications.runWorker();
    const page = await fresh.agent.get('/following').set('accept', JSON_ACCEPT);
    expect(page.body.networks).toEqual([{ slug: 'kajak', name: 'Kajak', level: 'threads' }]);
    expect(page.body.threads.slice(0, 2).map((t: { id: number; unread: boolean }) => [t.id, t.unread])).toEqual([
      [newer.id, true],
      [older.id, true],
    ]);
    expect(page.body.threads.some((t: { title: string }) => t.title === 'Not followed')).toBe(false);
    const list = await notifications(fresh);
    await fresh.agent
      .post('/notifications/read')
      .set('accept', JSON_ACCEPT)
      .send({ ids: list.notifications[0]!.ids.slice(0, 1) })
      .expect(200);
    const after = await fresh.agent.get('/following').set('accept', JSON_ACCEPT);
    expect(after.body.threads[0]).toMatchObject({ id: newer.id, unread: false });
    const html = await fresh.agent.get('/following').set('accept', HTML).set('accept-language', 'en');
    expect(html.text).toContain('Older kayak thread');
    expect(html.text).toContain('data-unread');
    expect((await guest(ctx).get('/following').set('accept', HTML)).status).toBe(303);
  });

  it('speaks the reader\u2019s language', async () => {
    await clear();
    await ctx.db.updateTable('accounts').set({ locale: 'sv' }).where('username', '=', anna.username).execute();
    const thread = await startThread(anna.agent, 'kajak', { title: 'Svensk tråd' });
    await reply(bo.agent, thread.id, 'Hej');
    await ctx.app.notifications.runWorker();
    const response = await anna.agent.get('/notifications').set('accept', JSON_ACCEPT);
    expect(response.body.notifications[0].text).toBe('Bo Fiske svarade på ditt inlägg i “Svensk tråd”');
  });
});
