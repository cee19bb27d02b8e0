// Locking (no new replies) and pinning (first on the board) threads, and undoing both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

describe('locking and pinning threads', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let member: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx, { username: 'lock_convener' });
    member = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: 'lock_convener' } });
  });
  afterAll(() => ctx.close());

  function logOf(threadId: number) {
    return ctx.db.selectFrom('moderation_log').select(['action', 'actor_id']).where('thread_id', '=', threadId).orderBy('id').execute();
  }

  it('locks: replies answer 403 with a clear message, the page hides the form; unlocking opens it again', async () => {
    const thread = await startThread(member.agent, 'kajak', { title: 'Season opening' });
    const locked = await convener.agent.post(`/t/${thread.id}/lock`).set('accept', JSON_ACCEPT);
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ id: thread.id, locked: true, pinned: false });

    const refused = await member.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ body: 'One more thing' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('This thread is locked: no new replies.');
    const page = await member.agent.get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).not.toContain(`action="/t/${thread.id}/replies"`);
    expect(page.text).toContain('This thread is locked: no new replies.');
    expect((await guest(ctx).get('/n/kajak').set('accept', JSON_ACCEPT)).body.threads[0]).toMatchObject({ id: thread.id, locked: true });

    // Locking a locked thread changes nothing and logs nothing.
    await convener.agent.post(`/t/${thread.id}/lock`).set('accept', JSON_ACCEPT).expect(200);
    expect((await logOf(thread.id)).map((row) => row.action)).toEqual(['lock']);

    const unlocked = await admin.agent.post(`/t/${thread.id}/unlock`).set('accept', JSON_ACCEPT);
    expect(unlocked.body.locked).toBe(false);
    await reply(member.agent, thread.id, 'Now I can answer');
    expect((await logOf(thread.id)).map((row) => row.action)).toEqual(['lock', 'unlock']);
    const events = await ctx.db.selectFrom('events').select('name').where('thread_id', '=', thread.id).where('name', '=', 'thread.changed').execute();
    expect(events).toHaveLength(2);
  });

  it('pins: first on the board whatever its age; unpinning puts it back in order', async () => {
    const old = await startThread(member.agent, 'kajak', { title: 'An old thread' });
    const recent = await startThread(member.agent, 'kajak', { title: 'A recent thread' });
    await reply(member.agent, recent.id, 'Keeps it recent');
    const order = async () => (await guest(ctx).get('/n/kajak').set('accept', JSON_ACCEPT)).body.threads.map((t: { id: number }) => t.id);
    expect((await order()).indexOf(recent.id)).toBeLessThan((await order()).indexOf(old.id));

    const pinned = await convener.agent.post(`/t/${old.id}/pin`).set('accept', JSON_ACCEPT);
    expect(pinned.body).toMatchObject({ pinned: true });
    expect((await order())[0]).toBe(old.id);
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(board.text).toMatch(/An old thread<\/a>[\s\S]*?<span class="badge">Pinned<\/span>/);

    await convener.agent.post(`/t/${old.id}/unpin`).set('accept', JSON_ACCEPT).expect(200);
    expect((await order()).indexOf(recent.id)).toBeLessThan((await order()).indexOf(old.id));
    expect((await logOf(old.id)).map((row) => row.action)).toEqual(['pin', 'unpin']);
  });

  it('shows moderators the buttons, and sends browsers back to the thread', async () => {
    const thread = await startThread(member.agent, 'kajak', { title: 'Buttons' });
    const forConvener = await convener.agent.get(`/t/${thread.id}`).set('accept', HTML);
    expect(forConvener.text).toContain(`action="/t/${thread.id}/lock"`);
    expect(forConvener.text).toContain(`action="/t/${thread.id}/pin"`);
    for (const viewer of [member.agent, guest(ctx)]) {
      const page = await viewer.get(`/t/${thread.id}`).set('accept', HTML);
      expect(page.text).not.toContain(`action="/t/${thread.id}/lock"`);
      expect(page.text).not.toContain(`action="/t/${thread.id}/pin"`);
    }
    const done = await convener.agent.post(`/t/${thread.id}/lock`).set('accept', HTML).type('form').send({});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/t/${thread.id}`);
    const after = await convener.agent.get(`/t/${thread.id}`).set('accept', HTML);
    expect(after.text).toContain(`action="/t/${thread.id}/unlock"`);
    expect((await convener.agent.post('/t/999999/lock').set('accept', JSON_ACCEPT)).status).toBe(404);
  });
});
