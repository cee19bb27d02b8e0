import { sql, type Kysely } from 'kysely';

// Replies nest at most 500 deep in the data (a deeper reply is placed beside the one it answers).
// NOT VALID: rows written before the rule stay as they are; every new or changed row is checked.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table posts add constraint posts_depth_cap check (depth between 0 and 500) not valid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table posts drop constraint posts_depth_cap`.execute(db);
}
