// The topic `me`: the signed-in viewer's own unread notification count, sent on subscribing and again
// whenever it changes (`notifications.changed`, recorded by whatever changed it, reaches every instance).
// Only a signed-in viewer may subscribe, and only ever to their own count; a guest gets an error.
import type { FastifyInstance } from 'fastify';
import { unreadCounts } from '../following/following.queries.js';
import { MAX_TOPICS, type Hub, type LiveConnection } from './hub.js';

export const ME_TOPIC = 'me';

export function meTopic(app: FastifyInstance, hub: Hub) {
  const { db } = app.database;

  app.events.on('notifications.changed', async ({ accountIds }, event) => {
    const wanted = new Set(accountIds);
    const listeners = [...hub.subscribers(ME_TOPIC)].filter((c) => c.audience.viewer && wanted.has(c.audience.viewer.id));
    if (listeners.length === 0) return;
    const counts = await unreadCounts(db, [...new Set(listeners.map((c) => c.audience.viewer!.id))]);
    await Promise.all(
      listeners.map((connection) =>
        hub.deliver(connection, ME_TOPIC, event.cursor, async () => {
          connection.send({ type: 'notifications', topic: ME_TOPIC, unread: counts.get(connection.audience.viewer!.id) ?? 0 });
        }),
      ),
    );
  });

  return {
    async subscribe(connection: LiveConnection): Promise<void> {
      const viewer = connection.audience.viewer;
      if (!viewer) return connection.send({ type: 'error', message: 'sign in to subscribe to me', topic: ME_TOPIC });
      if (!connection.subscriptions.has(ME_TOPIC) && connection.subscriptions.size >= MAX_TOPICS) {
        return connection.send({ type: 'error', message: `at most ${MAX_TOPICS} topics per connection`, topic: ME_TOPIC });
      }
      // Changes after this cursor are pushed; the count read below already includes those before it.
      const cursor = app.events.cursor;
      hub.subscribe(connection, ME_TOPIC, cursor);
      connection.send({ type: 'subscribed', topic: ME_TOPIC, cursor });
      const counts = await unreadCounts(db, [viewer.id]);
      connection.send({ type: 'notifications', topic: ME_TOPIC, unread: counts.get(viewer.id) ?? 0 });
      await hub.finishReplay(connection, ME_TOPIC);
    },
  };
}
