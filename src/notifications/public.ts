// What other features use of notifications: the unread counts the live `me` topic pushes (live), and
// what an email batch says to its reader (email). The rest of notifications/ is its own.
import type { Kysely } from 'kysely';
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { findBatchNotifications } from './notifications.queries.js';
import { groupRows } from './present.js';

export { unreadCounts } from './notifications.queries.js';
export type { NotificationGroup } from './notifications.schemas.js';

/**
 * The email batch's notifications that the reader has not read on the forum meanwhile, as groups they
 * may see now (the visibility rule decides again: what was hidden since is left out).
 */
export async function unreadGroupsOfEmail(db: Kysely<DB>, emailId: number, reader: Viewer, t: Translate) {
  const rows = (await findBatchNotifications(db, emailId)).filter((row) => row.read_at === null);
  return groupRows(rows, reader, t);
}
