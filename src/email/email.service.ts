// Writes that span several queries: each runs in the transaction it is given, or one of its own.
import type { Kysely } from 'kysely';
import type { DB, EmailFrequency } from '../db/schema.js';
import * as queries from './email.queries.js';
import { nextDigestAt } from './schedule.js';

/** Sets how often the account gets email; turning it off also cancels what was waiting to be sent. */
export async function changeEmailFrequency(db: Kysely<DB>, accountId: number, frequency: EmailFrequency): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await queries.setEmailFrequency(tx, accountId, frequency, new Date());
    if (frequency === 'none') await queries.cancelUnsentEmails(tx, accountId);
  });
}

/**
 * Files the accounts' new notifications about the network into the emails that will carry them: each
 * account's open email of its kind (instant, or the morning digest), made when there is none. Resolves
 * with each account's email id; accounts that want no email are left out.
 */
export async function fileInBatches(
  tx: Kysely<DB>,
  accountIds: readonly number[],
  networkId: number,
  now: Date,
  timing: { instantDelayMs: number; timeZone: string },
): Promise<Map<number, number>> {
  const frequencies = await queries.emailFrequencies(tx, accountIds);
  const wanting = accountIds.filter((id) => frequencies.get(id) !== 'none');
  const kindOf = (id: number) => (frequencies.get(id) === 'instant' ? 'instant' : 'digest');
  const open = await queries.lockOpenBatches(tx, wanting, networkId);
  const batchIds = new Map(open.map((batch) => [`${batch.account_id}|${batch.kind}`, batch.id]));
  const missing = wanting.filter((id) => !batchIds.has(`${id}|${kindOf(id)}`));
  const created = await queries.insertBatches(
    tx,
    missing.map((id) => ({
      account_id: id,
      network_id: networkId,
      kind: kindOf(id),
      send_after: kindOf(id) === 'instant' ? new Date(now.getTime() + timing.instantDelayMs) : nextDigestAt(now, timing.timeZone),
    })),
  );
  for (const batch of created) batchIds.set(`${batch.account_id}|${batch.kind}`, batch.id);
  return new Map(wanting.map((id) => [id, batchIds.get(`${id}|${kindOf(id)}`)!]));
}
