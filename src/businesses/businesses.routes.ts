// Businesses: the directory /b, a business's page /b/:slug, creating and editing one, and its staff
// (invitations and their answers, removing, admin rights, leaving).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireConfirmedAddress, requireViewer, signedInOnly } from '../accounts/guards.js';
import { blankForm } from '../core/schemas.js';
import { listNetworks } from '../networks/public.js';
import * as queries from './businesses.queries.js';
import {
  businessBody,
  BusinessJson,
  businessParams,
  directoryQuery,
  DirectoryJson,
  InvitationAnswered,
  invitationBody,
  InvitationSent,
  InvitationWithdrawn,
  LeftBusiness,
  newBusinessBody,
  StaffChanged,
  staffMemberBody,
  type BusinessParams,
} from './businesses.schemas.js';
import {
  answerInvitation,
  createBusiness,
  editBusiness,
  inviteToStaff,
  isStaffAdmin,
  leaveBusiness,
  requireStaffAdmin,
  loadBusiness,
  readDirectory,
  removeStaff,
  setAdmin,
  withdrawInvitation,
} from './businesses.service.js';
import { businessJson, formValues, staffJson } from './present.js';

/** A form's ticked networks, as the browser sent them (one value, several, or none). */
function tickedNetworks(request: FastifyRequest): string[] {
  const sent = (request.body as { networks?: unknown } | undefined)?.networks;
  return (Array.isArray(sent) ? sent : [sent]).filter((slug): slug is string => typeof slug === 'string');
}

export async function businessesRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  /** Every network as a box on the form, ticked when `ticked` names it. */
  async function networkChoices(ticked: readonly string[]) {
    const networks = await listNetworks(db);
    return networks
      .map((network) => ({ slug: network.slug, name: network.name, checked: ticked.includes(network.slug) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A business with its networks and staff, as its page and JSON give it. Three queries. */
  async function readBusiness(slug: string) {
    const business = await loadBusiness(db, slug);
    const [networks, staff] = await Promise.all([queries.networksOfBusinesses(db, [business.id]), queries.listStaff(db, business.id)]);
    return { business, json: businessJson(business, networks.get(business.id) ?? [], staff) };
  }

  // --- The directory.

  app.get('/b', { schema: { querystring: directoryQuery, response: { 200: DirectoryJson } } }, async (request, reply) => {
    const { page = 1 } = request.query;
    // The filter form sends its fields empty when nothing is chosen: the same as not sending them.
    const networkSlug = request.query.network || undefined;
    const q = request.query.q?.trim() || undefined;
    const json = await readDirectory(db, { network: networkSlug, search: q }, page);
    // Scripts have all they asked for; the filter form's choices are for the page.
    if (request.wantsJson) return reply.page('businesses/directory', json);
    // The links to the next and previous pages keep the filter.
    const pageHref = (number: number) =>
      `/b?${new URLSearchParams({ ...(networkSlug ? { network: networkSlug } : {}), ...(q ? { q } : {}), page: String(number) })}`;
    const filters = (await networkChoices(networkSlug ? [networkSlug] : [])).map(({ slug, name, checked }) => ({ slug, name, selected: checked }));
    return reply.page(
      'businesses/directory',
      {
        ...json,
        filter: { q: q ?? '', filtered: Boolean(networkSlug || q) },
        networkFilters: filters,
        nextHref: json.nextPage ? pageHref(json.nextPage) : null,
        previousHref: page > 1 ? pageHref(page - 1) : null,
        canCreate: request.viewer !== null,
      },
      { json, title: request.t('businesses.directory.title') },
    );
  });

  // --- Starting a business.

  const newForm = Type.Object({
    creating: Type.Boolean(),
    networkChoices: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
    ...blankForm,
  });
  const newFormData = async (request: FastifyRequest) => ({ creating: true, networkChoices: await networkChoices(tickedNetworks(request)) });

  app.get('/b/new', { onRequest: signedInOnly, schema: { response: { 200: newForm } } }, async (request, reply) => {
    requireConfirmedAddress(requireViewer(request));
    return reply.page('businesses/form', { ...(await newFormData(request)), values: {}, errors: {} }, { title: request.t('businesses.new.title') });
  });

  app.post(
    '/b/new',
    {
      onRequest: signedInOnly,
      schema: { body: newBusinessBody, response: { 201: BusinessJson } },
      config: { form: { view: 'businesses/form', data: newFormData } },
    },
    async (request, reply) => {
      const slug = await createBusiness(db, requireViewer(request), request.body);
      const { business, json } = await readBusiness(slug);
      reply.flash('notice.businesses.created', { values: { business: business.name } });
      return reply.done(`/b/${business.slug}`, json, 201);
    },
  );

  // --- A business's page.

  /**
   * The page of a business as this viewer sees it: for its staff the way to leave, for an invitee the
   * answer buttons, for its admins the invitations waiting and the tools for each staff member.
   */
  async function businessPageData(request: FastifyRequest) {
    const { business, json } = await readBusiness((request.params as BusinessParams).slug);
    const { viewer } = request;
    const admin = await isStaffAdmin(db, business.id, viewer);
    const onStaff = viewer !== null && json.staff.some((staff) => staff.username === viewer.username);
    const invitation = viewer && !onStaff ? await queries.findInvitation(db, business.id, viewer.id) : undefined;
    const invitations = admin ? await queries.listBusinessInvitations(db, business.id) : [];
    const page = {
      business: json,
      admin,
      onStaff,
      invitation: invitation ? { role: invitation.role } : null,
      invitations: invitations.map((row) => ({ username: row.username, displayName: row.display_name, role: row.role })),
      staff: json.staff.map((staff) => ({ ...staff, self: staff.username === viewer?.username })),
    };
    return { json, page };
  }

  app.get('/b/:slug', { schema: { params: businessParams, response: { 200: BusinessJson } } }, async (request, reply) => {
    const { json, page } = await businessPageData(request);
    return reply.page('businesses/show', { ...page, values: {}, errors: {} }, { json, title: json.name });
  });

  // --- Editing a business's page (its staff admins).

  const editForm = Type.Object({ business: BusinessJson, ...blankForm });
  const editFormData = async (request: FastifyRequest) => {
    const { json } = await readBusiness((request.params as BusinessParams).slug);
    const ticked = request.method === 'GET' ? json.networks.map((network) => network.slug) : tickedNetworks(request);
    return { business: json, networkChoices: await networkChoices(ticked) };
  };

  app.get('/b/:slug/edit', { onRequest: signedInOnly, schema: { params: businessParams, response: { 200: editForm } } }, async (request, reply) => {
    const business = await loadBusiness(db, request.params.slug);
    await requireStaffAdmin(db, business.id, requireViewer(request));
    const data = await editFormData(request);
    return reply.page(
      'businesses/form',
      { ...data, values: formValues(data.business), errors: {} },
      { json: { business: data.business, values: {}, errors: {} }, title: data.business.name },
    );
  });

  app.post(
    '/b/:slug/edit',
    {
      onRequest: signedInOnly,
      schema: { params: businessParams, body: businessBody, response: { 200: BusinessJson } },
      config: { form: { view: 'businesses/form', data: editFormData } },
    },
    async (request, reply) => {
      const slug = await editBusiness(db, requireViewer(request), request.params.slug, request.body);
      const { json } = await readBusiness(slug);
      reply.flash('notice.businesses.saved');
      return reply.done(`/b/${slug}`, json, 200);
    },
  );

  // --- Staff: invitations and their answers, removing, admin rights, leaving. A refused form shows the
  // business's page again with the message beside the field.

  const onPage = { form: { view: 'businesses/show', data: async (request: FastifyRequest) => (await businessPageData(request)).page } };

  /** The staff as they are now, for scripts; browsers go back to the page. */
  async function staffChanged(slug: string) {
    const business = await loadBusiness(db, slug);
    return { slug, staff: (await queries.listStaff(db, business.id)).map(staffJson) };
  }

  app.post(
    '/b/:slug/invitations',
    { onRequest: signedInOnly, schema: { params: businessParams, body: invitationBody, response: { 200: InvitationSent } }, config: onPage },
    async (request, reply) => {
      const { slug } = request.params;
      const { invited } = await inviteToStaff(db, requireViewer(request), slug, request.body);
      if (invited) reply.flash('notice.businesses.invited', { values: { username: request.body.username } });
      return reply.done(`/b/${slug}#staff`, { slug, username: request.body.username, role: request.body.role, invited }, 200);
    },
  );

  app.post(
    '/b/:slug/invitations/withdraw',
    { onRequest: signedInOnly, schema: { params: businessParams, body: staffMemberBody, response: { 200: InvitationWithdrawn } }, config: onPage },
    async (request, reply) => {
      const { slug } = request.params;
      await withdrawInvitation(db, requireViewer(request), slug, request.body.username);
      reply.flash('notice.businesses.withdrawn', { values: { username: request.body.username } });
      return reply.done(`/b/${slug}#staff`, { slug, username: request.body.username }, 200);
    },
  );

  for (const [answer, accept] of [
    ['accept', true],
    ['decline', false],
  ] as const) {
    app.post(
      `/b/:slug/invitations/${answer}`,
      { onRequest: signedInOnly, schema: { params: businessParams, response: { 200: InvitationAnswered } } },
      async (request, reply) => {
        const { slug } = request.params;
        await answerInvitation(db, requireViewer(request), slug, accept);
        reply.flash(accept ? 'notice.businesses.joined' : 'notice.businesses.declined');
        return reply.done(accept ? `/b/${slug}` : '/notifications', { slug, accepted: accept }, 200);
      },
    );
  }

  app.post(
    '/b/:slug/staff/remove',
    { onRequest: signedInOnly, schema: { params: businessParams, body: staffMemberBody, response: { 200: StaffChanged } }, config: onPage },
    async (request, reply) => {
      const { slug } = request.params;
      await removeStaff(db, requireViewer(request), slug, request.body.username);
      reply.flash('notice.businesses.removed', { values: { username: request.body.username } });
      return reply.done(`/b/${slug}#staff`, await staffChanged(slug), 200);
    },
  );

  for (const [action, isAdmin] of [
    ['grant-admin', true],
    ['revoke-admin', false],
  ] as const) {
    app.post(
      `/b/:slug/staff/${action}`,
      { onRequest: signedInOnly, schema: { params: businessParams, body: staffMemberBody, response: { 200: StaffChanged } }, config: onPage },
      async (request, reply) => {
        const { slug } = request.params;
        await setAdmin(db, requireViewer(request), slug, request.body.username, isAdmin);
        reply.flash('notice.businesses.staffSaved');
        return reply.done(`/b/${slug}#staff`, await staffChanged(slug), 200);
      },
    );
  }

  app.post('/b/:slug/leave', { onRequest: signedInOnly, schema: { params: businessParams, response: { 200: LeftBusiness } } }, async (request, reply) => {
    const { slug } = request.params;
    const { deleted } = await leaveBusiness(db, requireViewer(request), slug);
    reply.flash(deleted ? 'notice.businesses.leftDeleted' : 'notice.businesses.left');
    return reply.done(deleted ? '/b' : `/b/${slug}`, { slug, businessDeleted: deleted }, 200);
  });
}
