// Thanking a post: a toggle, one transaction recorded as post.thanked (the author is told, grouped
// per post; taking thanks back takes the notification back).
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { findPostForAnswer } from './answers.queries.js';
import * as queries from './thanks.queries.js';

export function thanksService(db: Kysely<DB>) {
  return {
    /**
     * Thanks the post, or takes the viewer's thanks back. Not one's own post (403); a deleted or hidden
     * post takes no new thanks (409), though thanks already given may be taken back.
     */
    async toggle(viewer: Viewer, postId: number) {
      return db.transaction().execute(async (tx) => {
        const post = await findPostForAnswer(tx, postId);
        if (!post) throw new NotFoundError();
        if (post.author_id === viewer.id) throw new ForbiddenError('thanks.ownPost');
        const removed = await queries.removeThanks(tx, postId, viewer.id);
        let result = { count: removed.count, thanked: false };
        if (!removed.changed) {
          if (post.deleted_at || post.hidden_at) throw new ConflictError('thanks.notShown');
          const added = await queries.addThanks(tx, postId, viewer.id);
          result = { count: added.count, thanked: true };
        }
        await recordEvent(tx, 'post.thanked', { postId, threadId: post.thread_id, accountId: viewer.id, thanked: result.thanked });
        return { postId, threadId: post.thread_id, ...result };
      });
    },
  };
}
