// Members' pages read what is the same for everyone (a thread's rows, a board's, a network's side
// column) from memory shared by all viewers; every write still shows at once, and each viewer still gets
// only what the visibility rule lets them read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/core/events.js';
import { HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, onPostgres, secondInstance, type TestContext } from '../helpers/context.js';
import { untilEventsSeen, untilQuiet } from '../helpers/events.js';
import { sessionCookie } from '../helpers/live.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

describe('shared reads for members’ pages', () => {
  let ctx: TestContext;
  let admin: Member;
  let author: Member;
  let reader: Member;
  let threadId: number;
  let openingId: number;
  /** The thread page's posts query (threads.queries.ts findThreadPagePosts). */
  const postQueries: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({}, (sql) => sql.includes('"top_of_subtree"') && postQueries.push(sql));
    admin = await signUp(ctx);
    author = await signUp(ctx, { username: 'shared_author', displayName: 'Shared Author' });
    reader = await signUp(ctx, { username: 'shared_reader', displayName: 'Shared Reader' });
    await createNetwork(admin.agent, { slug: 'delat' });
    const thread = await startThread(author.agent, 'delat', { title: 'Shared thread', body: 'The opening post' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
  });
  afterAll(() => ctx.close());

  const threadJson = async (member: Member) => (await member.agent.get(`/t/${threadId}`).set('accept', JSON_ACCEPT).expect(200)).body;
  const threadPage = async (member: Member) => (await member.agent.get(`/t/${threadId}`).set('accept', HTML).expect(200)).text;

  it('reads a thread’s posts once for every member who views it, until something changes', async () => {
    await untilQuiet(ctx);
    await threadPage(reader);
    postQueries.length = 0;
    await threadPage(reader);
    await threadPage(author);
    await threadJson(admin);
    expect(postQueries).toHaveLength(0);

    const created = await reply(author.agent, threadId, 'A reply every member must see at once');
    // The writer, and everyone else at once: the write's events are not yet seen, so the database answers.
    expect((await threadJson(author)).posts.map((post: { id: number }) => post.id)).toContain(created.id);
    expect(await threadPage(reader)).toContain('A reply every member must see at once');
    await untilEventsSeen(ctx);
    expect(await threadPage(reader)).toContain('A reply every member must see at once');
    expect(postQueries.length).toBeGreaterThan(0);
  });

  it('gives each member their own view of the same shared rows: a hidden post, their thanks', async () => {
    const hiddenReply = await reply(author.agent, threadId, 'Off topic, soon hidden');
    await admin.agent.post(`/p/${hiddenReply.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    await reader.agent.post(`/p/${openingId}/thanks`).set('accept', JSON_ACCEPT).send({}).expect(200);
    // The notifications worker's own events (the author now watches, who has news) would drop the rows mid-count.
    await untilQuiet(ctx);
    // Fill the shared rows, then read them as three members who see the hidden post differently.
    await threadJson(reader);
    postQueries.length = 0;
    const post = (body: { posts: Array<{ id: number; html: string; hidden: unknown }> }, id: number) => body.posts.find((p) => p.id === id)!;
    const forReader = await threadJson(reader);
    const forAuthor = await threadJson(author);
    const forAdmin = await threadJson(admin);
    expect(postQueries).toHaveLength(0);
    expect(post(forReader, hiddenReply.id).html).toBe('');
    expect(post(forAuthor, hiddenReply.id).html).toContain('Off topic, soon hidden');
    expect(post(forAdmin, hiddenReply.id).html).toContain('Off topic, soon hidden');
    // Only the member who thanked sees their Thanks pressed.
    const pressed = (html: string) => html.includes('aria-pressed="true"');
    expect(pressed(await threadPage(reader))).toBe(true);
    const forOthers = await threadPage(admin);
    expect(forOthers).toContain('aria-pressed="false"');
    expect(pressed(forOthers)).toBe(false);
    // Their thanks are kept for them like the rows: taken back, the button is up at once, and stays up.
    expect(pressed(await threadPage(reader))).toBe(true);
    await reader.agent.post(`/p/${openingId}/thanks`).set('accept', JSON_ACCEPT).send({}).expect(200);
    expect(pressed(await threadPage(reader))).toBe(false);
    await untilEventsSeen(ctx);
    expect(pressed(await threadPage(reader))).toBe(false);
  });

  it('keeps each member’s own membership, follow level and networks apart, and shows their joins and follows at once', async () => {
    await createNetwork(admin.agent, { slug: 'egen' });
    const board = async (member: Member) => (await member.agent.get('/n/egen').set('accept', HTML).expect(200)).text;
    const joinButton = 'action="/n/egen/join"';
    const unfollowButton = 'action="/n/egen/unfollow"';
    await untilEventsSeen(ctx);
    // Both read (and keep) their state: neither is a member nor follows.
    for (const member of [reader, author]) {
      const page = await board(member);
      expect(page).toContain(joinButton);
      expect(page).not.toContain(unfollowButton);
    }
    // Joining follows the board too: the joiner sees it at once, before this instance has seen the event…
    await reader.agent.post('/n/egen/join').set('accept', JSON_ACCEPT).expect(200);
    let forReader = await board(reader);
    expect(forReader).not.toContain(joinButton);
    expect(forReader).toContain(unfollowButton);
    // …and after; the other member's kept state is theirs, not the joiner's.
    await untilEventsSeen(ctx);
    for (let round = 0; round < 2; round += 1) {
      forReader = await board(reader);
      expect(forReader).not.toContain(joinButton);
      expect(forReader).toContain(unfollowButton);
      const forAuthor = await board(author);
      expect(forAuthor).toContain(joinButton);
      expect(forAuthor).not.toContain(unfollowButton);
    }
    // Home lists each member's own networks, kept for them as well.
    const yourNetworks = async (member: Member) => (await member.agent.get('/').set('accept', JSON_ACCEPT).expect(200)).body.yourNetworks as string[];
    for (let round = 0; round < 2; round += 1) {
      expect(await yourNetworks(reader)).toContain('egen');
      expect(await yourNetworks(author)).not.toContain('egen');
    }
    await reader.agent.post('/n/egen/unfollow').set('accept', JSON_ACCEPT).expect(200);
    expect(await board(reader)).not.toContain(unfollowButton);
    await reader.agent.post('/n/egen/leave').set('accept', JSON_ACCEPT).expect(200);
    expect(await yourNetworks(reader)).not.toContain('egen');
    await untilEventsSeen(ctx);
    expect(await board(reader)).toContain(joinButton);
    expect(await yourNetworks(reader)).not.toContain('egen');
  });

  it('keeps each member’s watch on a thread apart, and shows watching, muting and stopping at once', async () => {
    /** The watch buttons a thread page offers the member, as the state they stand for. */
    const watchOf = async (member: Member) => {
      const page = await threadPage(member);
      const offers = (action: string) => page.includes(`action="/t/${threadId}/${action}"`);
      if (offers('unwatch')) return offers('mute') ? 'watching' : 'muted';
      expect(offers('watch') && offers('mute')).toBe(true);
      return 'none';
    };
    const setWatch = (member: Member, action: 'watch' | 'mute' | 'unwatch') =>
      member.agent.post(`/t/${threadId}/${action}`).set('accept', JSON_ACCEPT).expect(200);
    // The author watches the thread they started (the notifications worker's doing); the reader does not.
    await ctx.app.notifications.runWorker();
    await untilEventsSeen(ctx);
    for (let round = 0; round < 2; round += 1) {
      expect(await watchOf(author)).toBe('watching');
      expect(await watchOf(reader)).toBe('none');
    }
    // Each change shows at once to who made it, before this instance has seen its event, and after.
    for (const [action, state] of [
      ['mute', 'muted'],
      ['watch', 'watching'],
      ['unwatch', 'none'],
    ] as const) {
      await setWatch(reader, action);
      expect(await watchOf(reader)).toBe(state);
      await untilEventsSeen(ctx);
      for (let round = 0; round < 2; round += 1) {
        expect(await watchOf(reader)).toBe(state);
        expect(await watchOf(author)).toBe('watching');
      }
    }
    // Replying watches the thread.
    await reply(reader.agent, threadId, 'Count me in');
    await ctx.app.notifications.runWorker();
    await untilEventsSeen(ctx);
    expect(await watchOf(reader)).toBe('watching');
    await setWatch(reader, 'unwatch');
  });

  it('drops what an event from elsewhere (another instance) changes, as soon as it arrives', async () => {
    await threadPage(reader);
    await ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('posts').set({ html: '<p>edited on another instance</p>' }).where('id', '=', openingId).execute();
      await recordEvent(tx, 'post.edited', { postId: openingId, threadId });
    });
    await untilEventsSeen(ctx);
    expect(await threadPage(reader)).toContain('edited on another instance');
  });

  it('reads a missing thread once for many members asking at the same time', async () => {
    await untilQuiet(ctx);
    ctx.app.sharedReads.drop('everything');
    postQueries.length = 0;
    const pages = await Promise.all([reader, author, reader, author, reader].map((member) => threadJson(member)));
    expect(new Set(pages.map((body) => body.posts.length)).size).toBe(1);
    expect(postQueries).toHaveLength(1);
  });

  it('does not keep a value read while an event changed it, and hands out values no page can change', async () => {
    await untilEventsSeen(ctx);
    let loads = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slowRead = ctx.app.sharedReads.read('test value', [`thread:${threadId}`], async () => {
      loads += 1;
      await released;
      return { rows: [{ title: 'as read before the event' }] };
    });
    // An event about the thread arrives while the value is being read.
    await ctx.db.transaction().execute((tx) => recordEvent(tx, 'thread.changed', { threadId }));
    await untilEventsSeen(ctx);
    release();
    const value = await slowRead;
    expect(() => {
      (value.rows[0] as { title: string }).title = 'changed by a page';
    }).toThrow(TypeError);
    await ctx.app.sharedReads.read('test value', [`thread:${threadId}`], async () => {
      loads += 1;
      return { rows: [] };
    });
    expect(loads).toBe(2);
  });
});

describe.runIf(onPostgres)('shared reads on two instances', () => {
  let first: TestContext;
  let second: TestContext;
  let member: Member;
  let threadId: number;

  beforeAll(async () => {
    first = await createTestContext();
    second = await secondInstance(first);
    member = await signUp(first);
    await createNetwork(member.agent, { slug: 'tva' });
    threadId = (await startThread(member.agent, 'tva')).id;
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('shows a member on one instance a reply written on the other once its event arrives there', async () => {
    const onSecond = () => second.app.inject({ url: `/t/${threadId}`, headers: { accept: JSON_ACCEPT, cookie: sessionCookie(member.agent) } });
    await untilEventsSeen(second);
    expect((await onSecond()).json().posts).toHaveLength(1);
    const created = await reply(member.agent, threadId, 'Written on the first instance');
    await untilEventsSeen(second);
    expect((await onSecond()).json().posts.map((post: { id: number }) => post.id)).toContain(created.id);
  });
});
