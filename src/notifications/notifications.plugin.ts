// Notifications on this instance: the worker that turns events into notifications (the `notifications`
// consumer), pruning old ones, and the unread count in every page's header (a layout field). Shared
// (fastify-plugin) so app.notifications reaches every feature.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { consumeEvents } from '../core/consumer.js';
import { pruneNotifications, unreadCount } from './notifications.queries.js';
import { CONSUMER, HANDLED_EVENTS, notificationsWorker } from './notifications.worker.js';
import { unreadCache } from './unread-cache.js';

export interface NotificationsOptions {
  /** How often the worker retries a run that failed or was left to another instance (0: never). */
  workerPollMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SIX_HOURS = 6 * 60 * 60 * 1000;
const NOTIFICATIONS_KEPT_MS = 90 * DAY_MS;

export interface Notifications {
  /** Handles every event committed before the call (waiting out another instance that is at it). */
  runWorker(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    notifications: Notifications;
  }
  interface FastifyRequest {
    /** The signed-in viewer's unread notifications, as the header shows them; null when not loaded. */
    unreadNotifications: number | null;
  }
}

export const notificationsPlugin = fp<NotificationsOptions>(
  async (app, { workerPollMs = 5_000 }) => {
    const { db } = app.database;

    const worker = consumeEvents(app, {
      name: CONSUMER,
      events: HANDLED_EVENTS,
      handle: notificationsWorker({ fileInEmails: app.email.fileInBatches }),
      log: app.log,
      pollMs: workerPollMs,
    });
    // What a member was told stays a season.
    app.housekeeping.every({
      name: 'old notifications',
      everyMs: SIX_HOURS,
      run: (now) => pruneNotifications(db, new Date(now.getTime() - NOTIFICATIONS_KEPT_MS)),
    });

    app.decorate('notifications', { runWorker: () => worker.runUntilCaughtUp() } satisfies Notifications);

    // The header's count, on every page a signed-in viewer is shown (one query, unless cached).
    const unreadCounts = unreadCache(app);
    app.decorateRequest('unreadNotifications', null);
    const shown = (request: FastifyRequest, count: number) => {
      request.unreadNotifications = count;
      return { unreadNotifications: count };
    };
    // At once from the cache; only a count not kept waits for its query.
    app.addLayoutData((request) => {
      if (!request.viewer) return {};
      const accountId = request.viewer.id;
      const count = unreadCounts.get(accountId);
      if (count !== undefined) return shown(request, count);
      const generation = unreadCounts.generation;
      return unreadCount(db, accountId).then((read) => {
        unreadCounts.set(accountId, read, generation);
        return shown(request, read);
      });
    });
  },
  { name: 'notifications', dependencies: ['database', 'http', 'sessions', 'housekeeping', 'email', 'write-watermark'] },
);
