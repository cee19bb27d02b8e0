// The home page `/`. For a member: the networks they belong to (the forum's default first) and the
// others with Join, the latest threads of their networks with what they have not read, and the
// questions there that wait for a first reply (reading). For a guest: every network, the default
// first, and the latest threads of the whole forum. A member's home costs a fixed number of queries,
// whatever they belong to and however much is written (test/reading/home.test.ts counts them). Both see
// the upcoming meetings, a member's networks' first (meetings).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { MeetingListItem, upcomingMeetings } from '../meetings/public.js';
import { boardQuery, listNetworks, NetworkJson, networkJson, networksOfMemberShared } from '../networks/public.js';
import { latestThreadsFor, ListedThreadJson, threadsAwaitingReplyFor } from '../reading/public.js';
import { hasFlash } from '../core/http.js';
import { sharedViews } from '../core/shared-views.js';

/** Threads in "Latest"; questions in "Needs a reply". */
const LATEST = 20;
const AWAITING = 10;
/** Meetings in "Upcoming meetings". */
const UPCOMING = 5;

/**
 * `forum` and `networks` (every network, the default first) as integrations have always read them;
 * `latest` for everyone; a member's `yourNetworks` (slugs) and `needsReply`.
 */
const HomeJson = Type.Object({
  forum: Type.String(),
  networks: Type.Array(NetworkJson),
  latest: Type.Array(ListedThreadJson),
  upcomingMeetings: Type.Array(MeetingListItem),
  yourNetworks: Type.Optional(Type.Array(Type.String())),
  needsReply: Type.Optional(Type.Array(ListedThreadJson)),
});

/** `filter`: the latest list's questions only, unanswered or answered, as on a board. */
const homeQuery = Type.Pick(boardQuery, ['filter']);

export async function homePageData(request: FastifyRequest & { query: Static<typeof homeQuery> }) {
  const { database, config, sharedReads: reads } = request.server;
  const { db } = database;
  const { viewer } = request;
  const { filter } = request.query;
  const [networkRows, memberOf] = await Promise.all([
    // Every network, the same for everyone until one changes (a new one drops the boards, a changed one everything).
    reads.read('networks', ['boards'], () => listNetworks(db)),
    // The viewer's networks, kept for them until they join or leave one.
    viewer ? networksOfMemberShared({ db, reads }, viewer.id) : [],
  ]);
  const networks = networkRows.map(networkJson);
  const clocks = { locale: request.locale, timeZone: config.timeZone };
  // A member's lists hold their networks' threads: one who belongs to none has none, and is spared
  // the queries (at full scale they read every thread of the forum to find that out).
  const hasThreads = !viewer || memberOf.length > 0;
  const [latest, { meetings: upcoming, titlesAsAnyMember }, needsReply] = await Promise.all([
    hasThreads ? latestThreadsFor({ db, reads }, viewer, request.t, LATEST, filter) : [],
    upcomingMeetings({ db, reads }, { viewer, t: request.t, clocks, firstNetworkIds: memberOf.map((network) => network.id), limit: UPCOMING }),
    viewer && hasThreads ? threadsAwaitingReplyFor(db, viewer, request.t, AWAITING) : [],
  ]);
  const page = { networks, empty: networks.length === 0, latest, filter: filter ?? null, upcomingMeetings: upcoming };
  if (!viewer) {
    const json: Static<typeof HomeJson> = { forum: config.forumName, networks, latest, upcomingMeetings: upcoming };
    return { ...page, json };
  }
  const mine = new Set(memberOf.map((network) => network.slug));
  const yourNetworks = networks.filter((network) => mine.has(network.slug));
  const json: Static<typeof HomeJson> = {
    forum: config.forumName,
    networks,
    latest,
    upcomingMeetings: upcoming,
    yourNetworks: yourNetworks.map((network) => network.slug),
    needsReply,
  };
  return {
    ...page,
    member: { yourNetworks, otherNetworks: networks.filter((network) => !mine.has(network.slug)), needsReply },
    // A member who is no admin (who has a button of their own) and reads every upcoming meeting's title as
    // any member does sees the page as every member of the same networks does, but for their own lists:
    // its view is kept for them all (homePage below).
    seenAsAnyMember: viewer.role !== 'admin' && titlesAsAnyMember,
    json,
  };
}

/** The parts of a member's home that are each one's own: the latest threads with their read state, the questions waiting (not their own). */
const OWN_PARTS = ['latest', 'needsReply'] as const;

export async function homePage(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const views = sharedViews(app);
  app.get('/', { schema: { querystring: homeQuery, response: { 200: HomeJson } } }, async (request, reply) => {
    // Before any read: a view rendered from reads an event overtook is not kept.
    const startedIn = app.cacheInvalidation.generation;
    const { json, ...data } = await homePageData(request);
    if (request.wantsJson || !('seenAsAnyMember' in data) || !data.seenAsAnyMember || hasFlash(request)) return reply.page('networks/home', data, { json });
    const context = { locale: request.locale, t: request.t };
    const [latest = '', needsReply = ''] = app.views.renderParts(
      [
        ['home-latest-mine', data],
        ['home-needs-reply', data],
      ],
      context,
    );
    const own = { latest, needsReply } satisfies Record<(typeof OWN_PARTS)[number], string>;
    // The member's networks decide which are theirs, which to join and whose meetings come first; the rest is the forum's.
    const key = `${request.locale} ${data.filter ?? ''} ${data.member.yourNetworks.map((network) => network.slug).join(',')}`;
    // Rendered without the layout, whose data tells the page the forum's name and that it has a viewer: any
    // member, no one in particular.
    const shared = { ...data, forumName: app.config.forumName, viewer: true };
    const view = views.view(key, ['home', 'boards'], startedIn, () => app.views.renderShared('networks/home', shared, context, OWN_PARTS));
    return reply.sharedPage(view, own, data);
  });
}
