// Creating and editing networks: render the description once, write, and announce the change.
import type { Kysely } from 'kysely';
import { ValidationError } from '../core/errors.js';
import { recordEvent } from '../core/events.js';
import { renderMarkdown } from '../core/markdown.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB } from '../db/schema.js';
import * as queries from './networks.queries.js';
import type { NetworkMembership } from './networks.queries.js';

/** A network says nothing of whom it is for, and lets anyone post, unless told otherwise. */
export async function createNetwork(db: Kysely<DB>, input: { slug: string; name: string; description: string } & Partial<NetworkMembership>) {
  const descriptionHtml = renderMarkdown(input.description);
  try {
    return await db.transaction().execute(async (tx) => {
      const network = await queries.insertNetwork(tx, { posting: 'anyone', audience: '', ...input, descriptionHtml });
      // The home page lists every network: guests' cached copies must drop it.
      await recordEvent(tx, 'network.changed', { networkId: network.id });
      return network;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: 'networks.slugTaken' });
    throw error;
  }
}

export async function editNetwork(db: Kysely<DB>, networkId: number, input: { name: string; description: string } & NetworkMembership) {
  const descriptionHtml = renderMarkdown(input.description);
  await db.transaction().execute(async (tx) => {
    await queries.updateNetwork(tx, networkId, { ...input, descriptionHtml });
    await recordEvent(tx, 'network.changed', { networkId });
  });
}
