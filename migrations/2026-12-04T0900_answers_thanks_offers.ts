import { sql, type Kysely } from 'kysely';

// Questions answered, thanks and offers (README, Answers, thanks and offers).
//
// - threads.kind: what a thread is — a question (the default, and what every existing thread becomes),
//   a discussion, an offer, or a meeting (set by meetings).
// - threads.answer_post_id: the reply the asker or a convener marked as the answer; a post deleted for
//   good takes the mark with it (SET NULL). That it is a reply of the same thread is checked by the one
//   UPDATE that sets it.
// - post_thanks: one thanks per member and post (the primary key); posts.thanks_count is kept by the same
//   statement that adds or removes the row (a CTE), so it is exact however many thank at once, and a
//   check keeps it from going below zero.
// - offers: an offer thread's date (`until`, a day on the forum's calendar), to whom (its network or
//   everyone), open or taken, and when its author ended it early.
// - notifications: two more kinds, 'accepted' (your reply is the answer) and 'thanked' (grouped per post).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table threads add column kind text not null default 'question'`.execute(db);
  await sql`alter table threads add constraint threads_kind_check check (kind in ('question', 'discussion', 'offer', 'meeting'))`.execute(db);
  await sql`alter table threads add column answer_post_id integer references posts (id) on delete set null`.execute(db);
  // A board filtered to questions (answered or not) reads its threads in the board's order.
  await sql`create index threads_network_kind on threads (network_id, kind, pinned desc, last_activity_at desc, id desc)`.execute(db);
  await sql`create index threads_answer_post on threads (answer_post_id) where answer_post_id is not null`.execute(db);

  await sql`alter table posts add column thanks_count integer not null default 0`.execute(db);
  await sql`alter table posts add constraint posts_thanks_count_check check (thanks_count >= 0)`.execute(db);
  await db.schema
    .createTable('post_thanks')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('post_thanks_pkey', ['post_id', 'account_id'])
    .execute();
  // A profile's thanks received over a year; a member's own thanks (the button's state).
  await db.schema.createIndex('post_thanks_account').on('post_thanks').columns(['account_id', 'post_id']).execute();
  await db.schema.createIndex('post_thanks_created').on('post_thanks').columns(['post_id', 'created_at']).execute();

  await db.schema
    .createTable('offers')
    .addColumn('thread_id', 'integer', (c) => c.primaryKey().references('threads.id').onDelete('cascade'))
    .addColumn('until', 'date', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('network', 'everyone')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'taken')`),
    )
    .addColumn('ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Current offers: those whose day has not passed, newest first.
  await db.schema.createIndex('offers_until').on('offers').column('until').execute();

  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in ('thread', 'post', 'watched', 'reply', 'mention', 'hidden', 'moved', 'meeting-changed', 'meeting-cancelled', 'meeting-reminder', 'waitlist-promoted', 'minutes', 'accepted', 'thanked'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notifications where kind in ('accepted', 'thanked')`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in ('thread', 'post', 'watched', 'reply', 'mention', 'hidden', 'moved', 'meeting-changed', 'meeting-cancelled', 'meeting-reminder', 'waitlist-promoted', 'minutes'))`.execute(
    db,
  );
  await db.schema.dropTable('offers').execute();
  await db.schema.dropTable('post_thanks').execute();
  await sql`alter table posts drop column thanks_count`.execute(db);
  await sql`drop index threads_network_kind`.execute(db);
  await sql`alter table threads drop column answer_post_id`.execute(db);
  await sql`alter table threads drop column kind`.execute(db);
}
