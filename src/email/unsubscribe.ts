// Signed one-click unsubscribe tokens: `<account id>.<HMAC-SHA256 of "unsubscribe:<id>">`, base64url.
// The key is SECRET_KEY when set; otherwise a random key generated on first use and kept in the
// settings table, so every instance on the database agrees and links outlive restarts. Setting
// SECRET_KEY later invalidates links already sent (they then fail cleanly and ask to sign in).
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ensureSetting } from './email.queries.js';

const SETTING = 'unsubscribe_key';

export interface TokenSigner {
  sign(accountId: number): string;
  /** The account id, or null for a token we did not sign (tampered, truncated, another key). */
  verify(token: string): number | null;
}

const utf8 = new TextEncoder();

/** The signature of an account's token, as it is written in the token (base64url, 43 characters). */
function signature(key: string, accountId: number): string {
  return encodeBase64urlNoPadding(hmac(SHA256, utf8.encode(key), utf8.encode(`unsubscribe:${accountId}`)));
}

export function tokenSigner(key: string): TokenSigner {
  return {
    sign: (accountId) => `${accountId}.${signature(key, accountId)}`,
    verify(token) {
      const match = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return null;
      const accountId = Number(match[1]);
      // Compared as text, not decoded: the last of 43 base64url characters carries two unused bits, so
      // decoding would let four spellings of one signature through.
      return constantTimeEqual(utf8.encode(match[2]), utf8.encode(signature(key, accountId))) ? accountId : null;
    },
  };
}

/** The signer for this forum: from SECRET_KEY, else from the key stored in the database (made once). */
export async function loadTokenSigner(db: Kysely<DB>, secretKey: string | undefined): Promise<TokenSigner> {
  if (secretKey) return tokenSigner(secretKey);
  const stored = await ensureSetting(db, SETTING, encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(32))));
  return tokenSigner(stored);
}
