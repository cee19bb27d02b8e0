// Proven addresses, on a forum that sends email. Registering sends a confirmation link (48 hours) and
// signs nobody in: the link does, once used. Until then the account can sign in and read, but not post
// or flag (guards.ts requireConfirmedAddress), and gets no notification email. Registering with an
// address that already has an account answers exactly like a new registration and mails the address's
// owner a note with a reset link instead, so the form tells no stranger who is a member. ADMIN_EMAILS
// makes an account admin when its address is confirmed, not before.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import { ValidationError } from '../core/errors.js';
import { AttemptLimiter, type AttemptLimit } from '../core/rate-limit.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Locale } from '../config.js';
import type { DB } from '../db/schema.js';
import type { AccountEmail } from '../email/public.js';
import { REGISTRATIONS, register, type Registration } from './accounts.service.js';
import * as queries from './confirmation.queries.js';
import { emailKey } from './emails.js';
import { mayMailResetLink, resetPath } from './recovery.service.js';
import { startSessionIn } from './sessions.js';
import { consumeToken, createToken } from './tokens.queries.js';

/** Confirmation links a member may ask to have sent again, per account. */
const RESENT_CONFIRMATIONS: AttemptLimit = { bucket: 'confirmation-email', max: 3, windowSeconds: 60 * 60 };

export const confirmPath = (secret: string) => `/email/confirm/${secret}`;
export const changePath = (secret: string) => `/email/change/${secret}`;

export interface ConfirmationOptions {
  db: Kysely<DB>;
  adminEmails: ReadonlySet<string> | undefined;
  attemptLimits: boolean;
  /** Queues an email after the commit (app.email.sendAccountEmail). */
  sendEmail: (email: AccountEmail) => void;
}

/** The fields a taken address would have been refused on, with it left out. */
function withoutEmail(error: ValidationError): ValidationError | undefined {
  const { email, ...others } = error.fields;
  if (email === undefined) return error;
  return Object.keys(others).length > 0 ? new ValidationError(others) : undefined;
}

/**
 * Replaces an account's address in one transaction with the one `which` names (null: nothing to do),
 * announcing the change (a profile may show the address). 400 on email when another account has it.
 */
async function replaceAddressIn(db: Kysely<DB>, which: (tx: Kysely<DB>) => Promise<{ accountId: number; email: string } | null>) {
  try {
    return await db.transaction().execute(async (tx) => {
      const target = await which(tx);
      if (!target) return null;
      const before = await queries.findAddressOf(tx, target.accountId);
      if (!before) return null;
      await queries.replaceAddress(tx, target.accountId, target.email);
      await recordEvent(tx, 'account.changed', { accountId: target.accountId });
      return { before, email: target.email };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'accounts_email_key')) throw new ValidationError({ email: 'recovery.address.taken' });
    throw error;
  }
}

export function confirmationService({ db, adminEmails, attemptLimits, sendEmail }: ConfirmationOptions) {
  const registrations = new AttemptLimiter(db, REGISTRATIONS, attemptLimits);
  const resends = new AttemptLimiter(db, RESENT_CONFIRMATIONS, attemptLimits);
  const replacingAddress = (which: Parameters<typeof replaceAddressIn>[1]) => replaceAddressIn(db, which);

  /** The note to the owner of an address someone tried to register again, with a reset link in case they forgot. */
  async function tellOwner(email: string): Promise<void> {
    const owner = await queries.findAccountByEmail(db, email);
    // Strangers registering again and again with the address mail its owner no more than a reset request would.
    if (!owner || !(await mayMailResetLink(db, attemptLimits, owner.id))) return;
    const secret = await createToken(db, owner.id, 'password_reset');
    sendEmail({
      to: owner.email,
      locale: owner.locale,
      template: 'registrationAttempt',
      link: resetPath(secret),
      values: { name: owner.display_name, username: owner.username },
    });
  }

  return {
    /**
     * Registers an account that waits for its address to be proven and mails the link; or, when the
     * address is taken, mails its owner instead. Either way the caller answers the same. A taken
     * username is still refused (usernames are public). The password is hashed in both cases, so
     * both take as long.
     */
    async register(input: Registration, address: string, pageLocale: Locale): Promise<void> {
      await registrations.reserve([`ip:${address}`]);
      try {
        const { also: secret } = await register(db, input, { adminEmails, awaitsConfirmation: true }, (tx, created) =>
          createToken(tx, created.id, 'email_confirmation', input.email),
        );
        sendEmail({
          to: input.email,
          // In the language of the page registered on, when the account has none of its own yet.
          locale: input.locale ?? pageLocale,
          template: 'confirmAddress',
          link: confirmPath(secret!),
          values: { name: input.displayName },
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const refusal = withoutEmail(error);
        if (refusal) throw refusal;
        await tellOwner(input.email);
      }
    },

    /** Uses the confirmation link and signs the account in; null when the link is unknown, used or expired. */
    async confirm(secret: string, previousSessionId: string | null) {
      return db.transaction().execute(async (tx) => {
        const token = await consumeToken(tx, secret, 'email_confirmation');
        if (!token?.email) return null;
        const account = await queries.confirmAddress(tx, token.account_id, token.email, adminEmails?.has(emailKey(token.email)) ?? false);
        if (!account) return null;
        // Proven (and perhaps made an admin): the account's other sessions learn it too.
        await recordEvent(tx, 'viewer.changed', { accountId: account.id });
        return { account, session: await startSessionIn(tx, account.id, previousSessionId) };
      });
    },

    /** Sends a new confirmation link to the account's address (3 an hour, then 429); false when it is proven already. */
    async resend(accountId: number): Promise<{ sentTo: string } | false> {
      const account = await queries.findAddressOf(db, accountId);
      if (!account || account.email_confirmed_at) return false;
      await resends.reserve([`account:${accountId}`]);
      const secret = await createToken(db, accountId, 'email_confirmation', account.email);
      sendEmail({ to: account.email, locale: account.locale, template: 'confirmAddress', link: confirmPath(secret), values: { name: account.display_name } });
      return { sentTo: account.email };
    },

    /** Mails the new address a link that replaces the account's address with it (email change). */
    async requestAddressChange(accountId: number, newEmail: string): Promise<void> {
      const account = (await queries.findAddressOf(db, accountId))!;
      if (emailKey(account.email) === emailKey(newEmail)) throw new ValidationError({ email: 'recovery.address.same' });
      const secret = await createToken(db, accountId, 'email_change', newEmail);
      sendEmail({ to: newEmail, locale: account.locale, template: 'confirmNewAddress', link: changePath(secret), values: { name: account.display_name } });
    },

    /**
     * Uses an address-change link: the account's address becomes the one the link proves (proven by
     * the link), and the old address is told. Null when the link is unknown, used or expired; 400 on
     * email when another account took the address meanwhile (the link stays usable).
     */
    async useAddressChange(secret: string) {
      const changed = await replacingAddress(async (tx) => {
        const token = await consumeToken(tx, secret, 'email_change');
        return token?.email ? { accountId: token.account_id, email: token.email } : null;
      });
      if (changed)
        sendEmail({
          to: changed.before.email,
          locale: changed.before.locale,
          template: 'addressChanged',
          values: { name: changed.before.display_name, email: changed.email },
        });
      return changed;
    },

    /** On a forum without email, the address changes at once (the password was asked for). */
    changeAddressNow(accountId: number, email: string) {
      return replacingAddress(async () => ({ accountId, email }));
    },
  };
}
