import { sql, type Kysely } from 'kysely';

// Thread slugs stand where route words do (`/t/15/move`): threads whose title slugged to one of these
// words opened the route instead. The words as they were when this was written.
const ROUTE_WORDS = ['reply', 'replies', 'move', 'lock', 'unlock', 'pin', 'unpin', 'watch', 'unwatch', 'mute'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`update threads set slug = slug || '-thread' where slug in (${sql.join(ROUTE_WORDS)})`.execute(db);
}

export async function down(): Promise<void> {
  // The old slugs collided with routes; nothing is gained by restoring them.
}
