// Joining and leaving a network: the membership, the follow that comes with it, and the events that
// drop guests' cached boards (their member and follower counts), in one transaction each.
import type { Kysely } from 'kysely';
import { ConflictError } from '../core/errors.js';
import { recordEvent } from '../core/events.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { followUnlessFollowing, unfollow } from '../following/public.js';
import * as queries from './membership.queries.js';

/**
 * Makes the account a member. A new member follows the board at `threads`, unless they already follow it
 * at a level of their own choosing, which stays. Joining again changes nothing (and announces nothing);
 * two joins at once make one row. Answers the member count after.
 */
export async function joinNetwork(db: Kysely<DB>, accountId: number, networkId: number): Promise<{ member: true; members: number }> {
  return db.transaction().execute(async (tx) => {
    await addMember(tx, accountId, networkId);
    const { members } = await queries.membershipState(tx, networkId, accountId);
    return { member: true, members };
  });
}

/**
 * Joining inside the caller's transaction (a convener appointed, an invitation accepted, a proposal
 * approved: whoever convenes a network is among its members): the row, the follow, the events. False
 * when they already were a member.
 */
export async function addMember(tx: Kysely<DB>, accountId: number, networkId: number): Promise<boolean> {
  if (!(await queries.insertMember(tx, networkId, accountId))) return false;
  await recordEvent(tx, 'members.changed', { networkId });
  if (await followUnlessFollowing(tx, accountId, networkId)) await recordEvent(tx, 'followers.changed', { networkId });
  return true;
}

/**
 * Ends the membership and the follow (a member who leaves stops hearing from the network; anyone may
 * follow a board again without joining). Their posts stay, under their name. Leaving when not a member
 * changes nothing. A convener is refused (409): a network's conveners are among its members, so they
 * step down first (an admin removes them), and no network is left convened by an outsider.
 */
export async function leaveNetwork(db: Kysely<DB>, viewer: Viewer, networkId: number): Promise<{ member: false; members: number }> {
  if (viewer.convenes.includes(networkId)) throw new ConflictError('membership.convenerCannotLeave');
  return db.transaction().execute(async (tx) => {
    if (await queries.deleteMember(tx, networkId, viewer.id)) {
      await unfollow(tx, viewer.id, networkId);
      await recordEvent(tx, 'members.changed', { networkId });
      await recordEvent(tx, 'followers.changed', { networkId });
    }
    const { members } = await queries.membershipState(tx, networkId, viewer.id);
    return { member: false, members };
  });
}
