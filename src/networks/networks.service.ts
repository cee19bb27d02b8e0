// Creating and editing networks: render the description once, write, and announce the change.
import type { Kysely } from 'kysely';
import { ValidationError } from '../core/errors.js';
import { recordEvent } from '../core/events.js';
import { renderMarkdown } from '../core/markdown.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB } from '../db/schema.js';
import * as queries from './networks.queries.js';
import type { NetworkMembership } from './networks.queries.js';

type NewNetwork = { slug: string; name: string; description: string } & Partial<NetworkMembership>;

/** A network says nothing of whom it is for, and lets anyone post, unless told otherwise. */
export async function createNetwork(db: Kysely<DB>, input: NewNetwork) {
  try {
    return await db.transaction().execute((tx) => insertNetworkInTransaction(tx, input));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: 'networks.slugTaken' });
    throw error;
  }
}

/**
 * Makes the network inside the caller's transaction (a proposal approved makes one with its convener
 * and members): the row and its event. A slug another network has fails on the networks' unique index
 * (networks_slug_key), and the caller says what that answers.
 */
export async function insertNetworkInTransaction(tx: Kysely<DB>, input: NewNetwork) {
  const network = await queries.insertNetwork(tx, { posting: 'anyone', audience: '', ...input, descriptionHtml: renderMarkdown(input.description) });
  // The home page lists every network: guests' cached copies must drop it.
  await recordEvent(tx, 'network.changed', { networkId: network.id });
  return network;
}

/** `isDefault` left out keeps the network's place; true makes it the forum's default, taking that from another. */
export async function editNetwork(db: Kysely<DB>, networkId: number, input: { name: string; description: string; isDefault?: boolean } & NetworkMembership) {
  const { isDefault, ...fields } = input;
  const descriptionHtml = renderMarkdown(input.description);
  await db.transaction().execute(async (tx) => {
    // The default's lock before any row's: taken after this network's row, two edits could each hold
    // the row the other's clearing needs.
    if (isDefault !== undefined) await queries.lockDefaultNetwork(tx);
    await queries.updateNetwork(tx, networkId, { ...fields, descriptionHtml });
    if (isDefault !== undefined) await queries.setDefaultNetwork(tx, networkId, isDefault);
    await recordEvent(tx, 'network.changed', { networkId });
  });
}
