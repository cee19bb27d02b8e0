// People as the forum shows them: plain queries, the database first.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** An account by the key of its username (see accounts/usernames.ts). */
export function findPersonByUsernameKey(db: Kysely<DB>, key: string) {
  return db.selectFrom('accounts').select(['id', 'username', 'display_name', 'created_at']).where('username_key', '=', key).executeTakeFirst();
}
