// Writing to threads: each write is one transaction, checked by named guards, then announced as an event.
import type { Kysely } from 'kysely';
import { eventRow, recordEvent } from '../core/events.js';
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../core/errors.js';
import { findMentionedAccounts } from '../accounts/public.js';
import { renderPostMarkdown, type RenderedPost } from '../core/markdown.js';
import type { Viewer } from '../core/viewer.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB, TextLanguage, ThreadKind } from '../db/schema.js';
import { refuseIfSuspended, requireNotSuspended } from '../moderation/guards.js';
import { requireConfirmedAddress } from '../accounts/guards.js';
import { refuseUnlessMayPost, requireMayPost } from '../networks/guards.js';
import { recordNewThread } from '../networks/public.js';
import { detectPostLanguage } from '../search/public.js';
import { findPosts, type PostRow } from '../posts/posts.queries.js';
import { mayChangePost } from '../posts/present.js';
import { lastReplyOrEdit, limitsFor, secondsToWait } from './posting-limits.js';
import { pageOfTopLevelNumber, partOfPosition, topLevelNumbersOf, type ThreadPlace } from './paging.js';
import { slugify } from './slug.js';
import * as queries from './threads.queries.js';

export interface ThreadsServiceOptions {
  db: Kysely<DB>;
  /** false turns the posting limits off (benchmarks, load tests). */
  postingLimits: boolean;
}

type Tx = Kysely<DB>;

/** Locks the author's row for the rest of the transaction: one account's writes go one at a time. */
async function lockAuthor(tx: Tx, author: Viewer): Promise<{ created_at: Date }> {
  const account = await queries.lockAccount(tx, author.id);
  if (!account) throw new ForbiddenError();
  return account;
}

/** Refuses (429) a write that comes too soon after the author's last one; the author's row is locked. */
async function enforcePostingLimit(tx: Tx, author: Viewer, account: { created_at: Date }, kind: 'thread' | 'reply' | 'edit', now: Date): Promise<void> {
  const limits = limitsFor(account.created_at, now);
  const { lastThreadAt, lastReplyAt, lastEditAt } = await queries.lastPostingTimes(tx, author.id);
  const wait =
    kind === 'thread'
      ? secondsToWait(lastThreadAt, limits.threadEverySeconds, now)
      : secondsToWait(lastReplyOrEdit(lastReplyAt, lastEditAt), limits.replyEverySeconds, now);
  if (wait > 0) throw new TooManyRequestsError(wait, 'threads.postingTooFast');
}

/**
 * How deep replies nest in the data: a chain of replies to replies may go on, but deeper than this
 * each new one is placed beside the one it answers. Far past what a page shows (THREAD_DISPLAY_DEPTH).
 */
export const MAX_REPLY_DEPTH = 500;

/** Where a reply hangs: the post it answers, or the one beside which it goes. */
type Attachment = Pick<queries.PostPlacement, 'id' | 'thread_id' | 'parent_id' | 'root_id' | 'depth' | 'top_level_number'>;

/** A thread's opening post as a reply to the thread hangs under it (read with the thread's lock). */
function openingPostOf(thread: { id: number; opening_post_id: number | null }): Attachment | undefined {
  if (thread.opening_post_id === null) return undefined;
  return { id: thread.opening_post_id, thread_id: thread.id, parent_id: null, root_id: null, depth: 0, top_level_number: null };
}

/** A post's HTML and whom it mentions: all of the body's @names are looked up in one query, before the transaction. */
function renderPost(db: Kysely<DB>, body: string): Promise<RenderedPost> {
  return renderPostMarkdown(body, (names) => findMentionedAccounts(db, names));
}

/** An opening post's language is told from its thread's title and its body together. */
function openingText(title: string, body: string): string {
  return `${title}\n\n${body}`;
}

/**
 * The post as written, read inside the writing transaction: the answer to the request is built from
 * it, so nothing after the commit can fail a request whose write has committed.
 */
async function loadWritten(tx: Tx, postId: number): Promise<PostRow> {
  const [post] = await findPosts(tx, [postId]);
  return post!;
}

/**
 * Makes a post once per submission key: the same form sent twice (a double-click, a retry after a
 * timeout) answers the second time with what the first made. `lock` locks the author's row first, so
 * a second request waits for the first and then finds its key; the primary key on submissions is what
 * guarantees it, should two ever get past that together.
 */
async function once<T extends { post: PostRow }, L>(
  db: Kysely<DB>,
  author: Viewer,
  key: string | undefined,
  steps: { lock(tx: Tx): Promise<L>; replay(tx: Tx, postId: number): Promise<T>; create(tx: Tx, locked: L): Promise<T> },
): Promise<T> {
  try {
    return await db.transaction().execute(async (tx) => {
      const locked = await steps.lock(tx);
      const earlier = key === undefined ? undefined : await queries.findSubmittedPost(tx, author.id, key);
      if (earlier !== undefined) return steps.replay(tx, earlier);
      const created = await steps.create(tx, locked);
      if (key !== undefined) await queries.recordSubmission(tx, author.id, key, created.post.id);
      return created;
    });
  } catch (error) {
    if (key === undefined || !isUniqueViolation(error, 'submissions_pkey')) throw error;
    return db.transaction().execute(async (tx) => steps.replay(tx, (await queries.findSubmittedPost(tx, author.id, key))!));
  }
}

/**
 * Where a post is shown: its page by the top-level reply it hangs under (`top_level_number`, null for
 * the opening post, which is on the first), its part by how many of that page's replies were written
 * before it.
 */
export async function placeOfPost(db: Kysely<DB>, post: { id: number; thread_id: number; top_level_number: number | null }): Promise<ThreadPlace> {
  if (post.top_level_number === null) return { page: 1, part: 1 };
  const page = pageOfTopLevelNumber(post.top_level_number);
  const position = await queries.countPageRepliesBefore(db, post.thread_id, topLevelNumbersOf(page), post.id);
  return { page, part: partOfPosition(position) };
}

export function threadsService({ db, postingLimits }: ThreadsServiceOptions) {
  return {
    /** `language`: the author's, for a text too short to tell its own (the page's language as they write). */
    /**
     * `within`: more to write in the same transaction once the thread exists (a meeting's row): it
     * commits or fails with the thread. It runs after the guards, so it may add guards of its own.
     */
    async createThread(
      author: Viewer,
      network: { id: number },
      input: { title: string; body: string; language: TextLanguage; submissionKey?: string; kind?: ThreadKind },
      within?: (tx: Tx, threadId: number) => Promise<void>,
    ) {
      const { html, mentionedAccountIds } = await renderPost(db, input.body);
      const lang = detectPostLanguage(openingText(input.title, input.body), input.language);
      return once(db, author, input.submissionKey, {
        lock: (tx) => lockAuthor(tx, author),
        replay: async (tx, postId) => {
          const post = await loadWritten(tx, postId);
          return { threadId: post.thread_id, post };
        },
        create: async (tx, account) => {
          const now = new Date();
          // Suspended (anywhere) or barred (from this network): 403 saying until when. Reading stays open.
          await requireNotSuspended(tx, author.id, network.id, now);
          // A members-only network: 403 saying to join first.
          await requireMayPost(tx, author, network.id);
          // An address not yet proven: 403 saying to confirm it.
          requireConfirmedAddress(author);
          if (postingLimits) await enforcePostingLimit(tx, author, account, 'thread', now);
          const thread = await queries.insertThread(tx, {
            networkId: network.id,
            authorId: author.id,
            title: input.title,
            slug: slugify(input.title),
            lang,
            kind: input.kind,
          });
          const post = await queries.insertPost(tx, {
            thread_id: thread.id,
            parent_id: null,
            root_id: null,
            depth: 0,
            top_level_number: null,
            author_id: author.id,
            title: input.title,
            body: input.body,
            html,
            lang,
          });
          await queries.insertPostMentions(tx, post.id, mentionedAccountIds);
          await recordNewThread(tx, network.id, now);
          if (within) await within(tx, thread.id);
          await recordEvent(tx, 'thread.created', { threadId: thread.id, networkId: network.id, postId: post.id });
          return { threadId: thread.id, post: await loadWritten(tx, post.id) };
        },
      });
    },

    async reply(author: Viewer, threadId: number, input: { body: string; language: TextLanguage; parentId?: number; submissionKey?: string }) {
      const { html, mentionedAccountIds } = await renderPost(db, input.body);
      const lang = detectPostLanguage(input.body, input.language);
      const now = new Date();
      return once(db, author, input.submissionKey, {
        lock: async (tx) => {
          const locked = await queries.lockAuthorAndThread(tx, author.id, threadId, now);
          if (locked) return locked;
          // Which of the two is missing: an account deleted meanwhile (403), or the thread (404).
          await lockAuthor(tx, author);
          throw new NotFoundError();
        },
        replay: async (tx, postId) => ({
          post: await loadWritten(tx, postId),
          place: await placeOfPost(tx, (await queries.findPostPlacement(tx, postId))!),
        }),
        create: async (tx, thread) => {
          if (postingLimits) await enforcePostingLimit(tx, author, { created_at: thread.author_created_at }, 'reply', now);
          if (thread.locked) throw new ForbiddenError('threads.locked');
          refuseIfSuspended(thread.suspension);
          refuseUnlessMayPost(author, thread.network_id, thread.posting_rule);
          requireConfirmedAddress(author);
          const parent: Attachment | undefined = input.parentId === undefined ? openingPostOf(thread) : await queries.findPostPlacement(tx, input.parentId);
          if (!parent || parent.thread_id !== threadId) throw new ValidationError({ parentId: 'threads.parentNotInThread' });
          // Past the deepest nesting kept, a reply goes beside the post it answers (under the same parent).
          const attachTo = parent.depth >= MAX_REPLY_DEPTH ? (await queries.findPostPlacement(tx, parent.parent_id!))! : parent;
          const depth = attachTo.depth + 1;
          const topLevel = depth === 1;
          const post = await queries.insertReply(
            tx,
            {
              thread_id: threadId,
              parent_id: attachTo.id,
              root_id: topLevel ? null : (attachTo.root_id ?? attachTo.id),
              depth,
              top_level_number: topLevel ? thread.top_level_count + 1 : null,
              author_id: author.id,
              title: null,
              body: input.body,
              html,
              lang,
            },
            { networkId: thread.network_id, at: now, topLevelAdded: topLevel ? 1 : 0 },
          );
          await queries.insertPostMentions(tx, post.id, mentionedAccountIds);
          // The number of the top-level reply it hangs under says which page of the thread holds it;
          // the part is counted as the post is read back, so the answer needs nothing after the commit.
          const page = pageOfTopLevelNumber(topLevel ? thread.top_level_count + 1 : attachTo.top_level_number!);
          const event = eventRow('post.created', { postId: post.id, threadId });
          const { post: row, before } = await queries.findWrittenReply(tx, post.id, threadId, topLevelNumbersOf(page), event);
          return { post: row, place: { page, part: partOfPosition(before) } };
        },
      });
    },

    async editPost(editor: Viewer, postId: number, input: { body: string; title?: string }) {
      const { html, mentionedAccountIds } = await renderPost(db, input.body);
      return db.transaction().execute(async (tx) => {
        const now = new Date();
        const post = await queries.findPostPlacement(tx, postId);
        if (!post) throw new NotFoundError();
        if (!mayChangePost(editor, post)) throw new ForbiddenError();
        if (post.deleted_at) throw new ForbiddenError('threads.postDeleted');
        // The account, then the thread: the same order as replying.
        const account = await lockAuthor(tx, editor);
        if (postingLimits) await enforcePostingLimit(tx, editor, account, 'edit', now);
        const thread = (await queries.lockThread(tx, post.thread_id))!;
        // Suspended, or barred from the network the thread is in now: no editing there either.
        await requireNotSuspended(tx, editor.id, thread.network_id, now);
        const isOpening = post.parent_id === null;
        const newTitle = isOpening && input.title !== undefined && input.title !== thread.title ? input.title : undefined;
        await queries.insertRevision(tx, { postId, editorId: editor.id, body: post.body, title: newTitle ? thread.title : null });
        // A text too short to tell keeps the language it had (the editor may be a convener writing in theirs).
        const lang = detectPostLanguage(isOpening ? openingText(newTitle ?? thread.title, input.body) : input.body, post.lang);
        await queries.updatePostBody(tx, postId, { body: input.body, html, lang, at: now });
        await queries.replacePostMentions(tx, postId, mentionedAccountIds);
        if (isOpening) await queries.updateThreadText(tx, post.thread_id, newTitle ? { title: newTitle, slug: slugify(newTitle), lang } : { lang });
        await recordEvent(tx, 'post.edited', { postId, threadId: post.thread_id });
        return { threadId: post.thread_id, post: await loadWritten(tx, postId) };
      });
    },

    async deletePost(actor: Viewer, postId: number) {
      return db.transaction().execute(async (tx) => {
        const post = await queries.findPostPlacement(tx, postId);
        if (!post) throw new NotFoundError();
        if (!mayChangePost(actor, post)) throw new ForbiddenError();
        if (!post.deleted_at) {
          await queries.markPostDeleted(tx, postId, actor.id, new Date());
          await recordEvent(tx, 'post.deleted', { postId, threadId: post.thread_id });
        }
        return { threadId: post.thread_id, post: await loadWritten(tx, postId) };
      });
    },

    /**
     * Undoes the author's own deletion within UNDO_DELETE_MINUTES: the UPDATE decides (restoreOwnDeletedPost);
     * when it restores nothing, the post is read only to say why (404, 403 for anyone but the author, 409).
     */
    async restorePost(actor: Viewer, postId: number) {
      return db.transaction().execute(async (tx) => {
        if (!(await queries.restoreOwnDeletedPost(tx, postId, actor.id))) {
          const post = await queries.findPostPlacement(tx, postId);
          if (!post) throw new NotFoundError();
          if (post.author_id !== actor.id) throw new ForbiddenError();
          throw new ConflictError(post.deleted_at ? 'threads.restore.tooLate' : 'threads.restore.notDeleted');
        }
        const post = await loadWritten(tx, postId);
        await recordEvent(tx, 'post.restored', { postId, threadId: post.thread_id });
        return { threadId: post.thread_id, post };
      });
    },
  };
}

export type ThreadsService = ReturnType<typeof threadsService>;
