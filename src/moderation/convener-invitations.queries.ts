// Invitations to convene a network: a convener (or an admin) asks a member, who accepts or declines.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Files the invitation; false when one already waits for this account in this network (it stays as it was). */
export async function insertInvitation(db: Kysely<DB>, invitation: { networkId: number; accountId: number; invitedById: number }): Promise<boolean> {
  const result = await db
    .insertInto('convener_invitations')
    .values({ network_id: invitation.networkId, account_id: invitation.accountId, invited_by_id: invitation.invitedById })
    .onConflict((oc) => oc.columns(['network_id', 'account_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Takes the invitation away and says who sent it; undefined when there was none. The delete is what
 * makes an answer happen once: of two answers at the same moment, the second deletes nothing.
 */
export function takeInvitation(db: Kysely<DB>, networkId: number, accountId: number) {
  return db
    .deleteFrom('convener_invitations')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .returning('invited_by_id')
    .executeTakeFirst();
}

export async function isConvener(db: Kysely<DB>, networkId: number, accountId: number): Promise<boolean> {
  const row = await db.selectFrom('conveners').select('account_id').where('network_id', '=', networkId).where('account_id', '=', accountId).executeTakeFirst();
  return row !== undefined;
}

/** The invitations a network has sent that wait for an answer, oldest first, with who sent each. */
export function listNetworkInvitations(db: Kysely<DB>, networkId: number) {
  return db
    .selectFrom('convener_invitations')
    .innerJoin('accounts', 'accounts.id', 'convener_invitations.account_id')
    .leftJoin('accounts as inviter', (join) => join.onRef('inviter.id', '=', 'convener_invitations.invited_by_id').on('inviter.deleted_at', 'is', null))
    .select([
      'accounts.username',
      'accounts.display_name',
      'convener_invitations.created_at',
      'inviter.username as inviter_username',
      'inviter.display_name as inviter_display_name',
    ])
    .where('convener_invitations.network_id', '=', networkId)
    .where('accounts.deleted_at', 'is', null)
    .orderBy('convener_invitations.created_at')
    .orderBy('accounts.username')
    .execute();
}

/** The invitations waiting for this account's answer, newest first, with the network and who invited. */
export function listInvitationsOf(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('convener_invitations')
    .innerJoin('networks', 'networks.id', 'convener_invitations.network_id')
    .leftJoin('accounts as inviter', (join) => join.onRef('inviter.id', '=', 'convener_invitations.invited_by_id').on('inviter.deleted_at', 'is', null))
    .select([
      'networks.slug',
      'networks.name',
      'convener_invitations.created_at',
      'inviter.username as inviter_username',
      'inviter.display_name as inviter_display_name',
    ])
    .where('convener_invitations.account_id', '=', accountId)
    .orderBy('convener_invitations.created_at', 'desc')
    .orderBy('networks.slug')
    .execute();
}
