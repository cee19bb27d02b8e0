import { sql, type Expression, type Insertable, type Kysely, type QueryCreator } from 'kysely';
import { suspensionJsonFor } from '../moderation/guards.js';
import { postingRuleJsonFor } from '../networks/guards.js';
import { replyActivityUpdate } from '../networks/public.js';
import { eventInsert, type EventRow } from '../core/events.js';
import { precompiled } from '../db/precompiled.js';
import type { DB, PostsTable, TextLanguage, ThreadKind } from '../db/schema.js';
import { selectPosts, selectThreads, type PostRow } from '../posts/posts.queries.js';

/**
 * The network's rules, compactly, for the posting forms ("Before you post: 1. …"), as a column of the
 * query that loads the thread or network: no extra query.
 */
function ruleTitlesOf(networkId: 'threads.network_id' | 'networks.id') {
  return sql<Array<{ number: number; title: string }>>`(
    select coalesce(json_agg(json_build_object('number', r.number, 'title', r.title) order by r.number), '[]'::json)
    from network_rules r where r.network_id = ${sql.ref(networkId)}
  )`.as('rule_titles');
}

/** A thread as its pages and posting forms show it: with its counts and its network's rules and description (the side column). */
export function findThread(db: Kysely<DB>, threadId: number) {
  return selectThreads(db)
    .select([
      'threads.reply_count',
      'threads.top_level_count',
      ruleTitlesOf('threads.network_id'),
      'networks.description_html as network_description_html',
      'networks.posting as network_posting',
    ])
    .where('threads.id', '=', threadId)
    .executeTakeFirst();
}

export type ThreadPageRow = NonNullable<Awaited<ReturnType<typeof findThread>>>;

/** The network a new thread goes to, with its rules for the form. */
export function findNetworkForPosting(db: Kysely<DB>, slug: string) {
  return db
    .selectFrom('networks')
    .select(['networks.slug', 'networks.name', ruleTitlesOf('networks.id')])
    .where('networks.slug', '=', slug)
    .executeTakeFirst();
}

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

/** How many of the page's replies (`topLevel`) come before `postId`, which may be a column of the statement around it. */
function pageRepliesBeforeCount(db: Kysely<DB>, threadId: number, topLevel: { first: number; last: number }, postId: Expression<number>) {
  return db
    .selectFrom(pageReplyIds(db, threadId, topLevel).as('page_replies'))
    .select(sql<number>`count(*)::int`.as('before'))
    .where('page_replies.id', '<', postId);
}

const pageRepliesBefore = precompiled((db, v: { threadId: number; first: number; last: number; postId: number }) =>
  pageRepliesBeforeCount(db, v.threadId, v, sql<number>`${v.postId}`),
);

/** How many of a page's replies were written before the post: where on the page, and so on which part, it is. */
export async function countPageRepliesBefore(db: Kysely<DB>, threadId: number, topLevel: { first: number; last: number }, postId: number): Promise<number> {
  const row = await pageRepliesBefore.first(db, { threadId, first: topLevel.first, last: topLevel.last, postId });
  return row!.before;
}

const writtenReply = precompiled(
  (db, v: { postId: number; threadId: number; first: number; last: number; eventName: EventRow['name']; eventPayload: string }) =>
    // The select reads nothing of the event's insert, so it is written against the tables alone.
    selectPosts(
      db.with('recorded', (qc) =>
        eventInsert(qc, { name: v.eventName, payload: v.eventPayload, threadId: v.threadId, networkId: null }),
      ) as unknown as QueryCreator<DB>,
    )
      .select((eb) => pageRepliesBeforeCount(db, v.threadId, v, eb.ref('posts.id')).as('before'))
      .where('posts.id', '=', v.postId),
);

/**
 * A reply just written, as findPosts reads it, with how many of its page's replies (`topLevel`) came
 * before it: the answer to the request and where the post is shown; and its event (about the reply's
 * thread) recorded by the same statement: its id is given at the commit, so recording it early holds
 * nothing up. One round trip.
 */
export async function findWrittenReply(
  db: Kysely<DB>,
  postId: number,
  threadId: number,
  topLevel: { first: number; last: number },
  event: Pick<EventRow, 'name' | 'payload'>,
): Promise<{ post: PostRow; before: number }> {
  const values = { postId, threadId, first: topLevel.first, last: topLevel.last, eventName: event.name, eventPayload: event.payload };
  const { before, ...post } = (await writtenReply.first(db, values))!;
  return { post, before: before ?? 0 };
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
      'posts.lang',
      'posts.deleted_at',
      // The number of the top-level reply the post hangs under (its own, for a top-level reply).
      sql<number | null>`coalesce(root.top_level_number, posts.top_level_number)`.as('top_level_number'),
    ]);
}

/** What a permalink, an edit or a reply needs to know about a post. */
export function findPostPlacement(db: Kysely<DB>, postId: number) {
  return selectPlacement(db).where('posts.id', '=', postId).executeTakeFirst();
}

export type PostPlacement = NonNullable<Awaited<ReturnType<typeof findPostPlacement>>>;

/**
 * Locks the thread row for the rest of the transaction: replies are numbered one at a time, and the
 * thread cannot move to another network while a post in it is written or edited.
 */
const threadLock = precompiled((db, v: { threadId: number }) =>
  db.selectFrom('threads').select(['id', 'title', 'network_id']).where('id', '=', v.threadId).forNoKeyUpdate(),
);

export function lockThread(db: Kysely<DB>, threadId: number) {
  return threadLock.first(db, { threadId });
}

const authorAndThreadLock = precompiled((db, v: { authorId: number; threadId: number; now: Date }) =>
  db
    .selectFrom(['accounts', 'threads'])
    .select((eb) => [
      'accounts.created_at as author_created_at',
      'threads.id',
      'threads.title',
      'threads.top_level_count',
      'threads.network_id',
      'threads.locked',
      eb.selectFrom('posts').select('posts.id').whereRef('posts.thread_id', '=', 'threads.id').where('posts.parent_id', 'is', null).as('opening_post_id'),
      suspensionJsonFor(db, v.authorId, eb.ref('threads.network_id'), v.now).as('suspension'),
      postingRuleJsonFor(db, eb.ref('threads.network_id'), v.authorId).as('posting_rule'),
    ])
    .where('accounts.id', '=', v.authorId)
    .where('accounts.deleted_at', 'is', null)
    .where('threads.id', '=', v.threadId)
    // Rows are locked in the order named: the account, then the thread, as an edit takes them.
    .forNoKeyUpdate(['accounts', 'threads']),
);

/**
 * lockAccount and lockThread for a reply in one round trip, with the thread's numbering and its opening
 * post's id (which a reply to the thread, not to a reply, hangs under), and what the reply's guards ask of the
 * thread's network: the author's suspension there, if any (moderation's), and its posting rule
 * (networks'). Undefined when the account was deleted meanwhile or the thread does not exist.
 */
export function lockAuthorAndThread(db: Kysely<DB>, authorId: number, threadId: number, now: Date) {
  return authorAndThreadLock.first(db, { authorId, threadId, now });
}

export async function insertThread(
  db: Kysely<DB>,
  thread: { networkId: number; authorId: number; title: string; slug: string; lang: TextLanguage; kind?: ThreadKind },
) {
  return db
    .insertInto('threads')
    .values({
      network_id: thread.networkId,
      author_id: thread.authorId,
      title: thread.title,
      slug: thread.slug,
      lang: thread.lang,
      kind: thread.kind,
      last_poster_id: thread.authorId,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/**
 * A new post: every column named on every insert (`title`, the thread's on its opening post, null on a
 * reply), so the statement is the same for threads and replies.
 */
export type NewPost = Required<
  Pick<Insertable<PostsTable>, 'thread_id' | 'parent_id' | 'root_id' | 'depth' | 'top_level_number' | 'author_id' | 'title' | 'body' | 'html' | 'lang'>
>;

/**
 * A new post's columns, each named: the statement is the same for every post, and a precompiled query's
 * slots (which cannot be listed) are read one by one.
 */
function postColumns(post: NewPost): NewPost {
  return {
    thread_id: post.thread_id,
    parent_id: post.parent_id,
    root_id: post.root_id,
    depth: post.depth,
    top_level_number: post.top_level_number,
    author_id: post.author_id,
    title: post.title,
    body: post.body,
    html: post.html,
    lang: post.lang,
  };
}

/** An opening post (its thread's counts are the thread's insert's). */
export async function insertPost(db: Kysely<DB>, post: NewPost) {
  return db.insertInto('posts').values(postColumns(post)).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

/** What a reply changes beside its post: its thread's counts and last poster, its network's activity. */
export interface ReplyEffects {
  networkId: number;
  at: Date;
  /** 1 for a top-level reply, which the thread numbers; 0 for a reply to a reply. */
  topLevelAdded: number;
}

/**
 * A reply, its thread's counts and its network's activity in one statement: one round trip where three
 * were, in the transaction every writer's event waits behind (data-modifying WITH queries all run, read
 * by the main statement or not).
 */
const replyInsert = precompiled((db, v: NewPost & ReplyEffects) =>
  db
    .with('network_activity', (qc) => replyActivityUpdate(qc, v.networkId, v.at))
    .with('thread_counts', (qc) =>
      qc
        .updateTable('threads')
        .set((eb) => ({
          reply_count: eb('reply_count', '+', 1),
          top_level_count: eb('top_level_count', '+', v.topLevelAdded),
          last_poster_id: v.author_id,
          // A reply's time is taken before it waits for its locks: one that waited never moves it back.
          last_activity_at: sql<Date>`greatest(last_activity_at, ${v.at})`,
        }))
        .where('id', '=', v.thread_id),
    )
    .insertInto('posts')
    .values(postColumns(v))
    .returning(['id', 'created_at']),
);

export async function insertReply(db: Kysely<DB>, post: NewPost, effects: ReplyEffects) {
  return (await replyInsert.first(db, { ...post, ...effects }))!;
}

/**
 * A new title (and slug), or only the language its opening post is now written in. The opening post's
 * copy of the title, which search indexes with its body, changes with it.
 */
export async function updateThreadText(db: Kysely<DB>, threadId: number, text: { title?: string; slug?: string; lang: TextLanguage }): Promise<void> {
  await db.updateTable('threads').set(text).where('id', '=', threadId).execute();
  if (text.title !== undefined) {
    await db.updateTable('posts').set({ title: text.title }).where('thread_id', '=', threadId).where('parent_id', 'is', null).execute();
  }
}

export async function updatePostBody(db: Kysely<DB>, postId: number, edit: { body: string; html: string; lang: TextLanguage; at: Date }): Promise<void> {
  await db.updateTable('posts').set({ body: edit.body, html: edit.html, lang: edit.lang, edited_at: edit.at }).where('id', '=', postId).execute();
}

/** Records whom the post mentions, in order of first mention. */
export async function insertPostMentions(db: Kysely<DB>, postId: number, accountIds: readonly number[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db
    .insertInto('post_mentions')
    .values(accountIds.map((accountId, index) => ({ post_id: postId, account_id: accountId, position: index + 1 })))
    .execute();
}

/** Whom an edited post mentions: its new mentions replace the old. */
export async function replacePostMentions(db: Kysely<DB>, postId: number, accountIds: readonly number[]): Promise<void> {
  await db.deleteFrom('post_mentions').where('post_id', '=', postId).execute();
  await insertPostMentions(db, postId, accountIds);
}

export async function insertRevision(db: Kysely<DB>, revision: { postId: number; editorId: number; body: string; title: string | null }): Promise<void> {
  await db
    .insertInto('post_revisions')
    .values({ post_id: revision.postId, editor_id: revision.editorId, body: revision.body, title: revision.title })
    .execute();
}

export async function markPostDeleted(db: Kysely<DB>, postId: number, deletedById: number, at: Date): Promise<void> {
  await db.updateTable('posts').set({ deleted_at: at, deleted_by_id: deletedById }).where('id', '=', postId).execute();
}

/** How long an author may undo deleting their own post (the page's Undo button); the restoring UPDATE below enforces it. */
export const UNDO_DELETE_MINUTES = 10;

/**
 * Brings back a post its author deleted, in one UPDATE that is also the check: only the author, only a
 * deletion they made themselves (not an administrator's), only within the last UNDO_DELETE_MINUTES by
 * the database's clock. Two undos at once: the second finds the post no longer deleted. False when
 * nothing was restored.
 */
export async function restoreOwnDeletedPost(db: Kysely<DB>, postId: number, authorId: number): Promise<boolean> {
  const result = await db
    .updateTable('posts')
    .set({ deleted_at: null, deleted_by_id: null })
    .where('id', '=', postId)
    .where('author_id', '=', authorId)
    .where('deleted_by_id', '=', authorId)
    .where('deleted_at', '>', sql<Date>`now() - make_interval(mins => ${UNDO_DELETE_MINUTES})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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

const accountLock = precompiled((db, v: { accountId: number }) =>
  db.selectFrom('accounts').select('created_at').where('id', '=', v.accountId).where('deleted_at', 'is', null).forNoKeyUpdate(),
);

/**
 * Serialises one account's posting, so two quick submissions cannot both pass the posting limit. FOR NO
 * KEY UPDATE, like every row lock here that only serialises writers: it does not block the KEY SHARE
 * locks that foreign-key checks take (a post's author, a watch's account), which FOR UPDATE would, and
 * two transactions each holding one and waiting for the other would deadlock.
 */
export async function lockAccount(db: Kysely<DB>, accountId: number): Promise<{ created_at: Date } | undefined> {
  // Undefined for an account deleted meanwhile: a request that raced its deletion posts nothing.
  return accountLock.first(db, { accountId });
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
