// Turns stored posts into what a viewer may see: the JSON shape and the post node the page's partial
// renders share one source, and so do a thread's title and address wherever the thread is named.
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import type { TextLanguage } from '../db/schema.js';
import type { BusinessLine, PostRow, ThreadRow } from './posts.queries.js';
import type { MovedJson, PostJson, ThreadHeading } from './posts.schemas.js';
import {
  bodyIsReadable,
  canModerate,
  postVisibility,
  threadTitleIsReadable,
  visibilityClass,
  visibilityFacts,
  visibleHtml,
  type PostVisibility,
  type VisibilityColumns,
} from './visibility.js';

/**
 * An account as pages name it (views/partials/person-link.hbs and avatar.hbs). A deleted account is a
 * former member: nobody's name, linking nowhere. Answers' schemas (AccountName) drop `former`, so
 * scripts see an empty username and display name for one.
 */
export interface PersonName {
  username: string;
  displayName: string;
  former: boolean;
}

/** The name an account is shown with: its own, or — once it was deleted (`deletedAt` set) — none. */
export function personName(username: string, displayName: string, deletedAt: Date | null): PersonName {
  return deletedAt ? { username: '', displayName: '', former: true } : { username, displayName, former: false };
}

export interface PostNode extends PostJson {
  author: PersonName;
  /** The language it is written in, for the `lang` of its element; pages only (PostJson leaves it out). */
  lang: TextLanguage;
  /** The business the author is shown with beside their name; null when none (or a former member). */
  authorBusiness: BusinessLine | null;
  displayDepth: number;
  deletedByAuthor: boolean;
  isOpening: boolean;
  /** Hidden and shown to this viewer as a placeholder only. */
  placeholderOnly: boolean;
  /** Hidden, and this viewer reads it as its author or as a moderator. */
  hiddenReadableAs: 'author' | 'moderator' | null;
  networkSlug: string;
  /** Who hid it, as the band above a hidden post says: members' flags, a convener or an admin; null when it is not hidden. */
  hiddenBy: 'community' | 'convener' | 'admin' | null;
  /** The public note given when it was hidden. */
  hiddenNote: string | null;
  /** The title of the rule it was hidden for (the network's rule of that number today); null when none. */
  hiddenRuleTitle: string | null;
  canEdit: boolean;
  canDelete: boolean;
  /** Deleted by this viewer, its author, within UNDO_DELETE_MS: the tombstone offers Undo. */
  canRestore: boolean;
  canReply: boolean;
  canModerate: boolean;
  canFlag: boolean;
  /** Thanked by this viewer (the Thanks button is pressed). */
  thanked: boolean;
  /** The viewer may thank it: signed in, not its author, and it is neither deleted nor hidden. */
  canThank: boolean;
  /** It is its question's answer (the one reply marked). */
  isAnswer: boolean;
  /** The viewer may mark it as the answer, or unmark it: the asker or a moderator of the network, on a question's visible reply. */
  canAccept: boolean;
  /** Set when the post is not shown below the post it answers: whom it answers, and a link to that post. */
  inReplyTo?: { username: string; href: string };
  children: PostNode[];
}

/** How long after deleting their own post an author may undo it (threads' restoring UPDATE enforces the same 10 minutes). */
export const UNDO_DELETE_MS = 10 * 60 * 1000;

/** Authors change their own posts; admins anyone's. */
export function mayChangePost(viewer: Viewer | null, post: { author_id: number }): boolean {
  return !!viewer && (viewer.role === 'admin' || viewer.id === post.author_id);
}

export function visibilityOf(row: PostRow, viewer: Viewer | null): PostVisibility {
  return postVisibility(viewer, visibilityFacts(row));
}

/** `visibility`: what the one rule says of the post for this viewer, when the caller has it already. */
export function postJson(row: PostRow, viewer: Viewer | null, visibility = visibilityOf(row, viewer)): PostJson {
  return {
    id: row.id,
    parentId: row.parent_id,
    threadId: row.thread_id,
    depth: row.depth,
    author: personName(row.author_username, row.author_display_name, row.author_deleted_at),
    html: visibleHtml(visibility, row.html),
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted: visibility.kind === 'deleted',
    thanks: bodyIsReadable(visibility) ? row.thanks_count : 0,
    hidden: row.hidden_kind && row.hidden_reason && !row.deleted_at ? { by: row.hidden_kind, reason: row.hidden_reason, rule: row.hidden_rule } : null,
  };
}

/** Which of the page's posts the viewer thanked (one query per page); absent, none (the live feed renders per kind of viewer). */
export interface PostNodeContext {
  thankedByViewer?: ReadonlySet<number>;
}

/** The viewer may mark a reply of a question as its answer (or unmark it): the asker, or a moderator of the network. */
export function mayAccept(viewer: Viewer | null, row: Pick<PostRow, 'thread_kind' | 'thread_author_id' | 'network_id'>): boolean {
  return !!viewer && row.thread_kind === 'question' && (viewer.id === row.thread_author_id || canModerate(viewer, row.network_id));
}

/**
 * `repliesOpen`: the viewer may reply in the thread (it is not locked, and they may post in its network).
 * `json`: the post's JSON for this viewer, when the caller built it already (a thread page sends it too).
 */
export function postNode(
  row: PostRow,
  viewer: Viewer | null,
  options: { repliesOpen: boolean; networkSlug: string } & PostNodeContext,
  json?: PostJson,
): PostNode {
  const visibility = visibilityOf(row, viewer);
  json ??= postJson(row, viewer, visibility);
  const changeable = mayChangePost(viewer, row) && !json.deleted;
  const moderator = canModerate(viewer, row.network_id) && !json.deleted;
  // Every field named, not `...json` followed by twenty more: V8 (Node 20) builds such a literal key by
  // key in dictionary mode, ~60 µs a post — most of a member's thread page (bench/results, issue 19).
  return {
    id: json.id,
    parentId: json.parentId,
    threadId: json.threadId,
    depth: json.depth,
    html: json.html,
    createdAt: json.createdAt,
    editedAt: json.editedAt,
    deleted: json.deleted,
    thanks: json.thanks,
    hidden: json.hidden,
    author: personName(row.author_username, row.author_display_name, row.author_deleted_at),
    lang: row.lang,
    authorBusiness: row.author_deleted_at ? null : row.author_business,
    displayDepth: row.depth,
    deletedByAuthor: json.deleted && row.deleted_by_id === row.author_id,
    isOpening: row.parent_id === null,
    placeholderOnly: visibility.kind === 'hidden',
    hiddenReadableAs: visibility.kind === 'hidden-readable' ? visibility.as : null,
    hiddenBy: json.hidden ? (json.hidden.by === 'community' ? 'community' : row.hidden_by_admin ? 'admin' : 'convener') : null,
    hiddenNote: json.hidden ? row.hidden_note : null,
    hiddenRuleTitle: json.hidden ? row.hidden_rule_title : null,
    networkSlug: options.networkSlug,
    canEdit: changeable,
    canDelete: changeable,
    canRestore:
      !!viewer &&
      viewer.id === row.author_id &&
      row.deleted_by_id === row.author_id &&
      !!row.deleted_at &&
      Date.now() - row.deleted_at.getTime() < UNDO_DELETE_MS,
    // A deleted post takes no replies.
    canReply: !!viewer && options.repliesOpen && !json.deleted,
    canModerate: moderator,
    canFlag: !!viewer && viewer.id !== row.author_id && !json.deleted && !json.hidden,
    thanked: !!options.thankedByViewer?.has(row.id),
    canThank: !!viewer && viewer.id !== row.author_id && !json.deleted && !json.hidden,
    isAnswer: row.thread_kind === 'question' && row.thread_answer_post_id === row.id,
    canAccept: row.parent_id !== null && !json.deleted && !json.hidden && mayAccept(viewer, row),
    children: [],
  };
}

/** Whom a post answers, linked by its anchor on this page, or by its permalink when another part of the page shows it. */
export function answering(postId: number, username: string, shownOn: 'this page' | 'another part'): NonNullable<PostNode['inReplyTo']> {
  return { username, href: shownOn === 'this page' ? `#p-${postId}` : `/p/${postId}` };
}

/** A post on its own (as the live feed pushes it), placed as the page's tree would place it. */
export function standalonePostNode(
  row: PostRow,
  viewer: Viewer | null,
  options: { repliesOpen: boolean; maxDepth: number; networkSlug: string; parentUsername: string | undefined } & PostNodeContext,
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
    // Its author (who alone may undo a deletion), an admin who may change it, or another member.
    viewer.id === row.author_id ? 'author' : mayChangePost(viewer, row) ? 'owner' : 'member',
    canModerate(viewer, row.network_id) ? 'moderator' : '',
    // The asker marks the answer.
    viewer.id === row.thread_author_id ? 'asker' : '',
  ].join('|');
}

/** What deciding a thread's title takes: the thread, and its opening post's visibility columns (posts.queries.ts `openingPostColumns`). */
export interface ThreadTitleFacts extends VisibilityColumns<'opening_'> {
  id: number;
  title: string;
  slug: string;
}

/**
 * The thread's title and slug as this viewer may see them: a placeholder (and no slug, which is made
 * from the title) when the opening post is hidden from them. Every path that names a thread — pages,
 * JSON, feeds, notifications, emails, redirects, the live feed, the moderation log — asks here.
 */
export function threadTitleFor(thread: ThreadTitleFacts, viewer: Viewer | null, t: Translate): ThreadHeading {
  return threadTitleIsReadable(viewer, visibilityFacts(thread, 'opening_'))
    ? { id: thread.id, title: thread.title, slug: thread.slug, titleHidden: false }
    : { id: thread.id, title: t('moderation.hiddenThread'), slug: '', titleHidden: true };
}

/**
 * A member who wrote nothing and moderates nothing: what every such member is shown. Never a viewer of a
 * request (no account has id 0); only asked of the one rule beside a real viewer.
 */
const ANY_MEMBER: Viewer = {
  id: 0,
  username: '',
  displayName: '',
  role: 'member',
  locale: null,
  createdAt: new Date(0),
  convenes: [],
  emailConfirmed: true,
};

/**
 * Whether this viewer reads the thread's title as any member does (the one rule asked for both): a view
 * listing the thread, rendered for one such member, is every such member's (pages/board.page.ts).
 */
export function titleSeenAsAnyMember(thread: ThreadTitleFacts, viewer: Viewer): boolean {
  const opening = visibilityFacts(thread, 'opening_');
  return threadTitleIsReadable(viewer, opening) === threadTitleIsReadable(ANY_MEMBER, opening);
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

/** Where a moved thread came from, and the convener's note (public); null for a thread never moved. */
export function movedJson(thread: ThreadRow): MovedJson {
  return thread.moved_at && thread.moved_from_slug
    ? { from: { slug: thread.moved_from_slug, name: thread.moved_from_name! }, note: thread.moved_note, at: thread.moved_at.toISOString() }
    : null;
}
