// The one rule for who sees a post's body. Every path that shows a post (pages, JSON, permalinks,
// the websocket, feeds, search, notifications, email) asks here; none decides on its own.
import type { Viewer } from '../core/viewer.js';
import type { HiddenKind, ModerationReason } from '../db/schema.js';

export interface PostVisibilityFacts {
  authorId: number;
  networkId: number;
  deletedAt: Date | null;
  deletedById: number | null;
  hiddenAt: Date | null;
  hiddenKind: HiddenKind | null;
  hiddenReason: ModerationReason | null;
  hiddenRule: number | null;
}

export interface HiddenDetails {
  kind: HiddenKind;
  reason: ModerationReason;
  rule: number | null;
}

export type PostVisibility =
  | { kind: 'visible' }
  | { kind: 'deleted'; byAuthor: boolean }
  /** Hidden, and this viewer sees only a placeholder saying why. */
  | { kind: 'hidden'; hidden: HiddenDetails }
  /** Hidden, and this viewer may still read it: its author (told why) or a moderator (who may unhide). */
  | { kind: 'hidden-readable'; hidden: HiddenDetails; as: 'author' | 'moderator' };

/** Admins moderate every network; conveners the networks they convene. */
export function canModerate(viewer: Viewer | null, networkId: number): boolean {
  return !!viewer && (viewer.role === 'admin' || viewer.convenes.includes(networkId));
}

export function postVisibility(viewer: Viewer | null, post: PostVisibilityFacts): PostVisibility {
  if (post.deletedAt) return { kind: 'deleted', byAuthor: post.deletedById === post.authorId };
  if (!post.hiddenAt || !post.hiddenKind || !post.hiddenReason) return { kind: 'visible' };
  const hidden = { kind: post.hiddenKind, reason: post.hiddenReason, rule: post.hiddenRule };
  if (canModerate(viewer, post.networkId)) return { kind: 'hidden-readable', hidden, as: 'moderator' };
  if (viewer?.id === post.authorId) return { kind: 'hidden-readable', hidden, as: 'author' };
  return { kind: 'hidden', hidden };
}

/** True when the viewer may read the post's body (and its text in titles, excerpts, feeds, search). */
export function bodyIsReadable(visibility: PostVisibility): boolean {
  return visibility.kind === 'visible' || visibility.kind === 'hidden-readable';
}

/** The HTML the viewer may see: the stored body, or empty when a placeholder takes its place. */
export function visibleHtml(visibility: PostVisibility, html: string): string {
  return bodyIsReadable(visibility) ? html : '';
}

/**
 * Viewers who see a post the same way, so one rendering serves them all (the live feed renders once
 * per class, not once per connection).
 */
export function visibilityClass(visibility: PostVisibility): string {
  return visibility.kind === 'hidden-readable' ? `${visibility.kind}:${visibility.as}` : visibility.kind;
}
