import { sql, type Expression, type Kysely, type QueryCreator } from 'kysely';
import { precompiled } from '../db/precompiled.js';
import type { DB } from '../db/schema.js';

/** A suspension that keeps an account from posting: until when, where (null: the whole forum) and why. */
export interface ActiveSuspension {
  until: Date;
  network_id: number | null;
  reason: string;
}

/** An ActiveSuspension as JSON carries it: its time as text. */
export type SuspensionJson = Omit<ActiveSuspension, 'until'> & { until: string };

/**
 * The suspension that keeps the account from posting in the network now (activeSuspension), as JSON:
 * for a statement that reads it beside its own work, where `networkId` may be a column of that statement.
 */
export function activeSuspensionJson(db: QueryCreator<DB>, accountId: number, networkId: Expression<number>, now: Date) {
  return db
    .selectFrom('suspensions')
    .select(sql<SuspensionJson>`json_build_object('until', until, 'network_id', network_id, 'reason', reason)`.as('suspension'))
    .where('account_id', '=', accountId)
    .where('until', '>', now)
    .where((eb) => eb.or([eb('network_id', 'is', null), eb('network_id', '=', networkId)]))
    .orderBy('until', 'desc')
    .limit(1);
}

export function suspensionFromJson(json: SuspensionJson): ActiveSuspension {
  return { ...json, until: new Date(json.until) };
}

const suspensionNow = precompiled((db, v: { accountId: number; networkId: number; now: Date }) =>
  activeSuspensionJson(db, v.accountId, sql<number>`${v.networkId}`, v.now),
);

/**
 * The suspension that keeps the account from posting in this network now: an admin's suspension
 * (anywhere) or a convener's bar (this network); of several, the one that ends last. undefined when
 * the account may post.
 */
export async function activeSuspension(db: Kysely<DB>, accountId: number, networkId: number, now: Date): Promise<ActiveSuspension | undefined> {
  const row = await suspensionNow.first(db, { accountId, networkId, now });
  return row && suspensionFromJson(row.suspension);
}

export async function insertSuspension(
  db: Kysely<DB>,
  suspension: { accountId: number; networkId: number | null; until: Date; reason: string; createdById: number },
): Promise<void> {
  await db
    .insertInto('suspensions')
    .values({
      account_id: suspension.accountId,
      network_id: suspension.networkId,
      until: suspension.until,
      reason: suspension.reason,
      created_by_id: suspension.createdById,
    })
    .execute();
}

/**
 * Ends the account's running suspensions (networkId null) or bars in one network, now; the rows stay
 * as history. The number ended.
 */
export async function endSuspensions(db: Kysely<DB>, accountId: number, networkId: number | null, now: Date): Promise<number> {
  const result = await db
    .updateTable('suspensions')
    .set({ until: now })
    .where('account_id', '=', accountId)
    .where('until', '>', now)
    .where('network_id', networkId === null ? 'is' : '=', networkId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Running suspensions (networkId null) or bars in a network, the soonest to end first, with whom they concern. */
export function listActiveSuspensions(db: Kysely<DB>, networkId: number | null, now: Date) {
  return db
    .selectFrom('suspensions')
    .innerJoin('accounts', 'accounts.id', 'suspensions.account_id')
    .select(['suspensions.id', 'suspensions.until', 'suspensions.reason', 'accounts.username', 'accounts.display_name'])
    .where('suspensions.until', '>', now)
    .where('suspensions.network_id', networkId === null ? 'is' : '=', networkId)
    .orderBy('suspensions.until')
    .limit(200)
    .execute();
}
