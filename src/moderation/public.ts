// What other features and the pages use of moderation besides its guards: a network's rule titles (above
// the posting forms), its conveners (the side column), how many posts await its moderators' review and
// the header's moderator menu, the invitations to convene waiting in a member's notifications, and a new
// network's first convener (a proposal approved). The rest of moderation/ is its own.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import type { DB } from '../db/schema.js';
import { addConvener, writeLog } from './moderation.queries.js';
export { pendingConvenerInvitations } from './convener-invitations.present.js';
export { ConvenerInvitationJson } from './convener-invitations.schemas.js';
export { reviewCount } from './flags.queries.js';
export { listConveners } from './moderation.queries.js';
export { moderatorReviewCounts } from './review.queries.js';
export { listRuleTitles } from './rules.queries.js';
export { moderationWeeks, type ModerationWeekRow } from './weekly.queries.js';

/**
 * Makes the account a convener of a network inside the caller's transaction, as an admin's appointment
 * does (moderation.service.ts appointConvener): the row, the public log row ('appoint', by the admin),
 * the event. For a network made from a proposal, whose proposer convenes it.
 */
export async function appointFirstConvener(tx: Kysely<DB>, networkId: number, accountId: number, adminId: number): Promise<void> {
  if (!(await addConvener(tx, networkId, accountId, adminId))) return;
  await writeLog(tx, { network_id: networkId, actor_id: adminId, action: 'appoint', target_account_id: accountId });
  await recordEvent(tx, 'conveners.changed', { networkId, accountId });
}
