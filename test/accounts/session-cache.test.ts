// Issue 19: a member's session is validated from this instance's cache, with no query, yet signing out,
// a password change, and changes to what the viewer holds apply on the very next request.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccountCache } from '../../src/core/account-cache.js';
import type { EventName } from '../../src/core/events.js';
import type { WriteWatermark } from '../../src/core/write-watermark.js';
import { HTML, JSON_ACCEPT, guest, sessionToken, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilEventsSeen } from '../helpers/events.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { sessionCookie } from '../helpers/live.js';

const DAY = 24 * 60 * 60 * 1000;

describe('the session cache', () => {
  let ctx: TestContext;
  let admin: Member;
  const queries: string[] = [];
  let counting = false;
  beforeAll(async () => {
    // The event bus reads the events table in the background on its own schedule; not the request's cost.
    ctx = await createTestContext({}, (sql) => counting && !/from "events"/.test(sql) && queries.push(sql));
    admin = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'kajak' });
  });
  afterAll(() => ctx.close());

  async function queriesOf(request: () => PromiseLike<unknown>): Promise<string[]> {
    await ctx.app.notifications.runWorker();
    await untilEventsSeen(ctx);
    queries.length = 0;
    counting = true;
    await request();
    counting = false;
    return [...queries];
  }
  const sessionQueries = (sqls: string[]) => sqls.filter((sql) => /from "sessions"/.test(sql));
  const unreadQueries = (sqls: string[]) => sqls.filter((sql) => /from "business_invitations"/.test(sql));
  const me = (cookie: string) => guest(ctx).get('/me').set('accept', JSON_ACCEPT).set('cookie', cookie);
  const signIn = async (member: Member) =>
    `session=${sessionToken(await guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login: member.username, password: member.password }).expect(200))}`;

  it("runs no session query and no unread-count query for a member's second page", async () => {
    const member = await signUp(ctx);
    const first = await queriesOf(() => member.agent.get('/n/kajak').set('accept', HTML).expect(200));
    expect(sessionQueries(first)).toHaveLength(1);
    expect(unreadQueries(first)).toHaveLength(1);
    const second = await queriesOf(() => member.agent.get('/n/kajak').set('accept', HTML).expect(200));
    expect(sessionQueries(second)).toEqual([]);
    expect(unreadQueries(second)).toEqual([]);
    // Nothing else was added in their place (what every viewer shares may be in memory too by now).
    expect(second.length).toBeLessThanOrEqual(first.length - 2);
  });

  it("keeps a member's session cached right after their reply, before this instance has dispatched its event", async () => {
    const member = await signUp(ctx);
    const thread = await startThread(admin.agent, 'kajak');
    const cookie = sessionCookie(member.agent);
    await me(cookie).expect(200);
    await untilEventsSeen(ctx);
    await reply(member.agent, thread.id, 'Vi hyr ut kajaker i sommar.');
    const replied = await ctx.db.selectFrom('events').select('id').where('name', '=', 'post.created').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    // As if the reply's event were still on its way here: everything before it dispatched, it not.
    const cursor = vi.spyOn(ctx.app.events, 'cursor', 'get').mockReturnValue(replied.id - 1);
    try {
      expect(ctx.app.writeWatermark.behind()).toBe(true);
      queries.length = 0;
      counting = true;
      await me(cookie).expect(200);
      counting = false;
      expect(sessionQueries(queries)).toEqual([]);
    } finally {
      counting = false;
      cursor.mockRestore();
    }
  });

  it('refuses the old cookie on the request right after signing out', async () => {
    const member = await signUp(ctx);
    const cookie = sessionCookie(member.agent);
    await me(cookie).expect(200);
    expect(sessionQueries(await queriesOf(() => me(cookie).expect(200)))).toEqual([]);
    await member.agent.post('/logout').set('accept', JSON_ACCEPT).expect(200);
    await me(cookie).expect(401);
    await untilEventsSeen(ctx);
    await me(cookie).expect(401);
  });

  /**
   * Two other sessions of the member, both cached: one asks right after the change (this instance is
   * behind its write), the other once the change's events were dispatched (dropped by them).
   */
  async function afterChange(member: Member, change: () => PromiseLike<unknown>, read: (cookie: string) => PromiseLike<unknown>, expected: unknown) {
    const [atOnce, later] = [await signIn(member), await signIn(member)];
    for (const cookie of [atOnce, later]) await me(cookie).expect(200);
    await untilEventsSeen(ctx);
    expect(sessionQueries(await queriesOf(() => me(later).expect(200)))).toEqual([]);
    await change();
    expect(await read(atOnce)).toEqual(expected);
    await untilEventsSeen(ctx);
    expect(await read(later)).toEqual(expected);
  }

  it('ends the other sessions at once when the password changes', async () => {
    const member = await signUp(ctx);
    const status = async (cookie: string) => (await me(cookie)).status;
    const change = () =>
      member.agent.post('/me/password').set('accept', JSON_ACCEPT).send({ currentPassword: member.password, newPassword: 'a brand new secret' }).expect(200);
    await afterChange(member, change, status, 401);
    await member.agent.get('/me').set('accept', JSON_ACCEPT).expect(200);
  });

  it('shows a new display name, language and convened network on the very next request', async () => {
    const member = await signUp(ctx);
    const field = (name: string) => async (cookie: string) => (await me(cookie).expect(200)).body[name];
    await afterChange(
      member,
      () => member.agent.post('/me/name').set('accept', JSON_ACCEPT).send({ displayName: 'Nytt Namn' }).expect(200),
      field('displayName'),
      'Nytt Namn',
    );
    await afterChange(member, () => member.agent.post('/language').set('accept', JSON_ACCEPT).send({ locale: 'da' }).expect(200), field('locale'), 'da');

    // A convener may open the network's review queue; a member may not.
    const review = async (cookie: string) => (await guest(ctx).get('/n/kajak/review').set('accept', JSON_ACCEPT).set('cookie', cookie)).status;
    await afterChange(
      member,
      () => admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: member.username }).expect(200),
      review,
      200,
    );
    await afterChange(member, () => admin.agent.post(`/n/kajak/conveners/${member.username}/remove`).set('accept', JSON_ACCEPT).expect(200), review, 403);
  });

  it('ends every session of a deleted account', async () => {
    const member = await signUp(ctx);
    const status = async (cookie: string) => (await me(cookie)).status;
    await afterChange(member, () => member.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: member.password }).expect(200), status, 401);
  });

  it('never serves a session from the cache once its renewal is due, nor once it expired', async () => {
    const member = await signUp(ctx);
    const token = sessionCookie(member.agent).slice('session='.length);
    await me(`session=${token}`).expect(200);
    const cache = ctx.app.sessionCache;
    expect(cache.lookUp(token)).toBeDefined();
    expect(cache.lookUp(token, Date.now() + DAY + 60_000)).toBeUndefined();
    expect(cache.lookUp(token, Date.now() + 31 * DAY)).toBeUndefined();
    // A forged secret for a cached session's id.
    expect(cache.lookUp(`${token.split('.')[0]}.${'a'.repeat(32)}`)).toBeUndefined();
  });

  it('renews a session due for renewal, then serves it from the cache', async () => {
    const member = await signUp(ctx);
    const token = sessionCookie(member.agent).slice('session='.length);
    await untilEventsSeen(ctx);
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() + 10 * DAY) })
      .where('id', '=', token.split('.')[0]!)
      .execute();
    const renewed = await me(`session=${token}`).expect(200);
    expect(String(renewed.headers['set-cookie'])).toContain('session=');
    const row = await ctx.db.selectFrom('sessions').select('expires_at').where('id', '=', token.split('.')[0]!).executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    const again = await queriesOf(() => me(`session=${token}`).expect(200));
    expect(sessionQueries(again)).toEqual([]);
  });
});

describe('an account cache', () => {
  const caughtUp: WriteWatermark = { behind: () => false, behindOn: () => false };
  const droppedBy = ['sessions.ended'] as const;

  it('never holds more than its bound, and its account index never outgrows it', () => {
    const cache = new AccountCache<string, { accountId: number }>((_key, value) => value.accountId, { max: 50, ttlMs: 30_000, watermark: caughtUp, droppedBy });
    for (let i = 0; i < 1_000; i += 1) cache.set(`s${i}`, { accountId: i % 70 }, cache.generation);
    expect(cache.size).toBe(50);
    expect(cache.indexedAccounts).toBeLessThanOrEqual(50);
    cache.dropAccounts([...Array(70).keys()]);
    expect(cache.size).toBe(0);
    expect(cache.indexedAccounts).toBe(0);
  });

  it('does not store what was read before a drop', () => {
    const cache = new AccountCache<number, number>((accountId) => accountId, { max: 10, ttlMs: 30_000, watermark: caughtUp, droppedBy });
    const generation = cache.generation;
    cache.dropAccounts([1]);
    cache.set(1, 5, generation);
    expect(cache.get(1)).toBeUndefined();
  });

  it('serves nothing while this instance is behind its own writes of the events that drop its entries', () => {
    let behindOn: EventName | undefined;
    const watermark: WriteWatermark = { behind: () => behindOn !== undefined, behindOn: (names) => behindOn !== undefined && names.includes(behindOn) };
    const cache = new AccountCache<number, number>((accountId) => accountId, { max: 10, ttlMs: 30_000, watermark, droppedBy });
    cache.set(1, 5, cache.generation);
    behindOn = 'sessions.ended';
    expect(cache.get(1)).toBeUndefined();
    behindOn = 'post.created';
    expect(cache.get(1)).toBe(5);
    behindOn = undefined;
    expect(cache.get(1)).toBe(5);
  });
});
