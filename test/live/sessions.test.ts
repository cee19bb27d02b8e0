// A connection lives no longer than its session, and sees what its account may see now. The heartbeat
// runs on a fake interval, so a test decides when it beats; everything else runs on real time.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JSON_ACCEPT, guest, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { connectLive, sessionCookie, type LiveClient } from '../helpers/live.js';
import { HEARTBEAT_MS } from '../../src/live/limits.js';

describe('live connections and their sessions', () => {
  let ctx: TestContext;
  let admin: Member;
  let threadId: number;
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    ctx = await createTestContext();
    admin = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'kajak' });
    threadId = (await startThread(admin.agent, 'kajak')).id;
  });
  afterAll(async () => {
    await ctx.close();
    vi.useRealTimers();
  });

  /** Another session of the same account, as a second browser has it. */
  async function signInAgain(member: Member): Promise<Agent> {
    const agent = guest(ctx);
    await agent.post('/login').set('accept', JSON_ACCEPT).send({ login: member.username, password: member.password }).expect(200);
    return agent;
  }

  async function watching(agent?: Agent): Promise<LiveClient> {
    const client = await connectLive(ctx, agent ? { cookie: sessionCookie(agent) } : {});
    client.send({ type: 'subscribe', topic: `thread:${threadId}` });
    await client.next((m) => m.type === 'subscribed');
    return client;
  }

  /** One beat of the heartbeat; resolves when it has re-checked the clients' sessions and pinged them. */
  async function heartbeat(...clients: LiveClient[]): Promise<void> {
    const pinged = clients.map((client) => client.pinged());
    vi.advanceTimersByTime(HEARTBEAT_MS);
    await Promise.all(pinged);
    // Their pongs have reached the server once the answers to later messages have come back.
    await Promise.all(clients.map((client) => client.settle()));
  }

  /** The post as the client is sent it when a moderator hides it. */
  async function hiddenAs(client: LiveClient, body: string) {
    const author = await signUp(ctx);
    const post = await reply(author.agent, threadId, body);
    await client.next((m) => m.type === 'post.created' && m.post.id === post.id);
    await admin.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    return (await client.next((m) => m.type === 'post.hidden' && m.post.id === post.id)).post;
  }

  it('closes with 4401, at once, the connections opened with a session that signs out, and only those', async () => {
    const moderator = await signUp(ctx);
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: moderator.username }).expect(200);
    const laptop = moderator.agent;
    const phone = await signInAgain(moderator);
    const [onLaptop, onPhone, asGuest] = [await watching(laptop), await watching(phone), await watching()];

    await laptop.post('/logout').set('accept', JSON_ACCEPT).expect(200);
    expect(await onLaptop.closed).toBe(4401);
    expect(await onPhone.settle()).toEqual([]);
    expect(await asGuest.settle()).toEqual([]);
    // The phone's session goes on as a moderator's.
    expect((await hiddenAs(onPhone, 'hidden while the phone watches')).html).toContain('hidden while the phone watches');
    onPhone.close();
    asGuest.close();
  });

  it('closes the connections of every other session of an account whose password changes', async () => {
    const member = await signUp(ctx);
    const other = await signInAgain(member);
    const [here, elsewhere] = [await watching(member.agent), await watching(other)];
    await member.agent
      .post('/me/password')
      .set('accept', JSON_ACCEPT)
      .send({ currentPassword: member.password, newPassword: 'a brand new secret' })
      .expect(200);
    expect(await elsewhere.closed).toBe(4401);
    expect(await here.settle()).toEqual([]);
    here.close();
  });

  it('closes at the heartbeat a connection whose session expired or was deleted without an event', async () => {
    const member = await signUp(ctx);
    const other = await signInAgain(member);
    const [expiring, deleted, staying] = [await watching(member.agent), await watching(other), await watching(await signInAgain(member))];
    const sessionId = (agent: Agent) => sessionCookie(agent).slice('session='.length).split('.')[0]!;
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', sessionId(member.agent))
      .execute();
    await ctx.db.deleteFrom('sessions').where('id', '=', sessionId(other)).execute();

    await heartbeat(staying);
    expect(await expiring.closed).toBe(4401);
    expect(await deleted.closed).toBe(4401);
    staying.close();
  });

  it('gives a connection its account’s role and conveners as they are at the heartbeat', async () => {
    const demoted = await signUp(ctx);
    await ctx.db.updateTable('accounts').set({ role: 'admin' }).where('username', '=', demoted.username).execute();
    const exConvener = await signUp(ctx);
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: exConvener.username }).expect(200);
    const asDemoted = await watching(demoted.agent);
    const asExConvener = await watching(exConvener.agent);
    expect((await hiddenAs(asDemoted, 'seen as an admin')).html).toContain('seen as an admin');
    expect((await hiddenAs(asExConvener, 'seen as a convener')).html).toContain('seen as a convener');

    // Changed behind the forum's back: no event, only the heartbeat can tell.
    await ctx.db.updateTable('accounts').set({ role: 'member' }).where('username', '=', demoted.username).execute();
    await ctx.db
      .deleteFrom('conveners')
      .where('account_id', '=', ctx.db.selectFrom('accounts').select('id').where('username', '=', exConvener.username))
      .execute();
    await heartbeat(asDemoted, asExConvener);

    for (const client of [asDemoted, asExConvener]) {
      const post = await hiddenAs(client, 'not for members');
      expect(post.hidden).toMatchObject({ by: 'convener', reason: 'off-topic' });
      expect(post.html).not.toContain('not for members');
      client.close();
    }
  });
});
