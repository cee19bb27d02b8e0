// What other features use of follows and watches: the state a board's and a thread's pages show, and
// who is to be told about a post (the notifications worker, which also makes a post's author watch its
// thread), and following or leaving a board inside another feature's transaction (joining and leaving a
// network). The rest of following/ is its own.
import type { CacheTag } from '../core/cache-invalidation.js';
import type { Reading } from '../core/shared-reads.js';
import type { FollowLevel, WatchState } from '../db/schema.js';
import { followLevel, followState, watchState } from './following.queries.js';

// The notifications worker watches a thread for whoever writes in it, and records watches.changed last.
export { audienceOf, audiencesOf, followState, followUnlessFollowing, unfollow, watchUnlessSet, type Audience } from './following.queries.js';

/** What a member's watch buttons are kept under: every change of their watches records watches.changed, which drops it. */
export const watchesTag = (accountId: number): CacheTag => `watches:${accountId}`;

/**
 * A thread page's watch buttons: whether the member watches or muted the thread, kept for them under a
 * tag of their own; every change records watches.changed naming them, which drops it.
 */
export async function threadWatchState({ db, reads }: Reading, accountId: number, threadId: number): Promise<WatchState | null> {
  const { state } = await reads.read(`watch of ${accountId} on ${threadId}`, [watchesTag(accountId)], async () => ({
    state: await watchState(db, accountId, threadId),
  }));
  return state;
}

/**
 * A board's follow button: its follower count, the same for every viewer until someone follows or leaves
 * (shared reads), and the level the viewer follows it at, kept the same way: nothing read for a guest,
 * nor for a member who saw the board since.
 */
export async function boardFollowState(
  { db, reads }: Reading,
  networkId: number,
  accountId: number | undefined,
): Promise<{ followers: number; level: FollowLevel | null }> {
  const [{ followers }, { level }] = await Promise.all([
    reads.read(`network ${networkId} followers`, ['boards'], () => followState(db, networkId, undefined)),
    // Every follow, change of level and unfollow records followers.changed, which drops it.
    accountId === undefined
      ? { level: null }
      : reads.read(`network ${networkId} follow level ${accountId}`, ['boards'], async () => ({ level: await followLevel(db, networkId, accountId) })),
  ]);
  return { followers, level };
}
