// What other features use of businesses: the business an author is shown with, the businesses a
// person's page lists with their role, the invitations waiting
// in a member's notifications, the businesses a network's side column lists, and leaving every business
// when an account is deleted. The rest of businesses/ is its own.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { listInvitationsOf, listNetworkBusinesses } from './businesses.queries.js';
import type { InvitationJson } from './businesses.schemas.js';

export { businessesOfAccount, businessLinesOf, type BusinessLine } from './businesses.queries.js';
export { InvitationJson } from './businesses.schemas.js';
export { leaveAllBusinesses } from './businesses.service.js';

/** The invitations to a business's staff waiting for the account's answer, newest first (its notifications show them). */
export async function pendingInvitations(db: Kysely<DB>, accountId: number): Promise<InvitationJson[]> {
  const rows = await listInvitationsOf(db, accountId);
  return rows.map((row) => ({
    business: { slug: row.slug, name: row.name },
    role: row.role,
    invitedBy: row.inviter_username ? { username: row.inviter_username, displayName: row.inviter_display_name! } : null,
    createdAt: row.created_at.toISOString(),
  }));
}

/** How many businesses a network's side column names before linking to the directory. */
const ASIDE_BUSINESSES = 8;

/** The businesses active in a network, by name, as many as its side column shows, and whether there are more. */
export async function networkBusinesses(db: Kysely<DB>, networkId: number) {
  const rows = await listNetworkBusinesses(db, networkId, ASIDE_BUSINESSES + 1);
  return { businesses: rows.slice(0, ASIDE_BUSINESSES).map((row) => ({ slug: row.slug, name: row.name })), more: rows.length > ASIDE_BUSINESSES };
}
