// A thread page `/t/:id/:slug?`: a page (or part) of the thread's posts (threads), with the watch box
// (following), the thread's Atom feed (feeds) and the side column: its network's description and rules
// (threads) and conveners (moderation); for a member, what the page showed is marked read (reading).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { threadFeedLink } from '../feeds/public.js';
import { threadWatchState, watchesTag } from '../following/public.js';
import { postFragmentKey } from '../posts/fragment-key.js';
import { threadParams, type ThreadParams } from '../posts/posts.schemas.js';
import { readerTag, rememberingReadMarks, type MarkRead } from '../reading/public.js';
import { readThreadPage, ThreadPageJson, threadPageQuery, type ThreadPageQuery } from '../threads/public.js';
import { networkAside } from './network-aside.js';
import { MeetingJson, readMeeting } from '../meetings/public.js';
import { offerOfThread } from '../offers/public.js';
import type { CacheTag } from '../core/cache-invalidation.js';
import { hasFlash } from '../core/http.js';
import { sharedViews } from '../core/shared-views.js';
import { viewWithoutHoles } from '../core/views.js';
import type { Viewer } from '../core/viewer.js';

export async function threadPageData(request: FastifyRequest & { params: ThreadParams; query: ThreadPageQuery }, markRead: MarkRead) {
  const {
    database: { db },
    sharedReads: reads,
    events,
    config,
  } = request.server;
  const { viewer } = request;
  const maxDepth = config.threadDisplayDepth;
  // Read before the posts: a live client resumes from here, so nothing written meanwhile is missed.
  const cursor = events.cursor;
  const {
    threadJson: json,
    posts,
    shownPostIds,
    isLastPage,
    isLastPart,
    network,
    ...shown
  } = await readThreadPage({ db, reads }, request.params.id, request.query, viewer, request.t, {
    maxDepth,
    as: request.wantsJson ? 'json' : 'page',
  });
  // The rest reads (and one upsert) independently of each other: sent at once, the page waits for the slowest.
  const [, offer, meeting, watch, aside] = await Promise.all([
    // What the page showed a member is read (reading/): one statement, moving their mark forward only,
    // and none when this instance knows the mark is there already.
    viewer ? markRead(db, viewer.id, json.id, shownPostIds) : undefined,
    // An offer's terms and state (offers): one query, for offers only.
    json.kind === 'offer' ? offerOfThread(db, json.id, viewer, request.t, config.timeZone) : null,
    // A meeting's time, place, answers and minutes (meetings): for meetings only.
    json.kind === 'meeting' ? readMeeting(db, json.id, viewer, { locale: request.locale, timeZone: config.timeZone }) : null,
    // Watch/mute (signed-in viewers' pages only: JSON has no watch buttons), kept for them until they change it.
    viewer && !request.wantsJson ? threadWatchState({ db, reads }, viewer.id, json.id) : null,
    // The side column (pages only, not JSON): the network's description and rules (read with the thread) and its conveners and businesses.
    request.wantsJson ? undefined : networkAside({ db, reads }, network, shown.rules),
  ]);
  return {
    ...shown,
    meeting,
    offer,
    thread: json,
    // New top-level replies land on the last page, every new reply on the last part of its page.
    live: { topic: `thread:${json.id}`, cursor, lastPage: isLastPage, lastPart: isLastPart, maxDepth },
    scripts: ['/static/js/reply.js', '/static/js/live.js', '/static/js/confirm.js'],
    // Watch/mute and the thread's Atom feed.
    watch: { thread: json.id, signedIn: !!viewer, state: watch },
    alternateLinks: [threadFeedLink({ id: json.id, title: json.title })],
    aside,
    /** The page's JSON (posts built now). */
    json: () => ({ ...json, posts: posts(), ...(meeting ? { meeting: meeting.json } : {}) }),
  };
}

/** The thread's JSON, and a meeting thread's meeting. */
const ThreadPageWithMeeting = Type.Object({ ...ThreadPageJson.properties, meeting: Type.Optional(MeetingJson) });

/** The parts of a thread page that are each viewer's own, rendered per request into the view's holes. */
const OWN_PARTS = ['watch', 'submissionKey'] as const;

export async function threadPage(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // The page's posts are rendered once for everyone who sees them alike (the key says what alike is).
  app.views.cacheFragments('post', postFragmentKey);
  // And the whole page once for every member who sees it as any member does (threads/public.ts).
  const views = sharedViews(app);
  const markRead = rememberingReadMarks(app.cacheInvalidation);
  // A member's page, kept for them (core/member-pages.ts) until the thread, their watch or their reading
  // changes, or the boards do (whether they may reply: a network's membership). Served from it, the page
  // marks nothing read: it was kept after marking what it shows, and nothing on it changed since.
  const keptForMember = (viewer: Viewer, request: FastifyRequest): CacheTag[] => [
    `thread:${(request.params as ThreadParams).id}`,
    watchesTag(viewer.id),
    readerTag(viewer.id),
    'boards',
  ];
  app.get(
    '/t/:id/:slug?',
    { config: { keptForMember }, schema: { params: threadParams, querystring: threadPageQuery, response: { 200: ThreadPageWithMeeting } } },
    async (request, reply) => {
      // Before any read: a view rendered from reads an event overtook is not kept.
      const startedIn = app.cacheInvalidation.generation;
      const { json, tree, seenAsAnyMember, ...data } = await threadPageData(request, markRead);
      const { thread } = data;
      // Offers and meetings show each member their own answers and terms.
      const shared = seenAsAnyMember && !data.meeting && !data.offer;
      const key = `${request.locale} ${thread.id} ${thread.page} ${thread.part}`;
      const tags = [`thread:${thread.id}`] as const;
      if (request.wantsJson) {
        // A guest's JSON, as every member who sees the page alike gets it.
        if (!shared) return reply.send(json());
        // Serialized by the route's response schema once, then sent as those bytes (no schema checks bytes).
        const view = views.view(`json ${key}`, tags, startedIn, () => viewWithoutHoles(Buffer.from(reply.serialize(json()) as string)));
        return (reply as FastifyReply).type('application/json; charset=utf-8').send(view.pieces[0]);
      }
      const context = { locale: request.locale, t: request.t };
      const [watch = '', submissionKey = ''] = app.views.renderParts(
        [
          ['watch-button', { watch: data.watch }],
          ['submission-key', {}],
        ],
        context,
      );
      const own = { watch, submissionKey } satisfies Record<(typeof OWN_PARTS)[number], string>;
      const viewData = { ...data, signedIn: !!request.viewer, values: {}, errors: {} };
      const options = { title: thread.title };
      if (hasFlash(request)) return reply.page('threads/show', { ...viewData, ...tree(), own }, { ...options, json: json() });
      const render = () => app.views.renderShared('threads/show', { ...viewData, ...tree() }, context, OWN_PARTS);
      const view = shared ? views.view(`html ${key} ${data.canReply ? 'replying' : 'reading'}`, tags, startedIn, render) : render();
      return reply.sharedPage(view, own, viewData, { ...options, keep: shared });
    },
  );
}
