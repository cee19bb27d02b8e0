import { sql, type Kysely } from 'kysely';

// A form that creates something carries a one-time key (JSON clients send Idempotency-Key): the same
// key from the same account again within a day answers with what the first one made. The primary key
// is what makes "once" hold, however close together the two requests come.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[A-Za-z0-9_-]{8,100}$'`))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('submissions_pkey', ['account_id', 'key'])
    .execute();
  await db.schema.createIndex('submissions_created_at').on('submissions').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submissions').execute();
}
