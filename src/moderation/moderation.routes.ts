import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { signedInOnly } from '../accounts/guards.js';
import { NotFoundError } from '../core/errors.js';
import { loadNetwork, networkSlugParam } from '../networks/public.js';
import { findPosts } from '../posts/posts.queries.js';
import { PostJson, postParams, type PostParams } from '../posts/posts.schemas.js';
import { postJson } from '../posts/present.js';
import { listConveners } from './moderation.queries.js';
import { ConvenersJson, convenerParams, ReasonForm, reasonBody, usernameBody } from './moderation.schemas.js';
import { appointConvener, hidePost, removeConvener, unhidePost } from './moderation.service.js';

export async function moderationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  async function postFormData(request: FastifyRequest) {
    const [post] = await findPosts(db, [(request.params as PostParams).postId]);
    if (!post) throw new NotFoundError();
    return { post: postJson(post, request.viewer), action: request.url };
  }

  app.get('/p/:postId/hide', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: ReasonForm } } }, async (request, reply) =>
    reply.page('moderation/reason-form', { ...(await postFormData(request)), purpose: 'hide', values: {}, errors: {} }),
  );

  app.post(
    '/p/:postId/hide',
    {
      onRequest: signedInOnly,
      schema: { params: postParams, body: reasonBody, response: { 200: PostJson } },
      config: { form: { view: 'moderation/reason-form', data: async (request) => ({ ...(await postFormData(request)), purpose: 'hide' }) } },
    },
    async (request, reply) => {
      const post = await hidePost(db, request.viewer!, request.params.postId, request.body);
      reply.flash('notice.hidden', { post: request.params.postId });
      return reply.done(`/p/${request.params.postId}`, postJson(post, request.viewer), 200);
    },
  );

  app.post('/p/:postId/unhide', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: PostJson } } }, async (request, reply) => {
    const post = await unhidePost(db, request.viewer!, request.params.postId);
    reply.flash('notice.unhidden', { post: request.params.postId });
    return reply.done(`/p/${request.params.postId}`, postJson(post, request.viewer), 200);
  });

  async function convenersJson(networkId: number) {
    return (await listConveners(db, [networkId])).map((c) => ({ username: c.username, displayName: c.display_name }));
  }

  app.post(
    '/n/:network/conveners',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, body: usernameBody, response: { 200: ConvenersJson } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      await appointConvener(db, request.viewer!, network.id, request.body.username);
      reply.flash('notice.convenerAppointed', { values: { name: request.body.username, network: network.name } });
      return reply.done(`/n/${network.slug}/edit`, { network: network.slug, conveners: await convenersJson(network.id) }, 200);
    },
  );

  app.post(
    '/n/:network/conveners/:username/remove',
    { onRequest: signedInOnly, schema: { params: convenerParams, response: { 200: ConvenersJson } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      await removeConvener(db, request.viewer!, network.id, request.params.username);
      reply.flash('notice.convenerRemoved', { values: { name: request.params.username, network: network.name } });
      return reply.done(`/n/${network.slug}/edit`, { network: network.slug, conveners: await convenersJson(network.id) }, 200);
    },
  );
}
