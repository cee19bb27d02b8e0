// The event bus hands a committed event to its listeners from the notification that announces it,
// without reading the events table; it reads the table when a notification cannot be trusted to be
// the next event (an id was skipped) or carries only the id (a payload too large for NOTIFY). Events are
// numbered as their writes commit, so they reach every reader in the order of the commits.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, recordEvent, type DomainEvents, type EventName } from '../../src/core/events.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/context.js';

describe('the event bus', () => {
  let own: TestDatabase;
  let bus: EventBus;
  const errors: unknown[] = [];
  /** Statements that read the events table, as the bus does when it reads after its cursor. */
  let eventReads = 0;

  beforeAll(async () => {
    own = await createTestDatabase((text) => {
      if (/from "events" where "id" >/.test(text)) eventReads += 1;
    });
    bus = new EventBus((error) => errors.push(error));
    await bus.start(own.database);
  });
  afterAll(async () => {
    await bus.stop();
    await own.drop();
  });

  /** The next event of this name the bus hands over. */
  function next<N extends EventName>(name: N): Promise<DomainEvents[N]> {
    return new Promise((resolve) => {
      const off = bus.on(name, (payload) => {
        off();
        resolve(payload);
      });
    });
  }

  const record = <N extends EventName>(name: N, payload: DomainEvents[N]) => own.database.db.transaction().execute((tx) => recordEvent(tx, name, payload));

  /** Records the event and waits for the bus to hand it over: its payload, and how often the table was read meanwhile. */
  async function recordedAndHeard<N extends EventName>(name: N, payload: DomainEvents[N]): Promise<{ heard: DomainEvents[N]; reads: number }> {
    const heard = next(name);
    const before = eventReads;
    await record(name, payload);
    return { heard: await heard, reads: eventReads - before };
  }

  it('dispatches an event from its notification, reading no events', async () => {
    // The first may follow a gap (ids go on from events since pruned, as a reused test database's do).
    await recordedAndHeard('sessions.ended', { accountId: 40 });
    expect(await recordedAndHeard('sessions.ended', { accountId: 41 })).toEqual({ heard: { accountId: 41 }, reads: 0 });
  });

  it('dispatches what follows a rolled-back write from its notification: the rolled-back write took no id', async () => {
    await expect(
      own.database.db.transaction().execute(async (tx) => {
        await recordEvent(tx, 'sessions.ended', { accountId: 42 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await recordedAndHeard('sessions.ended', { accountId: 43 })).toEqual({ heard: { accountId: 43 }, reads: 0 });
  });

  it('reads the table past an id that was skipped, and dispatches what follows it', async () => {
    await sql`select nextval(pg_get_serial_sequence('events', 'id'))`.execute(own.database.db);
    const { heard, reads } = await recordedAndHeard('sessions.ended', { accountId: 45 });
    expect(heard).toEqual({ accountId: 45 });
    expect(reads).toBeGreaterThan(0);
  });

  it("knows a write's event id by the time its commit is answered, by the event's name", async () => {
    const before = bus.committedHere(['post.created']);
    const heard = next('sessions.ended');
    await record('sessions.ended', { accountId: 46 });
    const { id } = await own.database.db
      .selectFrom('events')
      .select('id')
      .where('name', '=', 'sessions.ended')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(bus.committedHere(['sessions.ended'])).toBe(id);
    expect(bus.committedHere()).toBe(id);
    expect(bus.committedHere(['post.created'])).toBe(before);
    expect(await heard).toEqual({ accountId: 46 });
  });

  // Two transactions at once need two connections: PGlite has one.
  it.runIf(onPostgres)('numbers events in the order their writes commit, not the order they were recorded in', async () => {
    const heard: number[] = [];
    let heardAll!: () => void;
    const allHeard = new Promise<void>((resolve) => (heardAll = resolve));
    const off = bus.on('sessions.ended', ({ accountId }) => {
      heard.push(accountId);
      if (accountId === 49) heardAll();
    });
    let recordedFirst!: () => void;
    const firstRecorded = new Promise<void>((resolve) => (recordedFirst = resolve));
    let commitFirst!: () => void;
    const first = own.database.db.transaction().execute(async (tx) => {
      await recordEvent(tx, 'sessions.ended', { accountId: 47 });
      recordedFirst();
      await new Promise<void>((resolve) => (commitFirst = resolve));
    });
    await firstRecorded;
    // Recorded after the first, committed before it, and not held up by it.
    await record('sessions.ended', { accountId: 48 });
    commitFirst();
    await first;
    await record('sessions.ended', { accountId: 49 });
    await allHeard;
    off();
    expect(heard).toEqual([48, 47, 49]);
    const rows = await own.database.db
      .selectFrom('events')
      .select(['id', 'payload'])
      .where('name', '=', 'sessions.ended')
      .where(sql<boolean>`(payload->>'accountId')::int between 47 and 49`)
      .orderBy('id')
      .execute();
    expect(rows.map((row) => (row.payload as { accountId: number }).accountId)).toEqual([48, 47, 49]);
  });

  it('reads an event whose payload is too large for its notification', async () => {
    const accountIds = Array.from({ length: 2_000 }, (_, index) => 100_000 + index);
    const { heard, reads } = await recordedAndHeard('watches.changed', { accountIds });
    expect(heard).toEqual({ accountIds });
    expect(reads).toBeGreaterThan(0);
    // And the next small one comes from its notification again.
    expect(await recordedAndHeard('sessions.ended', { accountId: 44 })).toEqual({ heard: { accountId: 44 }, reads: 0 });
    expect(errors).toEqual([]);
  });
});
