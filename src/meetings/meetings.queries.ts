// Meetings' reads and writes: plain functions taking the database (or a transaction) first.
import { sql, type Kysely } from 'kysely';
import type { DB, MeetingAnswer } from '../db/schema.js';
import { openingPostColumns } from '../posts/posts.queries.js';

type Db = Kysely<DB>;

export async function insertMeeting(
  tx: Db,
  row: { thread_id: number; starts_at: Date; ends_at: Date; place: string; map_url: string | null; capacity: number | null },
  networkIds: readonly number[],
): Promise<void> {
  await tx.insertInto('meetings').values(row).execute();
  await tx
    .insertInto('meeting_networks')
    .values([...new Set(networkIds)].map((network_id) => ({ thread_id: row.thread_id, network_id })))
    .execute();
}

/** What every read of a meeting takes: when, where, how many places, whether it is called off. */
const MEETING_COLUMNS = [
  'meetings.thread_id',
  'meetings.starts_at',
  'meetings.ends_at',
  'meetings.place',
  'meetings.map_url',
  'meetings.capacity',
  'meetings.cancelled_at',
] as const;

/** The meeting's row, locked for the rest of the transaction (answers to one meeting go one at a time), with its thread's network and opening post. */
export async function lockMeeting(tx: Db, threadId: number) {
  return tx
    .selectFrom('meetings')
    .innerJoin('threads', 'threads.id', 'meetings.thread_id')
    .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .select([...MEETING_COLUMNS, 'meetings.minutes_post_id', 'meetings.sequence', 'threads.network_id', 'opening.id as opening_id'])
    .where('meetings.thread_id', '=', threadId)
    .forUpdate('meetings')
    .executeTakeFirst();
}
export type LockedMeeting = NonNullable<Awaited<ReturnType<typeof lockMeeting>>>;

/** Meetings by thread, with the networks invited (ordered by name, the thread's own first). */
export async function findMeetings(db: Db, threadIds: readonly number[]) {
  if (threadIds.length === 0) return [];
  return db
    .selectFrom('meetings')
    .innerJoin('threads', 'threads.id', 'meetings.thread_id')
    .select([
      ...MEETING_COLUMNS,
      'meetings.minutes_post_id',
      'meetings.sequence',
      'threads.network_id',
      sql<
        Array<{ id: number; slug: string; name: string }>
      >`(select coalesce(json_agg(json_build_object('id', n.id, 'slug', n.slug, 'name', n.name) order by n.id <> threads.network_id, n.name), '[]'::json) from meeting_networks mn join networks n on n.id = mn.network_id where mn.thread_id = meetings.thread_id)`.as(
        'networks',
      ),
    ])
    .where('meetings.thread_id', 'in', threadIds)
    .execute();
}
export type MeetingRow = Awaited<ReturnType<typeof findMeetings>>[number];

export interface AnswerCounts {
  thread_id: number;
  going: number;
  going_answers: number;
  maybe: number;
  not_going: number;
  waiting: number;
}

/** The answers' counts per meeting (one query for any number of meetings); a meeting nobody answered is missing. */
export async function answerCounts(db: Db, threadIds: readonly number[]): Promise<Map<number, AnswerCounts>> {
  if (threadIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('meeting_answers')
    .select([
      'thread_id',
      sql<number>`coalesce(sum(headcount) filter (where answer = 'going' and queue is null), 0)::int`.as('going'),
      sql<number>`(count(*) filter (where answer = 'going' and queue is null))::int`.as('going_answers'),
      sql<number>`(count(*) filter (where answer = 'maybe'))::int`.as('maybe'),
      sql<number>`(count(*) filter (where answer = 'not_going'))::int`.as('not_going'),
      sql<number>`coalesce(sum(headcount) filter (where queue is not null), 0)::int`.as('waiting'),
    ])
    .where('thread_id', 'in', threadIds)
    .groupBy('thread_id')
    .execute();
  return new Map(rows.map((row) => [row.thread_id, row]));
}

export async function findAnswer(db: Db, threadId: number, accountId: number) {
  return db
    .selectFrom('meeting_answers')
    .select(['answer', 'headcount', 'queue'])
    .where('thread_id', '=', threadId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** The viewer's place on the waiting list (1 for the first), or null when not waiting. */
export async function waitingPosition(db: Db, threadId: number, queue: number | null): Promise<number | null> {
  if (queue === null) return null;
  const row = await db
    .selectFrom('meeting_answers')
    .select((eb) => eb.fn.countAll<string>().as('ahead'))
    .where('thread_id', '=', threadId)
    .where('queue', 'is not', null)
    .where('queue', '<=', queue)
    .executeTakeFirstOrThrow();
  return Number(row.ahead);
}

/** Places taken: the headcounts of `going` answers with a place, but the account's own. */
export async function placesTaken(tx: Db, threadId: number, exceptAccountId: number): Promise<number> {
  const row = await tx
    .selectFrom('meeting_answers')
    .select(sql<number>`coalesce(sum(headcount), 0)::int`.as('taken'))
    .where('thread_id', '=', threadId)
    .where('answer', '=', 'going')
    .where('queue', 'is', null)
    .where('account_id', '<>', exceptAccountId)
    .executeTakeFirstOrThrow();
  return row.taken;
}

/**
 * Writes the account's answer. `queue`: 'keep' (its place on the list stays), 'next' (the end of the
 * waiting list: the sequence is read while the meeting's row is locked, so the list is in commit order)
 * or null (a place, or another answer). answered_at is the clock at the write, not the transaction's start.
 */
export async function writeAnswer(
  tx: Db,
  row: { threadId: number; accountId: number; answer: MeetingAnswer; headcount: number; queue: 'keep' | 'next' | null },
) {
  const queue = row.queue === 'next' ? sql<number>`nextval('meeting_answers_queue')::int` : row.queue === 'keep' ? sql<number>`meeting_answers.queue` : null;
  const insertQueue = row.queue === null ? null : sql<number>`nextval('meeting_answers_queue')::int`;
  await tx
    .insertInto('meeting_answers')
    .values({
      thread_id: row.threadId,
      account_id: row.accountId,
      answer: row.answer,
      headcount: row.headcount,
      queue: insertQueue,
      answered_at: sql<Date>`clock_timestamp()`,
    })
    .onConflict((oc) =>
      oc.columns(['thread_id', 'account_id']).doUpdateSet({
        answer: row.answer,
        headcount: row.headcount,
        queue,
        answered_at: sql<Date>`clock_timestamp()`,
      }),
    )
    .execute();
}

/** The waiting list in order: who, for how many. */
export async function waitingList(tx: Db, threadId: number) {
  return tx
    .selectFrom('meeting_answers')
    .select(['account_id', 'headcount'])
    .where('thread_id', '=', threadId)
    .where('queue', 'is not', null)
    .orderBy('queue')
    .execute();
}

export async function giveplaces(tx: Db, threadId: number, accountIds: readonly number[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.updateTable('meeting_answers').set({ queue: null }).where('thread_id', '=', threadId).where('account_id', 'in', accountIds).execute();
}

/** Who gave these answers (a waiting `going` counts as going). */
export async function accountsAnswering(db: Db, threadId: number, answers: readonly MeetingAnswer[]): Promise<number[]> {
  const rows = await db
    .selectFrom('meeting_answers')
    .select('account_id')
    .where('thread_id', '=', threadId)
    .where('answer', 'in', answers)
    .orderBy('account_id')
    .execute();
  return rows.map((row) => row.account_id);
}

/** Who answered, with their names and (for the page) businesses, in the order they answered. */
export async function answersWithPeople(db: Db, threadId: number) {
  return db
    .selectFrom('meeting_answers')
    .innerJoin('accounts', 'accounts.id', 'meeting_answers.account_id')
    .select([
      'meeting_answers.account_id',
      'meeting_answers.answer',
      'meeting_answers.headcount',
      'meeting_answers.queue',
      'accounts.username',
      'accounts.display_name',
    ])
    .where('meeting_answers.thread_id', '=', threadId)
    .where('accounts.deleted_at', 'is', null)
    .where('meeting_answers.answer', 'in', ['going', 'maybe'])
    .orderBy(sql`meeting_answers.queue nulls first`)
    .orderBy('meeting_answers.answered_at')
    .execute();
}

export async function updateMeeting(
  tx: Db,
  threadId: number,
  changes: { starts_at: Date; ends_at: Date; place: string; map_url: string | null; capacity: number | null; sequence: number },
): Promise<void> {
  await tx
    .updateTable('meetings')
    .set({ ...changes, updated_at: new Date(), reminded_at: sql`case when starts_at = ${changes.starts_at} then reminded_at end` })
    .where('thread_id', '=', threadId)
    .execute();
}

export async function markCancelled(tx: Db, threadId: number, at: Date): Promise<void> {
  await tx
    .updateTable('meetings')
    .set({ cancelled_at: at, updated_at: at, sequence: sql`sequence + 1` })
    .where('thread_id', '=', threadId)
    .execute();
}

export async function setMinutes(tx: Db, threadId: number, postId: number): Promise<void> {
  await tx.updateTable('meetings').set({ minutes_post_id: postId, updated_at: new Date() }).where('thread_id', '=', threadId).execute();
}

/** A reply of the thread, for marking it as the minutes; undefined when the post is not one. */
export async function findReplyOf(db: Db, threadId: number, postId: number) {
  return db
    .selectFrom('posts')
    .select(['id', 'deleted_at', 'hidden_at'])
    .where('id', '=', postId)
    .where('thread_id', '=', threadId)
    .where('parent_id', 'is not', null)
    .executeTakeFirst();
}

/**
 * Claims the meetings whose reminder is due (starting within `horizon`, not started, not cancelled,
 * not reminded): one UPDATE … WHERE reminded_at IS NULL, so of two runs at once (two instances) each
 * meeting goes to exactly one — the second waits for the first's row lock and then finds it claimed.
 */
export async function claimDueReminders(tx: Db, now: Date, horizon: Date) {
  return tx
    .updateTable('meetings')
    .set({ reminded_at: now })
    .where('reminded_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('starts_at', '>', now)
    .where('starts_at', '<=', horizon)
    .returning(['thread_id'])
    .execute();
}

/** The opening post and network of these threads (what a notification about a meeting points at). */
export async function openingPosts(db: Db, threadIds: readonly number[]) {
  if (threadIds.length === 0) return [];
  return db
    .selectFrom('threads')
    .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .select(['threads.id as thread_id', 'threads.network_id', 'opening.id as opening_id'])
    .where('threads.id', 'in', threadIds)
    .execute();
}

/** Those with a place at each meeting (`going`, not waiting). */
export async function goingWithPlace(db: Db, threadIds: readonly number[]) {
  if (threadIds.length === 0) return [];
  return db
    .selectFrom('meeting_answers')
    .select(['thread_id', 'account_id'])
    .where('thread_id', 'in', threadIds)
    .where('answer', '=', 'going')
    .where('queue', 'is', null)
    .orderBy('account_id')
    .execute();
}

/**
 * Meetings as lists and calendars show them, starting from `from` (or all, for calendars of what is on),
 * in order of start: the thread's title with its opening post's visibility columns, the people going.
 * `networkId` keeps those a network is invited to; `accountId` those the account answered going or maybe.
 */
export async function listMeetings(db: Db, filter: { from?: Date; networkId?: number; accountId?: number; includeCancelled?: boolean; limit: number }) {
  let query = db
    .selectFrom('meetings')
    .innerJoin('threads', 'threads.id', 'meetings.thread_id')
    .innerJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .select([
      ...MEETING_COLUMNS,
      'meetings.sequence',
      'meetings.updated_at',
      'meetings.created_at',
      'threads.id',
      'threads.title',
      'threads.slug',
      'opening.body as opening_body',
      ...openingPostColumns('threads'),
      sql<number>`(select coalesce(sum(a.headcount), 0)::int from meeting_answers a where a.thread_id = meetings.thread_id and a.answer = 'going' and a.queue is null)`.as(
        'going',
      ),
      sql<
        Array<{ id: number; slug: string; name: string }>
      >`(select coalesce(json_agg(json_build_object('id', n.id, 'slug', n.slug, 'name', n.name) order by n.id <> threads.network_id, n.name), '[]'::json) from meeting_networks mn join networks n on n.id = mn.network_id where mn.thread_id = meetings.thread_id)`.as(
        'networks',
      ),
    ])
    .orderBy('meetings.starts_at')
    .orderBy('meetings.thread_id')
    .limit(filter.limit);
  if (filter.from) query = query.where('meetings.ends_at', '>', filter.from);
  if (!filter.includeCancelled) query = query.where('meetings.cancelled_at', 'is', null);
  if (filter.networkId !== undefined) {
    const networkId = filter.networkId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('meeting_networks as mn')
          .select('mn.thread_id')
          .whereRef('mn.thread_id', '=', 'meetings.thread_id')
          .where('mn.network_id', '=', networkId),
      ),
    );
  }
  if (filter.accountId !== undefined) {
    const accountId = filter.accountId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('meeting_answers as mine')
          .select('mine.thread_id')
          .whereRef('mine.thread_id', '=', 'meetings.thread_id')
          .where('mine.account_id', '=', accountId)
          .where('mine.answer', 'in', ['going', 'maybe']),
      ),
    );
  }
  return query.execute();
}
export type ListedMeeting = Awaited<ReturnType<typeof listMeetings>>[number];

/** Sets the account's calendar secret, replacing the one it had (whose URL then answers 404). */
export async function replaceCalendarToken(db: Db, accountId: number, secret: string): Promise<void> {
  await db
    .insertInto('meeting_calendar_tokens')
    .values({ account_id: accountId, secret })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ secret, created_at: new Date() }))
    .execute();
}

/** The account's calendar secret, made the first time it is asked for (two asking at once keep one). */
export async function calendarSecretOf(db: Db, accountId: number, fresh: string): Promise<string> {
  await db
    .insertInto('meeting_calendar_tokens')
    .values({ account_id: accountId, secret: fresh })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
  const row = await db.selectFrom('meeting_calendar_tokens').select('secret').where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return row.secret;
}

export async function accountOfCalendarToken(db: Db, secret: string) {
  return db
    .selectFrom('meeting_calendar_tokens')
    .innerJoin('accounts', 'accounts.id', 'meeting_calendar_tokens.account_id')
    .select(['accounts.id'])
    .where('meeting_calendar_tokens.secret', '=', secret)
    .where('accounts.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The thread's replies a convener may mark as the minutes: the newest 50 not deleted, with their authors' names. */
export async function minutesChoices(db: Db, threadId: number) {
  return db
    .selectFrom('posts')
    .innerJoin('accounts as author', 'author.id', 'posts.author_id')
    .select(['posts.id', 'posts.created_at', 'author.display_name'])
    .where('posts.thread_id', '=', threadId)
    .where('posts.parent_id', 'is not', null)
    .where('posts.deleted_at', 'is', null)
    .orderBy('posts.id', 'desc')
    .limit(50)
    .execute();
}

/** The meetings still to come, not cancelled, where the account holds a place (in id order). */
export async function meetingsWithPlaceOf(db: Db, accountId: number, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('meeting_answers')
    .innerJoin('meetings', 'meetings.thread_id', 'meeting_answers.thread_id')
    .select('meetings.thread_id')
    .where('meeting_answers.account_id', '=', accountId)
    .where('meeting_answers.answer', '=', 'going')
    .where('meeting_answers.queue', 'is', null)
    .where('meetings.cancelled_at', 'is', null)
    .where('meetings.ends_at', '>', now)
    .orderBy('meetings.thread_id')
    .execute();
  return rows.map((row) => row.thread_id);
}
