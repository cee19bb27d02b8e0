// Hundreds of replies in a second or two: written straight into the posts table in one transaction,
// instead of a request each, with the thread's reply count kept right.
import type { TestContext } from '../helpers/context.js';

export interface BulkReplies {
  threadId: number;
  /** Username of the author of every reply. */
  author: string;
  /** The reply (not the opening post) the first reply answers, and any reply parentOf does not place. */
  under: number;
  count: number;
  /** The parent of the i-th reply, among those written before it (ids, in order); `under` when undefined. */
  parentOf?: (i: number, ids: readonly number[]) => number | undefined;
  /** The i-th reply's stored HTML. */
  html?: (i: number) => string;
}

/** The ids of the replies written, in order. */
export async function insertReplies(ctx: TestContext, replies: BulkReplies): Promise<number[]> {
  const { threadId, under, count, parentOf = () => undefined, html = (i) => `<p>bulk reply ${i}</p>` } = replies;
  return ctx.db.transaction().execute(async (tx) => {
    const author = (await tx.selectFrom('accounts').select('id').where('username', '=', replies.author).executeTakeFirstOrThrow()).id;
    const placed = new Map<number, { depth: number; root: number }>();
    const top = await tx.selectFrom('posts').select(['depth', 'root_id']).where('id', '=', under).executeTakeFirstOrThrow();
    placed.set(under, { depth: top.depth, root: top.root_id ?? under });
    const ids: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const parent = parentOf(i, ids) ?? under;
      const { depth, root } = placed.get(parent)!;
      const { id } = await tx
        .insertInto('posts')
        .values({
          thread_id: threadId,
          parent_id: parent,
          root_id: root,
          depth: depth + 1,
          top_level_number: null,
          author_id: author,
          body: `bulk reply ${i}`,
          lang: 'en',
          html: html(i),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      placed.set(id, { depth: depth + 1, root });
      ids.push(id);
    }
    await tx
      .updateTable('threads')
      .set((eb) => ({ reply_count: eb('reply_count', '+', count) }))
      .where('id', '=', threadId)
      .execute();
    return ids;
  });
}
