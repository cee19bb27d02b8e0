// Reads that are the same for everyone who asks, kept in memory for members' pages: a thread's row and
// the rows of a page of its posts, a network's side column. A guest's whole page is cached
// (page-cache.ts); a member's page differs per person, but most of what it reads does not: the rows
// are the same for every viewer, and the one visibility rule is applied to them per viewer afterwards,
// as it is when they come from the database.
//
// Correctness is the page cache's (cache-invalidation.ts): every value is tagged with what it shows and
// dropped by the events that change it; a value read across an invalidation, or while this instance has
// answered a write whose events it has not seen, is not kept, and while that write is unseen the
// database answers. Values are frozen: a page that tried to change a shared row would throw in tests.
// Memory is bounded by an estimate of each value's size (tagged-store.ts); a value older than
// maxAgeMs (what is "upcoming", "current") is read again.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { CacheTag, Dropped } from './cache-invalidation.js';
import { TaggedStore, type TaggedStoreOptions } from './tagged-store.js';

export interface SharedReads {
  /** What `load` reads, kept under `key` until an event drops one of `tags`; requests that miss at once share one load. */
  read<T extends object>(key: string, tags: readonly CacheTag[], load: () => Promise<T>): Promise<T>;
  /** Forgets what the tags show (a change made behind the app's back, with no event). */
  drop(tags: Dropped): void;
}

/** The database and the shared reads in front of it: what a page's reads take. */
export interface Reading {
  db: Kysely<DB>;
  reads: SharedReads;
}

declare module 'fastify' {
  interface FastifyInstance {
    sharedReads: SharedReads;
  }
}

const OPTIONS: TaggedStoreOptions = { maxBytes: 8 * 1024 * 1024, maxEntryBytes: 1024 * 1024, maxAgeMs: 60_000 };

/** Objects and arrays are frozen all the way down (dates and other instances are left as they are). */
function freezeDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return value;
  for (const item of Object.values(value)) freezeDeep(item);
  return Object.freeze(value);
}

/** About what a value costs: its JSON, two bytes a character (what lru-cache's budget counts). */
function estimatedBytes(value: object): number {
  return JSON.stringify(value).length * 2;
}

export const sharedReadsPlugin = fp(
  async (app: FastifyInstance) => {
    const store = new TaggedStore<object>(OPTIONS);
    const { cacheInvalidation } = app;
    cacheInvalidation.onDrop((tags) => store.drop(tags));
    const loading = new Map<string, { generation: number; value: Promise<object> }>();

    async function loadAndKeep<T extends object>(key: string, tags: readonly CacheTag[], load: () => Promise<T>): Promise<T> {
      const generation = cacheInvalidation.generation;
      const value = freezeDeep(await load());
      if (cacheInvalidation.mayStore(generation)) store.set(key, value, estimatedBytes(value), tags, Date.now());
      return value;
    }

    app.decorate('sharedReads', {
      drop: (tags) => store.drop(tags),
      async read<T extends object>(key: string, tags: readonly CacheTag[], load: () => Promise<T>): Promise<T> {
        if (app.writeWatermark.behind()) return load();
        const found = store.get(key, Date.now());
        if (found?.fresh) return found.entry.value as T;
        // A load begun since the last invalidation reads what this request would: wait for it.
        const pending = loading.get(key);
        if (pending && pending.generation === cacheInvalidation.generation) return pending.value as Promise<T>;
        const value = loadAndKeep(key, tags, load);
        const mine = { generation: cacheInvalidation.generation, value };
        loading.set(key, mine);
        try {
          return await value;
        } finally {
          if (loading.get(key) === mine) loading.delete(key);
        }
      },
    } satisfies SharedReads);
  },
  { name: 'shared-reads', dependencies: ['cache-invalidation', 'write-watermark'] },
);
