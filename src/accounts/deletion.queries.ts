// Erasing an account: every table that holds something of a member, in the one transaction that
// deletes it (deletion.service.ts). The account's row stays, so that posts keep an author and the
// moderation log its actor, but nothing personal is left in it. test/accounts/delete-account.test.ts
// lists every column that references accounts from the database's own catalog: a table added
// tomorrow fails that test until it is erased here or said to keep nothing personal.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** What a deleted account's display name becomes (the column is NOT NULL); pages say "a former member" instead. */
export const DELETED_DISPLAY_NAME = '—';
/** No argon2 hash looks like this, so no password ever matches it. */
const UNUSABLE_PASSWORD_HASH = '!deleted';
/** How long a deleted account's username stays taken, so that nobody can pose as the member at once. */
export const USERNAME_HELD_DAYS = 30;

export async function isLiveAdmin(db: Kysely<DB>, accountId: number): Promise<boolean> {
  return !!(await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .where('role', '=', 'admin')
    .where('deleted_at', 'is', null)
    .executeTakeFirst());
}

/**
 * Locks the forum's administrators, in id order (so two of them deleting at once wait for each other
 * rather than deadlock); the ids of those not deleted, the second to come finding the first gone.
 */
export async function lockLiveAdmins(db: Kysely<DB>): Promise<number[]> {
  const rows = await db.selectFrom('accounts').select('id').where('role', '=', 'admin').where('deleted_at', 'is', null).orderBy('id').forUpdate().execute();
  return rows.map((row) => row.id);
}

/** Locks the account for its deletion; undefined when there is none, or it is already deleted. */
export function lockLiveAccount(db: Kysely<DB>, accountId: number) {
  return db.selectFrom('accounts').select('id').where('id', '=', accountId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
}

/**
 * Locks the threads the account started, as a reply locks its thread: a reply being written to one
 * commits first (and keeps the thread), or waits and finds it gone.
 */
export async function lockThreadsStartedBy(db: Kysely<DB>, accountId: number): Promise<void> {
  await db.selectFrom('threads').select('id').where('author_id', '=', accountId).forNoKeyUpdate().execute();
}

/** The threads the account started in which nobody else wrote a post (under lockThreadsStartedBy): they go whole. */
export function threadsOfItsOwn(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('threads')
    .select(['id', 'network_id'])
    .where('author_id', '=', accountId)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('posts').select('posts.id').whereRef('posts.thread_id', '=', 'threads.id').where('posts.author_id', '!=', accountId))),
    )
    .orderBy('id')
    .execute();
}

/** The other accounts that hold notifications about these threads (their unread counts change as the threads go). */
export async function notifiedAbout(db: Kysely<DB>, threadIds: readonly number[], exceptAccountId: number): Promise<number[]> {
  if (threadIds.length === 0) return [];
  const rows = await db
    .selectFrom('notifications')
    .select('account_id')
    .distinct()
    .where('thread_id', 'in', threadIds)
    .where('account_id', '!=', exceptAccountId)
    .execute();
  return rows.map((row) => row.account_id);
}

/**
 * Removes threads and every post in them, counted off their networks. The rows that hang on them go
 * with them (revisions, flags, notifications, watches, mentions, submission keys: ON DELETE CASCADE);
 * the moderation log keeps its rows, no longer linked (SET NULL). All of a thread's posts go in one
 * statement, so replies and the posts they answer go together. How many posts went.
 */
export async function removeThreads(db: Kysely<DB>, threads: ReadonlyArray<{ id: number; network_id: number }>): Promise<number> {
  if (threads.length === 0) return 0;
  const ids = threads.map((thread) => thread.id);
  const posts = await db.deleteFrom('posts').where('thread_id', 'in', ids).executeTakeFirst();
  await db.deleteFrom('threads').where('id', 'in', ids).execute();
  const perNetwork = new Map<number, number>();
  for (const thread of threads) perNetwork.set(thread.network_id, (perNetwork.get(thread.network_id) ?? 0) + 1);
  for (const [networkId, count] of perNetwork) {
    await db
      .updateTable('networks')
      .set((eb) => ({ thread_count: eb('thread_count', '-', count) }))
      .where('id', '=', networkId)
      .execute();
  }
  return Number(posts.numDeletedRows);
}

/** The account's posts not yet deleted, and the thread each is in: each is announced as deleted. */
export function livePostsOf(db: Kysely<DB>, accountId: number) {
  return db.selectFrom('posts').select(['id', 'thread_id']).where('author_id', '=', accountId).where('deleted_at', 'is', null).orderBy('id').execute();
}

/**
 * Deletes every post of the account as its author would, and erases what it said: the text, its
 * earlier versions and whom it mentioned. The posts keep their place, so replies still hang under them.
 */
export async function eraseAllPostsOf(db: Kysely<DB>, accountId: number, at: Date): Promise<void> {
  const own = db.selectFrom('posts').select('id').where('author_id', '=', accountId);
  await db.deleteFrom('post_revisions').where('post_id', 'in', own).execute();
  await db.deleteFrom('post_mentions').where('post_id', 'in', own).execute();
  await db
    .updateTable('posts')
    .set({ body: '', html: '', deleted_at: sql<Date>`coalesce(deleted_at, ${at})`, deleted_by_id: sql<number>`coalesce(deleted_by_id, ${accountId})` })
    .where('author_id', '=', accountId)
    .execute();
}

/**
 * The posts that mention the account as a link (core/markdown.ts writes
 * `<a class="mention" href="/u/<name>" data-mention="<id>">@name</a>`) keep the name as plain text, as
 * a new post's mention of it would: it names nobody now, and once its username is free, anybody could
 * take it. Read from post_mentions before they go; the posts changed, with their threads.
 */
export function unlinkMentionsOf(db: Kysely<DB>, accountId: number) {
  const link = `<a class="mention" href="[^"]*" data-mention="${accountId}">([^<]*)</a>`;
  return db
    .updateTable('posts')
    .set({ html: sql<string>`regexp_replace(html, ${link}, ${'\\1'}, 'g')` })
    .where('id', 'in', db.selectFrom('post_mentions').select('post_id').where('account_id', '=', accountId))
    .returning(['id', 'thread_id'])
    .execute();
}

/** The networks whose boards the account followed (their follower counts change). */
export async function followedNetworkIds(db: Kysely<DB>, accountId: number): Promise<number[]> {
  const rows = await db.selectFrom('follows').select('network_id').where('account_id', '=', accountId).execute();
  return rows.map((row) => row.network_id);
}

/** The networks the account convened (their pages name their conveners). */
export async function convenedNetworkIds(db: Kysely<DB>, accountId: number): Promise<number[]> {
  const rows = await db.selectFrom('conveners').select('network_id').where('account_id', '=', accountId).execute();
  return rows.map((row) => row.network_id);
}

/**
 * Rows that are the account's alone, deleted: its sessions, tokens, profile, follows, watches,
 * what it has read, memberships, notifications, email (settings and outbox), pending invitations (to a staff, to convene), mentions of it, convenerships,
 * suspensions, submission keys and counted attempts.
 */
export async function deleteOwnRows(db: Kysely<DB>, accountId: number): Promise<void> {
  // Notifications first: the outbox rows they are filed in go next.
  await db.deleteFrom('notifications').where('account_id', '=', accountId).execute();
  await db.deleteFrom('email_outbox').where('account_id', '=', accountId).execute();
  for (const table of [
    'sessions',
    'account_tokens',
    'profiles',
    'follows',
    'network_members',
    'thread_watches',
    'thread_reads',
    'email_settings',
    'business_invitations',
    'convener_invitations',
    'post_mentions',
    'conveners',
    'suspensions',
    'submissions',
  ] as const) {
    await db.deleteFrom(table).where('account_id', '=', accountId).execute();
  }
  // Attempts are counted by key; an account's own are keyed by its id (accounts.service.ts).
  await db.deleteFrom('attempts').where('key', '=', `account:${accountId}`).execute();
}

/**
 * Where the account acted on others' rows and nobody needs to know it was them, the link goes: flags
 * keep counting without their flagger, invitations and convenerships without who made them.
 */
export async function detachFromOthersRows(db: Kysely<DB>, accountId: number): Promise<void> {
  await db.updateTable('flags').set({ flagger_id: null }).where('flagger_id', '=', accountId).execute();
  await db.updateTable('business_invitations').set({ invited_by_id: null }).where('invited_by_id', '=', accountId).execute();
  await db.updateTable('conveners').set({ appointed_by_id: null }).where('appointed_by_id', '=', accountId).execute();
  await db.updateTable('convener_invitations').set({ invited_by_id: null }).where('invited_by_id', '=', accountId).execute();
}

/** The row itself: email, name, password and language erased, no longer an admin, deleted now. */
export async function anonymiseAccount(db: Kysely<DB>, accountId: number, at: Date): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      email: null,
      display_name: DELETED_DISPLAY_NAME,
      password_hash: UNUSABLE_PASSWORD_HASH,
      locale: null,
      role: 'member',
      email_confirmed_at: null,
      deleted_at: at,
    })
    .where('id', '=', accountId)
    .execute();
}

/**
 * Frees the usernames of accounts deleted more than USERNAME_HELD_DAYS before `now`: name and key
 * become `~deleted-<id>`, which no registration can take (a username has no `~`). The number freed.
 */
export async function releaseHeldUsernames(db: Kysely<DB>, now: Date): Promise<number> {
  const placeholder = sql<string>`'~deleted-' || id`;
  const result = await db
    .updateTable('accounts')
    .set({ username: placeholder, username_key: placeholder })
    .where('deleted_at', '<=', sql<Date>`${now}::timestamptz - make_interval(days => ${USERNAME_HELD_DAYS})`)
    .where('username_key', 'not like', '~%')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
