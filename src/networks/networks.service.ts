// Creating and editing networks: render the description once, write, and announce the change.
import type { Kysely } from 'kysely';
import { ValidationError } from '../core/errors.js';
import { recordEvent } from '../core/events.js';
import { renderMarkdown } from '../core/markdown.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB } from '../db/schema.js';
import * as queries from './networks.queries.js';

export async function createNetwork(db: Kysely<DB>, input: { slug: string; name: string; description: string }) {
  try {
    return await queries.insertNetwork(db, { ...input, descriptionHtml: renderMarkdown(input.description) });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: 'networks.slugTaken' });
    throw error;
  }
}

export async function editNetwork(db: Kysely<DB>, networkId: number, input: { name: string; description: string }) {
  const descriptionHtml = renderMarkdown(input.description);
  await db.transaction().execute(async (tx) => {
    await queries.updateNetwork(tx, networkId, { ...input, descriptionHtml });
    await recordEvent(tx, 'network.changed', { networkId });
  });
}
