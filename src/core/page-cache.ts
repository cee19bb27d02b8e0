// Whole responses of the public pages (home, boards, threads) for guests, kept in memory until an
// event says something they show has changed. Guests are most readers; a hit skips the database and
// the templates. Signed-in viewers are never served from here: their pages differ per person.
//
// Correctness, in order of the ways a stale page could be shown:
//   1. Every domain event drops the entries it may change (EVENT_TAGS; the compiler asks for a rule
//      for every new event name).
//   2. Events arrive asynchronously (committed → NOTIFY → loaded → dispatched). So that a write on
//      this instance shows at once, guests bypass the cache while the write watermark is ahead of the
//      bus (write-watermark.ts).
//   3. A page rendered before an event but stored after it would outlive the invalidation: each
//      request remembers the generation it started in, and is not stored if an invalidation came since.
//   4. Relative times ("3 minutes ago") age: an entry older than maxAgeMs is rendered again by the next
//      request, while others are still served the old one (for another maxAgeMs at most).
// A page missing from the cache (a reply just dropped it) is rendered once: requests for it that
// arrive meanwhile wait for that rendering instead of each rendering it again.
// Memory is bounded: least recently used entries go first once the bodies pass maxBytes (lru-cache).
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainEvents, EventName } from './events.js';
import { isWrite } from './write-watermark.js';

export interface PageCacheOptions {
  /** Bytes of cached bodies and keys, at most. */
  maxBytes?: number;
  /** A larger body is not cached. */
  maxEntryBytes?: number;
  /** Age after which an entry is rendered again (served meanwhile, up to twice this age). */
  maxAgeMs?: number;
}

const DEFAULTS: Required<PageCacheOptions> = { maxBytes: 16 * 1024 * 1024, maxEntryBytes: 1024 * 1024, maxAgeMs: 60_000 };

/** What a cached response shows, so an event can drop exactly those. */
type Tag = 'home' | 'boards' | `thread:${number}`;
const EVERYTHING = 'everything';

/** The routes cached for guests and what their responses show. */
const CACHED_ROUTES: Record<string, (params: Record<string, string>) => Tag[]> = {
  '/': () => ['home'],
  // A board lists threads with their titles, reply counts and last activity.
  '/n/:network': () => ['boards'],
  '/t/:id/:slug?': (params) => [`thread:${Number(params.id)}`],
};

type Rule<N extends EventName> = (payload: DomainEvents[N]) => Tag[] | typeof EVERYTHING;

/**
 * What each event may change on a guest's page: a new event name fails to compile here until it has
 * a rule. Boards are dropped together: events name a network by id, boards are cached by slug, and a
 * post's event names only its thread.
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
  // Network names and conveners show on every page of the network.
  'network.changed': () => EVERYTHING,
  'conveners.changed': () => EVERYTHING,
  // A board shows how many follow it.
  'followers.changed': () => ['boards'],
  // A board shows how many are members (the members page itself is not cached).
  'members.changed': () => ['boards'],
  // A member's notifications, sessions and own settings never show on a guest's page.
  'notifications.changed': () => [],
  'sessions.ended': () => [],
  'viewer.changed': () => [],
  // Authors are named on every page: a new display name, or "a former member" once deleted.
  'account.changed': () => EVERYTHING,
  // The business line beside its staff's posts, and the side column of the networks it is active in.
  'business.changed': () => EVERYTHING,
  // A meeting's date and count show on its boards (the home page lists the upcoming ones), its details on its thread.
  'meeting.changed': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
  // What a member is told: never on a guest's page (meeting.changed drops the pages).
  'meeting.notify': () => [],
  // The thread shows its answer under the question; boards mark it answered.
  'answer.changed': (p) => [`thread:${p.threadId}`, 'boards'],
  // A post's thanks count shows on its thread only.
  'post.thanked': (p) => [`thread:${p.threadId}`],
  // Boards list their current offers beside the threads.
  'offer.changed': (p) => [`thread:${p.threadId}`, 'boards', 'home'],
} satisfies { [N in EventName]: Rule<N> } & Record<string, Rule<never>>;
const EVENT_TAGS: { [N in EventName]: Rule<N> } = rules;

interface Entry {
  key: string;
  body: Buffer;
  contentType: string;
  tags: Tag[];
  bytes: number;
  storedAt: number;
  /** When a request set out to render this expired entry again; others are served it meanwhile. */
  refreshingSince?: number;
}

/** Per request: where it may be stored, and the generation it was rendered in. */
interface Pending {
  key: string;
  tags: Tag[];
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

/**
 * Responses by key in a least-recently-used cache with a byte budget (lru-cache), and an index by tag
 * so an event drops exactly the pages it changes. However an entry leaves (evicted, replaced, dropped,
 * too old), it leaves the index too.
 */
export class PageStore {
  readonly #entries: LRUCache<string, Entry>;
  readonly #byTag = new Map<string, Set<string>>();

  constructor(private readonly options: Required<PageCacheOptions>) {
    this.#entries = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => entry.bytes,
      dispose: (entry) => this.#untag(entry),
    });
  }

  get bytes(): number {
    return this.#entries.calculatedSize;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The entry and whether it is younger than maxAgeMs; undefined when missing or older than twice that. */
  get(key: string, now: number): { entry: Entry; fresh: boolean } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const age = now - entry.storedAt;
    if (age > 2 * this.options.maxAgeMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return { entry, fresh: age <= this.options.maxAgeMs };
  }

  set(key: string, body: Buffer, contentType: string, tags: Tag[], now: number): void {
    const bytes = body.length + key.length * 2 + 200;
    if (body.length > this.options.maxEntryBytes || bytes > this.options.maxBytes) return;
    this.#entries.set(key, { key, body, contentType, tags, bytes, storedAt: now });
    // After set: replacing an entry disposes of the old one, which takes its key out of the index.
    for (const tag of tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) this.#byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  drop(tags: readonly string[] | typeof EVERYTHING): void {
    if (tags === EVERYTHING) {
      this.#entries.clear();
      return;
    }
    for (const tag of tags) {
      for (const key of [...(this.#byTag.get(tag) ?? [])]) this.#entries.delete(key);
    }
  }

  #untag(entry: Entry): void {
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(entry.key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }
}

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
    pageCache: PageStore;
  }
}

export const pageCachePlugin = fp<PageCacheOptions>(
  async (app: FastifyInstance, options) => {
    const settings = { ...DEFAULTS, ...options };
    const store = new PageStore(settings);
    const pending = new WeakMap<FastifyRequest, Pending>();
    let generation = 0;
    app.decorate('pageCache', store);

    const unsubscribe = (Object.keys(EVENT_TAGS) as EventName[]).map((name) =>
      app.events.on(name, (payload) => {
        const tags = (EVENT_TAGS[name] as (p: typeof payload) => Tag[] | typeof EVERYTHING)(payload);
        if (tags.length === 0) return;
        generation += 1;
        store.drop(tags);
      }),
    );
    app.writeWatermark.onUntracked(() => store.drop(EVERYTHING));
    app.addHook('onClose', async () => {
      for (const off of unsubscribe) off();
      store.drop(EVERYTHING);
    });

    function cacheable(request: FastifyRequest): Tag[] | undefined {
      if (request.method !== 'GET' || request.viewer) return undefined;
      // A session (even one about to be refused) or a flash message makes the page someone's own.
      if (request.cookies.session !== undefined || request.cookies.flash !== undefined) return undefined;
      const tagsOf = CACHED_ROUTES[request.routeOptions.url ?? ''];
      return tagsOf?.(request.params as Record<string, string>);
    }

    const flights = new Map<string, Flight>();
    const send = (reply: FastifyReply, entry: Entry) => reply.header('content-type', entry.contentType).send(entry.body);

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const tags = cacheable(request);
      if (!tags) return;
      // Writes this instance has answered but whose events it has not yet seen: render afresh.
      if (app.writeWatermark.behind()) return;
      // What the page depends on: JSON or HTML, the language, the path and the query parameters the
      // route defines (any others change nothing, and must not fill the cache with copies of one page).
      const key = `${request.wantsJson ? 'json' : 'html'} ${request.locale} ${pageAddress(request)}`;
      const now = Date.now();
      const found = store.get(key, now);
      if (found?.fresh) return send(reply, found.entry);
      if (found) {
        const { entry } = found;
        if (entry.refreshingSince !== undefined && now - entry.refreshingSince < FLIGHT_WAIT_MS) return send(reply, entry);
        entry.refreshingSince = now;
        pending.set(request, { key, tags, generation });
        return;
      }
      const flight = flights.get(key);
      if (flight && flight.generation === generation) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([flight.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, FLIGHT_WAIT_MS)))]);
        clearTimeout(timer);
        const landed = store.get(key, Date.now());
        if (landed) return send(reply, landed.entry);
        if (app.writeWatermark.behind()) return;
      }
      const mine = flights.get(key);
      if (mine && mine.generation === generation) {
        pending.set(request, { key, tags, generation });
        return;
      }
      let land!: () => void;
      const done = new Promise<void>((resolve) => (land = resolve));
      const started: Flight = { generation, done, land };
      flights.set(key, started);
      pending.set(request, { key, tags, generation, flight: started });
    });

    /** The rendering of a missing page is over, stored or not: whoever waited looks again. */
    const landFlight = async (request: FastifyRequest) => {
      const flight = pending.get(request)?.flight;
      if (!flight) return;
      const key = pending.get(request)!.key;
      pending.delete(request);
      if (flights.get(key) === flight) flights.delete(key);
      flight.land();
    };
    app.addHook('onResponse', landFlight);
    app.addHook('onRequestAbort', landFlight);

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (isWrite(request)) {
        // A page being rendered while this write committed must not be stored.
        generation += 1;
        return payload;
      }
      const entry = pending.get(request);
      if (!entry) return payload;
      // A flight's request stays pending until onResponse lands it.
      if (!entry.flight) pending.delete(request);
      const storable =
        reply.statusCode === 200 &&
        entry.generation === generation &&
        !app.writeWatermark.behind() &&
        !request.viewer &&
        reply.getHeader('set-cookie') === undefined &&
        (typeof payload === 'string' || Buffer.isBuffer(payload));
      if (storable) {
        const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
        store.set(entry.key, body, String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'), entry.tags, Date.now());
        return body;
      }
      return payload;
    });
  },
  { name: 'page-cache', dependencies: ['http', 'sessions', 'database', 'write-watermark'] },
);
