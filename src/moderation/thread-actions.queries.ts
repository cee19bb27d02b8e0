import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A thread as moving, locking and pinning it need it; locked for the rest of the transaction. */
export function lockThreadForModeration(db: Kysely<DB>, threadId: number) {
  return db
    .selectFrom('threads')
    .select(['id', 'network_id', 'author_id', 'pinned', 'locked', 'last_activity_at'])
    .where('id', '=', threadId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export async function setThreadFlag(db: Kysely<DB>, threadId: number, flag: 'locked' | 'pinned', value: boolean): Promise<void> {
  await db
    .updateTable('threads')
    .set(flag === 'locked' ? { locked: value } : { pinned: value })
    .where('id', '=', threadId)
    .execute();
}

/**
 * Moves the thread to another network and keeps both networks' counts right: the source loses a thread
 * and its latest activity is found again among the threads it keeps (null when none); the target gains
 * one and its latest activity is the later of its own and the thread's. A pin belongs to a board, so a
 * moved thread arrives unpinned.
 */
export async function moveThread(
  db: Kysely<DB>,
  thread: { id: number; network_id: number; last_activity_at: Date },
  move: { toNetworkId: number; note: string; at: Date },
): Promise<void> {
  await db
    .updateTable('threads')
    .set({ network_id: move.toNetworkId, pinned: false, moved_from_network_id: thread.network_id, moved_note: move.note, moved_at: move.at })
    .where('id', '=', thread.id)
    .execute();
  await db
    .updateTable('networks')
    .set((eb) => ({
      thread_count: eb('thread_count', '-', 1),
      last_activity_at: sql<Date>`(select max(t.last_activity_at) from threads t where t.network_id = ${thread.network_id})`,
    }))
    .where('id', '=', thread.network_id)
    .execute();
  await db
    .updateTable('networks')
    .set((eb) => ({
      thread_count: eb('thread_count', '+', 1),
      last_activity_at: sql<Date>`greatest(last_activity_at, ${thread.last_activity_at})`,
    }))
    .where('id', '=', move.toNetworkId)
    .execute();
}
