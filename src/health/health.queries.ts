import { setTimeout as delay } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Asks the database for `select 1`: true when it answers within the time, false when it does not (a
 * frozen server), or the error it failed with. The query itself may go on in the background.
 */
export async function databaseAnswers(db: Kysely<DB>, withinMs: number): Promise<unknown> {
  const controller = new AbortController();
  try {
    return await Promise.race([
      sql`select 1`.execute(db).then(
        () => true as const,
        (error: unknown) => error,
      ),
      delay(withinMs, false as const, { signal: controller.signal }),
    ]);
  } finally {
    controller.abort();
  }
}
