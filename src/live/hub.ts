// Who is listening to what on this instance, and the rules of one connection: per topic every event in
// cursor order, none skipped; replay before live, never a gap, never a duplicate; and bounds on what a
// connection may ask for and leave unread (limits.ts).
import type { WebSocket } from 'ws';
import type { Locale } from '../config.js';
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import { MAX_BUFFERED_BYTES, MESSAGE_BURST, MESSAGES_PER_SECOND, REPLAY_MAX_QUEUED } from './limits.js';

/** What a message is built for: the person, and the language their pages are in. */
export interface Audience {
  viewer: Viewer | null;
  locale: Locale;
  t: Translate;
}

/** A message as UTF-8 JSON bytes: one broadcast serialises and encodes each distinct message once. */
export type PreparedMessage = Buffer;

export function prepare(message: object): PreparedMessage {
  return Buffer.from(JSON.stringify(message));
}

/**
 * An event's message for one audience, serialised; null when that audience is not to get it. Audiences
 * of one class share the same bytes: a broadcast to a thousand guests renders the post once.
 */
export type MessageFor = (audience: Audience) => PreparedMessage | null;

export interface Subscription {
  readonly topic: string;
  /** The cursor of the last event the subscriber has: sent, or covered by its replay. */
  lastCursor: number;
  /** While the replay is built: live events that arrived meanwhile, sent after it; null once live. */
  queued: Array<{ cursor: number; message: MessageFor }> | null;
}

/** Where every connection's chain of messages starts: one promise for them all, not one each. */
const SETTLED: Promise<void> = Promise.resolve();

const NO_SUBSCRIPTIONS: readonly Subscription[] = Object.freeze([]);

export class LiveConnection {
  /**
   * One per topic, replaced by a new array at each change: most connections follow one topic, which an
   * array of one holds in a fifth of a Map's memory, and a few (at most MAX_TOPICS) are looked through.
   */
  #subscriptions = NO_SUBSCRIPTIONS;
  /** Cleared at each heartbeat, set again by the pong: a connection that stays cleared is dead. */
  alive = true;
  /** The message being handled, which the next one waits for (live.routes.ts). */
  handling: Promise<void> = SETTLED;
  #tokens = MESSAGE_BURST;
  #countedAt = Date.now();

  constructor(
    readonly socket: WebSocket,
    readonly audience: Audience,
    /** The session the connection was opened with; null for a guest. */
    readonly sessionId: string | null,
  ) {}

  subscription(topic: string): Subscription | undefined {
    return this.#subscriptions.find((subscription) => subscription.topic === topic);
  }

  get subscriptions(): readonly Subscription[] {
    return this.#subscriptions;
  }

  /** Follows the subscription's topic with it, in place of any subscription to the topic before. */
  follow(subscription: Subscription): void {
    this.#subscriptions = [...this.#subscriptions.filter((kept) => kept.topic !== subscription.topic), subscription];
  }

  stopFollowing(topic: string): void {
    if (this.subscription(topic)) this.#subscriptions = this.#subscriptions.filter((kept) => kept.topic !== topic);
  }

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(message: object): void {
    this.sendAll([prepare(message)]);
  }

  /**
   * Sends messages, serialised once by prepare() and shared as they are by every connection they go to.
   * A connection that has left more than MAX_BUFFERED_BYTES unread is cut off instead, at once and
   * without a close frame (which would wait behind what it does not read): the client sees 1006.
   */
  sendAll(messages: readonly PreparedMessage[]): void {
    if (!this.open || messages.length === 0) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      return;
    }
    for (const message of messages) this.socket.send(message, { binary: false });
  }

  /** Counts one message from the client (a token bucket); false once it sends faster than allowed. */
  countMessage(now = Date.now()): boolean {
    this.#tokens = Math.min(MESSAGE_BURST, this.#tokens + ((now - this.#countedAt) / 1000) * MESSAGES_PER_SECOND);
    this.#countedAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

export class Hub {
  readonly #connections = new Set<LiveConnection>();
  readonly #byTopic = new Map<string, Set<LiveConnection>>();
  /** Per topic, the delivery of the last event handed over: the next one is sent after it. */
  readonly #delivering = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown, topic: string) => void) {}

  add(connection: LiveConnection): void {
    this.#connections.add(connection);
  }

  /** Forgets the connection and everything it asked for. */
  disconnect(connection: LiveConnection): void {
    this.#connections.delete(connection);
    for (const { topic } of connection.subscriptions) this.unsubscribe(connection, topic);
  }

  /** Closes the connection with a code the client can act on, and forgets it at once. */
  end(connection: LiveConnection, code: number, reason: string): void {
    this.disconnect(connection);
    connection.socket.close(code, reason);
  }

  connections(): ReadonlySet<LiveConnection> {
    return this.#connections;
  }

  connectionsOf(accountId: number): LiveConnection[] {
    return [...this.#connections].filter((connection) => connection.audience.viewer?.id === accountId);
  }

  subscribers(topic: string): ReadonlySet<LiveConnection> {
    return this.#byTopic.get(topic) ?? new Set();
  }

  /**
   * Subscribes from `cursor`: events after it are sent. `replaying`: they wait until finishReplay, so
   * the replay goes first. The subscription is returned so that whoever replays can tell whether it
   * still stands afterwards (the connection may have closed, or been reset, meanwhile).
   */
  subscribe(connection: LiveConnection, topic: string, cursor: number, replaying: boolean): Subscription {
    const subscription: Subscription = { topic, lastCursor: cursor, queued: replaying ? [] : null };
    connection.follow(subscription);
    let set = this.#byTopic.get(topic);
    if (!set) this.#byTopic.set(topic, (set = new Set()));
    set.add(connection);
    return subscription;
  }

  /** False once the subscription ended: unsubscribed, reset, or its connection gone. */
  stands(connection: LiveConnection, topic: string, subscription: Subscription): boolean {
    return connection.subscription(topic) === subscription && connection.open;
  }

  /** The cursor the subscriber has reached on the topic; undefined when it is not subscribed. */
  cursorOf(connection: LiveConnection, topic: string): number | undefined {
    return connection.subscription(topic)?.lastCursor;
  }

  unsubscribe(connection: LiveConnection, topic: string): void {
    connection.stopFollowing(topic);
    const set = this.#byTopic.get(topic);
    set?.delete(connection);
    if (set?.size === 0) this.#byTopic.delete(topic);
  }

  /** Tells the subscriber to start over from the page (`reset`) and ends the subscription. */
  reset(connection: LiveConnection, topic: string): void {
    this.unsubscribe(connection, topic);
    connection.send({ type: 'reset', topic });
  }

  /**
   * Hands an event to the topic's subscribers. Its message may be loading while the topic's earlier
   * events are still on their way, but it is sent after them: per topic, in cursor order, none skipped.
   * A message that fails to load or render resets the subscribers it did not reach, who would otherwise
   * miss it without knowing.
   */
  publish(topic: string, cursor: number, message: Promise<MessageFor | null>): void {
    const loaded = message.then(
      (build) => ({ build }),
      (error: unknown) => ({ error }),
    );
    const previous = this.#delivering.get(topic) ?? Promise.resolve();
    const delivered = previous.then(async () => {
      const result = await loaded;
      try {
        if ('error' in result) throw result.error;
        if (result.build) for (const connection of [...this.subscribers(topic)]) this.#deliver(connection, topic, cursor, result.build);
      } catch (error) {
        this.onError(error, topic);
        for (const connection of [...this.subscribers(topic)]) {
          if (this.cursorOf(connection, topic)! < cursor) this.reset(connection, topic);
        }
      }
    });
    this.#delivering.set(topic, delivered);
    void delivered.then(() => {
      if (this.#delivering.get(topic) === delivered) this.#delivering.delete(topic);
    });
  }

  /** Sends an event to one subscriber unless it already has it; while it replays, the event waits. */
  #deliver(connection: LiveConnection, topic: string, cursor: number, message: MessageFor): void {
    const subscription = connection.subscription(topic);
    if (!subscription || cursor <= subscription.lastCursor) return;
    if (subscription.queued) {
      if (subscription.queued.length >= REPLAY_MAX_QUEUED) {
        this.reset(connection, topic);
        return;
      }
      subscription.queued.push({ cursor, message });
      return;
    }
    const bytes = message(connection.audience);
    subscription.lastCursor = cursor;
    if (bytes) connection.sendAll([bytes]);
  }

  /**
   * Ends a replay that covered every event up to `through`: sends the replay's messages, then what
   * queued up meanwhile, skipping what the replay already covered.
   */
  finishReplay(connection: LiveConnection, topic: string, through: number, replayed: readonly PreparedMessage[]): void {
    const subscription = connection.subscription(topic);
    if (!subscription?.queued) return;
    subscription.lastCursor = Math.max(subscription.lastCursor, through);
    const messages = [...replayed];
    for (const { cursor, message } of subscription.queued) {
      if (cursor <= subscription.lastCursor) continue;
      subscription.lastCursor = cursor;
      const bytes = message(connection.audience);
      if (bytes) messages.push(bytes);
    }
    subscription.queued = null;
    connection.sendAll(messages);
  }
}
