// The figures of a convener's view of their network (GET /n/:network/health): one aggregate query for
// the weeks' posting figures and one for the threads still waiting for a reply. Flags and hides are
// moderation's, read through moderation/public.ts.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { openingPostColumns } from '../posts/posts.queries.js';

/** What the health view counts in: a network, the instant its first week starts, the zone its weeks are Monday to Sunday in. */
export interface HealthWindow {
  networkId: number;
  /** Monday 00:00 of the first week, on the zone's clocks. */
  since: Date;
  timeZone: string;
  weekCount: number;
  /** A thread started before this (48 hours ago) and still without an answer is unanswered. */
  unansweredBefore: Date;
}

/**
 * A reply that answers thread `thread`: a reply (not the opening post) by someone other than the thread's
 * author, neither deleted nor hidden. The author's own follow-up answers nothing, and a reply taken out of
 * view answers nobody. Its earliest is the thread's first reply.
 */
const firstAnswerAt = (thread: string) =>
  sql<Date | null>`(select min(answer.created_at) from posts answer
    where answer.thread_id = ${sql.ref(`${thread}.id`)} and answer.parent_id is not null and answer.author_id <> ${sql.ref(`${thread}.author_id`)}
      and answer.deleted_at is null and answer.hidden_at is null)`;

export interface WeekFiguresRow {
  /** The week's Monday on the zone's clocks, as an ISO date. */
  week: string;
  threads: number;
  replies: number;
  posters: number;
  new_members: number;
  median_first_reply_hours: number | null;
  unanswered: number;
}

/**
 * Week by week since `since`, every week present (zeros for a quiet one), oldest first: threads started,
 * replies written, distinct members who wrote either, members who joined (and are still members), the
 * median hours from a thread's start to its first answer (over that week's threads that got one; null
 * when none did), and how many of that week's threads are still unanswered after 48 hours (the opening
 * post visible). Threads count where they are now (a moved thread counts in its new network), and
 * everything written counts, also what was deleted or hidden since (hides are a figure of their own).
 * One query: the weeks left-joined to figures grouped by week. Posts are reached through the network's
 * threads active since `since` (threads_network_activity) and their posts since then (posts_thread_created).
 */
export async function weekFigures(db: Kysely<DB>, window: HealthWindow): Promise<WeekFiguresRow[]> {
  const { networkId, since, timeZone, weekCount, unansweredBefore } = window;
  const weekOf = (column: string) => sql`date_trunc('week', ${sql.ref(column)} at time zone ${timeZone})`;
  const result = await sql<WeekFiguresRow>`
    with weeks as (
      select week from generate_series(${since}::timestamptz at time zone ${timeZone}, (${since}::timestamptz at time zone ${timeZone}) + ${`${weekCount - 1} weeks`}::interval, interval '1 week') as week
    ),
    started as materialized (
      select ${weekOf('t.created_at')} as week, t.created_at, opening.deleted_at is null and opening.hidden_at is null as opening_visible,
        ${firstAnswerAt('t')} as first_answer_at
      from threads t join posts opening on opening.thread_id = t.id and opening.parent_id is null
      where t.network_id = ${networkId} and t.created_at >= ${since}
    ),
    thread_figures as (
      select week, count(*) as threads,
        percentile_cont(0.5) within group (order by extract(epoch from first_answer_at - created_at) / 3600) filter (where first_answer_at is not null) as median_hours,
        count(*) filter (where opening_visible and first_answer_at is null and created_at < ${unansweredBefore}) as unanswered
      from started group by week
    ),
    post_figures as (
      select ${weekOf('p.created_at')} as week, count(*) filter (where p.parent_id is not null) as replies, count(distinct p.author_id) as posters
      from threads t join posts p on p.thread_id = t.id and p.created_at >= ${since}
      -- A thread written in since then was active since then: its last activity prunes the rest.
      where t.network_id = ${networkId} and t.last_activity_at >= ${since}
      group by 1
    ),
    member_figures as (
      select ${weekOf('m.joined_at')} as week, count(*) as joined
      from network_members m where m.network_id = ${networkId} and m.joined_at >= ${since}
      group by 1
    )
    select to_char(weeks.week, 'YYYY-MM-DD') as week,
      coalesce(tf.threads, 0)::int as threads, coalesce(pf.replies, 0)::int as replies, coalesce(pf.posters, 0)::int as posters,
      coalesce(mf.joined, 0)::int as new_members, tf.median_hours::float8 as median_first_reply_hours, coalesce(tf.unanswered, 0)::int as unanswered
    from weeks
    left join thread_figures tf on tf.week = weeks.week
    left join post_figures pf on pf.week = weeks.week
    left join member_figures mf on mf.week = weeks.week
    order by weeks.week
  `.execute(db);
  return result.rows;
}

/**
 * The network's threads started since `since` and before `unansweredBefore` whose opening post is visible
 * and that no one but their author has answered (as `firstAnswerAt` has it), oldest first, with what
 * naming them takes (the one title rule: posts/present.ts `threadTitleFor`) and who started them.
 * `limit` of them; the weekly figures count them all.
 */
export function unansweredThreads(db: Kysely<DB>, window: HealthWindow, limit: number) {
  return db
    .selectFrom('threads')
    .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .innerJoin('accounts as author', 'author.id', 'threads.author_id')
    .select([
      'threads.id',
      'threads.title',
      'threads.slug',
      'threads.created_at',
      ...openingPostColumns('threads'),
      'author.username as author_username',
      'author.display_name as author_display_name',
      'author.deleted_at as author_deleted_at',
    ])
    .where('threads.network_id', '=', window.networkId)
    .where('threads.created_at', '>=', window.since)
    .where('threads.created_at', '<', window.unansweredBefore)
    .where('opening.deleted_at', 'is', null)
    .where('opening.hidden_at', 'is', null)
    .where(sql<boolean>`${firstAnswerAt('threads')} is null`)
    .orderBy('threads.created_at')
    .orderBy('threads.id')
    .limit(limit)
    .execute();
}

export type UnansweredThreadRow = Awaited<ReturnType<typeof unansweredThreads>>[number];
