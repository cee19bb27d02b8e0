// Every query of businesses: the pages, the directory, staff and invitations. Each takes a Kysely
// instance first (a transaction or the pool).
import { sql, type Kysely } from 'kysely';
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

const businessColumns = [
  'businesses.id',
  'businesses.slug',
  'businesses.name',
  'businesses.description',
  'businesses.description_html',
  'businesses.website',
  'businesses.place',
  'businesses.created_at',
] as const;

export function findBusinessBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('businesses').select(businessColumns).where('slug', '=', slug).executeTakeFirst();
}

export type BusinessRow = NonNullable<Awaited<ReturnType<typeof findBusinessBySlug>>>;

/**
 * The business's row, locked until the transaction ends: every change to its staff takes this lock
 * first, so two changes (two admins leaving at once) never each count on the other's admin staying.
 */
export function lockBusiness(db: Kysely<DB>, key: { slug: string } | { id: number }) {
  const query = db.selectFrom('businesses').select(businessColumns);
  return ('slug' in key ? query.where('slug', '=', key.slug) : query.where('id', '=', key.id)).forUpdate().executeTakeFirst();
}

/** Whether the business has a staff admin. */
export async function hasAdmin(db: Kysely<DB>, businessId: number): Promise<boolean> {
  const row = await db
    .selectFrom('business_staff')
    .select('account_id')
    .where('business_id', '=', businessId)
    .where('is_admin', '=', true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface BusinessFields {
  slug: string;
  name: string;
  description: string;
  descriptionHtml: string;
  website: string | null;
  place: string | null;
}

function columnsOf(fields: BusinessFields) {
  return {
    slug: fields.slug,
    name: fields.name,
    description: fields.description,
    description_html: fields.descriptionHtml,
    website: fields.website,
    place: fields.place,
  };
}

/** A new business; the unique index on slug refuses a taken one (the caller turns that into a 400). */
export async function insertBusiness(db: Kysely<DB>, fields: BusinessFields): Promise<number> {
  const row = await db.insertInto('businesses').values(columnsOf(fields)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateBusiness(db: Kysely<DB>, id: number, fields: BusinessFields): Promise<void> {
  await db
    .updateTable('businesses')
    .set({ ...columnsOf(fields), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The networks a business is active in become exactly these. */
export async function replaceBusinessNetworks(db: Kysely<DB>, businessId: number, networkIds: readonly number[]): Promise<void> {
  await db.deleteFrom('business_networks').where('business_id', '=', businessId).execute();
  if (networkIds.length === 0) return;
  await db
    .insertInto('business_networks')
    .values([...new Set(networkIds)].map((networkId) => ({ business_id: businessId, network_id: networkId })))
    .execute();
}

/** Ids of the networks these slugs name; a slug that names none is left out. */
export async function networkIdsBySlug(db: Kysely<DB>, slugs: readonly string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .selectFrom('networks')
    .select(['id', 'slug'])
    .where('slug', 'in', [...slugs])
    .execute();
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** The networks each business is active in, by name. */
export async function networksOfBusinesses(db: Kysely<DB>, businessIds: readonly number[]) {
  const byBusiness = new Map<number, Array<{ slug: string; name: string }>>();
  if (businessIds.length === 0) return byBusiness;
  const rows = await db
    .selectFrom('business_networks')
    .innerJoin('networks', 'networks.id', 'business_networks.network_id')
    .select(['business_networks.business_id', 'networks.slug', 'networks.name'])
    .where('business_networks.business_id', 'in', [...businessIds])
    // The forum's default network first, as in every list of networks.
    .orderBy('networks.is_default', 'desc')
    .orderBy('networks.name')
    .execute();
  for (const row of rows) {
    const list = byBusiness.get(row.business_id) ?? [];
    list.push({ slug: row.slug, name: row.name });
    byBusiness.set(row.business_id, list);
  }
  return byBusiness;
}

/** A business's staff, admins first, then in the order they joined. */
export function listStaff(db: Kysely<DB>, businessId: number) {
  return db
    .selectFrom('business_staff')
    .innerJoin('accounts', 'accounts.id', 'business_staff.account_id')
    .select(['accounts.id', 'accounts.username', 'accounts.display_name', 'business_staff.role', 'business_staff.is_admin'])
    .where('business_staff.business_id', '=', businessId)
    .where('accounts.deleted_at', 'is', null)
    .orderBy('business_staff.is_admin', 'desc')
    .orderBy('business_staff.created_at')
    .orderBy('accounts.id')
    .execute();
}

export type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

export function findStaffMember(db: Kysely<DB>, businessId: number, accountId: number) {
  return db
    .selectFrom('business_staff')
    .select(['role', 'is_admin'])
    .where('business_id', '=', businessId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Adds the account to the staff; false when it already is (the primary key decides). */
export async function insertStaff(db: Kysely<DB>, staff: { businessId: number; accountId: number; role: string; isAdmin: boolean }): Promise<boolean> {
  const result = await db
    .insertInto('business_staff')
    .values({ business_id: staff.businessId, account_id: staff.accountId, role: staff.role, is_admin: staff.isAdmin })
    .onConflict((oc) => oc.columns(['business_id', 'account_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** false when the account was not staff. */
export async function deleteStaff(db: Kysely<DB>, businessId: number, accountId: number): Promise<boolean> {
  const result = await db.deleteFrom('business_staff').where('business_id', '=', businessId).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** false when the account is not staff. */
export async function setStaffAdmin(db: Kysely<DB>, businessId: number, accountId: number, isAdmin: boolean): Promise<boolean> {
  const result = await db
    .updateTable('business_staff')
    .set({ is_admin: isAdmin })
    .where('business_id', '=', businessId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * After someone left or lost the right: when the business has staff but no admin, the staff member who
 * joined first becomes one; when it has no staff at all, it is deleted (nobody could edit it, and its
 * name would stay taken). Run under lockBusiness. Whether the business is gone.
 */
export async function keepBusinessAdministered(db: Kysely<DB>, businessId: number): Promise<{ deleted: boolean }> {
  const oldest = await db
    .selectFrom('business_staff')
    .select(['account_id', 'is_admin'])
    .where('business_id', '=', businessId)
    .orderBy('is_admin', 'desc')
    .orderBy('created_at')
    .orderBy('account_id')
    .limit(1)
    .executeTakeFirst();
  if (!oldest) {
    await db.deleteFrom('businesses').where('id', '=', businessId).execute();
    return { deleted: true };
  }
  if (!oldest.is_admin) await setStaffAdmin(db, businessId, oldest.account_id, true);
  return { deleted: false };
}

/** The businesses the account is staff of (a deletion leaves each of them). */
export async function businessIdsOfStaff(db: Kysely<DB>, accountId: number): Promise<number[]> {
  const rows = await db.selectFrom('business_staff').select('business_id').where('account_id', '=', accountId).orderBy('business_id').execute();
  return rows.map((row) => row.business_id);
}

/** A new invitation; false when one is already waiting (the primary key decides, and it is left as it was). */
export async function insertInvitation(
  db: Kysely<DB>,
  invitation: { businessId: number; accountId: number; invitedById: number; role: string },
): Promise<boolean> {
  const result = await db
    .insertInto('business_invitations')
    .values({ business_id: invitation.businessId, account_id: invitation.accountId, invited_by_id: invitation.invitedById, role: invitation.role })
    .onConflict((oc) => oc.columns(['business_id', 'account_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Takes the invitation away and says what role it offered; undefined when there was none (already answered). */
export async function takeInvitation(db: Kysely<DB>, businessId: number, accountId: number) {
  return db.deleteFrom('business_invitations').where('business_id', '=', businessId).where('account_id', '=', accountId).returning('role').executeTakeFirst();
}

export function findInvitation(db: Kysely<DB>, businessId: number, accountId: number) {
  return db.selectFrom('business_invitations').select(['role']).where('business_id', '=', businessId).where('account_id', '=', accountId).executeTakeFirst();
}

/** The invitations a business has sent that wait for an answer, oldest first. */
export function listBusinessInvitations(db: Kysely<DB>, businessId: number) {
  return db
    .selectFrom('business_invitations')
    .innerJoin('accounts', 'accounts.id', 'business_invitations.account_id')
    .select(['accounts.username', 'accounts.display_name', 'business_invitations.role'])
    .where('business_invitations.business_id', '=', businessId)
    .orderBy('business_invitations.created_at')
    .execute();
}

/** The invitations waiting for this account's answer, newest first, with the business and who invited. */
export function listInvitationsOf(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('business_invitations')
    .innerJoin('businesses', 'businesses.id', 'business_invitations.business_id')
    .leftJoin('accounts as inviter', (join) => join.onRef('inviter.id', '=', 'business_invitations.invited_by_id').on('inviter.deleted_at', 'is', null))
    .select([
      'businesses.slug',
      'businesses.name',
      'business_invitations.role',
      'business_invitations.created_at',
      'inviter.username as inviter_username',
      'inviter.display_name as inviter_display_name',
    ])
    .where('business_invitations.account_id', '=', accountId)
    .orderBy('business_invitations.created_at', 'desc')
    .execute();
}

/** `%`, `_` and `\` stand for themselves in a LIKE pattern. */
function likeContaining(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * A page of the directory, by name: every business, or those active in one network, or whose name
 * contains `search` (any case). Each with its staff count. `limit` + `offset` page through it.
 */
export function listDirectory(db: Kysely<DB>, filter: { networkId?: number; search?: string }, limit: number, offset: number) {
  let query = db.selectFrom('businesses').select((eb) => [
    'businesses.id',
    'businesses.slug',
    'businesses.name',
    'businesses.place',
    eb
      .selectFrom('business_staff')
      .innerJoin('accounts', 'accounts.id', 'business_staff.account_id')
      .select((inner) => inner.fn.countAll<string>().as('count'))
      .whereRef('business_staff.business_id', '=', 'businesses.id')
      .where('accounts.deleted_at', 'is', null)
      .as('staff_count'),
  ]);
  if (filter.networkId !== undefined) {
    const { networkId } = filter;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('business_networks').select('network_id').whereRef('business_id', '=', 'businesses.id').where('network_id', '=', networkId)),
    );
  }
  if (filter.search) query = query.where(sql<boolean>`lower(businesses.name) like ${likeContaining(filter.search)} escape '\\'`);
  return query
    .orderBy(sql`lower(businesses.name)`)
    .orderBy('businesses.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The businesses active in a network, by name, for the side column of its board; `limit` of them. */
export function listNetworkBusinesses(db: Kysely<DB>, networkId: number, limit: number) {
  return db
    .selectFrom('business_networks')
    .innerJoin('businesses', 'businesses.id', 'business_networks.business_id')
    .select(['businesses.slug', 'businesses.name'])
    .where('business_networks.network_id', '=', networkId)
    .orderBy(sql`lower(businesses.name)`)
    .orderBy('businesses.id')
    .limit(limit)
    .execute();
}

/** The businesses the account is staff of, with its role there, in the order it joined them (a person's page lists them). */
export function businessesOfAccount(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('business_staff')
    .innerJoin('businesses', 'businesses.id', 'business_staff.business_id')
    .select(['businesses.slug', 'businesses.name', 'business_staff.role'])
    .where('business_staff.account_id', '=', accountId)
    .orderBy('business_staff.created_at')
    .orderBy('businesses.id')
    .execute();
}
