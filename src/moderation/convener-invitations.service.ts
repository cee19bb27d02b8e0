// Inviting a co-convener, and the invitee's answer. The same steps as every moderator action (who acts,
// load, guard, change, log, event), each in one transaction. Only accepting changes who convenes the
// network, so only accepting writes a moderation-log row; an invitation, a refusal and a withdrawal are
// between the two people (the README says why).
import type { Kysely } from 'kysely';
import { findAccountByUsername } from '../accounts/public.js';
import { addMember } from '../networks/public.js';
import { recordEvent } from '../core/events.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import * as queries from './convener-invitations.queries.js';
import { requireModeratorOf } from './guards.js';
import { addConvener, writeLog } from './moderation.queries.js';

/** The member a username names, for the invite form: 400 on `username` for none (a deleted account names nobody). */
async function memberNamed(db: Kysely<DB>, username: string) {
  const account = await findAccountByUsername(db, username);
  if (!account) throw new ValidationError({ username: 'moderation.noSuchAccount' });
  return account;
}

/**
 * A convener of the network, or an admin, invites a member to convene it with them. 400 on `username`
 * for no such member or one who already convenes it; an invitation already waiting stays as it was
 * (invited: false).
 */
export async function inviteConvener(db: Kysely<DB>, actor: Viewer, networkId: number, username: string): Promise<{ invited: boolean }> {
  requireModeratorOf(actor, networkId);
  return db.transaction().execute(async (tx) => {
    const account = await memberNamed(tx, username);
    if (await queries.isConvener(tx, networkId, account.id)) throw new ValidationError({ username: 'conveners.invite.alreadyConvener' });
    const invited = await queries.insertInvitation(tx, { networkId, accountId: account.id, invitedById: actor.id });
    // The invitation counts as unread in the invitee's header until answered.
    if (invited) await recordEvent(tx, 'notifications.changed', { accountIds: [account.id] });
    return { invited };
  });
}

/** A convener or an admin takes back an invitation not yet answered; 400 on `username` when none waits. */
export async function withdrawInvitation(db: Kysely<DB>, actor: Viewer, networkId: number, username: string): Promise<void> {
  requireModeratorOf(actor, networkId);
  await db.transaction().execute(async (tx) => {
    const account = await findAccountByUsername(tx, username);
    if (!account || !(await queries.takeInvitation(tx, networkId, account.id))) throw new ValidationError({ username: 'conveners.invite.noInvitation' });
    await recordEvent(tx, 'notifications.changed', { accountIds: [account.id] });
  });
}

/**
 * The invitee's answer. Accepting takes the invitation and adds the convener in one transaction, with
 * its log row: of two answers at the same moment the second finds no invitation, so there is one
 * convener row and one log row. Answering again once a convener is no error; without an invitation, 404.
 */
export async function answerInvitation(db: Kysely<DB>, viewer: Viewer, networkId: number, accept: boolean): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const invitation = await queries.takeInvitation(tx, networkId, viewer.id);
    if (!invitation) {
      if (await queries.isConvener(tx, networkId, viewer.id)) return;
      throw new NotFoundError();
    }
    if (accept && (await addConvener(tx, networkId, viewer.id, invitation.invited_by_id))) {
      await addMember(tx, viewer.id, networkId);
      // The invitee acted; the row names who invited them (none once that account is gone).
      await writeLog(tx, { network_id: networkId, actor_id: viewer.id, action: 'accept-convener', target_account_id: invitation.invited_by_id });
      await recordEvent(tx, 'conveners.changed', { networkId, accountId: viewer.id });
    }
    await recordEvent(tx, 'notifications.changed', { accountIds: [viewer.id] });
  });
}
