// Thanks: one per member and post (post_thanks' primary key), the post's count kept by the same
// statement that adds or removes the row, so it is exact however many thank at once.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Adds the member's thanks; the post's count afterwards and whether a row was added (false: it was there). */
export async function addThanks(db: Kysely<DB>, postId: number, accountId: number): Promise<{ count: number; changed: boolean }> {
  const { rows } = await sql<{ thanks_count: number; changed: number }>`
    with added as (
      insert into post_thanks (post_id, account_id) values (${postId}, ${accountId}) on conflict do nothing returning post_id
    )
    update posts set thanks_count = thanks_count + (select count(*) from added)
    where id = ${postId}
    returning thanks_count, (select count(*) from added)::int as changed`.execute(db);
  return { count: rows[0]!.thanks_count, changed: rows[0]!.changed > 0 };
}

/** Takes the member's thanks back; the post's count afterwards and whether a row was removed. */
export async function removeThanks(db: Kysely<DB>, postId: number, accountId: number): Promise<{ count: number; changed: boolean }> {
  const { rows } = await sql<{ thanks_count: number; changed: number }>`
    with gone as (
      delete from post_thanks where post_id = ${postId} and account_id = ${accountId} returning post_id
    )
    update posts set thanks_count = thanks_count - (select count(*) from gone)
    where id = ${postId}
    returning thanks_count, (select count(*) from gone)::int as changed`.execute(db);
  return { count: rows[0]!.thanks_count, changed: rows[0]!.changed > 0 };
}

/** Which of these posts the member thanked (a page's Thanks buttons): one query, one statement whatever the count. */
export async function thankedAmong(db: Kysely<DB>, accountId: number, postIds: readonly number[]): Promise<Set<number>> {
  if (postIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('post_thanks')
    .select('post_id')
    .where('account_id', '=', accountId)
    .where(sql<boolean>`post_id = any(${[...postIds]}::integer[])`)
    .execute();
  return new Set(rows.map((row) => row.post_id));
}

/** Who thanked the post, the latest first; at most `limit`. */
export function listThanks(db: Kysely<DB>, postId: number, limit: number) {
  return db
    .selectFrom('post_thanks')
    .innerJoin('accounts', 'accounts.id', 'post_thanks.account_id')
    .select(['accounts.username', 'accounts.display_name', 'accounts.deleted_at', 'post_thanks.created_at'])
    .where('post_thanks.post_id', '=', postId)
    .orderBy('post_thanks.created_at', 'desc')
    .orderBy('post_thanks.account_id', 'desc')
    .limit(limit)
    .execute();
}
