// The one rule for who sees a post's body. Every path that shows a post (pages, JSON, permalinks,
// the websocket, feeds, search, notifications) asks here; none decides on its own.
import type { Viewer } from '../core/viewer.js';

export interface PostVisibilityFacts {
  authorId: number;
  deletedAt: Date | null;
  deletedById: number | null;
}

export type PostVisibility =
  | { kind: 'visible' }
  | { kind: 'deleted'; byAuthor: boolean };

export function postVisibility(_viewer: Viewer | null, post: PostVisibilityFacts): PostVisibility {
  if (post.deletedAt) return { kind: 'deleted', byAuthor: post.deletedById === post.authorId };
  return { kind: 'visible' };
}

/** The HTML the viewer may see: the stored body, or empty when a placeholder takes its place. */
export function visibleHtml(visibility: PostVisibility, html: string): string {
  return visibility.kind === 'visible' ? html : '';
}
