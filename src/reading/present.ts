import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import { personName, threadPath, threadTitleFor } from '../posts/present.js';
import type { ListedThreadRow } from './reading.queries.js';
import type { ListedThreadJson } from './reading.schemas.js';

/** A member's read state of one thread (reading/public.ts readStatesOf). */
export interface ReadState {
  unread: boolean;
  /** The first post they have not read, when they opened the thread before; null otherwise. */
  firstUnreadPostId: number | null;
}

/** Where a member's reading of the thread continues: its first unread post (/p/:id finds its page), or the thread. */
export function readFromPath(thread: { id: number; slug: string }, state: ReadState): string {
  return state.firstUnreadPostId === null ? threadPath(thread) : `/p/${state.firstUnreadPostId}`;
}

/** A listed thread as this viewer may see it; `state` is the member's read state (undefined for a guest). */
export function listedThreadJson(row: ListedThreadRow, viewer: Viewer | null, t: Translate, state: ReadState | undefined): ListedThreadJson {
  const heading = threadTitleFor(row, viewer, t);
  const json: ListedThreadJson = {
    id: row.id,
    title: heading.title,
    slug: heading.slug,
    titleHidden: heading.titleHidden,
    path: threadPath(heading),
    network: { slug: row.network_slug, name: row.network_name },
    replyCount: row.reply_count,
    author: personName(row.author_username, row.author_display_name, row.author_deleted_at),
    lastActivityAt: row.last_activity_at.toISOString(),
    lastPoster: row.last_poster_username ? personName(row.last_poster_username, row.last_poster_display_name!, row.last_poster_deleted_at) : null,
    createdAt: row.created_at.toISOString(),
    kind: row.kind,
    answered: row.answered,
  };
  if (state) {
    json.unread = state.unread;
    json.readFrom = readFromPath(heading, state);
  }
  return json;
}
