import { sql, type Kysely } from 'kysely';

// A convener (or an admin) invites a member to convene the network with them; the invitee accepts or
// declines from their notifications. One invitation per network and account (the primary key): inviting
// again while one waits changes nothing. An invitation goes with its network and with the invitee; when
// the inviter's account goes, the invitation stays, from nobody.
//
// Accepting is a change of who convenes, so the public moderation log records it: a new action,
// 'accept-convener' (the invitee acted; the row names who invited them).
const ACTIONS_BEFORE = [
  'hide',
  'unhide',
  'community-hide',
  'dismiss',
  'move',
  'lock',
  'unlock',
  'pin',
  'unpin',
  'appoint',
  'remove-convener',
  'suspend',
  'bar',
  'rules',
  'threshold',
  'unsuspend',
  'unbar',
];
const ACTIONS_AFTER = [...ACTIONS_BEFORE, 'accept-convener'];

function actionCheck(actions: string[]) {
  return sql`check (action in (${sql.join(actions.map((a) => sql.lit(a)))}))`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('convener_invitations')
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('invited_by_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('convener_invitations_pkey', ['network_id', 'account_id'])
    .execute();
  // The invitations waiting for an account (its notifications and its header's count).
  await db.schema.createIndex('convener_invitations_account_id').on('convener_invitations').column('account_id').execute();

  await sql`alter table moderation_log drop constraint moderation_log_action_check`.execute(db);
  await sql`alter table moderation_log add constraint moderation_log_action_check ${actionCheck(ACTIONS_AFTER)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from moderation_log where action = 'accept-convener'`.execute(db);
  await sql`alter table moderation_log drop constraint moderation_log_action_check`.execute(db);
  await sql`alter table moderation_log add constraint moderation_log_action_check ${actionCheck(ACTIONS_BEFORE)}`.execute(db);
  await db.schema.dropTable('convener_invitations').execute();
}
