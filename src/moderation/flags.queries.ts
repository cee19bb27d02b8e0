import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, FlagsTable } from '../db/schema.js';
import { POST_COLUMNS } from '../posts/posts.queries.js';

/**
 * Locks the flagger's account row for the rest of the transaction, so one member's flags are counted
 * one at a time (the daily limit cannot be outrun by parallel requests). Says whether the account is
 * old enough and has posted — whether its flags count toward community hiding. Undefined for an
 * account deleted meanwhile: a request that raced its deletion flags nothing.
 */
export function lockFlagger(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('accounts')
    .select([
      'accounts.id',
      sql<boolean>`accounts.created_at <= now() - interval '24 hours'`.as('old_enough'),
      sql<boolean>`exists (select 1 from posts where posts.author_id = accounts.id)`.as('has_posted'),
    ])
    .where('accounts.id', '=', accountId)
    .where('accounts.deleted_at', 'is', null)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * Locks the post for the rest of the transaction, so flags from different members on the same post
 * are counted one after another and the threshold is never missed by two flags crossing in flight.
 */
export function lockPostForFlagging(db: Kysely<DB>, postId: number) {
  return db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('networks', 'networks.id', 'threads.network_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.author_id',
      'posts.deleted_at',
      'posts.hidden_at',
      'posts.hidden_kind',
      'threads.network_id',
      'networks.slug as network_slug',
    ])
    .where('posts.id', '=', postId)
    .forUpdate('posts')
    .executeTakeFirst();
}

const flagColumns = ['id', 'post_id', 'reason', 'rule', 'note', 'counts', 'created_at', 'resolution'] as const;

export function findFlag(db: Kysely<DB>, postId: number, flaggerId: number) {
  return db.selectFrom('flags').select(flagColumns).where('post_id', '=', postId).where('flagger_id', '=', flaggerId).executeTakeFirst();
}

export type FlagRow = NonNullable<Awaited<ReturnType<typeof findFlag>>>;

/** Inserts the flag; undefined when the member has flagged the post already (nothing is stored). */
export function insertFlag(db: Kysely<DB>, flag: Insertable<FlagsTable>) {
  return db
    .insertInto('flags')
    .values(flag)
    .onConflict((oc) => oc.columns(['post_id', 'flagger_id']).doNothing())
    .returning(flagColumns)
    .executeTakeFirst();
}

/** How many flags the member made in the last 24 hours, and in how many seconds the oldest of them leaves that window. */
export async function recentFlagsOf(db: Kysely<DB>, flaggerId: number): Promise<{ count: number; secondsUntilOneExpires: number }> {
  const row = await db
    .selectFrom('flags')
    .select([
      (eb) => eb.fn.countAll().as('count'),
      sql<number | string | null>`ceil(extract(epoch from (min(created_at) + interval '24 hours' - now())))`.as('seconds'),
    ])
    .where('flagger_id', '=', flaggerId)
    .where('created_at', '>', sql<Date>`now() - interval '24 hours'`)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), secondsUntilOneExpires: Math.max(1, Number(row.seconds ?? 1)) };
}

/** The open flags on a post that count toward community hiding (one per flagger, by the unique key), oldest first. */
export function countingOpenFlags(db: Kysely<DB>, postId: number) {
  return db
    .selectFrom('flags')
    .select(['reason', 'rule', 'created_at'])
    .where('post_id', '=', postId)
    .where('resolution', 'is', null)
    .where('counts', '=', true)
    .orderBy('id')
    .execute();
}

/** The threshold an admin set for the network; null when it follows the network's size. */
export async function thresholdSetting(db: Kysely<DB>, networkId: number): Promise<number | null> {
  const row = await db.selectFrom('networks').select('flag_threshold').where('id', '=', networkId).executeTakeFirst();
  return row?.flag_threshold ?? null;
}

export async function setThresholdSetting(db: Kysely<DB>, networkId: number, threshold: number | null): Promise<void> {
  await db.updateTable('networks').set({ flag_threshold: threshold }).where('id', '=', networkId).execute();
}

/** Which posts the review queue lists: one network's, or every network's (null). */
export type ReviewScope = readonly number[] | null;

/**
 * One page of the review queue: posts with open flags, the most recently flagged first
 * (`beforeFlagId` continues after a page's last row), each with the columns a post's view needs (the
 * same as posts' PostRow) and where it lives. A community-hidden post keeps its open flags until a
 * convener agrees (hide) or dismisses, so it is listed too.
 */
export function listReviewPosts(db: Kysely<DB>, scope: ReviewScope, limit: number, beforeFlagId?: number) {
  const open = db
    .selectFrom('flags')
    .select([
      'flags.post_id',
      (eb) => eb.fn.countAll<number | string>().as('open_flags'),
      (eb) => eb.fn.count<number | string>('flags.id').filterWhere('flags.counts', '=', true).as('counted_flags'),
      (eb) => eb.fn.max('flags.created_at').as('latest_flag_at'),
      // Unique per post (a flag belongs to one post): the queue's order and its page cursor.
      (eb) => eb.fn.max('flags.id').as('latest_flag_id'),
    ])
    .where('flags.resolution', 'is', null)
    .groupBy('flags.post_id')
    .as('open');
  let query = db
    .selectFrom(open)
    .innerJoin('posts', 'posts.id', 'open.post_id')
    .innerJoin('accounts as author', 'author.id', 'posts.author_id')
    .innerJoin('threads as post_thread', 'post_thread.id', 'posts.thread_id')
    .innerJoin('networks', 'networks.id', 'post_thread.network_id')
    .select([
      ...POST_COLUMNS,
      'post_thread.title as thread_title',
      'post_thread.slug as thread_slug',
      'networks.slug as network_slug',
      'networks.name as network_name',
      'open.open_flags',
      'open.counted_flags',
      'open.latest_flag_at',
      'open.latest_flag_id',
    ])
    // A deleted post needs no verdict: its author took it away.
    .where('posts.deleted_at', 'is', null);
  if (scope) {
    if (scope.length === 0) return Promise.resolve([]);
    query = query.where('post_thread.network_id', 'in', scope);
  }
  if (beforeFlagId !== undefined) query = query.where('open.latest_flag_id', '<', beforeFlagId);
  return query.orderBy('open.latest_flag_id', 'desc').limit(limit).execute();
}

export type ReviewPostRow = Awaited<ReturnType<typeof listReviewPosts>>[number];

/** The open flags on the listed posts, with who flagged (nobody, once the flagger deleted their account), in one query. */
export function openFlagsOf(db: Kysely<DB>, postIds: readonly number[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('flags')
    .leftJoin('accounts as flagger', 'flagger.id', 'flags.flagger_id')
    .select([
      'flags.id',
      'flags.post_id',
      'flags.reason',
      'flags.rule',
      'flags.note',
      'flags.counts',
      'flags.created_at',
      'flagger.username as flagger_username',
      'flagger.display_name as flagger_display_name',
    ])
    .where('flags.post_id', 'in', postIds)
    .where('flags.resolution', 'is', null)
    .orderBy('flags.id')
    .execute();
}

export type OpenFlagRow = Awaited<ReturnType<typeof openFlagsOf>>[number];

/** How many posts in the network await review: the number on a convener's "Review (N)" link. */
export async function reviewCount(db: Kysely<DB>, networkId: number): Promise<number> {
  const row = await db
    .selectFrom('flags')
    .innerJoin('posts', 'posts.id', 'flags.post_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select((eb) => eb.fn.count<number | string>('flags.post_id').distinct().as('count'))
    .where('flags.resolution', 'is', null)
    .where('posts.deleted_at', 'is', null)
    .where('threads.network_id', '=', networkId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function openFlagCount(db: Kysely<DB>, postId: number): Promise<number> {
  const row = await db
    .selectFrom('flags')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('post_id', '=', postId)
    .where('resolution', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
