// GET /live: the websocket that pushes new posts and threads to everyone looking.
//
// Upgraded with ws directly, not @fastify/websocket: that plugin keeps each upgrade's Fastify request and
// reply (and the HTTP response object) reachable for the connection's life. Here the upgrade request is
// still routed through Fastify, so every hook runs as for any request (session, locale, client address,
// the Origin check and limits below, a refusal answered as an HTTP error), and once the socket is
// upgraded only what the feed needs is kept: the viewer, locale and translator read at upgrade time,
// the session's id, and the socket.
import type { IncomingMessage } from 'node:http';
import { ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { TooManyRequestsError } from '../core/errors.js';
import { allowedOrigins, claimedOrigin } from '../core/security.js';
import { LiveConnection, type Audience } from './hub.js';
import { CLOSE_POLICY, HEARTBEAT_MS, MAX_TOPICS, SOCKETS_PER_ADDRESS, SOCKETS_RETRY_AFTER_SECONDS } from './limits.js';
import { pruneEvents } from './live.queries.js';
import { liveService } from './live.service.js';
import { ME_TOPIC, meTopic } from './me-topic.js';
import { liveSessions } from './sessions.js';
import { parseTopic } from './topics.js';

const BACKLOG_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

type ClientMessage = { type: 'subscribe'; topic: string; since?: number } | { type: 'unsubscribe'; topic: string } | { type: 'ping' };

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
  const { hub } = live;
  const me = meTopic(app, hub);
  const sessions = liveSessions(app, hub);
  const allowed = allowedOrigins(app.config.publicUrl);

  const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
  heartbeat.unref();
  /** Drops connections that did not answer the last ping, re-checks the sessions of the others, pings them. */
  async function beat(): Promise<void> {
    const answered = [...hub.connections()].filter((connection) => {
      if (connection.alive) return true;
      connection.socket.terminate();
      return false;
    });
    await sessions.recheck(answered);
    for (const connection of answered) {
      if (!connection.open) continue;
      connection.alive = false;
      connection.socket.ping();
    }
  }
  app.housekeeping.every({ name: 'old events', everyMs: PRUNE_EVERY_MS, run: (now) => pruneEvents(app.database.db, new Date(now.getTime() - BACKLOG_MS)) });
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
  });

  // Upgrades: each is routed through Fastify with the socket and head kept aside until the route takes them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024, clientTracking: false });
  const upgrades = new WeakMap<IncomingMessage, { socket: Socket; head: Buffer }>();
  function destroyOnError(this: Duplex): void {
    this.destroy();
  }
  function onUpgrade(raw: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', destroyOnError);
    if (raw.url?.split('?')[0] !== '/live') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Node's HTTP server hands over its net.Socket (a TLSSocket is one too).
    if (!(socket instanceof Socket)) {
      socket.destroy();
      return;
    }
    upgrades.set(raw, { socket, head });
    const response = new ServerResponse(raw);
    try {
      response.assignSocket(socket);
      app.routing(raw, response);
    } catch (error) {
      app.log.warn({ err: error }, 'websocket upgrade failed');
      socket.destroy();
    }
  }
  app.server.on('upgrade', onUpgrade);
  // An upgrade answered with an HTTP status (refused, or not /live) closes its connection.
  app.addHook('onResponse', (request, _reply, done) => {
    const upgrade = upgrades.get(request.raw);
    if (upgrade) {
      upgrades.delete(request.raw);
      upgrade.socket.destroy();
    }
    done();
  });
  app.addHook('preClose', async () => {
    app.server.off('upgrade', onUpgrade);
    for (const connection of hub.connections()) connection.socket.close();
  });

  /** Open connections per client address; counted only with RATE_LIMITS on (benchmarks open thousands from one). */
  const socketsByAddress = new Map<string, number>();
  function admitAddress(request: FastifyRequest): void {
    const address = request.ip;
    const open = socketsByAddress.get(address) ?? 0;
    if (open >= SOCKETS_PER_ADDRESS) throw new TooManyRequestsError(SOCKETS_RETRY_AFTER_SECONDS);
    socketsByAddress.set(address, open + 1);
    // The TCP connection closes whether the upgrade succeeds or not.
    request.raw.socket.once('close', () => {
      const left = (socketsByAddress.get(address) ?? 1) - 1;
      if (left > 0) socketsByAddress.set(address, left);
      else socketsByAddress.delete(address);
    });
  }

  app.get(
    '/live',
    {
      // Both before the upgrade is accepted.
      preValidation: async (request, reply) => {
        // A browser on another site must not read a member's live feed with the member's cookie.
        const origin = claimedOrigin({ origin: request.headers.origin });
        if (origin !== undefined && !allowed.has(origin)) return reply.code(403).send({ error: 'forbidden', message: request.t('errors.crossSite') });
        if (app.config.rateLimits) admitAddress(request);
      },
    },
    (request, reply) => {
      const upgrade = upgrades.get(request.raw);
      if (!upgrade) return reply.code(404).send({ error: 'not_found', message: 'GET /live is a websocket' });
      upgrades.delete(request.raw);
      reply.hijack();
      // What the connection keeps of the request: nothing else of it, nor of the reply, stays reachable.
      const audience = { viewer: request.viewer, locale: request.locale, t: request.t };
      const sessionId = request.sessionId;
      const response = reply.raw;
      upgrade.socket.off('error', destroyOnError);
      wss.handleUpgrade(request.raw, upgrade.socket, upgrade.head, (socket) => {
        response.detachSocket(upgrade.socket);
        open(socket, audience, sessionId);
      });
    },
  );

  // A connection's listeners are these four functions, shared by every socket (ws calls each with the
  // socket as `this`): closures made per connection would be kept by every idle one.
  const connectionOf = new WeakMap<WebSocket, LiveConnection>();
  function onError(this: WebSocket): void {
    this.terminate();
  }
  function onPong(this: WebSocket): void {
    const connection = connectionOf.get(this);
    if (connection) connection.alive = true;
  }
  function onClose(this: WebSocket): void {
    const connection = connectionOf.get(this);
    if (connection) hub.disconnect(connection);
  }
  function onMessage(this: WebSocket, data: RawData): void {
    const connection = connectionOf.get(this);
    if (!connection?.open) return;
    if (!connection.countMessage()) {
      hub.end(connection, CLOSE_POLICY, 'too many messages');
      return;
    }
    connection.alive = true;
    // Messages of one connection are handled in order, so a replay finishes before the next request.
    // Text frames arrive as one Buffer (ws' default binaryType), fragments already joined.
    connection.handling = connection.handling
      .then(() => handle(connection, (data as Buffer).toString()))
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'live message failed');
        connection.send({ type: 'error', message: 'internal error' });
      });
  }

  function open(socket: WebSocket, audience: Audience, sessionId: string | null): void {
    const connection = new LiveConnection(socket, audience, sessionId);
    connectionOf.set(socket, connection);
    hub.add(connection);
    socket.on('error', onError);
    socket.on('pong', onPong);
    socket.on('close', onClose);
    socket.on('message', onMessage);
    // The session may have ended between the request's check and now; sessions.ended from then on is heard.
    if (connection.sessionId) void sessions.recheck([connection]);
  }

  async function handle(connection: LiveConnection, raw: string): Promise<void> {
    if (!connection.open) return;
    const message = readMessage(raw);
    if (typeof message === 'string') {
      connection.send({ type: 'error', message });
      return;
    }
    if (message.type === 'ping') {
      connection.send({ type: 'pong' });
      return;
    }
    if (message.type === 'unsubscribe') {
      hub.unsubscribe(connection, message.topic);
      connection.send({ type: 'unsubscribed', topic: message.topic });
      return;
    }
    const parsed = message.topic === ME_TOPIC ? ME_TOPIC : parseTopic(message.topic);
    if (!parsed) {
      connection.send({ type: 'error', message: `unknown topic ${message.topic}`, topic: message.topic });
      return;
    }
    if (!connection.subscription(message.topic) && connection.subscriptions.length >= MAX_TOPICS) {
      connection.send({ type: 'error', message: `at most ${MAX_TOPICS} topics per connection`, topic: message.topic });
      return;
    }
    if (parsed === ME_TOPIC) return me.subscribe(connection);
    const topic = await live.resolveTopic(parsed);
    if (!topic) {
      connection.send({ type: 'error', message: `unknown topic ${message.topic}`, topic: message.topic });
      return;
    }
    await live.subscribe(connection, topic, message.since);
  }
}
