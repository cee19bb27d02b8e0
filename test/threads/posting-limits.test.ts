import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, startThread } from '../helpers/forum.js';

describe('posting limits', () => {
  let ctx: TestContext;
  let newcomer: Member;
  let veteran: Member;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMITS: 'on' });
    newcomer = await signUp(ctx);
    veteran = await signUp(ctx);
    await createNetwork(newcomer.agent, { slug: 'kajak' });
    await ctx.db.updateTable('accounts').set({ created_at: new Date(Date.now() - 3 * 24 * 3600 * 1000) }).where('username', '=', veteran.username).execute();
  });
  afterAll(() => ctx.close());

  it('lets an account younger than a day start one thread a minute (429 with Retry-After)', async () => {
    await startThread(newcomer.agent, 'kajak');
    const second = await newcomer.agent.post('/n/kajak/threads').set('accept', JSON_ACCEPT).send({ title: 'Too soon', body: 'Again' });
    expect(second.status).toBe(429);
    const retryAfter = Number(second.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(15);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const count = await ctx.db.selectFrom('threads').select('id').where('title', '=', 'Too soon').execute();
    expect(count).toHaveLength(0);
  });

  it('keeps the text in the re-rendered form for browsers, with a friendly message', async () => {
    const response = await newcomer.agent.post('/n/kajak/threads').set('accept', HTML).set('accept-language', 'en').type('form').send({ title: 'Kept title', body: 'My carefully written question' });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBeTruthy();
    expect(response.text).toContain('My carefully written question');
    expect(response.text).toContain('value="Kept title"');
    expect(response.text).toContain('You are posting very fast');
  });

  it('lets an established account reply every 5 seconds, and start a thread every 15', async () => {
    const thread = await startThread(veteran.agent, 'kajak');
    const first = await veteran.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'one' });
    expect(first.status).toBe(201);
    const second = await veteran.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'two' });
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(5);
    const thread2 = await veteran.agent.post('/n/kajak/threads').set('accept', JSON_ACCEPT).send({ title: 'Second thread', body: 'x' });
    expect(thread2.status).toBe(429);
    expect(Number(thread2.headers['retry-after'])).toBeLessThanOrEqual(15);
    // Once the last reply is older than the limit, replying works again.
    await ctx.db.updateTable('posts').set({ created_at: new Date(Date.now() - 6000) }).where('author_id', '=', (await ctx.db.selectFrom('accounts').select('id').where('username', '=', veteran.username).executeTakeFirstOrThrow()).id).execute();
    const third = await veteran.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'three' });
    expect(third.status).toBe(201);
  });

  it('counts two replies sent at the same moment against the limit: one lands', async () => {
    const thread = await startThread(newcomer.agent, 'kajak').catch(() => null);
    const target = thread?.id ?? (await ctx.db.selectFrom('threads').select('id').limit(1).executeTakeFirstOrThrow()).id;
    const other = await signUp(ctx);
    const results = await Promise.all([1, 2, 3].map((n) => other.agent.post(`/t/${target}/replies`).set('accept', JSON_ACCEPT).send({ body: `burst ${n}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 429, 429]);
  });
});
