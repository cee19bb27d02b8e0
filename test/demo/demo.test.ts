// npm run demo: a forum that looks used (content spread over past weeks, conveners, rules, members who
// are no newcomers, notifications of their time), and a clear refusal while a server holds the folder.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_BUSINESSES, DEMO_CONVENERS, DEMO_PASSWORD, DEMO_PROFILES } from '../../scripts/demo-content.js';
import { fillDemoForum } from '../../scripts/demo-forum.js';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { HTML, JSON_ACCEPT, guest } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

const DAY = 24 * 60 * 60 * 1000;

describe('the demo forum', () => {
  let ctx: TestContext;
  const now = Date.now();

  beforeAll(async () => {
    ctx = await createTestContext({ DEFAULT_LOCALE: 'en' });
    await fillDemoForum(ctx.db, now);
  }, 120_000);
  afterAll(() => ctx.close());

  it('appoints each network’s conveners, who see the moderator menu', async () => {
    const rows = await ctx.db
      .selectFrom('conveners')
      .innerJoin('networks', 'networks.id', 'conveners.network_id')
      .innerJoin('accounts', 'accounts.id', 'conveners.account_id')
      .select(['networks.slug', 'accounts.username'])
      .execute();
    const appointed: Record<string, string[]> = {};
    for (const row of rows) (appointed[row.slug] ??= []).push(row.username);
    for (const usernames of Object.values(appointed)) usernames.sort();
    expect(appointed).toEqual(Object.fromEntries(Object.entries(DEMO_CONVENERS).map(([slug, usernames]) => [slug, [...usernames].sort()])));

    const convener = guest(ctx);
    await convener.post('/login').set('accept', JSON_ACCEPT).send({ login: 'kajakboden', password: DEMO_PASSWORD }).expect(200);
    const page = await convener.get('/').set('accept', HTML);
    expect(page.text).toContain('href="/n/kajak/review"');
  });

  it('spreads its threads and replies over the past five weeks, each reply after what it answers', async () => {
    const span = await ctx.db
      .selectFrom('posts')
      .select((eb) => [eb.fn.min('created_at').as('first'), eb.fn.max('created_at').as('last')])
      .executeTakeFirstOrThrow();
    expect(new Date(span.first).getTime()).toBeLessThan(now - 28 * DAY);
    expect(new Date(span.last).getTime()).toBeLessThanOrEqual(now);
    const threadDays = await ctx.db.selectFrom('threads').select('created_at').execute();
    expect(new Set(threadDays.map((t) => t.created_at.toISOString().slice(0, 10))).size).toBeGreaterThan(10);
    const early = await sql<{ count: number }>`select count(*)::int as count from posts p join posts parent on parent.id = p.parent_id
      where p.created_at <= parent.created_at`.execute(ctx.db);
    expect(early.rows[0]!.count).toBe(0);
    const stale = await sql<{ count: number }>`select count(*)::int as count from threads t
      where t.last_activity_at <> (select max(p.created_at) from posts p where p.thread_id = t.id)
         or t.created_at <> (select p.created_at from posts p where p.thread_id = t.id and p.parent_id is null)`.execute(ctx.db);
    expect(stale.rows[0]!.count).toBe(0);
  });

  it('shows a board with dates weeks apart, not everything "now"', async () => {
    const board = await guest(ctx).get('/n/alla').set('accept', HTML).set('accept-language', 'en');
    expect(board.status).toBe(200);
    const times = [...board.text.matchAll(/<time[^>]*datetime="([^"]+)"/g)].map((m) => new Date(m[1]!).getTime());
    expect(times.length).toBeGreaterThan(1);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(14 * DAY);
  });

  it('gives each business its staff, its first staff member and those named admins, and each person a profile', async () => {
    const rows = await ctx.db
      .selectFrom('business_staff')
      .innerJoin('businesses', 'businesses.id', 'business_staff.business_id')
      .innerJoin('accounts', 'accounts.id', 'business_staff.account_id')
      .select(['businesses.name', 'accounts.username', 'business_staff.role', 'business_staff.is_admin'])
      .orderBy('business_staff.created_at')
      .execute();
    for (const business of DEMO_BUSINESSES) {
      const staff = rows.filter((row) => row.name === business.name).map((row) => ({ username: row.username, role: row.role, admin: row.is_admin }));
      expect(staff, business.name).toEqual(
        business.staff.map((member, i) => ({ username: member.username, role: member.role, admin: i === 0 || member.admin === true })),
      );
    }
    const directory = await guest(ctx).get('/b').set('accept', JSON_ACCEPT).expect(200);
    expect(directory.body.businesses).toHaveLength(DEMO_BUSINESSES.length);
    const profiles = await ctx.db
      .selectFrom('profiles')
      .innerJoin('accounts', 'accounts.id', 'profiles.account_id')
      .select(['accounts.username', 'profiles.presentation_html'])
      .execute();
    expect(profiles.map((profile) => profile.username).sort()).toEqual(Object.keys(DEMO_PROFILES).sort());
    for (const profile of profiles) expect(profile.presentation_html, profile.username).toMatch(/^<p>/);
    // Nobody types their business into their name any more: the staff link says it.
    for (const account of DEMO_ACCOUNTS) expect(account.displayName, account.username).not.toContain(',');
  });

  it('answers two questions and thanks the replies, makes two threads discussions, and lists two current offers', async () => {
    const answered = await guest(ctx).get('/n/kajak?filter=answered').set('accept', JSON_ACCEPT);
    expect(answered.body.threads.map((thread: { title: string }) => thread.title)).toEqual(
      expect.arrayContaining([
        'Företagsevent för 40 personer – kan jag hyra kajaker och flytvästar av flera av er?',
        'Öppettider för turistinformationen i sommar?',
      ]),
    );
    // A count is a string from pg (int8) and a number from PGlite.
    const thanked = await ctx.db
      .selectFrom('post_thanks')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(thanked.count)).toBeGreaterThan(2);
    const kinds = await ctx.db.selectFrom('threads').select('kind').where('kind', '=', 'discussion').execute();
    expect(kinds).toHaveLength(2);
    // A guest sees the offer to everyone; the kayak network's own is for its members.
    const offers = await guest(ctx).get('/offers').set('accept', JSON_ACCEPT);
    expect(offers.body.offers.map((offer: { title: string }) => offer.title)).toEqual(['Mötesrum att låna i vinter']);
  });

  it('makes every account older than the newcomer limits’ day', async () => {
    const accounts = await ctx.db.selectFrom('accounts').select(['username', 'created_at']).execute();
    expect(accounts.map((a) => a.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
    for (const account of accounts) expect(account.created_at.getTime(), account.username).toBeLessThan(now - 30 * DAY);
  });

  it('leaves the notifications of those weeks, dated with their posts, the recent ones unread', async () => {
    const notifications = await ctx.db
      .selectFrom('notifications')
      .innerJoin('posts', 'posts.id', 'notifications.post_id')
      .select(['notifications.created_at', 'notifications.read_at', 'posts.created_at as post_created_at'])
      .execute();
    expect(notifications.length).toBeGreaterThan(0);
    for (const n of notifications) expect(n.created_at.getTime()).toBe(n.post_created_at.getTime());
    expect(notifications.some((n) => n.read_at === null)).toBe(true);
    expect(notifications.some((n) => n.read_at !== null)).toBe(true);
    expect(notifications.every((n) => (n.read_at === null) === n.created_at.getTime() >= now - 3 * DAY)).toBe(true);
    expect(await ctx.db.selectFrom('email_outbox').select('id').execute()).toEqual([]);
  });
});

describe('npm run demo beside a running server', () => {
  it('refuses, saying to stop the server, run the demo, then start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bryggan-demo-'));
    // The folder held as a running server holds it: by a live process (this one).
    const unlock = lockDataDir(dataDir);
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '3000' };
      delete env.DATABASE_URL;
      const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { env });
      const error = await run.then(
        () => undefined,
        (e: unknown) => e as { code: number; stderr: string },
      );
      expect(error?.code).toBe(1);
      expect(error?.stderr).toContain(`is in use by process ${process.pid}`);
      expect(error?.stderr).toContain('stop the server first, then run `npm run demo`, then `npm start`');
    } finally {
      unlock();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
