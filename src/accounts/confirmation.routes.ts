// Proven addresses (confirmation.service.ts): the page after registering, the confirmation link
// (GET shows one button, POST confirms: mail scanners open links but do not press buttons), sending the
// link again, the banner every page shows an unconfirmed member, and changing the address from /me
// (POST /me/address; with email on, a link to the new address carries it out: /email/change/:token).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { localPathOfUrl } from '../core/paths.js';
import { allowedOrigins } from '../core/security.js';
import { requireViewer, signedInOnly } from './guards.js';
import { AccountJson } from './accounts.schemas.js';
import { accountJson } from './accounts.routes.js';
import { accountsService } from './accounts.service.js';
import { findAddressOf } from './confirmation.queries.js';
import { confirmationService } from './confirmation.service.js';
import { keepLinkPrivate, linkExpired } from './link-pages.js';
import { findUsableToken } from './tokens.queries.js';

const tokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
const closed = { additionalProperties: false } as const;
const addressBody = Type.Object({ email: Type.String({ maxLength: 254, format: 'email' }), password: Type.String({ minLength: 1, maxLength: 256 }) }, closed);
const LinkPage = Type.Object({ email: Type.String() });
const Resent = Type.Object({ sent: Type.Boolean() });
/** An address change: the address now in use, and whether the new one still waits for its link. */
const AddressJson = Type.Object({ email: Type.String(), pending: Type.Boolean() });

export async function confirmationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const { rateLimits, adminEmails, publicUrl } = app.config;
  const confirmation = confirmationService({ db, adminEmails, attemptLimits: rateLimits, sendEmail: (email) => app.email.sendAccountEmail(email) });
  const accounts = accountsService({ db, adminEmails, attemptLimits: rateLimits });

  // Every page tells a member whose address is not proven yet why they cannot post, and offers the link again.
  app.addLayoutData((request) => {
    const { viewer } = request;
    if (!viewer || viewer.emailConfirmed) return {};
    return findAddressOf(db, viewer.id).then((account) => (account ? { confirmBanner: { email: account.email } } : {}));
  });

  app.get('/register/sent', { schema: { response: { 200: Type.Object({}) } } }, async (request, reply) =>
    reply.page('recovery/registered', {}, { title: request.t('recovery.registered.title') }),
  );

  for (const [path, purpose] of [
    ['/email/confirm/:token', 'email_confirmation'],
    ['/email/change/:token', 'email_change'],
  ] as const) {
    app.get(path, { onRequest: keepLinkPrivate, schema: { params: tokenParams, response: { 200: LinkPage } } }, async (request, reply) => {
      const token = await findUsableToken(db, request.params.token, purpose);
      // A confirmation link is asked for again from the banner, once signed in.
      if (!token?.email) return linkExpired(request, reply, purpose === 'email_change' ? '/me' : '/login');
      return reply.page(
        'recovery/confirm',
        { email: token.email, username: token.username },
        { title: request.t('recovery.confirm.title'), json: { email: token.email } },
      );
    });
  }

  app.post('/email/confirm/:token', { onRequest: keepLinkPrivate, schema: { params: tokenParams, response: { 200: AccountJson } } }, async (request, reply) => {
    const confirmed = await confirmation.confirm(request.params.token, request.sessionId);
    if (!confirmed) return linkExpired(request, reply, '/login');
    reply.useSession(confirmed.session);
    reply.flash('recovery.notice.confirmed', { values: { name: confirmed.account.display_name } });
    return reply.done('/', accountJson(confirmed.account), 200);
  });

  app.post('/email/change/:token', { onRequest: keepLinkPrivate, schema: { params: tokenParams, response: { 200: AddressJson } } }, async (request, reply) => {
    const changed = await confirmation.useAddressChange(request.params.token);
    if (!changed) return linkExpired(request, reply, '/me');
    reply.flash('recovery.notice.addressChanged', { values: { email: changed.email } });
    return reply.done('/me', { email: changed.email, pending: false }, 200);
  });

  app.post('/email/confirm/resend', { onRequest: signedInOnly, schema: { response: { 200: Resent } } }, async (request, reply) => {
    const resent = await confirmation.resend(requireViewer(request).id);
    if (resent) reply.flash('recovery.notice.resent', { values: { email: resent.sentTo } });
    // Back to the page the banner was on.
    return reply.done(localPathOfUrl(request.headers.referer, allowedOrigins(publicUrl)), { sent: resent !== false }, 200);
  });

  app.post(
    '/me/address',
    { onRequest: signedInOnly, schema: { body: addressBody, response: { 200: AddressJson } }, config: { form: { page: 'me' } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const { email, password } = request.body;
      await accounts.requireOwnPassword(viewer.id, password, 'password');
      if (app.email.enabled) {
        await confirmation.requestAddressChange(viewer.id, email);
        reply.flash('recovery.notice.addressPending', { values: { email } });
        const current = (await findAddressOf(db, viewer.id))!;
        return reply.done('/me', { email: current.email, pending: true }, 200);
      }
      await confirmation.changeAddressNow(viewer.id, email);
      reply.flash('recovery.notice.addressChanged', { values: { email } });
      return reply.done('/me', { email, pending: false }, 200);
    },
  );
}
