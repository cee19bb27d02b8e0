import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Counted attempts (failed sign-ins, registrations) in the database, so every instance sees the same
  // count and a restart forgets none. A row stops counting at expires_at; pruning needs no window.
  await db.schema
    .createTable('attempts')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempts_key').on('attempts').columns(['bucket', 'key', 'expires_at']).execute();
  await db.schema.createIndex('attempts_expires').on('attempts').column('expires_at').execute();

  // Edits count against the posting limits: an editor's last edit is an index range.
  await db.schema.createIndex('post_revisions_editor').on('post_revisions').columns(['editor_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('post_revisions_editor').execute();
  await db.schema.dropTable('attempts').execute();
}
