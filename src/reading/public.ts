// What the pages use of read state (README, Home and read state): marking what a thread page showed a
// member as read, each thread's read state for a member (a board's rows, the home page's lists), and the
// home page's lists of threads — the latest of a member's networks or of the forum, and those waiting
// for a first reply. The rest of reading/ is its own.
import type { Kysely } from 'kysely';
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import type { Reading } from '../core/shared-reads.js';
import { listedThreadJson, type ReadState } from './present.js';
import { latestThreads, readStates, threadsAwaitingReply, type QuestionFilter } from './reading.queries.js';
import { readerTag } from './read-marks.js';

export { readerTag, rememberingReadMarks, type MarkRead } from './read-marks.js';
export { readFromPath, type ReadState } from './present.js';
export { ListedThreadJson } from './reading.schemas.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * A thread a member never opened is new to them only for what was written in the last 30 days (and
 * since they joined its network): older threads are the network's past, not news.
 */
export const NEW_THREAD_DAYS = 30;
/** "Needs a reply" lists questions of the last 30 days: an older one has found its answer elsewhere, or none. */
export const AWAITING_REPLY_DAYS = 30;

/**
 * Each thread's read state for the member, by thread id (a thread missing from the map does not exist).
 * One query, kept for the member until a post or membership changes (the events drop boards and home) or
 * their mark moves on this instance; moved on another, it is seen here within the minute kept reads live.
 */
export async function readStatesOf({ db, reads }: Reading, viewer: Viewer, threadIds: readonly number[], now = new Date()): Promise<Map<number, ReadState>> {
  const horizon = new Date(now.getTime() - NEW_THREAD_DAYS * DAY_MS);
  const rows = await reads.read(`read states ${viewer.id} ${threadIds.join(',')}`, ['boards', 'home', readerTag(viewer.id)], () =>
    readStates(db, viewer, threadIds, horizon),
  );
  return new Map(
    rows.map((row) => [
      row.thread_id,
      {
        unread: row.last_read_post_id === null ? row.new_since_horizon === true : row.first_unread_id !== null,
        firstUnreadPostId: row.first_unread_id,
      },
    ]),
  );
}

/**
 * The latest threads as the viewer may see them: of their networks for a member, of the whole forum for
 * a guest, with a member's read state; `filter` keeps questions, unanswered or answered. One query (the threads), and for a member their read state (readStatesOf: kept).
 */
export async function latestThreadsFor(reading: Reading, viewer: Viewer | null, t: Translate, limit: number, filter?: QuestionFilter) {
  const rows = await latestThreads(reading.db, viewer?.id, limit, filter);
  const states = viewer
    ? await readStatesOf(
        reading,
        viewer,
        rows.map((row) => row.id),
      )
    : undefined;
  return rows.map((row) => listedThreadJson(row, viewer, t, states?.get(row.id)));
}

/** Questions in the member's networks that nobody has answered, the one waiting longest first. One query. */
export async function threadsAwaitingReplyFor(db: Kysely<DB>, viewer: Viewer, t: Translate, limit: number, now = new Date()) {
  const rows = await threadsAwaitingReply(db, viewer.id, new Date(now.getTime() - AWAITING_REPLY_DAYS * DAY_MS), limit);
  return rows.map((row) => listedThreadJson(row, viewer, t, undefined));
}
