import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { openingPostColumns, visibilityColumns } from '../posts/posts.queries.js';

/**
 * One page of a network's moderation log, newest first; `beforeId` continues after a page's last row.
 * Each row comes with what presenting it needs: who acted, whom it concerned, the thread (with its
 * opening post's hidden state, which decides who reads the title), the post (with what the visibility
 * rule needs), and for a move the network it went to. One query per page.
 */
export function listLogEntries(db: Kysely<DB>, networkId: number, limit: number, beforeId?: number) {
  let query = db
    .selectFrom('moderation_log as log')
    .leftJoin('accounts as actor', 'actor.id', 'log.actor_id')
    .leftJoin('accounts as target', 'target.id', 'log.target_account_id')
    .leftJoin('threads as thread', 'thread.id', 'log.thread_id')
    .leftJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'thread.id').on('opening.parent_id', 'is', null))
    .leftJoin('posts as post', 'post.id', 'log.post_id')
    .leftJoin('threads as post_thread', 'post_thread.id', 'post.thread_id')
    .leftJoin('networks as moved_to', 'moved_to.id', 'log.target_network_id')
    .select([
      'log.id',
      'log.action',
      'log.actor_id',
      'log.reason',
      'log.rule',
      'log.note',
      'log.ends_at',
      'log.created_at',
      'actor.username as actor_username',
      'actor.display_name as actor_display_name',
      'target.username as target_username',
      'target.display_name as target_display_name',
      'actor.deleted_at as actor_deleted_at',
      'target.deleted_at as target_deleted_at',
      'thread.id as thread_id',
      'thread.title as thread_title',
      'thread.slug as thread_slug',
      ...openingPostColumns('thread'),
      'post.id as post_id',
      'post.html as post_html',
      ...visibilityColumns('post', 'post_thread', 'post_'),
      'moved_to.slug as moved_to_slug',
      'moved_to.name as moved_to_name',
    ])
    .where('log.network_id', '=', networkId);
  if (beforeId !== undefined) query = query.where('log.id', '<', beforeId);
  return query.orderBy('log.id', 'desc').limit(limit).execute();
}

export type LogEntryRow = Awaited<ReturnType<typeof listLogEntries>>[number];
