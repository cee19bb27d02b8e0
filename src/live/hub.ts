// Who is listening to what on this instance, and the rules of one connection: replay before live,
// never a gap, never a duplicate, at most MAX_TOPICS topics.
import type { WebSocket } from 'ws';
import type { Locale } from '../config.js';
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';

export const MAX_TOPICS = 50;

/** What a message is built for: the person, and the language their pages are in. */
export interface Audience {
  viewer: Viewer | null;
  locale: Locale;
  t: Translate;
}

interface Subscription {
  /** The cursor of the last event sent (or skipped) on this topic. */
  lastCursor: number;
  /** Live events that arrived while the backlog was being replayed; sent after it. */
  queued: Array<{ cursor: number; send: () => Promise<void> }> | null;
}

export class LiveConnection {
  readonly subscriptions = new Map<string, Subscription>();
  alive = true;

  constructor(
    readonly socket: WebSocket,
    readonly audience: Audience,
  ) {}

  send(message: object): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Sends a message serialised once by prepare(), shared as is by every connection it goes to. */
  sendPrepared(message: PreparedMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(message, { binary: false });
  }
}

/** A message as UTF-8 JSON bytes: one broadcast serialises and encodes each distinct message once. */
export type PreparedMessage = Buffer;

export function prepare(message: object): PreparedMessage {
  return Buffer.from(JSON.stringify(message));
}

export class Hub {
  readonly #byTopic = new Map<string, Set<LiveConnection>>();

  /** Every connection with at least one subscription. */
  connections(): Set<LiveConnection> {
    const all = new Set<LiveConnection>();
    for (const set of this.#byTopic.values()) for (const connection of set) all.add(connection);
    return all;
  }

  subscribers(topic: string): ReadonlySet<LiveConnection> {
    return this.#byTopic.get(topic) ?? new Set();
  }

  /** Starts a subscription in replay mode: live events wait until finishReplay. */
  subscribe(connection: LiveConnection, topic: string, since: number): void {
    connection.subscriptions.set(topic, { lastCursor: since, queued: [] });
    let set = this.#byTopic.get(topic);
    if (!set) this.#byTopic.set(topic, (set = new Set()));
    set.add(connection);
  }

  unsubscribe(connection: LiveConnection, topic: string): void {
    connection.subscriptions.delete(topic);
    const set = this.#byTopic.get(topic);
    set?.delete(connection);
    if (set?.size === 0) this.#byTopic.delete(topic);
  }

  disconnect(connection: LiveConnection): void {
    for (const topic of [...connection.subscriptions.keys()]) this.unsubscribe(connection, topic);
  }

  /**
   * Sends an event to one subscriber unless it already has it; while the subscription replays,
   * the event waits in its queue.
   */
  async deliver(connection: LiveConnection, topic: string, cursor: number, send: () => Promise<void>): Promise<void> {
    const subscription = connection.subscriptions.get(topic);
    if (!subscription || cursor <= subscription.lastCursor) return;
    if (subscription.queued) {
      subscription.queued.push({ cursor, send });
      return;
    }
    subscription.lastCursor = cursor;
    await send();
  }

  /** Ends replay: sends what queued up meanwhile, skipping what the replay already covered. */
  async finishReplay(connection: LiveConnection, topic: string): Promise<void> {
    const subscription = connection.subscriptions.get(topic);
    if (!subscription?.queued) return;
    while (subscription.queued.length > 0) {
      const next = subscription.queued.shift()!;
      if (next.cursor <= subscription.lastCursor) continue;
      subscription.lastCursor = next.cursor;
      await next.send();
    }
    subscription.queued = null;
  }

  /** For the replay itself: true (and the cursor moves on) when the event is new to the subscriber. */
  advance(connection: LiveConnection, topic: string, cursor: number): boolean {
    const subscription = connection.subscriptions.get(topic);
    if (!subscription || cursor <= subscription.lastCursor) return false;
    subscription.lastCursor = cursor;
    return true;
  }
}
