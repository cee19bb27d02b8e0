// Loading posts as they are shown: plain queries, the database first; list queries take lists.
import { sql, type Kysely, type QueryCreator } from 'kysely';
import { precompiled } from '../db/precompiled.js';
import type { DB } from '../db/schema.js';

/**
 * The columns the visibility rule reads (visibility.ts `VisibilityColumns`), of the post joined as
 * `post`, in the thread joined as `thread`, each named behind `prefix`.
 */
export function visibilityColumns<Post extends string, Thread extends string, Prefix extends string>(post: Post, thread: Thread, prefix: Prefix) {
  return [
    `${post}.author_id as ${prefix}author_id`,
    `${thread}.network_id as ${prefix}network_id`,
    `${post}.deleted_at as ${prefix}deleted_at`,
    `${post}.deleted_by_id as ${prefix}deleted_by_id`,
    `${post}.hidden_at as ${prefix}hidden_at`,
    `${post}.hidden_kind as ${prefix}hidden_kind`,
    `${post}.hidden_reason as ${prefix}hidden_reason`,
    `${post}.hidden_rule as ${prefix}hidden_rule`,
  ] as const;
}

/**
 * A thread's opening post, joined as `opening`, as the rule for the thread's title reads it
 * (present.ts `threadTitleFor`): its visibility columns as `opening_…`.
 */
export function openingPostColumns<Thread extends string>(thread: Thread) {
  return visibilityColumns('opening', thread, 'opening_');
}

/**
 * A thread as the lists show it (a board, the home page): its own columns, whether it is an answered
 * question (the one rule), its author and last poster (joined as `author` and `last_poster`), and its
 * opening post's visibility (joined as `opening`), which decides who may read the title.
 */
export function listedThreadColumns() {
  return [
    'threads.id',
    'threads.network_id',
    'threads.author_id',
    'threads.title',
    'threads.slug',
    'threads.pinned',
    'threads.locked',
    'threads.reply_count',
    'threads.last_activity_at',
    'threads.created_at',
    'threads.kind',
    answeredQuestion('threads').as('answered'),
    'author.username as author_username',
    'author.display_name as author_display_name',
    'author.deleted_at as author_deleted_at',
    'last_poster.username as last_poster_username',
    'last_poster.display_name as last_poster_display_name',
    'last_poster.deleted_at as last_poster_deleted_at',
    ...openingPostColumns('threads'),
  ] as const;
}

/** Columns every view of a post needs, with its author; the query joins `author` and `post_thread`. */
export const POST_COLUMNS = [
  'posts.id',
  'posts.thread_id',
  'posts.parent_id',
  'posts.root_id',
  'posts.depth',
  'posts.top_level_number',
  'posts.html',
  'posts.created_at',
  'posts.edited_at',
  // The language it is written in (search/language.ts): the page marks it, so it is read and hyphenated as such.
  'posts.lang',
  // How many thanked it (shown only to those who may read it).
  'posts.thanks_count',
  // Its thread's kind, asker and answer: whether it is the answer, and who may mark it.
  'post_thread.kind as thread_kind',
  'post_thread.author_id as thread_author_id',
  'post_thread.answer_post_id as thread_answer_post_id',
  ...visibilityColumns('posts', 'post_thread', ''),
  // Why and by whom it is hidden, for the band above a hidden post (public, as in the moderation log).
  'posts.hidden_note',
  sql<boolean>`(posts.hidden_by_id is not null and exists (select 1 from accounts hider where hider.id = posts.hidden_by_id and hider.role = 'admin'))`.as(
    'hidden_by_admin',
  ),
  // The title of the rule it was hidden for, as the network's rules now read (null when none).
  sql<
    string | null
  >`(case when posts.hidden_rule is not null then (select hidden_for.title from network_rules hidden_for where hidden_for.network_id = post_thread.network_id and hidden_for.number = posts.hidden_rule) end)`.as(
    'hidden_rule_title',
  ),
  'author.username as author_username',
  'author.display_name as author_display_name',
  // Set once the author deleted their account: the post is then signed "a former member".
  'author.deleted_at as author_deleted_at',
  // The business the author is shown with ("Jonas Ek · Kajakboden"): the one they joined first, as
  // businesses' businessLinesOf decides it; null when they are nobody's staff.
  sql<BusinessLine | null>`(select json_build_object('slug', business.slug, 'name', business.name) from business_staff staff join businesses business on business.id = staff.business_id where staff.account_id = posts.author_id order by staff.created_at, business.id limit 1)`.as(
    'author_business',
  ),
] as const;

/** A business as the line beside an author's name shows it. */
export interface BusinessLine {
  slug: string;
  name: string;
}

/**
 * The one rule for "answered" on every list (boards and their filter, search, similar threads, the
 * home page): the thread under `alias` is a question whose answer all may read — marked, neither
 * deleted nor hidden. So a hidden answer leaves its question unanswered on lists for everyone (its
 * moderators too), and nothing of a hidden post shows through a list; the thread page itself asks the
 * visibility rule for each viewer.
 */
export function answeredQuestion(alias: string) {
  return sql<boolean>`(${sql.ref(`${alias}.kind`)} = 'question' and exists (select 1 from posts answer where answer.id = ${sql.ref(`${alias}.answer_post_id`)} and answer.deleted_at is null and answer.hidden_at is null))`;
}

/** Posts with their author and thread joined, ready for POST_COLUMNS; callers add where and order. */
export function selectPosts(db: QueryCreator<DB>) {
  return db
    .selectFrom('posts')
    .innerJoin('accounts as author', 'author.id', 'posts.author_id')
    .innerJoin('threads as post_thread', 'post_thread.id', 'posts.thread_id')
    .select(POST_COLUMNS);
}

export type PostRow = Awaited<ReturnType<ReturnType<typeof selectPosts>['executeTakeFirstOrThrow']>>;

const postsById = precompiled((db, v: { postIds: number[] }) =>
  selectPosts(db)
    .where(sql<boolean>`posts.id = any(${v.postIds}::integer[])`)
    .orderBy('posts.id'),
);

export function findPosts(db: Kysely<DB>, postIds: readonly number[]): Promise<PostRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return postsById.rows(db, { postIds: [...postIds] });
}

/**
 * Threads as their posts are shown in them: the title and slug (which the opening post's visibility
 * hides), the network the thread is in now, whether it is locked or pinned, and where it was moved
 * from. Callers add columns, where and order.
 */
export function selectThreads(db: Kysely<DB>) {
  return db
    .selectFrom('threads')
    .innerJoin('networks', 'networks.id', 'threads.network_id')
    .leftJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .leftJoin('networks as moved_from', 'moved_from.id', 'threads.moved_from_network_id')
    .select([
      'threads.id',
      'threads.title',
      'threads.slug',
      'threads.pinned',
      'threads.locked',
      'threads.network_id',
      'threads.author_id',
      // What it is (question, discussion, offer, meeting) and, for a question, its answer.
      'threads.kind',
      'threads.answer_post_id',
      // Answered as every list says it (answeredQuestion).
      answeredQuestion('threads').as('answered'),
      'networks.slug as network_slug',
      'networks.name as network_name',
      ...openingPostColumns('threads'),
      'threads.moved_note',
      'threads.moved_at',
      'moved_from.slug as moved_from_slug',
      'moved_from.name as moved_from_name',
    ]);
}

export function findThreads(db: Kysely<DB>, threadIds: readonly number[]) {
  if (threadIds.length === 0) return Promise.resolve([]);
  return selectThreads(db).where('threads.id', 'in', threadIds).execute();
}

export type ThreadRow = Awaited<ReturnType<typeof findThreads>>[number];
