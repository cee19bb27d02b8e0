import { sql, type Kysely, type QueryCreator } from 'kysely';
import type { DB, NetworkPosting } from '../db/schema.js';
import { answeredQuestion, listedThreadColumns } from '../posts/posts.queries.js';

const networkColumns = [
  'id',
  'slug',
  'name',
  'description',
  'description_html',
  'posting',
  'audience',
  'is_default',
  'thread_count',
  'last_activity_at',
  'created_at',
] as const;

/** Every network: the default first, then the most recently active (those never used last, newest first). */
export function listNetworks(db: Kysely<DB>) {
  return db
    .selectFrom('networks')
    .select(networkColumns)
    .orderBy('is_default', 'desc')
    .orderBy(sql`last_activity_at desc nulls last`)
    .orderBy('created_at', 'desc')
    .execute();
}

export function findNetworkBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('networks').select(networkColumns).where('slug', '=', slug).executeTakeFirst();
}

export type NetworkRow = NonNullable<Awaited<ReturnType<typeof findNetworkBySlug>>>;

/** Who may post in a network and whom it says it is for (networks.posting, networks.audience). */
export interface NetworkMembership {
  posting: NetworkPosting;
  audience: string;
}

export async function insertNetwork(db: Kysely<DB>, network: { slug: string; name: string; description: string; descriptionHtml: string } & NetworkMembership) {
  return db
    .insertInto('networks')
    .values({
      slug: network.slug,
      name: network.name,
      description: network.description,
      description_html: network.descriptionHtml,
      posting: network.posting,
      audience: network.audience,
    })
    .returning(networkColumns)
    .executeTakeFirstOrThrow();
}

export async function updateNetwork(db: Kysely<DB>, id: number, network: { name: string; description: string; descriptionHtml: string } & NetworkMembership) {
  await db
    .updateTable('networks')
    .set({
      name: network.name,
      description: network.description,
      description_html: network.descriptionHtml,
      posting: network.posting,
      audience: network.audience,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Makes the network the forum's default (taking it from the one that was) or no longer the default.
 * Inside the caller's transaction, after `lockDefaultNetwork` (taken first): the unique index networks_one_default
 * allows one default, and is checked row by row, so the old one is cleared before the new one is set.
 */
export async function setDefaultNetwork(db: Kysely<DB>, networkId: number, isDefault: boolean): Promise<void> {
  if (!isDefault) {
    await db.updateTable('networks').set({ is_default: false }).where('id', '=', networkId).execute();
    return;
  }
  await db.updateTable('networks').set({ is_default: false }).where('is_default', '=', true).where('id', '<>', networkId).execute();
  await db.updateTable('networks').set({ is_default: true }).where('id', '=', networkId).execute();
}

/**
 * Two admins choosing two defaults at once would each clear the old one and then collide on the unique
 * index; this transaction-scoped lock makes the second wait for the first and then move the default on.
 */
export async function lockDefaultNetwork(db: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('networks.is_default'))`.execute(db);
}

/** A thread started in the network: one more thread, and its latest activity. */
export async function recordNewThread(db: Kysely<DB>, networkId: number, at: Date): Promise<void> {
  await db
    .updateTable('networks')
    .set((eb) => ({ last_activity_at: at, thread_count: eb('thread_count', '+', 1) }))
    .where('id', '=', networkId)
    .execute();
}

/** The first half of the two-key try-lock one reply at a time takes on its network (replyActivityUpdate). */
const NETWORK_ACTIVITY_LOCK_CLASS = 4_242_003;

/**
 * A reply's activity in its network. Written as a thread's is, every reply in a network held the
 * network's row until its commit, and replies in one network went one at a time (with ten writers,
 * half of them were waiting for it at any moment). A reply that finds the row held by another
 * transaction leaves it: when that one is a reply or a new thread, the network's latest activity is
 * then its time, earlier by at most the moments the two overlapped; when it records none (a thread
 * moved, the network edited) or rolls back, the network's latest activity stays behind until the next
 * reply. It only orders the home page's networks and says when one was last active. Joining a network
 * takes no lock this skips (the membership row's key-share lock on the network goes beside it).
 * `greatest`: a reply that commits after a later one does not move it back. An update for the reply's
 * own statement to carry (threads.queries.ts insertReply): the reply writes it in the same round trip.
 * One reply at a time in a network even tries for the row (a try-lock, taken before the row's): two
 * replies locking the row by SKIP LOCKED while a third's update of it committed could each wait for the
 * other along the row's chain of versions, which PostgreSQL ends as a deadlock (seen under ten writers).
 */
export function replyActivityUpdate(db: QueryCreator<DB>, networkId: number, at: Date) {
  return db
    .updateTable('networks')
    .set({ last_activity_at: sql<Date>`greatest(last_activity_at, ${at})` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('networks')
        .select('id')
        .where('id', '=', networkId)
        .where(sql<boolean>`pg_try_advisory_xact_lock(${NETWORK_ACTIVITY_LOCK_CLASS}, ${networkId}::integer)`)
        .forNoKeyUpdate()
        .skipLocked(),
    );
}

export interface BoardCursor {
  pinned: boolean;
  lastActivityAt: Date;
  id: number;
}

/** Answered as every list says it (posts' answeredQuestion). */
const answered = answeredQuestion('threads');

/** A board's questions only, those answered or those not (README, Answers). */
export type BoardFilter = 'unanswered' | 'answered';

function selectBoardThreads(db: Kysely<DB>) {
  return (
    db
      .selectFrom('threads')
      .innerJoin('accounts as author', 'author.id', 'threads.author_id')
      .leftJoin('accounts as last_poster', 'last_poster.id', 'threads.last_poster_id')
      // The opening post's visibility decides who may read the title (posts/present.ts threadTitleFor).
      .leftJoin('posts as opening', (join) => join.onRef('opening.thread_id', '=', 'threads.id').on('opening.parent_id', 'is', null))
      .select(listedThreadColumns())
  );
}

/** One page of a board: pinned first, then by latest activity; `before` continues after a page's last row. */
export function listBoardThreads(db: Kysely<DB>, networkId: number, limit: number, before?: BoardCursor, filter?: BoardFilter) {
  let query = selectBoardThreads(db).where('threads.network_id', '=', networkId);
  if (filter) query = query.where('threads.kind', '=', 'question').where(filter === 'answered' ? answered : sql<boolean>`not ${answered}`);
  if (before) {
    query = query.where(sql<boolean>`(threads.pinned, threads.last_activity_at, threads.id) < (${before.pinned}, ${before.lastActivityAt}, ${before.id})`);
  }
  return query.orderBy('threads.pinned', 'desc').orderBy('threads.last_activity_at', 'desc').orderBy('threads.id', 'desc').limit(limit).execute();
}

export function findBoardThreads(db: Kysely<DB>, threadIds: readonly number[]) {
  if (threadIds.length === 0) return Promise.resolve([]);
  return selectBoardThreads(db).where('threads.id', 'in', threadIds).execute();
}

export type BoardThreadRow = Awaited<ReturnType<typeof listBoardThreads>>[number];
