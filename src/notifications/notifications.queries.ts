// Notifications and what they are about: plain queries, the database first. List queries take lists,
// so a page or a batch costs one query however many rows it shows.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, NotificationsTable } from '../db/schema.js';
import { openingPostColumns, visibilityColumns } from '../posts/posts.queries.js';

// ---------------------------------------------------------------------------------------------
// What notifications are about

/** A post with everything a notification about it needs: its visibility facts, thread, network, parent's author. */
export function findPostsForNotifying(db: Kysely<DB>, postIds: readonly number[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .leftJoin('posts as parent', 'parent.id', 'posts.parent_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'threads.author_id as thread_author_id',
      'posts.parent_id',
      'parent.author_id as parent_author_id',
      ...visibilityColumns('posts', 'threads', ''),
      'posts.hidden_note',
      'posts.hidden_by_id',
    ])
    .where('posts.id', 'in', postIds)
    .execute();
}

export type NotifyingPost = Awaited<ReturnType<typeof findPostsForNotifying>>[number];

/** Whom the posts mention (stored with each post), each post's in order of first mention. */
export function findPostMentions(db: Kysely<DB>, postIds: readonly number[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('post_mentions').select(['post_id', 'account_id']).where('post_id', 'in', postIds).orderBy('post_id').orderBy('position').execute();
}

/** The thread a move notification is about, with its opening post and who moved it (from the log). */
export function findMovedThread(db: Kysely<DB>, threadId: number) {
  return db
    .selectFrom('threads')
    .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .select([
      'threads.id',
      'threads.author_id',
      'threads.network_id',
      'threads.moved_note',
      'opening.id as opening_id',
      (eb) =>
        eb
          .selectFrom('moderation_log')
          .select('moderation_log.actor_id')
          .whereRef('moderation_log.thread_id', '=', 'threads.id')
          .where('moderation_log.action', '=', 'move')
          .orderBy('moderation_log.id', 'desc')
          .limit(1)
          .as('moved_by_id'),
    ])
    .where('threads.id', '=', threadId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Writing notifications

/** A notification as the worker writes it: unread, not withdrawn. */
export type NewNotification = Omit<Insertable<NotificationsTable>, 'id' | 'created_at' | 'read_at' | 'withdrawn_at'>;

/** Writes the notifications; one per account and event, so running an event twice writes nothing more. */
export async function insertNotifications(db: Kysely<DB>, rows: readonly NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('notifications')
    .values(rows.map((row) => ({ ...row })))
    .onConflict((oc) => oc.columns(['account_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The notifications about these posts and whose they are, to check each against the visibility rule again. */
export function notificationsAboutPosts(db: Kysely<DB>, postIds: readonly number[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('notifications').select(['id', 'account_id', 'post_id', 'withdrawn_at']).where('post_id', 'in', postIds).execute();
}

/**
 * The thread's hidden posts that someone has a notification about: when the thread moves, who may read
 * them changes (conveners read hidden posts of their own network only); who may read the others does not.
 */
export async function notifiedHiddenPostIds(db: Kysely<DB>, threadId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('posts')
    .select('posts.id')
    .where('posts.thread_id', '=', threadId)
    .where('posts.hidden_at', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('notifications').select('notifications.id').whereRef('notifications.post_id', '=', 'posts.id')))
    .execute();
  return rows.map((row) => row.id);
}

/** Withdraws (or brings back) notifications: a withdrawn one is neither counted nor shown. */
export async function setWithdrawn(db: Kysely<DB>, ids: readonly number[], withdrawn: boolean, at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('notifications')
    .set({ withdrawn_at: withdrawn ? at : null })
    .where('id', 'in', ids)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Reading notifications

export async function unreadCount(db: Kysely<DB>, accountId: number): Promise<number> {
  return (await unreadCounts(db, [accountId])).get(accountId) ?? 0;
}

/**
 * Unread counts of several accounts at once; accounts with none are absent. An invitation to a
 * business's staff or to convene a network counts as unread until it is answered: it waits at the top
 * of the notifications; so does a notice about a network proposal until it is read.
 */
export async function unreadCounts(db: Kysely<DB>, accountIds: readonly number[]): Promise<Map<number, number>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('notifications')
        .select('account_id')
        .where('account_id', 'in', accountIds)
        .where('read_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .unionAll(eb.selectFrom('business_invitations').select('account_id').where('account_id', 'in', accountIds))
        .unionAll(eb.selectFrom('convener_invitations').select('account_id').where('account_id', 'in', accountIds))
        .unionAll(eb.selectFrom('proposal_notices').select('account_id').where('account_id', 'in', accountIds).where('read_at', 'is', null))
        .as('unread'),
    )
    .select(['account_id', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('account_id')
    .execute();
  return new Map(rows.map((row) => [row.account_id, row.count]));
}

/** How many of a group's newest notifications are loaded to show it (and to count what the viewer may see). */
const GROUP_SAMPLE = 20;

/**
 * One page of an account's notifications as groups, newest first: notifications with one key and one
 * read state form one group. `before` is the previous page's last group's newest id.
 */
export function listNotificationGroups(db: Kysely<DB>, accountId: number, limit: number, before?: number) {
  let query = db
    .selectFrom('notifications')
    .select([
      'group_key',
      sql<boolean>`(read_at is null)`.as('unread'),
      (eb) => eb.fn.max('id').as('latest_id'),
      (eb) => eb.fn.countAll<number>().as('count'),
      // An int8[]: pg gives its elements as text (only int8 itself is read as a number), PGlite as numbers.
      sql<Array<number | string>>`(array_agg(id order by id desc))[1:${sql.lit(GROUP_SAMPLE)}]`.as('ids'),
    ])
    .where('account_id', '=', accountId)
    .where('withdrawn_at', 'is', null)
    .groupBy(['group_key', sql`(read_at is null)`]);
  if (before !== undefined) query = query.having((eb) => eb.fn.max('id'), '<', before);
  return query
    .orderBy((eb) => eb.fn.max('id'), 'desc')
    .limit(limit)
    .execute();
}

/**
 * Notifications with what they are about, as things stand now: the thread's network is where it is
 * now (a notification keeps the network it was written in, which the thread may since have left), so
 * the visibility rule and the network shown follow the thread.
 */
function selectNotificationDetails(db: Kysely<DB>) {
  return db
    .selectFrom('notifications')
    .innerJoin('threads', 'threads.id', 'notifications.thread_id')
    .innerJoin('networks', 'networks.id', 'threads.network_id')
    .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .leftJoin('posts', 'posts.id', 'notifications.post_id')
    .leftJoin('accounts as actor', 'actor.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.account_id',
      'notifications.kind',
      'notifications.group_key',
      'threads.network_id',
      'notifications.thread_id',
      'notifications.post_id',
      'notifications.reason',
      'notifications.rule',
      'notifications.note',
      'notifications.created_at',
      'notifications.read_at',
      'threads.title as thread_title',
      'threads.slug as thread_slug',
      'networks.slug as network_slug',
      'networks.name as network_name',
      ...openingPostColumns('threads'),
      'posts.html as post_html',
      ...visibilityColumns('posts', 'threads', 'post_'),
      'actor.username as actor_username',
      'actor.display_name as actor_display_name',
      'actor.deleted_at as actor_deleted_at',
    ]);
}

/** The notifications with what they are about; only the account's own. */
export function findNotificationDetails(db: Kysely<DB>, accountId: number, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectNotificationDetails(db)
    .where('notifications.account_id', '=', accountId)
    .where('notifications.id', 'in', ids)
    .orderBy('notifications.id', 'desc')
    .execute();
}

export type NotificationDetailRow = Awaited<ReturnType<typeof findNotificationDetails>>[number];

/** The notifications an email batch carries, newest first; withdrawn ones are left out. */
export function findBatchNotifications(db: Kysely<DB>, emailId: number) {
  return selectNotificationDetails(db)
    .where('notifications.email_id', '=', emailId)
    .where('notifications.withdrawn_at', 'is', null)
    .orderBy('notifications.id', 'desc')
    .execute();
}

/** A notification of the account's, with the network its thread is in now. */
export function findNotification(db: Kysely<DB>, accountId: number, id: number) {
  return db
    .selectFrom('notifications')
    .innerJoin('threads', 'threads.id', 'notifications.thread_id')
    .innerJoin('networks', 'networks.id', 'threads.network_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.group_key',
      'notifications.thread_id',
      'notifications.post_id',
      'notifications.read_at',
      'notifications.withdrawn_at',
      'networks.slug as network_slug',
    ])
    .where('notifications.account_id', '=', accountId)
    .where('notifications.id', '=', id)
    .executeTakeFirst();
}

/** A group's unread notifications, oldest first (opening the group leads to the first). */
export function unreadInGroup(db: Kysely<DB>, accountId: number, groupKey: string) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'post_id', 'thread_id'])
    .where('account_id', '=', accountId)
    .where('group_key', '=', groupKey)
    .where('read_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** Marks the account's notifications read: those with these ids, those in a group, or (neither) all. */
export async function markRead(db: Kysely<DB>, accountId: number, which: { ids?: readonly number[]; groupKey?: string }, at: Date): Promise<number> {
  if (which.ids && which.ids.length === 0) return 0;
  let query = db.updateTable('notifications').set({ read_at: at }).where('account_id', '=', accountId).where('read_at', 'is', null);
  if (which.ids) query = query.where('id', 'in', which.ids);
  if (which.groupKey !== undefined) query = query.where('group_key', '=', which.groupKey);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Forgets notifications made before the cutoff, read or not; the number forgotten. */
export async function pruneNotifications(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('notifications').where('created_at', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Takes back the notifications of this kind about the post (those `actorId` caused, when given): a
 * thanks taken back, an answer unmarked. The accounts whose notifications went.
 */
export async function deleteNotificationsAbout(db: Kysely<DB>, kind: 'accepted' | 'thanked', postId: number, actorId?: number): Promise<number[]> {
  let query = db.deleteFrom('notifications').where('kind', '=', kind).where('post_id', '=', postId);
  if (actorId !== undefined) query = query.where('actor_id', '=', actorId);
  const rows = await query.returning('account_id').execute();
  return [...new Set(rows.map((row) => row.account_id))];
}
