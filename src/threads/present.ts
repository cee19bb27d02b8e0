// What a thread page shows: its posts as a tree, nested as their replies go and no deeper than the
// page shows, and the tools its moderators get.
import type { Viewer } from '../core/viewer.js';
import { answering, postNode, type PostNode, type PostNodeContext } from '../posts/present.js';
import type { PostJson } from '../posts/posts.schemas.js';
import { canModerate } from '../posts/visibility.js';
import type { PagePostRow, ThreadPageRow } from './threads.queries.js';

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
 * `posts`: the rows' JSON for this viewer, in the same order (what the page sends as JSON).
 */
export function buildTree(
  rows: readonly PagePostRow[],
  posts: readonly PostJson[],
  viewer: Viewer | null,
  options: { repliesOpen: boolean; maxDepth: number; networkSlug: string } & PostNodeContext,
) {
  const byId = new Map<number, PostNode>();
  let opening: PostNode | undefined;
  const topLevel: PostNode[] = [];
  for (const [index, row] of rows.entries()) {
    const node = postNode(row, viewer, options, posts[index]);
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

/**
 * The thread page's moderator tools, for those who moderate the thread's network: null for everyone
 * else. No query: the page's move form takes the target's address; /t/:id/move offers the list.
 */
export function threadModerationTools(viewer: Viewer | null, thread: ThreadPageRow) {
  return canModerate(viewer, thread.network_id) ? { moveForm: `/t/${thread.id}/move` } : null;
}
