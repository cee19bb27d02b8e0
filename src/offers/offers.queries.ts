// Offers: an offer thread's terms (its day, to whom, open or taken) and the lists of current offers.
// Plain queries, the database first.
import { sql, type Kysely } from 'kysely';
import type { DB, OfferAudience } from '../db/schema.js';
import { openingPostColumns } from '../posts/posts.queries.js';

/** Writes an offer's terms for its thread (a new offer, or a thread that became one): open, not ended. */
export async function upsertOffer(db: Kysely<DB>, offer: { threadId: number; until: string; audience: OfferAudience }): Promise<void> {
  await db
    .insertInto('offers')
    .values({ thread_id: offer.threadId, until: offer.until, audience: offer.audience })
    .onConflict((oc) =>
      oc.column('thread_id').doUpdateSet({ until: offer.until, audience: offer.audience, status: 'open', ended_at: null, updated_at: sql`now()` }),
    )
    .execute();
}

/** An offer thread with its terms: its author and network (who may end it), and the opening post's public state. */
export function findOffers(db: Kysely<DB>, threadIds: readonly number[]) {
  if (threadIds.length === 0) return Promise.resolve([]);
  return selectOffers(db).where('offers.thread_id', 'in', threadIds).execute();
}

function selectOffers(db: Kysely<DB>) {
  return db
    .selectFrom('offers')
    .innerJoin('threads', 'threads.id', 'offers.thread_id')
    .innerJoin('networks', 'networks.id', 'threads.network_id')
    .innerJoin('accounts as author', 'author.id', 'threads.author_id')
    .leftJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
    .select([
      'threads.id',
      'threads.title',
      'threads.slug',
      'threads.kind',
      'threads.author_id',
      'threads.network_id',
      'threads.created_at',
      'networks.slug as network_slug',
      'networks.name as network_name',
      'author.username as author_username',
      'author.display_name as author_display_name',
      'author.deleted_at as author_deleted_at',
      sql<string>`to_char(offers.until, 'YYYY-MM-DD')`.as('until'),
      'offers.audience',
      'offers.status',
      'offers.ended_at',
      ...openingPostColumns('threads'),
    ]);
}

export type OfferRow = Awaited<ReturnType<typeof findOffers>>[number];

/**
 * Current offers, newest first: offer threads still open, not ended by their author, whose day is
 * `today` or later (ISO dates on the forum's calendar compare as text), whose opening post is neither
 * hidden nor deleted. `networkId`: one network's (its board); otherwise every network's offers made to
 * everyone, and those made to a network the member `memberId` is a member of. At most `limit`.
 */
export function listCurrentOffers(db: Kysely<DB>, options: { today: string; networkId?: number; memberId?: number; limit: number }) {
  let query = selectOffers(db)
    .where('threads.kind', '=', 'offer')
    .where('offers.status', '=', 'open')
    .where('offers.ended_at', 'is', null)
    .where(sql<boolean>`offers.until >= ${options.today}::date`)
    .where('opening.hidden_at', 'is', null)
    .where('opening.deleted_at', 'is', null);
  if (options.networkId !== undefined) {
    query = query.where('threads.network_id', '=', options.networkId);
  } else {
    const memberId = options.memberId;
    query = query.where((eb) =>
      memberId === undefined
        ? eb('offers.audience', '=', 'everyone')
        : eb.or([
            eb('offers.audience', '=', 'everyone'),
            eb.exists(
              eb
                .selectFrom('network_members')
                .select('network_members.account_id')
                .whereRef('network_members.network_id', '=', 'threads.network_id')
                .where('network_members.account_id', '=', memberId),
            ),
          ]),
    );
  }
  return query.orderBy('threads.created_at', 'desc').orderBy('threads.id', 'desc').limit(options.limit).execute();
}

/** Locks the offer's row for a change by its author. */
export function lockOffer(db: Kysely<DB>, threadId: number) {
  return db.selectFrom('offers').select(['thread_id']).where('thread_id', '=', threadId).forNoKeyUpdate().executeTakeFirst();
}

export async function endOffer(db: Kysely<DB>, threadId: number): Promise<void> {
  await db
    .updateTable('offers')
    .set({ ended_at: sql`coalesce(ended_at, now())`, updated_at: sql`now()` })
    .where('thread_id', '=', threadId)
    .execute();
}

/** A new day (later or earlier, within the year): it stands again until then, even if its author had ended it. */
export async function extendOffer(db: Kysely<DB>, threadId: number, until: string): Promise<void> {
  await db
    .updateTable('offers')
    .set({ until, ended_at: null, updated_at: sql`now()` })
    .where('thread_id', '=', threadId)
    .execute();
}

export async function markOfferTaken(db: Kysely<DB>, threadId: number): Promise<void> {
  await db
    .updateTable('offers')
    .set({ status: 'taken', updated_at: sql`now()` })
    .where('thread_id', '=', threadId)
    .execute();
}
