// Read state: a thread turns unread for a member when someone else writes in it what they may read, and
// read again when the page showing it is opened; the mark only moves forward, also when pages are read
// at once; a board says so in words and in its JSON, only to members.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { insertReplies } from '../threads/bulk-replies.js';
import { markThreadRead } from '../../src/reading/reading.queries.js';

describe('read state', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let anna: Member;
  let bo: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_r' });
    convener = await signUp(ctx, { username: 'convener_r' });
    anna = await signUp(ctx, { username: 'anna_r', displayName: 'Anna Ek' });
    bo = await signUp(ctx, { username: 'bo_r', displayName: 'Bo Lind' });
    await createNetwork(admin.agent, { slug: 'alla', name: 'Alla i turismen' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await admin.agent.post('/n/alla/conveners').set('accept', JSON_ACCEPT).send({ username: convener.username }).expect(200);
    for (const member of [anna, bo]) await member.agent.post('/n/alla/join').set('accept', JSON_ACCEPT).expect(200);
  });
  afterAll(() => ctx.close());

  /** The board's row of the thread as the agent gets it in JSON. */
  async function boardRow(agent: Member['agent'], slug: string, threadId: number) {
    const board = await agent.get(`/n/${slug}`).set('accept', JSON_ACCEPT).expect(200);
    return (board.body.threads as Array<{ id: number; unread?: boolean; readFrom?: string }>).find((row) => row.id === threadId)!;
  }
  const unread = async (member: Member, threadId: number, slug = 'alla') => (await boardRow(member.agent, slug, threadId)).unread;
  const open = (member: Member, threadId: number, query = '') => member.agent.get(`/t/${threadId}${query}`).set('accept', HTML).expect(200);

  async function accountId(member: Member) {
    return (await ctx.db.selectFrom('accounts').select('id').where('username', '=', member.username).executeTakeFirstOrThrow()).id;
  }
  async function mark(member: Member, threadId: number) {
    const row = await ctx.db
      .selectFrom('thread_reads')
      .select('last_read_post_id')
      .where('account_id', '=', await accountId(member))
      .where('thread_id', '=', threadId)
      .executeTakeFirst();
    return row?.last_read_post_id ?? null;
  }

  it('turns a thread unread with someone else’s reply and read when it is opened; the title leads to the first unread post', async () => {
    const thread = await startThread(bo.agent, 'alla', { title: 'Ferry times for the summer' });
    // Never opened, new since Anna joined: unread.
    expect(await unread(anna, thread.id)).toBe(true);
    expect((await boardRow(anna.agent, 'alla', thread.id)).readFrom).toBe(`/t/${thread.id}/ferry-times-for-the-summer`);
    await open(anna, thread.id);
    expect(await unread(anna, thread.id)).toBe(false);

    const first = await reply(bo.agent, thread.id, 'The first boat leaves at seven.');
    await reply(bo.agent, thread.id, 'And the last at eleven.');
    expect(await boardRow(anna.agent, 'alla', thread.id)).toMatchObject({ unread: true, readFrom: `/p/${first.id}` });
    // The board says it in words, beside the title, which leads to the first unread post.
    const page = await anna.agent.get('/n/alla').set('accept', HTML).set('accept-language', 'en').expect(200);
    expect(page.text).toMatch(
      new RegExp(
        `<li class="thread-row unread">\\s*<a class="thread-title" href="/p/${first.id}">Ferry times for the summer</a>\\s*<span class="badge unread-badge">Unread</span>`,
      ),
    );

    await open(anna, thread.id);
    expect(await unread(anna, thread.id)).toBe(false);
    const after = await anna.agent.get('/n/alla').set('accept', HTML).set('accept-language', 'en').expect(200);
    expect(after.text).not.toContain('>Unread<');
  });

  it('gives guests no read state: no marker and no field', async () => {
    const thread = await startThread(bo.agent, 'alla');
    const row = await boardRow(guest(ctx), 'alla', thread.id);
    expect(row).not.toHaveProperty('unread');
    expect(row).not.toHaveProperty('readFrom');
  });

  it('never makes a thread unread with one’s own posts', async () => {
    const thread = await startThread(anna.agent, 'alla');
    expect(await unread(anna, thread.id)).toBe(false);
    await open(anna, thread.id);
    await reply(anna.agent, thread.id, 'Adding a detail to my own question.');
    expect(await unread(anna, thread.id)).toBe(false);
    // Bo has not read it: Anna's posts are new to him.
    expect(await unread(bo, thread.id)).toBe(true);
  });

  it('does not count a post hidden from the member, nor a deleted one; a moderator who may read a hidden one sees it as unread', async () => {
    const thread = await startThread(anna.agent, 'alla');
    await open(anna, thread.id);
    await open(convener, thread.id);
    const offTopic = await reply(bo.agent, thread.id, 'Buy my boat, cheap!');
    await convener.agent.post(`/p/${offTopic.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    expect(await unread(anna, thread.id)).toBe(false);
    expect(await unread(convener, thread.id)).toBe(true);
    expect((await boardRow(convener.agent, 'alla', thread.id)).readFrom).toBe(`/p/${offTopic.id}`);

    const deleted = await reply(bo.agent, thread.id, 'Oops, wrong thread.');
    await bo.agent.post(`/p/${deleted.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    expect(await unread(anna, thread.id)).toBe(false);

    // Unhidden, it is Anna's to read.
    await convener.agent.post(`/p/${offTopic.id}/unhide`).set('accept', JSON_ACCEPT).expect(200);
    expect(await unread(anna, thread.id)).toBe(true);
  });

  it('brings nothing new from a network the member is not in until they open a thread there', async () => {
    const thread = await startThread(bo.agent, 'kajak');
    expect(await unread(anna, thread.id, 'kajak')).toBe(false);
    await open(anna, thread.id);
    await reply(bo.agent, thread.id, 'A reply after Anna looked.');
    expect(await unread(anna, thread.id, 'kajak')).toBe(true);
  });

  it('counts a thread never opened as new only for what was written in the last 30 days', async () => {
    const thread = await startThread(bo.agent, 'alla');
    expect(await unread(anna, thread.id)).toBe(true);
    // Forty days ago — and Anna a member since before then.
    await sql`update posts set created_at = now() - interval '40 days' where thread_id = ${thread.id}`.execute(ctx.db);
    await sql`update threads set last_activity_at = now() - interval '40 days' where id = ${thread.id}`.execute(ctx.db);
    await sql`update network_members set joined_at = now() - interval '60 days' where account_id = ${await accountId(anna)}`.execute(ctx.db);
    // Forty days passing is no event: what the instance keeps of Anna's read states ages out instead.
    ctx.app.sharedReads.drop([`reader:${await accountId(anna)}`]);
    expect(await unread(anna, thread.id)).toBe(false);
    // A reply today makes it news again.
    await reply(bo.agent, thread.id, 'Still looking for an answer.');
    expect(await unread(anna, thread.id)).toBe(true);
  });

  it('marks a thread cut in parts read only as far as every post was shown, in whatever order the parts are opened', async () => {
    const thread = await startThread(anna.agent, 'alla');
    const top = await reply(bo.agent, thread.id, 'The busy one');
    const below = await insertReplies(ctx, { threadId: thread.id, author: bo.username, under: top.id, count: 450 });
    // Opening the last part alone leaves the first two unread: reading continues at the top reply.
    await open(anna, thread.id, '?part=3');
    await open(anna, thread.id, '?part=3');
    expect(await boardRow(anna.agent, 'alla', thread.id)).toMatchObject({ unread: true, readFrom: `/p/${top.id}` });
    expect(await mark(anna, thread.id)).toBe(thread.posts[0]!.id);
    await open(anna, thread.id, '?part=1');
    const afterFirst = (await mark(anna, thread.id))!;
    expect(afterFirst).toBeGreaterThan(top.id);
    expect(afterFirst).toBeLessThan(below.at(-1)!);
    await open(anna, thread.id, '?part=2');
    expect(await unread(anna, thread.id)).toBe(true);
    await open(anna, thread.id, '?part=3');
    expect(await mark(anna, thread.id)).toBe(below.at(-1));
    expect(await unread(anna, thread.id)).toBe(false);
  });

  it('never moves the mark back: pages read at once leave one row at the furthest post, and an older page changes nothing', async () => {
    const thread = await startThread(bo.agent, 'alla');
    const replies = [];
    for (let i = 0; i < 4; i += 1) replies.push(await reply(bo.agent, thread.id, `Reply ${i}`));
    const all = [thread.posts[0]!.id, ...replies.map((r) => r.id)];
    const annaId = await accountId(anna);
    // Eight readings at once, each page having shown the thread up to a different post.
    await Promise.all(all.flatMap((_, i) => [markThreadRead(ctx.db, annaId, thread.id, all.slice(0, i + 1)), markThreadRead(ctx.db, annaId, thread.id, all)]));
    expect(await mark(anna, thread.id)).toBe(all.at(-1));
    // Through the pages too: four at once, one row.
    await Promise.all(Array.from({ length: 4 }, () => open(bo, thread.id)));
    const rows = await ctx.db.selectFrom('thread_reads').select('last_read_post_id').where('thread_id', '=', thread.id).execute();
    expect(rows).toHaveLength(2);
    // A page that showed less, read after, leaves the mark where it was.
    await markThreadRead(ctx.db, annaId, thread.id, all.slice(0, 2));
    expect(await mark(anna, thread.id)).toBe(all.at(-1));
  });

  it('writes nothing when a page cannot move the mark — a middle page of a thread not read from its start — and says where the mark is', async () => {
    const thread = await startThread(bo.agent, 'alla');
    const replies = [];
    for (let i = 0; i < 3; i += 1) replies.push(await reply(bo.agent, thread.id, `Reply ${i}`));
    const [first, second, third, fourth] = [thread.posts[0]!.id, ...replies.map((r) => r.id)] as [number, number, number, number];
    const annaId = await accountId(anna);
    expect(await markThreadRead(ctx.db, annaId, thread.id, [first])).toBe(first);
    const longAgo = new Date('2020-01-01T00:00:00Z');
    await ctx.db.updateTable('thread_reads').set({ read_at: longAgo }).where('account_id', '=', annaId).where('thread_id', '=', thread.id).execute();
    const readAt = async () =>
      (await ctx.db.selectFrom('thread_reads').select('read_at').where('account_id', '=', annaId).where('thread_id', '=', thread.id).executeTakeFirstOrThrow())
        .read_at;
    // The second post was never shown: showing the third and fourth leaves the mark, and the row, alone.
    expect(await markThreadRead(ctx.db, annaId, thread.id, [third, fourth])).toBe(first);
    expect(await mark(anna, thread.id)).toBe(first);
    expect(await readAt()).toEqual(longAgo);
    // Showing the second moves it, and writes.
    expect(await markThreadRead(ctx.db, annaId, thread.id, [second])).toBe(second);
    expect(await readAt()).not.toEqual(longAgo);
  });

  it('erases what a member read when their account is deleted', async () => {
    const leaving = await signUp(ctx);
    const thread = await startThread(bo.agent, 'alla');
    await open(leaving, thread.id);
    const id = await accountId(leaving);
    expect(await ctx.db.selectFrom('thread_reads').select('thread_id').where('account_id', '=', id).execute()).toHaveLength(1);
    await leaving.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: leaving.password }).expect(200);
    expect(await ctx.db.selectFrom('thread_reads').select('thread_id').where('account_id', '=', id).execute()).toHaveLength(0);
  });
});
