// Changes a member makes to their own account on /me that no other rule touches.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import type { DB } from '../db/schema.js';
import type { Locale } from '../config.js';
import { updateAccountLocale, updateDisplayName } from './accounts.queries.js';

/** The new name shows beside every post of theirs at once: cached pages naming them are dropped by the event. */
export async function changeDisplayName(db: Kysely<DB>, accountId: number, displayName: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await updateDisplayName(tx, accountId, displayName);
    await recordEvent(tx, 'account.changed', { accountId });
  });
}

/** Pages and emails follow the account's language; its sessions on every instance learn it from the event. */
export async function changeLocale(db: Kysely<DB>, accountId: number, locale: Locale): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await updateAccountLocale(tx, accountId, locale);
    await recordEvent(tx, 'viewer.changed', { accountId });
  });
}
