// A question's answer and a thread's kind: who may mark, unmark and change, each write one transaction
// recorded as an event (answer.changed, thread.changed) so pages, caches and live clients follow.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import type { DB, ThreadKind } from '../db/schema.js';
import { checkOfferTerms, upsertOffer } from '../offers/public.js';
import { mayAccept } from '../posts/present.js';
import { canModerate } from '../posts/visibility.js';
import * as queries from './answers.queries.js';

/** The kinds a member chooses; meetings are made (and kept) by meetings. */
export type ChosenKind = Exclude<ThreadKind, 'meeting'>;

/** The asker, or a moderator of the network, on a question: else 403 (409 when the thread is no question). */
function requireMayMark(viewer: Viewer, post: queries.PostForAnswer): void {
  const asker = viewer.id === post.thread_author_id || canModerate(viewer, post.network_id);
  if (!asker) throw new ForbiddenError();
  if (!mayAccept(viewer, post)) throw new ConflictError('answers.notQuestion');
}

export function answersService(db: Kysely<DB>, timeZone: string) {
  return {
    /**
     * Marks a reply (at any depth, not the opening post, neither deleted nor hidden) as its question's
     * answer, in place of any other. Marking the answer again changes nothing and records nothing.
     */
    async accept(viewer: Viewer, postId: number) {
      return db.transaction().execute(async (tx) => {
        const post = await queries.findPostForAnswer(tx, postId);
        if (!post) throw new NotFoundError();
        requireMayMark(viewer, post);
        if (post.parent_id === null) throw new ConflictError('answers.notOpening');
        if (post.deleted_at || post.hidden_at) throw new ConflictError('answers.notShown');
        const thread = await queries.lockThreadAnswer(tx, post.thread_id);
        const previous = thread?.answer_post_id ?? null;
        if (previous === postId) return { threadId: post.thread_id, answer: postId };
        if (!(await queries.setAnswer(tx, post.thread_id, postId))) throw new ConflictError('answers.notShown');
        await recordEvent(tx, 'answer.changed', { threadId: post.thread_id, postId, previousPostId: previous, actorId: viewer.id });
        return { threadId: post.thread_id, answer: postId };
      });
    },

    /** Takes the mark off the answer; a post that is not the answer (any more) changes nothing. */
    async unaccept(viewer: Viewer, postId: number) {
      return db.transaction().execute(async (tx) => {
        const post = await queries.findPostForAnswer(tx, postId);
        if (!post) throw new NotFoundError();
        requireMayMark(viewer, post);
        await queries.lockThreadAnswer(tx, post.thread_id);
        if (await queries.clearAnswer(tx, post.thread_id, postId)) {
          await recordEvent(tx, 'answer.changed', { threadId: post.thread_id, postId: null, previousPostId: postId, actorId: viewer.id });
          return { threadId: post.thread_id, answer: null };
        }
        const thread = await queries.lockThreadAnswer(tx, post.thread_id);
        return { threadId: post.thread_id, answer: thread?.answer_post_id ?? null };
      });
    },

    /**
     * Its author or a moderator of its network changes what a thread is. Becoming an offer takes the
     * offer's terms (its day, to whom); a meeting's kind is not changed here (409).
     */
    async changeKind(viewer: Viewer, threadId: number, input: { kind: ChosenKind; until?: string; audience?: string }, now = new Date()) {
      return db.transaction().execute(async (tx) => {
        const thread = await queries.findThreadForKind(tx, threadId);
        if (!thread) throw new NotFoundError();
        if (viewer.id !== thread.author_id && !canModerate(viewer, thread.network_id)) throw new ForbiddenError();
        if (thread.kind === 'meeting') throw new ConflictError('kinds.meeting');
        const terms = input.kind === 'offer' ? checkOfferTerms(input, timeZone, now) : null;
        if (!(await queries.updateThreadKind(tx, threadId, input.kind))) throw new ConflictError('kinds.meeting');
        if (terms) {
          await upsertOffer(tx, { threadId, ...terms });
          await recordEvent(tx, 'offer.changed', { threadId, networkId: thread.network_id });
        }
        if (input.kind !== thread.kind) await recordEvent(tx, 'thread.changed', { threadId });
        return { threadId, kind: input.kind };
      });
    },
  };
}
