// A double-click or a retry posts once: forms carry a one-time key, scripts send Idempotency-Key, and
// the same key again answers with what the first made.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, startThread } from '../helpers/forum.js';

describe('sending a form twice', () => {
  let ctx: TestContext;
  let member: Member;
  let threadId: number;

  beforeAll(async () => {
    // Posting limits on, as in production: the second click must not meet "you are posting too fast".
    ctx = await createTestContext({ RATE_LIMITS: 'on', TRUST_PROXY: '1' });
    member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'twice' });
    threadId = (await startThread(member.agent, 'twice')).id;
    // Old enough for the established limits.
    await ctx.db
      .updateTable('accounts')
      .set({ created_at: new Date(Date.now() - 7 * 24 * 3600 * 1000) })
      .execute();
  });
  afterAll(() => ctx.close());

  // Each test starts past the posting limits' wait after the one before.
  beforeEach(async () => {
    const anHourAgo = new Date(Date.now() - 3600 * 1000);
    await ctx.db.updateTable('threads').set({ created_at: anHourAgo }).execute();
    await ctx.db.updateTable('posts').set({ created_at: anHourAgo }).execute();
  });

  const repliesWith = async (body: string) =>
    (await ctx.db.selectFrom('posts').select('id').where('thread_id', '=', threadId).where('body', '=', body).execute()).length;

  it('puts a one-time key in every form that creates a post, a new one each time the form is drawn', async () => {
    const first = await member.agent.get(`/t/${threadId}`).set('accept', HTML).expect(200);
    const second = await member.agent.get(`/t/${threadId}`).set('accept', HTML).expect(200);
    const key = (html: string) => /name="submission" value="([^"]+)"/.exec(html)?.[1];
    expect(key(first.text)).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(key(second.text)).not.toBe(key(first.text));
    expect(key((await member.agent.get(`/t/${threadId}/reply`).set('accept', HTML).expect(200)).text)).toBeTruthy();
    expect(key((await member.agent.get('/n/twice/new').set('accept', HTML).expect(200)).text)).toBeTruthy();
  });

  it('makes one reply of a double-click on "Post reply", both answered with the same page', async () => {
    const form = { body: 'Double-clicked reply', submission: 'double-click-key-1' };
    const [a, b] = await Promise.all([
      member.agent.post(`/t/${threadId}/replies`).set('accept', HTML).type('form').send(form),
      member.agent.post(`/t/${threadId}/replies`).set('accept', HTML).type('form').send(form),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.location).toBe(b.headers.location);
    expect(await repliesWith('Double-clicked reply')).toBe(1);
  });

  it('answers a script retrying with the same Idempotency-Key with the first 201, and creates nothing more', async () => {
    const send = () =>
      member.agent.post(`/t/${threadId}/replies`).set('accept', JSON_ACCEPT).set('idempotency-key', 'retry-after-timeout').send({ body: 'Retried reply' });
    const first = await send();
    expect(first.status).toBe(201);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await repliesWith('Retried reply')).toBe(1);
  });

  it('makes one thread of a double-click on "Start thread"', async () => {
    const form = { title: 'Clicked twice', body: 'Opening post', submission: 'new-thread-key-1' };
    const [a, b] = await Promise.all([
      member.agent.post('/n/twice/threads').set('accept', JSON_ACCEPT).send(form),
      member.agent.post('/n/twice/threads').set('accept', JSON_ACCEPT).send(form),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect((await ctx.db.selectFrom('threads').select('id').where('title', '=', 'Clicked twice').execute()).length).toBe(1);
  });

  it('creates again with another key, and with the same key once a day has passed', async () => {
    await ctx.db
      .updateTable('submissions')
      .set({ created_at: new Date(Date.now() - 25 * 3600 * 1000) })
      .where('key', '=', 'retry-after-timeout')
      .execute();
    await ctx.app.housekeeping.runAll();
    const again = await member.agent
      .post(`/t/${threadId}/replies`)
      .set('accept', JSON_ACCEPT)
      .set('idempotency-key', 'retry-after-timeout')
      .send({ body: 'Retried reply' });
    expect(again.status).toBe(201);
    expect(await repliesWith('Retried reply')).toBe(2);
  });

  it('refuses a key that is not one (400 naming it)', async () => {
    const response = await member.agent
      .post(`/t/${threadId}/replies`)
      .set('accept', JSON_ACCEPT)
      .set('idempotency-key', 'no spaces please')
      .send({ body: 'x' });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields)).toEqual(['idempotency-key']);
  });
});
