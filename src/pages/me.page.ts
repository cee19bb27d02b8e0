// The signed-in member's own page `/me`: the account (accounts) and how often email comes (email), each
// with its form, most used first on a phone: the name, email, language, password, then their data (export,
// delete). A refused form on it (POST /me/name, /me/password, /me/email) names this page, `me`, and shows
// it whole again, every form on it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireViewer, signedInOnly } from '../accounts/guards.js';
import { addressChangeView } from '../accounts/public.js';
import { Nullable } from '../core/schemas.js';
import type { Locale } from '../config.js';
import type { EmailFrequency, Role } from '../db/schema.js';
import { emailSettingsOf } from '../email/public.js';
import { calendarUrlOf } from '../meetings/public.js';

const VIEW = 'accounts/me';

const MeJson = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Unsafe<Role>(Type.String()),
  locale: Nullable(Type.Unsafe<Locale>(Type.String())),
  emailNotifications: Type.Unsafe<EmailFrequency>(Type.String()),
});

export async function mePageData(request: FastifyRequest) {
  const viewer = requireViewer(request);
  const { database, email } = request.server;
  const emailSettings = await emailSettingsOf(database.db, viewer.id, email.enabled);
  return {
    account: viewer,
    emailSettings: emailSettings.view,
    address: await addressChangeView(database.db, viewer.id, email.enabled),
    // The member's own calendar of meetings (meetings): its secret URL, made the first time it is shown.
    calendarUrl: await calendarUrlOf(database.db, viewer.id, request.server.config.publicUrl),
    json: { username: viewer.username, displayName: viewer.displayName, role: viewer.role, locale: viewer.locale, emailNotifications: emailSettings.frequency },
  };
}

export async function mePage(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.pages.register('me', { view: VIEW, data: mePageData });

  app.get('/me', { onRequest: signedInOnly, schema: { response: { 200: MeJson } } }, async (request, reply) => {
    const { json, ...data } = await mePageData(request);
    return reply.page(VIEW, { ...data, values: {}, errors: {} }, { json, title: request.t('accounts.me.title') });
  });
}
