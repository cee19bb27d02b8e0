import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneEvents } from '../../src/live/live.queries.js';
import { signUp } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

describe('pruning the event backlog', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('keeps the newest event and every event a consumer has not handled yet', async () => {
    const member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'kajak' });
    const thread = await startThread(member.agent, 'kajak');
    for (let i = 0; i < 4; i += 1) await reply(member.agent, thread.id, `reply ${i}`);
    await ctx.app.notifications.runWorker();
    const ids = (await ctx.db.selectFrom('events').select('id').orderBy('id').execute()).map((row) => row.id);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    // As if the worker had stopped two events from the end.
    const consumerCursor = ids.at(-3)!;
    await ctx.db.updateTable('event_consumers').set({ cursor: consumerCursor }).execute();

    await pruneEvents(ctx.db, new Date(Date.now() + 60_000));
    const left = (await ctx.db.selectFrom('events').select('id').orderBy('id').execute()).map((row) => row.id);
    expect(left).toEqual(ids.filter((id) => id > consumerCursor));

    await ctx.db
      .updateTable('event_consumers')
      .set({ cursor: ids.at(-1)! })
      .execute();
    await pruneEvents(ctx.db, new Date(Date.now() + 60_000));
    const last = (await ctx.db.selectFrom('events').select('id').execute()).map((row) => row.id);
    expect(last).toEqual([ids.at(-1)]);
  });
});
