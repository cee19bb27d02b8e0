// GET /me/export: one JSON file with everything the forum keeps about the member — every post with
// its earlier versions, hidden and deleted ones marked — and nothing of anyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

interface ExportedPost {
  id: number;
  threadId: number;
  threadTitle: string | null;
  network: string;
  body: string;
  deleted: { byAuthor: boolean } | null;
  hidden: { by: string; reason: string } | null;
  revisions: Array<{ body: string; title: string | null }>;
}

describe('exporting one’s data', () => {
  let ctx: TestContext;
  let admin: Member;
  let member: Member;
  let other: Member;
  let memberId: number;
  const written: number[] = [];
  let hiddenId: number;
  let deletedByAuthorId: number;
  let deletedByAdminId: number;
  let editedId: number;
  let openingId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'export_admin', email: 'export.admin@example.test' });
    member = await signUp(ctx, { username: 'exporter', displayName: 'Ebba Export', email: 'ebba@example.test' });
    other = await signUp(ctx, { username: 'bystander', displayName: 'Bo Bystander', email: 'bo.private@example.test' });
    memberId = (await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'exporter').executeTakeFirstOrThrow()).id;
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });

    const thread = await startThread(member.agent, 'kajak', { title: 'Evening paddle', body: 'Who joins on Friday?' });
    openingId = thread.posts[0]!.id;
    written.push(openingId);
    await member.agent.post(`/p/${openingId}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Who joins on Saturday?', title: 'Weekend paddle' }).expect(200);
    const othersThread = await startThread(other.agent, 'fiske', { title: 'Pike season', body: 'Bystander secret words' });
    for (let i = 0; i < 12; i += 1) written.push((await reply(member.agent, i % 2 ? thread.id : othersThread.id, `Reply number ${i}`)).id);
    await reply(other.agent, thread.id, 'Another bystander text');
    [editedId, hiddenId, deletedByAuthorId, deletedByAdminId] = written.slice(1, 5) as [number, number, number, number];
    await member.agent.post(`/p/${editedId}/edit`).set('accept', JSON_ACCEPT).send({ body: 'Reply number 0, corrected' }).expect(200);
    await admin.agent.post(`/p/${hiddenId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    await member.agent.post(`/p/${deletedByAuthorId}/delete`).set('accept', JSON_ACCEPT).expect(200);
    await admin.agent.post(`/p/${deletedByAdminId}/delete`).set('accept', JSON_ACCEPT).expect(200);
    await member.agent.post('/n/fiske/follow').set('accept', JSON_ACCEPT).send({ level: 'threads' }).expect(200);
    await member.agent.post(`/p/${othersThread.posts[0]!.id}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(201);
    await member.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'instant' }).expect(200);
    await ctx.app.notifications.runWorker();
    await ctx.db.insertInto('profiles').values({ account_id: memberId, presentation: 'Guide on the bay', website: 'https://ebba.example' }).execute();
    const business = await ctx.db.insertInto('businesses').values({ slug: 'kajakboden', name: 'Kajakboden' }).returning('id').executeTakeFirstOrThrow();
    const otherId = (await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'bystander').executeTakeFirstOrThrow()).id;
    await ctx.db
      .insertInto('business_staff')
      .values([
        { business_id: business.id, account_id: memberId, role: 'owner', is_admin: true },
        { business_id: business.id, account_id: otherId, role: 'deckhand' },
      ])
      .execute();
  });
  afterAll(() => ctx.close());

  async function exported() {
    const response = await member.agent.get('/me/export').set('accept', HTML).expect(200);
    return { response, data: JSON.parse(response.text) as Record<string, unknown> & { posts: ExportedPost[] } };
  }

  it('is a JSON file to download, named for the forum, the member and the day', async () => {
    const { response } = await exported();
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const day = new Date().toISOString().slice(0, 10);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="bryggan-exporter-${day}.json"; filename*=UTF-8''bryggan-exporter-${day}.json`);
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('holds every post the member wrote, hidden and deleted ones marked, with earlier versions', async () => {
    const { data } = await exported();
    const stored = await ctx.db.selectFrom('posts').select('id').where('author_id', '=', memberId).orderBy('id').execute();
    expect(data.posts.map((post) => post.id)).toEqual(stored.map((row) => row.id));
    expect(data.posts.map((post) => post.id)).toEqual(written);
    const byId = new Map(data.posts.map((post) => [post.id, post]));
    expect(byId.get(openingId)).toMatchObject({
      threadTitle: 'Weekend paddle',
      network: 'kajak',
      body: 'Who joins on Saturday?',
      revisions: [{ body: 'Who joins on Friday?', title: 'Evening paddle' }],
    });
    expect(byId.get(editedId)).toMatchObject({
      threadTitle: null,
      network: 'fiske',
      body: 'Reply number 0, corrected',
      revisions: [{ body: 'Reply number 0', title: null }],
    });
    expect(byId.get(hiddenId)).toMatchObject({ hidden: { by: 'convener', reason: 'spam' }, deleted: null, body: 'Reply number 1' });
    expect(byId.get(deletedByAuthorId)).toMatchObject({ deleted: { byAuthor: true }, body: 'Reply number 2' });
    expect(byId.get(deletedByAdminId)).toMatchObject({ deleted: { byAuthor: false }, body: 'Reply number 3' });
  });

  it('holds the account, profile, businesses, follows, watches, what was read, flags and email choice', async () => {
    const { data } = await exported();
    expect(data.account).toMatchObject({ username: 'exporter', displayName: 'Ebba Export', email: 'ebba@example.test', role: 'member' });
    expect(data.profile).toMatchObject({ presentation: 'Guide on the bay', website: 'https://ebba.example', phone: null, showEmail: false });
    expect(data.businesses).toMatchObject([{ slug: 'kajakboden', name: 'Kajakboden', role: 'owner', isAdmin: true }]);
    expect(data.follows).toMatchObject([{ network: 'fiske', level: 'threads' }]);
    expect((data.watches as Array<{ state: string }>).length).toBeGreaterThan(0);
    // The thread page they opened moved a mark.
    const opening = await ctx.db.selectFrom('posts').select('thread_id').where('id', '=', openingId).executeTakeFirstOrThrow();
    await member.agent.get(`/t/${opening.thread_id}`).expect(200);
    expect((await exported()).data.reads).toEqual(
      expect.arrayContaining([{ threadId: expect.any(Number), readUpToPostId: expect.any(Number), at: expect.any(String) }]),
    );
    expect(data.flags).toMatchObject([{ reason: 'spam', resolution: null }]);
    expect(data.emailNotifications).toBe('instant');
  });

  it('holds the posts the member thanked', async () => {
    const { data: before } = await exported();
    const others = await ctx.db
      .selectFrom('posts')
      .innerJoin('accounts', 'accounts.id', 'posts.author_id')
      .select('posts.id')
      .where('accounts.username', '!=', 'exporter')
      .where('posts.deleted_at', 'is', null)
      .where('posts.hidden_at', 'is', null)
      .executeTakeFirstOrThrow();
    await member.agent.post(`/p/${others.id}/thanks`).set('accept', JSON_ACCEPT).expect(200);
    const { data } = await exported();
    expect(data.thanks).toEqual([...(before.thanks as unknown[]), { postId: others.id, at: expect.any(String) }]);
  });

  it('holds nothing of other members', async () => {
    const { response } = await exported();
    for (const text of [
      'bo.private@example.test',
      'export.admin@example.test',
      'Bystander secret words',
      'Another bystander text',
      'Bo Bystander',
      'deckhand',
    ]) {
      expect(response.text).not.toContain(text);
    }
  });

  it('is for the signed-in member only', async () => {
    expect((await guest(ctx).get('/me/export').set('accept', JSON_ACCEPT)).status).toBe(401);
  });
});
