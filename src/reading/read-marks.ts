// Marking what a thread page showed a member as read, without a statement when this instance knows the
// mark is there already (a member reading a thread again, or paging back). Safe across instances and
// without events: a mark only moves forward (markThreadRead), so one seen here is a lower bound of the
// stored one however other instances moved it since, and a page it does not cover still writes.
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { DB } from '../db/schema.js';
import { markThreadRead } from './reading.queries.js';

/** Member and thread pairs remembered per instance: a number each, a few megabytes at most. */
const MAX_MARKS = 50_000;

export type MarkRead = (db: Kysely<DB>, accountId: number, threadId: number, shownPostIds: readonly number[]) => Promise<void>;

/** A markThreadRead that remembers, per member and thread, the furthest mark it knows is stored. */
export function rememberingReadMarks(): MarkRead {
  const known = new LRUCache<string, number>({ max: MAX_MARKS });
  return async (db, accountId, threadId, shownPostIds) => {
    if (shownPostIds.length === 0) return;
    const key = `${accountId} ${threadId}`;
    if ((known.get(key) ?? 0) >= Math.max(...shownPostIds)) return;
    const mark = await markThreadRead(db, accountId, threadId, shownPostIds);
    if (mark !== null) known.set(key, Math.max(mark, known.get(key) ?? 0));
  };
}
