// Every query of businesses: the pages, the directory, staff and invitations. Each takes a Kysely
// instance first (a transaction or the pool).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface BusinessLine {
  slug: string;
  name: string;
}

/**
 * The business each account is shown with beside their name ("Jonas Ek · Kajakboden"): the one they
 * joined first, of those they are staff of. Accounts without one are absent from the map.
 */
export async function businessLinesOf(db: Kysely<DB>, accountIds: readonly number[]): Promise<Map<number, BusinessLine>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('business_staff')
    .innerJoin('businesses', 'businesses.id', 'business_staff.business_id')
    .select(['business_staff.account_id', 'businesses.slug', 'businesses.name'])
    .distinctOn('business_staff.account_id')
    .where('business_staff.account_id', 'in', [...new Set(accountIds)])
    .orderBy('business_staff.account_id')
    .orderBy('business_staff.created_at')
    .orderBy('businesses.id')
    .execute();
  return new Map(rows.map((row) => [row.account_id, { slug: row.slug, name: row.name }]));
}
