// A member's board, home and thread page, kept for them alone as they were last sent it: asked for again (back
// from a thread, a reload), it costs about what a guest's cached page does, instead of gathering the
// page's data and rendering its layout once more. A route opts in with `config.keptForMember` (what its
// page shows, for this viewer, as cache tags) and hands its page over with `keep` (core/http.ts) when
// nothing on it is the member's own beyond those tags and the layout.
//
// Correctness is the shared views' (cache-invalidation.ts): a kept page is tagged with what it shows and
// dropped by the events that change it, and by read marks this instance moves (forget); it is not kept
// when rendered across an invalidation, and while a write answered here is unseen none is served or
// kept. What the layout shows of the member (who they are, their unread count, moderator menu and
// address banner) is read before the handler from caches their own events drop: a page is served only
// to a request whose layout is the same (http.ts layoutKey). Nothing is kept for a request carrying a
// notice, nor for JSON. A form's one-time key is a hole, rendered anew for every request (views.ts).
// Read marks moved on another instance show here once the shared reads' read states age out (a minute)
// and the page kept from them after it (maxAgeMs). Memory is bounded (tagged-store.ts).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CacheTag, Dropped } from './cache-invalidation.js';
import { hasFlash, layoutKey, sendParts } from './http.js';
import { TaggedStore, type TaggedStoreOptions } from './tagged-store.js';
import type { Viewer } from './viewer.js';
import { filledView, type SharedView } from './views.js';

/** A member's page, and the layout it was rendered with. */
interface KeptPage {
  layout: string;
  view: SharedView;
}

/** Per request that may be kept: where, under what, and the generation it started in. */
interface Pending {
  key: string;
  layout: string;
  tags: readonly CacheTag[];
  generation: number;
}

export interface MemberPages {
  /**
   * Keeps the page being sent to this reply's member, when its route keeps members' pages, it is a
   * 200, and nothing it shows changed while it was made.
   */
  keep(reply: FastifyReply, page: SharedView): void;
  /** Forgets what the tags show (a change made behind the app's back, with no event). */
  drop(tags: Dropped): void;
  /** Requests answered with a kept page, pages kept, and pages kept now. */
  stats(): { served: number; kept: number; entries: number };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's page may be kept for each member (core/member-pages.ts): what it shows, for this viewer,
     * at the request's address (its parameters are validated by then).
     */
    keptForMember?: (viewer: Viewer, request: FastifyRequest) => CacheTag[];
  }
  interface FastifyInstance {
    memberPages: MemberPages;
  }
}

/** A few hundred boards and homes, or a dozen long threads' pages; none kept longer than half a minute (relative times age). */
const DEFAULTS: TaggedStoreOptions = { maxBytes: 4 * 1024 * 1024, maxEntryBytes: 256 * 1024, maxAgeMs: 30_000 };

export const memberPagesPlugin = fp(
  async (app: FastifyInstance) => {
    const store = new TaggedStore<KeptPage>(DEFAULTS);
    const { cacheInvalidation, writeWatermark } = app;
    cacheInvalidation.onDrop((tags) => store.drop(tags));
    const pending = new WeakMap<FastifyRequest, Pending>();
    let served = 0;
    let kept = 0;

    // After the layout's data is read (http.ts, registered before): a kept page answers at once, with
    // `done` not called (Fastify's hooks: the reply is sent); anything else goes on to its handler.
    app.addHook('preHandler', (request, reply, done) => {
      const tagsOf = request.routeOptions.config.keptForMember;
      const { viewer } = request;
      if (!tagsOf || !viewer || request.method !== 'GET' || request.wantsJson || hasFlash(request) || writeWatermark.behind()) {
        done();
        return;
      }
      const key = `${viewer.id} ${request.locale} ${request.url}`;
      const layout = layoutKey(request);
      const found = store.get(key, Date.now());
      if (found?.fresh && found.entry.value.layout === layout) {
        served += 1;
        const { view } = found.entry.value;
        reply.code(200).type('text/html; charset=utf-8');
        sendParts(reply, filledView(view, app.views.renderFresh(view, { locale: request.locale, t: request.t })));
        return;
      }
      pending.set(request, { key, layout, tags: tagsOf(viewer, request), generation: cacheInvalidation.generation });
      done();
    });

    app.decorate('memberPages', {
      keep(reply, page) {
        const waiting = pending.get(reply.request);
        if (!waiting || reply.statusCode !== 200 || !cacheInvalidation.mayStore(waiting.generation)) return;
        pending.delete(reply.request);
        if (store.set(waiting.key, { layout: waiting.layout, view: page }, page.bytes + waiting.layout.length * 2, waiting.tags, Date.now())) kept += 1;
      },
      drop: (tags) => store.drop(tags),
      stats: () => ({ served, kept, entries: store.size }),
    } satisfies MemberPages);
  },
  { name: 'member-pages', dependencies: ['http', 'cache-invalidation', 'write-watermark', 'sessions'] },
);
