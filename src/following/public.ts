// What other features use of follows and watches: the state a board's and a thread's pages show, and
// who is to be told about a post (the notifications worker, which also makes a post's author watch its
// thread), and following or leaving a board inside another feature's transaction (joining and leaving a
// network). The rest of following/ is its own.
import type { Reading } from '../core/shared-reads.js';
import type { FollowLevel } from '../db/schema.js';
import { followLevel, followState } from './following.queries.js';

export { audienceOf, followState, followUnlessFollowing, unfollow, watchAutomatically, watchState } from './following.queries.js';

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
