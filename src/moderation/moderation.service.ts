// Moderator actions, each the same steps: who acts, load the item, guard, change, log, event — the log
// row and the event in the same transaction as the change.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import { ValidationError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { requireAdmin } from '../accounts/guards.js';
import { findAccountByUsername } from '../accounts/public.js';
import { addMember } from '../networks/public.js';
import { requireFound, requireModeratorOf } from './guards.js';
import { takeInvitation } from './convener-invitations.queries.js';
import * as queries from './moderation.queries.js';
import type { Reason } from './moderation.schemas.js';
import { findPosts, type PostRow } from '../posts/posts.queries.js';

/** A reason that cites a rule must cite one the network has. */
export async function checkReason(db: Kysely<DB>, networkId: number, input: Reason): Promise<void> {
  if (input.reason === 'rule' && !(await queries.ruleExists(db, networkId, input.rule!))) {
    throw new ValidationError({ rule: 'moderation.noSuchRule' });
  }
}

/**
 * The post as the action left it, read inside the action's transaction: the answer is built from it,
 * so nothing after the commit can fail a request whose change has committed.
 */
export async function postAfter(tx: Kysely<DB>, postId: number): Promise<PostRow> {
  return (await findPosts(tx, [postId]))[0]!;
}

export async function hidePost(db: Kysely<DB>, actor: Viewer, postId: number, input: Reason): Promise<PostRow> {
  return db.transaction().execute(async (tx) => {
    const post = requireFound(await queries.findPostForModeration(tx, postId));
    requireModeratorOf(actor, post.network_id);
    if (post.deleted_at) throw new ValidationError({ post: 'threads.postDeleted' });
    await checkReason(tx, post.network_id, input);
    const rule = input.reason === 'rule' ? input.rule! : null;
    await queries.setPostHidden(tx, postId, { kind: 'convener', reason: input.reason, rule, note: input.note ?? null, byId: actor.id });
    await queries.resolveOpenFlags(tx, postId, 'agreed');
    await queries.writeLog(tx, {
      network_id: post.network_id,
      actor_id: actor.id,
      action: 'hide',
      post_id: postId,
      thread_id: post.thread_id,
      target_account_id: post.author_id,
      reason: input.reason,
      rule,
      note: input.note ?? null,
    });
    await recordEvent(tx, 'post.hidden', { postId, threadId: post.thread_id });
    return postAfter(tx, postId);
  });
}

export async function unhidePost(db: Kysely<DB>, actor: Viewer, postId: number): Promise<PostRow> {
  return db.transaction().execute(async (tx) => {
    const post = requireFound(await queries.findPostForModeration(tx, postId));
    requireModeratorOf(actor, post.network_id);
    if (!post.hidden_at) return postAfter(tx, postId);
    await queries.clearPostHidden(tx, postId);
    // Unhiding what members' flags hid is disagreeing with them: close those flags, or the next one re-hides.
    if (post.hidden_kind === 'community') await queries.resolveOpenFlags(tx, postId, 'dismissed');
    await queries.writeLog(tx, {
      network_id: post.network_id,
      actor_id: actor.id,
      action: 'unhide',
      post_id: postId,
      thread_id: post.thread_id,
      target_account_id: post.author_id,
    });
    await recordEvent(tx, 'post.unhidden', { postId, threadId: post.thread_id });
    return postAfter(tx, postId);
  });
}

export async function appointConvener(db: Kysely<DB>, actor: Viewer, networkId: number, username: string): Promise<void> {
  requireAdmin(actor);
  await db.transaction().execute(async (tx) => {
    const account = await findAccountByUsername(tx, username);
    if (!account) throw new ValidationError({ username: 'moderation.noSuchAccount' });
    // An invitation to convene waiting for them is answered by the appointment.
    if (await takeInvitation(tx, networkId, account.id)) await recordEvent(tx, 'notifications.changed', { accountIds: [account.id] });
    if (!(await queries.addConvener(tx, networkId, account.id, actor.id))) return;
    await addMember(tx, account.id, networkId);
    await queries.writeLog(tx, { network_id: networkId, actor_id: actor.id, action: 'appoint', target_account_id: account.id });
    await recordEvent(tx, 'conveners.changed', { networkId, accountId: account.id });
  });
}

export async function removeConvener(db: Kysely<DB>, actor: Viewer, networkId: number, username: string): Promise<void> {
  requireAdmin(actor);
  await db.transaction().execute(async (tx) => {
    const account = requireFound(await findAccountByUsername(tx, username));
    if (!(await queries.removeConvener(tx, networkId, account.id))) return;
    await queries.writeLog(tx, { network_id: networkId, actor_id: actor.id, action: 'remove-convener', target_account_id: account.id });
    await recordEvent(tx, 'conveners.changed', { networkId, accountId: account.id });
  });
}
