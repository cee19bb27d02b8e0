// A board `/n/:network`: a page of the network's threads (networks), and around them the rules above the
// new-thread form and the review count for its moderators (moderation), the follow button (following)
// and the board's Atom feed (feeds).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { boardFeedLink } from '../feeds/public.js';
import { followState } from '../following/public.js';
import { listRuleTitles, reviewCount } from '../moderation/public.js';
import { boardQuery, loadNetwork, networkJson, networkSlugParam, readBoard, type NetworkParams } from '../networks/public.js';
import { withThreadPath } from '../posts/present.js';
import { canModerate } from '../posts/visibility.js';

type BoardRequest = FastifyRequest<{ Params: NetworkParams; Querystring: { before?: string } }>;

export async function boardPageData(request: BoardRequest) {
  const { database: { db }, events } = request.server;
  const { viewer } = request;
  // Read before the threads: a live client resumes from here, so nothing written meanwhile is missed.
  const cursor = events.cursor;
  const network = await loadNetwork(db, request.params.network);
  const firstPage = request.query.before === undefined;
  const { threads, nextCursor } = await readBoard(db, network.id, request.query.before, viewer, request.t);
  const json = { network: networkJson(network), threads, nextCursor };
  return {
    ...json,
    threads: threads.map(withThreadPath),
    firstPage,
    canPost: !!viewer,
    // The network's rules above the new-thread form ("Before you post: …").
    rules: viewer && firstPage ? await listRuleTitles(db, network.id) : [],
    canEdit: viewer?.role === 'admin',
    // Conveners and admins: how many posts await review (one count query, only for them).
    review: canModerate(viewer, network.id) ? { count: await reviewCount(db, network.id) } : null,
    live: firstPage ? { topic: `board:${network.slug}`, cursor } : undefined,
    scripts: firstPage ? ['/static/js/live.js'] : [],
    // The follow button (state and follower count, one query) and the board's Atom feed.
    follow: { network: network.slug, ...(await followState(db, network.id, viewer?.id)) },
    alternateLinks: [boardFeedLink(network)],
    json,
  };
}

export async function boardPage(app: FastifyInstance): Promise<void> {
  app.get<{ Params: NetworkParams; Querystring: { before?: string } }>(
    '/n/:network',
    { schema: { params: networkSlugParam, querystring: boardQuery } },
    async (request, reply) => {
      const { json, ...data } = await boardPageData(request);
      return reply.page('networks/board', { ...data, values: {}, errors: {} }, { json, title: data.network.name });
    },
  );
}
