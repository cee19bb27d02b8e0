// The header's unread count per account, so a member's page usually runs no count query (issue 19).
// Dropped by what changes the count: notifications.changed, which every write to notifications,
// invitations and proposal notices records; and business.changed, since a business deleted when its
// last staff member leaves takes its pending invitations with it. Read-your-writes and bounds as in
// core/account-cache.ts. Old notifications pruned by housekeeping announce nothing: a count may show
// one of those (90 days old) for at most TTL_MS.
import type { FastifyInstance } from 'fastify';
import { AccountCache } from '../core/account-cache.js';

const MAX_ACCOUNTS = 10_000;
const TTL_MS = 30_000;

export function unreadCache(app: FastifyInstance): AccountCache<number, number> {
  const counts = new AccountCache<number, number>((accountId) => accountId, {
    max: MAX_ACCOUNTS,
    ttlMs: TTL_MS,
    watermark: app.writeWatermark,
    droppedBy: ['notifications.changed', 'business.changed'],
  });
  app.events.on('notifications.changed', ({ accountIds }) => counts.dropAccounts(accountIds));
  app.events.on('business.changed', () => counts.clear());
  return counts;
}
