// Guests' cached pages follow every write at once, the cache is not filled with copies of one page,
// and what the forum no longer needs is cleaned up on a schedule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';

describe('freshness and housekeeping', () => {
  let ctx: TestContext;
  let admin: Member;

  /** Waits until the app has seen every committed event; until then guests bypass the cache. */
  async function settle(): Promise<void> {
    const latest = await ctx.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    const deadline = Date.now() + 5_000;
    while (ctx.app.events.cursor < Number(latest?.id ?? 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }

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
    const [session] = await ctx.db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id').select('sessions.id').where('accounts.username', '=', member.username).execute();
    await ctx.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', session!.id).execute();
    const kept = await ctx.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('expires_at', '>', new Date()).executeTakeFirstOrThrow();
    const removed = await ctx.app.housekeeping.runAll();
    expect(removed['expired sessions']).toBe(1);
    expect(await ctx.db.selectFrom('sessions').select('id').where('id', '=', session!.id).executeTakeFirst()).toBeUndefined();
    const after = await ctx.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(kept.n));
    // The admin's session still works.
    await admin.agent.get('/me').set('accept', JSON_ACCEPT).expect(200);
  });
});
