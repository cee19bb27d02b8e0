// The notifications page, marking notifications read, and opening one.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireViewer, signedInOnly } from '../accounts/guards.js';
import { NotFoundError } from '../core/errors.js';
import { pendingInvitations } from '../businesses/public.js';
import { pendingConvenerInvitations } from '../moderation/public.js';
import { proposalNoticesOf } from '../proposals/public.js';
import * as queries from './notifications.queries.js';
import { notificationParams, NotificationsPage, notificationsQuery, readBody, UnreadCount, type NotificationGroup } from './notifications.schemas.js';
import { markNotificationsRead } from './notifications.service.js';
import { presentGroup, targetOf } from './present.js';

/** Notification groups per page. */
const NOTIFICATIONS_PAGE_SIZE = 20;

export async function notificationsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  app.get(
    '/notifications',
    { onRequest: signedInOnly, schema: { querystring: notificationsQuery, response: { 200: NotificationsPage } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const rows = await queries.listNotificationGroups(db, viewer.id, NOTIFICATIONS_PAGE_SIZE + 1, request.query.before);
      const page = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
      const details = await queries.findNotificationDetails(
        db,
        viewer.id,
        page.flatMap((group) => group.ids.map(Number)),
      );
      const byId = new Map(details.map((row) => [row.id, row]));
      const groups = page
        .map((group) =>
          presentGroup(
            group.ids.map((id) => byId.get(Number(id))).filter((row) => row !== undefined),
            group.count,
            group.unread,
            viewer,
            request.t,
          ),
        )
        .filter((group): group is NotificationGroup => group !== null);
      const nextCursor = rows.length > NOTIFICATIONS_PAGE_SIZE ? page.at(-1)!.latest_id : null;
      const unread = request.unreadNotifications ?? (await queries.unreadCount(db, viewer.id));
      const firstPage = request.query.before === undefined;
      const invitations = firstPage ? await pendingInvitations(db, viewer.id) : [];
      const convenerInvitations = firstPage ? await pendingConvenerInvitations(db, viewer.id) : [];
      const proposalNotices = firstPage ? await proposalNoticesOf(db, viewer.id, request.t) : [];
      const json = { unread, invitations, convenerInvitations, proposalNotices, notifications: groups, nextCursor };
      // Invitations count as unread until answered, but marking read does not answer them.
      const waiting = invitations.length + convenerInvitations.length;
      const canMarkRead = unread > waiting;
      return reply.page('notifications/index', { ...json, firstPage, canMarkRead, waiting }, { json, title: request.t('notifications.title') });
    },
  );

  app.post('/notifications/read', { onRequest: signedInOnly, schema: { body: readBody, response: { 200: UnreadCount } } }, async (request, reply) => {
    const unread = await markNotificationsRead(db, request.viewer!.id, { ids: request.body?.ids });
    reply.flash('notice.markedRead');
    return reply.done('/notifications', { unread }, 200);
  });

  // Opening a notification marks its whole line read and leads to what it is about.
  app.get('/notifications/:id', { onRequest: signedInOnly, schema: { params: notificationParams } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const notification = await queries.findNotification(db, viewer.id, request.params.id);
    if (!notification || notification.withdrawn_at) throw new NotFoundError();
    // Lead to the first of the line's unread notifications (the first new reply), then mark the line read.
    const unread = notification.read_at === null ? await queries.unreadInGroup(db, viewer.id, notification.group_key) : [];
    const first = unread[0] ?? notification;
    if (unread.length > 0) await markNotificationsRead(db, viewer.id, { groupKey: notification.group_key });
    return reply.redirect(targetOf(first, unread.length, notification.network_slug), 303);
  });
}
