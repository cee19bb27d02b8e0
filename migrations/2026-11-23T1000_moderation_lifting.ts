import { sql, type Kysely } from 'kysely';

// Lifting a suspension or a bar early is a moderator action too, so the log may record it.
const BEFORE = [
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
];
const AFTER = [...BEFORE, 'unsuspend', 'unbar'];

function actionCheck(actions: string[]) {
  return sql`check (action in (${sql.join(actions.map((a) => sql.lit(a)))}))`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table moderation_log drop constraint moderation_log_action_check`.execute(db);
  await sql`alter table moderation_log add constraint moderation_log_action_check ${actionCheck(AFTER)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from moderation_log where action in ('unsuspend', 'unbar')`.execute(db);
  await sql`alter table moderation_log drop constraint moderation_log_action_check`.execute(db);
  await sql`alter table moderation_log add constraint moderation_log_action_check ${actionCheck(BEFORE)}`.execute(db);
}
