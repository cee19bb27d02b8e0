import { sql, type Kysely } from 'kysely';

// Events are numbered as their transaction commits, not as they are inserted. A cursor reader must never
// see id N+1 before N has committed; until now a write took a lock at the insert and held it to the end,
// across the round trip in which the forum read the insert's answer and sent its commit, so every write
// that recorded an event waited for the one before it to get there. Now the insert takes a draft id (a
// negative, from its own sequence, never seen outside its transaction), and a deferred trigger, run
// inside the COMMIT, takes the lock, gives the row the next id and announces it: the lock is held only
// while PostgreSQL finishes that commit. The announcements are the ones the insert used to send: NOTIFY
// on the events channel (the event whole when it fits, its id otherwise), and to the writer itself an
// INFO message on its own connection (sent whatever client_min_messages is), read before the commit's
// answer: `bryggan_event <id> <name>`.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence event_drafts as bigint`.execute(db);
  await sql`
    create function number_event() returns trigger language plpgsql as $$
    declare
      numbered bigint;
    begin
      -- Released when the transaction ends: the next commit's events get higher ids and are seen after.
      perform pg_advisory_xact_lock(4242001);
      update events set id = default where id = new.id returning id into numbered;
      if numbered is null then
        return null;
      end if;
      perform pg_notify('bryggan_events', case when octet_length(new.payload::text) < 7000
        then json_build_object('id', numbered, 'name', new.name, 'payload', new.payload)::text else numbered::text end);
      raise info 'bryggan_event % %', numbered, new.name;
      return null;
    end
    $$`.execute(db);
  await sql`
    create constraint trigger events_numbered_at_commit after insert on events
    deferrable initially deferred for each row execute function number_event()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger events_numbered_at_commit on events`.execute(db);
  await sql`drop function number_event()`.execute(db);
  await sql`drop sequence event_drafts`.execute(db);
}
