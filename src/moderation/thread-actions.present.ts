// What the move form shows: the networks a thread can go to.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { listNetworks } from '../networks/public.js';
import type { ThreadRow } from '../posts/posts.queries.js';

/** The networks a thread can be moved to, by name: for the move form's list. */
export async function moveTargets(db: Kysely<DB>, thread: ThreadRow) {
  const networks = await listNetworks(db);
  return networks
    .filter((n) => n.id !== thread.network_id)
    .map((n) => ({ slug: n.slug, name: n.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
