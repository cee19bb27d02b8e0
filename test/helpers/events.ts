// Waiting for the app to have seen what was written: until its event bus has dispatched every committed
// event, guests bypass the page cache and live subscribers have not been told.
import { recordEvent } from '../../src/core/events.js';
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

/**
 * Quiet: the notifications worker has handled every event, and the app has seen every event it recorded
 * (who has news, who now watches a thread), so no event drops what is read next while it is read.
 */
export async function untilQuiet(ctx: TestContext): Promise<void> {
  await ctx.app.notifications.runWorker();
  await untilEventsSeen(ctx);
}

/**
 * After a test changed an account behind the app's back (SQL): announces it as the app's own change
 * would, and waits until the app has seen it, so no session of the account is served from its cache.
 */
export async function announceAccountChange(ctx: TestContext, username: string): Promise<void> {
  const { id } = await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  await ctx.db.transaction().execute((tx) => recordEvent(tx, 'viewer.changed', { accountId: id }));
  await untilEventsSeen(ctx);
}
