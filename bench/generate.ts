// The benchmark's forum: 20 networks, 5,000 accounts, 20,000 threads and 1,000,000 posts at scale 1,
// written with bulk SQL into a freshly migrated database.
//
// Alone:   npx tsx bench/generate.ts [--scale 0.1] [--drop] [--pglite] [--load-with-search-index]
//          makes a fresh database (PostgreSQL when DATABASE_URL is set, else PGlite in a temp dir),
//          fills it and prints how to start the forum on it.
// From run.ts: generate(db, { scale }) on a database it has made and migrated.
//
// Shape: thread sizes follow a long tail (median about ten replies, a few thousand at most); each
// reply answers the opening post or one of the replies just before it, so trees branch and chains
// run deep. Two threads have a fixed shape, so their pages compare like with like: one with exactly
// 100 replies (50 top-level replies, each with its subtree: one full thread page) and one with
// 10,000 replies, which is that same page a hundred times over. Posts are numbered in the order
// they were written across the whole forum, so a thread's posts lie scattered through the table
// as they would after years of use.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { hashPassword } from '../src/accounts/passwords.js';
import { usernameKey } from '../src/accounts/usernames.js';
import { renderMarkdown } from '../src/core/markdown.js';
import type { DB } from '../src/db/schema.js';
import { slugify } from '../src/threads/slug.js';
import { detectPostLanguage, type PostLanguage } from '../src/search/language.js';
import { BENCH_LANGUAGES, NETWORK_THEMES, POSTSCRIPTS, bodyPool, person, pick, postscript, seededRandom, threadTitle, type Random } from './content.js';
import { Progress } from './progress.js';
import { chooseSearchTerms, type SearchCorpus, type SearchTerms } from './search-terms.js';

export interface GenerateOptions {
  /** 1 is the full forum; 0.01 a CI-sized one. */
  scale: number;
  seed?: number;
  /** Distinct post bodies (each rendered once). */
  bodies?: number;
  quiet?: boolean;
  /**
   * Keep the posts' full-text index while loading them instead of building it once after (default
   * false): only to measure what the index costs a bulk load.
   */
  loadWithSearchIndex?: boolean;
}

export interface Manifest {
  scale: number;
  counts: { networks: number; accounts: number; threads: number; posts: number; bodies: number };
  /** The network with the most threads: its board is the one measured. */
  board: { networkId: number; slug: string; threads: number };
  /** The thread with exactly 100 replies (one thread page). */
  thread100: { id: number; replies: number; pages: number };
  /** The thread with 10,000 replies at scale 1 (500 at least): the same page, many times over. */
  threadLarge: { id: number; replies: number; pages: number };
  /** An ordinary small thread the posting scenario replies to. */
  /** Threads replied to by the posting scenario, one per writer: few replies, not locked, none of the measured ones. */
  postThreads: Array<{ id: number }>;
  /** Posts and threads per language, as detected (search/language.ts), and how often it named the language a body was written in. */
  languages: { posts: Record<PostLanguage, number>; threads: Record<PostLanguage, number>; bodiesDetectedAsWritten: number };
  /** What the search scenarios ask for (search-terms.ts). */
  search: SearchTerms;
  /** Seconds spent writing the posts, and building their full-text index after (0 when it was kept during the load). */
  postSeconds: number;
  searchIndexSeconds: number;
  seconds: number;
}

/** Replies per block of the fixed-shape threads: 50 top-level replies, 50 below them. */
const BLOCK_TOP_LEVEL = 50;
/** Replies under each of ten consecutive top-level replies; 6 is a chain that runs to depth 7. */
const BLOCK_NESTING = [0, 0, 1, 2, 0, 1, 0, 6, 0, 0];
const BLOCK_REPLIES = BLOCK_TOP_LEVEL * 2;
/** Writers in the posting scenario, each replying in a thread of its own (issue 19: ten writers on different threads). */
export const POST_THREADS = 10;
const DAY = 86_400_000;
const LANGUAGE_ARRAY: readonly PostLanguage[] = ['sv', 'da', 'en'];

export function countsFor(scale: number) {
  const networks = Math.max(2, Math.round(20 * scale));
  const accounts = Math.max(20, Math.round(5_000 * scale));
  const threads = Math.max(10, Math.round(20_000 * scale));
  const largeReplies = Math.max(5, Math.round(Math.max(500, 10_000 * scale) / BLOCK_REPLIES)) * BLOCK_REPLIES;
  const posts = Math.max(threads + BLOCK_REPLIES + largeReplies, Math.round(1_000_000 * scale));
  return { networks, accounts, threads, posts, largeReplies };
}

/** Integer arrays as a PostgreSQL array literal, sent as one parameter (0 in `nullWhen` → NULL). */
function arrayLiteral(values: ArrayLike<number>, from: number, to: number, nullWhenZero = false): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) {
    const value = values[i]!;
    parts[i - from] = nullWhenZero && value === 0 ? 'NULL' : String(value);
  }
  return `{${parts.join(',')}}`;
}

/** Strings (null → NULL) as a PostgreSQL array literal, sent as one parameter. */
function textArrayLiteral(values: ReadonlyArray<string | null>, from: number, to: number): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) {
    const value = values[i];
    parts[i - from] = value === null || value === undefined ? 'NULL' : `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return `{${parts.join(',')}}`;
}

/** Reply counts for `threads` ordinary threads adding up to `total`: most small, a long tail. */
function replyCounts(random: Random, threads: number, total: number, cap: number): Int32Array {
  const counts = new Int32Array(threads);
  if (threads === 0 || total <= 0) return counts;
  // Lomax (Pareto II) weights, alpha 1.3: median about a fifth of the mean, a tail of thousands.
  const weights = Array.from({ length: threads }, () => Math.pow(1 - random(), -1 / 1.3) - 1);
  let remaining = total;
  let open = weights.map((_, i) => i);
  // Hand out proportionally, capping the biggest and sharing their excess until it is all placed.
  while (remaining > 0 && open.length > 0) {
    const sum = open.reduce((s, i) => s + weights[i]!, 0);
    let placed = 0;
    for (const i of open) {
      const share = Math.min(cap - counts[i]!, Math.floor((weights[i]! / sum) * remaining));
      counts[i] = counts[i]! + share;
      placed += share;
    }
    remaining -= placed;
    open = open.filter((i) => counts[i]! < cap);
    if (placed === 0) {
      // Rounding leftovers: one each to random open threads.
      for (; remaining > 0 && open.length > 0; remaining--) {
        const i = open[Math.floor(random() * open.length)]!;
        counts[i] = counts[i]! + 1;
        if (counts[i] === cap) open = open.filter((j) => j !== i);
      }
    }
  }
  return counts;
}

/** A multi-row insert that sets the identity column too (ids are planned here, not by the database). */
async function insertRows(db: Kysely<DB>, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  const columns = Object.keys(rows[0]!);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) overriding system value
    values ${sql.join(rows.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`))}`.execute(db);
}

interface PostPlan {
  /** Per post, indexed in the order generated (thread by thread); `order` maps to the order written. */
  thread: Int32Array;
  parent: Int32Array; // index of the parent post, -1 for an opening post
  root: Int32Array; // index of the top-level ancestor, -1 for openings and top-level replies
  depth: Int32Array;
  topLevelNumber: Int32Array; // 0 for none
  author: Int32Array;
  body: Int32Array;
  postscript: Int32Array; // 1 + the postscript's number (content.ts), 0 for none
  time: Float64Array;
  flags: Uint8Array; // 1 edited, 2 deleted by its author, 4 deleted by the admin, 8 hidden by members' flags (spam)
  count: number;
}

function newPlan(size: number): PostPlan {
  return {
    thread: new Int32Array(size),
    parent: new Int32Array(size),
    root: new Int32Array(size),
    depth: new Int32Array(size),
    topLevelNumber: new Int32Array(size),
    author: new Int32Array(size),
    body: new Int32Array(size),
    postscript: new Int32Array(size),
    time: new Float64Array(size),
    flags: new Uint8Array(size),
    count: 0,
  };
}

function addPost(
  plan: PostPlan,
  post: { thread: number; parent: number; author: number; body: number; time: number; flags?: number; postscript?: number },
  topLevelNumber: number,
): number {
  const i = plan.count++;
  plan.thread[i] = post.thread;
  plan.parent[i] = post.parent;
  const parentDepth = post.parent < 0 ? -1 : plan.depth[post.parent]!;
  plan.depth[i] = parentDepth + 1;
  plan.root[i] = parentDepth < 1 ? -1 : parentDepth === 1 ? post.parent : plan.root[post.parent]!;
  plan.topLevelNumber[i] = parentDepth === 0 ? topLevelNumber : 0;
  plan.author[i] = post.author;
  plan.body[i] = post.body;
  plan.postscript[i] = post.postscript ?? 0;
  plan.time[i] = Math.round(post.time);
  plan.flags[i] = post.flags ?? 0;
  return i;
}

export async function generate(db: Kysely<DB>, options: GenerateOptions): Promise<Manifest> {
  const started = performance.now();
  const random = seededRandom(options.seed ?? 20261123);
  const counts = countsFor(options.scale);
  const log = (line: string) => options.quiet || process.stderr.write(`${line}\n`);
  const now = Date.now();

  // ---- Bodies: a pool rendered once each ---------------------------------------------------
  const bodyCount = options.bodies ?? 400;
  const pool = bodyPool(random, bodyCount);
  const bodies = pool.map((body) => body.markdown);
  const bodyProgress = options.quiet ? undefined : new Progress('render', bodyCount);
  const htmls = bodies.map((body) => {
    const html = renderMarkdown(body);
    bodyProgress?.tick();
    return html;
  });
  bodyProgress?.finish();
  // Each body's language as the forum would store it for a reply (every body is 100+ characters, so
  // the fallback hardly counts); the bodies of each language, for threads that keep to one.
  const bodyLanguages = bodies.map((body) => detectPostLanguage(body, 'sv'));
  const bodiesDetectedAsWritten = pool.filter((body, i) => body.writtenIn === bodyLanguages[i]).length / bodyCount;
  const bodiesIn = Object.fromEntries(
    BENCH_LANGUAGES.map((language) => [language, bodyLanguages.flatMap((detected, i) => (detected === language ? [i] : []))]),
  ) as Record<PostLanguage, number[]>;
  /** One post in twenty names a business, a village and an event few others do (content.ts). */
  const pickPostscript = () => (random() < 0.05 ? 1 + Math.floor(random() * POSTSCRIPTS) : 0);
  /** A thread's post: nine in ten in the thread's language, the rest in any. */
  const pickBody = (language: PostLanguage) =>
    random() < 0.9 && bodiesIn[language].length > 0 ? pick(random, bodiesIn[language]) : Math.floor(random() * bodyCount);

  // ---- Networks ------------------------------------------------------------------------------
  const REGIONS = ['Norrkusten', 'Söderkusten', 'Västkusten', 'Ostkusten', 'Inlandet', 'Fjällen', 'Öarna', 'Sjöarna'];
  const networks = Array.from({ length: counts.networks }, (_, i) => {
    const [theme, description] = NETWORK_THEMES[i % NETWORK_THEMES.length]!;
    const region = REGIONS[Math.floor(i / NETWORK_THEMES.length) % REGIONS.length]!;
    const round = Math.floor(i / (NETWORK_THEMES.length * REGIONS.length));
    const name = `${theme}, ${region}${round ? ` ${round + 1}` : ''}`;
    return { id: i + 1, name, slug: slugify(name).slice(0, 40).replace(/-+$/, ''), description: `${description}\n\nFör företag i ${region}.` };
  });
  // Zipf-like: the first network is the busiest (a third of all threads at 20 networks).
  const networkWeights = networks.map((_, i) => 1 / Math.pow(i + 1, 1.1));
  const weightSum = networkWeights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  const networkCumulative = networkWeights.map((w) => (cumulative += w / weightSum));
  const pickNetwork = () => {
    const r = random();
    const index = networkCumulative.findIndex((c) => r < c);
    return (index < 0 ? networks.length - 1 : index) + 1;
  };

  // ---- Threads and their reply trees -------------------------------------------------------
  const threadCount = counts.threads;
  const largeIndex = Math.floor(threadCount * 0.3);
  const hundredIndex = Math.floor(threadCount * 0.8);
  const special = new Set([largeIndex, hundredIndex]);
  const ordinaryReplies = counts.posts - threadCount - BLOCK_REPLIES - counts.largeReplies;
  const ordinaryCounts = replyCounts(random, threadCount - 2, Math.max(0, ordinaryReplies), Math.max(1, Math.floor(counts.largeReplies / 3)));
  const starts = Array.from({ length: threadCount }, () => Math.round(now - 2 * 365 * DAY * random() - 3_600_000));
  starts[largeIndex] = now - 365 * DAY;
  starts[hundredIndex] = now - 10 * DAY;
  starts.sort((a, b) => a - b);
  const threads = Array.from({ length: threadCount }, (_, i) => {
    const writtenIn = pick(random, BENCH_LANGUAGES);
    return {
      id: i + 1,
      networkId: special.has(i) ? 1 : pickNetwork(),
      authorId: 1 + Math.floor(random() * counts.accounts),
      writtenIn,
      title: threadTitle(random, i + 1, writtenIn),
      /** The opening post's and so the title's (set below, from both). */
      lang: writtenIn,
      createdAt: starts[i]!,
      pinned: false,
      locked: !special.has(i) && random() < 0.01,
      replies: 0,
      topLevel: 0,
      lastPosterId: 0,
      lastActivityAt: starts[i]!,
    };
  });
  // Two pinned threads on each board: its oldest.
  const pinnedPerNetwork = new Map<number, number>();
  for (const thread of threads) {
    const pinned = pinnedPerNetwork.get(thread.networkId) ?? 0;
    if (pinned < 2 && !special.has(thread.id - 1)) {
      thread.pinned = true;
      pinnedPerNetwork.set(thread.networkId, pinned + 1);
    }
  }

  /** An account's language (accounts get sv, en, da and none in turn below; none reads as Swedish). */
  const localeOf = (accountId: number): PostLanguage => (['sv', 'en', 'da', 'sv'] as const)[(accountId - 1) % 4]!;

  const plan = newPlan(counts.posts);
  const planProgress = options.quiet ? undefined : new Progress('plan', threadCount);
  let ordinary = 0;
  for (let t = 0; t < threadCount; t++) {
    const thread = threads[t]!;
    const opening = addPost(
      plan,
      { thread: thread.id, parent: -1, author: thread.authorId, body: pickBody(thread.writtenIn), time: thread.createdAt, postscript: pickPostscript() },
      0,
    );
    let lastTime = thread.createdAt;
    let lastAuthor = thread.authorId;
    let topLevel = 0;
    if (special.has(t)) {
      // The fixed shape, block by block; post k of each block always has body k and the same author.
      const blocks = (t === largeIndex ? counts.largeReplies : BLOCK_REPLIES) / BLOCK_REPLIES;
      const span = t === largeIndex ? now - DAY - thread.createdAt : 9 * DAY;
      const step = span / (blocks * BLOCK_TOP_LEVEL + 1);
      plan.body[opening] = 0;
      plan.postscript[opening] = 0;
      // Post k of every block has body k, the same author and the same flags: every page alike.
      const blockPost = (parent: number, position: number, time: number) =>
        addPost(
          plan,
          {
            thread: thread.id,
            parent,
            author: 1 + ((position * 37) % counts.accounts),
            body: 1 + position,
            time,
            flags: position === 17 ? 2 : position === 23 ? 1 : position === 31 ? 8 : 0,
          },
          parent === opening ? ++topLevel : 0,
        );
      const pending: Array<{ parent: number; position: number; time: number }> = [];
      for (let b = 0; b < blocks; b++) {
        let position = 0;
        for (let k = 0; k < BLOCK_TOP_LEVEL; k++) {
          const time = thread.createdAt + step * (b * BLOCK_TOP_LEVEL + k + 1);
          // Replies to earlier top-level replies come between the later ones, in the order written.
          pending.sort((x, y) => x.time - y.time);
          while (pending.length && pending[0]!.time < time) {
            const next = pending.shift()!;
            blockPost(next.parent, next.position, next.time);
          }
          const top = blockPost(opening, position++, time);
          const nested = BLOCK_NESTING[k % BLOCK_NESTING.length]!;
          if (nested >= 3) {
            // A chain, each answering the one before, written at once (deeper than pages nest).
            let parent = top;
            for (let n = 0; n < nested; n++) parent = blockPost(parent, position++, time + (step * (n + 1)) / (nested + 2));
          } else {
            for (let n = 0; n < nested; n++) pending.push({ parent: top, position: position++, time: time + step * (1.5 + n) });
          }
        }
        for (const next of pending.sort((x, y) => x.time - y.time)) blockPost(next.parent, next.position, next.time);
        pending.length = 0;
      }
      thread.replies = blocks * BLOCK_REPLIES;
    } else {
      const replies = ordinaryCounts[ordinary++]!;
      const lifetime = Math.min(now - thread.createdAt, DAY * (0.5 + 20 * random() * random()) * (1 + Math.log1p(replies)));
      const times = Array.from({ length: replies }, () => thread.createdAt + 1000 + random() * lifetime).sort((a, b) => a - b);
      const first = plan.count;
      for (let r = 0; r < replies; r++) {
        let parent = opening;
        if (r > 0 && random() >= 0.55) {
          // Answers a recent reply: conversations run on in the branch they are in.
          const back = Math.min(r - 1, Math.floor(-Math.log(1 - random()) * 3));
          parent = first + r - 1 - back;
          if (plan.depth[parent]! >= 14) parent = opening;
        }
        const roll = random();
        const flags = roll < 0.005 ? 2 : roll < 0.01 ? 4 : roll < 0.012 ? 8 : roll < 0.04 ? 1 : 0;
        const author = 1 + Math.floor(random() * counts.accounts);
        addPost(
          plan,
          { thread: thread.id, parent, author, body: pickBody(thread.writtenIn), time: times[r]!, flags, postscript: pickPostscript() },
          parent === opening ? ++topLevel : 0,
        );
        lastTime = times[r]!;
        lastAuthor = author;
      }
      thread.replies = replies;
    }
    if (special.has(t)) {
      let last = opening;
      for (let i = opening; i < plan.count; i++) if (plan.time[i]! >= plan.time[last]!) last = i;
      lastTime = plan.time[last]!;
      lastAuthor = plan.author[last]!;
    }
    // As the forum labels a new thread: its title and opening post read together, else the author's language.
    thread.lang = detectPostLanguage(`${thread.title}\n\n${bodies[plan.body[opening]!]!}`, localeOf(thread.authorId));
    thread.topLevel = topLevel;
    thread.lastPosterId = lastAuthor;
    thread.lastActivityAt = Math.round(lastTime);
    planProgress?.tick();
  }
  planProgress?.finish();
  if (plan.count !== counts.posts) throw new Error(`planned ${plan.count} posts, expected ${counts.posts}`);

  // Ids in the order written, across the whole forum (ties keep the order generated).
  const total = plan.count;
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => plan.time[a]! - plan.time[b]! || a - b);
  const idOf = new Int32Array(total);
  for (let rank = 0; rank < total; rank++) idOf[order[rank]!] = rank + 1;

  // ---- Write ---------------------------------------------------------------------------------
  const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
  const networkStats = new Map<number, { threads: number; lastActivity: number }>();
  for (const thread of threads) {
    const stats = networkStats.get(thread.networkId) ?? { threads: 0, lastActivity: 0 };
    stats.threads += 1;
    stats.lastActivity = Math.max(stats.lastActivity, thread.lastActivityAt);
    networkStats.set(thread.networkId, stats);
  }
  await insertRows(
    db,
    'networks',
    networks.map((n) => ({
      id: n.id,
      slug: n.slug,
      name: n.name,
      description: n.description,
      description_html: renderMarkdown(n.description),
      thread_count: networkStats.get(n.id)?.threads ?? 0,
      last_activity_at: networkStats.get(n.id) ? new Date(networkStats.get(n.id)!.lastActivity) : null,
      created_at: new Date(now - 3 * 365 * DAY),
    })),
  );

  const accountProgress = options.quiet ? undefined : new Progress('accounts', counts.accounts);
  for (let from = 0; from < counts.accounts; from += 1000) {
    const rows = [];
    for (let i = from; i < Math.min(counts.accounts, from + 1000); i++) {
      const { username, displayName } = person(random, i + 1);
      const normalised = username.normalize('NFKC');
      rows.push({
        id: i + 1,
        username: normalised,
        username_key: usernameKey(normalised),
        display_name: displayName,
        email: `member${i + 1}@bench.example`,
        password_hash: passwordHash,
        role: i === 0 ? 'admin' : 'member',
        locale: ['sv', 'en', 'da', null][i % 4],
        created_at: new Date(now - 3 * 365 * DAY + random() * 90 * DAY),
      });
    }
    await insertRows(db, 'accounts', rows);
    accountProgress?.tick(rows.length);
  }
  accountProgress?.finish();

  const threadProgress = options.quiet ? undefined : new Progress('threads', threadCount);
  for (let from = 0; from < threadCount; from += 2000) {
    const rows = threads.slice(from, from + 2000).map((t) => ({
      id: t.id,
      network_id: t.networkId,
      author_id: t.authorId,
      title: t.title,
      slug: slugify(t.title),
      lang: t.lang,
      pinned: t.pinned,
      locked: t.locked,
      reply_count: t.replies,
      top_level_count: t.topLevel,
      last_poster_id: t.lastPosterId,
      last_activity_at: new Date(t.lastActivityAt),
      created_at: new Date(t.createdAt),
    }));
    await insertRows(db, 'threads', rows);
    threadProgress?.tick(rows.length);
  }
  threadProgress?.finish();

  // The bodies go over once; each post names one by number.
  await sql`create table bench_bodies (idx integer primary key, body text not null, html text not null)`.execute(db);
  for (let from = 0; from < bodyCount; from += 100) {
    const rows = bodies.slice(from, from + 100).map((body, i) => ({ idx: from + i, body, html: htmls[from + i]! }));
    await insertRows(db, 'bench_bodies', rows);
  }

  // Posts in id order, as arrays of numbers joined to the bodies in SQL.
  const columns = {
    id: new Int32Array(total),
    thread: new Int32Array(total),
    parent: new Int32Array(total),
    root: new Int32Array(total),
    depth: new Int32Array(total),
    topLevel: new Int32Array(total),
    author: new Int32Array(total),
    body: new Int32Array(total),
    time: new Float64Array(total),
    flags: new Int32Array(total),
    deletedBy: new Int32Array(total),
    /** 1 + the language's place in LANGUAGE_ARRAY. */
    lang: new Int32Array(total),
  };
  const postsIn: Record<PostLanguage, number> = { sv: 0, da: 0, en: 0 };
  /** Per post, the postscript's Markdown and HTML (null for none), added to its pooled body. */
  const postscriptMarkdown = new Array<string | null>(total).fill(null);
  const postscriptHtml = new Array<string | null>(total).fill(null);
  // What the search scenarios choose their words from: how many live posts use each body, and the postscripts.
  const liveUses = new Int32Array(bodyCount);
  const postscripts: SearchCorpus['postscripts'] = [];
  for (let rank = 0; rank < total; rank++) {
    const i = order[rank]!;
    columns.id[rank] = rank + 1;
    columns.thread[rank] = plan.thread[i]!;
    columns.parent[rank] = plan.parent[i]! < 0 ? 0 : idOf[plan.parent[i]!]!;
    columns.root[rank] = plan.root[i]! < 0 ? 0 : idOf[plan.root[i]!]!;
    columns.depth[rank] = plan.depth[i]!;
    columns.topLevel[rank] = plan.topLevelNumber[i]!;
    columns.author[rank] = plan.author[i]!;
    columns.body[rank] = plan.body[i]!;
    columns.time[rank] = plan.time[i]!;
    const flags = plan.flags[i]!;
    columns.flags[rank] = flags & (1 | 8);
    columns.deletedBy[rank] = flags & 2 ? plan.author[i]! : flags & 4 ? 1 : 0;
    // A reply is labelled from its body; an opening post has its thread's language (title and body together).
    const lang = plan.parent[i]! < 0 ? threads[plan.thread[i]! - 1]!.lang : bodyLanguages[plan.body[i]!]!;
    columns.lang[rank] = 1 + LANGUAGE_ARRAY.indexOf(lang);
    postsIn[lang] += 1;
    const live = (flags & (2 | 4)) === 0;
    if (live) liveUses[plan.body[i]!]! += 1;
    if (plan.postscript[i]! > 0) {
      const words = postscript(plan.postscript[i]! - 1, lang);
      postscriptMarkdown[rank] = words.markdown;
      postscriptHtml[rank] = renderMarkdown(words.markdown);
      if (live) postscripts.push({ ...words, postId: rank + 1, networkId: threads[plan.thread[i]! - 1]!.networkId, lang, hidden: (flags & 8) !== 0 });
    }
  }
  // The full-text index is built once after the load rather than kept up to date row by row (each
  // post's words would otherwise go through GIN's pending list and be merged again and again); the
  // generated tsvector itself is computed as each row is written, as it would be on the forum.
  const { rows: searchIndexes } = await sql<{ name: string; definition: string }>`
    select indexname as name, indexdef as definition from pg_indexes where tablename = 'posts' and indexname like 'posts_search_document%'`.execute(db);
  if (!options.loadWithSearchIndex) for (const index of searchIndexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  const postsStarted = performance.now();
  const postProgress = options.quiet ? undefined : new Progress('posts', total);
  const batch = 20_000;
  for (let from = 0; from < total; from += batch) {
    const to = Math.min(total, from + batch);
    const c = columns;
    await sql`
      insert into posts (id, thread_id, parent_id, root_id, depth, top_level_number, author_id, title, body, html, lang, created_at, edited_at, deleted_at, deleted_by_id, hidden_at, hidden_kind, hidden_reason)
      overriding system value
      select p.id, p.thread_id, p.parent_id, p.root_id, p.depth, p.top_level_number, p.author_id,
             -- An opening post carries its thread's title (searched with its body); a reply none.
             case when p.parent_id is null then (select t.title from threads t where t.id = p.thread_id) end,
             b.body || coalesce(E'\n\n' || p.postscript_markdown, ''), b.html || coalesce(p.postscript_html, ''), (${`{${LANGUAGE_ARRAY.join(',')}}`}::text[])[p.lang],
             to_timestamp(p.created_ms / 1000.0),
             case when p.flags & 1 = 1 then least(now(), to_timestamp((p.created_ms + 1800000) / 1000.0)) end,
             case when p.deleted_by is not null then least(now(), to_timestamp((p.created_ms + 86400000) / 1000.0)) end,
             p.deleted_by,
             case when p.flags & 8 = 8 then to_timestamp((p.created_ms + 7200000) / 1000.0) end,
             case when p.flags & 8 = 8 then 'community' end,
             case when p.flags & 8 = 8 then 'spam' end
      from unnest(${arrayLiteral(c.id, from, to)}::int[], ${arrayLiteral(c.thread, from, to)}::int[],
                  ${arrayLiteral(c.parent, from, to, true)}::int[], ${arrayLiteral(c.root, from, to, true)}::int[],
                  ${arrayLiteral(c.depth, from, to)}::int[], ${arrayLiteral(c.topLevel, from, to, true)}::int[],
                  ${arrayLiteral(c.author, from, to)}::int[], ${arrayLiteral(c.body, from, to)}::int[],
                  ${arrayLiteral(c.time, from, to)}::int8[], ${arrayLiteral(c.flags, from, to)}::int[],
                  ${arrayLiteral(c.deletedBy, from, to, true)}::int[], ${arrayLiteral(c.lang, from, to)}::int[],
                  ${textArrayLiteral(postscriptMarkdown, from, to)}::text[], ${textArrayLiteral(postscriptHtml, from, to)}::text[])
           as p(id, thread_id, parent_id, root_id, depth, top_level_number, author_id, body_idx, created_ms, flags, deleted_by, lang,
                postscript_markdown, postscript_html)
      join bench_bodies b on b.idx = p.body_idx
      order by p.id`.execute(db);
    postProgress?.tick(to - from);
  }
  postProgress?.finish();
  const postSeconds = (performance.now() - postsStarted) / 1000;
  let searchIndexSeconds = 0;
  if (!options.loadWithSearchIndex) {
    log(`  building the posts' full-text indexes (${searchIndexes.map((index) => index.name).join(', ')})`);
    const indexStarted = performance.now();
    for (const index of searchIndexes) await sql.raw(index.definition).execute(db);
    searchIndexSeconds = (performance.now() - indexStarted) / 1000;
  }

  log('  finishing: revisions, sequences, vacuum analyze');
  // An edited post has the revision it replaced.
  await sql`
    insert into post_revisions (post_id, editor_id, body, created_at)
    select p.id, p.author_id, b.body, p.edited_at from posts p join bench_bodies b on b.idx = p.id % ${bodyCount}
    where p.edited_at is not null`.execute(db);
  await sql`drop table bench_bodies`.execute(db);
  for (const table of ['accounts', 'networks', 'threads', 'posts']) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
  }
  await sql`vacuum analyze`.execute(db);

  const search = await chooseSearchTerms(db, {
    htmls,
    bodyLanguages,
    liveUses,
    postscripts,
    livePosts: liveUses.reduce((sum, uses) => sum + uses, 0),
    boardNetworkId: networks[0]!.id,
    threads,
  });

  const boardNetwork = networks[0]!;
  const largeThread = threads[largeIndex]!;
  const open = threads.filter((t, i) => !special.has(i) && !t.locked);
  const quiet = open.filter((t) => t.networkId !== 1 && t.replies <= 5);
  const postThreads = (quiet.length >= POST_THREADS ? quiet : open).slice(0, POST_THREADS);
  return {
    scale: options.scale,
    counts: { networks: counts.networks, accounts: counts.accounts, threads: threadCount, posts: total, bodies: bodyCount },
    board: { networkId: boardNetwork.id, slug: boardNetwork.slug, threads: networkStats.get(boardNetwork.id)?.threads ?? 0 },
    thread100: { id: threads[hundredIndex]!.id, replies: BLOCK_REPLIES, pages: 1 },
    threadLarge: { id: largeThread.id, replies: largeThread.replies, pages: largeThread.topLevel / BLOCK_TOP_LEVEL },
    postThreads: postThreads.map((t) => ({ id: t.id })),
    languages: {
      posts: postsIn,
      threads: Object.fromEntries(LANGUAGE_ARRAY.map((language) => [language, threads.filter((t) => t.lang === language).length])) as Record<
        PostLanguage,
        number
      >,
      bodiesDetectedAsWritten,
    },
    search,
    postSeconds,
    searchIndexSeconds,
    seconds: (performance.now() - started) / 1000,
  };
}

// ---- Alone --------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      drop: { type: 'boolean', default: false },
      pglite: { type: 'boolean', default: false },
      'load-with-search-index': { type: 'boolean', default: false },
    },
  });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be a number above 0 and at most 10, got ${values.scale}`);
  const { createBenchDatabase } = await import('./database.js');
  const { createDatabase } = await import('../src/db/connect.js');
  const { migrateToLatest } = await import('../src/db/migrate.js');
  const target = await createBenchDatabase(values.pglite ? undefined : process.env.DATABASE_URL);
  let failed = true;
  try {
    const database = await createDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir ?? '' });
    try {
      await migrateToLatest(database.db);
      const manifest = await generate(database.db, { scale, loadWithSearchIndex: values['load-with-search-index'] });
      console.log(JSON.stringify(manifest, null, 2));
      failed = false;
    } finally {
      await database.close();
    }
  } finally {
    // A half-filled database is of no use to anyone.
    if (failed) await target.drop();
  }
  if (values.drop) {
    await target.drop();
    console.error(`dropped ${target.label}`);
  } else {
    console.error(
      `\nThe forum is in ${target.label}. Start it with:\n  ${target.databaseUrl ? `DATABASE_URL=${target.databaseUrl}` : `DATA_DIR=${target.dataDir}`} RATE_LIMITS=off npm start`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
