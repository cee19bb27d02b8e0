// Domain events. A feature records an event in the same transaction as its write; the event gets its id
// (its cursor) as that transaction commits, so events commit in id order. PostgreSQL's NOTIFY, sent by
// the commit (nothing for a rolled-back write), carries it to every instance, the writer included, and
// each hands the events to its local listeners in cursor order (reading the table when a notification
// cannot be trusted to be the next event). One path, not two.
import { sql, type Kysely, type QueryCreator } from 'kysely';
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

/** Named again in the numbering trigger (migrations/2026-12-05T0900_events_numbered_at_commit.ts), which sends on it. */
export const EVENTS_CHANNEL = 'bryggan_events';
/** What the server tells a writer's own connection as its commit numbers an event: `bryggan_event <id> <name>`. */
const NUMBERED_NOTICE = /^bryggan_event (\d+) ([a-z.]+)$/;

/** An event as its row is written: the payload as JSON text, and what it is about, for a topic's replay. */
export interface EventRow {
  name: EventName;
  payload: string;
  threadId: number | null;
  networkId: number | null;
}

export function eventRow<N extends EventName>(name: N, payload: DomainEvents[N]): EventRow {
  const ids = payload as { threadId?: number; networkId?: number };
  return { name, payload: JSON.stringify(payload), threadId: ids.threadId ?? null, networkId: ids.networkId ?? null };
}

/**
 * The event's insert, for a statement of its own (recordEvent) or to ride in another statement's WITH,
 * which saves the write a round trip. Its id is given as the transaction commits (the migration
 * 2026-12-05T0900_events_numbered_at_commit): until then the row holds a draft id, a negative no reader
 * outside the transaction sees, so events commit in id order without a lock held while the forum itself
 * works. The commit also sends the notification that carries the event to every instance.
 */
export function eventInsert(db: QueryCreator<DB>, row: EventRow) {
  return db.insertInto('events').values({
    id: sql<number>`-nextval('event_drafts')`,
    name: row.name,
    payload: sql<string>`${row.payload}::jsonb`,
    thread_id: sql<number | null>`${row.threadId}::integer`,
    network_id: sql<number | null>`${row.networkId}::integer`,
  });
}

const insertEvent = precompiled((db, row: EventRow) => eventInsert(db, row));

/** Records the event in the writer's transaction. */
export async function recordEvent<N extends EventName>(tx: Kysely<DB>, name: N, payload: DomainEvents[N]): Promise<void> {
  await insertEvent.result(tx, eventRow(name, payload));
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
  /** The newest event ids writes on this instance committed: of any event, and by name (one number each). */
  readonly #committedHere = { newest: 0, byName: new Map<EventName, number>() };
  #cursor = 0;
  #pumping = false;
  #again = false;
  #stop: (() => Promise<void>) | undefined;

  constructor(private readonly onError: (error: unknown, where: string) => void) {}

  /** The cursor of the last event handed to listeners on this instance. */
  get cursor(): number {
    return this.#cursor;
  }

  /**
   * The newest event id a write on this instance committed, of any event or of these names; 0 for none
   * yet. Known before the write's commit is answered (the server tells the writer's connection), so a
   * request's answer can wait for its own events (write-watermark.ts).
   */
  committedHere(names?: readonly EventName[]): number {
    if (!names) return this.#committedHere.newest;
    let newest = 0;
    for (const name of names) newest = Math.max(newest, this.#committedHere.byName.get(name) ?? 0);
    return newest;
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
    const unnotice = database.onNotice((message) => this.#numbered(message));
    this.#cursor = await latestEventId(db);
    const unlisten = await database.listen(EVENTS_CHANNEL, (message) => this.#heard(db, message));
    // NOTIFY is not stored: after a lost connection, the periodic catch-up finds what was missed.
    const timer = setInterval(() => void this.#pump(db), CATCH_UP_MS);
    timer.unref();
    this.#stop = async () => {
      clearInterval(timer);
      unnotice();
      // The database may already be closed (a test closing it under the app): nothing left to unlisten.
      await unlisten().catch(() => undefined);
    };
  }

  async stop(): Promise<void> {
    await this.#stop?.();
    this.#stop = undefined;
  }

  /** A commit on one of this instance's connections numbered an event. Commits end in any order: the newest stays. */
  #numbered(message: string): void {
    const numbered = NUMBERED_NOTICE.exec(message);
    if (!numbered) return;
    const id = Number(numbered[1]);
    const name = numbered[2] as EventName;
    const committed = this.#committedHere;
    committed.newest = Math.max(committed.newest, id);
    committed.byName.set(name, Math.max(committed.byName.get(name) ?? 0, id));
  }

  /**
   * A notification: the event itself when it is the next one and no read is under way, so it is
   * dispatched without reading the table; otherwise (an id only, a gap left by an id taken but not
   * committed or by a lost notification, a read running) the table is read from the cursor on.
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
