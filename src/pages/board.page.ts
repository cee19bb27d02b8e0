// A board `/n/:network`: a page of the network's threads (networks), and around them the rules above the
// new-thread form, the review count for its moderators and the side column's conveners and rules
// (moderation), the follow button (following), the board's Atom feed (feeds) and the member count with
// Join and Leave (networks' membership), and for a member which threads they have not read (reading).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import type { Locale } from '../config.js';
import { relativeTime } from '../core/time.js';
import { boardFeedLink } from '../feeds/public.js';
import { boardFollowState } from '../following/public.js';
import { listRuleTitles, reviewCount } from '../moderation/public.js';
import { BoardJson, boardMembership, boardQuery, loadSharedNetwork, networkJson, networkSlugParam, readBoard, type NetworkParams } from '../networks/public.js';
import { withThreadPath } from '../posts/present.js';
import { readerTag, readFromPath, readStatesOf, type ReadState } from '../reading/public.js';
import { canModerate } from '../posts/visibility.js';
import { networkAside } from './network-aside.js';
import { meetingLines, upcomingMeetings } from '../meetings/public.js';
import { currentOffersOf } from '../offers/public.js';
import { hasFlash } from '../core/http.js';
import { sharedViews } from '../core/shared-views.js';
import type { RenderContext } from '../core/views.js';
import type { CacheTag } from '../core/cache-invalidation.js';
import type { Viewer } from '../core/viewer.js';

export async function boardPageData(request: FastifyRequest & { params: NetworkParams; query: Static<typeof boardQuery> }) {
  const {
    database: { db },
    sharedReads: reads,
    events,
  } = request.server;
  // What is the same for every viewer (the network, its threads' rows, rules, meetings, offers, side
  // column) comes from the shared reads until an event changes it; only what is the viewer's is read per request.
  const reading = { db, reads };
  const { viewer } = request;
  // Read before the threads: a live client resumes from here, so nothing written meanwhile is missed.
  const cursor = events.cursor;
  const network = await loadSharedNetwork(reading, request.params.network);
  const firstPage = request.query.before === undefined;
  const { filter } = request.query;
  const board = await readBoard(reading, network.id, request.query.before, viewer, request.t, filter);
  const { nextCursor } = board;
  const threadIds = board.threads.map((thread) => thread.id);
  const moderates = canModerate(viewer, network.id);
  const clocks = { locale: request.locale, timeZone: request.server.config.timeZone };
  const page = !request.wantsJson;
  // Everything around the threads depends on the network and the threads only: the queries go at once.
  const [states, ruleTitles, membership, meetingsOn, upcoming, review, follow, offers] = await Promise.all([
    // A member sees which threads they have not read to the end (one query), and the title takes them where their reading continues.
    viewer ? readStatesOf(reading, viewer, threadIds) : undefined,
    // The rules show in the side column of every page, and above the new-thread form: one query for both,
    // for pages only (the JSON has neither).
    page ? reads.read(`network ${network.id} rules`, ['boards'], () => listRuleTitles(db, network.id)) : [],
    // The member count (shared) and whether the viewer is a member (a point lookup): pages only.
    page ? boardMembership(reading, network.id, viewer?.id) : undefined,
    // Meeting threads' date and how many are coming (two queries), and the meetings the network is invited to (one): pages only.
    page ? meetingLines(reading, threadIds, clocks) : undefined,
    page && firstPage ? upcomingMeetings(reading, { viewer, t: request.t, clocks, networkId: network.id, limit: 5 }) : NO_MEETINGS,
    // Conveners and admins: how many posts await review (one count query, only for them).
    moderates ? reviewCount(db, network.id) : null,
    // The follow button: the follower count (shared) and the viewer's level (a point lookup).
    boardFollowState(reading, network.id, viewer?.id),
    // The network's current offers for the side column (offers: one query).
    page ? currentOffersOf(reading, network.id, viewer, request.t, request.server.config.timeZone) : undefined,
  ]);
  const withReadState = <T extends { id: number; slug: string }>(thread: T) => {
    const state = states?.get(thread.id);
    return state ? { ...thread, ...readStateShown(thread, state) } : thread;
  };
  const networkShown = networkJson(network);
  // The side column (beside the board from 1,100 px, after it on a phone): conveners and businesses (two queries), rules and offers.
  const aside = page ? { ...(await networkAside(reading, network, ruleTitles)), offers: offers?.offers } : undefined;
  // The threads as the page lists them, without the viewer's read state: built when the page is rendered,
  // which a member's kept view is not.
  const listed = () => board.threads.map((thread) => ({ ...withThreadPath(thread), meeting: meetingsOn?.get(thread.id) }));
  return {
    network: networkShown,
    nextCursor,
    listed,
    /** The listed threads as this viewer may see them (titles), and their read states (a member's). */
    threads: board.threads,
    readStates: states,
    /** The listed threads with the viewer's read state, as the page shows them to them alone. */
    threadsRead: () => listed().map(withReadState),
    // A member who moderates nothing here and reads every title on the page as any member does (a
    // hidden thread of their own would read otherwise) sees the page as every such member does, but
    // for their own parts: its view is kept for them all (boardPage below).
    seenAsAnyMember: !!viewer && !moderates && board.titlesAsAnyMember && upcoming.titlesAsAnyMember && (offers?.titlesAsAnyMember ?? true),
    upcomingMeetings: upcoming.meetings,
    firstPage,
    // A members-only network takes a member (its moderators always may): the new-thread form shows only
    // to those the posting guard lets through, and others are told to join.
    canPost: !!viewer && (network.posting === 'anyone' || moderates || !!membership?.member),
    // The network's rules above the new-thread form ("Before you post: …").
    rules: viewer && firstPage ? ruleTitles : [],
    canEdit: viewer?.role === 'admin',
    // Conveners and admins: how many posts await review, and their tools menu.
    review: review === null ? null : { count: review },
    aside,
    // The board's questions only, unanswered or answered (the links above the list, and the next page's address, keep it).
    filter: filter ?? null,
    filterQuery: filter ? `&filter=${filter}` : '',
    live: firstPage ? { topic: `board:${network.slug}`, cursor } : undefined,
    scripts: firstPage ? ['/static/js/live.js'] : [],
    // The follow button and the board's Atom feed.
    follow: { network: network.slug, ...follow },
    // Join (saying whom the network is for) or, in the More menu, Leave — not for its conveners, who step down first.
    membership: membership && {
      network: network.slug,
      audience: network.audience,
      ...membership,
      canLeave: membership.member && !viewer?.convenes.includes(network.id),
    },
    alternateLinks: [boardFeedLink(network)],
    /** The board's JSON (built only when asked for). */
    json: (): Static<typeof BoardJson> => ({ network: networkShown, threads: board.threads.map(withReadState), nextCursor }),
  };
}

/**
 * What decides a listed thread's HTML (views/partials/board-thread.hbs), as its fragment's key: every field
 * of the row as this page made it for this viewer (title as the visibility rule lets them read it, their
 * read state, the meeting's line), and the age written beside its last activity, which changes with time.
 */
function boardThreadFragmentKey(thread: { lastActivityAt: string }, locale: Locale): string {
  return `${relativeTime(new Date(thread.lastActivityAt), locale)}\u0000${JSON.stringify(thread)}`;
}

/** Upcoming meetings where the page lists none (JSON, and pages after the first). */
const NO_MEETINGS = { meetings: [], titlesAsAnyMember: true };

/** The parts of a board page that are each member's own, beside each listed thread's first line (its read state). */
const OWN_PARTS = ['follow', 'submissionKey'] as const;

/** The hole for a listed thread's first line: where the member's read state of it goes. */
const threadStart = (threadId: number) => `start ${threadId}`;

/** What a member's read state of a listed thread shows: unread or not, and where the title takes them. */
function readStateShown(thread: { id: number; slug: string }, state: ReadState) {
  return { unread: state.unread, readFrom: readFromPath(thread, state) };
}

/** A listed thread as the board's JSON has it. */
type ListedThread = Static<typeof BoardJson>['threads'][number];

/**
 * How many read states of one listed thread keep their first line in each language, the oldest going
 * first: most members share a few (not opened, read to the end, new replies since). About 250 bytes
 * each, so a row kept in the shared reads carries at most about 6 kB of first lines.
 */
const STARTS_KEPT_PER_THREAD = 8;

/**
 * A listed thread's first line for a member (views/partials/board-thread-start.hbs), rendered once per
 * thread row kept in the shared reads, language and read state: a kept board's thirty holes are then
 * filled without rendering. What is kept goes with the row (a WeakMap), which an event about it drops.
 */
function threadStarts(views: FastifyInstance['views']) {
  const kept: Record<Locale, WeakMap<ListedThread, Map<number, string>>> = { sv: new WeakMap(), da: new WeakMap(), en: new WeakMap() };
  return (thread: ListedThread, state: ReadState | undefined, context: RenderContext): string => {
    // Only a row's JSON built for every member who may read its title is frozen and shared.
    const inLanguage = kept[context.locale];
    const byState = Object.isFrozen(thread) ? (inLanguage.get(thread) ?? new Map<number, string>()) : undefined;
    // The read state as one number (no string to build thirty times a request): -1 for none.
    const key = state ? (state.firstUnreadPostId ?? 0) * 2 + Number(state.unread) : -1;
    const found = byState?.get(key);
    if (found !== undefined) return found;
    const [start = ''] = views.renderParts([['board-thread-start', { ...withThreadPath(thread), ...(state && readStateShown(thread, state)) }]], context);
    if (byState) {
      if (byState.size >= STARTS_KEPT_PER_THREAD) byState.delete(byState.keys().next().value!);
      inLanguage.set(thread, byState.set(key, start));
    }
    return start;
  };
}

export async function boardPage(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.views.cacheFragments('board-thread', boardThreadFragmentKey);
  // The whole page once for every member who sees it as any member does (boardPageData).
  const views = sharedViews(app);
  const startOf = threadStarts(app.views);
  // A member's page, kept for them (core/member-pages.ts) until the boards or their read states change.
  const keptForMember = (viewer: Viewer): CacheTag[] => ['boards', readerTag(viewer.id)];
  const options = { config: { keptForMember }, schema: { params: networkSlugParam, querystring: boardQuery, response: { 200: BoardJson } } };
  app.get('/n/:network', options, async (request, reply) => {
    // Before any read: a view rendered from reads an event overtook is not kept.
    const startedIn = app.cacheInvalidation.generation;
    const { json, listed, threads, readStates, threadsRead, seenAsAnyMember, ...data } = await boardPageData(request);
    if (request.wantsJson) return reply.send(json());
    const viewData = { ...data, values: {}, errors: {} };
    const title = data.network.name;
    if (!seenAsAnyMember || hasFlash(request)) return reply.page('networks/board', { ...viewData, threads: threadsRead() }, { title });
    const context = { locale: request.locale, t: request.t };
    const [follow = '', submissionKey = ''] = app.views.renderParts(
      [
        ['follow-button', { viewer: request.viewer, follow: data.follow }],
        ['submission-key', {}],
      ],
      context,
    );
    const own: Record<string, string> = { follow, submissionKey } satisfies Record<(typeof OWN_PARTS)[number], string>;
    for (const thread of threads) own[threadStart(thread.id)] = startOf(thread, readStates?.get(thread.id), context);
    // Whether they are a member decides Join or Leave and whether they may start a thread; the rest of the page is the network's.
    const key = `${request.locale} ${data.network.slug} ${request.query.before ?? ''} ${data.filter ?? ''} ${data.membership?.member} ${data.canPost}`;
    const view = views.view(key, ['boards'], startedIn, () =>
      app.views.renderShared(
        'networks/board',
        // Rendered without the layout, whose data tells the page it has a viewer: any member, no one in particular.
        { ...viewData, viewer: true, threads: listed().map((thread) => ({ ...thread, ownStart: app.views.hole(threadStart(thread.id)) })) },
        context,
        OWN_PARTS,
      ),
    );
    return reply.sharedPage(view, own, viewData, { title, keep: true });
  });
}
