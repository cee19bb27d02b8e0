// Proving an address: reading the address an account has, confirming it, and replacing it.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** What an account email needs of its account (its address, name, language), if not deleted. */
export function findAddressOf(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name', 'locale', 'email', 'email_confirmed_at'])
    .where('id', '=', accountId)
    .where('deleted_at', 'is', null)
    .$narrowType<{ email: string }>()
    .executeTakeFirst();
}

/** The account an address belongs to (any case), if any. */
export function findAccountByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name', 'locale', 'email'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('deleted_at', 'is', null)
    .$narrowType<{ email: string }>()
    .executeTakeFirst();
}

/**
 * Marks the address proven, if the account still has it (an address changed since the link was sent
 * is not the one it proves); `makeAdmin` raises the role (ADMIN_EMAILS). The account, or undefined.
 */
export function confirmAddress(db: Kysely<DB>, accountId: number, email: string, makeAdmin: boolean) {
  return db
    .updateTable('accounts')
    .set((eb) => ({
      email_confirmed_at: eb.fn.coalesce('email_confirmed_at', sql<Date>`now()`),
      ...(makeAdmin && { role: 'admin' as const }),
    }))
    .where('id', '=', accountId)
    .where('email', '=', email)
    .where('deleted_at', 'is', null)
    .returning(['id', 'username', 'display_name', 'role', 'locale'])
    .executeTakeFirst();
}

/** Replaces the address with one just proven; the unique index refuses one another account took meanwhile. */
export async function replaceAddress(db: Kysely<DB>, accountId: number, email: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ email, email_confirmed_at: sql<Date>`now()` })
    .where('id', '=', accountId)
    .where('deleted_at', 'is', null)
    .execute();
}
