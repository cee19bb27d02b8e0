// Joining and leaving a network (buttons on its board, JSON for scripts), and its members page.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireViewer, signedInOnly } from '../accounts/guards.js';
import { businessLinesOf } from '../businesses/public.js';
import { AVATAR_COLOURS, avatarColour, initials } from '../core/avatar.js';
import { ValidationError } from '../core/errors.js';
import * as queries from './membership.queries.js';
import { MembershipJson, MembersPage, membersQuery } from './membership.schemas.js';
import { joinNetwork, leaveNetwork } from './membership.service.js';
import { networkSlugParam } from './networks.schemas.js';
import { loadNetwork } from './public.js';

/** Members per page of /n/:network/members. */
const MEMBERS_PAGE_SIZE = 50;

/** The largest id an account can have (an int4 column). */
const MAX_ACCOUNT_ID = 2_147_483_647;

/** "<microseconds>.<account id>", as a page's next link gives it; 400 naming `before` for an id past the column. */
function decodeMembersCursor(raw: string): queries.MembersCursor {
  const [micros, id] = raw.split('.') as [string, string];
  // The schema's pattern has made both whole numbers; the id's range is checked here.
  if (Number(id) > MAX_ACCOUNT_ID) throw new ValidationError({ before: 'validation.invalid' });
  return { micros: BigInt(micros), accountId: Number(id) };
}

export async function membershipRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  app.post('/n/:network/join', { onRequest: signedInOnly, schema: { params: networkSlugParam, response: { 200: MembershipJson } } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const network = await loadNetwork(db, request.params.network);
    const { members } = await joinNetwork(db, viewer.id, network.id);
    reply.flash('notice.joined', { values: { network: network.name } });
    return reply.done(`/n/${network.slug}`, { network: network.slug, member: true, members }, 200);
  });

  app.post(
    '/n/:network/leave',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, response: { 200: MembershipJson } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const network = await loadNetwork(db, request.params.network);
      const { members } = await leaveNetwork(db, viewer, network.id);
      reply.flash('notice.left', { values: { network: network.name } });
      return reply.done(`/n/${network.slug}`, { network: network.slug, member: false, members }, 200);
    },
  );

  // Open to everyone, as the board is: members list themselves by joining.
  app.get(
    '/n/:network/members',
    { schema: { params: networkSlugParam, querystring: membersQuery, response: { 200: MembersPage } } },
    async (request, reply) => {
      const { viewer } = request;
      const network = await loadNetwork(db, request.params.network);
      const before = request.query.before === undefined ? undefined : decodeMembersCursor(request.query.before);
      const [state, rows] = await Promise.all([
        queries.membershipState(db, network.id, viewer?.id),
        queries.listMembers(db, network.id, MEMBERS_PAGE_SIZE + 1, before),
      ]);
      const page = rows.slice(0, MEMBERS_PAGE_SIZE);
      const businesses = await businessLinesOf(
        db,
        page.map((row) => row.account_id),
      );
      const last = page.at(-1);
      const json = {
        network: { slug: network.slug, name: network.name, audience: network.audience, posting: network.posting },
        count: state.members,
        member: viewer ? state.member : null,
        members: page.map((row) => {
          const business = businesses.get(row.account_id);
          return {
            username: row.username,
            displayName: row.display_name,
            avatar: { initials: initials(row.display_name), colour: AVATAR_COLOURS[avatarColour(row.username)]! },
            business: business ? { slug: business.slug, name: business.name } : null,
            convener: row.convener,
            joinedAt: row.joined_at.toISOString(),
          };
        }),
        next: rows.length > MEMBERS_PAGE_SIZE && last ? `${last.joined_micros}.${last.account_id}` : null,
      };
      return reply.page(
        'networks/members',
        { ...json, firstPage: before === undefined },
        { json, title: request.t('membership.members.title', { network: network.name }) },
      );
    },
  );
}
