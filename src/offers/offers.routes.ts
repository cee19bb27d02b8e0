// Offers: GET /offers (the current offers made to the viewer, newest first) and POST /t/:id/offer (its
// author ends it early, extends it or marks it taken).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { signedInOnly } from '../accounts/guards.js';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import { threadParams, type ThreadParams } from '../posts/posts.schemas.js';
import { OfferChanged, offerChangeBody, OffersPage } from './offers.schemas.js';
import { forumToday, offerJson, offersService } from './offers.service.js';
import { currentOffersFor, offerOfThread } from './public.js';

export async function offersRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const { timeZone } = app.config;
  const service = offersService(db, timeZone);

  app.get('/offers', { schema: { response: { 200: OffersPage } } }, async (request, reply) => {
    const offers = await currentOffersFor(db, request.viewer, request.t, timeZone);
    const json = { offers };
    return reply.page('offers/index', { ...json, signedIn: !!request.viewer }, { json, title: request.t('offers.title') });
  });

  /** The offer's page of its own (its tools, and a refused new date shown again): 404 for no offer, 403 for anyone but its author and moderators. */
  async function changeFormData(request: FastifyRequest) {
    const offer = await offerOfThread(db, (request.params as ThreadParams).id, request.viewer, request.t, timeZone);
    if (!offer) throw new NotFoundError();
    if (!offer.canChange) throw new ForbiddenError();
    return { offer };
  }

  app.get('/t/:id/offer', { onRequest: signedInOnly, schema: { params: threadParams, response: { 200: OfferChanged } } }, async (request, reply) => {
    const { offer } = await changeFormData(request);
    return reply.page('offers/change', { offer, values: { until: offer.until }, errors: {} }, { json: { offer }, title: offer.title });
  });

  app.post(
    '/t/:id/offer',
    {
      onRequest: signedInOnly,
      schema: { params: threadParams, body: offerChangeBody, response: { 200: OfferChanged } },
      config: { form: { view: 'offers/change', data: changeFormData } },
    },
    async (request, reply) => {
      const now = new Date();
      const row = await service.change(request.viewer!, request.params.id, { action: request.body.action, until: request.body.until || undefined }, now);
      const offer = offerJson(row, request.viewer, request.t, forumToday(timeZone, now));
      reply.flash({ end: 'notice.offerEnded', extend: 'notice.offerExtended', taken: 'notice.offerTaken' }[request.body.action], {
        values: { until: offer.until },
      });
      return reply.done(`/t/${offer.threadId}`, { offer }, 200);
    },
  );
}
