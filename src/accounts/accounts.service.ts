// The account rules that span several queries: who becomes admin, what a password change ends, and
// the attempt limits on registering, signing in and changing a password.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import { ValidationError } from '../core/errors.js';
import { AttemptLimiter, type AttemptLimit } from '../core/rate-limit.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Locale } from '../config.js';
import type { DB, Role } from '../db/schema.js';
import * as queries from './accounts.queries.js';
import { emailKey } from './emails.js';
import { startSessionIn } from './sessions.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { normaliseUsername, usernameKey } from './usernames.js';

export interface Registration {
  username: string;
  displayName: string;
  email: string;
  password: string;
  /** The language picked with the switch before registering; pages and emails then follow the account. */
  locale?: Locale | undefined;
}

export interface RegistrationRules {
  /** Exactly these addresses become admin; undefined → the first account on an empty forum does. */
  adminEmails: ReadonlySet<string> | undefined;
  /**
   * The forum sends email: the address waits for its confirmation link (email_confirmed_at stays null),
   * and an address in adminEmails makes the account admin only once it is confirmed (confirmation.service.ts).
   */
  awaitsConfirmation?: boolean;
}

const TAKEN = { username: 'accounts.usernameTaken', email: 'accounts.emailTaken' } as const;

/**
 * Registers an account; `alsoInTransaction` runs with it before the commit (registering through the
 * site starts the account's session there). A name or address that is taken answers 400 on that field.
 */
export async function register<T = undefined>(
  db: Kysely<DB>,
  input: Registration,
  rules: RegistrationRules,
  alsoInTransaction?: (tx: Kysely<DB>, account: RegisteredAccount) => Promise<T>,
): Promise<{ account: RegisteredAccount; also: T | undefined }> {
  const username = normaliseUsername(input.username);
  const key = usernameKey(username);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (tx) => {
      const account = await insertRegistration(tx, { ...input, username, key, passwordHash }, rules);
      return { account, also: alsoInTransaction ? await alsoInTransaction(tx, account) : undefined };
    });
  } catch (error) {
    // Two registrations racing for one name: the index decides, and the loser hears it like any other.
    if (isUniqueViolation(error, 'accounts_username_key_key')) throw new ValidationError({ username: TAKEN.username });
    if (isUniqueViolation(error, 'accounts_email_key')) throw new ValidationError({ email: TAKEN.email });
    throw error;
  }
}

type RegisteredAccount = Awaited<ReturnType<typeof queries.insertAccount>>;

async function insertRegistration(
  tx: Kysely<DB>,
  input: Registration & { key: string; passwordHash: string },
  rules: RegistrationRules,
): Promise<RegisteredAccount> {
  const { username, key, passwordHash } = input;
  const [usernameTaken, emailTaken] = [await queries.usernameKeyTaken(tx, key), await queries.emailTaken(tx, input.email)];
  if (usernameTaken || emailTaken) {
    throw new ValidationError({ ...(usernameTaken && { username: TAKEN.username }), ...(emailTaken && { email: TAKEN.email }) });
  }
  let role: Role;
  if (rules.adminEmails) {
    role = !rules.awaitsConfirmation && rules.adminEmails.has(emailKey(input.email)) ? 'admin' : 'member';
  } else {
    await queries.lockAccountsForRegistration(tx);
    role = (await queries.hasAnyAccount(tx)) ? 'member' : 'admin';
  }
  return queries.insertAccount(tx, {
    username,
    username_key: key,
    display_name: input.displayName,
    email: input.email,
    password_hash: passwordHash,
    role,
    locale: input.locale ?? null,
    email_confirmed_at: rules.awaitsConfirmation ? null : new Date(),
  });
}

/** True when the password is the account's. No account costs a hash like a real one, so timing tells nothing. */
async function passwordMatches(account: { password_hash: string } | undefined, password: string): Promise<boolean> {
  const ok = await verifyPassword(account?.password_hash ?? DUMMY_HASH, password);
  return ok && account !== undefined;
}

/** Failed sign-ins per account and per address; a wrong current password when changing it is one too. */
const FAILED_SIGN_INS: AttemptLimit = { bucket: 'sign-in', max: 10, windowSeconds: 15 * 60 };
/** Registrations per address, refused ones (a taken name or address) included. */
export const REGISTRATIONS: AttemptLimit = { bucket: 'registration', max: 5, windowSeconds: 60 * 60 };

const addressKey = (address: string) => `ip:${address}`;
const accountKey = (accountId: number) => `account:${accountId}`;

export interface AccountsServiceOptions {
  db: Kysely<DB>;
  adminEmails: ReadonlySet<string> | undefined;
  /** false turns the sign-in and registration limits off (benchmarks, load tests, most tests). */
  attemptLimits: boolean;
}

/** Each attempt is counted before the work it guards, so concurrent ones cannot pass the limit together. */
export function accountsService({ db, adminEmails, attemptLimits }: AccountsServiceOptions) {
  const failedSignIns = new AttemptLimiter(db, FAILED_SIGN_INS, attemptLimits);
  const registrations = new AttemptLimiter(db, REGISTRATIONS, attemptLimits);
  /**
   * 400 on `field` unless the password is the account's own. A wrong one counts as a failed sign-in:
   * a session alone cannot guess its way to the password (changing it, deleting the account).
   */
  async function requireOwnPassword(accountId: number, password: string, field: string): Promise<void> {
    const reservation = await failedSignIns.reserve([accountKey(accountId)]);
    const account = await queries.findAccountById(db, accountId);
    if (!account || !(await verifyPassword(account.password_hash, password))) {
      throw new ValidationError({ [field]: 'accounts.me.wrongPassword' });
    }
    await failedSignIns.release(reservation);
  }

  return {
    /** Registers from `address`; the attempt counts whether or not the name and address were free. */
    /** The account, and its first session started in the same transaction (ending `previousSessionId`). */
    async register(input: Registration, address: string, previousSessionId: string | null) {
      await registrations.reserve([addressKey(address)]);
      const { account, also: session } = await register(db, input, { adminEmails }, (tx, created) => startSessionIn(tx, created.id, previousSessionId));
      return { account, session: session! };
    },

    /** The account named by username (any case or NFKC form) or email (any case), when the password is its own. */
    async signIn(login: string, password: string, address: string) {
      const account = await queries.findAccountByLogin(db, usernameKey(login), login);
      // An account has one budget, whether it is named by its username or by its email.
      const reservation = await failedSignIns.reserve([addressKey(address), account ? accountKey(account.id) : `login:${usernameKey(login)}`]);
      const ok = await passwordMatches(account, password);
      // The form as a whole is wrong, not the login field: which of the two was wrong is not told.
      if (!account || !ok) throw new ValidationError({ credentials: 'accounts.login.wrong' });
      // Only failed sign-ins count.
      await failedSignIns.release(reservation);
      return account;
    },

    requireOwnPassword,

    async changePassword(accountId: number, currentSessionId: string, currentPassword: string, newPassword: string): Promise<void> {
      await requireOwnPassword(accountId, currentPassword, 'currentPassword');
      const passwordHash = await hashPassword(newPassword);
      await db.transaction().execute(async (tx) => {
        await queries.updatePasswordHash(tx, accountId, passwordHash);
        await queries.deleteOtherSessions(tx, accountId, currentSessionId);
        await recordEvent(tx, 'sessions.ended', { accountId });
      });
    },
  };
}
