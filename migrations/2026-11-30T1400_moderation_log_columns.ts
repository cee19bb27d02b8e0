import { sql, type Kysely } from 'kysely';

// A move's target network and a suspension's or bar's end get columns of their own; they were kept in
// `reason` (the target's slug) and `note` (the end, as ISO text). Moved over, and the old use ended.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('moderation_log')
    .addColumn('target_network_id', 'integer', (c) => c.references('networks.id').onDelete('set null'))
    .addColumn('ends_at', 'timestamptz')
    .execute();
  await sql`
    update moderation_log set target_network_id = networks.id, reason = null
    from networks where moderation_log.action = 'move' and networks.slug = moderation_log.reason`.execute(db);
  await sql`update moderation_log set reason = null where action = 'move'`.execute(db);
  await sql`update moderation_log set ends_at = note::timestamptz, note = null where action in ('suspend', 'bar')`.execute(db);
  await sql`alter table moderation_log add constraint moderation_log_target_network_is_a_move check (target_network_id is null or action = 'move')`.execute(db);
  await sql`alter table moderation_log add constraint moderation_log_ends_with_suspensions check ((ends_at is not null) = (action in ('suspend', 'bar')))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table moderation_log drop constraint moderation_log_target_network_is_a_move`.execute(db);
  await sql`alter table moderation_log drop constraint moderation_log_ends_with_suspensions`.execute(db);
  await sql`
    update moderation_log set reason = networks.slug
    from networks where moderation_log.action = 'move' and networks.id = moderation_log.target_network_id`.execute(db);
  await sql`update moderation_log set note = to_char(ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') where ends_at is not null`.execute(db);
  await db.schema.alterTable('moderation_log').dropColumn('target_network_id').dropColumn('ends_at').execute();
}
