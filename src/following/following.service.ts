// Writes that announce themselves: each one transaction, its event inside it.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import type { DB, FollowLevel } from '../db/schema.js';
import * as queries from './following.queries.js';

/** Follows the network's board at the level (or changes the level); its follower count shows to guests too. */
export async function followNetwork(db: Kysely<DB>, accountId: number, networkId: number, level: FollowLevel): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await queries.follow(tx, accountId, networkId, level);
    await recordEvent(tx, 'followers.changed', { networkId });
  });
}

export async function unfollowNetwork(db: Kysely<DB>, accountId: number, networkId: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await queries.unfollow(tx, accountId, networkId);
    await recordEvent(tx, 'followers.changed', { networkId });
  });
}
