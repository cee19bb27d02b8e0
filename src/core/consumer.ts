// An exactly-once consumer of domain events, for work that must happen once per event however many
// instances run (notifications today; search indexing and meeting reminders tomorrow).
//
// A consumer is a named row in event_consumers holding a cursor, the id of the last event it went past;
// the migration that introduces a consumer inserts its row, and so decides where it starts. Every
// instance runs the consumer, woken by the event bus and by a poll timer. A run is one transaction: it
// locks the row (FOR UPDATE SKIP LOCKED: if another instance holds it, this one leaves the work to it),
// reads the events after the cursor in id order, hands those the consumer handles to it, moves the
// cursor past all it read, and commits. A crash before the commit leaves the cursor where it was, so
// the events are read again; nothing after it is done twice, as the cursor moved in the same
// transaction. (Events commit in id order — see events.ts — so reading "after the cursor" never skips
// one that commits late.)
//
// An unavailable database (db/availability.ts: down, restarting, out of disk) is waited out: the run
// stops, the poll timer tries again, and it never counts against an event. An event whose handling
// itself fails is tried alone, and after `maxFailures` failures in a row it is given up: logged with
// its id, and the cursor moves past it so the events after it are handled.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { isDatabaseUnavailable } from '../db/availability.js';
import type { DB } from '../db/schema.js';
import { latestEventId, parsePayload, type DomainEvents, type EventName } from './events.js';

/** An event as a consumer gets it: checking `name` narrows `payload`. */
export type ConsumedEvent = { [N in EventName]: { id: number; name: N; payload: DomainEvents[N] } }[EventName];

export interface ConsumerOptions {
  /** Its row in event_consumers. */
  name: string;
  /** The events it handles; the cursor moves past the others without handing them over. */
  events: readonly EventName[];
  /** Handles events, in id order, inside the transaction that moves the cursor past them. */
  handle(tx: Kysely<DB>, events: readonly ConsumedEvent[]): Promise<void>;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  /** Events read per transaction. */
  batchSize?: number;
  /** How often one event may fail, in a row, before it is given up. */
  maxFailures?: number;
}

export interface EventConsumer {
  /**
   * Handles the events committed so far (woken for the event at `cursor`, or unconditionally); false when
   * another instance held the consumer or the database is away. Runs on this instance one after another.
   */
  run(cursor?: number): Promise<boolean>;
  /** Whether the last run left work behind (it failed, or another instance held the consumer). */
  readonly unfinished: boolean;
  /** Resolves once the run under way (if any) has finished. */
  idle(): Promise<void>;
  /** Runs until every event committed before the call is handled, by this instance or another (tests). */
  runUntilCaughtUp(timeoutMs?: number): Promise<void>;
}

const DEFAULT_BATCH_SIZE = 100;
const DEFAULT_MAX_FAILURES = 3;

/** A step failed after reading its events: blamed on the first of them (the one tried alone, in the end). */
class HandlingFailed extends Error {
  constructor(
    readonly eventId: number,
    cause: unknown,
  ) {
    super(`handling event ${eventId} failed`, { cause });
  }
}

export function eventConsumer(db: Kysely<DB>, options: ConsumerOptions): EventConsumer {
  const { name, log } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  const handled: ReadonlySet<string> = new Set(options.events);
  /** The event a one-at-a-time step last failed on, and how often in a row. */
  let failing: { eventId: number; times: number } | null = null;
  /** The newest event known to be handled, and the newest this instance was woken for. */
  let known = 0;
  let wanted = 0;

  /**
   * One transaction over up to `limit` events, passing over `skipId`. Returns how many events it went
   * past, or null when another instance holds the consumer (it does the work).
   */
  async function step(limit: number, skipId: number | null): Promise<number | null> {
    const result = await db.transaction().execute(async (tx) => {
      const consumer = await tx.selectFrom('event_consumers').select('cursor').where('name', '=', name).forUpdate().skipLocked().executeTakeFirst();
      if (!consumer) return null;
      const from = consumer.cursor;
      const rows = await tx.selectFrom('events').select(['id', 'name', 'payload']).where('id', '>', from).orderBy('id').limit(limit).execute();
      if (rows.length === 0) return { read: 0, cursor: from };
      try {
        const events: ConsumedEvent[] = [];
        for (const row of rows) {
          const { id } = row;
          if (id === skipId) log.error({ eventId: id, event: row.name }, `${name}: skipping an event that failed repeatedly`);
          else if (handled.has(row.name)) events.push({ id, name: row.name, payload: parsePayload(row.payload) } as ConsumedEvent);
        }
        if (events.length > 0) await options.handle(tx, events);
        const cursor = rows.at(-1)!.id;
        await tx.updateTable('event_consumers').set({ cursor }).where('name', '=', name).execute();
        return { read: rows.length, cursor };
      } catch (error) {
        throw new HandlingFailed(rows[0]!.id, error);
      }
    });
    if (result === null) return null;
    // Committed: this instance knows the events up to here are handled (by whichever instance).
    known = Math.max(known, result.cursor);
    return result.read;
  }

  /** Handles every event committed so far. False: another instance is at it, or the database is away. */
  async function drain(): Promise<boolean> {
    let limit = batchSize;
    for (;;) {
      let read: number | null;
      try {
        read = await step(limit, failing !== null && failing.times >= maxFailures ? failing.eventId : null);
        failing = null;
      } catch (error) {
        // The database is away, or failed before any event was read: nothing to blame on an event.
        if (!(error instanceof HandlingFailed) || isDatabaseUnavailable(error.cause)) {
          const failed = error instanceof HandlingFailed ? { cause: String(error.cause), eventId: error.eventId } : { cause: String(error), eventId: null };
          log.warn(failed, `${name}: the database is unavailable; will retry`);
          return false;
        }
        const attempting = error.eventId;
        if (limit > 1) {
          // Find the one that fails: go one event at a time.
          limit = 1;
          continue;
        }
        failing = failing?.eventId === attempting ? { eventId: attempting, times: failing.times + 1 } : { eventId: attempting, times: 1 };
        log.warn({ err: error.cause, eventId: attempting, times: failing.times }, `${name}: handling an event failed; will retry`);
        return true;
      }
      if (read === null) return false;
      if (read < limit) return true;
    }
  }

  // A call made while a run is under way gets a run after it, so the events that woke it are seen.
  let chain: Promise<unknown> = Promise.resolve();
  let queued: Promise<boolean> | null = null;
  let unfinished = false;
  let forced = true; // the first run catches up on whatever happened while no instance ran

  /** Does nothing (not even a query) when every event this instance was woken for is known to be handled. */
  function run(cursor?: number): Promise<boolean> {
    if (cursor !== undefined) wanted = Math.max(wanted, cursor);
    else forced = true;
    if (queued) return queued;
    const next = chain.then(async () => {
      queued = null;
      if (!forced && !unfinished && wanted <= known) return true;
      forced = false;
      unfinished = true;
      const finished = await drain();
      unfinished = !finished || failing !== null;
      return finished;
    });
    queued = next;
    chain = next.catch(() => undefined);
    return next;
  }

  return {
    run,
    get unfinished() {
      return unfinished;
    },
    idle: () => chain.then(() => undefined),
    async runUntilCaughtUp(timeoutMs = 10_000) {
      const target = await latestEventId(db);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await run(target);
        if (known >= target) return;
        // Another instance may hold the consumer: its progress shows in the row.
        const consumer = await db.selectFrom('event_consumers').select('cursor').where('name', '=', name).executeTakeFirst();
        known = Math.max(known, consumer?.cursor ?? 0);
        if (known >= target) return;
        if (Date.now() > deadline) throw new Error(`${name}: the consumer did not catch up`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/**
 * Runs the consumer on this instance for the app's life: woken by its events on the bus, at start (for
 * what happened while no instance ran) and, every `pollMs` (0: never), when a run left work behind. A
 * clean shutdown lets the run under way finish.
 */
export function consumeEvents(app: FastifyInstance, options: ConsumerOptions & { pollMs: number }): EventConsumer {
  const consumer = eventConsumer(app.database.db, options);
  let closing = false;
  const wake = (cursor?: number) => {
    if (!closing) consumer.run(cursor).catch((error: unknown) => app.log.error({ err: error }, `${options.name}: the consumer failed`));
  };
  const off = options.events.map((name) => app.events.on(name, (_payload, event) => wake(event.cursor)));
  // The event bus itself catches up on missed NOTIFYs and wakes the consumer; the timer only retries a
  // run that failed or found another instance at work (which may have stopped before finishing).
  const timer = options.pollMs > 0 ? setInterval(() => consumer.unfinished && wake(), options.pollMs) : undefined;
  timer?.unref();
  app.addHook('onReady', async () => wake());
  app.addHook('onClose', async () => {
    closing = true;
    clearInterval(timer);
    for (const stop of off) stop();
    await consumer.idle();
  });
  return consumer;
}
