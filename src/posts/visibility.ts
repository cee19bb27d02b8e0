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

/** The columns the rule reads, as a query selects them (posts.queries.ts `visibilityColumns`). */
interface VisibilityColumnTypes {
  author_id: number | null;
  /** The network the post's thread is in now. */
  network_id: number | null;
  deleted_at: Date | null;
  deleted_by_id: number | null;
  hidden_at: Date | null;
  hidden_kind: HiddenKind | null;
  hidden_reason: ModerationReason | null;
  hidden_rule: number | null;
}

/**
 * A row holding a post's visibility columns, each name behind the prefix: none for a row that is the
 * post (`hidden_at`), `opening_` or `post_` where the row is something else (a thread, a log entry, a
 * notification) and names the post it concerns. Author and network are null only where a left join
 * found no post.
 */
export type VisibilityColumns<Prefix extends string = ''> = {
  [Column in keyof VisibilityColumnTypes as `${Prefix}${Column}`]: VisibilityColumnTypes[Column];
};

/**
 * The facts of a frozen row (kept in the shared reads for every viewer) under the prefix they were read
 * with: a board asks them of each of its thirty rows three times on every request.
 */
const factsOfKeptRow = new WeakMap<object, { prefix: string; facts: PostVisibilityFacts }>();

/** What the rule needs to know of the post the row holds (under the prefix); the row must hold one. */
export function visibilityFacts<Prefix extends string = ''>(row: VisibilityColumns<Prefix>, prefix = '' as Prefix): PostVisibilityFacts {
  const kept = Object.isFrozen(row) ? factsOfKeptRow.get(row) : undefined;
  if (kept?.prefix === prefix) return kept.facts;
  const facts = factsOf(row, prefix);
  if (Object.isFrozen(row)) factsOfKeptRow.set(row, { prefix, facts: Object.freeze(facts) });
  return facts;
}

function factsOf<Prefix extends string>(row: VisibilityColumns<Prefix>, prefix: Prefix): PostVisibilityFacts {
  // A row that is the post is read as it is: a page asks this of every post on it, twice.
  const columns = prefix === '' ? (row as unknown as VisibilityColumns) : unprefixed(row, prefix);
  const { author_id: authorId, network_id: networkId } = columns;
  if (authorId === null || networkId === null) throw new Error(`the row holds no post${prefix ? ` under ${prefix}` : ''}`);
  return {
    authorId,
    networkId,
    deletedAt: columns.deleted_at,
    deletedById: columns.deleted_by_id,
    hiddenAt: columns.hidden_at,
    hiddenKind: columns.hidden_kind,
    hiddenReason: columns.hidden_reason,
    hiddenRule: columns.hidden_rule,
  };
}

/** The compiler checks that every column the rule reads is here. */
const VISIBILITY_COLUMNS = {
  author_id: true,
  network_id: true,
  deleted_at: true,
  deleted_by_id: true,
  hidden_at: true,
  hidden_kind: true,
  hidden_reason: true,
  hidden_rule: true,
} as const satisfies Record<keyof VisibilityColumnTypes, true>;

/** Each column's name behind each prefix asked for, worked out once: a listing asks this of every row. */
const prefixedNames = new Map<string, ReadonlyArray<readonly [string, string]>>();

function unprefixed(row: Record<string, unknown>, prefix: string): VisibilityColumns {
  let names = prefixedNames.get(prefix);
  if (!names) prefixedNames.set(prefix, (names = Object.keys(VISIBILITY_COLUMNS).map((name) => [name, prefix + name] as const)));
  const columns: Record<string, unknown> = {};
  for (const [name, prefixed] of names) columns[name] = row[prefixed];
  return columns as VisibilityColumns;
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
export function canModerate(viewer: Pick<Viewer, 'role' | 'convenes'> | null, networkId: number): boolean {
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

/**
 * Whether the viewer may read a thread's title. The title is part of the opening post, so it follows
 * that post's rule: when the opening post is hidden, only those who may read the post (its author, the
 * network's conveners, admins) read the title; everyone else gets a placeholder, on every path (the
 * board, the thread's <title> and heading, JSON, the live feed, the moderation log). A deleted opening
 * post leaves the title readable, as it always has, unless the post is also hidden.
 */
export function threadTitleIsReadable(viewer: Viewer | null, opening: PostVisibilityFacts): boolean {
  return postVisibility(viewer, { ...opening, deletedAt: null, deletedById: null }).kind !== 'hidden';
}

/**
 * Whether the moderation log may show this viewer the text of the post an entry is about: only to
 * those who moderate the log's network, and then only if the post's own rule lets them read it (a
 * post moved to a network they do not convene, or deleted, stays unreadable).
 */
export function logShowsPostText(viewer: Viewer | null, logNetworkId: number, post: PostVisibilityFacts): boolean {
  return canModerate(viewer, logNetworkId) && bodyIsReadable(postVisibility(viewer, post));
}
