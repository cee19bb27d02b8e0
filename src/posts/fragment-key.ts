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
 * Every field of the node but its replies (rendered around it, not in it) and its HTML (by digest: the
 * stored HTML can change without an edit, when a mentioned account is deleted), and the age the page
 * writes beside it ("3 minutes ago"), which changes as time passes.
 */
export function postFragmentKey(node: PostNode, locale: Locale): string {
  const fields = JSON.stringify(node, (name, value: unknown) =>
    name === 'children' ? undefined : name === 'html' && typeof value === 'string' ? digestOf(value) : value,
  );
  return `${relativeTime(new Date(node.createdAt), locale)}\u0000${fields}`;
}
