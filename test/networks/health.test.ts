// A convener's view of how their network is doing (GET /n/:network/health): who may open it, and its
// figures checked against values worked out by hand on a small network whose posts are placed in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOfWallClock, zoneOffsetMs } from '../../src/core/time.js';
import { healthWindow } from '../../src/networks/network-health.service.js';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

const HOUR = 3600 * 1000;
const TIME_ZONE = 'Europe/Stockholm';

interface WeekJson {
  start: string;
  current: boolean;
  threads: number;
  replies: number;
  posters: number;
  newMembers: number;
  medianFirstReplyHours: number | null;
  unanswered: number;
  flags: number;
  hides: number;
}

describe('a network’s health view', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let otherConvener: Member;
  let anna: Member;
  let bo: Member;
  let networkId: number;
  /** The Monday 00:00 of the view's first week, on Stockholm's clocks. */
  let since: Date;
  const threads: Record<string, number> = {};

  /** An instant on Stockholm's clocks: `day` days (0 = Monday) into the view's week `week` (0–11), at `hour`. */
  function wall(week: number, day: number, hour: number): Date {
    const local = new Date(since.getTime() + zoneOffsetMs(TIME_ZONE, since));
    return instantOfWallClock(TIME_ZONE, local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate() + week * 7 + day, hour);
  }

  async function placePost(postId: number, at: Date) {
    await ctx.db.updateTable('posts').set({ created_at: at }).where('id', '=', postId).execute();
  }

  /** Starts a thread by `member` at `at`, with replies (who, hours after the start), and keeps its activity time right. */
  async function threadAt(name: string, member: Member, at: Date, replies: Array<[Member, number]> = []) {
    const thread = await startThread(member.agent, 'mat', { title: name });
    threads[name] = thread.id;
    await placePost(thread.posts[0]!.id, at);
    let last = at;
    const replyIds: number[] = [];
    for (const [who, hours] of replies) {
      const written = await reply(who.agent, thread.id, `A reply to ${name}`);
      last = new Date(at.getTime() + hours * HOUR);
      await placePost(written.id, last);
      replyIds.push(written.id);
    }
    await ctx.db.updateTable('threads').set({ created_at: at, last_activity_at: last }).where('id', '=', thread.id).execute();
    return { id: thread.id, openingId: thread.posts[0]!.id, replyIds };
  }

  beforeAll(async () => {
    ctx = await createTestContext({ TIME_ZONE });
    admin = await signUp(ctx, { username: 'health_admin' });
    convener = await signUp(ctx, { username: 'mat_convener' });
    otherConvener = await signUp(ctx, { username: 'fiske_convener' });
    anna = await signUp(ctx, { username: 'anna', displayName: 'Anna Ek' });
    bo = await signUp(ctx, { username: 'bo_lind', displayName: 'Bo Lind' });
    await networksWithConveners(admin.agent, { mat: { name: 'Matnätverket', convener: 'mat_convener' }, fiske: { name: 'Fiske', convener: 'fiske_convener' } });
    networkId = (await ctx.db.selectFrom('networks').select('id').where('slug', '=', 'mat').executeTakeFirstOrThrow()).id;
    since = healthWindow(networkId, new Date(), TIME_ZONE).since;

    // Two weeks ago (week 9): answered by Bo after half an hour.
    await threadAt('Week nine question', anna, wall(9, 2, 10), [[bo, 0.5]]);
    // Last week (week 10):
    // answered after 3 hours, and after 9 (Anna's own follow-up after 1 hour answers nothing): median 6.
    await threadAt('Which fish smoker?', anna, wall(10, 1, 9), [[bo, 3]]);
    await threadAt('Cheese for the market', anna, wall(10, 1, 12), [
      [anna, 1],
      [bo, 9],
    ]);
    // Three still unanswered: the only reply hidden; none; only the author's own.
    const hiddenReply = await threadAt('Sourdough starter <b>swap</b>', bo, wall(10, 2, 8), [[anna, 2]]);
    const silent = await threadAt('Who delivers fresh herbs?', bo, wall(10, 3, 10));
    await threadAt('Selling a pizza oven', anna, wall(10, 4, 10), [[anna, 5]]);
    // A thread whose opening post is hidden waits for nobody.
    const hiddenOpening = await threadAt('Spam thread', bo, wall(10, 5, 10));
    // Before the view's first week: unanswered, but not counted.
    await threadAt('Long ago', bo, new Date(since.getTime() - 2 * 24 * HOUR));
    // This week, younger than 48 hours: not yet unanswered.
    await threadAt('Brand new', anna, new Date(Date.now() - HOUR));

    await convener.agent.post(`/p/${hiddenReply.replyIds[0]}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    await convener.agent.post(`/p/${hiddenOpening.openingId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    // The first hide happened last week; the second is this week's.
    await ctx.db
      .updateTable('moderation_log')
      .set({ created_at: wall(10, 6, 12) })
      .where('post_id', '=', hiddenReply.replyIds[0]!)
      .execute();
    // Anna flagged the silent thread's opening post last week.
    await anna.agent.post(`/p/${silent.openingId}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'other', note: 'Duplicate?' }).expect(201);
    await ctx.db
      .updateTable('flags')
      .set({ created_at: wall(10, 3, 18) })
      .execute();

    // Members: Anna joined in week 9, Bo last week, the convener this week; someone before the window.
    await ctx.db.deleteFrom('network_members').where('network_id', '=', networkId).execute();
    const ids = await ctx.db.selectFrom('accounts').select(['id', 'username']).execute();
    const idOf = (username: string) => ids.find((row) => row.username === username)!.id;
    await ctx.db
      .insertInto('network_members')
      .values([
        { network_id: networkId, account_id: idOf('anna'), joined_at: wall(9, 0, 8) },
        { network_id: networkId, account_id: idOf('bo_lind'), joined_at: wall(10, 6, 23) },
        { network_id: networkId, account_id: idOf('mat_convener'), joined_at: new Date() },
        { network_id: networkId, account_id: idOf('health_admin'), joined_at: new Date(since.getTime() - HOUR) },
      ])
      .execute();
  });
  afterAll(() => ctx.close());

  it('is for the network’s conveners and admins only', async () => {
    expect((await guest(ctx).get('/n/mat/health').set('accept', JSON_ACCEPT)).status).toBe(401);
    for (const who of [anna, otherConvener]) {
      const refused = await who.agent.get('/n/mat/health').set('accept', JSON_ACCEPT);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('forbidden');
    }
    expect((await convener.agent.get('/n/mat/health').set('accept', JSON_ACCEPT)).status).toBe(200);
    expect((await admin.agent.get('/n/mat/health').set('accept', JSON_ACCEPT)).status).toBe(200);
    expect((await admin.agent.get('/n/nowhere/health').set('accept', JSON_ACCEPT)).status).toBe(404);
  });

  it('counts twelve weeks as worked out by hand: threads, replies, posters, members, first replies, unanswered, flags and hides', async () => {
    const { body } = await convener.agent.get('/n/mat/health').set('accept', JSON_ACCEPT).expect(200);
    expect(body.network).toEqual({ slug: 'mat', name: 'Matnätverket' });
    expect(body.timeZone).toBe(TIME_ZONE);
    const weeks = body.weeks as WeekJson[];
    expect(weeks).toHaveLength(12);
    // Mondays, a week apart on Stockholm's calendar, the current one last.
    expect(weeks[0]!.start).toBe(new Date(since.getTime() + zoneOffsetMs(TIME_ZONE, since)).toISOString().slice(0, 10));
    expect(weeks.map((week) => week.current)).toEqual([...Array<boolean>(11).fill(false), true]);
    const quiet = { threads: 0, replies: 0, posters: 0, newMembers: 0, medianFirstReplyHours: null, unanswered: 0, flags: 0, hides: 0 };
    for (const week of weeks.slice(0, 9)) expect(week).toEqual({ ...quiet, start: week.start, current: false });
    expect(weeks[9]).toEqual({
      ...quiet,
      start: weeks[9]!.start,
      current: false,
      threads: 1,
      replies: 1,
      posters: 2,
      newMembers: 1,
      medianFirstReplyHours: 0.5,
    });
    expect(weeks[10]).toEqual({
      start: weeks[10]!.start,
      current: false,
      // Six threads (the hidden spam one too); replies: Bo's, Anna's and Bo's, Anna's (hidden since, but written), Anna's own.
      threads: 6,
      replies: 5,
      posters: 2,
      newMembers: 1,
      medianFirstReplyHours: 6,
      unanswered: 3,
      flags: 1,
      hides: 1,
    });
    expect(weeks[11]).toEqual({ ...quiet, start: weeks[11]!.start, current: true, threads: 1, posters: 1, newMembers: 1, hides: 1 });

    // The three, oldest first, named by the one title rule and linked.
    expect(body.unanswered.count).toBe(3);
    expect(body.unanswered.threads).toEqual(
      ['Sourdough starter <b>swap</b>', 'Who delivers fresh herbs?', 'Selling a pizza oven'].map((title) => ({
        id: threads[title],
        title,
        slug: expect.any(String),
        titleHidden: false,
        path: expect.stringMatching(new RegExp(`^/t/${threads[title]}/`)),
        createdAt: expect.any(String),
        week: weeks[10]!.start,
        author: title === 'Selling a pizza oven' ? { username: 'anna', displayName: 'Anna Ek' } : { username: 'bo_lind', displayName: 'Bo Lind' },
      })),
    );
  });

  it('shows the convener charts with a title and a description, the waiting threads and the same figures in a table', async () => {
    const page = await convener.agent.get('/n/mat/health').set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>How Matnätverket is doing</h1>');
    expect(page.text).toContain('Last week 3 threads went unanswered.');
    // Every figure drawn, each chart named by its title and description.
    const charts = [...page.text.matchAll(/<svg class="chart"[^>]*role="img" aria-labelledby="([\w-]+)-title \1-desc"/g)].map((match) => match[1]);
    expect(charts).toEqual([
      'chart-unanswered',
      'chart-threads',
      'chart-replies',
      'chart-posters',
      'chart-newMembers',
      'chart-medianFirstReplyHours',
      'chart-flags',
      'chart-hides',
    ]);
    expect(page.text).toContain('<title id="chart-unanswered-title">Unanswered after 48 hours</title>');
    expect(page.text).toMatch(
      /<desc id="chart-unanswered-desc">Unanswered after 48 hours, week by week from the week of [^:]+: last week 3, this week so far 0, at most 3\.<\/desc>/,
    );
    // This week's bar is drawn apart (dashed): its figures are so far.
    expect(page.text).toContain('chart-bar chart-bar-partial');
    // The waiting threads, oldest first, titles escaped, each linking to its thread.
    const listed = [...page.text.matchAll(/<a class="thread-title" href="(\/t\/\d+\/[^"]*)">([^<]*)<\/a>/g)].map((match) => match[2]);
    expect(listed).toEqual(['Sourdough starter &lt;b&gt;swap&lt;/b&gt;', 'Who delivers fresh herbs?', 'Selling a pizza oven']);
    expect(page.text).not.toContain('Brand new</a>');
    expect(page.text).not.toContain('Long ago</a>');
    // The table: a row per week, this one marked as so far, the median written as the language does.
    expect(page.text.match(/<th scope="row">/g)).toHaveLength(12);
    expect(page.text).toContain('(this week, so far)');
    expect(page.text).toContain('<td>0.5</td>');

    const swedish = await convener.agent.get('/n/mat/health').set('accept', HTML).set('accept-language', 'sv');
    expect(swedish.text).toContain('Förra veckan blev 3 trådar obesvarade.');
    expect(swedish.text).toContain('<td>0,5</td>');
  });

  it('is linked from the board’s tools and the review queue for moderators only', async () => {
    for (const path of ['/n/mat', '/n/mat/review']) {
      const page = await convener.agent.get(path).set('accept', HTML).set('accept-language', 'en');
      expect(page.text).toContain('href="/n/mat/health"');
    }
    const board = await anna.agent.get('/n/mat').set('accept', HTML);
    expect(board.text).not.toContain('/n/mat/health');
  });
});
