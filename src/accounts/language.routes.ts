// The language switch: every page's footer and the setting on /me send here. A guest's choice is kept in a
// cookie (a year); a member's in the account (pages and emails both follow it), and in the cookie too, so the
// pages stay in that language after signing out.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALE_COOKIE } from '../core/i18n/index.js';
import { localPath, localPathOfUrl } from '../core/paths.js';
import { allowedOrigins } from '../core/security.js';
import { OneOf } from '../core/schemas.js';
import { LOCALES } from '../config.js';
import { changeLocale } from './account-settings.service.js';
import { languageBody } from './accounts.schemas.js';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export async function languageRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const secure = app.config.publicUrl.protocol === 'https:';

  app.post('/language', { schema: { body: languageBody, response: { 200: Type.Object({ locale: OneOf(LOCALES) }) } } }, async (request, reply) => {
    const { locale, next } = request.body;
    if (request.viewer) await changeLocale(db, request.viewer.id, locale);
    reply.setCookie(LOCALE_COOKIE, locale, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: ONE_YEAR_SECONDS });
    // Back where the switch was pressed: the form says where; without it, the page that sent the form.
    const back = next === undefined ? localPathOfUrl(request.headers.referer, allowedOrigins(app.config.publicUrl)) : localPath(next);
    return reply.done(back, { locale }, 200);
  });
}
