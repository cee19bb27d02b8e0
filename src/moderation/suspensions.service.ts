// Suspensions: an admin keeps an account from posting anywhere for a while; a convener bars one from
// posting in their network. Either way the account can still sign in and read. Same steps as every
// moderator action: who acts, load, guard, change, log row — in one transaction. No domain event: no
// page or live message shows suspensions; posting, editing and flagging check the table in their own
// transactions (guards.ts `requireNotSuspended`).
import type { Kysely } from 'kysely';
import { requireAdmin } from '../accounts/guards.js';
import { findAccountByUsername } from '../accounts/public.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { startOfDayIn } from '../core/time.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { requireModeratorOf } from './guards.js';
import { convenedNetworkIds, writeLog } from './moderation.queries.js';
import type { SuspensionInput } from './moderation.schemas.js';
import { canModerate } from '../posts/visibility.js';
import { endSuspensions, insertSuspension } from './suspensions.queries.js';

export const MAX_SUSPENSION_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When the suspension ends; 400 on `days` or `until` when neither, both, or an end outside (now, now + 3650 days]. */
export function suspensionEnd(input: Pick<SuspensionInput, 'days' | 'until'>, now: Date, timeZone: string): Date {
  if (input.days !== undefined && input.until !== undefined) throw new ValidationError({ until: 'moderation.daysOrUntil' });
  if (input.days !== undefined) return new Date(now.getTime() + input.days * DAY_MS);
  if (input.until === undefined) throw new ValidationError({ days: 'moderation.daysOrUntil' });
  const until = /^\d{4}-\d{2}-\d{2}$/.test(input.until) ? startOfDayIn(timeZone, input.until) : new Date(input.until);
  if (!until || Number.isNaN(until.getTime())) throw new ValidationError({ until: 'validation.invalid' });
  if (until.getTime() <= now.getTime() || until.getTime() > now.getTime() + MAX_SUSPENSION_DAYS * DAY_MS) {
    throw new ValidationError({ until: 'moderation.untilRange' });
  }
  return until;
}

/** The account a username names; 404 when there is none. */
export async function loadAccount(db: Kysely<DB>, username: string) {
  const account = await findAccountByUsername(db, username);
  if (!account) throw new NotFoundError();
  return account;
}

export async function suspendAccount(db: Kysely<DB>, actor: Viewer, username: string, input: SuspensionInput, timeZone: string): Promise<{ until: Date }> {
  requireAdmin(actor);
  const now = new Date();
  const until = suspensionEnd(input, now, timeZone);
  await db.transaction().execute(async (tx) => {
    const account = await loadAccount(tx, username);
    if (account.role === 'admin') throw new ValidationError({ username: 'moderation.cannotSuspendAdmin' });
    await insertSuspension(tx, { accountId: account.id, networkId: null, until, reason: input.reason, createdById: actor.id });
    await writeLog(tx, { network_id: null, actor_id: actor.id, action: 'suspend', target_account_id: account.id, reason: input.reason, ends_at: until });
  });
  return { until };
}

export async function barAccount(
  db: Kysely<DB>,
  actor: Viewer,
  networkId: number,
  username: string,
  input: SuspensionInput,
  timeZone: string,
): Promise<{ until: Date }> {
  requireModeratorOf(actor, networkId);
  const now = new Date();
  const until = suspensionEnd(input, now, timeZone);
  await db.transaction().execute(async (tx) => {
    const account = await findAccountByUsername(tx, username);
    if (!account) throw new ValidationError({ username: 'moderation.noSuchAccount' });
    // Whoever moderates the network is not barred from it: that is the admins' business (remove the convener).
    if (canModerate({ role: account.role, convenes: await convenedNetworkIds(tx, account.id) }, networkId)) {
      throw new ValidationError({ username: 'moderation.cannotBarModerator' });
    }
    await insertSuspension(tx, { accountId: account.id, networkId, until, reason: input.reason, createdById: actor.id });
    await writeLog(tx, { network_id: networkId, actor_id: actor.id, action: 'bar', target_account_id: account.id, reason: input.reason, ends_at: until });
  });
  return { until };
}

/** Ends an account's running suspension now (admins). false when there was none. */
export async function liftSuspension(db: Kysely<DB>, actor: Viewer, username: string): Promise<boolean> {
  requireAdmin(actor);
  return db.transaction().execute(async (tx) => {
    const account = await loadAccount(tx, username);
    if ((await endSuspensions(tx, account.id, null, new Date())) === 0) return false;
    await writeLog(tx, { network_id: null, actor_id: actor.id, action: 'unsuspend', target_account_id: account.id });
    return true;
  });
}

/** Ends an account's running bar from the network now (its conveners, admins). false when there was none. */
export async function liftBar(db: Kysely<DB>, actor: Viewer, networkId: number, username: string): Promise<boolean> {
  requireModeratorOf(actor, networkId);
  return db.transaction().execute(async (tx) => {
    const account = await findAccountByUsername(tx, username);
    if (!account) throw new ValidationError({ username: 'moderation.noSuchAccount' });
    if ((await endSuspensions(tx, account.id, networkId, new Date())) === 0) return false;
    await writeLog(tx, { network_id: networkId, actor_id: actor.id, action: 'unbar', target_account_id: account.id });
    return true;
  });
}
