import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp } from '../helpers/agents.js';
import { createTestContext, onPostgres, secondInstance, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { connectLive, sessionCookie } from '../helpers/live.js';

// Two instances need a database server both can reach; PGlite lives inside one process.
describe.runIf(onPostgres)('two app instances on one PostgreSQL', () => {
  let a: TestContext;
  let b: TestContext;
  beforeAll(async () => {
    a = await createTestContext();
    b = await secondInstance(a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('delivers a reply posted to instance A to a client connected to instance B, and back', async () => {
    const member = await signUp(a);
    await createNetwork(member.agent, { slug: 'kajak' });
    const thread = await startThread(member.agent, 'kajak');
    const onB = await connectLive(b);
    const onA = await connectLive(a);
    for (const client of [onA, onB]) {
      client.send({ type: 'subscribe', topic: `thread:${thread.id}` });
      await client.next((m) => m.type === 'subscribed');
    }
    const posted = await reply(member.agent, thread.id, 'Posted to A');
    const received = await onB.next((m) => m.type === 'post.created');
    expect(received.post.id).toBe(posted.id);
    expect(received.post.html).toContain('Posted to A');
    expect((await onA.next((m) => m.type === 'post.created')).post.id).toBe(posted.id);

    const viaB = await b.app.inject({
      method: 'POST',
      url: `/t/${thread.id}/replies`,
      headers: { accept: 'application/json', cookie: sessionCookie(member.agent) },
      payload: { body: 'Posted to B' },
    });
    expect(viaB.statusCode).toBe(201);
    expect((await onA.next((m) => m.type === 'post.created')).post.html).toContain('Posted to B');
    expect((await onB.next((m) => m.type === 'post.created')).post.html).toContain('Posted to B');
    onA.close();
    onB.close();
  });

  it('closes with 4401 a connection on instance B when its session signs out on instance A', async () => {
    const member = await signUp(a);
    const onB = await connectLive(b, { cookie: sessionCookie(member.agent) });
    const bystander = await connectLive(b);
    await member.agent.post('/logout').set('accept', JSON_ACCEPT).expect(200);
    expect(await onB.closed).toBe(4401);
    expect(await bystander.settle()).toEqual([]);
    bystander.close();
  });
});
