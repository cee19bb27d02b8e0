// What the pages use of threads: a page of a thread as a viewer may read it, and the query parameters
// that choose the page. The rest of threads/ is its own.
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { NotFoundError } from '../core/errors.js';
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { mayPostIn } from '../networks/guards.js';
import type { Reading } from '../core/shared-reads.js';
import { movedJson, postJson, postNode, threadTitleFor, visibilityOf } from '../posts/present.js';
import type { PostJson } from '../posts/posts.schemas.js';
import { linksToPages, pagesOf, partsOf, repliesOfPart, threadUrl, topLevelNumbersOf, type ThreadPlace } from './paging.js';
import { buildTree, threadModerationTools } from './present.js';
import { findThread, findThreadPagePosts } from './threads.queries.js';
import { findPosts, type PostRow } from '../posts/posts.queries.js';
import { thankedAmong } from './thanks.queries.js';
import { bodyIsReadable, canModerate } from '../posts/visibility.js';
import type { ThreadPageJson } from './threads.schemas.js';

export { threadPageQuery, ThreadPageJson, type ThreadPageQuery } from './threads.schemas.js';
// Meetings start their threads through the same service (and its guards and limits).
export { threadsService } from './threads.service.js';
// Businesses make their slugs the same way.
export { slugify } from './slug.js';
// A profile's recognition: answers accepted and thanks received over a period.
export { recognitionOf } from './answers.queries.js';
// For other lists (the home page): what threads are and whether they are answered questions.
export { answerStates } from './answers.queries.js';
export { answeredQuestion } from '../posts/posts.queries.js';

/** The thread with what its pages and forms show of it; 404 when there is none. */
export async function loadThread(db: Kysely<DB>, threadId: number) {
  const thread = await findThread(db, threadId);
  if (!thread) throw new NotFoundError();
  return thread;
}

/**
 * A page of a thread, or a part of one (README, Thread pages), as this viewer may read it: `threadJson` is
 * the thread (its title as the viewer may see it) and `posts()` the part's posts' JSON, `tree()` the posts
 * as a tree no deeper than `maxDepth` (both built only when called), then the links to the other pages and
 * parts and what the viewer may do. 404 for a thread, page or part that does not exist. Whatever the page
 * holds: no query once the shared reads hold the thread and (for a member) their thanks on the page; one in
 * a members-only network. `as: 'json'` leaves the tree out (no posts in `tree()` and `answer`): JSON sends none of it.
 */
export async function readThreadPage(
  { db, reads }: Reading,
  threadId: number,
  place: Partial<ThreadPlace>,
  viewer: Viewer | null,
  t: Translate,
  { maxDepth, as }: { maxDepth: number; as: 'page' | 'json' },
) {
  // The thread's row and its page's rows are the same for every viewer (the visibility rule is applied
  // to them below, per viewer): shared, until an event about the thread drops them.
  const tags = [`thread:${threadId}`] as const;
  const thread = await reads.read(`thread ${threadId}`, tags, () => loadThread(db, threadId));
  const pages = pagesOf(thread.top_level_count);
  const page = place.page ?? 1;
  if (page > pages) throw new NotFoundError();
  const part = place.part ?? 1;
  const { rows, pageReplyCount } = await reads.read(`thread ${threadId} page ${page} part ${part}`, tags, () =>
    findThreadPagePosts(db, thread.id, topLevelNumbersOf(page), repliesOfPart(part)),
  );
  const parts = partsOf(pageReplyCount);
  if (part > parts) throw new NotFoundError();
  const answerId = thread.kind === 'question' ? thread.answer_post_id : null;
  const [repliesOpen, thankedByViewer, [answerRow]] = await Promise.all([
    // A members-only network's board is read by all, but offers replying only to those who may post there.
    !thread.locked && mayPostIn(db, viewer, { id: thread.network_id, posting: thread.network_posting }),
    // The viewer's own thanks among the page's posts and the answer (their Thanks buttons, so not for
    // JSON): kept per member like the rows, as every thanks given or taken back records post.thanked.
    viewer && as === 'page'
      ? reads
          .read(`thread ${threadId} page ${page} part ${part} answer ${answerId} thanked by ${viewer.id}`, tags, async () => {
            const postIds = answerId === null ? rows.map((row) => row.id) : [...rows.map((row) => row.id), answerId];
            return { thanked: [...(await thankedAmong(db, viewer.id, postIds))] };
          })
          .then(({ thanked }) => new Set(thanked))
      : new Set<number>(),
    // A question's answer, shown under the question.
    answerId === null ? [] : reads.read(`thread ${threadId} answer ${answerId}`, tags, () => findPosts(db, [answerId])),
  ]);
  // The posts' JSON and tree are built when asked: a page kept for many (pages/thread.page.ts) needs neither.
  let posts: PostJson[] | undefined;
  const postsJson = () => (posts ??= rows.map((row) => postJson(row, viewer)));
  const nodeOptions = { repliesOpen, networkSlug: thread.network_slug, thankedByViewer };
  const tree = () => (as === 'page' ? buildTree(rows, postsJson(), viewer, { ...nodeOptions, maxDepth }) : { opening: undefined, replies: [] });
  const answer = answerOf(answerRow, viewer, nodeOptions, as);
  const heading = threadTitleFor(thread, viewer, t);
  // Every rule above that reads the viewer (the visibility rule, changing, restoring, moderating, thanking,
  // accepting, the thread's title and tools) answers alike for every member who is none of these.
  const seenAsAnyMember =
    !!viewer &&
    !canModerate(viewer, thread.network_id) &&
    viewer.id !== thread.author_id &&
    thankedByViewer.size === 0 &&
    answerRow?.author_id !== viewer.id &&
    rows.every((row) => row.author_id !== viewer.id);
  const threadJson: Omit<Static<typeof ThreadPageJson>, 'posts'> = {
    id: thread.id,
    title: heading.title,
    slug: heading.slug,
    titleHidden: heading.titleHidden,
    network: { slug: thread.network_slug, name: thread.network_name },
    pinned: thread.pinned,
    locked: thread.locked,
    moved: movedJson(thread),
    kind: thread.kind,
    answer: answer ? answer.json : null,
    replyCount: thread.reply_count,
    page,
    pages,
    part,
    parts,
  };
  return {
    /** The thread's JSON but its posts, which `posts` builds. */
    threadJson,
    posts: postsJson,
    /** The page's opening post and replies as the tree the page shows (none for JSON). */
    tree,
    /** The posts the page shows (their ids): what it marks read. */
    shownPostIds: rows.map((row) => row.id),
    pageLinks: linksToPages(pages, page, (number) => threadUrl(thread.id, { page: number, part: 1 })),
    partLinks: linksToPages(parts, part, (number) => threadUrl(thread.id, { page, part: number })),
    isLastPage: page === pages,
    isLastPart: part === parts,
    canReply: repliesOpen,
    rules: thread.rule_titles,
    /** The thread's network as the page's side column shows it (read with the thread). */
    network: { id: thread.network_id, slug: thread.network_slug, name: thread.network_name, description_html: thread.network_description_html },
    tools: threadModerationTools(viewer, thread),
    /** The question's answer as the viewer may read it, shown under the question; null when none (or not readable to them). */
    answer: answer?.node ?? null,
    /** Its author and the network's moderators change what the thread is (a meeting stays one). */
    canChangeKind: !!viewer && thread.kind !== 'meeting' && (viewer.id === thread.author_id || canModerate(viewer, thread.network_id)),
    /**
     * A member who sees the page (everything but their own parts: watch buttons, form keys) as every other
     * member does who may reply as they may, and its JSON as a guest does: one rendering serves them all
     * (pages/thread.page.ts).
     */
    seenAsAnyMember,
  };
}

/**
 * A question's answer as this viewer may see it: the marked reply, when the one visibility rule lets
 * them read it (a hidden answer is still the answer for its author and the network's moderators, who
 * see it with its band; a deleted one for nobody).
 */
function answerOf(
  row: PostRow | undefined,
  viewer: Viewer | null,
  options: { repliesOpen: boolean; networkSlug: string; thankedByViewer: ReadonlySet<number> },
  as: 'page' | 'json',
) {
  if (!row || !bodyIsReadable(visibilityOf(row, viewer))) return null;
  const json = postJson(row, viewer);
  return { node: as === 'page' ? { ...postNode(row, viewer, options, json), href: `/p/${row.id}` } : null, json };
}
