// A moderation log entry as a viewer may see it: actions, reasons and notes are public; a post's text
// only for those who moderate the log's network and may read the post (posts/visibility.ts);
// a thread's title follows its opening post's visibility, as everywhere.
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import { personName, threadTitleFor } from '../posts/present.js';
import { logShowsPostText, visibilityFacts } from '../posts/visibility.js';
import type { LogEntryRow } from './log.queries.js';

export function logEntryJson(row: LogEntryRow, networkId: number, viewer: Viewer | null, t: Translate) {
  const thread =
    row.thread_id !== null && row.thread_title !== null
      ? threadTitleFor({ ...row, id: row.thread_id, title: row.thread_title, slug: row.thread_slug! }, viewer, t)
      : null;
  const post =
    row.post_id !== null
      ? {
          id: row.post_id,
          /** The post's HTML, for the network's conveners and admins only; null for everyone else. */
          html: logShowsPostText(viewer, networkId, visibilityFacts(row, 'post_')) ? row.post_html : null,
        }
      : null;
  return {
    id: row.id,
    action: row.action,
    at: row.created_at.toISOString(),
    /** null when members' flags acted (community hiding). */
    actor: row.actor_id !== null && row.actor_username ? personName(row.actor_username, row.actor_display_name!, row.actor_deleted_at) : null,
    byCommunity: row.actor_id === null,
    account: row.target_username ? personName(row.target_username, row.target_display_name!, row.target_deleted_at) : null,
    reason: row.reason,
    rule: row.rule,
    note: row.note,
    until: row.ends_at?.toISOString() ?? null,
    movedTo: row.moved_to_slug ? { slug: row.moved_to_slug, name: row.moved_to_name! } : null,
    thread,
    post,
  };
}

export type LogEntryJson = ReturnType<typeof logEntryJson>;
