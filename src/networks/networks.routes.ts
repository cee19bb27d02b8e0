// Creating and editing networks; the home page and the boards are pages (src/pages/).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adminOnly } from '../accounts/guards.js';
import { blankForm } from '../core/schemas.js';
import * as queries from './networks.queries.js';
import { createNetworkBody, editNetworkBody, NetworkJson, networkSlugParam, type NetworkParams } from './networks.schemas.js';
import { createNetwork, editNetwork } from './networks.service.js';
import { networkJson } from './present.js';
import { loadNetwork } from './public.js';

export async function networksRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  const newNetworkForm = Type.Object({ creating: Type.Boolean(), ...blankForm });
  app.get('/networks/new', { onRequest: adminOnly, schema: { response: { 200: newNetworkForm } } }, async (request, reply) => {
    return reply.page('networks/form', { creating: true, values: {}, errors: {} }, { title: request.t('networks.new.title') });
  });

  app.post(
    '/networks',
    {
      onRequest: adminOnly,
      schema: { body: createNetworkBody, response: { 201: NetworkJson } },
      config: { form: { view: 'networks/form', data: () => ({ creating: true }) } },
    },
    async (request, reply) => {
      const { slug, name, description = '', posting = 'anyone', audience = '' } = request.body;
      const network = await createNetwork(db, { slug, name, description, posting, audience });
      reply.flash('notice.networkCreated', { values: { network: network.name } });
      return reply.done(`/n/${network.slug}`, networkJson(network), 201);
    },
  );

  const editForm = Type.Object({ network: NetworkJson });
  app.get('/n/:network/edit', { onRequest: adminOnly, schema: { params: networkSlugParam, response: { 200: editForm } } }, async (request, reply) => {
    const network = networkJson(await loadNetwork(db, request.params.network));
    return reply.page(
      'networks/form',
      {
        network,
        values: { name: network.name, description: network.description, posting: network.posting, audience: network.audience, isDefault: network.isDefault },
        errors: {},
      },
      { json: { network }, title: network.name },
    );
  });

  app.post(
    '/n/:network/edit',
    {
      onRequest: adminOnly,
      schema: { params: networkSlugParam, body: editNetworkBody, response: { 200: NetworkJson } },
      config: {
        form: { view: 'networks/form', data: async (request) => ({ network: networkJson(await loadNetwork(db, (request.params as NetworkParams).network)) }) },
      },
    },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      // The form sends every field, an empty one left out (and so cleared), as the description; who may
      // post and whether it is the default are choices the form always sends, and a script leaving one out keeps it.
      const { name, description = '', posting = network.posting, audience = '', isDefault } = request.body;
      await editNetwork(db, network.id, { name, description, posting, audience, isDefault });
      reply.flash('notice.networkSaved');
      const updated = await queries.findNetworkBySlug(db, network.slug);
      return reply.done(`/n/${network.slug}`, networkJson(updated!), 200);
    },
  );
}
