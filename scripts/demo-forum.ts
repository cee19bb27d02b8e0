// The demo forum (scripts/demo-content.ts) written into a database: made through the app's own services
// (accounts, networks, conveners, rules, threads and replies, each with its events) as if the forum had
// been used for the past weeks. The notifications those events mean are made by the notifications
// worker, then every row is moved back to the day it "happened": accounts about two months ago, so
// nobody is a newcomer bound by the newcomer limits, threads and replies spread over the past five
// weeks. The app has no way to backdate, so that last step writes the dates directly; nothing else
// (stored HTML, counts, the events' order) changes. Used by `npm run demo` (scripts/demo.ts) and its test.
import { sql, type Kysely } from 'kysely';
import { register } from '../src/accounts/accounts.service.js';
import { answerInvitation, createBusiness, inviteToStaff, setAdmin } from '../src/businesses/businesses.service.js';
import { eventConsumer } from '../src/core/consumer.js';
import { renderMarkdown } from '../src/core/markdown.js';
import type { Viewer } from '../src/core/viewer.js';
import type { DB } from '../src/db/schema.js';
import { appointConvener } from '../src/moderation/moderation.service.js';
import { replaceNetworkRules } from '../src/moderation/rules.service.js';
import { setDefaultNetwork } from '../src/networks/networks.queries.js';
import { createNetwork } from '../src/networks/networks.service.js';
import { CONSUMER, HANDLED_EVENTS, notificationsWorker } from '../src/notifications/notifications.worker.js';
import { proposeNetwork, setSupport } from '../src/proposals/proposals.service.js';
import { threadsService } from '../src/threads/threads.service.js';
import { addDemoAnswersAndOffers } from './demo-answers.js';
import { addDemoMeetings } from './demo-meetings.js';
import {
  DEMO_ACCOUNTS,
  DEMO_BUSINESSES,
  DEMO_CONVENERS,
  DEMO_DEFAULT_NETWORK,
  DEMO_NETWORKS,
  DEMO_PASSWORD,
  DEMO_PROFILES,
  DEMO_PROPOSALS,
  DEMO_RULES,
  DEMO_THREADS,
  type DemoReply,
  type DemoThread,
} from './demo-content.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A fixed sequence of "random" numbers in [0, 1), so every demo forum looks the same relative to its day. */
function randomSequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Interleaves the threads by network (each network's first thread, then each one's second, …), oldest first. */
function inTimeOrder(threads: DemoThread[]): DemoThread[] {
  const byNetwork = new Map<string, DemoThread[]>();
  for (const thread of threads) byNetwork.set(thread.network, [...(byNetwork.get(thread.network) ?? []), thread]);
  const ordered: DemoThread[] = [];
  for (let round = 0; ordered.length < threads.length; round += 1) {
    for (const list of byNetwork.values()) {
      const thread = list[round];
      if (thread) ordered.push(thread);
    }
  }
  return ordered;
}

/**
 * When each post was written: thread k of n starts in the daytime, five weeks ago for the first and
 * yesterday or today for the last; its posts follow one another (in the order written, so a reply
 * always comes after its parent) an hour to half a day apart, all before now.
 */
function schedule(random: () => number, now: number, threadCount: number, index: number, postCount: number): number[] {
  const dayStart = now - (35 - Math.round((index * 34) / Math.max(threadCount - 1, 1))) * DAY;
  const midnight = dayStart - (dayStart % DAY);
  const start = Math.min(midnight + (7 + Math.floor(random() * 10)) * HOUR + Math.floor(random() * 60) * MINUTE, now - 3 * HOUR);
  const gaps = Array.from({ length: postCount - 1 }, () => 40 * MINUTE + random() * 11 * HOUR);
  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  const room = Math.min(6 * DAY, now - 20 * MINUTE - start);
  const scale = total > room ? room / total : 1;
  const times = [start];
  for (const gap of gaps) times.push(times.at(-1)! + gap * scale);
  return times.map(Math.round);
}

/** Moves every row the demo wrote back to its day (see the top of this file). */
async function backdate(tx: Kysely<DB>, now: number, posts: Map<number, Date>): Promise<void> {
  const accountsFrom = now - 62 * DAY;
  const accounts = await tx.selectFrom('accounts').select('id').orderBy('id').execute();
  for (const [i, { id }] of accounts.entries()) {
    await tx
      .updateTable('accounts')
      .set({ created_at: new Date(accountsFrom + i * 2 * HOUR) })
      .where('id', '=', id)
      .execute();
  }
  const setUp = new Date(now - 60 * DAY);
  await tx.updateTable('networks').set({ created_at: setUp }).execute();
  await tx.updateTable('conveners').set({ created_at: setUp }).execute();
  await tx.updateTable('moderation_log').set({ created_at: setUp }).execute();
  await tx.updateTable('events').set({ created_at: setUp }).execute();
  await tx.updateTable('businesses').set({ created_at: setUp, updated_at: setUp }).execute();
  await tx.updateTable('profiles').set({ updated_at: setUp }).execute();
  // Staff keep the order they joined in: it decides the business a person is shown with.
  await sql`update business_staff set created_at = ${setUp}::timestamptz + (created_at - (select min(created_at) from business_staff))`.execute(tx);
  for (const [id, at] of posts) await tx.updateTable('posts').set({ created_at: at }).where('id', '=', id).execute();
  // What follows from the posts' dates: each thread's start and last activity, each network's last
  // activity, each event, watch and notification at the time of the post it is about.
  await sql`update threads t set created_at = p.created_at from posts p where p.thread_id = t.id and p.parent_id is null`.execute(tx);
  await sql`update threads t set last_activity_at = (select max(p.created_at) from posts p where p.thread_id = t.id)`.execute(tx);
  await sql`update networks n set last_activity_at = (select max(t.last_activity_at) from threads t where t.network_id = n.id)
            where exists (select 1 from threads t where t.network_id = n.id)`.execute(tx);
  await sql`update events e set created_at = p.created_at from posts p where p.id = (e.payload->>'postId')::int`.execute(tx);
  await sql`update thread_watches w set created_at = (select min(p.created_at) from posts p where p.thread_id = w.thread_id and p.author_id = w.account_id)
            where exists (select 1 from posts p where p.thread_id = w.thread_id and p.author_id = w.account_id)`.execute(tx);
  await sql`update notifications n set created_at = p.created_at from posts p where p.id = n.post_id`.execute(tx);
  // The proposals two days ago, those who would join and the administrator's notice with them.
  const proposed = new Date(now - 2 * DAY);
  await tx.updateTable('network_proposals').set({ created_at: proposed }).execute();
  await tx.updateTable('network_proposal_supporters').set({ created_at: proposed }).execute();
  await tx.updateTable('proposal_notices').set({ created_at: proposed }).execute();
  // What is older than three days has been read; the rest waits in the header's count.
  await sql`update notifications set read_at = created_at + interval '1 hour' where created_at < ${new Date(now - 3 * DAY)}`.execute(tx);
}

/**
 * Fills an empty, migrated database with the demo forum, dated up to `now`; resolves with how many
 * posts it wrote. The caller checks that the database is empty.
 */
export async function fillDemoForum(db: Kysely<DB>, now = Date.now()): Promise<{ posts: number }> {
  const random = randomSequence(2026);
  const viewers = new Map<string, Viewer>();
  for (const account of DEMO_ACCOUNTS) {
    const { account: created } = await register(db, { ...account, password: DEMO_PASSWORD }, { adminEmails: undefined });
    viewers.set(account.username, {
      id: created.id,
      username: created.username,
      displayName: created.display_name,
      role: created.role,
      locale: null,
      createdAt: created.created_at,
      convenes: [],
      emailConfirmed: true,
    });
  }
  const admin = viewers.get(DEMO_ACCOUNTS[0]!.username)!;
  const networks = new Map<string, { id: number }>();
  for (const network of DEMO_NETWORKS) {
    const created = await createNetwork(db, network);
    networks.set(network.slug, created);
    for (const username of DEMO_CONVENERS[network.slug] ?? []) await appointConvener(db, admin, created.id, username);
    const rules = DEMO_RULES[network.slug];
    if (rules) await replaceNetworkRules(db, admin, created.id, { title: rules.map((r) => r.title), body: rules.map((r) => r.body) });
  }
  await setDefaultNetwork(db, networks.get(DEMO_DEFAULT_NETWORK)!.id, true);

  // The businesses, each started by its first staff member, who invites the others; they accept.
  for (const business of DEMO_BUSINESSES) {
    const [founder, ...colleagues] = business.staff;
    const { name, place, website, description, networks: active } = business;
    const slug = await createBusiness(db, viewers.get(founder!.username)!, { name, place, website, description, networks: active, role: founder!.role });
    for (const colleague of colleagues) {
      await inviteToStaff(db, viewers.get(founder!.username)!, slug, { username: colleague.username, role: colleague.role });
      await answerInvitation(db, viewers.get(colleague.username)!, slug, true);
      if (colleague.admin) await setAdmin(db, viewers.get(founder!.username)!, slug, colleague.username, true);
    }
  }
  // What each person tells about themselves on their page.
  for (const [username, profile] of Object.entries(DEMO_PROFILES)) {
    await db
      .insertInto('profiles')
      .values({
        account_id: viewers.get(username)!.id,
        presentation: profile.presentation,
        presentation_html: renderMarkdown(profile.presentation),
        website: profile.website ?? null,
      })
      .execute();
  }

  const service = threadsService({ db, postingLimits: false });
  // The demo's people write Swedish: a reply too short to tell its language is taken as theirs.
  const DEMO_LANGUAGE = 'sv';
  const posts = new Map<number, Date>();
  const ordered = inTimeOrder(DEMO_THREADS);
  for (const [index, thread] of ordered.entries()) {
    const written: number[] = [];
    const addReplies = async (threadId: number, parentId: number, replies: DemoReply[] = []) => {
      for (const reply of replies) {
        const { post } = await service.reply(viewers.get(reply.by)!, threadId, { body: reply.body, parentId, language: DEMO_LANGUAGE });
        written.push(post.id);
        await addReplies(threadId, post.id, reply.replies);
      }
    };
    const { threadId, post } = await service.createThread(viewers.get(thread.by)!, networks.get(thread.network)!, { ...thread, language: DEMO_LANGUAGE });
    written.push(post.id);
    await addReplies(threadId, post.id, thread.replies);
    const times = schedule(random, now, ordered.length, index, written.length);
    written.forEach((id, i) => posts.set(id, new Date(times[i]!)));
  }

  // A meeting three weeks ago with its minutes, and two to come (src/meetings/).
  await addDemoMeetings(db, now, [...networks.keys()], viewers, posts);
  // Questions answered and thanked, two discussions, and two offers to colleagues (answers, offers).
  await addDemoAnswersAndOffers(db, now, viewers, posts);

  // A network proposed two days ago, waiting for the administrator, with colleagues who would join.
  for (const { by, supporters, ...proposal } of DEMO_PROPOSALS) {
    const id = await proposeNetwork(db, viewers.get(by)!, proposal);
    for (const username of supporters) await setSupport(db, viewers.get(username)!, id, true);
  }

  // The notifications these weeks would have brought (no email: they are in the past).
  const notifications = eventConsumer(db, {
    name: CONSUMER,
    events: HANDLED_EVENTS,
    handle: notificationsWorker({ fileInEmails: () => Promise.resolve(new Map()) }),
    log: { warn: (...args: unknown[]) => console.warn(...args), error: (...args: unknown[]) => console.error(...args) },
  });
  await notifications.runUntilCaughtUp(60_000);
  await db.transaction().execute((tx) => backdate(tx, now, posts));
  return { posts: posts.size };
}
