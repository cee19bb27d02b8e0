// Following boards, watching threads, and the following page.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireViewer, signedInOnly } from '../accounts/guards.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { loadNetwork, networkSlugParam } from '../networks/public.js';
import { findThreads } from '../posts/posts.queries.js';
import { threadParams } from '../posts/posts.schemas.js';
import { personName, threadPath, threadTitleFor, withThreadPath } from '../posts/present.js';
import * as queries from './following.queries.js';
import { followBody, FollowingPage, followingQuery, FollowState, WatchState } from './following.schemas.js';
import { changeWatch, followNetwork, unfollowNetwork } from './following.service.js';

/** Threads per page of /following. */
const FOLLOWING_PAGE_SIZE = 30;

/** The largest id a thread can have (an int4 column). */
const MAX_THREAD_ID = 2_147_483_647;
/** The last moment a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

/** "<last activity in ms>.<thread id>", as the page's next link gives it; 400 naming `before` for anything else. */
function decodeFollowingCursor(raw: string): { at: Date; id: number } {
  const [ms, id] = raw.split('.').map(Number) as [number, number];
  // The schema's pattern has made both whole numbers; their ranges are checked here.
  if (id > MAX_THREAD_ID || ms > MAX_DATE_MS) throw new ValidationError({ before: 'validation.invalid' });
  return { at: new Date(ms), id };
}

export async function followingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  async function loadThread(threadId: number) {
    const [thread] = await findThreads(db, [threadId]);
    if (!thread) throw new NotFoundError();
    return thread;
  }

  // ------------------------------------------------------------------------------------------
  // Following a board

  app.post(
    '/n/:network/follow',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, body: followBody, response: { 200: FollowState } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      const level = request.body?.level ?? 'threads';
      await followNetwork(db, request.viewer!.id, network.id, level);
      const state = await queries.followState(db, network.id, request.viewer!.id);
      reply.flash(level === 'posts' ? 'notice.followedPosts' : 'notice.followed', { values: { network: network.name } });
      return reply.done(`/n/${network.slug}`, { network: network.slug, following: state.level, followers: state.followers }, 200);
    },
  );

  app.post(
    '/n/:network/unfollow',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, response: { 200: FollowState } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      await unfollowNetwork(db, request.viewer!.id, network.id);
      reply.flash('notice.unfollowed', { values: { network: network.name } });
      const state = await queries.followState(db, network.id, request.viewer!.id);
      return reply.done(`/n/${network.slug}`, { network: network.slug, following: null, followers: state.followers }, 200);
    },
  );

  // ------------------------------------------------------------------------------------------
  // Watching a thread

  for (const [action, state] of [
    ['watch', 'watching'],
    ['unwatch', null],
    ['mute', 'muted'],
  ] as const) {
    app.post(`/t/:id/${action}`, { onRequest: signedInOnly, schema: { params: threadParams, response: { 200: WatchState } } }, async (request, reply) => {
      const thread = await loadThread(request.params.id);
      await changeWatch(db, request.viewer!.id, thread.id, state);
      reply.flash(state === 'watching' ? 'notice.watching' : state === 'muted' ? 'notice.muted' : 'notice.unwatched');
      return reply.done(threadPath(threadTitleFor(thread, request.viewer, request.t)), { thread: thread.id, watch: state }, 200);
    });
  }

  // ------------------------------------------------------------------------------------------
  // The following page

  app.get('/following', { onRequest: signedInOnly, schema: { querystring: followingQuery, response: { 200: FollowingPage } } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const before = request.query.before === undefined ? undefined : decodeFollowingCursor(request.query.before);
    const [networks, rows] = await Promise.all([
      request.query.before === undefined ? queries.followedNetworks(db, viewer.id) : Promise.resolve(undefined),
      queries.listFollowedThreads(db, viewer.id, FOLLOWING_PAGE_SIZE + 1, before),
    ]);
    const page = rows.slice(0, FOLLOWING_PAGE_SIZE);
    const last = page.at(-1);
    const nextCursor = rows.length > FOLLOWING_PAGE_SIZE && last ? `${last.last_activity_at.getTime()}.${last.id}` : null;
    const threads = page.map((row) => {
      const heading = threadTitleFor(row, viewer, request.t);
      return {
        id: row.id,
        title: heading.titleHidden ? null : heading.title,
        slug: heading.slug,
        network: { slug: row.network_slug, name: row.network_name },
        author: personName(row.author_username, row.author_display_name, row.author_deleted_at),
        replyCount: row.reply_count,
        lastActivityAt: row.last_activity_at.toISOString(),
        lastPoster: row.last_poster_username ? personName(row.last_poster_username, row.last_poster_display_name!, row.last_poster_deleted_at) : null,
        unread: !!row.unread,
      };
    });
    const json = { networks: networks?.map((n) => ({ slug: n.slug, name: n.name, level: n.level })), threads, nextCursor };
    return reply.page('following/index', { ...json, threads: threads.map(withThreadPath), firstPage: !before }, { json, title: request.t('following.title') });
  });
}
