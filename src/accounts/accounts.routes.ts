import type { FastifyInstance } from 'fastify';
import { localPath } from '../core/paths.js';
import { pruneAttempts } from '../core/rate-limit.js';
import { requireViewer, signedInOnly } from './guards.js';
import { findAccountById } from './accounts.queries.js';
import {
  changePasswordBody,
  loginBody,
  loginQuery,
  registerBody,
  type ChangePasswordBody,
  type LoginBody,
  type RegisterBody,
} from './accounts.schemas.js';
import { accountsService } from './accounts.service.js';

function accountJson(account: { username: string; display_name: string; role: string; locale?: string | null }) {
  return { username: account.username, displayName: account.display_name, role: account.role, locale: account.locale ?? null };
}

export async function accountsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;
  const { rateLimits, adminEmails } = app.config;
  const accounts = accountsService({ db, adminEmails, attemptLimits: rateLimits });
  // An attempt row stops counting when its window ends; each knows when that is.
  app.housekeeping.every({ name: 'expired attempts', everyMs: 15 * 60 * 1000, run: (now) => pruneAttempts(db, now) });

  app.get('/register', async (request, reply) =>
    reply.page('accounts/register', { values: {}, errors: {} }, { title: request.t('accounts.register.title') }),
  );

  app.post<{ Body: RegisterBody }>(
    '/register',
    { schema: { body: registerBody }, config: { form: { view: 'accounts/register' } } },
    async (request, reply) => {
      const { account, session } = await accounts.register(request.body, request.ip, request.sessionId);
      reply.useSession(session);
      if (account.role === 'admin') reply.flash('accounts.register.firstAdmin');
      return reply.done('/', accountJson(account), 201);
    },
  );

  app.get<{ Querystring: { next?: string } }>('/login', { schema: { querystring: loginQuery } }, async (request, reply) =>
    reply.page('accounts/login', { values: { next: localPath(request.query.next) }, errors: {} }, { title: request.t('accounts.login.title') }),
  );

  app.post<{ Body: LoginBody }>(
    '/login',
    { schema: { body: loginBody }, config: { form: { view: 'accounts/login' } } },
    async (request, reply) => {
      const { login, password, next } = request.body;
      const account = await accounts.signIn(login, password, request.ip);
      await reply.signIn(account.id);
      return reply.done(localPath(next), accountJson(account), 200);
    },
  );

  app.post('/logout', async (_request, reply) => {
    await reply.signOut();
    return reply.done('/', { signedOut: true }, 200);
  });

  app.post<{ Body: ChangePasswordBody }>(
    '/me/password',
    {
      onRequest: signedInOnly,
      schema: { body: changePasswordBody },
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
