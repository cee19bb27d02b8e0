// The event bus hands a committed event to its listeners from the notification that announces it,
// without reading the events table; it reads the table when a notification cannot be trusted to be
// the next event (a rolled-back write left a gap) or carries only the id (a payload too large for NOTIFY).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, recordEvent, type DomainEvents, type EventName } from '../../src/core/events.js';
import { createTestDatabase, type TestDatabase } from '../helpers/context.js';

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

  it('dispatches an event from its notification, reading no events', async () => {
    // The first may follow a gap (ids go on from events since pruned, as a reused test database's do).
    const first = next('sessions.ended');
    await record('sessions.ended', { accountId: 40 });
    await first;
    const heard = next('sessions.ended');
    const before = eventReads;
    await record('sessions.ended', { accountId: 41 });
    expect(await heard).toEqual({ accountId: 41 });
    expect(eventReads).toBe(before);
  });

  it('reads the table past the gap a rolled-back write left, and dispatches what follows it', async () => {
    await expect(
      own.database.db.transaction().execute(async (tx) => {
        await recordEvent(tx, 'sessions.ended', { accountId: 42 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const heard = next('sessions.ended');
    const before = eventReads;
    await record('sessions.ended', { accountId: 43 });
    expect(await heard).toEqual({ accountId: 43 });
    expect(eventReads).toBeGreaterThan(before);
  });

  it('reads an event whose payload is too large for its notification', async () => {
    const accountIds = Array.from({ length: 2_000 }, (_, index) => 100_000 + index);
    const heard = next('watches.changed');
    const before = eventReads;
    await record('watches.changed', { accountIds });
    expect(await heard).toEqual({ accountIds });
    expect(eventReads).toBeGreaterThan(before);
    // And the next small one comes from its notification again.
    const small = next('sessions.ended');
    const after = eventReads;
    await record('sessions.ended', { accountId: 44 });
    expect(await small).toEqual({ accountId: 44 });
    expect(eventReads).toBe(after);
    expect(errors).toEqual([]);
  });
});
