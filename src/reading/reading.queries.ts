// Read state (thread_reads) and the lists of the home page: the latest threads of a member's networks
// or of the whole forum, and the questions in a member's networks that wait for a first reply. Each
// query takes a Kysely instance first (a transaction or the pool); list queries take lists.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { answeredQuestion, listedThreadColumns } from '../posts/posts.queries.js';

/**
 * Records that the page showed the member `shownPostIds` of the thread: the mark moves to the newest
 * post such that every post of the thread up to it has now been shown to them — the newest shown, or
 * just before the first post the page did not show (on another page or part, or written meanwhile).
 * One statement; the mark never moves back (greatest), so two pages read at once leave the further
 * mark, and a page that moves it nowhere writes nothing. Resolves with a mark the stored one is now at
 * least at: the one written, or the stored one when nothing moved (null when there is none).
 */
export async function markThreadRead(db: Kysely<DB>, accountId: number, threadId: number, shownPostIds: readonly number[]): Promise<number | null> {
  if (shownPostIds.length === 0) return null;
  const newest = Math.max(...shownPostIds);
  const shown = sql`${[...shownPostIds]}::integer[]`;
  // The first post after `after` that the page did not show, less one; the newest shown when there is none.
  const readUpTo = (after: RawBuilder<unknown>) =>
    sql<number>`least(${newest}::integer, coalesce((select min(unshown.id) - 1 from posts unshown where unshown.thread_id = ${threadId} and unshown.id > ${after} and unshown.id <> all(${shown})), ${newest}::integer))`;
  // A page that cannot move the mark writes nothing — one read already (most views), and a middle page
  // of a thread not read from its start, whose first unshown post comes before it — so no row is
  // locked and no transaction id taken: the view costs a read, not a commit.
  const { rows } = await sql<{ written: number | null; stored: number | null }>`
    with stored as (
      select last_read_post_id from thread_reads where account_id = ${accountId} and thread_id = ${threadId}
    ), target as (
      select mark.stored_or_none, ${readUpTo(sql`mark.stored_or_none`)} as up_to
      from (select coalesce((select last_read_post_id from stored), 0) as stored_or_none) mark
    ), written as (
      insert into thread_reads (account_id, thread_id, last_read_post_id, read_at)
      select ${accountId}, ${threadId}, target.up_to, now() from target
      where target.up_to > target.stored_or_none
      on conflict (account_id, thread_id) do update
        set last_read_post_id = greatest(thread_reads.last_read_post_id, ${readUpTo(sql`thread_reads.last_read_post_id`)}),
            read_at = now()
        where thread_reads.last_read_post_id < ${newest}
      returning last_read_post_id
    )
    select (select last_read_post_id from written) as written, (select last_read_post_id from stored) as stored`.execute(db);
  const row = rows[0];
  return row?.written ?? row?.stored ?? null;
}

/**
 * The visibility rule (posts/visibility.ts postVisibility) in SQL, for a post `p` in a thread `t` that
 * is not the reader's own: its body is readable when it is not deleted and not hidden, or hidden and the
 * reader moderates the thread's network (an admin: every network). Only counts unread posts; what is
 * shown still passes the rule itself.
 */
function readableByOther(viewer: Viewer): RawBuilder<boolean> {
  if (viewer.role === 'admin') return sql<boolean>`p.deleted_at is null`;
  const convened = viewer.convenes.length ? sql`t.network_id = any(${[...viewer.convenes]}::integer[])` : sql`false`;
  return sql<boolean>`(p.deleted_at is null and (p.hidden_at is null or ${convened}))`;
}

/** The read state of each thread for the member: where the first post they have not read is, or whether a thread they never opened is new to them. */
export interface ReadStateRow {
  thread_id: number;
  /** Null when they never opened the thread. */
  last_read_post_id: number | null;
  /** Of an opened thread: the first post they may read, by someone else, after their mark; null when none. */
  first_unread_id: number | null;
  /** Of a thread never opened: whether someone else wrote in it, readably, since the horizon; null for an opened one. */
  new_since_horizon: boolean | null;
}

/**
 * The read state of these threads for the member. A thread they never opened is unread when its newest
 * post they may read and did not write was written after `horizon` and after they joined the thread's
 * network — a network they are not a member of brings nothing new until they open its threads. One query;
 * each thread costs a short walk of posts_thread (thread_id, id) from the mark, or back from the newest.
 */
export function readStates(db: Kysely<DB>, viewer: Viewer, threadIds: readonly number[], horizon: Date) {
  if (threadIds.length === 0) return Promise.resolve([] as ReadStateRow[]);
  const readable = readableByOther(viewer);
  const since = sql`greatest(m.joined_at, ${horizon}::timestamptz)`;
  return sql<ReadStateRow>`
    select t.id as thread_id,
      r.last_read_post_id,
      case when r.account_id is not null then
        (select p.id from posts p
          where p.thread_id = t.id and p.id > r.last_read_post_id and p.author_id <> ${viewer.id} and ${readable}
          order by p.id limit 1)
      end as first_unread_id,
      case when r.account_id is null then
        coalesce(m.joined_at is not null and t.last_activity_at >= ${since} and
          (select p.created_at from posts p
            where p.thread_id = t.id and p.author_id <> ${viewer.id} and ${readable}
            order by p.id desc limit 1) >= ${since}, false)
      end as new_since_horizon
    from threads t
    left join thread_reads r on r.thread_id = t.id and r.account_id = ${viewer.id}
    left join network_members m on m.network_id = t.network_id and m.account_id = ${viewer.id}
    where t.id = any(${[...threadIds]}::integer[])`
    .execute(db)
    .then((result) => result.rows);
}

/** A thread as the home page lists it: the board's row with its network's name and slug. */
function selectListedThreads(db: Kysely<DB>) {
  return (
    db
      .selectFrom('threads')
      .innerJoin('networks', 'networks.id', 'threads.network_id')
      .innerJoin('accounts as author', 'author.id', 'threads.author_id')
      .leftJoin('accounts as last_poster', 'last_poster.id', 'threads.last_poster_id')
      // The opening post's visibility decides who may read the title (posts/present.ts threadTitleFor).
      .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
      .select([...listedThreadColumns(), 'networks.slug as network_slug', 'networks.name as network_name'])
      // A hidden thread is no news: the home page leaves out every thread whose opening post is hidden
      // (its author and the network's moderators find it on the board and in the review queue).
      .where('opening.hidden_at', 'is', null)
  );
}

export type ListedThreadRow = Awaited<ReturnType<typeof latestThreads>>[number];

/** The home page's filter: questions only, unanswered or answered (as a board's). */
export type QuestionFilter = 'unanswered' | 'answered';

/**
 * The threads with the latest activity, newest first: of the networks the member belongs to, or of
 * every network when `memberId` is undefined (a guest's home); `filter` keeps questions only.
 */
export function latestThreads(db: Kysely<DB>, memberId: number | undefined, limit: number, filter?: QuestionFilter) {
  let query = selectListedThreads(db);
  if (filter) query = query.where('threads.kind', '=', 'question').where(answeredQuestion('threads'), '=', filter === 'answered');
  if (memberId !== undefined) {
    query = query.where('threads.network_id', 'in', (eb) =>
      eb.selectFrom('network_members').select('network_members.network_id').where('network_members.account_id', '=', memberId),
    );
  }
  return query.orderBy('threads.last_activity_at', 'desc').orderBy('threads.id', 'desc').limit(limit).execute();
}

/**
 * Threads in the member's networks that nobody has answered yet, started by someone else since `since`,
 * open to replies and with their opening post there to read (not deleted, not hidden): the one waiting
 * longest first.
 */
export function threadsAwaitingReply(db: Kysely<DB>, memberId: number, since: Date, limit: number) {
  return selectListedThreads(db)
    .where('threads.network_id', 'in', (eb) =>
      eb.selectFrom('network_members').select('network_members.network_id').where('network_members.account_id', '=', memberId),
    )
    .where('threads.reply_count', '=', 0)
    .where('threads.locked', '=', false)
    .where('threads.author_id', '<>', memberId)
    .where('threads.created_at', '>=', since)
    .where('opening.deleted_at', 'is', null)
    .orderBy('threads.created_at', 'asc')
    .orderBy('threads.id', 'asc')
    .limit(limit)
    .execute();
}
