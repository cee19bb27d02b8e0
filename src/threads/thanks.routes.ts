// Thanks: POST /p/:postId/thanks toggles the viewer's thanks; GET /p/:postId/thanks lists who thanked.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { signedInOnly } from '../accounts/guards.js';
import { NotFoundError } from '../core/errors.js';
import { findPosts, findThreads } from '../posts/posts.queries.js';
import { postParams } from '../posts/posts.schemas.js';
import { personName, threadTitleFor, visibilityOf } from '../posts/present.js';
import { bodyIsReadable } from '../posts/visibility.js';
import { ThanksList, ThanksState } from './answers.schemas.js';
import { listThanks } from './thanks.queries.js';
import { thanksService } from './thanks.service.js';

/** The list shows this many, the latest first; the count says how many in all. */
const THANKS_LISTED = 200;

export async function thanksRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const service = thanksService(db);

  app.post('/p/:postId/thanks', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: ThanksState } } }, async (request, reply) => {
    const { postId, thanked, count } = await service.toggle(request.viewer!, request.params.postId);
    reply.flash(thanked ? 'notice.thanked' : 'notice.unthanked', { post: postId });
    return reply.done(`/p/${postId}`, { post: postId, thanked, count }, 200);
  });

  // Who thanked: for whoever may read the post; a post hidden from the viewer (or deleted) shows none (404).
  app.get('/p/:postId/thanks', { schema: { params: postParams, response: { 200: ThanksList } } }, async (request, reply) => {
    const [post] = await findPosts(db, [request.params.postId]);
    if (!post || !bodyIsReadable(visibilityOf(post, request.viewer))) throw new NotFoundError();
    const [[thread], rows] = await Promise.all([findThreads(db, [post.thread_id]), listThanks(db, post.id, THANKS_LISTED)]);
    const people = rows.map((row) => {
      const name = personName(row.username, row.display_name, row.deleted_at);
      return { username: name.username, displayName: name.displayName, former: name.former, thankedAt: row.created_at.toISOString() };
    });
    const json = {
      post: { id: post.id, threadId: post.thread_id },
      thread: threadTitleFor(thread!, request.viewer, request.t),
      count: post.thanks_count,
      people,
    };
    return reply.page('threads/thanks', json, { json, title: request.t('thanks.list.title') });
  });
}
