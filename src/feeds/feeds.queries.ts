// What the Atom feeds show: plain queries, the database first.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { selectPosts } from '../threads/threads.queries.js';

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
      'threads.network_id',
      'threads.created_at',
      'opening.id as post_id',
      'opening.author_id',
      'opening.html',
      'opening.edited_at',
      'opening.deleted_at as opening_deleted_at',
      'opening.deleted_by_id as opening_deleted_by_id',
      'opening.hidden_at as opening_hidden_at',
      'opening.hidden_kind as opening_hidden_kind',
      'opening.hidden_reason as opening_hidden_reason',
      'opening.hidden_rule as opening_hidden_rule',
      'author.display_name as author_display_name',
    ])
    .where('threads.network_id', '=', networkId)
    .orderBy('threads.created_at', 'desc')
    .orderBy('threads.id', 'desc')
    .limit(limit)
    .execute();
}

/** A thread for its feed: its network and its opening post's hidden state (which decides its title). */
export function findFeedThread(db: Kysely<DB>, threadId: number) {
  return db
    .selectFrom('threads')
    .innerJoin('networks', 'networks.id', 'threads.network_id')
    .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .select([
      'threads.id',
      'threads.title',
      'threads.slug',
      'threads.network_id',
      'threads.created_at',
      'networks.name as network_name',
      'threads.author_id',
      'opening.hidden_at as opening_hidden_at',
      'opening.hidden_kind as opening_hidden_kind',
      'opening.hidden_reason as opening_hidden_reason',
      'opening.hidden_rule as opening_hidden_rule',
    ])
    .where('threads.id', '=', threadId)
    .executeTakeFirst();
}

/** A thread's newest posts. */
export function findFeedPosts(db: Kysely<DB>, threadId: number, limit: number) {
  return selectPosts(db).where('posts.thread_id', '=', threadId).orderBy('posts.id', 'desc').limit(limit).execute();
}
