import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conveners')
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('appointed_by_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('conveners_pkey', ['network_id', 'account_id'])
    .execute();
  await db.schema.createIndex('conveners_account').on('conveners').column('account_id').execute();

  await db.schema
    .createTable('network_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    // 1, 2, 3…: the number members and hide reasons cite.
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number between 1 and 20`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 120`))
    .addColumn('body', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(body) <= 2000`),
    )
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('network_rules_number', ['network_id', 'number'])
    .execute();

  // Set by an admin to override the flag threshold computed from the network's size.
  await db.schema
    .alterTable('networks')
    .addColumn('flag_threshold', 'integer', (c) => c.check(sql`flag_threshold between 1 and 50`))
    .execute();

  await db.schema
    .alterTable('posts')
    .addColumn('hidden_at', 'timestamptz')
    // 'convener' (a convener or admin hid it) or 'community' (members' flags reached the threshold).
    .addColumn('hidden_kind', 'text', (c) => c.check(sql`hidden_kind in ('convener', 'community')`))
    .addColumn('hidden_reason', 'text', (c) => c.check(sql`hidden_reason in ('off-topic', 'rule', 'spam', 'other')`))
    .addColumn('hidden_rule', 'integer')
    .addColumn('hidden_note', 'text', (c) => c.check(sql`char_length(hidden_note) <= 500`))
    .addColumn('hidden_by_id', 'integer', (c) => c.references('accounts.id'))
    .execute();
  await sql`alter table posts add constraint posts_hidden_shape check (
    (hidden_at is null) = (hidden_kind is null)
    and (hidden_at is null) = (hidden_reason is null)
    and (hidden_reason = 'rule') = (hidden_rule is not null)
    and (hidden_kind = 'convener') = (hidden_by_id is not null)
  )`.execute(db);

  await db.schema
    .alterTable('threads')
    .addColumn('moved_from_network_id', 'integer', (c) => c.references('networks.id'))
    .addColumn('moved_note', 'text', (c) => c.check(sql`char_length(moved_note) <= 500`))
    .addColumn('moved_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('flags')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('flagger_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('off-topic', 'rule', 'spam', 'other')`))
    .addColumn('rule', 'integer')
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 500`))
    // Whether it counts toward community hiding (the flagger's account was old enough and had posted).
    .addColumn('counts', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // null while open; 'agreed' when a convener hid the post, 'dismissed' when one disagreed.
    .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('agreed', 'dismissed')`))
    .addColumn('resolved_at', 'timestamptz')
    .addCheckConstraint('flags_rule_shape', sql`(reason = 'rule') = (rule is not null)`)
    .addCheckConstraint('flags_resolution_shape', sql`(resolution is null) = (resolved_at is null)`)
    .addUniqueConstraint('flags_once_per_member', ['post_id', 'flagger_id'])
    .execute();
  await sql`create index flags_open on flags (post_id) where resolution is null`.execute(db);
  await db.schema.createIndex('flags_flagger_created').on('flags').columns(['flagger_id', 'created_at']).execute();

  await db.schema
    .createTable('suspensions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // null: from posting anywhere (an admin's suspension); else only in this network (a convener's bar).
    .addColumn('network_id', 'integer', (c) => c.references('networks.id').onDelete('cascade'))
    .addColumn('until', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`char_length(reason) between 1 and 500`))
    .addColumn('created_by_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('suspensions_account').on('suspensions').columns(['account_id', 'until']).execute();

  await db.schema
    .createTable('moderation_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('network_id', 'integer', (c) => c.references('networks.id').onDelete('cascade'))
    // null when the community (members' flags) acted.
    .addColumn('actor_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('action', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`action in ('hide', 'unhide', 'community-hide', 'dismiss', 'move', 'lock', 'unlock', 'pin', 'unpin', 'appoint', 'remove-convener', 'suspend', 'bar', 'rules', 'threshold')`,
        ),
    )
    .addColumn('post_id', 'integer', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('thread_id', 'integer', (c) => c.references('threads.id').onDelete('set null'))
    .addColumn('target_account_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('reason', 'text')
    .addColumn('rule', 'integer')
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 500`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('moderation_log_network').on('moderation_log').columns(['network_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('moderation_log').execute();
  await db.schema.dropTable('suspensions').execute();
  await db.schema.dropTable('flags').execute();
  await db.schema.alterTable('threads').dropColumn('moved_from_network_id').dropColumn('moved_note').dropColumn('moved_at').execute();
  await sql`alter table posts drop constraint posts_hidden_shape`.execute(db);
  await db.schema
    .alterTable('posts')
    .dropColumn('hidden_at')
    .dropColumn('hidden_kind')
    .dropColumn('hidden_reason')
    .dropColumn('hidden_rule')
    .dropColumn('hidden_note')
    .dropColumn('hidden_by_id')
    .execute();
  await db.schema.alterTable('networks').dropColumn('flag_threshold').execute();
  await db.schema.dropTable('network_rules').execute();
  await db.schema.dropTable('conveners').execute();
}
