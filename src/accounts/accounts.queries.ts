import { sql, type Insertable, type Kysely } from 'kysely';
import type { Locale } from '../config.js';
import type { MentionedAccount } from '../core/markdown.js';
import type { Viewer } from '../core/viewer.js';
import type { AccountsTable, DB, Role, SessionsTable } from '../db/schema.js';
import { usernameKey } from './usernames.js';

export type SessionWithAccount = Awaited<ReturnType<typeof findSessionWithAccount>> & {};

/**
 * The ids of the networks an account convenes, as a column of a query over `accounts`: read with the
 * account every time, so appointing or removing a convener applies to the very next request or check.
 */
export function convenesColumn() {
  return sql<number[]>`coalesce((select array_agg(conveners.network_id) from conveners where conveners.account_id = accounts.id), '{}')`.as('convenes');
}

/** Accounts as the visibility rule knows them (a Viewer), by id; one query for any number. A deleted account is nobody's viewer (nothing is sent to it). */
export async function findViewers(db: Kysely<DB>, accountIds: readonly number[]): Promise<Viewer[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name', 'role', 'locale', 'created_at', 'email_confirmed_at', convenesColumn()])
    .where('id', 'in', accountIds)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale,
    createdAt: row.created_at,
    convenes: row.convenes,
    emailConfirmed: row.email_confirmed_at !== null,
  }));
}

/** The session and its account; never a deleted account's (its sessions go with it, and one left over signs nobody in). */
export function findSessionWithAccount(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.id',
      'sessions.secret_hash',
      'sessions.expires_at',
      'accounts.id as account_id',
      'accounts.username',
      'accounts.display_name',
      'accounts.role',
      'accounts.locale',
      'accounts.created_at as account_created_at',
      'accounts.email_confirmed_at',
      convenesColumn(),
    ])
    .where('sessions.id', '=', sessionId)
    .where('accounts.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertSession(db: Kysely<DB>, session: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function updateSessionExpiry(db: Kysely<DB>, sessionId: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Deletes the session; the account it belonged to, or undefined when there was none. */
export async function deleteSessionReturningAccount(db: Kysely<DB>, sessionId: string): Promise<number | undefined> {
  const row = await db.deleteFrom('sessions').where('id', '=', sessionId).returning('account_id').executeTakeFirst();
  return row?.account_id;
}

export async function deleteOtherSessions(db: Kysely<DB>, accountId: number, keepSessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).where('id', '!=', keepSessionId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

const accountColumns = ['id', 'username', 'display_name', 'email', 'role', 'locale', 'created_at', 'password_hash'] as const;

/** By username (any case or NFKC form, given its key) or by email (any case); never a deleted account. */
export function findAccountByLogin(db: Kysely<DB>, usernameKey: string, email: string) {
  return db
    .selectFrom('accounts')
    .select(accountColumns)
    .where((eb) => eb.or([eb('username_key', '=', usernameKey), eb(sql<string>`lower(email)`, '=', email.toLowerCase())]))
    .where('deleted_at', 'is', null)
    .orderBy(sql`username_key = ${usernameKey}`, 'desc')
    .executeTakeFirst();
}

export function findAccountById(db: Kysely<DB>, id: number) {
  return db.selectFrom('accounts').select(accountColumns).where('id', '=', id).executeTakeFirst();
}

/**
 * The account a username names, in any case or NFKC form; what anyone may know of it. Never a deleted
 * account: its name is held for a while, but nobody can appoint, suspend, invite or visit it.
 */
export function findAccountByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name', 'role', 'created_at'])
    .where('username_key', '=', usernameKey(username))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Distinct names looked up per post; further ones stay plain text. */
const MAX_MENTION_LOOKUPS = 50;

/**
 * The accounts a post's @names name (core/markdown.ts MentionLookup), by the names as typed: a name
 * matches a username in any case or NFKC form. One query, for at most the first 50 distinct names.
 */
export async function findMentionedAccounts(db: Kysely<DB>, names: readonly string[]): Promise<Map<string, MentionedAccount>> {
  const keys = [...new Set(names.map(usernameKey))].slice(0, MAX_MENTION_LOOKUPS);
  if (keys.length === 0) return new Map();
  // A deleted account's name stays plain text: it links to nobody and tells nobody.
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'username', 'username_key'])
    .where('username_key', 'in', keys)
    .where('deleted_at', 'is', null)
    .execute();
  const byKey = new Map(accounts.map((account) => [account.username_key, { id: account.id, username: account.username }]));
  return new Map(
    names.flatMap((name) => {
      const account = byKey.get(usernameKey(name));
      return account ? [[name, account] as const] : [];
    }),
  );
}

export async function usernameKeyTaken(db: Kysely<DB>, key: string): Promise<boolean> {
  return !!(await db.selectFrom('accounts').select('id').where('username_key', '=', key).executeTakeFirst());
}

export async function emailTaken(db: Kysely<DB>, email: string): Promise<boolean> {
  return !!(await db
    .selectFrom('accounts')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst());
}

export async function hasAnyAccount(db: Kysely<DB>): Promise<boolean> {
  return !!(await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst());
}

/** Blocks other registrations until the transaction ends, so only one account can be "the first". */
export async function lockAccountsForRegistration(db: Kysely<DB>): Promise<void> {
  await sql`lock table accounts in share row exclusive mode`.execute(db);
}

export async function insertAccount(db: Kysely<DB>, account: Insertable<AccountsTable> & { role: Role }) {
  return db.insertInto('accounts').values(account).returning(['id', 'username', 'display_name', 'role', 'locale', 'created_at']).executeTakeFirstOrThrow();
}

/** The language the account's pages and emails come in (the switch and /me set it). */
export async function updateAccountLocale(db: Kysely<DB>, accountId: number, locale: Locale): Promise<void> {
  await db.updateTable('accounts').set({ locale }).where('id', '=', accountId).execute();
}

/** The name shown beside the account's posts. */
export async function updateDisplayName(db: Kysely<DB>, accountId: number, displayName: string): Promise<void> {
  await db.updateTable('accounts').set({ display_name: displayName }).where('id', '=', accountId).where('deleted_at', 'is', null).execute();
}

export async function updatePasswordHash(db: Kysely<DB>, accountId: number, passwordHash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', accountId).execute();
}
