import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('networks')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9-]{2,40}$'`),
    )
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 2 and 80`))
    .addColumn('description', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(description) <= 2000`),
    )
    .addColumn('description_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('thread_count', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`thread_count >= 0`),
    )
    .addColumn('last_activity_at', sql`timestamptz(3)`)
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('threads')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 3 and 150`))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('pinned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('locked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reply_count', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`reply_count >= 0`),
    )
    // How many replies answer the opening post directly: numbers them, so a page is an index range.
    .addColumn('top_level_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_poster_id', 'integer', (c) => c.references('accounts.id'))
    // Millisecond precision so the board's cursor (a JavaScript date) compares exactly.
    .addColumn('last_activity_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index threads_board on threads (network_id, pinned, last_activity_at, id)`.execute(db);
  await db.schema.createIndex('threads_author_created').on('threads').columns(['author_id', 'created_at']).execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('threads.id'))
    // null only for a thread's opening post.
    .addColumn('parent_id', 'integer', (c) => c.references('posts.id'))
    // The top-level reply this post hangs under; null for the opening post and top-level replies.
    .addColumn('root_id', 'integer', (c) => c.references('posts.id'))
    .addColumn('depth', 'integer', (c) => c.notNull().check(sql`depth >= 0`))
    // 1, 2, 3… for replies to the opening post, in the order written; null for all others.
    .addColumn('top_level_number', 'integer')
    .addColumn('author_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 20000`))
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('deleted_by_id', 'integer', (c) => c.references('accounts.id'))
    .addCheckConstraint('posts_opening_shape', sql`(parent_id is null) = (depth = 0) and (depth <= 1) = (root_id is null)`)
    .addCheckConstraint('posts_top_level_shape', sql`(top_level_number is not null) = (depth = 1)`)
    .addCheckConstraint('posts_deleted_shape', sql`(deleted_at is null) = (deleted_by_id is null)`)
    .execute();
  await sql`create unique index posts_opening on posts (thread_id) where parent_id is null`.execute(db);
  await sql`create unique index posts_top_level on posts (thread_id, top_level_number) where top_level_number is not null`.execute(db);
  await db.schema.createIndex('posts_subtree').on('posts').columns(['root_id', 'id']).execute();
  await db.schema.createIndex('posts_author_created').on('posts').columns(['author_id', 'created_at']).execute();

  await db.schema
    .createTable('post_revisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('editor_id', 'integer', (c) => c.notNull().references('accounts.id'))
    // The post as it was before this edit; title only when the opening post's thread title changed.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('post_revisions_post').on('post_revisions').columns(['post_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('post_revisions').execute();
  await db.schema.dropTable('posts').execute();
  await db.schema.dropTable('threads').execute();
  await db.schema.dropTable('networks').execute();
}
