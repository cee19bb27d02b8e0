import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import { personName, threadTitleFor } from '../posts/present.js';
import type { ThreadHeading } from '../posts/posts.schemas.js';
import type { BoardThreadRow, NetworkRow } from './networks.queries.js';
import type { BoardThreadJson, NetworkJson } from './networks.schemas.js';

/** The first line of a description's Markdown, as plain text for a one-line summary. */
function firstLine(markdown: string): string {
  const line = markdown.split('\n').find((l) => l.trim()) ?? '';
  return line
    .replace(/[#>*_`[\]]/g, '')
    .replace(/\(https?:[^)]*\)/g, '')
    .trim();
}

export function networkJson(network: NetworkRow): NetworkJson {
  return {
    slug: network.slug,
    name: network.name,
    description: network.description,
    descriptionHtml: network.description_html,
    summary: firstLine(network.description),
    posting: network.posting,
    audience: network.audience,
    isDefault: network.is_default,
    threadCount: network.thread_count,
    lastActivityAt: network.last_activity_at?.toISOString() ?? null,
    createdAt: network.created_at.toISOString(),
  };
}

/**
 * A row kept in memory for every viewer (core/shared-reads.ts: frozen) as every viewer who may read its
 * title sees it: built once per row read, not for each of a board's thirty rows on every request.
 */
const readableJsonOf = new WeakMap<BoardThreadRow, BoardThreadJson>();

/** A board's row as this viewer may see it: the title is a placeholder when its opening post is hidden from them. */
export function boardThreadJson(row: BoardThreadRow, viewer: Viewer | null, t: Translate): BoardThreadJson {
  const heading = threadTitleFor(row, viewer, t);
  // Readable, the title is the row's own: nothing else here depends on the viewer.
  const kept = !heading.titleHidden && Object.isFrozen(row);
  const found = kept ? readableJsonOf.get(row) : undefined;
  if (found) return found;
  const json = threadJson(row, heading);
  if (kept) readableJsonOf.set(row, Object.freeze(json));
  return json;
}

function threadJson(row: BoardThreadRow, { title, slug, titleHidden }: ThreadHeading): BoardThreadJson {
  return {
    id: row.id,
    title,
    slug,
    titleHidden,
    openingHidden: row.opening_hidden_at !== null,
    pinned: row.pinned,
    locked: row.locked,
    replyCount: row.reply_count,
    author: personName(row.author_username, row.author_display_name, row.author_deleted_at),
    lastActivityAt: row.last_activity_at.toISOString(),
    lastPoster: row.last_poster_username ? personName(row.last_poster_username, row.last_poster_display_name!, row.last_poster_deleted_at) : null,
    createdAt: row.created_at.toISOString(),
    kind: row.kind,
    answered: row.answered,
  };
}
