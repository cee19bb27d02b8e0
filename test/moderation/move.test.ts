// Moving a thread to the network where it belongs: the old board forgets it, the thread says where it
// came from and why, both networks' counts stay right, and the move is logged and announced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, networksWithConveners, reply, startThread } from '../helpers/forum.js';

describe('moving a thread', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let author: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx, { username: 'move_convener' });
    author = await signUp(ctx, { username: 'move_author' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: 'move_convener' }, fiske: { name: 'Fiske' } });
  });
  afterAll(() => ctx.close());

  /** The network's row (its thread count), and its latest activity as its board's JSON shows it. */
  async function network(slug: string) {
    const row = await ctx.db.selectFrom('networks').select(['id', 'thread_count']).where('slug', '=', slug).executeTakeFirstOrThrow();
    const board = await guest(ctx).get(`/n/${slug}`).set('accept', JSON_ACCEPT).expect(200);
    return { ...row, lastActivityAt: board.body.network.lastActivityAt as string | null };
  }

  it('moves: the old board no longer lists it, the new one does, and the thread says why', async () => {
    const stays = await startThread(author.agent, 'kajak', { title: 'Paddling routes in May' });
    const moving = await startThread(author.agent, 'kajak', { title: 'Best pike lures' });
    await reply(author.agent, moving.id, 'Spoons work well');
    const [kajakBefore, fiskeBefore] = [await network('kajak'), await network('fiske')];

    const moved = await convener.agent.post(`/t/${moving.id}/move`).set('accept', JSON_ACCEPT).send({ network: 'fiske', note: 'This is about fishing' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id: moving.id,
      network: { slug: 'fiske', name: 'Fiske' },
      moved: { from: { slug: 'kajak', name: 'Kajak' }, note: 'This is about fishing' },
    });

    const oldBoard = await guest(ctx).get('/n/kajak').set('accept', JSON_ACCEPT);
    expect(oldBoard.body.threads.map((t: { id: number }) => t.id)).toEqual([stays.id]);
    expect((await guest(ctx).get('/n/kajak').set('accept', HTML)).text).not.toContain('Best pike lures');
    const newBoard = await guest(ctx).get('/n/fiske').set('accept', JSON_ACCEPT);
    expect(newBoard.body.threads.map((t: { id: number }) => t.id)).toEqual([moving.id]);

    const en = await guest(ctx).get(`/t/${moving.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(en.text).toContain('Moved from Kajak by a convener: This is about fishing');
    expect(en.text).toContain('href="/n/fiske"');
    const sv = await guest(ctx).get(`/t/${moving.id}`).set('accept', HTML).set('accept-language', 'sv');
    expect(sv.text).toContain('Flyttad från Kajak av en sammankallande: This is about fishing');
    const json = await guest(ctx).get(`/t/${moving.id}`).set('accept', JSON_ACCEPT);
    expect(json.body.moved).toMatchObject({ from: { slug: 'kajak', name: 'Kajak' }, note: 'This is about fishing' });

    const [kajakAfter, fiskeAfter] = [await network('kajak'), await network('fiske')];
    expect(kajakAfter.thread_count).toBe(kajakBefore.thread_count - 1);
    expect(fiskeAfter.thread_count).toBe(fiskeBefore.thread_count + 1);
    const staysRow = await ctx.db.selectFrom('threads').select('last_activity_at').where('id', '=', stays.id).executeTakeFirstOrThrow();
    const movingRow = await ctx.db.selectFrom('threads').select('last_activity_at').where('id', '=', moving.id).executeTakeFirstOrThrow();
    expect(kajakAfter.lastActivityAt).toBe(staysRow.last_activity_at.toISOString());
    expect(fiskeAfter.lastActivityAt).toBe(movingRow.last_activity_at.toISOString());

    const log = await ctx.db.selectFrom('moderation_log').selectAll().where('thread_id', '=', moving.id).execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'move', network_id: kajakBefore.id, target_network_id: fiskeAfter.id, reason: null, note: 'This is about fishing' });
    const event = await ctx.db
      .selectFrom('events')
      .select(['name', 'payload'])
      .where('name', '=', 'thread.moved')
      .where('thread_id', '=', moving.id)
      .executeTakeFirstOrThrow();
    const payload = typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload;
    expect(payload).toEqual({ threadId: moving.id, networkId: fiskeAfter.id, fromNetworkId: kajakBefore.id });
  });

  it('leaves a network with no threads without a latest activity, and arrives unpinned', async () => {
    await createNetwork(admin.agent, { slug: 'kultur', name: 'Kultur' });
    const only = await startThread(author.agent, 'kultur', { title: 'Only thread here' });
    await admin.agent.post(`/t/${only.id}/pin`).set('accept', JSON_ACCEPT).expect(200);
    await admin.agent.post(`/t/${only.id}/move`).set('accept', JSON_ACCEPT).send({ network: 'kajak', note: 'Paddling' }).expect(200);
    const kultur = await network('kultur');
    expect(kultur).toMatchObject({ thread_count: 0, lastActivityAt: null });
    const row = await ctx.db.selectFrom('threads').select(['pinned', 'network_id']).where('id', '=', only.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ pinned: false, network_id: (await network('kajak')).id });
  });

  it('refuses an unknown or the same network, and a missing or long note, with 400 on the field and nothing changed', async () => {
    const thread = await startThread(author.agent, 'kajak', { title: 'Stay where you are' });
    const send = (body: object) => convener.agent.post(`/t/${thread.id}/move`).set('accept', JSON_ACCEPT).send(body);
    const unknown = await send({ network: 'nowhere', note: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields.network).toBeTruthy();
    const same = await send({ network: 'kajak', note: 'x' });
    expect(same.status).toBe(400);
    expect(same.body.fields.network).toBeTruthy();
    const noNote = await send({ network: 'fiske' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.fields.note).toBeTruthy();
    const longNote = await send({ network: 'fiske', note: 'n'.repeat(501) });
    expect(longNote.status).toBe(400);
    expect(longNote.body.fields.note).toBeTruthy();
    const row = await ctx.db.selectFrom('threads').select(['network_id', 'moved_at']).where('id', '=', thread.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ network_id: (await network('kajak')).id, moved_at: null });
    expect(await ctx.db.selectFrom('moderation_log').select('id').where('thread_id', '=', thread.id).execute()).toEqual([]);
  });

  it('works from the browser: the tools on the thread page, the move form, 303 back to the thread, errors kept on the form', async () => {
    const thread = await startThread(author.agent, 'kajak', { title: 'Ice fishing permits' });
    const page = await convener.agent.get(`/t/${thread.id}`).set('accept', HTML);
    // The thread page links to the move form, which picks the network from a list: no address to type.
    expect(page.text).toContain(`href="/t/${thread.id}/move"`);
    expect(page.text).not.toContain('<input id="move-network"');
    expect((await author.agent.get(`/t/${thread.id}`).set('accept', HTML)).text).not.toContain(`href="/t/${thread.id}/move"`);

    const form = await convener.agent.get(`/t/${thread.id}/move`).set('accept', HTML);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<option value="fiske">Fiske</option>');
    expect(form.text).not.toContain('<option value="kajak">');
    expect((await author.agent.get(`/t/${thread.id}/move`).set('accept', HTML)).status).toBe(403);

    const refused = await convener.agent.post(`/t/${thread.id}/move`).set('accept', HTML).type('form').send({ network: 'fiske', note: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<option value="fiske" selected>Fiske</option>');

    const done = await convener.agent.post(`/t/${thread.id}/move`).set('accept', HTML).type('form').send({ network: 'fiske', note: 'Fishing permits' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/t/${thread.id}`);
  });
});
