// One run of the notifications worker: a batch of events in one transaction. Under a burst of replies a
// run handles tens of events, mostly new posts in a few threads; handled one event at a time, each cost
// six or seven statements. So a run reads what a batch's new posts need in one statement each (the
// posts, whom they mention, their threads' audiences, the watches their authors start), each reader
// once, and writes the notifications together. What it keeps is what the events before would have
// left: a thread's audience gains who started watching it at their post, as if it had been read again.
import type { Kysely } from 'kysely';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { findViewers } from '../accounts/public.js';
import { audiencesOf, watchUnlessSet, type Audience } from '../following/public.js';
import * as queries from './notifications.queries.js';

/** Files accounts' new notifications about a network into the emails that will carry them (email.plugin.ts). */
export type FileInEmails = (tx: Kysely<DB>, accountIds: readonly number[], networkId: number, now: Date) => Promise<Map<number, number>>;

export class WorkerRun {
  readonly now = new Date();
  /** Accounts whose notifications changed, and who now watch a thread they wrote in. */
  readonly changed = new Set<number>();
  readonly watching = new Set<number>();
  readonly #written = new Map<number, queries.NotifyingPost>();
  readonly #mentions = new Map<number, number[]>();
  readonly #audiences = new Map<number, Audience>();
  /** Who started watching a thread in this run (`account:thread`) and is not yet in its audience. */
  #watchesStarted = new Set<string>();
  readonly #viewers = new Map<number, Viewer>();
  /** Notifications not yet written, each with the network whose emails carry it. */
  #queued: Array<{ networkId: number; row: Omit<queries.NewNotification, 'email_id'> }> = [];

  constructor(
    readonly tx: Kysely<DB>,
    private readonly fileInEmails: FileInEmails,
  ) {}

  /**
   * Reads the batch's new posts, whom they mention and their threads' audiences, and makes their authors
   * watch those threads: four statements for the whole batch. The audiences are read before the watches
   * are written, and each author joins their thread's watchers at their own post (`startWatching`).
   */
  async readWritten(postIds: readonly number[]): Promise<void> {
    if (postIds.length === 0) return;
    const posts = await queries.findPostsForNotifying(this.tx, postIds);
    for (const post of posts) this.#written.set(post.id, post);
    for (const { post_id, account_id } of await queries.findPostMentions(this.tx, postIds)) {
      const list = this.#mentions.get(post_id) ?? [];
      list.push(account_id);
      this.#mentions.set(post_id, list);
    }
    const threads = new Map(posts.map((post) => [post.thread_id, { networkId: post.network_id, threadId: post.thread_id }]));
    for (const [threadId, audience] of await audiencesOf(this.tx, [...threads.values()])) this.#audiences.set(threadId, audience);
    const authors = new Map(posts.map((post) => [`${post.author_id}:${post.thread_id}`, { accountId: post.author_id, threadId: post.thread_id }]));
    this.#watchesStarted = await watchUnlessSet(this.tx, [...authors.values()]);
  }

  /** A new post read by `readWritten`; undefined when it is gone. */
  written(postId: number): queries.NotifyingPost | undefined {
    return this.#written.get(postId);
  }

  /** Whom the post mentions, in order of first mention. */
  mentionedIn(postId: number): readonly number[] {
    return this.#mentions.get(postId) ?? [];
  }

  /** The author now watches the thread, if they started to in this run: true the first time. */
  startWatching(accountId: number, threadId: number): boolean {
    const key = `${accountId}:${threadId}`;
    if (!this.#watchesStarted.delete(key)) return false;
    this.#audiences.get(threadId)?.watchers.add(accountId);
    return true;
  }

  /** The audience of a new post's thread, as the posts before it in this run left it. */
  audienceOf(threadId: number): Audience {
    return this.#audiences.get(threadId)!;
  }

  /** The accounts as viewers (deleted ones left out), each read once a run. */
  async viewers(accountIds: readonly number[]): Promise<Viewer[]> {
    const unread = accountIds.filter((id) => !this.#viewers.has(id));
    for (const viewer of await findViewers(this.tx, unread)) this.#viewers.set(viewer.id, viewer);
    return accountIds.flatMap((id) => this.#viewers.get(id) ?? []);
  }

  /** Notifications to write with the others at `flush`; the network's emails will carry them. */
  queue(networkId: number, rows: ReadonlyArray<Omit<queries.NewNotification, 'email_id'>>): void {
    for (const row of rows) {
      this.#queued.push({ networkId, row });
      this.changed.add(row.account_id);
    }
  }

  /** Writes what was queued, filed into emails network by network: before anything reads notifications back. */
  async flush(): Promise<void> {
    const queued = this.#queued;
    if (queued.length === 0) return;
    this.#queued = [];
    const byNetwork = new Map<number, number[]>();
    for (const { networkId, row } of queued) {
      const accountIds = byNetwork.get(networkId) ?? [];
      accountIds.push(row.account_id);
      byNetwork.set(networkId, accountIds);
    }
    const emailIds = new Map<string, number>();
    for (const [networkId, accountIds] of byNetwork) {
      for (const [accountId, emailId] of await this.fileInEmails(this.tx, [...new Set(accountIds)], networkId, this.now)) {
        emailIds.set(`${networkId}:${accountId}`, emailId);
      }
    }
    await queries.insertNotifications(
      this.tx,
      queued.map(({ networkId, row }) => ({ ...row, email_id: emailIds.get(`${networkId}:${row.account_id}`) ?? null })),
    );
  }
}
