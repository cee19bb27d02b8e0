// Writes that announce themselves: each one transaction, its event inside it.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import type { DB, FollowLevel, WatchState } from '../db/schema.js';
import * as queries from './following.queries.js';

/** Follows the network's board at the level (or changes the level); its follower count shows to guests too. */
export async function followNetwork(db: Kysely<DB>, accountId: number, networkId: number, level: FollowLevel): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await queries.follow(tx, accountId, networkId, level);
    await recordEvent(tx, 'followers.changed', { networkId });
  });
}

/** Watches, mutes (state) or stops watching (null) the thread; the thread's page shows it. */
export async function changeWatch(db: Kysely<DB>, accountId: number, threadId: number, state: WatchState | null): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await queries.setWatch(tx, accountId, threadId, state);
    await recordEvent(tx, 'watches.changed', { accountIds: [accountId] });
  });
}

export async function unfollowNetwork(db: Kysely<DB>, accountId: number, networkId: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await queries.unfollow(tx, accountId, networkId);
    await recordEvent(tx, 'followers.changed', { networkId });
  });
}
