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
import { latestThreadsFor, ListedThreadJson, readerTag, threadsAwaitingReplyFor } from '../reading/public.js';
import type { CacheTag } from '../core/cache-invalidation.js';
import type { Viewer } from '../core/viewer.js';

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
  const [latest, { meetings: upcoming }, needsReply] = await Promise.all([
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
    json,
  };
}

export async function homePage(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // A member's home, kept for them (core/member-pages.ts) until the home page, the boards (their
  // networks, the threads' states) or their read states change.
  const keptForMember = (viewer: Viewer): CacheTag[] => ['home', 'boards', readerTag(viewer.id)];
  app.get('/', { config: { keptForMember }, schema: { querystring: homeQuery, response: { 200: HomeJson } } }, async (request, reply) => {
    const { json, ...data } = await homePageData(request);
    return reply.page('networks/home', data, { json, keep: true });
  });
}
