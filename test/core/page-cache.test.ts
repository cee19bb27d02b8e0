// Guests are served whole pages from memory; every write that changes a page shows at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaggedStore } from '../../src/core/tagged-store.js';
import { recordEvent } from '../../src/core/events.js';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilQuiet } from '../helpers/events.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

describe('page cache for guests', () => {
  let ctx: TestContext;
  let admin: Member;
  let member: Member;
  let threadId: number;
  let openingId: number;

  const page = (path: string, accept = HTML, language = 'sv') => guest(ctx).get(path).set('accept', accept).set('accept-language', language).expect(200);

  const settle = () => untilQuiet(ctx);

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    member = await signUp(ctx, { username: 'cache_member', displayName: 'Cache Member' });
    await createNetwork(admin.agent, { slug: 'cache', name: 'Cachenätet' });
    const thread = await startThread(member.agent, 'cache', { title: 'Cached thread', body: 'The opening post' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
  });
  afterAll(() => ctx.close());

  it('serves a guest the same page from memory until the data changes', async () => {
    await settle();
    const first = await page(`/t/${threadId}`);
    expect(ctx.app.pageCache.size).toBeGreaterThan(0);
    // Changed behind the app's back (no event): the cached page is what a guest still gets...
    await ctx.db.updateTable('posts').set({ html: '<p>changed quietly</p>' }).where('id', '=', openingId).execute();
    const second = await page(`/t/${threadId}`);
    expect(second.text).toBe(first.text);
    expect(second.text).not.toContain('changed quietly');
    // ...and a signed-in member's page, rendered for them, is built from the same shared rows...
    expect((await member.agent.get(`/t/${threadId}`).set('accept', HTML).expect(200)).text).not.toContain('changed quietly');
    // ...until they are dropped: then everyone reads the database.
    ctx.app.sharedReads.drop([`thread:${threadId}`]);
    expect((await member.agent.get(`/t/${threadId}`).set('accept', HTML).expect(200)).text).toContain('changed quietly');
    await ctx.db.updateTable('posts').set({ html: '<p>The opening post</p>' }).where('id', '=', openingId).execute();
    ctx.app.pageCache.drop('everything');
    ctx.app.sharedReads.drop('everything');
  });

  it('shows a new reply at once on the thread page, its JSON, the board and home', async () => {
    // Fill the cache with every page the reply changes.
    const before = {
      thread: await page(`/t/${threadId}`),
      json: await page(`/t/${threadId}`, JSON_ACCEPT),
      board: await page('/n/cache', JSON_ACCEPT),
      boardHtml: await page('/n/cache'),
      home: await page('/', JSON_ACCEPT),
    };
    expect(before.json.body.posts).toHaveLength(1);
    expect(before.board.body.threads[0].replyCount).toBe(0);

    const created = await reply(member.agent, threadId, 'A reply that **guests** must see');

    const thread = await page(`/t/${threadId}`);
    expect(thread.text).toContain('<strong>guests</strong>');
    expect(thread.text).toContain(`id="p-${created.id}"`);
    const json = await page(`/t/${threadId}`, JSON_ACCEPT);
    expect(json.body.posts.map((p: { id: number }) => p.id)).toContain(created.id);
    const board = await page('/n/cache', JSON_ACCEPT);
    expect(board.body.threads[0].replyCount).toBe(1);
    expect((await page('/n/cache')).text).not.toBe(before.boardHtml.text);
    const home = await page('/', JSON_ACCEPT);
    expect(home.body.networks[0].lastActivityAt).not.toBe(before.home.body.networks[0].lastActivityAt);
  });

  it('shows every reply at once, however quickly a guest asks after it', async () => {
    // Events reach the cache asynchronously; asked right after each write, a guest must still see it.
    for (let i = 0; i < 15; i += 1) {
      await page(`/t/${threadId}`, JSON_ACCEPT);
      const created = await reply(member.agent, threadId, `Quick reply ${i}`);
      const json = await page(`/t/${threadId}`, JSON_ACCEPT);
      expect(json.body.posts.map((p: { id: number }) => p.id)).toContain(created.id);
    }
  });

  it('shows a new thread at once on the board and home', async () => {
    const board = await page('/n/cache', JSON_ACCEPT);
    const home = await page('/', JSON_ACCEPT);
    const started = await startThread(member.agent, 'cache', { title: 'A second thread' });
    expect((await page('/n/cache', JSON_ACCEPT)).body.threads.map((t: { id: number }) => t.id)).toContain(started.id);
    expect((await page('/', JSON_ACCEPT)).body.networks[0].threadCount).toBe((home.body.networks[0].threadCount as number) + 1);
    expect(board.body.threads.map((t: { id: number }) => t.id)).not.toContain(started.id);
  });

  it('shows an edit and a deletion at once', async () => {
    const created = await reply(member.agent, threadId, 'Before the edit');
    expect((await page(`/t/${threadId}`)).text).toContain('Before the edit');
    await member.agent.post(`/p/${created.id}/edit`).set('accept', JSON_ACCEPT).send({ body: 'After the edit' }).expect(200);
    const edited = await page(`/t/${threadId}`);
    expect(edited.text).toContain('After the edit');
    expect(edited.text).not.toContain('Before the edit');
    await member.agent.post(`/p/${created.id}/delete`).set('accept', JSON_ACCEPT).send({}).expect(200);
    expect((await page(`/t/${threadId}`)).text).not.toContain('After the edit');
  });

  it('drops pages on events from elsewhere (another instance) as soon as they arrive', async () => {
    await page(`/t/${threadId}`);
    // What another instance's edit looks like from here: the row changes, and its event comes by the database.
    await ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('posts').set({ html: '<p>edited on another instance</p>' }).where('id', '=', openingId).execute();
      await recordEvent(tx, 'post.edited', { postId: openingId, threadId });
    });
    const deadline = Date.now() + 5_000;
    let text = '';
    while (Date.now() < deadline && !text.includes('edited on another instance')) {
      text = (await page(`/t/${threadId}`)).text;
      if (!text.includes('edited on another instance')) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(text).toContain('edited on another instance');
  });

  it('keeps pages apart by language and by JSON or HTML', async () => {
    const swedish = await page(`/t/${threadId}`, HTML, 'sv');
    const english = await page(`/t/${threadId}`, HTML, 'en');
    expect(swedish.text).toContain('<html lang="sv">');
    expect(english.text).toContain('<html lang="en">');
    expect((await page(`/t/${threadId}`, JSON_ACCEPT)).headers['content-type']).toMatch(/^application\/json/);
    expect((await page(`/t/${threadId}`, HTML)).headers['content-type']).toMatch(/^text\/html/);
  });

  it('never serves a signed-in page to a guest, nor a guest page to a member', async () => {
    const guestPage = await page(`/t/${threadId}`);
    expect(guestPage.text).not.toContain('reply-form-template');
    const memberPage = await member.agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'sv').expect(200);
    expect(memberPage.text).toContain('reply-form-template');
    expect(memberPage.text).toContain('href="/me"');
    const again = await page(`/t/${threadId}`);
    expect(again.text).not.toContain('reply-form-template');
    expect(again.text).not.toContain('href="/me"');
  });

  it('does not store a response that sets a cookie (a refused session)', async () => {
    await settle();
    ctx.app.pageCache.drop('everything');
    const response = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML).set('cookie', 'session=not-a-real-session-token').expect(200);
    expect(response.headers['set-cookie']).toBeDefined();
    expect(ctx.app.pageCache.size).toBe(0);
  });
});

describe('page cache under concurrent requests', () => {
  let ctx: TestContext;
  let threadId: number;
  const pageQueries: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({}, (sql) => {
      // The thread page's posts query (threads.queries.ts findThreadPagePosts).
      if (sql.includes('"top_of_subtree"')) pageQueries.push(sql);
    });
    const admin = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'herd' });
    threadId = (await startThread(admin.agent, 'herd')).id;
    await reply(admin.agent, threadId, 'A reply');
  });
  afterAll(() => ctx.close());

  it('renders a missing page once for many guests asking at the same time', async () => {
    await untilQuiet(ctx);
    ctx.app.pageCache.drop('everything');
    ctx.app.sharedReads.drop('everything');
    pageQueries.length = 0;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => ctx.app.inject({ url: `/t/${threadId}`, headers: { accept: HTML, 'accept-language': 'sv' } })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(pageQueries).toHaveLength(1);
  });
});

describe('TaggedStore', () => {
  const settings = { maxBytes: 10_000, maxEntryBytes: 4_000, maxAgeMs: 1_000 };
  const body = (bytes: number) => Buffer.alloc(bytes, 'x');

  it('evicts the least recently used entries past its byte budget', () => {
    const store = new TaggedStore<Buffer>(settings);
    store.set('a', body(3_000), 3_000, ['home'], 0);
    store.set('b', body(3_000), 3_000, ['boards'], 0);
    expect(store.get('a', 1)).toBeDefined(); // a is now the most recently used
    store.set('c', body(3_000), 3_000, ['thread:1'], 0);
    store.set('d', body(3_000), 3_000, ['thread:2'], 0);
    expect(store.bytes).toBeLessThanOrEqual(settings.maxBytes);
    expect(store.get('b', 1)).toBeUndefined();
    expect(store.get('a', 1)?.fresh).toBe(true);
    expect(store.get('d', 1)?.fresh).toBe(true);
  });

  it('refuses bodies over the entry limit, expires old entries and drops by tag', () => {
    const store = new TaggedStore<Buffer>(settings);
    store.set('big', body(5_000), 5_000, ['home'], 0);
    expect(store.size).toBe(0);
    store.set('old', body(10), 10, ['home'], 0);
    // Past maxAgeMs: still there, to serve while one request renders it again; past twice that: gone.
    expect(store.get('old', 1_001)?.fresh).toBe(false);
    expect(store.get('old', 2_001)).toBeUndefined();
    store.set('t1', body(10), 10, ['thread:1'], 0);
    store.set('t2', body(10), 10, ['thread:2'], 0);
    store.drop(['thread:1']);
    expect(store.get('t1', 1)).toBeUndefined();
    expect(store.get('t2', 1)?.fresh).toBe(true);
    store.drop('everything');
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });
});
