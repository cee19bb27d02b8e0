import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, PostsTable } from '../db/schema.js';

/** Columns every view of a post needs, with its author; the query joins `author` and `post_thread`. */
export const POST_COLUMNS = [
  'posts.id',
  'posts.thread_id',
  'post_thread.network_id',
  'posts.parent_id',
  'posts.root_id',
  'posts.depth',
  'posts.top_level_number',
  'posts.author_id',
  'posts.html',
  'posts.created_at',
  'posts.edited_at',
  'posts.deleted_at',
  'posts.deleted_by_id',
  'posts.hidden_at',
  'posts.hidden_kind',
  'posts.hidden_reason',
  'posts.hidden_rule',
  'author.username as author_username',
  'author.display_name as author_display_name',
] as const;

/** Posts with their author and thread joined, ready for POST_COLUMNS; callers add where and order. */
export function selectPosts(db: Kysely<DB>) {
  return db
    .selectFrom('posts')
    .innerJoin('accounts as author', 'author.id', 'posts.author_id')
    .innerJoin('threads as post_thread', 'post_thread.id', 'posts.thread_id')
    .select(POST_COLUMNS);
}

export type PostRow = Awaited<ReturnType<ReturnType<typeof selectPosts>['executeTakeFirstOrThrow']>>;

export function findThread(db: Kysely<DB>, threadId: number) {
  return db
    .selectFrom('threads')
    .innerJoin('networks', 'networks.id', 'threads.network_id')
    // The opening post's hidden state decides who may read the title (moderation/visibility.ts).
    .leftJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .leftJoin('networks as moved_from', 'moved_from.id', 'threads.moved_from_network_id')
    .select([
      'threads.id',
      'threads.title',
      'threads.slug',
      'threads.author_id',
      'threads.pinned',
      'threads.locked',
      'threads.reply_count',
      'threads.top_level_count',
      'threads.created_at',
      'threads.network_id',
      'networks.slug as network_slug',
      'networks.name as network_name',
      'opening.hidden_at as opening_hidden_at',
      'opening.hidden_kind as opening_hidden_kind',
      'opening.hidden_reason as opening_hidden_reason',
      'opening.hidden_rule as opening_hidden_rule',
      'threads.moved_note',
      'threads.moved_at',
      'moved_from.slug as moved_from_slug',
      'moved_from.name as moved_from_name',
      // The network's rules, compactly, for the posting forms ("Before you post: 1. …"): no extra query.
      sql<Array<{ number: number; title: string }>>`(
        select coalesce(json_agg(json_build_object('number', r.number, 'title', r.title) order by r.number), '[]'::json)
        from network_rules r where r.network_id = threads.network_id
      )`.as('rule_titles'),
    ])
    .where('threads.id', '=', threadId)
    .executeTakeFirst();
}

export type ThreadRow = NonNullable<Awaited<ReturnType<typeof findThread>>>;

/**
 * Ids of the replies on a page: the top-level replies numbered first..last and every post below them.
 * Two index ranges (posts_top_level, then posts_subtree for each of them) joined by UNION ALL: one
 * WHERE with an OR of the two could use neither index, and would read the whole posts table.
 */
function pageReplyIds(db: Kysely<DB>, threadId: number, topLevel: { first: number; last: number }) {
  const topLevelIds = (alias: 'top' | 'top_of_subtree') =>
    db
      .selectFrom(`posts as ${alias}`)
      .select(`${alias}.id`)
      .where(`${alias}.thread_id`, '=', threadId)
      .where(`${alias}.top_level_number`, '>=', topLevel.first)
      .where(`${alias}.top_level_number`, '<=', topLevel.last);
  return topLevelIds('top').unionAll(db.selectFrom('posts as below').select('below.id').where('below.root_id', 'in', topLevelIds('top_of_subtree')));
}

/** A post as a thread page shows it: with the username of the post it answers (null for the opening post). */
export type PagePostRow = PostRow & { parent_username: string | null };

/**
 * One part of a page, in the order written: the opening post (every page shows it) and the page's
 * replies offset..offset+limit by id, each with the username of the post it answers (which may be on an
 * earlier part); and how many replies the whole page has, which says how many parts it has. One query
 * whatever the page's size: the ids come from index ranges (posts_opening, pageReplyIds) and are sliced
 * in the database, so only the part's rows are read, by primary key. pageReplyCount is 0 when the part
 * holds no reply (an empty page, or a part past the last).
 */
export async function findThreadPagePosts(
  db: Kysely<DB>,
  threadId: number,
  topLevel: { first: number; last: number },
  part: { offset: number; limit: number },
): Promise<{ rows: PagePostRow[]; pageReplyCount: number }> {
  const partReplies = db
    .selectFrom(pageReplyIds(db, threadId, topLevel).as('page_replies'))
    .select(['page_replies.id', sql<number | null>`(count(*) over ())::int`.as('page_reply_count')])
    .orderBy('page_replies.id')
    .offset(part.offset)
    .limit(part.limit);
  const shown = db
    .selectFrom(partReplies.as('part_replies'))
    .selectAll()
    .unionAll(
      db
        .selectFrom('posts as opening')
        .select(['opening.id', sql<number | null>`null::int`.as('page_reply_count')])
        .where('opening.thread_id', '=', threadId)
        .where('opening.parent_id', 'is', null),
    );
  const rows = await selectPosts(db)
    .innerJoin(shown.as('shown'), 'shown.id', 'posts.id')
    .leftJoin('posts as parent', 'parent.id', 'posts.parent_id')
    .leftJoin('accounts as parent_author', 'parent_author.id', 'parent.author_id')
    .select(['shown.page_reply_count', 'parent_author.username as parent_username'])
    .orderBy('posts.id')
    .execute();
  const pageReplyCount = rows.find((row) => row.page_reply_count !== null)?.page_reply_count ?? 0;
  return { rows, pageReplyCount };
}

/** How many of a page's replies were written before the post: where on the page, and so on which part, it is. */
export async function countPageRepliesBefore(db: Kysely<DB>, threadId: number, topLevel: { first: number; last: number }, postId: number): Promise<number> {
  const { before } = await db
    .selectFrom(pageReplyIds(db, threadId, topLevel).as('page_replies'))
    .select(sql<number>`count(*)::int`.as('before'))
    .where('page_replies.id', '<', postId)
    .executeTakeFirstOrThrow();
  return before;
}

export function findPosts(db: Kysely<DB>, postIds: readonly number[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return selectPosts(db).where('posts.id', 'in', postIds).orderBy('posts.id').execute();
}

function selectPlacement(db: Kysely<DB>) {
  return db
    .selectFrom('posts')
    .leftJoin('posts as root', 'root.id', 'posts.root_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.parent_id',
      'posts.root_id',
      'posts.depth',
      'posts.author_id',
      'posts.body',
      'posts.deleted_at',
      // The number of the top-level reply the post hangs under (its own, for a top-level reply).
      sql<number | null>`coalesce(root.top_level_number, posts.top_level_number)`.as('top_level_number'),
    ]);
}

/** What a permalink, an edit or a reply needs to know about a post. */
export function findPostPlacement(db: Kysely<DB>, postId: number) {
  return selectPlacement(db).where('posts.id', '=', postId).executeTakeFirst();
}

export function findOpeningPostPlacement(db: Kysely<DB>, threadId: number) {
  return selectPlacement(db).where('posts.thread_id', '=', threadId).where('posts.parent_id', 'is', null).executeTakeFirst();
}

export type PostPlacement = NonNullable<Awaited<ReturnType<typeof findPostPlacement>>>;

/**
 * Locks the thread row for the rest of the transaction: replies are numbered one at a time, and the
 * thread cannot move to another network while a post in it is written.
 */
export function lockThread(db: Kysely<DB>, threadId: number) {
  return db
    .selectFrom('threads')
    .select(['id', 'title', 'top_level_count', 'network_id', 'locked'])
    .where('id', '=', threadId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export async function insertThread(
  db: Kysely<DB>,
  thread: { networkId: number; authorId: number; title: string; slug: string },
) {
  return db
    .insertInto('threads')
    .values({
      network_id: thread.networkId,
      author_id: thread.authorId,
      title: thread.title,
      slug: thread.slug,
      last_poster_id: thread.authorId,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function insertPost(db: Kysely<DB>, post: Insertable<PostsTable>) {
  return db.insertInto('posts').values(post).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

export async function recordReplyOnThread(
  db: Kysely<DB>,
  threadId: number,
  reply: { authorId: number; at: Date; topLevel: boolean },
): Promise<void> {
  await db
    .updateTable('threads')
    .set((eb) => ({
      reply_count: eb('reply_count', '+', 1),
      top_level_count: reply.topLevel ? eb('top_level_count', '+', 1) : eb.ref('top_level_count'),
      last_poster_id: reply.authorId,
      last_activity_at: reply.at,
    }))
    .where('id', '=', threadId)
    .execute();
}

export async function updateThreadTitle(db: Kysely<DB>, threadId: number, title: string, slug: string): Promise<void> {
  await db.updateTable('threads').set({ title, slug }).where('id', '=', threadId).execute();
}

export async function updatePostBody(db: Kysely<DB>, postId: number, body: string, html: string, at: Date): Promise<void> {
  await db.updateTable('posts').set({ body, html, edited_at: at }).where('id', '=', postId).execute();
}

export async function insertRevision(
  db: Kysely<DB>,
  revision: { postId: number; editorId: number; body: string; title: string | null },
): Promise<void> {
  await db
    .insertInto('post_revisions')
    .values({ post_id: revision.postId, editor_id: revision.editorId, body: revision.body, title: revision.title })
    .execute();
}

export async function markPostDeleted(db: Kysely<DB>, postId: number, deletedById: number, at: Date): Promise<void> {
  await db.updateTable('posts').set({ deleted_at: at, deleted_by_id: deletedById }).where('id', '=', postId).execute();
}

/** When the account last started a thread, last replied and last edited a post: what the posting limits are measured from. */
export async function lastPostingTimes(db: Kysely<DB>, accountId: number) {
  const [thread, reply, edit] = await Promise.all([
    db.selectFrom('threads').select('created_at').where('author_id', '=', accountId).orderBy('created_at', 'desc').limit(1).executeTakeFirst(),
    db
      .selectFrom('posts')
      .select('created_at')
      .where('author_id', '=', accountId)
      .where('parent_id', 'is not', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('post_revisions').select('created_at').where('editor_id', '=', accountId).orderBy('created_at', 'desc').limit(1).executeTakeFirst(),
  ]);
  return { lastThreadAt: thread?.created_at ?? null, lastReplyAt: reply?.created_at ?? null, lastEditAt: edit?.created_at ?? null };
}

/**
 * Serialises one account's posting, so two quick submissions cannot both pass the posting limit. FOR NO
 * KEY UPDATE, like every row lock here that only serialises writers: it does not block the KEY SHARE
 * locks that foreign-key checks take (a post's author, a watch's account), which FOR UPDATE would, and
 * two transactions each holding one and waiting for the other would deadlock.
 */
export async function lockAccount(db: Kysely<DB>, accountId: number): Promise<{ created_at: Date } | undefined> {
  return db.selectFrom('accounts').select('created_at').where('id', '=', accountId).forNoKeyUpdate().executeTakeFirst();
}

/** The post an earlier submission with this key made; undefined when there was none (or it expired). */
export async function findSubmittedPost(db: Kysely<DB>, accountId: number, key: string): Promise<number | undefined> {
  const row = await db.selectFrom('submissions').select('post_id').where('account_id', '=', accountId).where('key', '=', key).executeTakeFirst();
  return row?.post_id;
}

/** Records that this key made this post; a second one with the key fails on the primary key (23505). */
export async function recordSubmission(db: Kysely<DB>, accountId: number, key: string, postId: number): Promise<void> {
  await db.insertInto('submissions').values({ account_id: accountId, key, post_id: postId }).execute();
}

/** Forgets submission keys older than the cutoff (a key is good for a day); the number forgotten. */
export async function pruneSubmissions(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('submissions').where('created_at', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}
