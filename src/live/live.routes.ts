// GET /live: the websocket that pushes new posts and threads to everyone looking.
import type { FastifyInstance } from 'fastify';
import { claimedOrigin } from '../core/security.js';
import { LiveConnection, MAX_TOPICS } from './hub.js';
import { pruneEvents } from './live.queries.js';
import { liveService } from './live.service.js';
import { ME_TOPIC, meTopic } from './me-topic.js';
import { parseTopic } from './topics.js';

const HEARTBEAT_MS = 30_000;
const BACKLOG_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

type ClientMessage =
  | { type: 'subscribe'; topic: string; since?: number }
  | { type: 'unsubscribe'; topic: string }
  | { type: 'ping' };

function readMessage(raw: string): ClientMessage | string {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return 'message is not JSON';
  }
  if (!message || typeof message !== 'object') return 'message must be an object';
  const { type, topic, since } = message as Record<string, unknown>;
  if (type === 'ping') return { type };
  if (type !== 'subscribe' && type !== 'unsubscribe') return 'type must be subscribe, unsubscribe or ping';
  if (typeof topic !== 'string') return 'topic must be "thread:<id>", "board:<slug>" or "me"';
  if (type === 'unsubscribe') return { type, topic };
  if (since !== undefined && !(Number.isSafeInteger(since) && (since as number) >= 0)) return 'since must be a cursor (a whole number)';
  return { type, topic, since: since as number | undefined };
}

export async function liveRoutes(app: FastifyInstance): Promise<void> {
  const live = liveService(app);
  const me = meTopic(app, live.hub);
  const allowedOrigin = app.config.publicUrl.origin;

  const heartbeat = setInterval(() => {
    for (const client of app.websocketServer.clients) {
      const connection = connections.get(client);
      if (!connection) continue;
      if (!connection.alive) {
        client.terminate();
        continue;
      }
      connection.alive = false;
      client.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const pruner = setInterval(() => {
    pruneEvents(app.database.db, new Date(Date.now() - BACKLOG_MS)).catch((error: unknown) => app.log.warn({ err: error }, 'pruning events failed'));
  }, PRUNE_EVERY_MS);
  pruner.unref();
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    clearInterval(pruner);
  });

  const connections = new WeakMap<object, LiveConnection>();

  app.get(
    '/live',
    {
      websocket: true,
      // A browser on another site must not read a member's live feed with the member's cookie.
      preValidation: async (request, reply) => {
        const origin = claimedOrigin({ origin: request.headers.origin });
        if (origin !== undefined && origin !== allowedOrigin) return reply.code(403).send({ error: 'forbidden', message: request.t('errors.crossSite') });
      },
    },
    (socket, request) => {
      const connection = new LiveConnection(socket, { viewer: request.viewer, locale: request.locale, t: request.t });
      connections.set(socket, connection);
      socket.on('pong', () => (connection.alive = true));
      socket.on('close', () => live.hub.disconnect(connection));
      // Messages of one connection are handled in order, so a replay finishes before the next request.
      let queue = Promise.resolve();
      socket.on('message', (data) => {
        connection.alive = true;
        queue = queue.then(() => handle(connection, data.toString())).catch((error: unknown) => {
          request.log.error({ err: error }, 'live message failed');
          connection.send({ type: 'error', message: 'internal error' });
        });
      });
    },
  );

  async function handle(connection: LiveConnection, raw: string): Promise<void> {
    const message = readMessage(raw);
    if (typeof message === 'string') return connection.send({ type: 'error', message });
    if (message.type === 'ping') return connection.send({ type: 'pong' });
    if (message.type === 'unsubscribe') {
      live.hub.unsubscribe(connection, message.topic);
      return connection.send({ type: 'unsubscribed', topic: message.topic });
    }
    if (message.topic === ME_TOPIC) return me.subscribe(connection);
    const parsed = parseTopic(message.topic);
    if (!parsed) return connection.send({ type: 'error', message: `unknown topic ${message.topic}`, topic: message.topic });
    if (!connection.subscriptions.has(message.topic) && connection.subscriptions.size >= MAX_TOPICS) {
      return connection.send({ type: 'error', message: `at most ${MAX_TOPICS} topics per connection`, topic: message.topic });
    }
    const topic = await live.resolveTopic(parsed);
    if (!topic) return connection.send({ type: 'error', message: `unknown topic ${message.topic}`, topic: message.topic });
    await live.subscribe(connection, topic, message.since);
  }
}
