// Waiting for the app to have seen what was written: until its event bus has dispatched every committed
// event, guests bypass the page cache and live subscribers have not been told.
import type { TestContext } from './context.js';

export async function untilEventsSeen(ctx: TestContext, timeoutMs = 5_000): Promise<void> {
  const latest = await ctx.db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const deadline = Date.now() + timeoutMs;
  while (ctx.app.events.cursor < (latest?.id ?? 0)) {
    if (Date.now() > deadline) throw new Error('the app did not see every committed event in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
