// Who is told what: turns domain events into notifications, filed into the emails that carry them. It runs
// as the `notifications` consumer of core/consumer.ts, so each event is handled once across instances,
// in the transaction that moves the consumer's cursor past it.
import type { Kysely } from 'kysely';
import type { ConsumedEvent, ConsumerOptions } from '../core/consumer.js';
import { recordEvent, type DomainEvents, type EventName } from '../core/events.js';
import type { DB, NotificationKind } from '../db/schema.js';
import { bodyIsReadable, postVisibility, visibilityFacts } from '../posts/visibility.js';
import * as queries from './notifications.queries.js';
import { groupKey } from './present.js';
import { WorkerRun, type FileInEmails } from './worker-run.js';

/** The consumer's row in event_consumers (inserted by migrations/2026-11-22T1600_following.ts). */
export const CONSUMER = 'notifications';

/** At most this many accounts are told about being mentioned in one post: the first mentioned. */
const MAX_NOTIFIED_MENTIONS = 10;

export interface NotificationsWorkerOptions {
  /**
   * Files the accounts' new notifications about the network into the emails that will carry them, in the
   * transaction; resolves with each account's email id (none for an account that gets no email).
   */
  fileInEmails: FileInEmails;
}

/** The events that may change someone's notifications. */
export const HANDLED_EVENTS = [
  'thread.created',
  'post.created',
  'post.hidden',
  'post.unhidden',
  'post.deleted',
  'post.restored',
  'thread.moved',
  'meeting.notify',
  'answer.changed',
  'post.thanked',
] as const satisfies readonly EventName[];

const sorted = (ids: ReadonlySet<number>) => [...ids].sort((a, b) => a - b);

/** Notifications outrank each other: one per account and event, the strongest reason wins. */
const RANK: Record<NotificationKind, number> = {
  thread: 1,
  post: 1,
  watched: 2,
  reply: 3,
  mention: 4,
  hidden: 5,
  moved: 5,
  'meeting-changed': 5,
  'meeting-cancelled': 5,
  'meeting-reminder': 5,
  'waitlist-promoted': 5,
  minutes: 5,
  accepted: 5,
  thanked: 5,
};

/** The consumer's handler: what each event means for whom. */
export function notificationsWorker(options: NotificationsWorkerOptions): ConsumerOptions['handle'] {
  /** Queues the notifications for those accounts who may read the post, to be filed into emails and written with the run's others. */
  async function notify(
    run: WorkerRun,
    eventId: number,
    post: queries.NotifyingPost,
    kinds: Map<number, NotificationKind>,
    extra: { actorId: number | null; networkId?: number; reason?: string | null; rule?: number | null; note?: string | null } = { actorId: null },
  ): Promise<void> {
    if (kinds.size === 0) return;
    // Where the notification is filed (its group, its email); who may read the post is decided by the
    // network the thread is in now, which a later move may already have changed.
    const networkId = extra.networkId ?? post.network_id;
    const readers = (await run.viewers([...kinds.keys()])).filter((reader) => bodyIsReadable(postVisibility(reader, visibilityFacts(post))));
    run.queue(
      networkId,
      readers.map((reader) => {
        const kind = kinds.get(reader.id)!;
        return {
          account_id: reader.id,
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
        };
      }),
    );
  }

  /** A new thread or reply: followers, watchers, the parent's author, the mentioned; never its author, never who muted. */
  async function postWritten(run: WorkerRun, eventId: number, postId: number, opensThread: boolean): Promise<void> {
    const post = run.written(postId);
    if (!post) return;
    // You watch threads you start or reply to.
    if (run.startWatching(post.author_id, post.thread_id)) run.watching.add(post.author_id);
    const { followers, watchers, muted } = run.audienceOf(post.thread_id);
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
    for (const accountId of run.mentionedIn(post.id).slice(0, MAX_NOTIFIED_MENTIONS)) offer(accountId, 'mention');
    kinds.delete(post.author_id);
    for (const accountId of muted) kinds.delete(accountId);
    await notify(run, eventId, post, kinds, { actorId: post.author_id });
  }

  /**
   * Posts' visibility changed (hidden, unhidden, deleted, or moved to another network with their
   * thread): notifications about them are withdrawn from those who may no longer read them, and come
   * back for those who may again.
   */
  async function recheck(run: WorkerRun, posts: readonly queries.NotifyingPost[]): Promise<void> {
    const rows = await queries.notificationsAboutPosts(
      run.tx,
      posts.map((post) => post.id),
    );
    if (rows.length === 0) return;
    const postsById = new Map(posts.map((post) => [post.id, post]));
    const readers = new Map((await run.viewers([...new Set(rows.map((r) => r.account_id))])).map((reader) => [reader.id, reader]));
    const withdraw: number[] = [];
    const restore: number[] = [];
    for (const row of rows) {
      const reader = readers.get(row.account_id);
      const readable = !!reader && bodyIsReadable(postVisibility(reader, visibilityFacts(postsById.get(row.post_id!)!)));
      if (readable && row.withdrawn_at) restore.push(row.id);
      if (!readable && !row.withdrawn_at) withdraw.push(row.id);
      if (readable === !!row.withdrawn_at) run.changed.add(row.account_id);
    }
    await queries.setWithdrawn(run.tx, withdraw, true, run.now);
    await queries.setWithdrawn(run.tx, restore, false, run.now);
  }

  async function postHidden(run: WorkerRun, eventId: number, postId: number): Promise<void> {
    const [post] = await queries.findPostsForNotifying(run.tx, [postId]);
    if (!post) return;
    await recheck(run, [post]);
    // Unhidden again before we got here, or hidden by its own author (a convener): nothing to tell.
    if (!post.hidden_at || post.deleted_at || post.hidden_by_id === post.author_id) return;
    const kinds = new Map<number, NotificationKind>([[post.author_id, 'hidden']]);
    await notify(run, eventId, post, kinds, { actorId: post.hidden_by_id, reason: post.hidden_reason, rule: post.hidden_rule, note: post.hidden_note });
  }

  async function threadMoved(run: WorkerRun, eventId: number, threadId: number, networkId: number): Promise<void> {
    // The old network's conveners may no longer read the thread's hidden posts; the new network's may.
    await recheck(run, await queries.findPostsForNotifying(run.tx, await queries.notifiedHiddenPostIds(run.tx, threadId)));
    const thread = await queries.findMovedThread(run.tx, threadId);
    if (!thread || thread.moved_by_id === thread.author_id) return;
    const [opening] = await queries.findPostsForNotifying(run.tx, [thread.opening_id]);
    if (!opening) return;
    const kinds = new Map<number, NotificationKind>([[thread.author_id, 'moved']]);
    await notify(run, eventId, opening, kinds, { actorId: thread.moved_by_id, networkId, note: thread.moved_note });
  }

  /** Meetings name whom to tell (src/meetings/): those who answered, who wait, who follow the thread. */
  async function meetingNotice(run: WorkerRun, eventId: number, payload: DomainEvents['meeting.notify']): Promise<void> {
    const [post] = await queries.findPostsForNotifying(run.tx, [payload.postId]);
    if (!post) return;
    const kinds = new Map<number, NotificationKind>(payload.accountIds.map((accountId) => [accountId, payload.kind]));
    if (payload.actorId !== null) kinds.delete(payload.actorId);
    await notify(run, eventId, post, kinds, { actorId: payload.actorId, networkId: payload.networkId });
  }

  /**
   * A reply marked as its question's answer: its author is told (not when they marked it themselves).
   * Unmarked, or another marked instead: the notification about the earlier answer is taken back.
   */
  async function answerChanged(run: WorkerRun, eventId: number, payload: DomainEvents['answer.changed']): Promise<void> {
    if (payload.previousPostId !== null) {
      for (const accountId of await queries.deleteNotificationsAbout(run.tx, 'accepted', payload.previousPostId)) run.changed.add(accountId);
    }
    if (payload.postId === null) return;
    const [post] = await queries.findPostsForNotifying(run.tx, [payload.postId]);
    if (!post || post.author_id === payload.actorId) return;
    await notify(run, eventId, post, new Map([[post.author_id, 'accepted']]), { actorId: payload.actorId });
  }

  /** Thanks: the post's author is told, grouped per post ("Anna and 3 others"); thanks taken back take their notification back. */
  async function postThanked(run: WorkerRun, eventId: number, payload: DomainEvents['post.thanked']): Promise<void> {
    for (const accountId of await queries.deleteNotificationsAbout(run.tx, 'thanked', payload.postId, payload.accountId)) run.changed.add(accountId);
    if (!payload.thanked) return;
    const [post] = await queries.findPostsForNotifying(run.tx, [payload.postId]);
    if (!post || post.author_id === payload.accountId) return;
    await notify(run, eventId, post, new Map([[post.author_id, 'thanked']]), { actorId: payload.accountId });
  }

  async function handleEvent(run: WorkerRun, event: ConsumedEvent): Promise<void> {
    switch (event.name) {
      case 'thread.created':
        return postWritten(run, event.id, event.payload.postId, true);
      case 'post.created':
        return postWritten(run, event.id, event.payload.postId, false);
      case 'post.hidden':
        return postHidden(run, event.id, event.payload.postId);
      case 'post.unhidden':
      case 'post.deleted':
      case 'post.restored': {
        const [post] = await queries.findPostsForNotifying(run.tx, [event.payload.postId]);
        if (post) await recheck(run, [post]);
        return;
      }
      case 'thread.moved':
        return threadMoved(run, event.id, event.payload.threadId, event.payload.networkId);
      case 'meeting.notify':
        return meetingNotice(run, event.id, event.payload);
      case 'answer.changed':
        return answerChanged(run, event.id, event.payload);
      case 'post.thanked':
        return postThanked(run, event.id, event.payload);
      default:
        return;
    }
  }

  const writesPost = (event: ConsumedEvent): event is Extract<ConsumedEvent, { name: 'thread.created' | 'post.created' }> =>
    event.name === 'thread.created' || event.name === 'post.created';

  // A batch of events in the consumer's transaction; then who has new or changed notifications is told.
  return async (tx: Kysely<DB>, events: readonly ConsumedEvent[]): Promise<void> => {
    const run = new WorkerRun(tx, options.fileInEmails);
    await run.readWritten(events.filter(writesPost).map((event) => event.payload.postId));
    for (const event of events) {
      // The other events read notifications back (to withdraw or take them back): the queued ones first.
      if (!writesPost(event)) await run.flush();
      await handleEvent(run, event);
    }
    await run.flush();
    // Recorded last: the first event a transaction records holds the events' lock until it commits.
    if (run.changed.size > 0) await recordEvent(tx, 'notifications.changed', { accountIds: sorted(run.changed) });
    if (run.watching.size > 0) await recordEvent(tx, 'watches.changed', { accountIds: sorted(run.watching) });
  };
}
