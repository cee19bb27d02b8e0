// Getting back in after a forgotten password: a reset link by email (or, on a forum that sends no
// email, made by an admin and handed over in person), used once within the hour to set a new password.
// A reset ends every session of the account (whoever knew the old password is out) and signs in anew.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import { HttpError } from '../core/errors.js';
import { AttemptLimiter, reserveAttempt, type AttemptLimit } from '../core/rate-limit.js';
import type { DB } from '../db/schema.js';
import type { AccountEmail } from '../email/public.js';
import * as queries from './accounts.queries.js';
import { hashPassword } from './passwords.js';
import { startSessionIn, sessionIdOf } from './sessions.js';
import { consumeToken, createToken, voidTokens } from './tokens.queries.js';
import { usernameKey } from './usernames.js';

/** Reset emails per account (asked for, or in the note about a registration with its address): beyond, the answer stays the same and no email goes. */
const RESET_EMAILS: AttemptLimit = { bucket: 'reset-email', max: 3, windowSeconds: 60 * 60 };
/** Forgotten-password requests per client address: beyond, 429. */
const FORGOT_REQUESTS: AttemptLimit = { bucket: 'forgot-password', max: 10, windowSeconds: 60 * 60 };

/** 410: the link is unknown, used or past its hour (or day). Its page offers to ask again. */
export class LinkExpiredError extends HttpError {
  constructor() {
    super(410, 'link_expired', 'recovery.expired.message');
  }
}

/** True when the account may get one more email with a reset link this hour (and counts it). */
export async function mayMailResetLink(db: Kysely<DB>, attemptLimits: boolean, accountId: number): Promise<boolean> {
  if (!attemptLimits) return true;
  return 'ids' in (await reserveAttempt(db, RESET_EMAILS, [`account:${accountId}`]));
}

/** The path a reset link opens. */
export const resetPath = (secret: string) => `/password/reset/${secret}`;

export interface RecoveryOptions {
  db: Kysely<DB>;
  attemptLimits: boolean;
  /** Queues an email after the commit (app.email.sendAccountEmail); does nothing when email is off. */
  sendEmail: (email: AccountEmail) => void;
}

export function recoveryService({ db, attemptLimits, sendEmail }: RecoveryOptions) {
  const forgotRequests = new AttemptLimiter(db, FORGOT_REQUESTS, attemptLimits);

  return {
    /**
     * Mails a reset link to the account `login` names (username or email), if there is one and it has
     * had fewer than three this hour. Answers nothing either way: the caller says the same to everyone.
     */
    async requestReset(login: string, address: string): Promise<void> {
      await forgotRequests.reserve([`ip:${address}`]);
      const account = await queries.findAccountByLogin(db, usernameKey(login), login);
      if (!account?.email || !(await mayMailResetLink(db, attemptLimits, account.id))) return;
      const secret = await createToken(db, account.id, 'password_reset');
      sendEmail({ to: account.email, locale: account.locale, template: 'passwordReset', link: resetPath(secret), values: { name: account.display_name } });
    },

    /** A reset link for the account an admin hands over in person (no email on this forum); the path, never stored. */
    async makeResetLink(accountId: number): Promise<string> {
      return resetPath(await createToken(db, accountId, 'password_reset'));
    },

    /**
     * Uses the link (once: of two at the same moment one wins), sets the password, ends every session
     * of the account and starts a new one for this browser, in one transaction; null when the link is
     * unknown, used or expired (nothing changes).
     */
    async resetPassword(secret: string, newPassword: string, previousSessionId: string | null) {
      const passwordHash = await hashPassword(newPassword);
      return db.transaction().execute(async (tx) => {
        const token = await consumeToken(tx, secret, 'password_reset');
        if (!token) return null;
        await queries.updatePasswordHash(tx, token.account_id, passwordHash);
        // Other reset links sent before are void too: the password they would replace is gone.
        await voidTokens(tx, token.account_id, 'password_reset');
        const session = await startSessionIn(tx, token.account_id, previousSessionId);
        await queries.deleteOtherSessions(tx, token.account_id, sessionIdOf(session.token));
        // Live connections opened with the ended sessions close.
        await recordEvent(tx, 'sessions.ended', { accountId: token.account_id });
        const account = (await queries.findAccountById(tx, token.account_id))!;
        return { account, session };
      });
    },
  };
}
