import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { adminOnly, requireAdmin, signedInOnly } from '../accounts/guards.js';
import { NotFoundError } from '../core/errors.js';
import { loadNetwork, networkSlugParam, type NetworkRow } from '../networks/public.js';
import { findPosts } from '../posts/posts.queries.js';
import { postParams, type PostParams } from '../posts/posts.schemas.js';
import { postJson, withThreadPath } from '../posts/present.js';
import { flagJson, reviewItemJson, thresholdJson } from './flags.present.js';
import { listReviewPosts, openFlagsOf } from './flags.queries.js';
import { Dismissed, Flagged, NetworkThreshold, ReviewPage, reviewQuery, thresholdBody } from './flags.schemas.js';
import { dismissFlags, effectiveThreshold, flagPost, setFlagThreshold } from './flags.service.js';
import { requireModeratorOf } from './guards.js';
import { listRuleTitles, listRuleTitlesOf } from './rules.queries.js';
import { CONFIRM_SCRIPT } from './confirm-script.js';
import { ReasonForm, reasonBody } from './moderation.schemas.js';

export const REVIEW_PAGE_SIZE = 30;

export async function flagsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  async function loadPost(request: FastifyRequest) {
    const [post] = await findPosts(db, [(request.params as PostParams).postId]);
    if (!post) throw new NotFoundError();
    return post;
  }

  /** The flag form's data: the post as this viewer may see it (a placeholder if it is hidden from them). */
  async function flagFormData(request: FastifyRequest) {
    const post = await loadPost(request);
    return { post: postJson(post, request.viewer), action: `/p/${post.id}/flag`, purpose: 'flag', rules: await listRuleTitles(db, post.network_id) };
  }

  app.get('/p/:postId/flag', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: ReasonForm } } }, async (request, reply) =>
    reply.page('moderation/reason-form', { ...(await flagFormData(request)), values: {}, errors: {} }, { title: request.t('moderation.flag.submit') }),
  );

  app.post(
    '/p/:postId/flag',
    {
      onRequest: signedInOnly,
      schema: { params: postParams, body: reasonBody, response: { 200: Flagged, 201: Flagged } },
      config: { form: { view: 'moderation/reason-form', data: flagFormData } },
    },
    async (request, reply) => {
      const { postId } = request.params;
      const result = await flagPost(db, request.viewer!, postId, request.body);
      reply.flash(result.created ? 'moderation.flag.thanks' : 'moderation.flag.already', { post: postId });
      // 201 for a new flag; 200 with the stored flag when the member had flagged the post before.
      return reply.done(
        `/p/${postId}`,
        { flag: flagJson(result.flag), created: result.created, post: postJson(result.post, request.viewer) },
        result.created ? 201 : 200,
      );
    },
  );

  app.post('/p/:postId/dismiss', { onRequest: signedInOnly, schema: { params: postParams, response: { 200: Dismissed } } }, async (request, reply) => {
    const { postId } = request.params;
    const { networkSlug, restored, post } = await dismissFlags(db, request.viewer!, postId);
    reply.flash(restored ? 'notice.flagsDismissedShown' : 'notice.flagsDismissed');
    return reply.done(`/n/${networkSlug}/review`, { restored, post: postJson(post, request.viewer) }, 200);
  });

  app.post(
    '/n/:network/flag-threshold',
    { onRequest: adminOnly, schema: { params: networkSlugParam, body: thresholdBody, response: { 200: NetworkThreshold } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      const threshold = await setFlagThreshold(db, request.viewer!, network.id, request.body.threshold ?? null);
      reply.flash('notice.thresholdSaved');
      return reply.done(`/n/${network.slug}/review`, { network: network.slug, threshold: thresholdJson(threshold) }, 200);
    },
  );

  /**
   * One page of the queue: one query for the posts, one for all their flags. The page also gets, per
   * post, its network's rules (one query; to hide by a rule from the list) and who hid it.
   */
  async function reviewPage(request: FastifyRequest, network: NetworkRow | null, before: number | undefined) {
    const rows = await listReviewPosts(db, network ? [network.id] : null, REVIEW_PAGE_SIZE + 1, before);
    const page = rows.slice(0, REVIEW_PAGE_SIZE);
    const [flags, rules] = await Promise.all([
      openFlagsOf(
        db,
        page.map((row) => row.id),
      ),
      listRuleTitlesOf(db, [...new Set(page.map((row) => row.network_id))]),
    ]);
    const posts = page.map((row) => reviewItemJson(row, flags, request.viewer));
    const nextCursor = rows.length > REVIEW_PAGE_SIZE ? page.at(-1)!.latest_flag_id : null;
    const threshold = network ? thresholdJson(await effectiveThreshold(db, network.id)) : null;
    const json: ReviewPage = {
      network: network ? { slug: network.slug, name: network.name } : null,
      threshold,
      posts,
      nextCursor,
    };
    const extras = page.map((row) => ({
      rules: rules.filter((rule) => rule.network_id === row.network_id).map((rule) => ({ number: rule.number, title: rule.title })),
      hiddenBy: row.hidden_kind === 'community' ? 'community' : row.hidden_by_admin ? 'admin' : 'convener',
      hiddenRuleTitle: row.hidden_rule_title,
    }));
    return { json, extras };
  }

  /** The page links each post's thread (the JSON names it), and gives each post its network's rules and who hid it. */
  function reviewPageData({ json, extras }: Awaited<ReturnType<typeof reviewPage>>) {
    return {
      ...json,
      posts: json.posts.map((item, i) => ({
        ...item,
        ...extras[i],
        post: { ...item.post, hiddenBy: extras[i]!.hiddenBy, hiddenRuleTitle: extras[i]!.hiddenRuleTitle },
        thread: withThreadPath(item.thread),
      })),
      scripts: CONFIRM_SCRIPT,
    };
  }

  app.get(
    '/n/:network/review',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, querystring: reviewQuery, response: { 200: ReviewPage } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      requireModeratorOf(request.viewer!, network.id);
      const page = await reviewPage(request, network, request.query.before);
      const title = request.t('moderation.review.title', { network: network.name });
      const canSetThreshold = request.viewer!.role === 'admin';
      return reply.page('moderation/review', { ...reviewPageData(page), heading: title, canSetThreshold, values: {}, errors: {} }, { json: page.json, title });
    },
  );

  app.get('/review', { onRequest: signedInOnly, schema: { querystring: reviewQuery, response: { 200: ReviewPage } } }, async (request, reply) => {
    requireAdmin(request.viewer!);
    const page = await reviewPage(request, null, request.query.before);
    const title = request.t('moderation.review.allTitle');
    return reply.page('moderation/review', { ...reviewPageData(page), heading: title, allNetworks: true }, { json: page.json, title });
  });
}
