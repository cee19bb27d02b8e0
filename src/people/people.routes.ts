// A person's page /u/:username, where every author name links, and the member's own profile form
// /me/profile.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { findAccountByUsername } from '../accounts/public.js';
import { requireViewer, signedInOnly } from '../accounts/guards.js';
import { NotFoundError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import { listNetworks } from '../networks/public.js';
import { canModerate } from '../posts/visibility.js';
import { findPerson } from './people.queries.js';
import { PersonJson, personParams, profileBody, ProfileForm, PRESENTATION_MAX } from './people.schemas.js';
import { editProfile } from './people.service.js';
import { personJson, profileValues } from './present.js';

const EDIT_VIEW = 'people/edit';

export async function peopleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  /**
   * The moderation links a person's page shows this viewer, null for none: suspend (admins; an admin
   * cannot be suspended), bar from each network the viewer moderates, and — for admins of a forum that
   * sends no email — a password-reset link to hand over. Never on one's own page.
   */
  async function moderatorTools(viewer: Viewer | null, account: { id: number; role: string }) {
    if (!viewer || viewer.id === account.id || (viewer.role !== 'admin' && viewer.convenes.length === 0)) return null;
    const barFrom = (await listNetworks(db))
      .filter((network) => canModerate(viewer, network.id))
      .map((network) => ({ slug: network.slug, name: network.name }));
    return {
      suspend: viewer.role === 'admin' && account.role !== 'admin',
      barFrom: barFrom.sort((a, b) => a.name.localeCompare(b.name)),
      resetLink: viewer.role === 'admin' && !app.email.enabled,
    };
  }

  /** The live account a username names, with its profile; 404 for none or a deleted one. */
  async function loadPerson(username: string) {
    const account = await findAccountByUsername(db, username);
    const person = account && (await findPerson(db, account.id));
    if (!account || !person) throw new NotFoundError();
    return { account, person };
  }

  app.get('/u/:username', { schema: { params: personParams, response: { 200: PersonJson } } }, async (request, reply) => {
    const { account, person } = await loadPerson(request.params.username);
    const { viewer } = request;
    const json = await personJson(db, person, viewer, request.t);
    return reply.page(
      'people/person',
      { person: json, own: viewer?.id === account.id, tools: await moderatorTools(viewer, account) },
      { json, title: account.display_name },
    );
  });

  // --- The member's own profile.

  app.get('/me/profile', { onRequest: signedInOnly, schema: { response: { 200: ProfileForm } } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const person = await findPerson(db, viewer.id);
    if (!person) throw new NotFoundError();
    const json = { values: profileValues(person), errors: {} };
    return reply.page(EDIT_VIEW, { ...json, username: viewer.username, presentationMax: PRESENTATION_MAX }, { json, title: request.t('people.edit.title') });
  });

  app.post(
    '/me/profile',
    {
      onRequest: signedInOnly,
      schema: { body: profileBody, response: { 200: PersonJson } },
      config: { form: { view: EDIT_VIEW, data: async (request) => ({ username: requireViewer(request).username, presentationMax: PRESENTATION_MAX }) } },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await editProfile(db, viewer.id, request.body);
      const person = await findPerson(db, viewer.id);
      if (!person) throw new NotFoundError();
      reply.flash('people.saved');
      return reply.done(`/u/${encodeURIComponent(viewer.username)}`, await personJson(db, person, viewer, request.t), 200);
    },
  );
}
