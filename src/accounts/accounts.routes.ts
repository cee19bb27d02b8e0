import type { FastifyInstance } from 'fastify';
import { TooManyRequestsError, ValidationError } from '../core/errors.js';
import { localPath } from '../core/paths.js';
import { AttemptLimiter } from '../core/rate-limit.js';
import { requireViewer } from './guards.js';
import { findAccountById } from './accounts.queries.js';
import { emailFrequency } from '../following/following.queries.js';
import { emailSettingsView } from '../following/present.js';
import {
  changePasswordBody,
  loginBody,
  loginQuery,
  registerBody,
  type ChangePasswordBody,
  type LoginBody,
  type RegisterBody,
} from './accounts.schemas.js';
import { changePassword, findAccountForLogin, passwordMatches, register } from './accounts.service.js';
import { usernameKey } from './usernames.js';

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

function accountJson(account: { username: string; display_name: string; role: string; locale?: string | null }) {
  return { username: account.username, displayName: account.display_name, role: account.role, locale: account.locale ?? null };
}

export async function accountsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;
  const { rateLimits, adminEmails } = app.config;
  const failedSignIns = new AttemptLimiter(10, FIFTEEN_MINUTES, rateLimits);
  const registrations = new AttemptLimiter(5, HOUR, rateLimits);

  app.get('/register', async (request, reply) =>
    reply.page('accounts/register', { values: {}, errors: {} }, { title: request.t('accounts.register.title') }),
  );

  app.post<{ Body: RegisterBody }>(
    '/register',
    { schema: { body: registerBody }, config: { form: { view: 'accounts/register' } } },
    async (request, reply) => {
      const ipKey = `ip:${request.ip}`;
      const wait = registrations.retryAfterSeconds(ipKey);
      if (wait) throw new TooManyRequestsError(wait);
      const account = await register(db, request.body, { adminEmails });
      registrations.record(ipKey);
      await reply.signIn(account.id);
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
      const account = await findAccountForLogin(db, login);
      // An account has one budget, whether it is named by its username or by its email.
      const keys = [`ip:${request.ip}`, account ? `account:${account.id}` : `login:${usernameKey(login)}`];
      const wait = Math.max(...keys.map((key) => failedSignIns.retryAfterSeconds(key)));
      if (wait) throw new TooManyRequestsError(wait);
      const ok = await passwordMatches(account, password);
      if (!account || !ok) {
        keys.forEach((key) => failedSignIns.record(key));
        throw new ValidationError({ login: 'accounts.login.wrong' });
      }
      await reply.signIn(account.id);
      return reply.done(localPath(next), accountJson(account), 200);
    },
  );

  app.post('/logout', async (_request, reply) => {
    await reply.signOut();
    return reply.done('/', { signedOut: true }, 200);
  });

  app.get('/me', async (request, reply) => {
    const viewer = requireViewer(request);
    const email = await emailFrequency(db, viewer.id);
    const json = { username: viewer.username, displayName: viewer.displayName, role: viewer.role, locale: viewer.locale, emailNotifications: email };
    const data = { account: viewer, emailSettings: emailSettingsView(email, app.following.emailEnabled), values: {}, errors: {} };
    return reply.page('accounts/me', data, { json, title: request.t('accounts.me.title') });
  });

  app.post<{ Body: ChangePasswordBody }>(
    '/me/password',
    {
      schema: { body: changePasswordBody },
      config: { form: { view: 'accounts/me', data: (request) => ({ account: requireViewer(request) }) } },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await changePassword(db, viewer.id, request.sessionId!, request.body.currentPassword, request.body.newPassword);
      reply.flash('accounts.me.passwordChanged');
      const account = await findAccountById(db, viewer.id);
      return reply.done('/me', accountJson(account!), 200);
    },
  );
}
