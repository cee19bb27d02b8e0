// What the Atom feeds show: plain queries, the database first.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { openingPostColumns, selectPosts, selectThreads } from '../posts/posts.queries.js';

/** A board's newest threads with their opening posts (whose visibility decides the entry and its title). */
export function findFeedThreads(db: Kysely<DB>, networkId: number, limit: number) {
  return db
    .selectFrom('threads')
    .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .innerJoin('accounts as author', 'author.id', 'opening.author_id')
    .select([
      'threads.id',
      'threads.title',
      'threads.slug',
      'threads.created_at',
      'opening.id as post_id',
      'opening.html',
      'opening.edited_at',
      ...openingPostColumns('threads'),
      'author.username as author_username',
      'author.display_name as author_display_name',
      'author.deleted_at as author_deleted_at',
    ])
    .where('threads.network_id', '=', networkId)
    .orderBy('threads.created_at', 'desc')
    .orderBy('threads.id', 'desc')
    .limit(limit)
    .execute();
}

/** A thread for its feed, as its posts are shown in it (its title follows its opening post's visibility), and when it was started. */
export function findFeedThread(db: Kysely<DB>, threadId: number) {
  return selectThreads(db).select('threads.created_at').where('threads.id', '=', threadId).executeTakeFirst();
}

/** A thread's newest posts. */
export function findFeedPosts(db: Kysely<DB>, threadId: number, limit: number) {
  return selectPosts(db).where('posts.thread_id', '=', threadId).orderBy('posts.id', 'desc').limit(limit).execute();
}
