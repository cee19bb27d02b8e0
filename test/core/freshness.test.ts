// Guests' cached pages follow every write at once, the cache is not filled with copies of one page,
// and what the forum no longer needs is cleaned up on a schedule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilEventsSeen } from '../helpers/events.js';
import { createNetwork } from '../helpers/forum.js';

describe('freshness and housekeeping', () => {
  let ctx: TestContext;
  let admin: Member;

  const settle = () => untilEventsSeen(ctx);

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'first', name: 'The first network' });
  });
  afterAll(() => ctx.close());

  it('shows a new network on the guest home page at once', async () => {
    await settle();
    const cached = await guest(ctx).get('/').set('accept', JSON_ACCEPT).expect(200);
    expect(cached.body.networks.map((n: { slug: string }) => n.slug)).toEqual(['first']);
    expect(ctx.app.pageCache.size).toBeGreaterThan(0);
    await createNetwork(admin.agent, { slug: 'second', name: 'The second network' });
    // However soon the guest asks, and also once the event has been handled (the cache entry dropped).
    const soon = await guest(ctx).get('/').set('accept', JSON_ACCEPT).expect(200);
    expect(soon.body.networks.map((n: { slug: string }) => n.slug).sort()).toEqual(['first', 'second']);
    await settle();
    const later = await guest(ctx).get('/').set('accept', JSON_ACCEPT).expect(200);
    expect(later.body.networks.map((n: { slug: string }) => n.slug).sort()).toEqual(['first', 'second']);
  });

  it('keeps one copy of a page whatever query parameters the route does not define', async () => {
    await settle();
    ctx.app.pageCache.drop('everything');
    const home = await guest(ctx).get('/').set('accept', HTML).expect(200);
    for (let i = 0; i < 50; i += 1) {
      const response = await guest(ctx).get(`/?x=${i}&utm_source=mail${i}`).set('accept', HTML).expect(200);
      expect(response.text).toBe(home.text);
    }
    expect(ctx.app.pageCache.size).toBe(1);
    // Parameters the route defines still make their own page.
    await guest(ctx).get('/t/999999?page=2').set('accept', HTML);
    await guest(ctx).get('/n/first').set('accept', HTML).expect(200);
    await guest(ctx).get('/n/first?before=p0.2026-11-22T10:00:00.000Z.1&x=1').set('accept', HTML).expect(200);
    expect(ctx.app.pageCache.size).toBe(3);
  });

  it('deletes expired sessions on its schedule, and only those', async () => {
    const member = await signUp(ctx);
    const [session] = await ctx.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select('sessions.id')
      .where('accounts.username', '=', member.username)
      .execute();
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', session!.id)
      .execute();
    const kept = await ctx.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('expires_at', '>', new Date())
      .executeTakeFirstOrThrow();
    const removed = await ctx.app.housekeeping.runAll();
    expect(removed['expired sessions']).toBe(1);
    expect(await ctx.db.selectFrom('sessions').select('id').where('id', '=', session!.id).executeTakeFirst()).toBeUndefined();
    const after = await ctx.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(kept.n);
    // The admin's session still works.
    await admin.agent.get('/me').set('accept', JSON_ACCEPT).expect(200);
  });

  it('forgets old notifications, settled emails, old events and expired attempts, and keeps what is still current', async () => {
    const follower = await signUp(ctx, { username: 'pruned_follower' });
    await follower.agent.post('/n/first/follow').set('accept', JSON_ACCEPT).send({ level: 'threads' }).expect(200);
    for (const title of ['Old news', 'Fresh news']) {
      await admin.agent.post('/n/first/threads').set('accept', JSON_ACCEPT).send({ title, body: 'Body' }).expect(201);
    }
    await ctx.app.notifications.runWorker();
    const longAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);
    const mine = await ctx.db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select('notifications.id')
      .where('accounts.username', '=', 'pruned_follower')
      .orderBy('notifications.id')
      .execute();
    expect(mine).toHaveLength(2);
    await ctx.db
      .updateTable('notifications')
      .set({ created_at: longAgo(91) })
      .where('id', '=', mine[0]!.id)
      .execute();

    const accountId = (await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'pruned_follower').executeTakeFirstOrThrow()).id;
    const networkId = (await ctx.db.selectFrom('networks').select('id').where('slug', '=', 'first').executeTakeFirstOrThrow()).id;
    const email = (status: 'sent' | 'open', days: number) => ({
      account_id: accountId,
      network_id: networkId,
      kind: 'digest' as const,
      status,
      send_after: longAgo(days),
      created_at: longAgo(days),
    });
    const emails = await ctx.db
      .insertInto('email_outbox')
      .values([email('sent', 31), email('open', 31), email('sent', 1)])
      .returning('id')
      .execute();

    await ctx.db
      .updateTable('events')
      .set({ created_at: longAgo(2) })
      .execute();
    const newestEvent = await ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('attempts')
      .values([
        { bucket: 'sign-in', key: 'ip:gone', expires_at: longAgo(1) },
        { bucket: 'sign-in', key: 'ip:current', expires_at: new Date(Date.now() + 600_000) },
      ])
      .execute();

    // The worker goes past the events it recorded itself (who has news, who now watches the threads):
    // no consumer needs any event but the newest any more.
    await ctx.app.notifications.runWorker();
    const removed = await ctx.app.housekeeping.runAll();
    expect(removed).toMatchObject({ 'old notifications': 1, 'settled emails': 1, 'expired attempts': 1 });
    expect(removed['old events']).toBeGreaterThan(0);
    expect(
      (
        await ctx.db
          .selectFrom('notifications')
          .select('id')
          .where(
            'id',
            'in',
            mine.map((row) => row.id),
          )
          .execute()
      ).map((row) => row.id),
    ).toEqual([mine[1]!.id]);
    expect(
      (
        await ctx.db
          .selectFrom('email_outbox')
          .select('id')
          .where(
            'id',
            'in',
            emails.map((row) => row.id),
          )
          .orderBy('id')
          .execute()
      ).map((row) => row.id),
    ).toEqual([emails[1]!.id, emails[2]!.id]);
    // The newest event stays, so cursors keep meaning something.
    expect((await ctx.db.selectFrom('events').select('id').execute()).map((row) => row.id)).toEqual([newestEvent.id]);
    expect((await ctx.db.selectFrom('attempts').select('key').execute()).map((row) => row.key)).toEqual(['ip:current']);
  });
});
