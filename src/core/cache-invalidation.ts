// What a domain event changes of what this instance keeps in memory for everyone (guests' pages,
// reads shared by members' pages), and when something kept may no longer be stored.
//
// Both caches tag what they keep with what it shows (a thread, the boards, the home page) and drop
// those tags when an event names them; both refuse to store a value computed across an invalidation
// (the generation moved meanwhile), or while a write this instance answered has events it has not yet
// seen (write-watermark.ts).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { DomainEvents, EventName } from './events.js';
import { isWrite } from './write-watermark.js';

/** What a cached value shows, so an event can drop exactly those. */
export type CacheTag = 'home' | 'boards' | `thread:${number}` | `watches:${number}` | `reader:${number}`;
export const EVERYTHING = 'everything';
export type Dropped = readonly CacheTag[] | typeof EVERYTHING;

type Rule<N extends EventName> = (payload: DomainEvents[N]) => CacheTag[] | typeof EVERYTHING;

/**
 * What each event may change on a page anyone sees alike: a new event name fails to compile here until
 * it has a rule. Boards are dropped together: events name a network by id, boards are cached by slug,
 * and a post's event names only its thread. A network's side column (conveners, businesses, rules,
 * offers, meetings) goes with its boards.
 */
const rules = {
  // The home page lists the latest threads with their titles and reply counts, and leaves out hidden ones.
  'post.created': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  'post.edited': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  'post.deleted': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  'post.restored': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  'post.hidden': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  'post.unhidden': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  'thread.created': () => ['boards', 'home'],
  'thread.moved': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  'thread.changed': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  // Network names, rules and conveners show on every page of the network.
  'network.changed': () => EVERYTHING,
  'conveners.changed': () => EVERYTHING,
  // A board shows how many follow it.
  'followers.changed': () => ['boards'],
  // A member's watch buttons on thread pages, kept for them alone (following/public.ts).
  'watches.changed': ({ accountIds }) => accountIds.map((id) => `watches:${id}` as const),
  // A board shows how many are members (the members page itself is not cached).
  'members.changed': () => ['boards'],
  // A member's notifications, sessions and own settings are never kept for everyone.
  'notifications.changed': () => [],
  'sessions.ended': () => [],
  'viewer.changed': () => [],
  // Authors are named on every page: a new display name, or "a former member" once deleted.
  'account.changed': () => EVERYTHING,
  // The business line beside its staff's posts, and the side column of the networks it is active in.
  'business.changed': () => EVERYTHING,
  // A meeting's date and count show on its boards (the home page lists the upcoming ones), its details on its thread.
  'meeting.changed': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  // What a member is told: never kept for everyone (meeting.changed drops the pages).
  'meeting.notify': () => [],
  // The thread shows its answer under the question; boards mark it answered.
  'answer.changed': (p) => [`thread:${p.threadId}`, 'boards'],
  // A post's thanks count shows on its thread only.
  'post.thanked': (p) => [`thread:${p.threadId}`],
  // Boards list their current offers beside the threads.
  'offer.changed': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
} satisfies { [N in EventName]: Rule<N> } & Record<string, Rule<never>>;
const EVENT_TAGS: { [N in EventName]: Rule<N> } = rules;

export interface CacheInvalidation {
  /** Moves on every invalidation and every write answered here: a value computed across a move is not stored. */
  readonly generation: number;
  /** Whether a value computed since `generation` was read may be stored now. */
  mayStore(startedIn: number): boolean;
  onDrop(listener: (tags: Dropped) => void): void;
  /**
   * Drops what this instance keeps under `tags` without moving the generation: a change that only this
   * instance learns of, with no event (a member's read marks, reading/read-marks.ts).
   */
  forget(tags: readonly CacheTag[]): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    cacheInvalidation: CacheInvalidation;
  }
}

export const cacheInvalidationPlugin = fp(
  async (app: FastifyInstance) => {
    let generation = 0;
    const listeners: Array<(tags: Dropped) => void> = [];
    const drop = (tags: Dropped) => {
      generation += 1;
      for (const listener of listeners) listener(tags);
    };
    app.decorate('cacheInvalidation', {
      get generation() {
        return generation;
      },
      mayStore: (startedIn) => startedIn === generation && !app.writeWatermark.behind(),
      onDrop: (listener) => void listeners.push(listener),
      forget: (tags) => {
        for (const listener of listeners) listener(tags);
      },
    } satisfies CacheInvalidation);

    const unsubscribe = (Object.keys(EVENT_TAGS) as EventName[]).map((name) =>
      app.events.on(name, (payload) => {
        const tags = (EVENT_TAGS[name] as (p: typeof payload) => CacheTag[] | typeof EVERYTHING)(payload);
        if (tags.length > 0) drop(tags);
      }),
    );
    // A value being computed while a write committed here must not be stored.
    app.addHook('onSend', (request, _reply, payload, done) => {
      if (isWrite(request)) generation += 1;
      done(null, payload);
    });
    app.addHook('onClose', async () => {
      for (const off of unsubscribe) off();
      drop(EVERYTHING);
    });
  },
  { name: 'cache-invalidation', dependencies: ['write-watermark'] },
);
