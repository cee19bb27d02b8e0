// The email setting on /me, and one-click unsubscribe (no sign-in: the signed token is the key).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { signedInOnly } from '../accounts/guards.js';
import { HttpError } from '../core/errors.js';
import { accountExists } from './email.queries.js';
import { emailBody, tokenParams } from './email.schemas.js';
import { changeEmailFrequency } from './email.service.js';

export async function emailRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  // RFC 8058 one-click unsubscribe may POST multipart/form-data; its body says nothing we need.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, _body, done) => done(null, {}));

  app.post(
    '/me/email',
    {
      onRequest: signedInOnly,
      schema: { body: emailBody, response: { 200: emailBody } },
      config: { form: { page: 'me' } },
    },
    async (request, reply) => {
      await changeEmailFrequency(db, request.viewer!.id, request.body.emailNotifications);
      reply.flash('notice.emailSaved');
      return reply.done('/me', { emailNotifications: request.body.emailNotifications }, 200);
    },
  );

  async function accountOfToken(token: string): Promise<number> {
    const accountId = (await app.email.signer()).verify(token);
    if (accountId === null || !(await accountExists(db, accountId))) throw new HttpError(400, 'invalid_token', 'following.unsubscribe.invalid');
    return accountId;
  }

  app.get('/unsubscribe/:token', { schema: { params: tokenParams, response: { 200: Type.Object({ token: Type.String() }) } } }, async (request, reply) => {
    await accountOfToken(request.params.token);
    // A GET only asks: mail scanners open links, and must not unsubscribe anyone by doing so.
    return reply.page(
      'email/unsubscribe',
      { token: request.params.token, done: false },
      { json: { token: request.params.token }, title: request.t('following.unsubscribe.title') },
    );
  });

  app.post(
    '/unsubscribe/:token',
    { schema: { params: tokenParams, response: { 200: Type.Object({ unsubscribed: Type.Boolean() }) } } },
    async (request, reply) => {
      const accountId = await accountOfToken(request.params.token);
      await changeEmailFrequency(db, accountId, 'none');
      return reply.page('email/unsubscribe', { done: true }, { json: { unsubscribed: true }, title: request.t('following.unsubscribe.title') });
    },
  );
}
