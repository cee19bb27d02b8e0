import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An account following a network's board: 'threads' tells of every new thread, 'posts' of every new post.
  await db.schema
    .createTable('follows')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('threads', 'posts')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('follows_pkey', ['account_id', 'network_id'])
    .execute();
  await db.schema.createIndex('follows_network').on('follows').columns(['network_id', 'level']).execute();

  // 'watching' a thread tells of every reply in it; 'muted' silences the thread altogether.
  await db.schema
    .createTable('thread_watches')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('watching', 'muted')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('thread_watches_pkey', ['account_id', 'thread_id'])
    .execute();
  await db.schema.createIndex('thread_watches_thread').on('thread_watches').columns(['thread_id', 'state']).execute();

  // Where each single-consumer worker has got to in the events table; the row is its lock.
  await db.schema
    .createTable('event_consumers')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cursor', 'bigint', (c) => c.notNull())
    .execute();
  // Notifications start from the events recorded after this migration, not from the backlog.
  await sql`insert into event_consumers (name, cursor) select 'notifications', coalesce(max(id), 0) from events`.execute(db);

  // How often an account wants email: never, soon after each burst, or once a day per network.
  // No row means the default, 'daily'.
  await db.schema
    .createTable('email_settings')
    .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('none', 'instant', 'daily')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One email to be sent: a batch of one account's notifications about one network. The content is
  // rendered when it is sent, so a post hidden in the meantime is not mailed.
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('instant', 'digest')`))
    // open: collecting notifications until send_after; retry: an attempt failed, the next is at
    // send_after; sending: claimed by a sender until locked_until (then another may take it over);
    // sent; failed (gave up); cancelled (nothing left to say, or email turned off).
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'retry', 'sending', 'sent', 'failed', 'cancelled')`),
    )
    .addColumn('send_after', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // What a sender claims next, and the one open batch a new notification joins.
  await sql`create index email_outbox_due on email_outbox (send_after) where status in ('open', 'retry', 'sending')`.execute(db);
  await sql`create unique index email_outbox_open_batch on email_outbox (account_id, network_id, kind) where status = 'open'`.execute(db);

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // thread: a new thread on a followed board; post: a new post on a board followed at 'posts';
    // watched: a reply in a watched thread; reply: a reply to the account's post; mention: @username;
    // hidden: the account's post was hidden; moved: the account's thread was moved.
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('thread', 'post', 'watched', 'reply', 'mention', 'hidden', 'moved')`))
    // Notifications with one key are shown as one line ("3 new replies in …").
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('post_id', 'integer', (c) => c.references('posts.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    // Why a post was hidden or a thread moved, as it was when the notification was written.
    .addColumn('reason', 'text')
    .addColumn('rule', 'integer')
    .addColumn('note', 'text')
    // The event it came from: at most one notification per account and event.
    .addColumn('event_id', 'bigint', (c) => c.notNull())
    .addColumn('email_id', 'bigint', (c) => c.references('email_outbox.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    // Set while its post may not be read by the account (hidden or deleted after it was written).
    .addColumn('withdrawn_at', 'timestamptz')
    .addUniqueConstraint('notifications_once_per_event', ['account_id', 'event_id'])
    .execute();
  await db.schema.createIndex('notifications_account').on('notifications').columns(['account_id', 'id']).execute();
  await sql`create index notifications_unread on notifications (account_id) where read_at is null and withdrawn_at is null`.execute(db);
  await db.schema.createIndex('notifications_post').on('notifications').column('post_id').execute();
  await db.schema.createIndex('notifications_email').on('notifications').column('email_id').execute();

  // The orders the following page and the feeds read in.
  await db.schema.createIndex('threads_network_activity').on('threads').columns(['network_id', 'last_activity_at', 'id']).execute();
  await db.schema.createIndex('threads_network_created').on('threads').columns(['network_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('posts_thread').on('posts').columns(['thread_id', 'id']).execute();

  // Values the app keeps for itself, such as the key that signs unsubscribe links when SECRET_KEY is unset.
  await db.schema
    .createTable('settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('settings').execute();
  await db.schema.dropIndex('posts_thread').execute();
  await db.schema.dropIndex('threads_network_created').execute();
  await db.schema.dropIndex('threads_network_activity').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('email_outbox').execute();
  await db.schema.dropTable('email_settings').execute();
  await db.schema.dropTable('event_consumers').execute();
  await db.schema.dropTable('thread_watches').execute();
  await db.schema.dropTable('follows').execute();
}
