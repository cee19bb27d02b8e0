// The conveners page's data, shared by the page and by the forms on it (appointing, inviting,
// withdrawing), which draw it again when refused.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { loadNetwork, type NetworkParams } from '../networks/public.js';
import { canModerate } from '../posts/visibility.js';
import { CONFIRM_SCRIPT } from './confirm-script.js';
import { sentConvenerInvitations } from './convener-invitations.present.js';
import { listConveners } from './moderation.queries.js';

export async function convenersJson(db: Kysely<DB>, networkId: number) {
  return (await listConveners(db, [networkId])).map((c) => ({ username: c.username, displayName: c.display_name }));
}

/**
 * The network, its conveners, the invitations waiting (for its conveners and admins only: a refused
 * form is drawn for whoever sent it), and which forms the viewer may use: conveners and admins invite,
 * admins alone appoint and remove.
 */
export async function convenersPageData(db: Kysely<DB>, request: FastifyRequest) {
  const network = await loadNetwork(db, (request.params as NetworkParams).network);
  const moderates = canModerate(request.viewer, network.id);
  return {
    network: { slug: network.slug, name: network.name },
    conveners: await convenersJson(db, network.id),
    invitations: moderates ? await sentConvenerInvitations(db, network.id) : [],
    canInvite: moderates,
    canAppoint: request.viewer?.role === 'admin',
    scripts: CONFIRM_SCRIPT,
  };
}
