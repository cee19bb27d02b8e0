// Proposing a network (a form for members), the proposals in the open (a list and a page each, for
// everyone), "I'd join", an admin's approval or decline, and opening a notice about a proposal.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adminOnly, requireViewer, signedInOnly } from '../accounts/guards.js';
import { NotFoundError } from '../core/errors.js';
import { translator } from '../core/i18n/index.js';
import { blankForm } from '../core/schemas.js';
import type { DB } from '../db/schema.js';
import type { Kysely } from 'kysely';
import { noticeTarget, proposalJson } from './present.js';
import * as queries from './proposals.queries.js';
import { declineBody, noticeParams, proposalParams, ProposalJson, ProposalPage, ProposalsPage, proposeBody, SupportJson } from './proposals.schemas.js';
import { approveProposal, declineProposal, openNotice, proposeNetwork, setSupport } from './proposals.service.js';

/** Open proposals listed at most (the oldest beyond are reached by their address), and decided ones, the latest decided first. */
const OPEN_LISTED = 100;
const DECIDED_LISTED = 30;
/** Those who would join named on a proposal's page, the earliest first (the count counts them all). */
const SUPPORTERS_LISTED = 200;

/** A proposal's page: the proposal, those who would join, whether the viewer may decide it. One query each. */
async function proposalPageData(db: Kysely<DB>, request: FastifyRequest) {
  const { id } = request.params as { id: number };
  const { viewer } = request;
  const [row, supporters] = await Promise.all([queries.findProposal(db, id, viewer?.id), queries.listSupporters(db, id, SUPPORTERS_LISTED)]);
  if (!row) throw new NotFoundError();
  const proposal = proposalJson(row, viewer);
  return {
    proposal,
    supporters: supporters.map((supporter) => ({
      username: supporter.username,
      displayName: supporter.display_name,
      since: supporter.created_at.toISOString(),
    })),
    canDecide: viewer?.role === 'admin' && proposal.status === 'open',
  };
}

async function proposalAfter(db: Kysely<DB>, request: FastifyRequest, id: number) {
  return proposalJson((await queries.findProposal(db, id, request.viewer?.id))!, request.viewer);
}

export async function proposalsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const onProposalPage = { form: { view: 'proposals/show', data: (request: FastifyRequest) => proposalPageData(db, request) } };

  const proposeForm = Type.Object(blankForm);
  app.get('/networks/propose', { onRequest: signedInOnly, schema: { response: { 200: proposeForm } } }, async (request, reply) => {
    return reply.page('proposals/form', { values: {}, errors: {} }, { title: request.t('proposals.propose.title') });
  });

  app.post(
    '/networks/propose',
    { onRequest: signedInOnly, schema: { body: proposeBody, response: { 201: ProposalJson } }, config: { form: { view: 'proposals/form' } } },
    async (request, reply) => {
      const id = await proposeNetwork(db, requireViewer(request), request.body);
      const proposal = await proposalAfter(db, request, id);
      reply.flash('notice.proposals.proposed', { values: { name: proposal.name } });
      return reply.done(`/networks/proposals/${id}`, proposal, 201);
    },
  );

  // Open to everyone, as boards are: a proposal asks the forum who would join.
  app.get('/networks/proposals', { schema: { response: { 200: ProposalsPage } } }, async (request, reply) => {
    const { viewer } = request;
    const { open, decided } = await queries.listProposals(db, viewer?.id, OPEN_LISTED, DECIDED_LISTED);
    const json = { open: open.map((row) => proposalJson(row, viewer)), decided: decided.map((row) => proposalJson(row, viewer)) };
    return reply.page('proposals/list', json, { title: request.t('proposals.list.title') });
  });

  app.get('/networks/proposals/:id', { schema: { params: proposalParams, response: { 200: ProposalPage } } }, async (request, reply) => {
    const data = await proposalPageData(db, request);
    return reply.page('proposals/show', data, { title: request.t('proposals.show.title', { name: data.proposal.name }) });
  });

  for (const [action, support] of [
    ['support', true],
    ['unsupport', false],
  ] as const) {
    app.post(
      `/networks/proposals/:id/${action}`,
      { onRequest: signedInOnly, schema: { params: proposalParams, response: { 200: SupportJson } } },
      async (request, reply) => {
        const result = await setSupport(db, requireViewer(request), request.params.id, support);
        reply.flash(support ? 'notice.proposals.supported' : 'notice.proposals.unsupported');
        return reply.done(`/networks/proposals/${request.params.id}`, result, 200);
      },
    );
  }

  app.post(
    '/networks/proposals/:id/approve',
    { onRequest: adminOnly, schema: { params: proposalParams, response: { 200: ProposalJson } } },
    async (request, reply) => {
      const { network } = await approveProposal(db, requireViewer(request), request.params.id, (locale) =>
        translator(locale ?? request.server.config.defaultLocale),
      );
      reply.flash('notice.proposals.approved', { values: { network: network.name } });
      return reply.done(`/n/${network.slug}`, await proposalAfter(db, request, request.params.id), 200);
    },
  );

  app.post(
    '/networks/proposals/:id/decline',
    { onRequest: adminOnly, schema: { params: proposalParams, body: declineBody, response: { 200: ProposalJson } }, config: onProposalPage },
    async (request, reply) => {
      await declineProposal(db, requireViewer(request), request.params.id, request.body.reason);
      const proposal = await proposalAfter(db, request, request.params.id);
      reply.flash('notice.proposals.declined', { values: { name: proposal.name } });
      return reply.done(`/networks/proposals/${proposal.id}`, proposal, 200);
    },
  );

  // Opening a notice from /notifications marks it read and leads to what it is about.
  app.get('/networks/proposals/notices/:id', { onRequest: signedInOnly, schema: { params: noticeParams } }, async (request, reply) => {
    const notice = await openNotice(db, requireViewer(request).id, request.params.id);
    if (!notice) throw new NotFoundError();
    return reply.redirect(noticeTarget(notice), 303);
  });
}
