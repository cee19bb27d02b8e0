// The home page `/`: every network, the most recently active first.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listNetworks, NetworkJson, networkJson } from '../networks/public.js';

const HomeJson = Type.Object({ forum: Type.String(), networks: Type.Array(NetworkJson) });

export async function homePageData(request: FastifyRequest) {
  const { database, config } = request.server;
  const networks = (await listNetworks(database.db)).map(networkJson);
  return { networks, empty: networks.length === 0, json: { forum: config.forumName, networks } };
}

export async function homePage(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/', { schema: { response: { 200: HomeJson } } }, async (request, reply) => {
    const { json, ...data } = await homePageData(request);
    return reply.page('networks/home', data, { json });
  });
}
