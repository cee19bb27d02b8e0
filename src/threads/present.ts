// Turns stored posts into what a viewer may see: the JSON shape and the page's tree share one source.
import type { Viewer } from '../core/viewer.js';
import { postVisibility, visibleHtml } from '../moderation/visibility.js';
import type { PostRow } from './threads.queries.js';
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
}

export interface PostNode extends PostJson {
  displayDepth: number;
  deletedByAuthor: boolean;
  isOpening: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canReply: boolean;
  /** Set when the post is shown flatter than its real depth: whom it answers. */
  inReplyTo?: { id: number; username: string };
  children: PostNode[];
}

export function postJson(row: PostRow, viewer: Viewer | null): PostJson {
  const visibility = postVisibility(viewer, { authorId: row.author_id, deletedAt: row.deleted_at, deletedById: row.deleted_by_id });
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
  };
}

export function postNode(row: PostRow, viewer: Viewer | null, options: { locked: boolean }): PostNode {
  const json = postJson(row, viewer);
  const changeable = mayChangePost(viewer, row) && !json.deleted;
  return {
    ...json,
    displayDepth: row.depth,
    deletedByAuthor: json.deleted && row.deleted_by_id === row.author_id,
    isOpening: row.parent_id === null,
    canEdit: changeable,
    canDelete: changeable,
    canReply: !!viewer && !options.locked,
    children: [],
  };
}

function descendantsInOrder(node: PostNode): PostNode[] {
  return node.children.flatMap((child) => [child, ...descendantsInOrder(child)]);
}

/** Nests no deeper than maxDepth: deeper replies line up after their ancestor, saying whom they answer. */
function capDepth(children: PostNode[], maxDepth: number, byId: Map<number, PostNode>): PostNode[] {
  return children.flatMap((child) => {
    if (child.depth < maxDepth) {
      child.children = capDepth(child.children, maxDepth, byId);
      return [child];
    }
    const flattened = descendantsInOrder(child);
    child.children = [];
    for (const post of flattened) {
      const parent = byId.get(post.parentId!)!;
      post.displayDepth = maxDepth;
      post.inReplyTo = { id: parent.id, username: parent.author.username };
      post.children = [];
    }
    return [child, ...flattened];
  });
}

/** The opening post and the page's replies as a tree; rows come in the order written. */
export function buildTree(rows: PostRow[], viewer: Viewer | null, options: { locked: boolean; maxDepth: number }) {
  const byId = new Map<number, PostNode>();
  let opening: PostNode | undefined;
  const topLevel: PostNode[] = [];
  for (const row of rows) {
    const node = postNode(row, viewer, options);
    byId.set(node.id, node);
    if (node.parentId === null) opening = node;
    else if (node.depth === 1) topLevel.push(node);
    else byId.get(node.parentId)?.children.push(node);
  }
  return { opening, replies: capDepth(topLevel, options.maxDepth, byId) };
}

/** A post on its own (as the live feed pushes it), placed as the page's tree would place it. */
export function standalonePostNode(
  row: PostRow,
  viewer: Viewer | null,
  options: { locked: boolean; maxDepth: number; parentUsername: string | undefined },
): PostNode {
  const node = postNode(row, viewer, options);
  if (row.depth > options.maxDepth && row.parent_id !== null && options.parentUsername) {
    node.displayDepth = options.maxDepth;
    node.inReplyTo = { id: row.parent_id, username: options.parentUsername };
  }
  return node;
}

/**
 * Viewers who see a post identically: a rendering for one serves all of its class.
 * Extend this with every rule that changes what a viewer sees of a post.
 */
export function viewerClass(viewer: Viewer | null, row: PostRow): string {
  if (!viewer) return 'guest';
  return mayChangePost(viewer, row) ? 'owner' : 'member';
}
