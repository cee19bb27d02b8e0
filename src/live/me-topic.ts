// The topic `me`: the signed-in viewer's own unread notification count, sent on subscribing and again
// whenever it changes (`notifications.changed`, recorded by whatever changed it, reaches every instance).
// Only a signed-in viewer may subscribe, and only ever to their own count; a guest gets an error.
import type { FastifyInstance } from 'fastify';
import { unreadCounts } from '../notifications/public.js';
import { prepare, type Hub, type LiveConnection, type MessageFor } from './hub.js';

export const ME_TOPIC = 'me';

export function meTopic(app: FastifyInstance, hub: Hub) {
  const { db } = app.database;

  /** Each listed account's count, for that account's connections only. */
  async function countsMessage(accountIds: number[]): Promise<MessageFor> {
    const counts = await unreadCounts(db, accountIds);
    const asked = new Set(accountIds);
    return (audience) => {
      const id = audience.viewer?.id;
      return id !== undefined && asked.has(id) ? prepare({ type: 'notifications', topic: ME_TOPIC, unread: counts.get(id) ?? 0 }) : null;
    };
  }

  app.events.on('notifications.changed', ({ accountIds }, event) => {
    const changed = new Set(accountIds);
    const listening = new Set<number>();
    for (const connection of hub.subscribers(ME_TOPIC)) {
      const id = connection.audience.viewer?.id;
      if (id !== undefined && changed.has(id)) listening.add(id);
    }
    if (listening.size > 0) hub.publish(ME_TOPIC, event.cursor, countsMessage([...listening]));
  });

  return {
    /** Changes after the current cursor are pushed; the count sent now already includes those before it. */
    async subscribe(connection: LiveConnection): Promise<void> {
      const viewer = connection.audience.viewer;
      if (!viewer) {
        connection.send({ type: 'error', message: 'sign in to subscribe to me', topic: ME_TOPIC });
        return;
      }
      const reached = hub.cursorOf(connection, ME_TOPIC);
      if (reached !== undefined) {
        connection.send({ type: 'subscribed', topic: ME_TOPIC, cursor: reached });
        return;
      }
      const cursor = app.events.cursor;
      const subscription = hub.subscribe(connection, ME_TOPIC, cursor, true);
      connection.send({ type: 'subscribed', topic: ME_TOPIC, cursor });
      const count = (await countsMessage([viewer.id]))(connection.audience);
      if (hub.stands(connection, ME_TOPIC, subscription)) hub.finishReplay(connection, ME_TOPIC, cursor, count ? [count] : []);
    },
  };
}
