// A question's answer (POST /p/:postId/accept and /unaccept) and a thread's kind (GET and POST /t/:id/kind).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { signedInOnly } from '../accounts/guards.js';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import { findThreads } from '../posts/posts.queries.js';
import { postParams, threadParams, type ThreadParams } from '../posts/posts.schemas.js';
import { threadTitleFor } from '../posts/present.js';
import { canModerate } from '../posts/visibility.js';
import { AnswerState, KindForm, kindBody, KindState } from './answers.schemas.js';
import { answersService } from './answers.service.js';

export async function answersRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const service = answersService(db, app.config.timeZone);

  app.post('/p/:postId/accept', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: AnswerState } } }, async (request, reply) => {
    const { threadId, answer } = await service.accept(request.viewer!, request.params.postId);
    reply.flash('notice.accepted', { post: request.params.postId });
    return reply.done(`/p/${request.params.postId}`, { thread: threadId, answer }, 200);
  });

  app.post('/p/:postId/unaccept', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: AnswerState } } }, async (request, reply) => {
    const { threadId, answer } = await service.unaccept(request.viewer!, request.params.postId);
    reply.flash('notice.unaccepted', { post: request.params.postId });
    return reply.done(`/p/${request.params.postId}`, { thread: threadId, answer }, 200);
  });

  /** The kind form's thread (its title as the viewer may see it); 403 for anyone but its author and moderators. */
  async function kindFormData(request: FastifyRequest) {
    const [thread] = await findThreads(db, [(request.params as ThreadParams).id]);
    if (!thread) throw new NotFoundError();
    const viewer = request.viewer!;
    if (viewer.id !== thread.author_id && !canModerate(viewer, thread.network_id)) throw new ForbiddenError();
    const heading = threadTitleFor(thread, viewer, request.t);
    return { thread: heading, kind: thread.kind, meeting: thread.kind === 'meeting', network: { slug: thread.network_slug, name: thread.network_name } };
  }

  app.get('/t/:id/kind', { onRequest: signedInOnly, schema: { params: threadParams, response: { 200: KindForm } } }, async (request, reply) => {
    const form = await kindFormData(request);
    return reply.page('threads/kind', { ...form, values: { kind: form.kind }, errors: {} }, { json: form, title: request.t('kinds.change.title') });
  });

  app.post(
    '/t/:id/kind',
    {
      onRequest: signedInOnly,
      schema: { params: threadParams, body: kindBody, response: { 200: KindState } },
      config: { form: { view: 'threads/kind', data: kindFormData } },
    },
    async (request, reply) => {
      const { threadId, kind } = await service.changeKind(request.viewer!, request.params.id, request.body);
      reply.flash('notice.kindChanged', { values: { kind: request.t(`kinds.${kind}`) } });
      return reply.done(`/t/${threadId}`, { thread: threadId, kind }, 200);
    },
  );
}
