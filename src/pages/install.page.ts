// What lets the forum sit on a phone's home screen: the web app manifest `/manifest.webmanifest` (its
// name, colours and icons) and `/favicon.ico`, which browsers ask for at the root whatever the page says.
// The icons themselves are static files drawn by scripts/icons.ts.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { translator } from '../core/i18n/index.js';

/** The header's sea blue (theme) and the page's paper (background), as the stylesheet's light scheme has them. */
const THEME_COLOUR = '#0b5d7a';
const BACKGROUND_COLOUR = '#fbfaf7';

const Icon = Type.Object({ src: Type.String(), sizes: Type.String(), type: Type.String(), purpose: Type.String() });
const Manifest = Type.Object({
  name: Type.String(),
  short_name: Type.String(),
  description: Type.String(),
  lang: Type.String(),
  start_url: Type.String(),
  scope: Type.String(),
  display: Type.String(),
  theme_color: Type.String(),
  background_color: Type.String(),
  icons: Type.Array(Icon),
});

export async function installPage(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { forumName, defaultLocale } = app.config;

  app.get('/manifest.webmanifest', { schema: { response: { 200: Manifest } } }, async (_request, reply) => {
    // The same for everyone (a home screen keeps one name), in the forum's own language.
    return reply
      .type('application/manifest+json; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send({
        name: forumName,
        short_name: forumName,
        description: translator(defaultLocale)('footer.about', { forum: forumName }),
        lang: defaultLocale,
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOUR,
        background_color: BACKGROUND_COLOUR,
        icons: [
          { src: '/static/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/static/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/static/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      });
  });

  app.get('/favicon.ico', async (_request, reply) => reply.header('cache-control', 'public, max-age=86400').sendFile('icons/favicon.ico'));
}
