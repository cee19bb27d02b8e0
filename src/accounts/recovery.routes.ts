// Password recovery: /password/forgot (the same answer whether or not the account exists),
// /password/reset/:token (a used, unknown or expired link answers 410 with a page offering to ask
// again), and an admin's reset link on a forum without email (POST /u/:username/reset-link).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import { blankForm } from '../core/schemas.js';
import { adminOnly } from './guards.js';
import { password } from './accounts.schemas.js';
import { keepLinkPrivate, linkExpired } from './link-pages.js';
import { recoveryService } from './recovery.service.js';
import { findLiveAccountByUsername, findUsableToken, pruneTokens } from './tokens.queries.js';

const forgotBody = Type.Object({ login: Type.String({ minLength: 1, maxLength: 254 }) }, { additionalProperties: false });
const tokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
const resetBody = Type.Object({ newPassword: password }, { additionalProperties: false });
const usernameParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 60 }) });

/** What /password/forgot answers everyone, account or not. */
const ForgotAnswer = Type.Object({ requested: Type.Boolean() });
const ResetDone = Type.Object({ username: Type.String() });
const ResetLink = Type.Object({ username: Type.String(), link: Type.String() });

export async function recoveryRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const recovery = recoveryService({ db, attemptLimits: app.config.rateLimits, sendEmail: (email) => app.email.sendAccountEmail(email) });
  app.housekeeping.every({ name: 'used and expired account links', everyMs: 60 * 60 * 1000, run: (now) => pruneTokens(db, now) });

  app.get('/password/forgot', { schema: { response: { 200: Type.Object(blankForm) } } }, async (request, reply) =>
    reply.page('recovery/forgot', { values: {}, errors: {} }, { title: request.t('recovery.forgot.title') }),
  );

  app.post(
    '/password/forgot',
    { schema: { body: forgotBody, response: { 202: ForgotAnswer } }, config: { form: { view: 'recovery/forgot' } } },
    async (request, reply) => {
      await recovery.requestReset(request.body.login, request.ip);
      return reply.done('/password/forgot/sent', { requested: true }, 202);
    },
  );

  app.get('/password/forgot/sent', { schema: { response: { 200: ForgotAnswer } } }, async (request, reply) =>
    reply.page('recovery/forgot-sent', { requested: true }, { title: request.t('recovery.sent.title') }),
  );

  app.get(
    '/password/reset/:token',
    { onRequest: keepLinkPrivate, schema: { params: tokenParams, response: { 200: Type.Object(blankForm) } } },
    async (request, reply) => {
      if (!(await findUsableToken(db, request.params.token, 'password_reset'))) return linkExpired(request, reply, '/password/forgot');
      return reply.page('recovery/reset', { values: {}, errors: {} }, { title: request.t('recovery.reset.title') });
    },
  );

  app.post(
    '/password/reset/:token',
    {
      onRequest: keepLinkPrivate,
      schema: { params: tokenParams, body: resetBody, response: { 200: ResetDone } },
      config: { form: { view: 'recovery/reset' } },
    },
    async (request, reply) => {
      const reset = await recovery.resetPassword(request.params.token, request.body.newPassword, request.sessionId);
      if (!reset) return linkExpired(request, reply, '/password/forgot');
      const { account, session } = reset;
      reply.useSession(session);
      reply.flash('recovery.notice.passwordReset', { values: { name: account.display_name } });
      return reply.done('/', { username: account.username }, 200);
    },
  );

  app.post('/u/:username/reset-link', { onRequest: adminOnly, schema: { params: usernameParams, response: { 201: ResetLink } } }, async (request, reply) => {
    // With email on, the member asks for their own link: an admin never sees one.
    if (app.email.enabled) throw new ForbiddenError('recovery.adminLink.emailOn');
    const account = await findLiveAccountByUsername(db, request.params.username);
    if (!account) throw new NotFoundError();
    const link = new URL(await recovery.makeResetLink(account.id), app.config.publicUrl).href;
    // Shown this once; only its hash is kept.
    reply.header('cache-control', 'no-store');
    return reply.page('recovery/admin-link', { username: account.username, link }, { status: 201, title: request.t('recovery.adminLink.title') });
  });
}
