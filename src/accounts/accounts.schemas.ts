// What the account forms take and answer. Unknown fields are dropped by the validator (additionalProperties
// false, with Fastify's removeAdditional), never stored.
import { Type } from 'typebox';
import { LOCALES } from '../config.js';
import { Nullable, OneOf } from '../core/schemas.js';

// Checked on the NFKC form the name is stored in (core/http.ts normalises it before validation).
// Letters, digits, _ and -, but not the Hangul fillers: letters by Unicode's categories, blank on screen.
export const USERNAME_PATTERN = '^(?:(?![\\u115F\\u1160\\u3164\\uFFA0])[\\p{L}\\p{N}_-])+$';

const username = Type.String({ minLength: 3, maxLength: 30, pattern: USERNAME_PATTERN });
// Trimmed and rid of invisible characters before validation (core/http.ts); no control characters either.
const displayName = Type.String({ minLength: 1, maxLength: 60, pattern: '^\\P{Cc}+$' });
/** A new password's rules: registering, changing it, and setting one from a reset link. */
export const password = Type.String({ minLength: 10, maxLength: 256 });
const next = Type.String({ maxLength: 2000 });
const closed = { additionalProperties: false } as const;

export const registerBody = Type.Object(
  {
    username,
    displayName,
    email: Type.String({ maxLength: 254, format: 'email' }),
    password,
  },
  closed,
);

export const loginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    next: Type.Optional(next),
  },
  closed,
);

export const loginQuery = Type.Object({ next: Type.Optional(next) });

/** /me: the name shown beside the member's posts, under the same rules as registering. */
export const changeDisplayNameBody = Type.Object({ displayName }, closed);

export const changePasswordBody = Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: password }, closed);

/** An account as its own forms answer it. */
export const AccountJson = Type.Object({ username: Type.String(), displayName: Type.String(), role: Type.String(), locale: Nullable(Type.String()) });

/** The language switch (every page's footer, and /me): a locale, and the local path to go back to. */
export const languageBody = Type.Object({ locale: OneOf(LOCALES), next: Type.Optional(next) }, closed);
