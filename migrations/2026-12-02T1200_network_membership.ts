import { sql, type Kysely } from 'kysely';

// Networks get members. Until now every account counted as everyone's member; from here an account
// joins and leaves a network (network_members), and a network says who may start threads and reply on
// its board (`posting`: 'anyone' signed in, as before, or its 'members') and, in its own words, whom it
// is for (`audience`, "entrepreneurs up to 30": self-declared, never checked).
//
// Who is a member of the networks that exist: every live account that showed it takes part — it
// follows the board, convenes the network or has posted on its board (a thread since moved counts
// where it is now) — joined at the earliest of those. Not every account: that would keep "everyone is
// everyone's member", fill every member list with the whole forum and make the community-hiding
// threshold count accounts that never looked at the network. Deleted accounts join nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('network_members')
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One row per member and network: a double join is one membership (ON CONFLICT DO NOTHING).
    .addPrimaryKeyConstraint('network_members_pkey', ['network_id', 'account_id'])
    .execute();
  // An account's networks (its profile, the posting guard's lookup by account).
  await db.schema.createIndex('network_members_account').on('network_members').columns(['account_id', 'network_id']).execute();
  // A network's members page, newest first, paged by (joined_at, account_id).
  await db.schema.createIndex('network_members_page').on('network_members').columns(['network_id', 'joined_at', 'account_id']).execute();

  await db.schema
    .alterTable('networks')
    .addColumn('posting', 'text', (c) =>
      c
        .notNull()
        .defaultTo('anyone')
        .check(sql`posting in ('anyone', 'members')`),
    )
    .addColumn('audience', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(audience) <= 120`),
    )
    .execute();

  await sql`
    insert into network_members (network_id, account_id, joined_at)
    select taking_part.network_id, taking_part.account_id, min(taking_part.at)
    from (
      select network_id, account_id, created_at as at from follows
      union all
      select network_id, account_id, created_at from conveners
      union all
      select threads.network_id, posts.author_id, posts.created_at from posts join threads on threads.id = posts.thread_id
    ) as taking_part
    join accounts on accounts.id = taking_part.account_id and accounts.deleted_at is null
    group by taking_part.network_id, taking_part.account_id
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('networks').dropColumn('posting').dropColumn('audience').execute();
  await db.schema.dropTable('network_members').execute();
}
