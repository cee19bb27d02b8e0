// Domain events. A feature records an event in the same transaction as its write; PostgreSQL's NOTIFY
// (transactional: nothing is sent for a rolled-back write) carries it to every instance, the writer
// included, and each hands the events to its local listeners in cursor order (reading the table when a
// notification cannot be trusted to be the next event). One path, not two.
import { sql, type DialectAdapter, type Kysely } from 'kysely';
import type { Database } from '../db/connect.js';
import { precompiled } from '../db/precompiled.js';
import type { DB } from '../db/schema.js';

export interface DomainEvents {
  'thread.created': { threadId: number; networkId: number; postId: number };
  'post.created': { postId: number; threadId: number };
  'post.edited': { postId: number; threadId: number };
  'post.deleted': { postId: number; threadId: number };
  /** Its author undid deleting it (within minutes): it is shown again. */
  'post.restored': { postId: number; threadId: number };
  'post.hidden': { postId: number; threadId: number };
  'post.unhidden': { postId: number; threadId: number };
  'thread.moved': { threadId: number; networkId: number; fromNetworkId: number };
  'thread.changed': { threadId: number };
  'conveners.changed': { networkId: number; accountId: number };
  'network.changed': { networkId: number };
  /** Someone followed or stopped following the network's board: its follower count changed. */
  'followers.changed': { networkId: number };
  /** These accounts watched, muted or stopped watching a thread (or watch it for writing in it): their watch buttons changed. */
  'watches.changed': { accountIds: number[] };
  /** Someone joined or left the network: its member count and members page changed. */
  'members.changed': { networkId: number };
  /** Some of the account's sessions ended (sign-out, password change): sockets opened with them must close. */
  'sessions.ended': { accountId: number };
  /** These accounts' notifications changed (new ones, or read): their unread counts may differ. */
  'notifications.changed': { accountIds: number[] };
  /** An account's display name changed, or the account was deleted: every page naming it as an author shows it anew. */
  'account.changed': { accountId: number };
  /** An account's language, role or proven address changed: what its own requests know of it (request.viewer), nothing others see. */
  'viewer.changed': { accountId: number };
  /** A business's page, networks or staff changed: its staff's posts and the networks' side columns name it. */
  'business.changed': { businessId: number };
  /** A meeting's time, place, answers, cancellation or minutes changed: its thread, the boards and the lists show it. */
  'meeting.changed': { threadId: number };
  /**
   * Tell these accounts about a meeting (its opening post, or the minutes): written by the notifications
   * worker as notifications of that kind, for those the visibility rule lets read the post.
   */
  'meeting.notify': {
    threadId: number;
    networkId: number;
    postId: number;
    kind: 'meeting-changed' | 'meeting-cancelled' | 'meeting-reminder' | 'waitlist-promoted' | 'minutes';
    accountIds: number[];
    actorId: number | null;
  };
  /** A question's answer was marked (postId) or unmarked (postId null) by `actorId`; `previousPostId` was the answer before. */
  'answer.changed': { threadId: number; postId: number | null; previousPostId: number | null; actorId: number };
  /** `accountId` thanked the post (thanked) or took the thanks back: its count changed. */
  'post.thanked': { postId: number; threadId: number; accountId: number; thanked: boolean };
  /** An offer was ended, extended or taken: it joins or leaves the lists of current offers. */
  'offer.changed': { threadId: number; networkId: number };
}

export type EventName = keyof DomainEvents;

export interface RecordedEvent<N extends EventName = EventName> {
  /** Monotonic across instances: what a client resumes from. */
  cursor: number;
  name: N;
  payload: DomainEvents[N];
}

declare module 'fastify' {
  interface FastifyInstance {
    events: EventBus;
  }
}

export const EVENTS_CHANNEL = 'bryggan_events';
/** The largest payload a notification carries whole; NOTIFY's limit is 8000 bytes in all. */
const NOTIFIED_PAYLOAD_BYTES = 7_000;
/** Held from an event's insert to its commit, so events commit in cursor order and none is skipped. */
const EVENTS_LOCK = 4_242_001;

/** The newest event ids writes on this instance took on one database: of any event, and by name. */
interface RecordedHere {
  newest: number;
  byName: Map<EventName, number>;
}

/**
 * By database: its Kysely adapter, one per Kysely instance and shared by its transactions (so two apps
 * in one process, as tests run them, keep theirs apart). Noted before the commit: what the write
 * watermark waits for (write-watermark.ts).
 */
const recordedHere = new WeakMap<DialectAdapter, RecordedHere>();

/**
 * The newest event id a write here took on this database (committed, or about to be, or rolled back),
 * of any event or of these names; 0 for none yet.
 */
export function newestEventRecordedHere(db: Kysely<DB>, names?: readonly EventName[]): number {
  const recorded = recordedHere.get(db.getExecutor().adapter);
  if (!recorded) return 0;
  if (!names) return recorded.newest;
  let newest = 0;
  for (const name of names) newest = Math.max(newest, recorded.byName.get(name) ?? 0);
  return newest;
}

export async function recordEvent<N extends EventName>(tx: Kysely<DB>, name: N, payload: DomainEvents[N]): Promise<void> {
  const ids = payload as { threadId?: number; networkId?: number };
  // One statement, so the lock is taken as late as can be: from here to the commit, every other write
  // that records an event waits. The insert reads its row from `locked`, so the lock comes before the id.
  // The notification carries the event itself when it fits (NOTIFY takes under 8000 bytes), so the
  // instances that hear it need not read it back; otherwise only its id.
  const { rows } = await sql<{ id: number }>`
    with locked as (select pg_advisory_xact_lock(${EVENTS_LOCK})),
    inserted as (
      insert into events (name, payload, thread_id, network_id)
      select ${name}, ${JSON.stringify(payload)}::jsonb, ${ids.threadId ?? null}::integer, ${ids.networkId ?? null}::integer from locked
      returning id, name, payload
    )
    select id, pg_notify(${EVENTS_CHANNEL}, case when octet_length(payload::text) < ${NOTIFIED_PAYLOAD_BYTES}
      then json_build_object('id', id, 'name', name, 'payload', payload)::text else id::text end) from inserted`.execute(tx);
  // The newest without comparing: an insert waits for the lock until the one before it has committed,
  // and that one's answer came back before its commit was sent, so the ids come back here in order.
  const { adapter } = tx.getExecutor();
  let recorded = recordedHere.get(adapter);
  if (!recorded) recordedHere.set(adapter, (recorded = { newest: 0, byName: new Map() }));
  recorded.newest = rows[0]!.id;
  recorded.byName.set(name, rows[0]!.id);
}

const newestEvent = precompiled((db) => db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')));

/** The newest committed event's id (its cursor); 0 when none was ever recorded. */
export async function latestEventId(db: Kysely<DB>): Promise<number> {
  const row = await newestEvent.first(db, {});
  return row?.id ?? 0;
}

const eventsAfter = precompiled((db, v: { cursor: number; limit: number }) =>
  db.selectFrom('events').select(['id', 'name', 'payload']).where('id', '>', v.cursor).orderBy('id').limit(v.limit),
);

type Listener<N extends EventName> = (payload: DomainEvents[N], event: RecordedEvent<N>) => void | Promise<void>;

const BATCH = 500;
const CATCH_UP_MS = 5_000;

export class EventBus {
  readonly #listeners = new Map<EventName, Set<Listener<EventName>>>();
  #cursor = 0;
  #pumping = false;
  #again = false;
  #stop: (() => Promise<void>) | undefined;

  constructor(private readonly onError: (error: unknown, where: string) => void) {}

  /** The cursor of the last event handed to listeners on this instance. */
  get cursor(): number {
    return this.#cursor;
  }

  /** A failing listener is reported, never thrown back: the write it reports has committed. */
  on<N extends EventName>(name: N, listener: Listener<N>): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener as unknown as Listener<EventName>);
    return () => set.delete(listener as unknown as Listener<EventName>);
  }

  /** Starts receiving events committed from now on, by any instance on this database. */
  async start(database: Database): Promise<void> {
    const { db } = database;
    this.#cursor = await latestEventId(db);
    const unlisten = await database.listen(EVENTS_CHANNEL, (message) => this.#heard(db, message));
    // NOTIFY is not stored: after a lost connection, the periodic catch-up finds what was missed.
    const timer = setInterval(() => void this.#pump(db), CATCH_UP_MS);
    timer.unref();
    this.#stop = async () => {
      clearInterval(timer);
      // The database may already be closed (a test closing it under the app): nothing left to unlisten.
      await unlisten().catch(() => undefined);
    };
  }

  async stop(): Promise<void> {
    await this.#stop?.();
    this.#stop = undefined;
  }

  /**
   * A notification: the event itself when it is the next one and no read is under way, so it is
   * dispatched without reading the table; otherwise (an id only, a gap left by a rolled-back write or a
   * lost notification, a read running) the table is read from the cursor on.
   */
  #heard(db: Kysely<DB>, message: string): void {
    const event = notifiedEvent(message);
    if (event && !this.#pumping && event.cursor === this.#cursor + 1) {
      this.#cursor = event.cursor;
      this.#dispatch(event);
      return;
    }
    void this.#pump(db);
  }

  async #pump(db: Kysely<DB>): Promise<void> {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#again = false;
        const rows = await eventsAfter.rows(db, { cursor: this.#cursor, limit: BATCH });
        for (const row of rows) {
          this.#cursor = row.id;
          this.#dispatch({ cursor: row.id, name: row.name as EventName, payload: parsePayload(row.payload) as DomainEvents[EventName] });
        }
        if (rows.length === BATCH) this.#again = true;
      } while (this.#again && this.#stop);
    } catch (error) {
      this.onError(error, 'loading events');
    } finally {
      this.#pumping = false;
    }
  }

  #dispatch(event: RecordedEvent): void {
    for (const listener of this.#listeners.get(event.name) ?? []) {
      try {
        Promise.resolve(listener(event.payload, event)).catch((error: unknown) => this.onError(error, event.name));
      } catch (error) {
        this.onError(error, event.name);
      }
    }
  }
}

/**
 * The event a notification carries whole; undefined for one that carries only its id, or nothing (the
 * listener's own nudge after it reconnected).
 */
function notifiedEvent(message: string): RecordedEvent | undefined {
  if (!message.startsWith('{')) return undefined;
  const notified = JSON.parse(message) as { id: number; name: EventName; payload: unknown };
  return { cursor: notified.id, name: notified.name, payload: notified.payload as DomainEvents[EventName] };
}

/** pg hands jsonb over parsed; PGlite too, but be tolerant of a string. What it holds is the caller's to say. */
export function parsePayload(payload: unknown): unknown {
  return typeof payload === 'string' ? JSON.parse(payload) : payload;
}
