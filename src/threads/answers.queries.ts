// A question's answer and a thread's kind: plain queries, the database first.
import { sql, type Kysely } from 'kysely';
import type { DB, ThreadKind } from '../db/schema.js';
import { answeredQuestion } from '../posts/posts.queries.js';

/** A post with what deciding about its mark takes: its thread's kind, asker, network and current answer. */
export function findPostForAnswer(db: Kysely<DB>, postId: number) {
  return db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.parent_id',
      'posts.author_id',
      'posts.deleted_at',
      'posts.hidden_at',
      'threads.kind as thread_kind',
      'threads.author_id as thread_author_id',
      'threads.network_id',
      'threads.answer_post_id as thread_answer_post_id',
    ])
    .where('posts.id', '=', postId)
    .executeTakeFirst();
}

export type PostForAnswer = NonNullable<Awaited<ReturnType<typeof findPostForAnswer>>>;

/** Locks the thread's row while its answer changes, and reads the answer it has. */
export function lockThreadAnswer(db: Kysely<DB>, threadId: number) {
  return db.selectFrom('threads').select(['id', 'answer_post_id', 'kind']).where('id', '=', threadId).forNoKeyUpdate().executeTakeFirst();
}

/**
 * Marks the post as its question's answer in one UPDATE that is also the check: the thread is a
 * question, and the post is one of its replies (not the opening post), neither deleted nor hidden.
 * False when it marked nothing.
 */
export async function setAnswer(db: Kysely<DB>, threadId: number, postId: number): Promise<boolean> {
  const result = await db
    .updateTable('threads')
    .set({ answer_post_id: postId })
    .where('id', '=', threadId)
    .where('kind', '=', 'question')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('posts')
          .select('posts.id')
          .where('posts.id', '=', postId)
          .whereRef('posts.thread_id', '=', 'threads.id')
          .where('posts.parent_id', 'is not', null)
          .where('posts.deleted_at', 'is', null)
          .where('posts.hidden_at', 'is', null),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Takes the mark off the post, if it is the thread's answer; false when it was not. */
export async function clearAnswer(db: Kysely<DB>, threadId: number, postId: number): Promise<boolean> {
  const result = await db
    .updateTable('threads')
    .set({ answer_post_id: null })
    .where('id', '=', threadId)
    .where('answer_post_id', '=', postId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A thread as changing its kind needs it: its author, network, kind and title. */
export function findThreadForKind(db: Kysely<DB>, threadId: number) {
  return db.selectFrom('threads').select(['id', 'author_id', 'network_id', 'kind', 'title']).where('id', '=', threadId).executeTakeFirst();
}

/** Changes the kind (never to or from a meeting, which meetings own); false when the thread is a meeting. */
export async function updateThreadKind(db: Kysely<DB>, threadId: number, kind: Exclude<ThreadKind, 'meeting'>): Promise<boolean> {
  const result = await db.updateTable('threads').set({ kind }).where('id', '=', threadId).where('kind', '!=', 'meeting').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * What a member gave over a period: how many of their replies written since `since` are their
 * question's answer (and visible), and how many thanks their visible posts received since then. Two
 * counts, one query.
 */
export async function recognitionOf(db: Kysely<DB>, accountId: number, since: Date): Promise<{ answers: number; thanks: number }> {
  const row = await db
    .selectNoFrom([
      (eb) =>
        eb
          .selectFrom('threads')
          .innerJoin('posts as answer', 'answer.id', 'threads.answer_post_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('answer.author_id', '=', accountId)
          .where('threads.kind', '=', 'question')
          .where('answer.deleted_at', 'is', null)
          .where('answer.hidden_at', 'is', null)
          .where('answer.created_at', '>=', since)
          .as('answers'),
      (eb) =>
        eb
          .selectFrom('post_thanks')
          .innerJoin('posts', 'posts.id', 'post_thanks.post_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('posts.author_id', '=', accountId)
          .where('posts.deleted_at', 'is', null)
          .where('posts.hidden_at', 'is', null)
          .where('post_thanks.created_at', '>=', since)
          .as('thanks'),
    ])
    .executeTakeFirstOrThrow();
  return { answers: row.answers ?? 0, thanks: row.thanks ?? 0 };
}

/** Of these threads, what each is and whether it is an answered question: one query for a list. */
export async function answerStates(db: Kysely<DB>, threadIds: readonly number[]): Promise<Map<number, { kind: ThreadKind; answered: boolean }>> {
  if (threadIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('threads')
    .select(['threads.id', 'threads.kind', answeredQuestion('threads').as('answered')])
    .where('threads.id', 'in', threadIds)
    .execute();
  return new Map(rows.map((row) => [row.id, { kind: row.kind, answered: row.answered }]));
}
