import { sql, type Kysely } from 'kysely';

// Anyone proposes a network; members say "I'd join"; an admin approves (the network is made, the
// proposer convenes it, those who would join are its members) or declines with a reason.
//
// - network_proposals: one row per proposal, its words as the proposer wrote them and how it was
//   decided. The checks keep a decision whole: decided_at exactly when no longer open, a reason exactly
//   when declined, the network exactly when approved. Two open proposals cannot claim one slug (a
//   partial unique index); a declined proposal leaves its slug free for the next.
// - network_proposal_supporters: who would join, one row per member and proposal (the primary key).
//   The proposer supports their own proposal by proposing it: never a row.
// - proposal_notices: what a member is told about proposals (the notifications table needs a thread):
//   admins of each new proposal, the proposer and those who would join of its approval, the proposer of
//   its decline. Once per account, proposal and kind (a unique index).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('network_proposals')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('proposer_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 2 and 80`))
    // As a network's slug must be (networks.slug's own check).
    .addColumn('slug', 'text', (c) => c.notNull().check(sql`slug ~ '^[a-z0-9-]{2,40}$'`))
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`char_length(audience) between 1 and 120`))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`char_length(purpose) between 1 and 1000`))
    .addColumn('not_for', 'text', (c) => c.notNull().check(sql`char_length(not_for) between 1 and 800`))
    .addColumn('wants_help', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'approved', 'declined')`),
    )
    // Null once that admin's account is deleted: the decision stands, by nobody named.
    .addColumn('decided_by', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decline_reason', 'text', (c) => c.check(sql`char_length(decline_reason) between 1 and 500`))
    .addColumn('network_id', 'integer', (c) => c.references('networks.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('network_proposals_decided', sql`(status = 'open') = (decided_at is null)`)
    .addCheckConstraint('network_proposals_reason', sql`(status = 'declined') = (decline_reason is not null)`)
    // An approved proposal names its network (until the network is gone, which no route does).
    .addCheckConstraint('network_proposals_network', sql`status = 'approved' or network_id is null`)
    .execute();
  await sql`create unique index network_proposals_open_slug on network_proposals (slug) where status = 'open'`.execute(db);
  // The list: open first, newest first within each.
  await sql`create index network_proposals_list on network_proposals ((status <> 'open'), created_at desc, id desc)`.execute(db);
  await db.schema.createIndex('network_proposals_proposer').on('network_proposals').column('proposer_id').execute();

  await db.schema
    .createTable('network_proposal_supporters')
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('network_proposals.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('network_proposal_supporters_pkey', ['proposal_id', 'account_id'])
    .execute();
  // What an account supports (deleting it, the list's "you would join").
  await db.schema.createIndex('network_proposal_supporters_account').on('network_proposal_supporters').column('account_id').execute();

  await db.schema
    .createTable('proposal_notices')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('network_proposals.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('proposed', 'approved', 'declined', 'joined')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('proposal_notices_once', ['account_id', 'proposal_id', 'kind'])
    .execute();
  // An account's notices, newest first (its /notifications); the unread ones (its header's count).
  await db.schema.createIndex('proposal_notices_account').on('proposal_notices').columns(['account_id', 'id']).execute();
  await sql`create index proposal_notices_unread on proposal_notices (account_id) where read_at is null`.execute(db);
  await db.schema.createIndex('proposal_notices_proposal').on('proposal_notices').column('proposal_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('proposal_notices').execute();
  await db.schema.dropTable('network_proposal_supporters').execute();
  await db.schema.dropTable('network_proposals').execute();
}
