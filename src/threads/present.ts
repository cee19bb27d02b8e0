// Turns stored posts into what a viewer may see: the JSON shape and the page's tree share one source.
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import type { HiddenKind, ModerationReason } from '../db/schema.js';
import {
  canModerate,
  postVisibility,
  threadTitleIsReadable,
  visibilityClass,
  visibleHtml,
  type HiddenDetails,
  type PostVisibility,
} from '../moderation/visibility.js';
import type { PagePostRow, PostRow } from './threads.queries.js';
import { mayChangePost } from './threads.service.js';

export interface PostJson {
  id: number;
  parentId: number | null;
  threadId: number;
  depth: number;
  author: { username: string; displayName: string };
  html: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  /** Why the post is hidden (public, like the moderation log); null when it is not. */
  hidden: { by: HiddenDetails['kind']; reason: HiddenDetails['reason']; rule: number | null } | null;
}

export interface PostNode extends PostJson {
  displayDepth: number;
  deletedByAuthor: boolean;
  isOpening: boolean;
  /** Hidden and shown to this viewer as a placeholder only. */
  placeholderOnly: boolean;
  /** Hidden, and this viewer reads it as its author or as a moderator. */
  hiddenReadableAs: 'author' | 'moderator' | null;
  networkSlug: string;
  canEdit: boolean;
  canDelete: boolean;
  canReply: boolean;
  canModerate: boolean;
  canFlag: boolean;
  /** Set when the post is not shown below the post it answers: whom it answers, and a link to that post. */
  inReplyTo?: { username: string; href: string };
  children: PostNode[];
}

export function visibilityOf(row: PostRow, viewer: Viewer | null): PostVisibility {
  return postVisibility(viewer, {
    authorId: row.author_id,
    networkId: row.network_id,
    deletedAt: row.deleted_at,
    deletedById: row.deleted_by_id,
    hiddenAt: row.hidden_at,
    hiddenKind: row.hidden_kind,
    hiddenReason: row.hidden_reason,
    hiddenRule: row.hidden_rule,
  });
}

export function postJson(row: PostRow, viewer: Viewer | null): PostJson {
  const visibility = visibilityOf(row, viewer);
  return {
    id: row.id,
    parentId: row.parent_id,
    threadId: row.thread_id,
    depth: row.depth,
    author: { username: row.author_username, displayName: row.author_display_name },
    html: visibleHtml(visibility, row.html),
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted: visibility.kind === 'deleted',
    hidden: row.hidden_kind && row.hidden_reason && !row.deleted_at
      ? { by: row.hidden_kind, reason: row.hidden_reason, rule: row.hidden_rule }
      : null,
  };
}

export function postNode(row: PostRow, viewer: Viewer | null, options: { locked: boolean; networkSlug: string }): PostNode {
  const json = postJson(row, viewer);
  const visibility = visibilityOf(row, viewer);
  const changeable = mayChangePost(viewer, row) && !json.deleted;
  const moderator = canModerate(viewer, row.network_id) && !json.deleted;
  return {
    ...json,
    displayDepth: row.depth,
    deletedByAuthor: json.deleted && row.deleted_by_id === row.author_id,
    isOpening: row.parent_id === null,
    placeholderOnly: visibility.kind === 'hidden',
    hiddenReadableAs: visibility.kind === 'hidden-readable' ? visibility.as : null,
    networkSlug: options.networkSlug,
    canEdit: changeable,
    canDelete: changeable,
    canReply: !!viewer && !options.locked,
    canModerate: moderator,
    canFlag: !!viewer && viewer.id !== row.author_id && !json.deleted && !json.hidden,
    children: [],
  };
}

/** Every post below the node, in the order the tree reads (depth first), without recursion. */
function descendantsInOrder(node: PostNode): PostNode[] {
  const ordered: PostNode[] = [];
  const stack = [...node.children].reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    ordered.push(next);
    for (let i = next.children.length - 1; i >= 0; i -= 1) stack.push(next.children[i]!);
  }
  return ordered;
}

/** Whom a post answers, linked by its anchor on this page, or by its permalink when another part of the page shows it. */
function answering(postId: number, username: string, shownOn: 'this page' | 'another part'): NonNullable<PostNode['inReplyTo']> {
  return { username, href: shownOn === 'this page' ? `#p-${postId}` : `/p/${postId}` };
}

/**
 * Nests no deeper than maxDepth: deeper replies line up after their ancestor at that depth, saying whom
 * they answer. Walks the tree level by level with a queue, never by recursion: a chain of replies can
 * be hundreds deep, more than the call stack holds.
 */
function capDepth(topLevel: PostNode[], maxDepth: number, byId: Map<number, PostNode>): PostNode[] {
  const root = { children: topLevel };
  const queue: Array<{ children: PostNode[] }> = [root];
  for (let parent = queue.shift(); parent; parent = queue.shift()) {
    parent.children = parent.children.flatMap((child) => {
      if (child.displayDepth < maxDepth) {
        queue.push(child);
        return [child];
      }
      const flattened = descendantsInOrder(child);
      child.children = [];
      for (const post of flattened) {
        const answered = byId.get(post.parentId!)!;
        post.displayDepth = maxDepth;
        post.inReplyTo = answering(answered.id, answered.author.username, 'this page');
        post.children = [];
      }
      return [child, ...flattened];
    });
  }
  return root.children;
}

/**
 * The opening post and the page's replies as a tree; rows come in the order written. A reply whose
 * parent is not among the rows (an earlier part of the page shows it) heads a tree of its own on this
 * one, at the top, saying whom it answers: no post is left out. Depths count from where a post is shown.
 */
export function buildTree(rows: readonly PagePostRow[], viewer: Viewer | null, options: { locked: boolean; maxDepth: number; networkSlug: string }) {
  const byId = new Map<number, PostNode>();
  let opening: PostNode | undefined;
  const topLevel: PostNode[] = [];
  for (const row of rows) {
    const node = postNode(row, viewer, options);
    byId.set(node.id, node);
    if (row.parent_id === null) {
      opening = node;
      continue;
    }
    const parent = byId.get(row.parent_id);
    if (parent && !parent.isOpening) {
      node.displayDepth = parent.displayDepth + 1;
      parent.children.push(node);
      continue;
    }
    if (!parent) {
      node.displayDepth = 1;
      // Every reply has a parent (a foreign key), so the join found its author.
      node.inReplyTo = answering(row.parent_id, row.parent_username!, 'another part');
    }
    topLevel.push(node);
  }
  return { opening, replies: capDepth(topLevel, options.maxDepth, byId) };
}

/** A post on its own (as the live feed pushes it), placed as the page's tree would place it. */
export function standalonePostNode(
  row: PostRow,
  viewer: Viewer | null,
  options: { locked: boolean; maxDepth: number; networkSlug: string; parentUsername: string | undefined },
): PostNode {
  const node = postNode(row, viewer, options);
  if (row.depth > options.maxDepth && row.parent_id !== null && options.parentUsername) {
    node.displayDepth = options.maxDepth;
    node.inReplyTo = answering(row.parent_id, options.parentUsername, 'this page');
  }
  return node;
}

/**
 * Viewers who see a post identically: a rendering for one serves all of its class.
 * Extend this with every rule that changes what a viewer sees of a post.
 */
export function viewerClass(viewer: Viewer | null, row: PostRow): string {
  if (!viewer) return `guest|${visibilityClass(visibilityOf(row, null))}`;
  return [
    visibilityClass(visibilityOf(row, viewer)),
    mayChangePost(viewer, row) ? 'owner' : viewer.id === row.author_id ? 'author' : 'member',
    canModerate(viewer, row.network_id) ? 'moderator' : '',
  ].join('|');
}

/** A thread row (board or page) with its opening post's hidden state joined in. */
export interface OpeningPostColumns {
  author_id: number;
  network_id: number;
  opening_hidden_at: Date | null;
  opening_hidden_kind: HiddenKind | null;
  opening_hidden_reason: ModerationReason | null;
  opening_hidden_rule: number | null;
}

/** What deciding a thread's title takes: the thread, the network it is in now, its opening post's hidden state. */
export interface ThreadTitleFacts extends OpeningPostColumns {
  id: number;
  title: string;
  slug: string;
}

/** A thread's title and slug as one viewer may see them. */
export interface ThreadHeading {
  id: number;
  title: string;
  /** Empty when the title is hidden from the viewer: the slug is made from the title. */
  slug: string;
  titleHidden: boolean;
}

/**
 * The thread's title and slug as this viewer may see them: a placeholder (and no slug, which is made
 * from the title) when the opening post is hidden from them. Every path that names a thread — pages,
 * JSON, feeds, notifications, emails, redirects, the live feed, the moderation log — asks here.
 */
export function threadTitleFor(thread: ThreadTitleFacts, viewer: Viewer | null, t: Translate): ThreadHeading {
  const readable = threadTitleIsReadable(viewer, {
    authorId: thread.author_id,
    networkId: thread.network_id,
    deletedAt: null,
    deletedById: null,
    hiddenAt: thread.opening_hidden_at,
    hiddenKind: thread.opening_hidden_kind,
    hiddenReason: thread.opening_hidden_reason,
    hiddenRule: thread.opening_hidden_rule,
  });
  return readable
    ? { id: thread.id, title: thread.title, slug: thread.slug, titleHidden: false }
    : { id: thread.id, title: t('moderation.hiddenThread'), slug: '', titleHidden: true };
}

/** A thread's address: /t/:id/:slug, or /t/:id alone when the slug is empty (its title hidden from the viewer). */
export function threadPath(thread: { id: number; slug: string }): string {
  return thread.slug ? `/t/${thread.id}/${thread.slug}` : `/t/${thread.id}`;
}

/**
 * A thread as a page lists it: its JSON and its address. Pages only: the JSON keeps its fields, and
 * templates link with `path` rather than putting an address together themselves.
 */
export function withThreadPath<T extends { id: number; slug: string }>(thread: T): T & { path: string } {
  return { ...thread, path: threadPath(thread) };
}
