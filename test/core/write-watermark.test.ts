// Read-your-writes without a query of its own: a write marks the events table, and the mark is reached
// only once a read of the events begun after it has handed every event to the listeners. A read that
// was already under way when the write committed does not count, whatever it returns.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, recordEvent } from '../../src/core/events.js';
import type { DB } from '../../src/db/schema.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

/**
 * The database as the bus sees it, with every answer held while closed: what the database answered stays
 * as it was when asked. Held after the query has given its connection back (PGlite has but one).
 */
function gated(db: Kysely<DB>) {
  let open = true;
  let waiting: Array<() => void> = [];
  const held = async <T>(answer: Promise<T>): Promise<T> => {
    const result = await answer;
    if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
    return result;
  };
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(object, args);
          if (property === 'execute' || property === 'executeTakeFirst') return held(result as Promise<unknown>);
          return result !== null && typeof result === 'object' ? wrap(result) : result;
        };
      },
    });
  return {
    db: wrap(db),
    close: () => void (open = false),
    open() {
      open = true;
      for (const resolve of waiting) resolve();
      waiting = [];
    },
  };
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the write watermark', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('is reached only by a read begun after the write, once it has handed the write’s event over', async () => {
    const held = gated(ctx.db);
    const bus = new EventBus((error) => {
      throw error;
    });
    const seen: number[] = [];
    bus.on('thread.changed', (payload) => void seen.push(payload.threadId));
    await bus.start({ ...ctx.database, db: held.db });
    try {
      expect(bus.reached(0)).toBe(true);
      held.close();
      // A read under way (its answer held) before the event commits.
      const before = bus.markCommitted();
      expect(bus.reached(before)).toBe(false);
      await ctx.db.transaction().execute((tx) => recordEvent(tx, 'thread.changed', { threadId: 4242 }));
      const afterWrite = bus.markCommitted();
      held.open();
      while (!bus.reached(afterWrite)) await nextTurn();
      expect(seen).toEqual([4242]);
      expect(bus.reached(before)).toBe(true);
    } finally {
      held.open();
      await bus.stop();
    }
  });
});
