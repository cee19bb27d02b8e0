// A person's page, where a mention of them links.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { findAccountByUsername } from '../accounts/public.js';
import { NotFoundError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import { listNetworks } from '../networks/public.js';
import { canModerate } from '../posts/visibility.js';
import { personJson, personParams } from './people.schemas.js';

export async function peopleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  /**
   * The moderation links a person's page shows this viewer, null for none: suspend (admins; an admin
   * cannot be suspended) and bar from each network the viewer moderates. Never on one's own page.
   */
  async function moderatorTools(viewer: Viewer | null, account: { id: number; role: string }) {
    if (!viewer || viewer.id === account.id || (viewer.role !== 'admin' && viewer.convenes.length === 0)) return null;
    const barFrom = (await listNetworks(db))
      .filter((network) => canModerate(viewer, network.id))
      .map((network) => ({ slug: network.slug, name: network.name }));
    return { suspend: viewer.role === 'admin' && account.role !== 'admin', barFrom: barFrom.sort((a, b) => a.name.localeCompare(b.name)) };
  }

  app.get('/u/:username', { schema: { params: personParams, response: { 200: personJson } } }, async (request, reply) => {
    const account = await findAccountByUsername(db, request.params.username);
    if (!account) throw new NotFoundError();
    const json = { username: account.username, displayName: account.display_name, memberSince: account.created_at.toISOString() };
    return reply.page('people/person', { person: json, tools: await moderatorTools(request.viewer, account) }, { json, title: account.display_name });
  });
}
