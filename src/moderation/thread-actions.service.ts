// Moderating whole threads: move, lock/unlock, pin/unpin. Same steps as every moderator action: who
// acts, load the thread, guard, change, log row, event — all in one transaction.
import type { Kysely } from 'kysely';
import { ValidationError } from '../core/errors.js';
import { recordEvent } from '../core/events.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { findNetworkBySlug } from '../networks/public.js';
import { requireFound, requireModeratorOf } from './guards.js';
import { writeLog } from './moderation.queries.js';
import type { MoveInput } from './moderation.schemas.js';
import * as queries from './thread-actions.queries.js';

/**
 * Moves a thread to the network where it belongs: conveners of the network it is in (the source) and
 * admins may. The log row goes to the source network's log, naming the target network.
 */
export async function moveThread(db: Kysely<DB>, actor: Viewer, threadId: number, input: MoveInput): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const thread = requireFound(await queries.lockThreadForModeration(tx, threadId));
    requireModeratorOf(actor, thread.network_id);
    const target = await findNetworkBySlug(tx, input.network.toLowerCase());
    if (!target) throw new ValidationError({ network: 'moderation.noSuchNetwork' });
    if (target.id === thread.network_id) throw new ValidationError({ network: 'moderation.sameNetwork' });
    await queries.moveThread(tx, thread, { toNetworkId: target.id, note: input.note, at: new Date() });
    await writeLog(tx, {
      network_id: thread.network_id,
      actor_id: actor.id,
      action: 'move',
      thread_id: thread.id,
      target_account_id: thread.author_id,
      target_network_id: target.id,
      note: input.note,
    });
    await recordEvent(tx, 'thread.moved', { threadId: thread.id, networkId: target.id, fromNetworkId: thread.network_id });
  });
}

export type ThreadFlagAction = 'lock' | 'unlock' | 'pin' | 'unpin';

const FLAG_OF: Record<ThreadFlagAction, { flag: 'locked' | 'pinned'; value: boolean }> = {
  lock: { flag: 'locked', value: true },
  unlock: { flag: 'locked', value: false },
  pin: { flag: 'pinned', value: true },
  unpin: { flag: 'pinned', value: false },
};

/**
 * Locks (no new replies) or pins (first on its board) a thread, or undoes either: conveners of the
 * thread's network and admins. Asking for the state the thread is already in changes and logs nothing.
 */
export async function changeThread(db: Kysely<DB>, actor: Viewer, threadId: number, action: ThreadFlagAction): Promise<void> {
  const { flag, value } = FLAG_OF[action];
  await db.transaction().execute(async (tx) => {
    const thread = requireFound(await queries.lockThreadForModeration(tx, threadId));
    requireModeratorOf(actor, thread.network_id);
    if (thread[flag] === value) return;
    await queries.setThreadFlag(tx, thread.id, flag, value);
    await writeLog(tx, { network_id: thread.network_id, actor_id: actor.id, action, thread_id: thread.id, target_account_id: thread.author_id });
    await recordEvent(tx, 'thread.changed', { threadId: thread.id });
  });
}
