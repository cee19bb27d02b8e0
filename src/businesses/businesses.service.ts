// Businesses and their staff: the rules that span several queries, each in one transaction. Who may do
// what: any member with a proven address starts a business and becomes its first staff admin; staff
// admins edit the page, invite, remove staff and grant or revoke admin; an invitee accepts or declines;
// anyone leaves. A business always has an admin while it has staff (the one who joined first takes over
// from the last admin to go), and goes away with its last staff member. Every write records
// `business.changed`: the business line beside its staff's posts and the networks' side columns show it.
import type { Kysely } from 'kysely';
import { requireConfirmedAddress } from '../accounts/guards.js';
import { findAccountByUsername } from '../accounts/public.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.js';
import { recordEvent } from '../core/events.js';
import { renderMarkdown } from '../core/markdown.js';
import type { Viewer } from '../core/viewer.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB } from '../db/schema.js';
import { findNetworkBySlug } from '../networks/public.js';
import { slugify } from '../threads/public.js';
import * as queries from './businesses.queries.js';
import { SLUG_MAX, type BusinessInput } from './businesses.schemas.js';

/** Slugs the routes under /b/ use for themselves. */
const ROUTE_WORDS: ReadonlySet<string> = new Set(['new']);

const DEFAULT_ROLE = 'owner';

/** http or https, and nothing a link could not carry. */
function checkedWebsite(website: string | undefined): string | null {
  if (website === undefined) return null;
  let url: URL | undefined;
  try {
    url = new URL(website);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !/^https?:\/\/\S+$/i.test(website)) throw new ValidationError({ website: 'businesses.websiteInvalid' });
  return website;
}

/**
 * The columns a form's input becomes; the slug the member gave, else one made from the name. 400 on
 * `networks` for a slug that names no network.
 */
async function businessFields(db: Kysely<DB>, input: BusinessInput) {
  const slug = input.slug ?? slugify(input.name).slice(0, SLUG_MAX).replace(/-+$/, '');
  if (slug.length < 2) throw new ValidationError({ slug: 'businesses.slugRequired' });
  if (ROUTE_WORDS.has(slug)) throw new ValidationError({ slug: 'businesses.slugTaken' });
  const description = input.description ?? '';
  const networkSlugs = input.networks ?? [];
  const networkIds = await queries.networkIdsBySlug(db, networkSlugs);
  if (networkSlugs.some((network) => !networkIds.has(network))) throw new ValidationError({ networks: 'validation.invalid' });
  const fields: queries.BusinessFields = {
    slug,
    name: input.name,
    description,
    descriptionHtml: renderMarkdown(description),
    website: checkedWebsite(input.website),
    place: input.place ?? null,
  };
  return { fields, networkIds: [...networkIds.values()] };
}

/** A taken slug is told by the unique index, never by a read first. */
async function slugChecked<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: 'businesses.slugTaken' });
    throw error;
  }
}

/** Businesses per page of the directory. */
const DIRECTORY_PAGE_SIZE = 30;

/**
 * A page of the directory (numbered from 1), by name: every business, those active in the network
 * `network` names (400 on `network` for none), those whose name contains `search`. Three queries.
 */
export async function readDirectory(db: Kysely<DB>, filter: { network?: string; search?: string }, page: number) {
  const network = filter.network === undefined ? undefined : await findNetworkBySlug(db, filter.network);
  if (filter.network !== undefined && !network) throw new ValidationError({ network: 'validation.invalid' });
  const rows = await queries.listDirectory(db, { networkId: network?.id, search: filter.search }, DIRECTORY_PAGE_SIZE + 1, (page - 1) * DIRECTORY_PAGE_SIZE);
  const shown = rows.slice(0, DIRECTORY_PAGE_SIZE);
  const networks = await queries.networksOfBusinesses(
    db,
    shown.map((row) => row.id),
  );
  return {
    businesses: shown.map((row) => ({
      slug: row.slug,
      name: row.name,
      place: row.place,
      networks: networks.get(row.id) ?? [],
      staffCount: Number(row.staff_count ?? 0),
    })),
    page,
    nextPage: rows.length > DIRECTORY_PAGE_SIZE ? page + 1 : null,
  };
}

/** The business a `/b/:slug` address names; 404 when there is none. */
export async function loadBusiness(db: Kysely<DB>, slug: string): Promise<queries.BusinessRow> {
  const business = await queries.findBusinessBySlug(db, slug);
  if (!business) throw new NotFoundError();
  return business;
}

/** 403 unless the account administers the business's staff and page. */
export async function requireStaffAdmin(db: Kysely<DB>, businessId: number, viewer: Viewer): Promise<void> {
  const staff = await queries.findStaffMember(db, businessId, viewer.id);
  if (!staff?.is_admin) throw new ForbiddenError();
}

/** Whether the viewer administers the business (the page shows its tools). */
export async function isStaffAdmin(db: Kysely<DB>, businessId: number, viewer: Viewer | null): Promise<boolean> {
  return viewer !== null && (await queries.findStaffMember(db, businessId, viewer.id))?.is_admin === true;
}

/** A new business with the viewer as its staff admin; its slug. */
export async function createBusiness(db: Kysely<DB>, viewer: Viewer, input: BusinessInput & { role?: string }): Promise<string> {
  // A business page speaks for a company: its first admin needs a proven address.
  requireConfirmedAddress(viewer);
  const { fields, networkIds } = await businessFields(db, input);
  return slugChecked(() =>
    db.transaction().execute(async (tx) => {
      const businessId = await queries.insertBusiness(tx, fields);
      await queries.replaceBusinessNetworks(tx, businessId, networkIds);
      await queries.insertStaff(tx, { businessId, accountId: viewer.id, role: input.role ?? DEFAULT_ROLE, isAdmin: true });
      await recordEvent(tx, 'business.changed', { businessId });
      return fields.slug;
    }),
  );
}

/** Saves the page (staff admins); the slug it has now. */
export async function editBusiness(db: Kysely<DB>, viewer: Viewer, slug: string, input: BusinessInput): Promise<string> {
  const { fields, networkIds } = await businessFields(db, input);
  return slugChecked(() =>
    db.transaction().execute(async (tx) => {
      const business = await queries.lockBusiness(tx, { slug });
      if (!business) throw new NotFoundError();
      await requireStaffAdmin(tx, business.id, viewer);
      await queries.updateBusiness(tx, business.id, fields);
      await queries.replaceBusinessNetworks(tx, business.id, networkIds);
      await recordEvent(tx, 'business.changed', { businessId: business.id });
      return fields.slug;
    }),
  );
}

/**
 * Runs a change to the staff of the business under its lock, then keeps it administered (or deletes it
 * when nobody is left). 404 when there is no such business.
 */
async function changeStaff(
  db: Kysely<DB>,
  slug: string,
  change: (tx: Kysely<DB>, business: queries.BusinessRow) => Promise<void>,
): Promise<{ deleted: boolean }> {
  return db.transaction().execute(async (tx) => {
    const business = await queries.lockBusiness(tx, { slug });
    if (!business) throw new NotFoundError();
    await change(tx, business);
    const kept = await queries.keepBusinessAdministered(tx, business.id);
    await recordEvent(tx, 'business.changed', { businessId: business.id });
    return kept;
  });
}

/** The member a username names, for a staff admin's form: 400 on `username` for none (a deleted account names nobody). */
async function memberNamed(db: Kysely<DB>, username: string) {
  const account = await findAccountByUsername(db, username);
  if (!account) throw new ValidationError({ username: 'businesses.noSuchMember' });
  return account;
}

/**
 * Invites a member to the staff (staff admins). 400 on `username` for no such member or one already on
 * the staff; an invitation already waiting stays as it was (invited: false).
 */
export async function inviteToStaff(db: Kysely<DB>, viewer: Viewer, slug: string, input: { username: string; role: string }): Promise<{ invited: boolean }> {
  return db.transaction().execute(async (tx) => {
    const business = await queries.lockBusiness(tx, { slug });
    if (!business) throw new NotFoundError();
    await requireStaffAdmin(tx, business.id, viewer);
    const account = await memberNamed(tx, input.username);
    if (await queries.findStaffMember(tx, business.id, account.id)) throw new ValidationError({ username: 'businesses.alreadyStaff' });
    const invited = await queries.insertInvitation(tx, { businessId: business.id, accountId: account.id, invitedById: viewer.id, role: input.role });
    // An invitation counts as unread in the invitee's header until answered.
    if (invited) await recordEvent(tx, 'notifications.changed', { accountIds: [account.id] });
    return { invited };
  });
}

/** A staff admin takes back an invitation not yet answered; 400 on `username` when none waits. */
export async function withdrawInvitation(db: Kysely<DB>, viewer: Viewer, slug: string, username: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const business = await queries.lockBusiness(tx, { slug });
    if (!business) throw new NotFoundError();
    await requireStaffAdmin(tx, business.id, viewer);
    const account = await findAccountByUsername(tx, username);
    if (!account || !(await queries.takeInvitation(tx, business.id, account.id))) throw new ValidationError({ username: 'businesses.noInvitation' });
    await recordEvent(tx, 'notifications.changed', { accountIds: [account.id] });
  });
}

/**
 * The invitee's answer. Accepting takes the invitation and adds the staff row in one transaction: of
 * two answers at once, the second finds no invitation. Answering again once on the staff is no error;
 * without an invitation, 404.
 */
export async function answerInvitation(db: Kysely<DB>, viewer: Viewer, slug: string, accept: boolean): Promise<void> {
  await changeStaff(db, slug, async (tx, business) => {
    const invitation = await queries.takeInvitation(tx, business.id, viewer.id);
    if (!invitation) {
      if (await queries.findStaffMember(tx, business.id, viewer.id)) return;
      throw new NotFoundError();
    }
    if (accept) await queries.insertStaff(tx, { businessId: business.id, accountId: viewer.id, role: invitation.role, isAdmin: false });
    await recordEvent(tx, 'notifications.changed', { accountIds: [viewer.id] });
  });
}

/** The viewer leaves the staff (404 when not on it). Whether the business went with them (they were the last). */
export async function leaveBusiness(db: Kysely<DB>, viewer: Viewer, slug: string): Promise<{ deleted: boolean }> {
  return changeStaff(db, slug, async (tx, business) => {
    if (!(await queries.deleteStaff(tx, business.id, viewer.id))) throw new NotFoundError();
  });
}

/** A staff admin takes someone off the staff, themselves too (400 on `username` when not on it). */
export async function removeStaff(db: Kysely<DB>, viewer: Viewer, slug: string, username: string): Promise<void> {
  await changeStaff(db, slug, async (tx, business) => {
    await requireStaffAdmin(tx, business.id, viewer);
    const account = await findAccountByUsername(tx, username);
    if (!account || !(await queries.deleteStaff(tx, business.id, account.id))) throw new ValidationError({ username: 'businesses.notStaff' });
  });
}

/**
 * A staff admin makes a staff member an admin, or no longer one. 400 on `username` when not on the
 * staff, or for the last admin (someone must keep the page; leaving hands it on).
 */
export async function setAdmin(db: Kysely<DB>, viewer: Viewer, slug: string, username: string, isAdmin: boolean): Promise<void> {
  await changeStaff(db, slug, async (tx, business) => {
    await requireStaffAdmin(tx, business.id, viewer);
    const account = await findAccountByUsername(tx, username);
    if (!account || !(await queries.setStaffAdmin(tx, business.id, account.id, isAdmin))) throw new ValidationError({ username: 'businesses.notStaff' });
    if (!isAdmin && !(await queries.hasAdmin(tx, business.id))) throw new ValidationError({ username: 'businesses.lastAdmin' });
  });
}

/**
 * The account leaves every business it is staff of, each kept administered or deleted as above: for
 * deleting an account, inside its transaction.
 */
export async function leaveAllBusinesses(db: Kysely<DB>, accountId: number): Promise<void> {
  for (const businessId of await queries.businessIdsOfStaff(db, accountId)) {
    await queries.lockBusiness(db, { id: businessId });
    await queries.deleteStaff(db, businessId, accountId);
    await queries.keepBusinessAdministered(db, businessId);
    await recordEvent(db, 'business.changed', { businessId });
  }
}
