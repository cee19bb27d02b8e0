import { afterAll, beforeAll, it } from 'vitest';
import { signUp, type Member } from './helpers/agents.js';
import { createTestContext, type TestContext } from './helpers/context.js';
import { createNetwork, reply, startThread } from './helpers/forum.js';
import { untilEventsSeen } from './helpers/events.js';

let ctx: TestContext; let member: Member; let other: Member;
const queries: string[] = []; let counting = false;
beforeAll(async () => {
  ctx = await createTestContext({}, (sql) => counting && queries.push(sql));
  member = await signUp(ctx); other = await signUp(ctx);
  await createNetwork(member.agent, { slug: 'alla' });
});
afterAll(() => ctx.close());
it('counts', async () => {
  const t = await startThread(member.agent, 'alla');
  await reply(other.agent, t.id, 'warm');
  await ctx.app.notifications.runWorker(); await untilEventsSeen(ctx);
  await new Promise((r) => setTimeout(r, 500));
  queries.length = 0; counting = true;
  await reply(other.agent, t.id, 'Tack för tipset! Vi provade **samma upplägg**');
  const n1 = queries.length;
  await ctx.app.notifications.runWorker(); await untilEventsSeen(ctx);
  await new Promise((r) => setTimeout(r, 1000));
  counting = false;
  console.log('request', n1, 'total', queries.length);
  console.log(queries.map((q, i) => `${i < n1 ? 'R' : 'B'} ${q.replace(/\s+/g, ' ').slice(0, 260)}`).join('\n'));
});
