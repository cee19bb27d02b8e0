import { sql, type Kysely } from 'kysely';

// What a member has read, and the forum's default network.
//
// thread_reads: per member and thread, the newest post up to which every post of the thread was shown
// to them (last_read_post_id; README, Home and read state). A thread is unread to them when it has a
// post they may see, written by someone else, after that one. The mark only moves forward: the upsert
// that writes it takes the greater of the old and the new (src/reading/reading.queries.ts). Gone with
// the account or the thread; erased by hand when an account is deleted (its row stays, anonymised).
//
// networks.is_default: the open board everyone in the destination's tourism shares ("Alla i
// turismen"), first in every list of networks. At most one network is the default: a unique index
// over the rows that are, so a second one fails in the database, whatever the code does.
//
// threads_activity: the home page lists the latest threads of the whole forum (a guest's) or of a
// member's networks by last activity; the board's index (network_id first) cannot answer the first.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('thread_reads')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('last_read_post_id', 'integer', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('thread_reads_pkey', ['account_id', 'thread_id'])
    .execute();
  // A thread's deletion cascades to its reads through this index, not through every member's.
  await db.schema.createIndex('thread_reads_thread').on('thread_reads').column('thread_id').execute();

  await db.schema
    .alterTable('networks')
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`create unique index networks_one_default on networks (is_default) where is_default`.execute(db);

  await sql`create index threads_activity on threads (last_activity_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index threads_activity`.execute(db);
  await sql`drop index networks_one_default`.execute(db);
  await db.schema.alterTable('networks').dropColumn('is_default').execute();
  await db.schema.dropTable('thread_reads').execute();
}
