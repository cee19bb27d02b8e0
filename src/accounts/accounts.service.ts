// The account rules that span several queries: who becomes admin, and what a password change ends.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import { ValidationError } from '../core/errors.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB, Role } from '../db/schema.js';
import * as queries from './accounts.queries.js';
import { emailKey } from './emails.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { normaliseUsername, usernameKey } from './usernames.js';

export interface Registration {
  username: string;
  displayName: string;
  email: string;
  password: string;
}

export interface RegistrationRules {
  /** Exactly these addresses become admin; undefined → the first account on an empty forum does. */
  adminEmails: ReadonlySet<string> | undefined;
}

const TAKEN = { username: 'accounts.usernameTaken', email: 'accounts.emailTaken' } as const;

export async function register(db: Kysely<DB>, input: Registration, rules: RegistrationRules) {
  const username = normaliseUsername(input.username);
  const key = usernameKey(username);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (tx) => {
      const [usernameTaken, emailTaken] = [await queries.usernameKeyTaken(tx, key), await queries.emailTaken(tx, input.email)];
      if (usernameTaken || emailTaken) {
        throw new ValidationError({ ...(usernameTaken && { username: TAKEN.username }), ...(emailTaken && { email: TAKEN.email }) });
      }
      let role: Role;
      if (rules.adminEmails) {
        role = rules.adminEmails.has(emailKey(input.email)) ? 'admin' : 'member';
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
      });
    });
  } catch (error) {
    // Two registrations racing for one name: the index decides, and the loser hears it like any other.
    if (isUniqueViolation(error, 'accounts_username_key_key')) throw new ValidationError({ username: TAKEN.username });
    if (isUniqueViolation(error, 'accounts_email_key')) throw new ValidationError({ email: TAKEN.email });
    throw error;
  }
}

/** The account a sign-in names: by username (any case or NFKC form) or by email (any case); undefined when none. */
export function findAccountForLogin(db: Kysely<DB>, login: string) {
  return queries.findAccountByLogin(db, usernameKey(login), login);
}

/** True when the password is the account's. No account costs a hash like a real one, so timing tells nothing. */
export async function passwordMatches(account: { password_hash: string } | undefined, password: string): Promise<boolean> {
  const ok = await verifyPassword(account?.password_hash ?? DUMMY_HASH, password);
  return ok && account !== undefined;
}

export async function changePassword(
  db: Kysely<DB>,
  accountId: number,
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const account = await queries.findAccountById(db, accountId);
  if (!account || !(await verifyPassword(account.password_hash, currentPassword))) {
    throw new ValidationError({ currentPassword: 'accounts.me.wrongPassword' });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (tx) => {
    await queries.updatePasswordHash(tx, accountId, passwordHash);
    await queries.deleteOtherSessions(tx, accountId, currentSessionId);
    await recordEvent(tx, 'sessions.ended', { accountId });
  });
}
