// Follows and watches: plain queries, the database first.
import { sql, type Kysely } from 'kysely';
import type { DB, FollowLevel, WatchState } from '../db/schema.js';
import { openingPostColumns } from '../posts/posts.queries.js';

export async function follow(db: Kysely<DB>, accountId: number, networkId: number, level: FollowLevel): Promise<void> {
  await db
    .insertInto('follows')
    .values({ account_id: accountId, network_id: networkId, level })
    .onConflict((oc) => oc.columns(['account_id', 'network_id']).doUpdateSet({ level }))
    .execute();
}

/** Follows the board at `threads` unless the account already follows it (at whatever level it chose); true when it now does because of this. */
export async function followUnlessFollowing(db: Kysely<DB>, accountId: number, networkId: number): Promise<boolean> {
  const row = await db
    .insertInto('follows')
    .values({ account_id: accountId, network_id: networkId, level: 'threads' })
    .onConflict((oc) => oc.columns(['account_id', 'network_id']).doNothing())
    .returning('account_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function unfollow(db: Kysely<DB>, accountId: number, networkId: number): Promise<void> {
  await db.deleteFrom('follows').where('account_id', '=', accountId).where('network_id', '=', networkId).execute();
}

/** The level the account follows the board at (null: not at all): one row by primary key. */
export async function followLevel(db: Kysely<DB>, networkId: number, accountId: number): Promise<FollowLevel | null> {
  const row = await db.selectFrom('follows').select('level').where('account_id', '=', accountId).where('network_id', '=', networkId).executeTakeFirst();
  return row?.level ?? null;
}

/** The board's follower count and, for a signed-in viewer, the level they follow it at (null: not at all). */
export async function followState(db: Kysely<DB>, networkId: number, accountId: number | undefined) {
  const row = await db
    .selectFrom('follows')
    .select((eb) => [
      eb.fn.countAll<number>().as('followers'),
      eb.fn
        .max(
          eb
            .case()
            .when('account_id', '=', accountId ?? 0)
            .then(eb.ref('level'))
            .end(),
        )
        .as('level'),
    ])
    .where('network_id', '=', networkId)
    .executeTakeFirst();
  return { followers: row?.followers ?? 0, level: row?.level ?? null };
}

/** The networks the account follows: the forum's default first, then by name. */
export function followedNetworks(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('follows')
    .innerJoin('networks', 'networks.id', 'follows.network_id')
    .select(['networks.id', 'networks.slug', 'networks.name', 'follows.level'])
    .where('follows.account_id', '=', accountId)
    .orderBy('networks.is_default', 'desc')
    .orderBy('networks.name')
    .execute();
}

export async function setWatch(db: Kysely<DB>, accountId: number, threadId: number, state: WatchState | null): Promise<void> {
  if (state === null) {
    await db.deleteFrom('thread_watches').where('account_id', '=', accountId).where('thread_id', '=', threadId).execute();
    return;
  }
  await db
    .insertInto('thread_watches')
    .values({ account_id: accountId, thread_id: threadId, state })
    .onConflict((oc) => oc.columns(['account_id', 'thread_id']).doUpdateSet({ state }))
    .execute();
}

/**
 * Watches each thread for its account unless the account already watches or muted it (a muted thread
 * stays muted); the pairs it did watch, as `account:thread`.
 */
export async function watchUnlessSet(db: Kysely<DB>, pairs: ReadonlyArray<{ accountId: number; threadId: number }>): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const inserted = await db
    .insertInto('thread_watches')
    .values(pairs.map(({ accountId, threadId }) => ({ account_id: accountId, thread_id: threadId, state: 'watching' as const })))
    .onConflict((oc) => oc.columns(['account_id', 'thread_id']).doNothing())
    .returning(['account_id', 'thread_id'])
    .execute();
  return new Set(inserted.map((row) => `${row.account_id}:${row.thread_id}`));
}

export async function watchState(db: Kysely<DB>, accountId: number, threadId: number): Promise<WatchState | null> {
  const row = await db.selectFrom('thread_watches').select('state').where('account_id', '=', accountId).where('thread_id', '=', threadId).executeTakeFirst();
  return row?.state ?? null;
}

export interface Audience {
  followers: Map<number, FollowLevel>;
  watchers: Set<number>;
  muted: Set<number>;
}

/** Everyone who follows the network or watches or muted the thread, and how. */
export async function audienceOf(db: Kysely<DB>, networkId: number, threadId: number): Promise<Audience> {
  return (await audiencesOf(db, [{ networkId, threadId }])).get(threadId)!;
}

/** Each thread's audience (audienceOf), by thread id, in one query. */
export async function audiencesOf(db: Kysely<DB>, threads: ReadonlyArray<{ networkId: number; threadId: number }>): Promise<Map<number, Audience>> {
  const audiences = new Map<number, Audience>(threads.map(({ threadId }) => [threadId, { followers: new Map(), watchers: new Set(), muted: new Set() }]));
  if (threads.length === 0) return audiences;
  const rows = await db
    .selectFrom('follows')
    .select([
      'account_id',
      sql<number | null>`network_id`.as('network_id'),
      sql<number | null>`null::integer`.as('thread_id'),
      sql<string>`'follow:' || level`.as('relation'),
    ])
    .where('network_id', 'in', [...new Set(threads.map((thread) => thread.networkId))])
    .unionAll(
      db
        .selectFrom('thread_watches')
        .select([
          'account_id',
          sql<number | null>`null::integer`.as('network_id'),
          sql<number | null>`thread_id`.as('thread_id'),
          sql<string>`'watch:' || state`.as('relation'),
        ])
        .where('thread_id', 'in', [...audiences.keys()]),
    )
    .execute();
  for (const row of rows) {
    if (row.thread_id !== null) {
      const audience = audiences.get(row.thread_id)!;
      if (row.relation === 'watch:watching') audience.watchers.add(row.account_id);
      else audience.muted.add(row.account_id);
      continue;
    }
    const level = row.relation.slice('follow:'.length) as FollowLevel;
    for (const { networkId, threadId } of threads) {
      if (networkId === row.network_id) audiences.get(threadId)!.followers.set(row.account_id, level);
    }
  }
  return audiences;
}

/** The latest threads across the boards the account follows, with whether it has unread notifications about each. */
export function listFollowedThreads(db: Kysely<DB>, accountId: number, limit: number, before?: { at: Date; id: number }) {
  let query = db
    .selectFrom('threads')
    .innerJoin('follows', (join) => join.onRef('follows.network_id', '=', 'threads.network_id').on('follows.account_id', '=', accountId))
    .innerJoin('networks', 'networks.id', 'threads.network_id')
    .innerJoin('accounts as author', 'author.id', 'threads.author_id')
    .leftJoin('accounts as last_poster', 'last_poster.id', 'threads.last_poster_id')
    .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .select((eb) => [
      'threads.id',
      'threads.title',
      'threads.slug',
      'threads.reply_count',
      'threads.last_activity_at',
      'threads.created_at',
      'networks.slug as network_slug',
      'networks.name as network_name',
      'author.username as author_username',
      'author.display_name as author_display_name',
      'author.deleted_at as author_deleted_at',
      'last_poster.username as last_poster_username',
      'last_poster.display_name as last_poster_display_name',
      'last_poster.deleted_at as last_poster_deleted_at',
      ...openingPostColumns('threads'),
      eb
        .exists(
          eb
            .selectFrom('notifications')
            .select('notifications.id')
            .whereRef('notifications.thread_id', '=', 'threads.id')
            .where('notifications.account_id', '=', accountId)
            .where('notifications.read_at', 'is', null)
            .where('notifications.withdrawn_at', 'is', null),
        )
        .as('unread'),
    ]);
  if (before) query = query.where(sql<boolean>`(threads.last_activity_at, threads.id) < (${before.at}, ${before.id})`);
  return query.orderBy('threads.last_activity_at', 'desc').orderBy('threads.id', 'desc').limit(limit).execute();
}
