import { sql, type Kysely } from 'kysely';

// Deleting an account (POST /me/delete) leaves nothing personal behind, but keeps what others rely on:
// - a flag the member made still counts toward hiding the post and stays in the review queue, so it
//   stays, without its reporter (flagger_id becomes null);
// - a post the member asked to delete with the account keeps its place in the thread (others' replies
//   hang under it) as an empty, deleted post: its text is erased, so a deleted post may have no body.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table flags alter column flagger_id drop not null`.execute(db);
  await sql`alter table posts drop constraint posts_body_check`.execute(db);
  await sql`alter table posts add constraint posts_body_check check (char_length(body) <= 20000 and (char_length(body) >= 1 or deleted_at is not null))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table posts drop constraint posts_body_check`.execute(db);
  // An erased body cannot come back; a single character stands in for it.
  await sql`update posts set body = '-' where body = ''`.execute(db);
  await sql`alter table posts add constraint posts_body_check check (char_length(body) between 1 and 20000)`.execute(db);
  await sql`delete from flags where flagger_id is null`.execute(db);
  await sql`alter table flags alter column flagger_id set not null`.execute(db);
}
