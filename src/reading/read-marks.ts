// Marking what a thread page showed a member as read, without a statement when this instance knows the
// mark is there already (a member reading a thread again, or paging back) or that the page cannot move
// it. Safe across instances and without events: a mark only moves forward (markThreadRead), so one seen
// here is a lower bound of the stored one however other instances moved it since, and a page it does
// not cover still writes.
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { CacheInvalidation, CacheTag } from '../core/cache-invalidation.js';
import { atMostEntries } from '../core/lru-bounds.js';
import type { DB } from '../db/schema.js';
import { markThreadRead } from './reading.queries.js';

/** Member and thread pairs remembered per instance: a number each, a few megabytes at most. */
const MAX_MARKS = 50_000;
/**
 * How long a page that could not move a mark is believed to still not move it. A page stops moving the
 * mark at the first post it does not show; only reading that post moves the mark on, which this instance
 * sees when it happens here. Read on another instance, it is seen here after this long at the latest —
 * the same minute kept views are rendered afresh after.
 */
const STUCK_FOR_MS = 60_000;

export type MarkRead = (db: Kysely<DB>, accountId: number, threadId: number, shownPostIds: readonly number[]) => Promise<void>;

/** What a member's read states are kept under (public.ts readStatesOf): dropped here when they may have moved. */
export const readerTag = (accountId: number): CacheTag => `reader:${accountId}`;

/**
 * A markThreadRead that remembers, per member and thread, the furthest mark it knows is stored; whenever
 * it writes, what this instance keeps of the member's read states goes (public.ts readStatesOf, and the
 * member's kept pages, core/member-pages.ts): forgotten here alone, with no event (one per mark moved
 * would flood the events table) and no move of the invalidation generation (which would keep anyone's
 * page rendered meanwhile from being kept). So read states loading meanwhile (the same member's board,
 * in another tab) may still be kept, and other instances see the move when theirs age out.
 */
export function rememberingReadMarks(invalidation: Pick<CacheInvalidation, 'forget'>): MarkRead {
  const known = new LRUCache<string, number>(atMostEntries(MAX_MARKS));
  // Per member, thread and the posts a page showed: the mark at which that page moved it no further.
  const stuck = new LRUCache<string, number>({ ...atMostEntries(MAX_MARKS), ttl: STUCK_FOR_MS });
  return async (db, accountId, threadId, shownPostIds) => {
    if (shownPostIds.length === 0) return;
    const key = `${accountId} ${threadId}`;
    const newest = Math.max(...shownPostIds);
    const knownMark = known.get(key);
    if ((knownMark ?? 0) >= newest) return;
    const pageKey = `${key} ${fingerprint(shownPostIds)}`;
    if (knownMark !== undefined && stuck.get(pageKey) === knownMark) return;
    const mark = await markThreadRead(db, accountId, threadId, shownPostIds);
    invalidation.forget([readerTag(accountId)]);
    if (mark === null) return;
    const furthest = Math.max(mark, known.get(key) ?? 0);
    known.set(key, furthest);
    // Short of the newest post shown, the mark stopped at a post this page does not show: viewing the
    // same posts again cannot move it until that post is read.
    if (furthest < newest) stuck.set(pageKey, furthest);
  };
}

/** A short name for a set of posts (FNV-1a over their ids): the same page, unless posts were added or moved. */
function fingerprint(postIds: readonly number[]): string {
  let hash = 0x811c9dc5;
  for (const id of postIds) hash = Math.imul(hash ^ id, 0x01000193);
  return `${postIds.length}:${(hash >>> 0).toString(36)}`;
}
