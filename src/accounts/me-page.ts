// The /me page: what the GET shows, and what a refused form on it shows again (the whole page, with
// every form on it, not only the one that was sent).
import type { FastifyRequest } from 'fastify';
import { emailSettingsOf } from '../email/public.js';
import { requireViewer } from './guards.js';

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
