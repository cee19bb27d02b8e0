// Deleting one's own account (POST /me/delete): in one transaction, everything personal goes and the
// account's row is left anonymised (deletion.queries.ts); each change others see is announced, so live
// pages, caches and notifications follow: the posts deleted, the follower counts and conveners of the
// networks concerned, the businesses left, the sessions ended, the author's name.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import { ForbiddenError, UnauthorizedError } from '../core/errors.js';
import type { DB } from '../db/schema.js';
import { leaveAllBusinesses } from '../businesses/public.js';
import { forgetAccountInMeetings } from '../meetings/public.js';
import { forgetProposalsOf } from '../proposals/public.js';
import * as queries from './deletion.queries.js';

export interface DeletionChoice {
  /** Delete every post too (deletePostsOf); otherwise they stay, signed "a former member". */
  deletePosts: boolean;
}

/**
 * Every post of the account, as "delete my posts too" asks: a thread nobody else wrote in goes whole;
 * in the others its posts keep their place, deleted and emptied. How many posts went.
 */
async function deletePostsOf(tx: Kysely<DB>, accountId: number, now: Date): Promise<number> {
  await queries.lockThreadsStartedBy(tx, accountId);
  const ownThreads = await queries.threadsOfItsOwn(tx, accountId);
  const threadIds = ownThreads.map((thread) => thread.id);
  const told = await queries.notifiedAbout(tx, threadIds, accountId);
  const removed = await queries.removeThreads(tx, ownThreads);
  for (const threadId of threadIds) await recordEvent(tx, 'thread.changed', { threadId });
  if (told.length > 0) await recordEvent(tx, 'notifications.changed', { accountIds: told });
  const posts = await queries.livePostsOf(tx, accountId);
  await queries.eraseAllPostsOf(tx, accountId, now);
  for (const post of posts) await recordEvent(tx, 'post.deleted', { postId: post.id, threadId: post.thread_id });
  return removed + posts.length;
}

/**
 * Deletes the account; 401 when it is already gone, as the session that asked is gone with it (two
 * deletions at once: the row lock makes the second find it deleted).
 */
export async function deleteAccount(db: Kysely<DB>, accountId: number, choice: DeletionChoice): Promise<{ postsDeleted: number }> {
  return db.transaction().execute(async (tx) => {
    const now = new Date();
    // A forum with no administrator left could never get one again: the last one stays. Only an
    // administrator's deletion waits on the others'; a member's locks its own row alone.
    if (await queries.isLiveAdmin(tx, accountId)) {
      const admins = await queries.lockLiveAdmins(tx);
      if (admins.length === 1 && admins[0] === accountId) throw new ForbiddenError('account.delete.lastAdmin');
    }
    if (!(await queries.lockLiveAccount(tx, accountId))) throw new UnauthorizedError();
    const postsDeleted = choice.deletePosts ? await deletePostsOf(tx, accountId, now) : 0;
    const followed = await queries.followedNetworkIds(tx, accountId);
    const convened = await queries.convenedNetworkIds(tx, accountId);
    const unlinked = await queries.unlinkMentionsOf(tx, accountId);
    await leaveAllBusinesses(tx, accountId);
    // Its answers to meetings and its calendar go; those waiting move up into the places it held.
    await forgetAccountInMeetings(tx, accountId);
    // Its open proposals are withdrawn (the admins' notices of them with them); decided ones stay, signed by nobody.
    const toldOfProposals = await forgetProposalsOf(tx, accountId);
    await queries.deleteOwnRows(tx, accountId);
    await queries.detachFromOthersRows(tx, accountId);
    await queries.anonymiseAccount(tx, accountId, now);
    for (const post of unlinked) await recordEvent(tx, 'post.edited', { postId: post.id, threadId: post.thread_id });
    for (const networkId of followed) await recordEvent(tx, 'followers.changed', { networkId });
    for (const networkId of convened) await recordEvent(tx, 'conveners.changed', { networkId, accountId });
    if (toldOfProposals.length > 0) await recordEvent(tx, 'notifications.changed', { accountIds: toldOfProposals });
    await recordEvent(tx, 'sessions.ended', { accountId });
    await recordEvent(tx, 'account.changed', { accountId });
    return { postsDeleted };
  });
}
