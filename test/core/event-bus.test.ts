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

  it('reads the table past the gap a rolled-back write left, and dispatches what follows it', async () => {
    await expect(
      own.database.db.transaction().execute(async (tx) => {
        await recordEvent(tx, 'sessions.ended', { accountId: 42 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const { heard, reads } = await recordedAndHeard('sessions.ended', { accountId: 43 });
    expect(heard).toEqual({ accountId: 43 });
    expect(reads).toBeGreaterThan(0);
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
