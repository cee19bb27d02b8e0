import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';
import { convenesColumn } from '../accounts/public.js';

export const POST_EVENTS = ['post.created', 'post.edited', 'post.deleted', 'post.restored', 'post.hidden', 'post.unhidden'] as const;

const postIdOf = sql<number>`(payload->>'postId')::int`;

/**
 * The posts of a thread that events after the cursor are about, each once, in the order each was first
 * touched (so a reply comes after the post it answers): the first and the last of those events' cursors,
 * the last one's name, and whether one of them created the post. At most `limit` posts.
 */
export function postsTouchedAfter(db: Kysely<DB>, threadId: number, since: number, limit: number) {
  return db
    .selectFrom('events')
    .select([
      postIdOf.as('post_id'),
      // Cursors are bigint: strings from pg.
      (eb) => eb.fn.min<number | string>('id').as('first_cursor'),
      (eb) => eb.fn.max<number | string>('id').as('last_cursor'),
      sql<string>`(array_agg(name order by id desc))[1]`.as('last_name'),
      sql<boolean>`bool_or(name = 'post.created')`.as('created'),
    ])
    .where('thread_id', '=', threadId)
    .where('id', '>', since)
    .where('name', 'in', POST_EVENTS)
    .groupBy(postIdOf)
    .orderBy('first_cursor')
    .limit(limit)
    .execute();
}

/** The threads started on a board after the cursor, in cursor order; at most `limit`. */
export function threadsCreatedAfter(db: Kysely<DB>, networkId: number, since: number, limit: number) {
  return db
    .selectFrom('events')
    .select(['id as cursor', sql<number>`(payload->>'threadId')::int`.as('thread_id')])
    .where('network_id', '=', networkId)
    .where('name', '=', 'thread.created')
    .where('id', '>', since)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The oldest cursor still kept; null when no event was ever recorded. */
export async function oldestKeptCursor(db: Kysely<DB>): Promise<number | null> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.min('id').as('id'))
    .executeTakeFirst();
  return row?.id ?? null;
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

export interface LiveSession {
  role: Role;
  /** Ids of the networks the account convenes now. */
  convenes: number[];
}

/**
 * Of these sessions, the ones still valid at `now`, by id, with their account's role and conveners as
 * they are now: what open connections are re-checked against. One query for any number of sessions.
 */
export async function currentSessions(db: Kysely<DB>, sessionIds: readonly string[], now: Date): Promise<Map<string, LiveSession>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['sessions.id', 'accounts.role', convenesColumn()])
    .where(sql<boolean>`sessions.id = any(${[...sessionIds]}::text[])`)
    .where('sessions.expires_at', '>', now)
    .execute();
  return new Map(rows.map((row) => [row.id, { role: row.role, convenes: row.convenes }]));
}

export async function threadExists(db: Kysely<DB>, threadId: number): Promise<boolean> {
  return !!(await db.selectFrom('threads').select('id').where('id', '=', threadId).executeTakeFirst());
}

export async function networkIdBySlug(db: Kysely<DB>, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('networks').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}
