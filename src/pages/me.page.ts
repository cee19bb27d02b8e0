// The signed-in member's own page `/me`: the account (accounts) and how often email comes (email), each
// with its form. A refused form on it (POST /me/password, POST /me/email) names this page, `me`, and shows
// it whole again, every form on it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireViewer, signedInOnly } from '../accounts/guards.js';
import { emailSettingsOf } from '../email/public.js';

const VIEW = 'accounts/me';

export async function mePageData(request: FastifyRequest) {
  const viewer = requireViewer(request);
  const { database, email } = request.server;
  const emailSettings = await emailSettingsOf(database.db, viewer.id, email.enabled);
  return {
    account: viewer,
    emailSettings: emailSettings.view,
    json: { username: viewer.username, displayName: viewer.displayName, role: viewer.role, locale: viewer.locale, emailNotifications: emailSettings.frequency },
  };
}

export async function mePage(app: FastifyInstance): Promise<void> {
  app.pages.register('me', { view: VIEW, data: mePageData });

  app.get('/me', { onRequest: signedInOnly }, async (request, reply) => {
    const { json, ...data } = await mePageData(request);
    return reply.page(VIEW, { ...data, values: {}, errors: {} }, { json, title: request.t('accounts.me.title') });
  });
}
