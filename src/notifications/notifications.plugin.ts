// Notifications on this instance: the worker that turns events into notifications (the `notifications`
// consumer), pruning old ones, and the unread count in every page's header. Shared (fastify-plugin) so the
// header hook sees every page and app.notifications every feature.
import fp from 'fastify-plugin';
import { consumeEvents } from '../core/consumer.js';
import { pruneNotifications, unreadCount } from './notifications.queries.js';
import { CONSUMER, HANDLED_EVENTS, notificationsWorker } from './notifications.worker.js';

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
}

/** Page requests that show the header: GET, HTML, signed in; not assets, feeds or the websocket. */
function showsHeader(request: { method: string; url: string; viewer: unknown; wantsJson: boolean; headers: Record<string, unknown> }): boolean {
  return (
    request.method === 'GET' &&
    !!request.viewer &&
    !request.url.startsWith('/static/') &&
    !request.url.split('?')[0]!.endsWith('.atom') &&
    request.headers.upgrade === undefined &&
    !request.wantsJson
  );
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
    app.housekeeping.every({ name: 'old notifications', everyMs: SIX_HOURS, run: (now) => pruneNotifications(db, new Date(now.getTime() - NOTIFICATIONS_KEPT_MS)) });

    app.decorate('notifications', { runWorker: () => worker.runUntilCaughtUp() } satisfies Notifications);

    app.addHook('preHandler', async (request) => {
      if (showsHeader(request)) request.unreadNotifications = await unreadCount(db, request.viewer!.id);
    });
  },
  { name: 'notifications', dependencies: ['database', 'http', 'sessions', 'housekeeping', 'email'] },
);
