import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * What the header's moderator menu shows, in one query: the networks this moderator convenes, and for
 * an admin also every other network with posts awaiting review, each with how many posts await review
 * there (posts with open flags, not deleted: what the review queue lists). `convened` tells the two
 * apart. Empty for an account that convenes nothing and is no admin (and then no query is made).
 */
export async function moderatorReviewCounts(db: Kysely<DB>, moderator: { convenes: readonly number[]; isAdmin: boolean }) {
  const { convenes, isAdmin } = moderator;
  if (!isAdmin && convenes.length === 0) return [];
  const open = db
    .selectFrom('flags')
    .innerJoin('posts', 'posts.id', 'flags.post_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select(['threads.network_id', (eb) => eb.fn.count<number | string>('flags.post_id').distinct().as('count')])
    .where('flags.resolution', 'is', null)
    .where('posts.deleted_at', 'is', null)
    .$if(!isAdmin, (qb) => qb.where('threads.network_id', 'in', convenes))
    .groupBy('threads.network_id')
    .as('open');
  const rows = await db
    .selectFrom('networks')
    .leftJoin(open, 'open.network_id', 'networks.id')
    .select(['networks.slug', 'networks.name', 'networks.id', 'open.count'])
    .where((eb) => {
      const convened = convenes.length > 0 ? eb('networks.id', 'in', convenes) : eb.val(false);
      return isAdmin ? eb.or([convened, eb('open.count', '>', 0)]) : convened;
    })
    // The forum's default network first, as in every list of networks.
    .orderBy('networks.is_default', 'desc')
    .orderBy('networks.name')
    .execute();
  return rows.map((row) => ({ slug: row.slug, name: row.name, reviewCount: Number(row.count ?? 0), convened: convenes.includes(row.id) }));
}
