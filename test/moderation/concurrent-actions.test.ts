// An author's edit, a convener's hide and a lock of the thread, all at the same moment: the row locks
// are taken so that none of them waits on another in a circle (PostgreSQL would answer one with a
// deadlock error, a 500), however they interleave.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { JSON_ACCEPT, signUp } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
test('an edit, a hide and a lock at the same moment all succeed, round after round', async () => {
  const admin = await signUp(ctx);
  const member = await signUp(ctx);
  await createNetwork(admin.agent, { slug: 'dl' });
  const thread = await startThread(member.agent, 'dl');
  const statuses: number[] = [];
  for (let i = 0; i < 15; i += 1) {
    const post = await reply(member.agent, thread.id, `reply ${i}`);
    const answers = await Promise.all([
      member.agent
        .post(`/p/${post.id}/edit`)
        .set('accept', JSON_ACCEPT)
        .send({ body: `edited ${i}` }),
      admin.agent.post(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }),
      admin.agent.post(`/t/${thread.id}/lock`).set('accept', JSON_ACCEPT),
    ]);
    statuses.push(...answers.map((answer) => answer.status));
    await admin.agent.post(`/t/${thread.id}/unlock`).set('accept', JSON_ACCEPT);
  }
  expect(
    statuses.every((status) => status === 200),
    statuses.join(' '),
  ).toBe(true);
});
