import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { connectLive, sessionCookie } from '../helpers/live.js';

describe('the live topic `me`', () => {
  let ctx: TestContext;
  let anna: Member;
  let bo: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    anna = await signUp(ctx, { username: 'anna_live' });
    bo = await signUp(ctx, { username: 'bo_live' });
    await createNetwork(anna.agent, { slug: 'kajak' });
  });
  afterAll(() => ctx.close());

  it('refuses a guest, and names no one else\u2019s', async () => {
    const client = await connectLive(ctx);
    client.send({ type: 'subscribe', topic: 'me' });
    expect(await client.next()).toMatchObject({ type: 'error', topic: 'me' });
    client.send({ type: 'subscribe', topic: 'me:anna_live' });
    expect(await client.next()).toMatchObject({ type: 'error' });
    client.close();

    const asBo = await connectLive(ctx, { cookie: sessionCookie(bo.agent) });
    asBo.send({ type: 'subscribe', topic: 'me:anna_live' });
    expect(await asBo.next()).toMatchObject({ type: 'error' });
    asBo.close();
  });

  it('sends the count on subscribing and again as it rises and falls, to that account only', async () => {
    await anna.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    const forAnna = await connectLive(ctx, { cookie: sessionCookie(anna.agent) });
    const forBo = await connectLive(ctx, { cookie: sessionCookie(bo.agent) });
    for (const client of [forAnna, forBo]) {
      client.send({ type: 'subscribe', topic: 'me' });
      expect(await client.next()).toMatchObject({ type: 'subscribed', topic: 'me' });
      expect(await client.next()).toEqual({ type: 'notifications', topic: 'me', unread: 0 });
    }

    // The scenario of the issue: bo starts a thread on the board anna follows.
    const thread = await startThread(bo.agent, 'kajak', { title: 'Live count' });
    expect(await forAnna.next((m) => m.type === 'notifications')).toEqual({ type: 'notifications', topic: 'me', unread: 1 });
    await reply(bo.agent, thread.id, 'not for anna: she follows threads only');
    await reply(anna.agent, thread.id, 'anna replies, bo started it');
    expect(await forBo.next((m) => m.type === 'notifications')).toEqual({ type: 'notifications', topic: 'me', unread: 1 });

    // Anna's next count is the one her reading makes: bo's reply to a thread she only follows sent her none before it.
    await anna.agent.post('/notifications/read').set('accept', JSON_ACCEPT).send({}).expect(200);
    expect(await forAnna.next((m) => m.type === 'notifications')).toEqual({ type: 'notifications', topic: 'me', unread: 0 });
    // And bo's next is the one his reading makes: anna's reading sent him none.
    await bo.agent.post('/notifications/read').set('accept', JSON_ACCEPT).send({}).expect(200);
    expect(await forBo.next((m) => m.type === 'notifications')).toEqual({ type: 'notifications', topic: 'me', unread: 0 });
    forAnna.close();
    forBo.close();
  });
});
