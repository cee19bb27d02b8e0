import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Topic } from './topics.js';

/** The topic's events after the cursor, in cursor order. */
export function eventsAfter(db: Kysely<DB>, topic: Topic, since: number, limit: number) {
  let query = db.selectFrom('events').select(['id', 'name', 'payload']).where('id', '>', since);
  query = topic.kind === 'thread'
    ? query.where('thread_id', '=', topic.threadId)
    : query.where('network_id', '=', topic.networkId).where('name', '=', 'thread.created');
  return query.orderBy('id').limit(limit).execute();
}

/** The oldest cursor still kept; null when no event was ever recorded. */
export async function oldestKeptCursor(db: Kysely<DB>): Promise<number | null> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.min('id').as('id')).executeTakeFirst();
  return row?.id == null ? null : Number(row.id);
}

/**
 * Forgets events older than the cutoff, always keeping the newest so cursors stay comparable, and
 * every event a background consumer (the notifications worker) has not handled yet.
 */
export async function pruneEvents(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where('created_at', '<', olderThan)
    .where('id', '<', (eb) => eb.selectFrom('events').select((e) => e.fn.max('id').as('max')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('event_consumers').select('name').where('event_consumers.cursor', '<', eb.ref('events.id')))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function threadExists(db: Kysely<DB>, threadId: number): Promise<boolean> {
  return !!(await db.selectFrom('threads').select('id').where('id', '=', threadId).executeTakeFirst());
}

export async function networkIdBySlug(db: Kysely<DB>, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('networks').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}
