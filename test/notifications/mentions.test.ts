import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import * as postMentionsMigration from '../../migrations/2026-11-30T1500_post_mentions.js';

/** The accounts a post's HTML links as mentions, in order of first mention, each once. */
function mentionedAccountIds(html: string): number[] {
  const ids = new Set<number>();
  for (const match of html.matchAll(/<a class="mention" href="[^"]*" data-mention="(\d+)">/g)) ids.add(Number(match[1]));
  return [...ids];
}

describe('@mentions', () => {
  let ctx: TestContext;
  let admin: Member;
  let writer: Member;
  const named: Member[] = [];
  let threadId: number;

  /** Whom the post mentions as stored with it (what the notifications worker reads), in order. */
  async function storedMentions(postId: number): Promise<number[]> {
    const rows = await ctx.db.selectFrom('post_mentions').select('account_id').where('post_id', '=', postId).orderBy('position').execute();
    return rows.map((row) => row.account_id);
  }

  async function mentionsOf(member: Member) {
    await ctx.app.notifications.runWorker();
    return ctx.db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select(['notifications.kind', 'notifications.post_id'])
      .where('accounts.username', '=', member.username)
      .where('notifications.kind', '=', 'mention')
      .where('notifications.withdrawn_at', 'is', null)
      .execute();
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'mention_admin' });
    writer = await signUp(ctx, { username: 'writer', displayName: 'Writer' });
    for (let i = 0; i < 11; i += 1) named.push(await signUp(ctx, { username: `named${i}` }));
    await createNetwork(admin.agent, { slug: 'kajak' });
    threadId = (await startThread(admin.agent, 'kajak', { title: 'Mentions' })).id;
  });
  afterAll(() => ctx.close());

  it('links a mention of an account and tells that account; an unknown name stays plain text', async () => {
    const post = await reply(writer.agent, threadId, 'Thanks @named0 and @nobody_here, see you');
    const named0 = await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'named0').executeTakeFirstOrThrow();
    expect(post.html).toContain(`<a class="mention" href="/u/named0" data-mention="${named0.id}">@named0</a>`);
    expect(post.html).toContain('@nobody_here');
    expect(post.html).not.toContain('href="/u/nobody_here"');
    expect(await storedMentions(post.id)).toEqual([named0.id]);
    expect(await mentionsOf(named[0]!)).toEqual([{ kind: 'mention', post_id: post.id }]);

    const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML);
    expect(page.text).toContain('href="/u/named0"');
    const person = await guest(ctx).get('/u/named0').set('accept', JSON_ACCEPT);
    expect(person.body).toMatchObject({ username: 'named0' });
    expect((await guest(ctx).get('/u/nobody_here').set('accept', JSON_ACCEPT)).status).toBe(404);

    const list = await named[0]!.agent.get('/notifications').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(list.body.notifications[0]).toMatchObject({ kind: 'mention', text: 'Writer mentioned you in “Mentions”' });
  });

  it('tells at most 10 of 11 mentioned accounts, in order of mention, and not the author', async () => {
    const body = [...named.map((m) => `@${m.username}`), '@writer'].join(' ');
    const post = await reply(writer.agent, threadId, body);
    expect(mentionedAccountIds(post.html)).toHaveLength(12);
    expect(await storedMentions(post.id)).toEqual(mentionedAccountIds(post.html));
    const told = [];
    for (const member of named) told.push((await mentionsOf(member)).filter((n) => n.post_id === post.id).length);
    expect(told).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(await mentionsOf(writer)).toEqual([]);
  });

  it('does not link inside code, links or e-mail addresses, and matches names in any case', async () => {
    const post = await reply(writer.agent, threadId, '`@named1` and [@named2](https://example.com) mail named3@example.com, hi @NAMED4!');
    expect(post.html).toContain('<code>@named1</code>');
    expect(post.html).not.toContain('href="/u/named2"');
    expect(post.html).not.toContain('href="/u/named3"');
    expect(post.html).toContain('href="/u/named4" data-mention=');
    expect(post.html).toContain('>@NAMED4</a>!');
    expect(mentionedAccountIds(post.html)).toHaveLength(1);
    expect(await storedMentions(post.id)).toEqual(mentionedAccountIds(post.html));
  });

  it('cannot be forged: markup a post writes itself is escaped or stripped', async () => {
    const post = await reply(writer.agent, threadId, '<a class="mention" href="/u/x" data-mention="1">@x</a> [x](/u/x "data-mention=1")');
    expect(mentionedAccountIds(post.html)).toEqual([]);
    expect(await storedMentions(post.id)).toEqual([]);
  });

  it('links mentions added by an edit', async () => {
    const post = await reply(writer.agent, threadId, 'No one yet');
    const edited = await writer.agent.post(`/p/${post.id}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Now @named5' });
    expect(edited.status).toBe(200);
    expect(edited.body.html).toContain('href="/u/named5"');
    const named5 = await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'named5').executeTakeFirstOrThrow();
    expect(await storedMentions(post.id)).toEqual([named5.id]);
    // An edit replaces the post's mentions.
    await writer.agent.post(`/p/${post.id}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Now @named6 and @named7 instead' }).expect(200);
    const replaced = await ctx.db.selectFrom('accounts').select('id').where('username', 'in', ['named6', 'named7']).orderBy('username').execute();
    expect(await storedMentions(post.id)).toEqual(replaced.map((account) => account.id));
  });

  it('does not tell a mentioned account that may not read the post', async () => {
    const hidden = await reply(writer.agent, threadId, 'Hello @named6');
    // Hidden before the worker gets to it (never told) or after (withdrawn): either way, nothing to see.
    await admin.agent.post(`/p/${hidden.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    expect((await mentionsOf(named[6]!)).filter((n) => n.post_id === hidden.id)).toEqual([]);
  });

  it('fills in the mentions of the posts written before they were stored, from the links in their HTML', async () => {
    const stored = async () =>
      ctx.db.selectFrom('post_mentions').select(['post_id', 'account_id', 'position']).orderBy('post_id').orderBy('position').execute();
    const twice = await reply(writer.agent, threadId, 'Hi @named1, @named0 and @named1 again');
    // A link to an account that is gone is left out.
    const gone = '<p><a class="mention" href="/u/gone" data-mention="999999">@gone</a></p>';
    await ctx.db
      .updateTable('posts')
      .set({ html: twice.html + gone })
      .where('id', '=', twice.id)
      .execute();
    const before = await stored();
    expect(before.filter((row) => row.post_id === twice.id).map((row) => row.position)).toEqual([1, 2]);
    expect(before.length).toBeGreaterThan(12);
    // Nothing may read the table while it is dropped: the worker has handled every post first.
    await ctx.app.notifications.runWorker();
    await postMentionsMigration.down(ctx.db);
    await postMentionsMigration.up(ctx.db);
    expect(await stored()).toEqual(before);
  });
});
