import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { LOCALE_COOKIE, localeFromCookie } from '../core/i18n/index.js';
import { localPath } from '../core/paths.js';
import { pruneAttempts } from '../core/rate-limit.js';
import { blankForm } from '../core/schemas.js';
import { requireViewer, signedInOnly } from './guards.js';
import { findAccountById } from './accounts.queries.js';
import { AccountJson, changeDisplayNameBody, changePasswordBody, loginBody, loginQuery, registerBody } from './accounts.schemas.js';
import { accountsService } from './accounts.service.js';
import { changeDisplayName } from './account-settings.service.js';
import { confirmationService } from './confirmation.service.js';
import { normaliseUsername } from './usernames.js';

const loginForm = Type.Object({ values: Type.Object({ next: Type.String() }), errors: blankForm.errors });

export function accountJson(account: { username: string; display_name: string; role: string; locale?: string | null }): Static<typeof AccountJson> {
  return { username: account.username, displayName: account.display_name, role: account.role, locale: account.locale ?? null };
}

export async function accountsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const { rateLimits, adminEmails } = app.config;
  const accounts = accountsService({ db, adminEmails, attemptLimits: rateLimits });
  const confirmation = confirmationService({ db, adminEmails, attemptLimits: rateLimits, sendEmail: (email) => app.email.sendAccountEmail(email) });
  // An attempt row stops counting when its window ends; each knows when that is.
  app.housekeeping.every({ name: 'expired attempts', everyMs: 15 * 60 * 1000, run: (now) => pruneAttempts(db, now) });

  app.get('/register', { schema: { response: { 200: Type.Object(blankForm) } } }, async (request, reply) =>
    reply.page('accounts/register', { values: {}, errors: {} }, { title: request.t('accounts.register.title') }),
  );

  app.post(
    '/register',
    { schema: { body: registerBody, response: { 201: AccountJson } }, config: { form: { view: 'accounts/register' } } },
    async (request, reply) => {
      // A language picked with the switch before registering becomes the account's (emails follow it too).
      const locale = localeFromCookie(request.cookies[LOCALE_COOKIE]);
      if (app.email.enabled) {
        // Nobody is signed in until the emailed link is used; a taken address answers the same (confirmation.service.ts).
        await confirmation.register({ ...request.body, locale }, request.ip, request.locale);
        const { username, displayName } = request.body;
        return reply.done('/register/sent', accountJson({ username: normaliseUsername(username), display_name: displayName, role: 'member', locale }), 201);
      }
      const { account, session } = await accounts.register({ ...request.body, locale }, request.ip, request.sessionId);
      reply.useSession(session);
      if (account.role === 'admin') reply.flash('accounts.register.firstAdmin');
      else reply.flash('notice.registered', { values: { name: account.display_name } });
      return reply.done('/', accountJson(account), 201);
    },
  );

  app.get('/login', { schema: { querystring: loginQuery, response: { 200: loginForm } } }, async (request, reply) =>
    reply.page('accounts/login', { values: { next: localPath(request.query.next) }, errors: {} }, { title: request.t('accounts.login.title') }),
  );

  app.post('/login', { schema: { body: loginBody, response: { 200: AccountJson } }, config: { form: { view: 'accounts/login' } } }, async (request, reply) => {
    const { login, password, next } = request.body;
    const account = await accounts.signIn(login, password, request.ip);
    await reply.signIn(account.id);
    reply.flash('notice.signedIn', { values: { name: account.display_name } });
    return reply.done(localPath(next), accountJson(account), 200);
  });

  app.post('/logout', { schema: { response: { 200: Type.Object({ signedOut: Type.Boolean() }) } } }, async (_request, reply) => {
    await reply.signOut();
    reply.flash('notice.signedOut');
    return reply.done('/', { signedOut: true }, 200);
  });

  app.post(
    '/me/name',
    { onRequest: signedInOnly, schema: { body: changeDisplayNameBody, response: { 200: AccountJson } }, config: { form: { page: 'me' } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await changeDisplayName(db, viewer.id, request.body.displayName);
      reply.flash('account.notice.nameChanged');
      const account = await findAccountById(db, viewer.id);
      return reply.done('/me', accountJson(account!), 200);
    },
  );

  app.post(
    '/me/password',
    {
      onRequest: signedInOnly,
      schema: { body: changePasswordBody, response: { 200: AccountJson } },
      config: { form: { page: 'me' } },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await accounts.changePassword(viewer.id, request.sessionId!, request.body.currentPassword, request.body.newPassword);
      reply.flash('accounts.me.passwordChanged');
      const account = await findAccountById(db, viewer.id);
      return reply.done('/me', accountJson(account!), 200);
    },
  );
}
