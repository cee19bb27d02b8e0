// The home page `/`: every network, the most recently active first.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listNetworks, networkJson } from '../networks/public.js';

export async function homePageData(request: FastifyRequest) {
  const { database, config } = request.server;
  const networks = (await listNetworks(database.db)).map(networkJson);
  return { networks, empty: networks.length === 0, json: { forum: config.forumName, networks } };
}

export async function homePage(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => {
    const { json, ...data } = await homePageData(request);
    return reply.page('networks/home', data, { json });
  });
}
