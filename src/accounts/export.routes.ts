// GET /me/export: the member's data as a JSON file to download (the right of access and to data
// portability the GDPR gives members in Sweden and Denmark). Not cached anywhere: it holds their address.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireViewer, signedInOnly } from './guards.js';
import { AccountExport } from './export.schemas.js';
import { exportAccount } from './export.service.js';

/**
 * `attachment; filename="<forum>-<username>-<date>.json"`: the quoted name in ASCII (anything else
 * becomes _), and the exact one in RFC 5987's filename* for browsers that read it.
 */
export function exportDisposition(forumName: string, username: string, now: Date): string {
  const forum =
    forumName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'forum';
  const name = `${forum}-${username}-${now.toISOString().slice(0, 10)}.json`;
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function exportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  app.get('/me/export', { onRequest: signedInOnly, schema: { response: { 200: AccountExport } } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const now = new Date();
    const data = await exportAccount(db, viewer.id, app.config.forumName, now);
    reply.header('content-disposition', exportDisposition(app.config.forumName, viewer.username, now)).header('cache-control', 'private, no-store');
    return data;
  });
}
