import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { signedInOnly } from '../accounts/guards.js';
import { NotFoundError } from '../core/errors.js';
import { loadNetwork, networkSlugParam } from '../networks/public.js';
import { findPosts } from '../posts/posts.queries.js';
import { PostJson, postParams, type PostParams } from '../posts/posts.schemas.js';
import { postJson } from '../posts/present.js';
import { convenersJson, convenersPageData } from './conveners-page.js';
import { listRuleTitles } from './rules.queries.js';
import { CONFIRM_SCRIPT } from './confirm-script.js';
import { requireModeratorOf } from './guards.js';
import { ConvenersJson, ConvenersPage, convenerParams, ReasonForm, reasonBody, usernameBody } from './moderation.schemas.js';
import { appointConvener, hidePost, removeConvener, unhidePost } from './moderation.service.js';

export async function moderationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  /** The hide form's data: the post as this viewer may see it, and the network's rules to choose from. */
  async function postFormData(request: FastifyRequest) {
    const [post] = await findPosts(db, [(request.params as PostParams).postId]);
    if (!post) throw new NotFoundError();
    return { post: postJson(post, request.viewer), action: `/p/${post.id}/hide`, rules: await listRuleTitles(db, post.network_id), scripts: CONFIRM_SCRIPT };
  }

  app.get('/p/:postId/hide', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: ReasonForm } } }, async (request, reply) =>
    reply.page(
      'moderation/reason-form',
      { ...(await postFormData(request)), purpose: 'hide', values: {}, errors: {} },
      { title: request.t('moderation.hide.submit') },
    ),
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

  const pageData = (request: FastifyRequest) => convenersPageData(db, request);

  // The network's moderators see who convenes it; admins appoint and remove them here.
  app.get(
    '/n/:network/conveners',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, response: { 200: ConvenersPage } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      requireModeratorOf(request.viewer!, network.id);
      const data = await convenersPageData(db, request);
      return reply.page(
        'moderation/conveners',
        { ...data, values: {}, errors: {} },
        {
          json: { network: network.slug, conveners: data.conveners, invitations: data.invitations },
          title: request.t('moderation.conveners.title', { network: network.name }),
        },
      );
    },
  );

  app.post(
    '/n/:network/conveners',
    {
      onRequest: signedInOnly,
      schema: { params: networkSlugParam, body: usernameBody, response: { 200: ConvenersJson } },
      config: { form: { view: 'moderation/conveners', data: pageData } },
    },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      await appointConvener(db, request.viewer!, network.id, request.body.username);
      reply.flash('notice.convenerAppointed', { values: { name: request.body.username, network: network.name } });
      return reply.done(`/n/${network.slug}/conveners`, { network: network.slug, conveners: await convenersJson(db, network.id) }, 200);
    },
  );

  app.post(
    '/n/:network/conveners/:username/remove',
    { onRequest: signedInOnly, schema: { params: convenerParams, response: { 200: ConvenersJson } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      await removeConvener(db, request.viewer!, network.id, request.params.username);
      reply.flash('notice.convenerRemoved', { values: { name: request.params.username, network: network.name } });
      return reply.done(`/n/${network.slug}/conveners`, { network: network.slug, conveners: await convenersJson(db, network.id) }, 200);
    },
  );
}
