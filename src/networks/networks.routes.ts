import type { FastifyInstance, FastifyRequest } from 'fastify';
import { adminOnly } from '../accounts/guards.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { reviewCount } from '../moderation/flags.queries.js';
import { listRuleTitles } from '../moderation/rules.queries.js';
import { followState } from '../following/public.js';
import { boardFeedLink } from '../feeds/public.js';
import { decodeBoardCursor, encodeBoardCursor } from './board-cursor.js';
import * as queries from './networks.queries.js';
import {
  boardQuery,
  createNetworkBody,
  editNetworkBody,
  networkSlugParam,
  type CreateNetworkBody,
  type EditNetworkBody,
  type NetworkParams,
} from './networks.schemas.js';
import { createNetwork, editNetwork } from './networks.service.js';
import { withThreadPath } from '../posts/present.js';
import { canModerate } from '../posts/visibility.js';
import { boardThreadJson, networkJson } from './present.js';

export const BOARD_PAGE_SIZE = 30;

export async function networksRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  async function loadNetwork(request: FastifyRequest<{ Params: NetworkParams }>) {
    const network = await queries.findNetworkBySlug(db, request.params.network);
    if (!network) throw new NotFoundError();
    return network;
  }

  app.get('/', async (request, reply) => {
    const networks = (await queries.listNetworks(db)).map(networkJson);
    const json = { forum: app.config.forumName, networks };
    return reply.page('networks/home', { networks, empty: networks.length === 0 }, { json });
  });

  app.get('/networks/new', { onRequest: adminOnly }, async (request, reply) => {
    return reply.page('networks/form', { creating: true, values: {}, errors: {} }, { title: request.t('networks.new.title') });
  });

  app.post<{ Body: CreateNetworkBody }>(
    '/networks',
    { onRequest: adminOnly, schema: { body: createNetworkBody }, config: { form: { view: 'networks/form', data: () => ({ creating: true }) } } },
    async (request, reply) => {
      const { slug, name, description = '' } = request.body;
      const network = await createNetwork(db, { slug, name, description });
      return reply.done(`/n/${network.slug}`, networkJson(network), 201);
    },
  );

  app.get<{ Params: NetworkParams; Querystring: { before?: string } }>(
    '/n/:network',
    { schema: { params: networkSlugParam, querystring: boardQuery } },
    async (request, reply) => {
      const cursor = app.events.cursor;
      const network = await loadNetwork(request);
      const before = request.query.before === undefined ? undefined : decodeBoardCursor(request.query.before);
      if (request.query.before !== undefined && !before) throw new ValidationError({ before: 'validation.invalid' });
      const rows = await queries.listBoardThreads(db, network.id, BOARD_PAGE_SIZE + 1, before);
      const page = rows.slice(0, BOARD_PAGE_SIZE);
      const last = page.at(-1);
      const nextCursor = rows.length > BOARD_PAGE_SIZE && last
        ? encodeBoardCursor({ pinned: last.pinned, lastActivityAt: last.last_activity_at, id: last.id })
        : null;
      const threads = page.map((row) => boardThreadJson(row, request.viewer, request.t));
      const json = { network: networkJson(network), threads, nextCursor };
      return reply.page(
        'networks/board',
        {
          ...json,
          threads: threads.map(withThreadPath),
          values: {},
          errors: {},
          firstPage: !before,
          canPost: !!request.viewer,
          // The network's rules above the new-thread form ("Before you post: …").
          rules: request.viewer && !before ? await listRuleTitles(db, network.id) : [],
          canEdit: request.viewer?.role === 'admin',
          // Conveners and admins: how many posts await review (one count query, only for them).
          review: canModerate(request.viewer, network.id) ? { count: await reviewCount(db, network.id) } : null,
          live: before ? undefined : { topic: `board:${network.slug}`, cursor },
          scripts: before ? [] : ['/static/js/live.js'],
          // The follow button (state and follower count, one query) and the board's Atom feed.
          follow: { network: network.slug, ...(await followState(db, network.id, request.viewer?.id)) },
          alternateLinks: [boardFeedLink(network)],
        },
        { json, title: network.name },
      );
    },
  );

  app.get<{ Params: NetworkParams }>('/n/:network/edit', { onRequest: adminOnly, schema: { params: networkSlugParam } }, async (request, reply) => {
    const network = networkJson(await loadNetwork(request));
    return reply.page('networks/form', { network, values: { name: network.name, description: network.description }, errors: {} }, { json: { network }, title: network.name });
  });

  app.post<{ Params: NetworkParams; Body: EditNetworkBody }>(
    '/n/:network/edit',
    {
      onRequest: adminOnly,
      schema: { params: networkSlugParam, body: editNetworkBody },
      config: { form: { view: 'networks/form', data: async (request) => ({ network: networkJson(await loadNetwork(request as FastifyRequest<{ Params: NetworkParams }>)) }) } },
    },
    async (request, reply) => {
      const network = await loadNetwork(request);
      const { name, description = '' } = request.body;
      await editNetwork(db, network.id, { name, description });
      const updated = await queries.findNetworkBySlug(db, network.slug);
      return reply.done(`/n/${network.slug}`, networkJson(updated!), 200);
    },
  );
}
