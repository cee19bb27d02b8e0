// Inviting a co-convener from the conveners page, taking the invitation back, and the invitee's answer
// from their notifications. A refused form draws the conveners page again, the message beside the field.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireViewer, signedInOnly } from '../accounts/guards.js';
import { loadNetwork, networkSlugParam } from '../networks/public.js';
import { InvitationAnswered, inviteBody, InvitationSent, InvitationWithdrawn } from './convener-invitations.schemas.js';
import { answerInvitation, inviteConvener, withdrawInvitation } from './convener-invitations.service.js';
import { convenersPageData } from './conveners-page.js';

export async function convenerInvitationsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const onPage = { form: { view: 'moderation/conveners', data: (request: Parameters<typeof convenersPageData>[1]) => convenersPageData(db, request) } };

  app.post(
    '/n/:network/conveners/invitations',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, body: inviteBody, response: { 200: InvitationSent } }, config: onPage },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      const { username } = request.body;
      const { invited } = await inviteConvener(db, requireViewer(request), network.id, username);
      if (invited) reply.flash('notice.conveners.invited', { values: { name: username, network: network.name } });
      return reply.done(`/n/${network.slug}/conveners`, { network: network.slug, username, invited }, 200);
    },
  );

  app.post(
    '/n/:network/conveners/invitations/withdraw',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, body: inviteBody, response: { 200: InvitationWithdrawn } }, config: onPage },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      const { username } = request.body;
      await withdrawInvitation(db, requireViewer(request), network.id, username);
      reply.flash('notice.conveners.withdrawn', { values: { name: username } });
      return reply.done(`/n/${network.slug}/conveners`, { network: network.slug, username }, 200);
    },
  );

  for (const [answer, accept] of [
    ['accept', true],
    ['decline', false],
  ] as const) {
    app.post(
      `/n/:network/conveners/invitations/${answer}`,
      { onRequest: signedInOnly, schema: { params: networkSlugParam, response: { 200: InvitationAnswered } } },
      async (request, reply) => {
        const network = await loadNetwork(db, request.params.network);
        await answerInvitation(db, requireViewer(request), network.id, accept);
        reply.flash(accept ? 'notice.conveners.joined' : 'notice.conveners.declined', { values: { network: network.name } });
        // A new convener lands on the guide; a refusal, back where it was made.
        return reply.done(accept ? '/guide/conveners' : '/notifications', { network: network.slug, accepted: accept }, 200);
      },
    );
  }
}
