// Email settings, the outbox and the stored signing key: plain queries, the database first.
import type { Kysely } from 'kysely';
import type { DB, EmailFrequency } from '../db/schema.js';
import { convenesColumn } from '../accounts/public.js';

/** What an account that never chose gets. */
export const DEFAULT_EMAIL_FREQUENCY: EmailFrequency = 'daily';

/** How often each account gets email; an account that never chose has the default. */
export async function emailFrequencies(db: Kysely<DB>, accountIds: readonly number[]): Promise<Map<number, EmailFrequency>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.selectFrom('email_settings').select(['account_id', 'frequency']).where('account_id', 'in', accountIds).execute();
  const chosen = new Map(rows.map((row) => [row.account_id, row.frequency]));
  return new Map(accountIds.map((id) => [id, chosen.get(id) ?? DEFAULT_EMAIL_FREQUENCY]));
}

export async function setEmailFrequency(db: Kysely<DB>, accountId: number, frequency: EmailFrequency, at: Date): Promise<void> {
  await db
    .insertInto('email_settings')
    .values({ account_id: accountId, frequency, updated_at: at })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ frequency, updated_at: at }))
    .execute();
}

/** Cancels the account's emails not yet sent (after it turned email off). */
export async function cancelUnsentEmails(db: Kysely<DB>, accountId: number): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'cancelled', locked_until: null })
    .where('account_id', '=', accountId)
    .where('status', 'in', ['open', 'retry'])
    .execute();
}

/**
 * The open batches of these accounts for one network, locked until the transaction ends: a sender
 * claiming one of them waits, and then finds it no longer open.
 */
export function lockOpenBatches(db: Kysely<DB>, accountIds: readonly number[], networkId: number) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('email_outbox')
    .select(['id', 'account_id', 'kind'])
    .where('account_id', 'in', accountIds)
    .where('network_id', '=', networkId)
    .where('status', '=', 'open')
    .forUpdate()
    .execute();
}

export function insertBatches(
  db: Kysely<DB>,
  batches: ReadonlyArray<{ account_id: number; network_id: number; kind: 'instant' | 'digest'; send_after: Date }>,
) {
  if (batches.length === 0) return Promise.resolve([]);
  return db
    .insertInto('email_outbox')
    .values(batches.map((b) => ({ ...b })))
    .returning(['id', 'account_id', 'kind'])
    .execute();
}

/**
 * Claims the next email that is due (or whose sender went away mid-send) for `leaseMs`: one statement,
 * and SKIP LOCKED, so two senders never claim one email.
 */
export function claimDueEmail(db: Kysely<DB>, now: Date, leaseMs: number) {
  return db
    .updateTable('email_outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), locked_until: new Date(now.getTime() + leaseMs) }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('email_outbox as due')
        .select('due.id')
        .where((w) =>
          w.or([
            w.and([w('due.status', 'in', ['open', 'retry']), w('due.send_after', '<=', now)]),
            w.and([w('due.status', '=', 'sending'), w('due.locked_until', '<=', now)]),
          ]),
        )
        .orderBy('due.send_after')
        .orderBy('due.id')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'account_id', 'network_id', 'kind', 'attempts', 'locked_until'])
    .executeTakeFirst();
}

export type ClaimedEmail = NonNullable<Awaited<ReturnType<typeof claimDueEmail>>>;

/** The recipient and network of an email, as they are now; none when the recipient has no proven address. */
export function findEmailContext(db: Kysely<DB>, accountId: number, networkId: number) {
  return (
    db
      .selectFrom('accounts')
      .leftJoin('email_settings', 'email_settings.account_id', 'accounts.id')
      .crossJoin('networks')
      .select([
        'accounts.id',
        'accounts.username',
        'accounts.display_name',
        'accounts.email',
        'accounts.role',
        'accounts.locale',
        'accounts.created_at',
        'email_settings.frequency',
        'networks.slug as network_slug',
        'networks.name as network_name',
        convenesColumn(),
      ])
      .where('accounts.id', '=', accountId)
      .where('networks.id', '=', networkId)
      // Only a proven address gets notifications; a deleted account has none.
      .where('accounts.email_confirmed_at', 'is not', null)
      .where('accounts.email', 'is not', null)
      .$narrowType<{ email: string }>()
      .executeTakeFirst()
  );
}

/** Ends a claim; only the claim that still holds the email (same attempt) may. */
export async function finishEmail(
  db: Kysely<DB>,
  claim: { id: number; attempts: number },
  outcome: { status: 'sent' | 'cancelled' | 'failed'; at: Date; error?: string } | { status: 'retry'; at: Date; retryAt: Date; error: string },
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({
      status: outcome.status,
      locked_until: null,
      sent_at: outcome.status === 'sent' ? outcome.at : null,
      ...(outcome.status === 'retry' ? { send_after: outcome.retryAt } : {}),
      ...(outcome.error !== undefined ? { last_error: outcome.error.slice(0, 500) } : {}),
    })
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', claim.attempts)
    .execute();
}

async function findSetting(db: Kysely<DB>, name: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst())?.value;
}

/** Stores the value unless one is stored already; returns the one that is. */
export async function ensureSetting(db: Kysely<DB>, name: string, value: string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await findSetting(db, name))!;
}

export async function accountExists(db: Kysely<DB>, accountId: number): Promise<boolean> {
  return !!(await db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst());
}

/** Forgets emails settled (sent, cancelled, given up) before the cutoff; the number forgotten. */
export async function pruneSettledEmails(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('email_outbox')
    .where('status', 'in', ['sent', 'cancelled', 'failed'])
    .where('created_at', '<', olderThan)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
