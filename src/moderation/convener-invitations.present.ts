// Invitations to convene as JSON, field by field: for the invitee's notifications and the conveners page.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { listInvitationsOf, listNetworkInvitations } from './convener-invitations.queries.js';
import type { ConvenerInvitationJson, SentInvitationJson } from './convener-invitations.schemas.js';

function inviterOf(row: { inviter_username: string | null; inviter_display_name: string | null }) {
  return row.inviter_username ? { username: row.inviter_username, displayName: row.inviter_display_name! } : null;
}

/** The invitations to convene waiting for the account's answer, newest first (its notifications show them). */
export async function pendingConvenerInvitations(db: Kysely<DB>, accountId: number): Promise<ConvenerInvitationJson[]> {
  const rows = await listInvitationsOf(db, accountId);
  return rows.map((row) => ({ network: { slug: row.slug, name: row.name }, invitedBy: inviterOf(row), createdAt: row.created_at.toISOString() }));
}

/** The invitations the network's conveners sent that wait for an answer, oldest first. */
export async function sentConvenerInvitations(db: Kysely<DB>, networkId: number): Promise<SentInvitationJson[]> {
  const rows = await listNetworkInvitations(db, networkId);
  return rows.map((row) => ({ username: row.username, displayName: row.display_name, invitedBy: inviterOf(row), createdAt: row.created_at.toISOString() }));
}
