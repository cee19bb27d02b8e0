// Views that many signed-in viewers see alike, rendered once and kept like the guests' pages
// (page-cache.ts): a thread page is the same for every member who wrote none of it, thanked none of it
// and moderates nothing in its network, but for the parts that are each one's own (the watch buttons, a
// form's one-time key), which are holes in the kept view (views.ts renderShared) filled per request.
//
// Correctness is the page cache's (cache-invalidation.ts): every view is tagged with what it shows and
// dropped by the events that change it; a view rendered from reads begun before an invalidation, or
// while this instance has answered a write whose events it has not seen, is not kept. What decides
// that two viewers see a view alike is the caller's key, built from the one visibility rule's answers.
// Relative times age: a view older than maxAgeMs is rendered again. Memory is bounded (tagged-store.ts).
import type { FastifyInstance } from 'fastify';
import type { CacheTag } from './cache-invalidation.js';
import { TaggedStore, type TaggedStoreOptions } from './tagged-store.js';
import type { SharedView } from './views.js';

export interface SharedViews {
  /**
   * The view kept under `key`, or `render`'s, kept under `key` with `tags` when nothing they show has
   * changed since `startedIn` (the invalidation generation read before the view's data).
   */
  view(key: string, tags: readonly CacheTag[], startedIn: number, render: () => SharedView): SharedView;
  readonly size: number;
}

const DEFAULTS: TaggedStoreOptions = { maxBytes: 4 * 1024 * 1024, maxEntryBytes: 1024 * 1024, maxAgeMs: 60_000 };

export function sharedViews(app: FastifyInstance, options: TaggedStoreOptions = DEFAULTS): SharedViews {
  const store = new TaggedStore<SharedView>(options);
  const { cacheInvalidation } = app;
  cacheInvalidation.onDrop((tags) => store.drop(tags));
  return {
    view(key, tags, startedIn, render) {
      const found = store.get(key, Date.now());
      if (found?.fresh && cacheInvalidation.mayStore(startedIn)) return found.entry.value;
      const view = render();
      if (cacheInvalidation.mayStore(startedIn)) store.set(key, view, view.bytes + key.length, tags, Date.now());
      return view;
    },
    get size() {
      return store.size;
    },
  };
}
