// What decides a post's HTML on a page (views/partials/post.hbs), as the key of its cached fragment
// (core/views.ts cacheFragments). The node is what the one visibility rule and the viewer's rights made
// of the post for this viewer, so the key holds the viewer's class by construction: two viewers share a
// fragment only when every field the partial reads is the same for both.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Locale } from '../config.js';
import { relativeTime } from '../core/time.js';
import type { PostNode } from './present.js';

/**
 * Digests of posts' HTML by the HTML itself: the rows a page shows are shared between requests
 * (core/shared-reads.ts), and so are their strings, whose hash V8 keeps; a page's hundred digests are
 * looked up, not computed. Bounded by characters held.
 */
const digests = new LRUCache<string, string>({ maxSize: 4 * 1024 * 1024, sizeCalculation: (_digest, html) => html.length + 28 });

function digestOf(html: string): string {
  let digest = digests.get(html);
  if (digest === undefined) {
    digest = createHash('sha1').update(html).digest('base64');
    digests.set(html, digest);
  }
  return digest;
}

/**
 * The fields of a node its key holds: every one but its replies (rendered around it, not in it) and its
 * HTML (keyed by digest). The compiler checks the list against PostNode, so a field added to the node is
 * added here or the build fails.
 */
const KEYED = {
  id: true,
  parentId: true,
  threadId: true,
  depth: true,
  createdAt: true,
  editedAt: true,
  deleted: true,
  thanks: true,
  hidden: true,
  author: true,
  lang: true,
  authorBusiness: true,
  displayDepth: true,
  deletedByAuthor: true,
  isOpening: true,
  placeholderOnly: true,
  hiddenReadableAs: true,
  networkSlug: true,
  hiddenBy: true,
  hiddenNote: true,
  hiddenRuleTitle: true,
  canEdit: true,
  canDelete: true,
  canRestore: true,
  canReply: true,
  canModerate: true,
  canFlag: true,
  thanked: true,
  canThank: true,
  isAnswer: true,
  canAccept: true,
  inReplyTo: true,
} as const satisfies Record<Exclude<keyof PostNode, 'children' | 'html'>, true>;
const keyedFields = Object.keys(KEYED) as Array<keyof typeof KEYED>;

/**
 * The node's keyed fields, its HTML by digest (the stored HTML can change without an edit, when a
 * mentioned account is deleted) and the age the page writes beside it ("3 minutes ago"), which changes
 * as time passes. Field by field, in a fixed order; text and objects as JSON, so no value can pass for
 * another's. (JSON.stringify of the whole node with a replacer was a sixth of a member's thread page.)
 */
export function postFragmentKey(node: PostNode, locale: Locale): string {
  let key = `${relativeTime(new Date(node.createdAt), locale)}\u0000${digestOf(node.html)}`;
  for (const field of keyedFields) {
    const value = node[field];
    key += `\u0000${typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value)}`;
  }
  return key;
}
