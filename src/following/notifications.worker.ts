// Turns domain events into notifications (and the emails that carry them), exactly once across instances.
//
// Every instance runs this worker, woken by the event bus and by a timer. A run is one transaction: it
// locks the consumer's row in event_consumers (FOR UPDATE SKIP LOCKED: if another instance holds it,
// this one leaves the work to it), reads the events after the row's cursor in id order, writes the
// notifications and outbox rows for them, moves the cursor on, records `notifications.changed`, and
// commits. A crash before the commit leaves the cursor where it was, so the events are read again;
// nothing after it is done twice, as the cursor moved in the same transaction. (Events commit in id
// order — see core/events.ts — so reading "after the cursor" never skips one that commits late.)
import { sql, type Kysely } from 'kysely';
import { parsePayload, recordEvent, type DomainEvents, type EventName } from '../core/events.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import type { DB, NotificationKind } from '../db/schema.js';
import { bodyIsReadable, postVisibility, type PostVisibilityFacts } from '../moderation/visibility.js';
import * as queries from './following.queries.js';
import { MAX_NOTIFIED_MENTIONS, mentionedAccountIds } from './mentions.js';
import { groupKey } from './present.js';
import { nextDigestAt } from './schedule.js';

export const CONSUMER = 'notifications';

export interface NotificationsWorkerOptions {
  /** Events handled per transaction. */
  batchSize: number;
  /** Whether notifications also go into email batches (SMTP_URL is set). */
  email: boolean;
  /** How long an instant email waits for more notifications to join it. */
  instantDelayMs: number;
  log: { error(object: object, message: string): void; warn(object: object, message: string): void };
}

/** The events that may change someone's notifications. */
export const HANDLED_EVENTS = ['thread.created', 'post.created', 'post.hidden', 'post.unhidden', 'post.deleted', 'thread.moved'] as const satisfies readonly EventName[];
const HANDLED: ReadonlySet<string> = new Set(HANDLED_EVENTS);

/** A failing event is tried this many times (alone) before it is skipped and logged. */
const MAX_FAILURES = 3;

interface EventRow {
  id: number;
  name: string;
  payload: unknown;
}

/** What one transaction collects: accounts whose notifications changed. */
interface Run {
  tx: Kysely<DB>;
  now: Date;
  changed: Set<number>;
}

/** Notifications outrank each other: one per account and event, the strongest reason wins. */
const RANK: Record<NotificationKind, number> = { thread: 1, post: 1, watched: 2, reply: 3, mention: 4, hidden: 5, moved: 5 };

function facts(post: queries.NotifyingPost): PostVisibilityFacts {
  return {
    authorId: post.author_id,
    networkId: post.network_id,
    deletedAt: post.deleted_at,
    deletedById: post.deleted_by_id,
    hiddenAt: post.hidden_at,
    hiddenKind: post.hidden_kind,
    hiddenReason: post.hidden_reason,
    hiddenRule: post.hidden_rule,
  };
}

export function notificationsWorker(db: Kysely<DB>, options: NotificationsWorkerOptions) {
  const { log } = options;
  /** The event a one-at-a-time step last failed on, and how often in a row. */
  let failing: { eventId: number; times: number } | null = null;
  let attempting: number | null = null;

  /** Writes the notifications for those recipients who may read the post, and joins them to email batches. */
  async function notify(
    run: Run,
    eventId: number,
    post: queries.NotifyingPost,
    kinds: Map<number, NotificationKind>,
    extra: { actorId: number | null; networkId?: number; reason?: string | null; rule?: number | null; note?: string | null } = { actorId: null },
  ): Promise<void> {
    if (kinds.size === 0) return;
    // Where the notification is filed (its group, its email batch); who may read the post is decided by
    // the network the thread is in now, which a later move may already have changed.
    const networkId = extra.networkId ?? post.network_id;
    const recipients = await queries.findRecipients(run.tx, [...kinds.keys()]);
    const readers = recipients.filter((r) => bodyIsReadable(postVisibility(r.viewer, facts(post))));
    if (readers.length === 0) return;

    const emailIds = new Map<number, number>();
    if (options.email) {
      const wanting = readers.filter((r) => r.frequency !== 'none');
      const open = await queries.lockOpenBatches(run.tx, wanting.map((r) => r.viewer.id), networkId);
      const batchKind = (r: queries.Recipient) => (r.frequency === 'instant' ? 'instant' : 'digest');
      const openByAccount = new Map(open.map((b) => [`${b.account_id}|${b.kind}`, b.id]));
      const missing = wanting.filter((r) => !openByAccount.has(`${r.viewer.id}|${batchKind(r)}`));
      const created = await queries.insertBatches(
        run.tx,
        missing.map((r) => ({
          account_id: r.viewer.id,
          network_id: networkId,
          kind: batchKind(r),
          send_after: batchKind(r) === 'instant' ? new Date(run.now.getTime() + options.instantDelayMs) : nextDigestAt(run.now),
        })),
      );
      for (const b of [...open, ...created]) openByAccount.set(`${b.account_id}|${b.kind}`, b.id);
      for (const r of wanting) emailIds.set(r.viewer.id, openByAccount.get(`${r.viewer.id}|${batchKind(r)}`)!);
    }

    await queries.insertNotifications(
      run.tx,
      readers.map((r) => {
        const kind = kinds.get(r.viewer.id)!;
        return {
          account_id: r.viewer.id,
          kind,
          group_key: groupKey(kind, { networkId, threadId: post.thread_id, postId: post.id, eventId }),
          network_id: networkId,
          thread_id: post.thread_id,
          post_id: post.id,
          actor_id: extra.actorId,
          reason: extra.reason ?? null,
          rule: extra.rule ?? null,
          note: extra.note ?? null,
          event_id: eventId,
          email_id: emailIds.get(r.viewer.id) ?? null,
        };
      }),
    );
    for (const r of readers) run.changed.add(r.viewer.id);
  }

  /** A new thread or reply: followers, watchers, the parent's author, the mentioned; never its author, never who muted. */
  async function postWritten(run: Run, eventId: number, postId: number, opensThread: boolean): Promise<void> {
    const [post] = await queries.findPostsForNotifying(run.tx, [postId]);
    if (!post) return;
    // You watch threads you start or reply to.
    await queries.watchAutomatically(run.tx, post.author_id, post.thread_id);
    const { followers, watchers, muted } = await queries.audienceOf(run.tx, post.network_id, post.thread_id);
    const kinds = new Map<number, NotificationKind>();
    const offer = (accountId: number | null, kind: NotificationKind) => {
      if (accountId === null) return;
      const current = kinds.get(accountId);
      if (!current || RANK[kind] > RANK[current]) kinds.set(accountId, kind);
    };
    for (const [accountId, level] of followers) {
      if (opensThread) offer(accountId, 'thread');
      else if (level === 'posts') offer(accountId, 'post');
    }
    if (!opensThread) {
      for (const accountId of watchers) offer(accountId, 'watched');
      offer(post.parent_author_id, 'reply');
    }
    for (const accountId of mentionedAccountIds(post.html).slice(0, MAX_NOTIFIED_MENTIONS)) offer(accountId, 'mention');
    kinds.delete(post.author_id);
    for (const accountId of muted) kinds.delete(accountId);
    await notify(run, eventId, post, kinds, { actorId: post.author_id });
  }

  /**
   * Posts' visibility changed (hidden, unhidden, deleted, or moved to another network with their
   * thread): notifications about them are withdrawn from those who may no longer read them, and come
   * back for those who may again.
   */
  async function recheck(run: Run, posts: readonly queries.NotifyingPost[]): Promise<void> {
    const rows = await queries.notificationsAboutPosts(run.tx, posts.map((post) => post.id));
    if (rows.length === 0) return;
    const postsById = new Map(posts.map((post) => [post.id, post]));
    const recipients = new Map((await queries.findRecipients(run.tx, [...new Set(rows.map((r) => r.account_id))])).map((r) => [r.viewer.id, r]));
    const withdraw: number[] = [];
    const restore: number[] = [];
    for (const row of rows) {
      const recipient = recipients.get(row.account_id);
      const readable = !!recipient && bodyIsReadable(postVisibility(recipient.viewer, facts(postsById.get(row.post_id!)!)));
      if (readable && row.withdrawn_at) restore.push(row.id);
      if (!readable && !row.withdrawn_at) withdraw.push(row.id);
      if (readable === !!row.withdrawn_at) run.changed.add(row.account_id);
    }
    await queries.setWithdrawn(run.tx, withdraw, true, run.now);
    await queries.setWithdrawn(run.tx, restore, false, run.now);
  }

  async function postHidden(run: Run, eventId: number, postId: number): Promise<void> {
    const [post] = await queries.findPostsForNotifying(run.tx, [postId]);
    if (!post) return;
    await recheck(run, [post]);
    // Unhidden again before we got here, or hidden by its own author (a convener): nothing to tell.
    if (!post.hidden_at || post.deleted_at || post.hidden_by_id === post.author_id) return;
    const kinds = new Map<number, NotificationKind>([[post.author_id, 'hidden']]);
    await notify(run, eventId, post, kinds, { actorId: post.hidden_by_id, reason: post.hidden_reason, rule: post.hidden_rule, note: post.hidden_note });
  }

  async function threadMoved(run: Run, eventId: number, threadId: number, networkId: number): Promise<void> {
    // The old network's conveners may no longer read the thread's hidden posts; the new network's may.
    await recheck(run, await queries.findPostsForNotifying(run.tx, await queries.notifiedHiddenPostIds(run.tx, threadId)));
    const thread = await queries.findMovedThread(run.tx, threadId);
    if (!thread || thread.moved_by_id === thread.author_id) return;
    const [opening] = await queries.findPostsForNotifying(run.tx, [thread.opening_id]);
    if (!opening) return;
    const kinds = new Map<number, NotificationKind>([[thread.author_id, 'moved']]);
    await notify(run, eventId, opening, kinds, { actorId: thread.moved_by_id, networkId, note: thread.moved_note });
  }

  async function handle(run: Run, event: EventRow): Promise<void> {
    const name = event.name as EventName;
    switch (name) {
      case 'thread.created': {
        const payload = parsePayload<DomainEvents['thread.created']>(event.payload);
        return postWritten(run, event.id, payload.postId, true);
      }
      case 'post.created': {
        const payload = parsePayload<DomainEvents['post.created']>(event.payload);
        return postWritten(run, event.id, payload.postId, false);
      }
      case 'post.hidden':
        return postHidden(run, event.id, parsePayload<DomainEvents['post.hidden']>(event.payload).postId);
      case 'post.unhidden':
      case 'post.deleted': {
        const [post] = await queries.findPostsForNotifying(run.tx, [parsePayload<{ postId: number }>(event.payload).postId]);
        if (post) await recheck(run, [post]);
        return;
      }
      case 'thread.moved': {
        const payload = parsePayload<DomainEvents['thread.moved']>(event.payload);
        return threadMoved(run, event.id, payload.threadId, payload.networkId);
      }
      default:
        return;
    }
  }

  /**
   * One transaction over up to `limit` events. Returns how many events it went past, or null when
   * another instance holds the consumer (it does the work).
   */
  async function step(limit: number, skipId: number | null): Promise<number | null> {
    const result = await db.transaction().execute(async (tx) => {
      const consumer = await sql<{ cursor: string | number }>`select cursor from event_consumers where name = ${CONSUMER} for update skip locked`.execute(tx);
      const row = consumer.rows[0];
      if (!row) return null;
      const from = Number(row.cursor);
      const events = await tx
        .selectFrom('events')
        .select(['id', 'name', 'payload'])
        .where('id', '>', from)
        .orderBy('id')
        .limit(limit)
        .execute();
      if (events.length === 0) return { handled: 0, cursor: from };
      attempting = Number(events[0]!.id);
      const run: Run = { tx, now: new Date(), changed: new Set() };
      for (const event of events) {
        const id = Number(event.id);
        if (id === skipId) {
          log.error({ eventId: id, event: event.name }, 'notifications: skipping an event that failed repeatedly');
          continue;
        }
        if (HANDLED.has(event.name)) await handle(run, { id, name: event.name, payload: event.payload });
      }
      await tx.updateTable('event_consumers').set({ cursor: Number(events.at(-1)!.id) }).where('name', '=', CONSUMER).execute();
      if (run.changed.size > 0) await recordEvent(tx, 'notifications.changed', { accountIds: [...run.changed].sort((a, b) => a - b) });
      return { handled: events.length, cursor: Number(events.at(-1)!.id) };
    });
    if (result === null) return null;
    // Committed: this instance knows the events up to here are handled (by whichever instance).
    known = Math.max(known, result.cursor);
    return result.handled;
  }

  /** Handles every event committed so far (unless another instance is at it). False: another one is, or the database is away. */
  async function drain(): Promise<boolean> {
    let limit = options.batchSize;
    for (;;) {
      let handled: number | null;
      attempting = null;
      try {
        handled = await step(limit, failing !== null && failing.times >= MAX_FAILURES ? failing.eventId : null);
        failing = null;
      } catch (error) {
        // The database is away (down, restarting, out of disk), or failed before any event was read:
        // nothing to blame on an event. Left unfinished, so the poll timer tries again; never counted
        // toward giving an event up.
        if (attempting === null || isDatabaseUnavailable(error)) {
          log.warn({ cause: String(error), eventId: attempting }, 'notifications: the database is unavailable; will retry');
          return false;
        }
        if (limit > 1) {
          // Find the one that fails: go one event at a time.
          limit = 1;
          continue;
        }
        failing = failing?.eventId === attempting ? { eventId: attempting, times: failing.times + 1 } : { eventId: attempting, times: 1 };
        log.warn({ err: error, eventId: attempting, times: failing.times }, 'notifications: handling an event failed; will retry');
        return true;
      }
      if (handled === null) return false;
      if (handled < limit) return true;
    }
  }

  // Runs one after another on this instance; a call made while a run is under way gets a run after it,
  // so the events that woke it are seen.
  let chain: Promise<unknown> = Promise.resolve();
  let queued: Promise<boolean> | null = null;

  /** Set when a run left work behind (it failed, or another instance held the consumer): the timer retries. */
  let unfinished = false;
  /** The newest event known to be handled, and the newest this instance was woken for. */
  let known = 0;
  let wanted = 0;
  let forced = true; // the first run catches up on whatever happened while no instance ran

  /**
   * Handles the events committed so far. Does nothing (not even a query) when this instance already
   * knows every event it was woken for is handled: a woken instance often finds its own work done.
   */
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
    /** Handles what is there (woken for the event at `cursor`, or unconditionally); false when another instance held the consumer. */
    run,

    /** Whether the last run left work behind (the poll timer then tries again). */
    get unfinished() {
      return unfinished;
    },

    /** Resolves once the run under way (if any) has finished. */
    idle: () => chain.then(() => undefined),

    /** Runs until this instance has handled everything committed before the call (tests; waits out other instances). */
    async runUntilCaughtUp(timeoutMs = 10_000): Promise<void> {
      const target = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await run(Number(target?.id ?? 0));
        if (known >= Number(target?.id ?? 0)) return;
        const consumer = await db.selectFrom('event_consumers').select('cursor').where('name', '=', CONSUMER).executeTakeFirst();
        known = Math.max(known, Number(consumer?.cursor ?? 0));
        if (known >= Number(target?.id ?? 0)) return;
        if (Date.now() > deadline) throw new Error('notifications worker did not catch up');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

export type NotificationsWorker = ReturnType<typeof notificationsWorker>;
