// The exactly-once event consumer (core/consumer.ts) on its own: a consumer whose handling writes a row
// per event, two instances of it on one database, a database that is unavailable for a while, and an
// event whose handling fails every time.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventConsumer, type ConsumedEvent, type ConsumerOptions } from '../../src/core/consumer.js';
import { latestEventId, recordEvent } from '../../src/core/events.js';
import { createDatabase, type Database } from '../../src/db/connect.js';
import { createTestDatabase, onPostgres } from '../helpers/context.js';

describe('the event consumer', () => {
  let database: Database;
  /** A second connection to the same database, as another instance has (PGlite: the same one). */
  let second: Database;
  let drop: () => Promise<void>;
  let consumers = 0;

  beforeAll(async () => {
    const created = await createTestDatabase();
    database = created.database;
    drop = created.drop;
    second = onPostgres ? await createDatabase({ databaseUrl: created.databaseUrl, dataDir: '' }) : database;
    await sql`create table handled_events (event_id bigint not null, consumer text not null, instance text not null)`.execute(database.db);
  });
  afterAll(async () => {
    if (second !== database) await second.close();
    await database.close();
    await drop();
  });

  const silentLog = () => ({ warn: vi.fn(), error: vi.fn() });

  /** A new consumer's row, starting after the events recorded so far (as a migration would make it). */
  async function newConsumer(): Promise<string> {
    consumers += 1;
    const name = `test_consumer_${consumers}`;
    await sql`insert into event_consumers (name, cursor) select ${name}, coalesce(max(id), 0) from events`.execute(database.db);
    return name;
  }

  /** One instance of the consumer: it writes a row per event it handles. */
  function instance(on: Database, name: string, label: string, options: Partial<ConsumerOptions> = {}) {
    return eventConsumer(on.db, {
      name,
      events: ['sessions.ended'],
      async handle(tx, events: readonly ConsumedEvent[]) {
        for (const event of events) await sql`insert into handled_events (event_id, consumer, instance) values (${event.id}, ${name}, ${label})`.execute(tx);
      },
      log: silentLog(),
      ...options,
    });
  }

  async function recordEvents(count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i += 1) {
      await database.db.transaction().execute((tx) => recordEvent(tx, 'sessions.ended', { accountId: i + 1 }));
      ids.push(await latestEventId(database.db));
    }
    return ids;
  }

  async function timesHandled(name: string): Promise<Map<number, number>> {
    const result = await sql<{
      event_id: string;
      times: string;
    }>`select event_id, count(*) as times from handled_events where consumer = ${name} group by event_id`.execute(database.db);
    return new Map(result.rows.map((row) => [Number(row.event_id), Number(row.times)]));
  }

  /** Makes handling fail with SQLSTATE `code` while `condition` (SQL on `new`) holds. */
  async function failHandling(condition: string, code: string): Promise<void> {
    await sql`drop trigger if exists fail_handling on handled_events`.execute(database.db);
    await sql`drop sequence if exists handling_failures`.execute(database.db);
    await sql.raw(`create sequence handling_failures`).execute(database.db);
    await sql
      .raw(
        `
      create or replace function fail_handling() returns trigger language plpgsql as $$
      begin
        if ${condition} then raise exception 'simulated' using errcode = '${code}'; end if;
        return new;
      end $$`,
      )
      .execute(database.db);
    await sql`create trigger fail_handling before insert on handled_events for each row execute function fail_handling()`.execute(database.db);
  }

  it('handles each event once although two instances run on every event', async () => {
    const name = await newConsumer();
    const a = instance(database, name, 'a', { batchSize: 3 });
    const b = instance(second, name, 'b', { batchSize: 3 });
    const runs: Promise<boolean>[] = [];
    for (const id of await recordEvents(20)) runs.push(a.run(id), b.run(id));
    await Promise.all(runs);
    // Both drain at once, as they would when woken by the same NOTIFY.
    await Promise.all([a.runUntilCaughtUp(), b.runUntilCaughtUp(), a.run(), b.run()]);
    const handled = await timesHandled(name);
    expect(handled.size).toBe(20);
    expect([...handled.values()].every((times) => times === 1)).toBe(true);
  });

  it('handles the event once the disk has room again, however many times it failed meanwhile', async () => {
    const name = await newConsumer();
    const log = silentLog();
    const consumer = instance(database, name, 'a', { log, maxFailures: 3 });
    // The first twenty tries fail (a sequence counts them: it is not rolled back with the insert).
    await failHandling(`nextval('handling_failures') <= 20`, '53100');
    const [id] = await recordEvents(1);
    await consumer.runUntilCaughtUp();
    expect(await timesHandled(name)).toEqual(new Map([[id, 1]]));
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ eventId: id }), `${name}: the database is unavailable; will retry`);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('still gives up an event whose handling itself fails again and again, and goes on with the next', async () => {
    const name = await newConsumer();
    const log = silentLog();
    const [broken, next] = await recordEvents(2);
    await failHandling(`new.event_id = ${broken}`, 'P0001');
    const consumer = instance(database, name, 'a', { log, maxFailures: 3 });
    await consumer.runUntilCaughtUp();
    expect(await timesHandled(name)).toEqual(new Map([[next, 1]]));
    // Tried alone three times, then passed over.
    const failures = log.warn.mock.calls.filter(
      ([fields, message]) => (fields as { eventId?: number }).eventId === broken && message === `${name}: handling an event failed; will retry`,
    );
    expect(failures).toHaveLength(3);
    expect(log.error).toHaveBeenCalledWith({ eventId: broken, event: 'sessions.ended' }, `${name}: skipping an event that failed repeatedly`);
  });
});
