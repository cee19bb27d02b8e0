// Turns this instance's domain events into websocket messages for the connections that asked for them,
// each checked against the visibility rule and rendered by the same partial the pages use; and replays
// what a client missed, each post once in its latest state, within the bounds of limits.ts.
import type { FastifyInstance } from 'fastify';
import type { DomainEvents, RecordedEvent } from '../core/events.js';
import { boardThreadJson, findBoardThreads, type BoardThreadRow } from '../networks/public.js';
import { findPosts, findThreads, type PostRow, type ThreadRow } from '../posts/posts.queries.js';
import { postJson, standalonePostNode, viewerClass, visibilityOf } from '../posts/present.js';
import { bodyIsReadable } from '../posts/visibility.js';
import { Hub, prepare, type Audience, type LiveConnection, type MessageFor, type PreparedMessage } from './hub.js';
import { REPLAY_MAX_BYTES, REPLAY_MAX_MESSAGES } from './limits.js';
import { networkIdBySlug, oldestKeptCursor, POST_EVENTS, postsTouchedAfter, threadExists, threadsCreatedAfter } from './live.queries.js';
import { boardTopic, threadTopic, type ParsedTopic, type Topic } from './topics.js';
import { meetingLiveState } from '../meetings/public.js';
import { offerForReaders } from '../offers/public.js';

/** A replay: its messages in cursor order, and the cursor of the last event they cover. */
type Replay = { messages: PreparedMessage[]; through: number } | 'reset';

export function liveService(app: FastifyInstance) {
  const { db } = app.database;
  const hub = new Hub((error, topic) =>
    app.log.error({ err: error, topic }, 'a live event could not be loaded or rendered; the subscribers it did not reach were reset'),
  );
  const maxDepth = app.config.threadDisplayDepth;

  /** Posts of one thread with what rendering them needs: the thread, and who wrote the posts deep replies answer. */
  async function loadPosts(threadId: number, postIds: readonly number[]) {
    const [rows, [thread]] = await Promise.all([findPosts(db, postIds), findThreads(db, [threadId])]);
    const parentIds = rows.filter((row) => row.depth > maxDepth && row.parent_id !== null).map((row) => row.parent_id!);
    const parents = await findPosts(db, [...new Set(parentIds)]);
    return { rows, thread, parentUsernames: new Map(parents.map((parent) => [parent.id, parent.author_username])) };
  }

  /** A post event's message: the post as the page shows it to each audience, rendered once per kind of viewer. */
  function postMessage(
    type: string,
    topic: string,
    cursor: number,
    row: PostRow,
    loaded: { thread: ThreadRow; parentUsernames: Map<number, string> },
  ): MessageFor {
    const { thread } = loaded;
    const rendered = new Map<string, PreparedMessage>();
    return (audience) => {
      const key = `${audience.locale}|${viewerClass(audience.viewer, row)}`;
      let message = rendered.get(key);
      if (!message) {
        const parentUsername = row.parent_id === null ? undefined : loaded.parentUsernames.get(row.parent_id);
        const node = standalonePostNode(row, audience.viewer, { repliesOpen: !thread.locked, maxDepth, networkSlug: thread.network_slug, parentUsername });
        const html = app.views.render('partials/post', node, { locale: audience.locale, t: audience.t });
        message = prepare({ type, topic, cursor, post: { ...postJson(row, audience.viewer), html } });
        rendered.set(key, message);
      }
      return message;
    };
  }

  /** Per audience: the title follows the opening post's visibility (hidden since, on a replay). */
  function threadMessage(topic: string, cursor: number, row: BoardThreadRow): MessageFor {
    return (audience) => prepare({ type: 'thread.created', topic, cursor, thread: boardThreadJson(row, audience.viewer, audience.t) });
  }

  async function postEventMessage(event: RecordedEvent, topic: string): Promise<MessageFor | null> {
    const { postId, threadId } = event.payload as { postId: number; threadId: number };
    const {
      rows: [row],
      thread,
      parentUsernames,
    } = await loadPosts(threadId, [postId]);
    return row && thread ? postMessage(event.name, topic, event.cursor, row, { thread, parentUsernames }) : null;
  }

  async function threadCreatedMessage(threadId: number, topic: string, cursor: number): Promise<MessageFor | null> {
    const [row] = await findBoardThreads(db, [threadId]);
    return row ? threadMessage(topic, cursor, row) : null;
  }

  for (const name of POST_EVENTS) {
    app.events.on(name, ({ threadId }, event) => {
      const topic = threadTopic(threadId);
      if (hub.subscribers(topic).size > 0) hub.publish(topic, event.cursor, postEventMessage(event, topic));
    });
  }
  /** The slug of every board subscribed to on this instance: a thread's network has none when no one listens. */
  const boardSlugs = new Map<number, string>();
  app.events.on('thread.created', ({ threadId, networkId }, event) => {
    const slug = boardSlugs.get(networkId);
    const topic = slug === undefined ? undefined : boardTopic(slug);
    if (topic && hub.subscribers(topic).size > 0) hub.publish(topic, event.cursor, threadCreatedMessage(threadId, topic, event.cursor));
  });

  /**
   * A meeting's answers changed: its counts (and, for members, who is coming) as the page shows them,
   * rendered once per language and kind of reader (guest or member). Not replayed: a client that
   * missed one sees the counts of the next, or of the page when it loads again.
   */
  async function meetingMessage(threadId: number, topic: string, cursor: number): Promise<MessageFor | null> {
    const state = await meetingLiveState(db, threadId);
    if (!state) return null;
    const rendered = new Map<string, PreparedMessage>();
    return (audience) => {
      const key = `${audience.locale}|${audience.viewer ? 'member' : 'guest'}`;
      let message = rendered.get(key);
      if (!message) {
        const shown = { counts: state.counts, attendees: audience.viewer ? state.attendees : null };
        const html = app.views.render('partials/meeting-live', shown, { locale: audience.locale, t: audience.t });
        message = prepare({ type: 'meeting.changed', topic, cursor, counts: state.counts, html });
        rendered.set(key, message);
      }
      return message;
    };
  }
  app.events.on('meeting.changed', ({ threadId }, event) => {
    const topic = threadTopic(threadId);
    if (hub.subscribers(topic).size > 0) hub.publish(topic, event.cursor, meetingMessage(threadId, topic, event.cursor));
  });

  /**
   * Thanks changed: the post's count for those who may read it (0 for the rest, as its JSON says) and,
   * for whoever thanked, whether their Thanks button is pressed now (their other windows). Not
   * replayed: the page's next load shows the count.
   */
  async function thanksMessage(payload: DomainEvents['post.thanked'], topic: string, cursor: number): Promise<MessageFor | null> {
    const [row] = await findPosts(db, [payload.postId]);
    if (!row) return null;
    const prepared = new Map<string, PreparedMessage>();
    return (audience) => {
      const count = postJson(row, audience.viewer).thanks;
      const own = audience.viewer?.id === payload.accountId;
      const key = `${count}|${own}`;
      let message = prepared.get(key);
      if (!message) {
        message = prepare({ type: 'thanks.changed', topic, cursor, postId: row.id, count, ...(own ? { thanked: payload.thanked } : {}) });
        prepared.set(key, message);
      }
      return message;
    };
  }
  app.events.on('post.thanked', (payload, event) => {
    const topic = threadTopic(payload.threadId);
    if (hub.subscribers(topic).size > 0) hub.publish(topic, event.cursor, thanksMessage(payload, topic, event.cursor));
  });

  /**
   * A question's answer changed: the posts marked and unmarked as the page shows them to each kind of
   * reader (their badge and button), and the box under the question — the answer when this reader may
   * read it, else nothing (the visibility rule decides, as on the page). Not replayed.
   */
  async function answerMessage(payload: DomainEvents['answer.changed'], topic: string, cursor: number): Promise<MessageFor | null> {
    const ids = [payload.postId, payload.previousPostId].filter((id): id is number => id !== null);
    const { rows, thread, parentUsernames } = await loadPosts(payload.threadId, ids);
    if (!thread) return null;
    const rendered = new Map<string, PreparedMessage>();
    return (audience) => {
      const key = `${audience.locale}|${rows.map((row) => viewerClass(audience.viewer, row)).join('/')}`;
      let message = rendered.get(key);
      if (!message) {
        const render = { locale: audience.locale, t: audience.t };
        const nodes = rows.map((row) =>
          standalonePostNode(row, audience.viewer, {
            repliesOpen: !thread.locked,
            maxDepth,
            networkSlug: thread.network_slug,
            parentUsername: row.parent_id === null ? undefined : parentUsernames.get(row.parent_id),
          }),
        );
        const answer = rows.find((row) => row.id === payload.postId && row.thread_answer_post_id === row.id);
        const answerNode = answer && bodyIsReadable(visibilityOf(answer, audience.viewer)) ? nodes[rows.indexOf(answer)]! : null;
        message = prepare({
          type: 'answer.changed',
          topic,
          cursor,
          posts: nodes.map((node) => ({ id: node.id, html: app.views.render('partials/post', node, render) })),
          answerHtml: answerNode ? app.views.render('partials/answer-box', { answer: { ...answerNode, href: `/p/${answerNode.id}` } }, render) : '',
        });
        rendered.set(key, message);
      }
      return message;
    };
  }
  app.events.on('answer.changed', (payload, event) => {
    const topic = threadTopic(payload.threadId);
    if (hub.subscribers(topic).size > 0) hub.publish(topic, event.cursor, answerMessage(payload, topic, event.cursor));
  });

  /**
   * An offer ended, was extended or taken: its box as the thread page shows it to each reader (its
   * author's and moderators' with their tools), rendered once per language and kind of reader. Not replayed.
   */
  async function offerMessage(threadId: number, topic: string, cursor: number): Promise<MessageFor | null> {
    const offerFor = await offerForReaders(db, threadId, app.config.timeZone);
    if (!offerFor) return null;
    const rendered = new Map<string, PreparedMessage>();
    return (audience) => {
      const offer = offerFor(audience.viewer, audience.t);
      const key = `${audience.locale}|${offer.canChange}`;
      let message = rendered.get(key);
      if (!message) {
        const html = app.views.render('partials/offer-box', { offer }, { locale: audience.locale, t: audience.t });
        message = prepare({ type: 'offer.changed', topic, cursor, state: offer.state, html });
        rendered.set(key, message);
      }
      return message;
    };
  }
  app.events.on('offer.changed', ({ threadId }, event) => {
    const topic = threadTopic(threadId);
    if (hub.subscribers(topic).size > 0) hub.publish(topic, event.cursor, offerMessage(threadId, topic, event.cursor));
  });

  /** Each post the thread's events after `since` are about, once, in its latest state. */
  async function threadReplay(topic: Extract<Topic, { kind: 'thread' }>, since: number, audience: Audience): Promise<Replay> {
    const touched = await postsTouchedAfter(db, topic.threadId, since, REPLAY_MAX_MESSAGES + 1);
    if (touched.length > REPLAY_MAX_MESSAGES) return 'reset';
    if (touched.length === 0) return { messages: [], through: since };
    const { rows, thread, parentUsernames } = await loadPosts(
      topic.threadId,
      touched.map((post) => post.post_id),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return bounded(touched, Math.max(...touched.map((post) => Number(post.last_cursor))), (post) => {
      const row = byId.get(post.post_id);
      // A post the subscriber has never seen arrives as created, whatever happened to it since.
      const type = post.created ? 'post.created' : post.last_name;
      return row && thread ? postMessage(type, topic.name, Number(post.first_cursor), row, { thread, parentUsernames })(audience) : null;
    });
  }

  async function boardReplay(topic: Extract<Topic, { kind: 'board' }>, since: number, audience: Audience): Promise<Replay> {
    const created = await threadsCreatedAfter(db, topic.networkId, since, REPLAY_MAX_MESSAGES + 1);
    if (created.length > REPLAY_MAX_MESSAGES) return 'reset';
    const rows = new Map(
      (
        await findBoardThreads(
          db,
          created.map((event) => event.thread_id),
        )
      ).map((row) => [row.id, row]),
    );
    return bounded(created, created.length > 0 ? created.at(-1)!.cursor : since, (event) => {
      const row = rows.get(event.thread_id);
      return row ? threadMessage(topic.name, event.cursor, row)(audience) : null;
    });
  }

  /** Builds a replay's messages one by one, and gives up at the first byte past REPLAY_MAX_BYTES. */
  function bounded<T>(items: readonly T[], through: number, build: (item: T) => PreparedMessage | null): Replay {
    const messages: PreparedMessage[] = [];
    let bytes = 0;
    for (const item of items) {
      const message = build(item);
      if (!message) continue;
      bytes += message.length;
      if (bytes > REPLAY_MAX_BYTES) return 'reset';
      messages.push(message);
    }
    return { messages, through };
  }

  return {
    hub,

    /** The topic when it exists; undefined for an unknown thread or board. */
    async resolveTopic(parsed: ParsedTopic): Promise<Topic | undefined> {
      if (parsed.kind === 'thread') {
        if (!(await threadExists(db, parsed.threadId))) return undefined;
        return { kind: 'thread', name: threadTopic(parsed.threadId), threadId: parsed.threadId };
      }
      const networkId = await networkIdBySlug(db, parsed.slug);
      if (networkId === undefined) return undefined;
      boardSlugs.set(networkId, parsed.slug);
      return { kind: 'board', name: boardTopic(parsed.slug), slug: parsed.slug, networkId };
    },

    /**
     * Subscribes; with `since`, first replays what came after it (or answers `reset` when that is older
     * than the backlog or longer than a replay may be). Subscribing again to a topic the connection
     * already has changes nothing and replays nothing: it only says where the subscription stands.
     */
    async subscribe(connection: LiveConnection, topic: Topic, since: number | undefined): Promise<void> {
      const reached = hub.cursorOf(connection, topic.name);
      if (reached !== undefined) {
        connection.send({ type: 'subscribed', topic: topic.name, cursor: reached });
        return;
      }
      const current = app.events.cursor;
      const replaying = since !== undefined && since < current;
      const subscription = hub.subscribe(connection, topic.name, since ?? current, replaying);
      connection.send({ type: 'subscribed', topic: topic.name, cursor: since ?? current });
      if (!replaying) return;
      const oldest = await oldestKeptCursor(db);
      const replay: Replay =
        oldest !== null && since < oldest - 1
          ? 'reset'
          : topic.kind === 'thread'
            ? await threadReplay(topic, since, connection.audience)
            : await boardReplay(topic, since, connection.audience);
      if (!hub.stands(connection, topic.name, subscription)) return;
      if (replay === 'reset') {
        hub.reset(connection, topic.name);
        return;
      }
      hub.finishReplay(connection, topic.name, replay.through, replay.messages);
    },
  };
}

export type LiveService = ReturnType<typeof liveService>;
