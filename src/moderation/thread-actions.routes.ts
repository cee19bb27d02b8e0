// Moderating whole threads: move (with a form), lock/unlock, pin/unpin.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { signedInOnly } from '../accounts/guards.js';
import { NotFoundError } from '../core/errors.js';
import { findThreads } from '../posts/posts.queries.js';
import { threadParams, type ThreadParams } from '../posts/posts.schemas.js';
import { movedJson, threadTitleFor } from '../posts/present.js';
import { requireModeratorOf } from './guards.js';
import { changeThread, moveThread, type MoveInput, type ThreadFlagAction } from './thread-actions.service.js';
import { moveTargets } from './thread-actions.present.js';

const moveBody = {
  type: 'object',
  required: ['network', 'note'],
  properties: {
    network: { type: 'string', minLength: 1, maxLength: 40 },
    note: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

export async function threadActionsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  async function loadThread(threadId: number) {
    const [thread] = await findThreads(db, [threadId]);
    if (!thread) throw new NotFoundError();
    return thread;
  }

  async function threadJson(request: FastifyRequest<{ Params: ThreadParams }>) {
    const thread = await loadThread(request.params.id);
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
    return { thread: { id: thread.id, title: heading.title, network: { slug: thread.network_slug, name: thread.network_name } }, tools: { moveTargets: await moveTargets(db, thread) } };
  }

  app.get<{ Params: ThreadParams }>('/t/:id/move', { onRequest: signedInOnly, schema: { params: threadParams } }, async (request, reply) => {
    requireModeratorOf(request.viewer!, (await loadThread(request.params.id)).network_id);
    const data = await moveFormData(request);
    return reply.page('moderation/move-form', { ...data, values: {}, errors: {} }, { title: request.t('moderation.move.title') });
  });

  app.post<{ Params: ThreadParams; Body: MoveInput }>(
    '/t/:id/move',
    {
      onRequest: signedInOnly,
      schema: { params: threadParams, body: moveBody },
      config: { form: { view: 'moderation/move-form', data: moveFormData } },
    },
    async (request, reply) => {
      await moveThread(db, request.viewer!, request.params.id, request.body);
      return reply.done(`/t/${request.params.id}`, await threadJson(request), 200);
    },
  );

  for (const action of ['lock', 'unlock', 'pin', 'unpin'] as const satisfies readonly ThreadFlagAction[]) {
    app.post<{ Params: ThreadParams }>(`/t/:id/${action}`, { onRequest: signedInOnly, schema: { params: threadParams } }, async (request, reply) => {
      await changeThread(db, request.viewer!, request.params.id, action);
      return reply.done(`/t/${request.params.id}`, await threadJson(request), 200);
    });
  }
}
