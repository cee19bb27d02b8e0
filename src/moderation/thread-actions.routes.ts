// Moderating whole threads: move (with a form), lock/unlock, pin/unpin.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { signedInOnly } from '../accounts/guards.js';
import { NotFoundError } from '../core/errors.js';
import { findThreads } from '../posts/posts.queries.js';
import type { Static } from 'typebox';
import { threadParams, type ThreadParams } from '../posts/posts.schemas.js';
import { movedJson, threadTitleFor } from '../posts/present.js';
import { requireModeratorOf } from './guards.js';
import { ModeratedThread, MoveForm, moveBody } from './moderation.schemas.js';
import { changeThread, moveThread, type ThreadFlagAction } from './thread-actions.service.js';
import { moveTargets } from './thread-actions.present.js';

export async function threadActionsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  async function loadThread(threadId: number) {
    const [thread] = await findThreads(db, [threadId]);
    if (!thread) throw new NotFoundError();
    return thread;
  }

  async function threadJson(request: FastifyRequest, threadId: number): Promise<Static<typeof ModeratedThread>> {
    const thread = await loadThread(threadId);
    const { title, slug } = threadTitleFor(thread, request.viewer, request.t);
    return {
      id: thread.id,
      title,
      slug,
      network: { slug: thread.network_slug, name: thread.network_name },
      pinned: thread.pinned,
      locked: thread.locked,
      moved: movedJson(thread),
    };
  }

  async function moveFormData(request: FastifyRequest) {
    const thread = await loadThread((request.params as ThreadParams).id);
    const heading = threadTitleFor(thread, request.viewer, request.t);
    return {
      thread: { id: thread.id, title: heading.title, network: { slug: thread.network_slug, name: thread.network_name } },
      tools: { moveTargets: await moveTargets(db, thread) },
    };
  }

  app.get('/t/:id/move', { onRequest: signedInOnly, schema: { params: threadParams, response: { 200: MoveForm } } }, async (request, reply) => {
    requireModeratorOf(request.viewer!, (await loadThread(request.params.id)).network_id);
    const data = await moveFormData(request);
    return reply.page('moderation/move-form', { ...data, values: {}, errors: {} }, { title: request.t('moderation.move.title') });
  });

  app.post(
    '/t/:id/move',
    {
      onRequest: signedInOnly,
      schema: { params: threadParams, body: moveBody, response: { 200: ModeratedThread } },
      config: { form: { view: 'moderation/move-form', data: moveFormData } },
    },
    async (request, reply) => {
      await moveThread(db, request.viewer!, request.params.id, request.body);
      const moved = await threadJson(request, request.params.id);
      reply.flash('notice.moved', { values: { network: moved.network.name } });
      return reply.done(`/t/${request.params.id}`, moved, 200);
    },
  );

  for (const action of ['lock', 'unlock', 'pin', 'unpin'] as const satisfies readonly ThreadFlagAction[]) {
    app.post(`/t/:id/${action}`, { onRequest: signedInOnly, schema: { params: threadParams, response: { 200: ModeratedThread } } }, async (request, reply) => {
      await changeThread(db, request.viewer!, request.params.id, action);
      reply.flash({ lock: 'notice.locked', unlock: 'notice.unlocked', pin: 'notice.pinned', unpin: 'notice.unpinned' }[action]);
      return reply.done(`/t/${request.params.id}`, await threadJson(request, request.params.id), 200);
    });
  }
}
