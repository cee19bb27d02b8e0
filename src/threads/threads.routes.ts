import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { signedInOnly } from '../accounts/guards.js';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import { loadNetwork, networkSlugParam, type NetworkParams } from '../networks/public.js';
import { findPosts } from '../posts/posts.queries.js';
import { PostJson, postParams, threadParams, type PostParams, type ThreadParams } from '../posts/posts.schemas.js';
import { mayChangePost, postJson, threadTitleFor } from '../posts/present.js';
import * as queries from './threads.queries.js';
import {
  DeleteForm,
  EditForm,
  editPostBody,
  NewThreadForm,
  newThreadBody,
  PostedReply,
  ReplyForm,
  replyBody,
  replyFormQuery,
  StartedThread,
  submissionHeaders,
} from './threads.schemas.js';
import { placeOfPost, threadsService } from './threads.service.js';
import { threadUrl } from './paging.js';
import { loadThread } from './public.js';
import { checkOfferTerms, upsertOffer } from '../offers/public.js';

/** The form's one-time key, or the script's Idempotency-Key header; undefined when neither is sent. */
function submissionKeyOf(request: { body: { submission?: string }; headers: Static<typeof submissionHeaders> }): string | undefined {
  return request.body.submission ?? request.headers['idempotency-key'];
}

/** The start of a post's text as the delete page quotes it: whitespace collapsed, at most EXCERPT_LENGTH characters. */
const EXCERPT_LENGTH = 280;
function excerptOf(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}

/** A submission key is good for a day; then sending the same key makes something new. */
const SUBMISSION_KEPT_MS = 24 * 60 * 60 * 1000;

export async function threadsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const service = threadsService({ db, postingLimits: app.config.rateLimits });
  app.housekeeping.every({
    name: 'old submission keys',
    everyMs: 60 * 60 * 1000,
    run: (now) => queries.pruneSubmissions(db, new Date(now.getTime() - SUBMISSION_KEPT_MS)),
  });

  /** The new-thread form's network and its rules (the page's data and its JSON). */
  async function newThreadFormData(slug: string) {
    const network = await queries.findNetworkForPosting(db, slug);
    if (!network) throw new NotFoundError();
    return { network: { slug: network.slug, name: network.name }, rules: network.rule_titles };
  }

  /** The reply form's thread, its title and slug as this viewer may see them, and the network's rules. */
  function replyFormData(request: FastifyRequest, thread: queries.ThreadPageRow) {
    const heading = threadTitleFor(thread, request.viewer, request.t);
    return {
      thread: { ...heading, network: { slug: thread.network_slug, name: thread.network_name }, locked: thread.locked },
      rules: thread.rule_titles,
    };
  }

  /** A refused reply's form: as the reply page showed it, saying whom it answers (the post `parentId` names). */
  async function replyFormAgain(request: FastifyRequest, thread: queries.ThreadPageRow) {
    const parentId = Number((request.body as { parentId?: unknown } | null)?.parentId);
    const [parent] = Number.isSafeInteger(parentId) && parentId > 0 && parentId <= 2 ** 31 - 1 ? await findPosts(db, [parentId]) : [];
    return { ...replyFormData(request, thread), parent: parent?.thread_id === thread.id ? postJson(parent, request.viewer) : null };
  }

  /** The edit form's post and thread (the title as this viewer may see it); the stored text goes in `values`. */
  function editFormData(request: FastifyRequest, post: queries.PostPlacement, thread: queries.ThreadPageRow) {
    return {
      post: { id: post.id, threadId: post.thread_id },
      thread: threadTitleFor(thread, request.viewer, request.t),
      isOpening: post.parent_id === null,
    };
  }

  async function loadEditablePost(viewer: Viewer | null, postId: number) {
    const post = await queries.findPostPlacement(db, postId);
    if (!post) throw new NotFoundError();
    if (!mayChangePost(viewer, post) || post.deleted_at) throw new ForbiddenError();
    return { post, thread: await loadThread(db, post.thread_id) };
  }

  app.get('/n/:network/new', { onRequest: signedInOnly, schema: { params: networkSlugParam, response: { 200: NewThreadForm } } }, async (request, reply) => {
    const form = await newThreadFormData(request.params.network);
    return reply.page('threads/new', { ...form, values: {}, errors: {} }, { json: form, title: request.t('threads.new.title') });
  });

  app.post(
    '/n/:network/threads',
    {
      onRequest: signedInOnly,
      schema: { params: networkSlugParam, body: newThreadBody, headers: submissionHeaders, response: { 201: StartedThread } },
      config: { form: { view: 'threads/new', data: (request) => newThreadFormData((request.params as NetworkParams).network) } },
    },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      const { kind = 'question', until, audience, ...text } = request.body;
      // An offer's day and audience are checked before anything is written (400 naming `until`).
      const offer = kind === 'offer' ? checkOfferTerms({ until, audience }, app.config.timeZone, new Date()) : null;
      const { threadId, post } = await service.createThread(
        request.viewer!,
        network,
        { ...text, kind, language: request.locale, submissionKey: submissionKeyOf(request) },
        offer ? (tx, id) => upsertOffer(tx, { threadId: id, ...offer }) : undefined,
      );
      const json = { id: threadId, title: request.body.title, network: network.slug, posts: [postJson(post, request.viewer)] };
      reply.flash('notice.threadStarted', { post: post.id });
      return reply.done(`/t/${threadId}`, json, 201);
    },
  );

  app.get(
    '/t/:id/reply',
    { onRequest: signedInOnly, schema: { params: threadParams, querystring: replyFormQuery, response: { 200: ReplyForm } } },
    async (request, reply) => {
      const thread = await loadThread(db, request.params.id);
      const parentId = request.query.to;
      const [parent] = parentId ? await findPosts(db, [parentId]) : [];
      if (parentId && (!parent || parent.thread_id !== thread.id)) throw new NotFoundError();
      const form = { ...replyFormData(request, thread), parent: parent ? postJson(parent, request.viewer) : null };
      return reply.page('threads/reply', { ...form, values: { parentId }, errors: {} }, { json: form, title: form.thread.title });
    },
  );

  app.post(
    '/t/:id/replies',
    {
      onRequest: signedInOnly,
      schema: { params: threadParams, body: replyBody, headers: submissionHeaders, response: { 201: PostedReply } },
      config: { form: { view: 'threads/reply', data: async (request) => replyFormAgain(request, await loadThread(db, (request.params as ThreadParams).id)) } },
    },
    async (request, reply) => {
      // The service answers 404 for a thread that does not exist, from the row it locks.
      const threadId = request.params.id;
      const { post, place } = await service.reply(request.viewer!, threadId, {
        ...request.body,
        language: request.locale,
        submissionKey: submissionKeyOf(request),
      });
      reply.flash('notice.replied', { post: post.id });
      // The serializer sends the fields PostedReply names.
      return reply.done(threadUrl(threadId, place, post.id), postJson(post, request.viewer), 201);
    },
  );

  app.get('/p/:postId', { schema: { params: postParams } }, async (request, reply) => {
    const post = await queries.findPostPlacement(db, request.params.postId);
    if (!post) throw new NotFoundError();
    return reply.redirect(threadUrl(post.thread_id, await placeOfPost(db, post), post.id), 302);
  });

  app.get('/p/:postId/edit', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: EditForm } } }, async (request, reply) => {
    const { post, thread } = await loadEditablePost(request.viewer, request.params.postId);
    const form = editFormData(request, post, thread);
    const values = { body: post.body, title: form.isOpening ? thread.title : undefined };
    return reply.page('threads/edit', { ...form, values, errors: {} }, { json: { ...form, values }, title: form.thread.title });
  });

  app.post(
    '/p/:postId/edit',
    {
      onRequest: signedInOnly,
      schema: { params: postParams, body: editPostBody, response: { 200: PostJson } },
      config: {
        form: {
          view: 'threads/edit',
          data: async (request) => {
            const { post, thread } = await loadEditablePost(request.viewer, (request.params as PostParams).postId);
            return editFormData(request, post, thread);
          },
        },
      },
    },
    async (request, reply) => {
      const { threadId, post } = await service.editPost(request.viewer!, request.params.postId, request.body);
      reply.flash('notice.edited', { post: post.id });
      return reply.done(`/p/${request.params.postId}`, { ...postJson(post, request.viewer), threadId }, 200);
    },
  );

  // Deleting asks first: this page (without JavaScript), or static/js/confirm.js's dialog in front of the same POST.
  app.get('/p/:postId/delete', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: DeleteForm } } }, async (request, reply) => {
    const { post, thread } = await loadEditablePost(request.viewer, request.params.postId);
    const form = { post: { id: post.id, threadId: post.thread_id, excerpt: excerptOf(post.body) }, thread: threadTitleFor(thread, request.viewer, request.t) };
    return reply.page('threads/delete', form, { title: request.t('threads.delete.title') });
  });

  app.post('/p/:postId/delete', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: PostJson } } }, async (request, reply) => {
    const { post } = await service.deletePost(request.viewer!, request.params.postId);
    // In the tombstone, beside the Undo its author gets.
    reply.flash(post.author_id === request.viewer!.id ? 'notice.deleted' : 'notice.deletedOther', { post: post.id });
    return reply.done(`/p/${request.params.postId}`, postJson(post, request.viewer), 200);
  });

  // The author's Undo on the tombstone, for UNDO_DELETE_MINUTES after deleting (the database decides).
  app.post('/p/:postId/restore', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: PostJson } } }, async (request, reply) => {
    const { post } = await service.restorePost(request.viewer!, request.params.postId);
    reply.flash('notice.restored', { post: post.id });
    return reply.done(`/p/${request.params.postId}`, postJson(post, request.viewer), 200);
  });
}
