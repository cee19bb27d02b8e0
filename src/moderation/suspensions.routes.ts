// Suspending accounts from posting: admins anywhere (/u/:username/suspend), conveners in their
// network (/n/:network/bar). Each with a small form and a way to lift it early.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { adminOnly, signedInOnly } from '../accounts/guards.js';
import { loadNetwork, networkSlugParam, type NetworkParams } from '../networks/public.js';
import { requireModeratorOf } from './guards.js';
import { CONFIRM_SCRIPT } from './confirm-script.js';
import { listActiveSuspensions } from './suspensions.queries.js';
import { canModerate } from '../posts/visibility.js';
import {
  accountParams,
  BarForm,
  barBody,
  barFormQuery,
  BarLifted,
  Barred,
  SuspendForm,
  suspendBody,
  Suspended,
  SuspensionLifted,
  usernameBody,
  type AccountParams,
} from './moderation.schemas.js';
import { barAccount, liftBar, liftSuspension, loadAccount, suspendAccount } from './suspensions.service.js';

export async function suspensionsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  function activeJson(rows: Awaited<ReturnType<typeof listActiveSuspensions>>) {
    return rows.map((row) => ({ username: row.username, displayName: row.display_name, until: row.until.toISOString(), reason: row.reason }));
  }

  // --- An admin's suspension: from posting anywhere.

  async function suspendFormData(request: FastifyRequest) {
    const account = await loadAccount(db, (request.params as AccountParams).username);
    // Also re-renders a refused form, for whoever sent it: the running suspensions only for admins.
    const active =
      request.viewer?.role === 'admin' ? activeJson(await listActiveSuspensions(db, null, new Date())).filter((s) => s.username === account.username) : [];
    return { scope: 'forum', account: { username: account.username, displayName: account.display_name }, active, scripts: CONFIRM_SCRIPT };
  }

  app.get('/u/:username/suspend', { onRequest: adminOnly, schema: { params: accountParams, response: { 200: SuspendForm } } }, async (request, reply) =>
    reply.page('moderation/suspend-form', { ...(await suspendFormData(request)), values: {}, errors: {} }, { title: request.t('moderation.suspend.title') }),
  );

  app.post(
    '/u/:username/suspend',
    {
      onRequest: signedInOnly,
      schema: { params: accountParams, body: suspendBody, response: { 200: Suspended } },
      config: { form: { view: 'moderation/suspend-form', data: suspendFormData } },
    },
    async (request, reply) => {
      const { until } = await suspendAccount(db, request.viewer!, request.params.username, request.body, app.config.timeZone);
      const account = await loadAccount(db, request.params.username);
      reply.flash('notice.suspended', { values: { name: account.display_name } });
      return reply.done(
        `/u/${encodeURIComponent(account.username)}/suspend`,
        { username: account.username, scope: 'forum', until: until.toISOString(), reason: request.body.reason },
        200,
      );
    },
  );

  app.post(
    '/u/:username/unsuspend',
    { onRequest: signedInOnly, schema: { params: accountParams, response: { 200: SuspensionLifted } } },
    async (request, reply) => {
      const lifted = await liftSuspension(db, request.viewer!, request.params.username);
      const account = await loadAccount(db, request.params.username);
      if (lifted) reply.flash('notice.suspensionLifted', { values: { name: account.display_name } });
      return reply.done(`/u/${encodeURIComponent(account.username)}/suspend`, { username: account.username, scope: 'forum', lifted }, 200);
    },
  );

  // --- A convener's bar: from posting in their network.

  async function barFormData(request: FastifyRequest) {
    const network = await loadNetwork(db, (request.params as NetworkParams).network);
    // Also re-renders a refused form, for whoever sent it: the running bars only for its moderators.
    const active = canModerate(request.viewer, network.id) ? activeJson(await listActiveSuspensions(db, network.id, new Date())) : [];
    return { scope: 'network', network: { slug: network.slug, name: network.name }, active, scripts: CONFIRM_SCRIPT };
  }

  // A person's page links here with ?username= filled in.
  app.get(
    '/n/:network/bar',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, querystring: barFormQuery, response: { 200: BarForm } } },
    async (request, reply) => {
      requireModeratorOf(request.viewer!, (await loadNetwork(db, request.params.network)).id);
      const values = request.query.username ? { username: request.query.username } : {};
      return reply.page('moderation/suspend-form', { ...(await barFormData(request)), values, errors: {} }, { title: request.t('moderation.bar.title') });
    },
  );

  app.post(
    '/n/:network/bar',
    {
      onRequest: signedInOnly,
      schema: { params: networkSlugParam, body: barBody, response: { 200: Barred } },
      config: { form: { view: 'moderation/suspend-form', data: barFormData } },
    },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      const { username: name, ...input } = request.body;
      const { until } = await barAccount(db, request.viewer!, network.id, name, input, app.config.timeZone);
      const account = await loadAccount(db, name);
      reply.flash('notice.barred', { values: { name: account.display_name, network: network.name } });
      return reply.done(`/n/${network.slug}/bar`, { username: account.username, network: network.slug, until: until.toISOString(), reason: input.reason }, 200);
    },
  );

  app.post(
    '/n/:network/unbar',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, body: usernameBody, response: { 200: BarLifted } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      const lifted = await liftBar(db, request.viewer!, network.id, request.body.username);
      if (lifted) reply.flash('notice.barLifted', { values: { name: request.body.username } });
      return reply.done(`/n/${network.slug}/bar`, { username: request.body.username, network: network.slug, lifted }, 200);
    },
  );
}
