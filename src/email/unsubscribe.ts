// Signed one-click unsubscribe tokens: `<account id>.<HMAC-SHA256 of "unsubscribe:<id>">`, base64url.
// The key is SECRET_KEY when set; otherwise a random key generated on first use and kept in the
// settings table, so every instance on the database agrees and links outlive restarts. Setting
// SECRET_KEY later invalidates links already sent (they then fail cleanly and ask to sign in).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ensureSetting } from './email.queries.js';

const SETTING = 'unsubscribe_key';

export interface TokenSigner {
  sign(accountId: number): string;
  /** The account id, or null for a token we did not sign (tampered, truncated, another key). */
  verify(token: string): number | null;
}

function mac(key: string, accountId: number): Buffer {
  return createHmac('sha256', key).update(`unsubscribe:${accountId}`).digest();
}

export function tokenSigner(key: string): TokenSigner {
  return {
    sign: (accountId) => `${accountId}.${mac(key, accountId).toString('base64url')}`,
    verify(token) {
      const match = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return null;
      const accountId = Number(match[1]);
      // Compared as text, not decoded: the last of 43 base64url characters carries two unused bits, so
      // decoding would let four spellings of one signature through.
      const given = Buffer.from(match[2]!);
      const expected = Buffer.from(mac(key, accountId).toString('base64url'));
      return given.length === expected.length && timingSafeEqual(given, expected) ? accountId : null;
    },
  };
}

/** The signer for this forum: from SECRET_KEY, else from the key stored in the database (made once). */
export async function loadTokenSigner(db: Kysely<DB>, secretKey: string | undefined): Promise<TokenSigner> {
  if (secretKey) return tokenSigner(secretKey);
  const stored = await ensureSetting(db, SETTING, randomBytes(32).toString('base64url'));
  return tokenSigner(stored);
}
