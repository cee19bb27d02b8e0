// Whole responses of the public pages (home, boards, threads) for guests, kept in memory until an
// event says something they show has changed. Guests are most readers; a hit skips the database and
// the templates. Signed-in viewers are never served from here: their pages differ per person.
//
// Correctness, in order of the ways a stale page could be shown:
//   1. Every domain event drops the entries it may change (cache-invalidation.ts; the compiler asks
//      for a rule for every new event name).
//   2. Events arrive asynchronously (committed → NOTIFY → loaded → dispatched). So that a write on
//      this instance shows at once, guests bypass the cache while the write watermark is ahead of the
//      bus (write-watermark.ts).
//   3. A page rendered before an event but stored after it would outlive the invalidation: each
//      request remembers the generation it started in, and is not stored if an invalidation came since.
//   4. Relative times ("3 minutes ago") age: an entry older than maxAgeMs is rendered again by the next
//      request, while others are still served the old one (for another maxAgeMs at most).
// A page missing from the cache (a reply just dropped it) is rendered once: requests for it that
// arrive meanwhile wait for that rendering instead of each rendering it again.
// Memory is bounded: least recently used entries go first once the bodies pass maxBytes (tagged-store.ts).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CacheTag } from './cache-invalidation.js';
import { hasFlash } from './http.js';
import { TaggedStore, type StoredEntry, type TaggedStoreOptions } from './tagged-store.js';

export type PageCacheOptions = Partial<TaggedStoreOptions>;

const DEFAULTS: TaggedStoreOptions = { maxBytes: 16 * 1024 * 1024, maxEntryBytes: 1024 * 1024, maxAgeMs: 60_000 };

/** The routes cached for guests and what their responses show. */
const CACHED_ROUTES: Record<string, (params: Record<string, string>) => CacheTag[]> = {
  '/': () => ['home'],
  // A board lists threads with their titles, reply counts and last activity.
  '/n/:network': () => ['boards'],
  '/t/:id/:slug?': (params) => [`thread:${Number(params.id)}`],
};

/** A guest's response as it is sent again. */
interface CachedPage {
  body: Buffer;
  contentType: string;
}

/** Per request: where it may be stored, and the generation it was rendered in. */
interface Pending {
  key: string;
  tags: CacheTag[];
  generation: number;
  /** Set on the one request rendering a missing page that others wait for. */
  flight?: Flight;
}

/** A page being rendered; requests for the same page in the same generation wait for it. */
interface Flight {
  generation: number;
  done: Promise<void>;
  land(): void;
}

/** How long a waiting request waits before rendering the page itself; how long a refresh may take. */
const FLIGHT_WAIT_MS = 2_000;

/** The path and, in a fixed order, only the query parameters the route's schema defines. */
function pageAddress(request: FastifyRequest): string {
  const path = request.url.split('?', 1)[0]!;
  const defined = (request.routeOptions.schema?.querystring as { properties?: object } | undefined)?.properties;
  if (!defined) return path;
  const query = request.query as Record<string, unknown>;
  const kept = Object.keys(defined)
    .sort()
    .filter((name) => query[name] !== undefined)
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(String(query[name]))}`);
  return kept.length ? `${path}?${kept.join('&')}` : path;
}

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: TaggedStore<CachedPage>;
  }
}

export const pageCachePlugin = fp<PageCacheOptions>(
  async (app: FastifyInstance, options) => {
    const settings = { ...DEFAULTS, ...options };
    const store = new TaggedStore<CachedPage>(settings);
    const pending = new WeakMap<FastifyRequest, Pending>();
    const { cacheInvalidation } = app;
    app.decorate('pageCache', store);
    cacheInvalidation.onDrop((tags) => store.drop(tags));

    function cacheable(request: FastifyRequest): CacheTag[] | undefined {
      if (request.method !== 'GET' || request.viewer) return undefined;
      // A session (even one about to be refused) or a flash message makes the page someone's own.
      if (request.cookies.session !== undefined || hasFlash(request)) return undefined;
      const tagsOf = CACHED_ROUTES[request.routeOptions.url ?? ''];
      return tagsOf?.(request.params as Record<string, string>);
    }

    const flights = new Map<string, Flight>();
    const send = (reply: FastifyReply, { value }: StoredEntry<CachedPage>) => reply.header('content-type', value.contentType).send(value.body);

    // With `done` (core/http.ts: the cost of an async hook): members, pages not kept, a watermark ahead
    // and a kept page pass or are answered at once; only a page being rendered is waited for. A hook that
    // answers does not call done (Fastify's hooks: the reply is sent).
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
      const tags = cacheable(request);
      // Writes this instance has answered but whose events it has not yet seen: render afresh.
      if (!tags || app.writeWatermark.behind()) {
        done();
        return;
      }
      // What the page depends on: JSON or HTML, the language, the path and the query parameters the
      // route defines (any others change nothing, and must not fill the cache with copies of one page).
      const key = `${request.wantsJson ? 'json' : 'html'} ${request.locale} ${pageAddress(request)}`;
      const now = Date.now();
      const found = store.get(key, now);
      if (found) {
        const { entry } = found;
        if (found.fresh || (entry.refreshingSince !== undefined && now - entry.refreshingSince < FLIGHT_WAIT_MS)) {
          send(reply, entry);
          return;
        }
        entry.refreshingSince = now;
        pending.set(request, { key, tags, generation: cacheInvalidation.generation });
        done();
        return;
      }
      renderOrWait(request, reply, key, tags).then((sent) => {
        if (!sent) done();
      }, done);
    });

    /** A page missing: waits for the request rendering it, or becomes that request. True once it has answered. */
    async function renderOrWait(request: FastifyRequest, reply: FastifyReply, key: string, tags: CacheTag[]): Promise<boolean> {
      const flight = flights.get(key);
      if (flight && flight.generation === cacheInvalidation.generation) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([flight.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, FLIGHT_WAIT_MS)))]);
        clearTimeout(timer);
        const landed = store.get(key, Date.now());
        if (landed) {
          send(reply, landed.entry);
          return true;
        }
        if (app.writeWatermark.behind()) return false;
      }
      const mine = flights.get(key);
      if (mine && mine.generation === cacheInvalidation.generation) {
        pending.set(request, { key, tags, generation: cacheInvalidation.generation });
        return false;
      }
      let land!: () => void;
      const done = new Promise<void>((resolve) => (land = resolve));
      const started: Flight = { generation: cacheInvalidation.generation, done, land };
      flights.set(key, started);
      pending.set(request, { key, tags, generation: cacheInvalidation.generation, flight: started });
      return false;
    }

    /** The rendering of a missing page is over, stored or not: whoever waited looks again. */
    const landFlight = (request: FastifyRequest) => {
      const flight = pending.get(request)?.flight;
      if (!flight) return;
      const key = pending.get(request)!.key;
      pending.delete(request);
      if (flights.get(key) === flight) flights.delete(key);
      flight.land();
    };
    app.addHook('onResponse', (request, _reply, done) => {
      landFlight(request);
      done();
    });
    app.addHook('onRequestAbort', (request, done) => {
      landFlight(request);
      done();
    });

    app.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
      const entry = pending.get(request);
      if (!entry) {
        done(null, payload);
        return;
      }
      // A flight's request stays pending until onResponse lands it.
      if (!entry.flight) pending.delete(request);
      const storable =
        reply.statusCode === 200 &&
        cacheInvalidation.mayStore(entry.generation) &&
        !request.viewer &&
        reply.getHeader('set-cookie') === undefined &&
        // Bodies are bytes by now (core/http.ts); a stream is not kept.
        Buffer.isBuffer(payload);
      if (storable) {
        const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
        store.set(entry.key, { body: payload, contentType }, payload.length, entry.tags, Date.now());
      }
      done(null, payload);
    });
  },
  { name: 'page-cache', dependencies: ['http', 'sessions', 'database', 'cache-invalidation'] },
);
