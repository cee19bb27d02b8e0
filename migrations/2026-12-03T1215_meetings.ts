import { sql, type Kysely } from 'kysely';

// Meetings: a meeting is a thread (its agenda is the opening post) with a time, a place and answers.
//
// - meetings: one row per meeting thread (the thread's id is its key; deleting the thread deletes it).
//   Start and end are instants (timestamptz), the end after the start (a check). `sequence` is the
//   iCalendar SEQUENCE, bumped when the time or place changes or the meeting is cancelled. `reminded_at`
//   is claimed once by the reminder job (an UPDATE … WHERE reminded_at IS NULL), so a reminder goes out
//   once across instances and restarts. The minutes are one of the thread's replies.
// - meeting_networks: the networks invited (the thread's own network always among them); an admin may
//   invite several (the annual conference), and the meeting shows on each board and calendar.
// - meeting_answers: one answer per member and meeting (the primary key): going with a headcount (1–5,
//   colleagues from the same business), maybe or not going. A `going` answer beyond the capacity waits:
//   `queue` orders the waiting list in the order answers committed (a sequence read while the meeting's
//   row is locked), and only a waiting `going` answer has one.
// - meeting_calendar_tokens: the secret in a member's own calendar URL. Unlike a password-reset link it
//   is kept as it is: /me shows the URL whenever its owner asks (calendar apps keep it too), and it only
//   reads. Renewing replaces it, which ends the old URL.
// - notifications: five more kinds (a meeting changed, was cancelled, is tomorrow; a place came free;
//   the minutes are up).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('thread_id', 'integer', (c) => c.primaryKey().references('threads.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().check(sql`char_length(place) between 1 and 200`))
    .addColumn('map_url', 'text', (c) => c.check(sql`char_length(map_url) <= 500 and map_url ~ '^https?://'`))
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity > 0 and capacity <= 100000`))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('minutes_post_id', 'integer', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('meetings_ends_after_start', sql`ends_at > starts_at`)
    .execute();
  // Upcoming meetings (the list, the calendars, the reminder job) in order of their start.
  await db.schema.createIndex('meetings_starts_at').on('meetings').column('starts_at').execute();

  await db.schema
    .createTable('meeting_networks')
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('meetings.thread_id').onDelete('cascade'))
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('meeting_networks_pkey', ['thread_id', 'network_id'])
    .execute();
  await db.schema.createIndex('meeting_networks_network').on('meeting_networks').column('network_id').execute();

  await sql`create sequence meeting_answers_queue as integer`.execute(db);
  await db.schema
    .createTable('meeting_answers')
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('meetings.thread_id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('going', 'maybe', 'not_going')`))
    .addColumn('headcount', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`headcount between 1 and 5`),
    )
    .addColumn('queue', 'integer')
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('meeting_answers_pkey', ['thread_id', 'account_id'])
    .addCheckConstraint('meeting_answers_queue_going', sql`queue is null or answer = 'going'`)
    .execute();
  await db.schema.createIndex('meeting_answers_account').on('meeting_answers').column('account_id').execute();
  await sql`create index meeting_answers_waiting on meeting_answers (thread_id, queue) where queue is not null`.execute(db);

  await db.schema
    .createTable('meeting_calendar_tokens')
    .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in ('thread', 'post', 'watched', 'reply', 'mention', 'hidden', 'moved', 'meeting-changed', 'meeting-cancelled', 'meeting-reminder', 'waitlist-promoted', 'minutes'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notifications where kind in ('meeting-changed', 'meeting-cancelled', 'meeting-reminder', 'waitlist-promoted', 'minutes')`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in ('thread', 'post', 'watched', 'reply', 'mention', 'hidden', 'moved'))`.execute(
    db,
  );
  await db.schema.dropTable('meeting_calendar_tokens').execute();
  await db.schema.dropTable('meeting_answers').execute();
  await sql`drop sequence meeting_answers_queue`.execute(db);
  await db.schema.dropTable('meeting_networks').execute();
  await db.schema.dropTable('meetings').execute();
}
