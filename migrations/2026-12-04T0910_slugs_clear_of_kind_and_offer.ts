import { sql, type Kysely } from 'kysely';

// Two more words follow `/t/:id/` (GET/POST /t/:id/kind, POST /t/:id/offer): a thread whose title slugged
// to exactly one of them gets the suffix new ones get (src/threads/slug.ts), as
// 2026-11-30T1100_slugs_clear_of_routes did for the words before.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update threads set slug = slug || '-thread' where slug in ('kind', 'offer')`.execute(db);
}

export async function down(): Promise<void> {
  // The old slugs collided with routes; nothing to put back.
}
