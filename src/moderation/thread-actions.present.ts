// What the thread page shows of thread moderation: the move notice (everyone) and the tools (moderators).
import type { Kysely } from 'kysely';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { listNetworks } from '../networks/networks.queries.js';
import type { ThreadRow } from '../threads/threads.queries.js';
import { canModerate } from './visibility.js';

/** What the thread page shows about a move: where from, and the convener's note (public). */
export function movedJson(thread: ThreadRow) {
  return thread.moved_at && thread.moved_from_slug
    ? { from: { slug: thread.moved_from_slug, name: thread.moved_from_name! }, note: thread.moved_note, at: thread.moved_at.toISOString() }
    : null;
}

/**
 * The thread page's moderator tools, for those who moderate the thread's network: null for everyone
 * else. No query: the page's move form takes the target's address; /t/:id/move offers the list.
 */
export function threadModerationTools(viewer: Viewer | null, thread: ThreadRow) {
  return canModerate(viewer, thread.network_id) ? { moveForm: `/t/${thread.id}/move` } : null;
}

/** The networks a thread can be moved to, by name: for the move form's list. */
export async function moveTargets(db: Kysely<DB>, thread: ThreadRow) {
  const networks = await listNetworks(db);
  return networks
    .filter((n) => n.id !== thread.network_id)
    .map((n) => ({ slug: n.slug, name: n.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
