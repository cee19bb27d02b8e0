// Turns this instance's domain events into websocket messages for the connections that asked for them,
// each checked against the visibility rule and rendered by the same partial the pages use.
import type { FastifyInstance } from 'fastify';
import type { RecordedEvent } from '../core/events.js';
import { parsePayload } from '../core/events.js';
import { boardThreadJson } from '../networks/present.js';
import { findBoardThreads } from '../networks/networks.queries.js';
import { postJson, standalonePostNode, viewerClass } from '../threads/present.js';
import { findPosts, findThread } from '../threads/threads.queries.js';
import { convenedNetworkIds } from '../moderation/moderation.queries.js';
import { Hub, prepare, type Audience, type LiveConnection, type PreparedMessage } from './hub.js';
import { eventsAfter, networkIdBySlug, oldestKeptCursor, threadExists } from './live.queries.js';
import { boardTopic, threadTopic, type ParsedTopic } from './topics.js';

/**
 * Builds the message for one audience, serialised; null when that audience may not see the event at
 * all. Audiences of one class share the same bytes: a broadcast to a thousand guests renders,
 * stringifies and encodes the post once.
 */
type MessageFor = (audience: Audience) => PreparedMessage | null;

const REPLAY_BATCH = 200;
const POST_EVENTS = new Set(['post.created', 'post.edited', 'post.deleted', 'post.hidden', 'post.unhidden']);

export function liveService(app: FastifyInstance) {
  const { db } = app.database;
  const hub = new Hub();
  const maxDepth = app.config.threadDisplayDepth;

  /** Loads what an event is about once; the returned function renders it per audience, once per class. */
  async function messageBuilder(event: RecordedEvent, topic: string): Promise<MessageFor | null> {
    if (POST_EVENTS.has(event.name)) {
      const { postId, threadId } = event.payload as { postId: number; threadId: number };
      const [[row], thread] = await Promise.all([findPosts(db, [postId]), findThread(db, threadId)]);
      if (!row || !thread) return null;
      const parentUsername = row.depth > maxDepth && row.parent_id ? (await findPosts(db, [row.parent_id]))[0]?.author_username : undefined;
      const rendered = new Map<string, PreparedMessage>();
      return (audience) => {
        const key = `${audience.locale}|${viewerClass(audience.viewer, row)}`;
        let message = rendered.get(key);
        if (!message) {
          const node = standalonePostNode(row, audience.viewer, { locked: thread.locked, maxDepth, networkSlug: thread.network_slug, parentUsername });
          const html = app.views.render('partials/post', node, { locale: audience.locale, t: audience.t });
          message = prepare({ type: event.name, topic, cursor: event.cursor, post: { ...postJson(row, audience.viewer), html } });
          rendered.set(key, message);
        }
        return message;
      };
    }
    if (event.name === 'thread.created') {
      const { threadId } = event.payload as { threadId: number };
      const [row] = await findBoardThreads(db, [threadId]);
      if (!row) return null;
      // Per audience: the title follows the opening post's visibility (hidden since, on a replay).
      return (audience) => prepare({ type: 'thread.created', topic, cursor: event.cursor, thread: boardThreadJson(row, audience.viewer, audience.t) });
    }
    return null;
  }

  function topicOf(event: RecordedEvent, networkSlug?: string): string | null {
    if (POST_EVENTS.has(event.name)) return threadTopic((event.payload as { threadId: number }).threadId);
    if (event.name === 'thread.created' && networkSlug) return boardTopic(networkSlug);
    return null;
  }

  async function broadcast(event: RecordedEvent, topic: string): Promise<void> {
    const listeners = hub.subscribers(topic);
    if (listeners.size === 0) return;
    const build = await messageBuilder(event, topic);
    if (!build) return;
    await Promise.all(
      [...listeners].map((connection) =>
        hub.deliver(connection, topic, event.cursor, async () => {
          const message = build(connection.audience);
          if (message) connection.sendPrepared(message);
        }),
      ),
    );
  }

  const boardSlugs = new Map<number, string>();
  async function slugOfNetwork(networkId: number): Promise<string | undefined> {
    if (!boardSlugs.has(networkId)) {
      const row = await db.selectFrom('networks').select('slug').where('id', '=', networkId).executeTakeFirst();
      if (row) boardSlugs.set(networkId, row.slug);
    }
    return boardSlugs.get(networkId);
  }

  for (const name of ['post.created', 'post.edited', 'post.deleted', 'post.hidden', 'post.unhidden'] as const) {
    app.events.on(name, (_payload, event) => broadcast(event, topicOf(event)!));
  }
  // A long-lived connection must follow role changes too: a removed convener stops seeing hidden posts.
  app.events.on('conveners.changed', async ({ accountId }) => {
    const affected = [...hub.connections()].filter((c) => c.audience.viewer?.id === accountId);
    if (affected.length === 0) return;
    const convenes = await convenedNetworkIds(db, accountId);
    for (const connection of affected) connection.audience.viewer = { ...connection.audience.viewer!, convenes };
  });
  app.events.on('thread.created', async ({ networkId }, event) => {
    const slug = await slugOfNetwork(networkId);
    if (slug) await broadcast(event, boardTopic(slug));
  });

  return {
    hub,

    /** The topic's full name when it exists; undefined for an unknown thread or board. */
    async resolveTopic(parsed: ParsedTopic): Promise<{ name: string; replay: Parameters<typeof eventsAfter>[1] } | undefined> {
      if (parsed.kind === 'thread') {
        if (!(await threadExists(db, parsed.threadId))) return undefined;
        const name = threadTopic(parsed.threadId);
        return { name, replay: { kind: 'thread', name, threadId: parsed.threadId } };
      }
      const networkId = await networkIdBySlug(db, parsed.slug);
      if (networkId === undefined) return undefined;
      boardSlugs.set(networkId, parsed.slug);
      const name = boardTopic(parsed.slug);
      return { name, replay: { kind: 'board', name, slug: parsed.slug, networkId } };
    },

    /** Subscribes; with `since`, first sends every event after it in order (or `reset` if too old). */
    async subscribe(connection: LiveConnection, topic: { name: string; replay: Parameters<typeof eventsAfter>[1] }, since: number | undefined) {
      const current = app.events.cursor;
      hub.subscribe(connection, topic.name, since ?? current);
      connection.send({ type: 'subscribed', topic: topic.name, cursor: since ?? current });
      if (since !== undefined && since < current) {
        const oldest = await oldestKeptCursor(db);
        if (oldest !== null && since < oldest - 1) {
          connection.send({ type: 'reset', topic: topic.name });
          hub.unsubscribe(connection, topic.name);
          return;
        }
        let after = since;
        for (;;) {
          const rows = await eventsAfter(db, topic.replay, after, REPLAY_BATCH);
          for (const row of rows) {
            after = Number(row.id);
            if (!hub.advance(connection, topic.name, after)) continue;
            const event: RecordedEvent = { cursor: after, name: row.name as RecordedEvent['name'], payload: parsePayload(row.payload) };
            const build = await messageBuilder(event, topic.name);
            const message = build?.(connection.audience);
            if (message) connection.sendPrepared(message);
          }
          if (rows.length < REPLAY_BATCH) break;
        }
      }
      await hub.finishReplay(connection, topic.name);
    },
  };
}

export type LiveService = ReturnType<typeof liveService>;
