// The /me page: what the GET shows, and what a refused form on it shows again (the whole page, with
// every form on it, not only the one that was sent).
import type { FastifyRequest } from 'fastify';
import { emailFrequency } from '../following/following.queries.js';
import { emailSettingsView } from '../following/present.js';
import { requireViewer } from './guards.js';

export async function mePageData(request: FastifyRequest) {
  const viewer = requireViewer(request);
  const { database, following } = request.server;
  const email = await emailFrequency(database.db, viewer.id);
  return {
    account: viewer,
    emailSettings: emailSettingsView(email, following.emailEnabled),
    json: { username: viewer.username, displayName: viewer.displayName, role: viewer.role, locale: viewer.locale, emailNotifications: email },
  };
}
