// Single-use links (password reset, address confirmation, address change). The link carries a random
// secret; only its SHA-256 is stored, so a copy of the database opens no account. Using a link is one
// UPDATE … WHERE unused AND unexpired RETURNING: of two requests using it at once, exactly one wins.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { sql, type Kysely } from 'kysely';
import type { DB, TokenPurpose } from '../db/schema.js';
import { usernameKey } from './usernames.js';

/** How long each kind of link stays valid. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  password_reset: 60 * 60 * 1000,
  email_confirmation: 48 * 60 * 60 * 1000,
  email_change: 48 * 60 * 60 * 1000,
};

/** What createToken hands out: 25 bytes in lower-case base32, 40 characters. */
const SECRET_PATTERN = /^[a-z2-7]{40}$/;

function hashOf(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** Makes a link's secret for the account, in the caller's transaction; the secret, never stored. */
export async function createToken(db: Kysely<DB>, accountId: number, purpose: TokenPurpose, email: string | null = null): Promise<string> {
  const secret = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(25)));
  await db
    .insertInto('account_tokens')
    .values({
      account_id: accountId,
      purpose,
      secret_hash: hashOf(secret),
      email,
      expires_at: sql<Date>`now() + make_interval(secs => ${TOKEN_LIFETIME_MS[purpose] / 1000})`,
    })
    .execute();
  return secret;
}

/** The account (and address) of a link still usable; undefined when it is unknown, used or expired. Uses nothing. */
export async function findUsableToken(db: Kysely<DB>, secret: string, purpose: TokenPurpose) {
  if (!SECRET_PATTERN.test(secret)) return undefined;
  return db
    .selectFrom('account_tokens')
    .innerJoin('accounts', 'accounts.id', 'account_tokens.account_id')
    .select(['account_tokens.account_id', 'account_tokens.email', 'accounts.username'])
    .where('secret_hash', '=', hashOf(secret))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('accounts.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Uses the link once, in the caller's transaction: its account (and address), or undefined when it was not usable. */
export async function consumeToken(db: Kysely<DB>, secret: string, purpose: TokenPurpose) {
  if (!SECRET_PATTERN.test(secret)) return undefined;
  return db
    .updateTable('account_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('secret_hash', '=', hashOf(secret))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('account_id', 'in', (eb) => eb.selectFrom('accounts').select('id').where('deleted_at', 'is', null))
    .returning(['account_id', 'email'])
    .executeTakeFirst();
}

/** Ends the account's other unused links of that purpose (a reset used makes the other reset links void). */
export async function voidTokens(db: Kysely<DB>, accountId: number, purpose: TokenPurpose): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** Deletes links that can no longer be used (expired or used before `now`); the number deleted. For housekeeping. */
export async function pruneTokens(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('account_tokens')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The account a username names, if not deleted: whom an admin may make a reset link for. */
export function findLiveAccountByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username'])
    .where('username_key', '=', usernameKey(username))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}
