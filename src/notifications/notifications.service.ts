// Writes that announce themselves: each one transaction, its event inside it.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import type { DB } from '../db/schema.js';
import { markAllProposalNoticesRead } from '../proposals/public.js';
import * as queries from './notifications.queries.js';

/**
 * Marks notifications read (the ids, a group, or all) and, when any changed, tells every instance so
 * the reader's unread count updates live. Returns the unread count after.
 */
export async function markNotificationsRead(db: Kysely<DB>, accountId: number, which: { ids?: readonly number[]; groupKey?: string }): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const at = new Date();
    let marked = await queries.markRead(tx, accountId, which, at);
    // "Mark all read" marks the notices about network proposals too.
    if (!which.ids && which.groupKey === undefined) marked += await markAllProposalNoticesRead(tx, accountId, at);
    if (marked > 0) await recordEvent(tx, 'notifications.changed', { accountIds: [accountId] });
    return queries.unreadCount(tx, accountId);
  });
}
