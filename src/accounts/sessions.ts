// Sessions after Lucia's design (lucia-auth.com/sessions): the token is "<id>.<secret>", only the
// SHA-256 of the secret is stored, and it is compared in constant time.
import { hash } from 'node:crypto';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import type { DB } from '../db/schema.js';
import {
  deleteSession,
  deleteSessionReturningAccount,
  findSessionWithAccount,
  insertSession,
  updateSessionExpiry,
  type SessionWithAccount,
} from './accounts.queries.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Expiry is pushed forward at most once a day, so an active user never writes on every request. */
const RENEW_AFTER_MS = SESSION_LIFETIME_MS - DAY_MS;

function randomString(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/** The shape createSession hands out: two base32 strings (lower case, no padding) joined by a dot. */
const TOKEN_PATTERN = /^([a-z2-7]{1,64})\.([a-z2-7]{1,64})$/;

/**
 * SHA-256 of the secret's UTF-8, by Node's own (OpenSSL) hash: asked on every signed-in request, where
 * @oslojs/crypto's JavaScript one took three times as long and made garbage (the digest is the same).
 */
function hashSecret(secret: string): Uint8Array {
  return hash('sha256', secret, 'buffer');
}

/** The id and secret of a token of createSession's shape; undefined for anything else. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
  const [, id, secret] = TOKEN_PATTERN.exec(token) ?? [];
  return id && secret ? { id, secret } : undefined;
}

export function secretMatches(secret: string, secretHash: Uint8Array): boolean {
  return constantTimeEqual(hashSecret(secret), secretHash);
}

/** When a session's expiry is next pushed forward (always before it expires). */
export function renewalDueAt(expiresAt: Date): number {
  return expiresAt.getTime() - RENEW_AFTER_MS;
}

export async function createSession(db: Kysely<DB>, accountId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const id = randomString();
  const secret = randomString();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await insertSession(db, { id, account_id: accountId, secret_hash: hashSecret(secret), expires_at: expiresAt });
  return { token: `${id}.${secret}`, expiresAt };
}

export interface ValidSession {
  session: SessionWithAccount;
  /** Set when the expiry moved, so the cookie should be sent again with the new date. */
  renewedUntil: Date | undefined;
}

/** The session behind a token, or null when it is malformed, unknown, tampered with or expired. */
export async function validateSessionToken(db: Kysely<DB>, token: string, now = new Date()): Promise<ValidSession | null> {
  // Anything else never reaches the database (a NUL byte, say, would make PostgreSQL refuse the query).
  const parsed = parseToken(token);
  if (!parsed) return null;
  const { id, secret } = parsed;
  const session = await findSessionWithAccount(db, id);
  if (!session) return null;
  if (!secretMatches(secret, session.secret_hash)) return null;
  if (session.expires_at.getTime() <= now.getTime()) {
    await deleteSession(db, id);
    return null;
  }
  if (now.getTime() <= renewalDueAt(session.expires_at)) return { session, renewedUntil: undefined };
  const renewedUntil = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await updateSessionExpiry(db, id, renewedUntil);
  return { session: { ...session, expires_at: renewedUntil }, renewedUntil };
}

/**
 * Ends a session (sign-out, a new sign-in over it) and announces it, so every instance closes the
 * live connections that were opened with it. In the caller's transaction.
 */
async function endSessionIn(tx: Kysely<DB>, sessionId: string): Promise<void> {
  const accountId = await deleteSessionReturningAccount(tx, sessionId);
  if (accountId !== undefined) await recordEvent(tx, 'sessions.ended', { accountId });
}

export async function endSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.transaction().execute((tx) => endSessionIn(tx, sessionId));
}

/**
 * Starts a new session for the account (never reusing one), ending the one the request came with, in
 * the caller's transaction: registering commits the account and its first session together, so a
 * request whose account was made is never answered as failed.
 */
export async function startSessionIn(tx: Kysely<DB>, accountId: number, previousSessionId: string | null): Promise<{ token: string; expiresAt: Date }> {
  if (previousSessionId) await endSessionIn(tx, previousSessionId);
  return createSession(tx, accountId);
}

export function sessionIdOf(token: string): string {
  return token.split('.')[0] ?? '';
}
