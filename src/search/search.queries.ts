// Full-text search over the posts' and titles' documents (migrations/2026-12-02T1000_search.ts).
//
// The query is read in each language's configuration (websearch_to_tsquery: words, "a phrase", or,
// -word), and each document is matched against the reading of its own language: `kajaker` is the
// Swedish stem `kajak` for a Swedish post and the Danish stem for a Danish one, and `-hyra` excludes a
// Swedish post containing `hyr` without an English reading letting it back in. The OR of the three
// readings is what the GIN index is asked first; it holds every match of a document's own reading.
//
// Who may read what is decided in SQL here, as the one visibility rule (posts/visibility.ts) states it,
// so that a post nobody may show this reader never matches, never ranks and never fills a page; the
// service then passes every result through the rule itself before showing anything of it.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import { answeredQuestion } from '../posts/posts.queries.js';
import { PLANNED_PER_RUN } from '../db/prepared-statements.js';

/** Search's queries are planned with their words and windows every run (db/prepared-statements.ts). */
const planPerRun = sql.raw(PLANNED_PER_RUN);

/** Who is searching, as the visibility rule needs it in SQL. */
export interface SearchReader {
  /** null for a guest. */
  accountId: number | null;
  isAdmin: boolean;
  /** The networks the reader convenes (moderates). */
  convenes: readonly number[];
}

export interface SearchFilters {
  networkId?: number;
  authorId?: number;
  /** Written at or after. */
  after?: Date;
  /** Written before. */
  before?: Date;
  /** Match thread titles only. */
  titlesOnly: boolean;
}

export type SearchSort = 'relevance' | 'latest';

/** Where a page ends, in the order of the sort: the next page starts after it. */
export interface SearchPosition {
  /** Relevance: the thread's score; latest: its newest matching post's time (ms). */
  key: number;
  threadId: number;
}

export interface SearchWindow {
  /** Posts written after the first page was asked for are left out of the later pages, which stay in step. */
  upToPostId: number;
  /** The instant recency is measured from, the same for every page. */
  asOf: Date;
}

export interface ThreadMatch {
  thread_id: number;
  /** The best-matching post (by the sort): the opening post when the title matched best. */
  post_id: number;
  key: number;
  /** The post's text around the matched words, each between \u0001 and \u0002 (search/excerpt.ts marks them). */
  excerpt: string;
}

/**
 * How many of the newest matching posts are ranked: the whole forum's, and one network's. A word in
 * every fourth post would otherwise have every one of them read and ranked; the newest are also the
 * likeliest answers. A post does not know its network, so finding a network's newest matches reads the
 * newest matching posts of every network until enough are its own: fewer are ranked there, which keeps
 * a board's search as quick as the forum's (a third of the threads: about three times the rows each).
 */
const RANKED_POSTS = 1000;
const RANKED_POSTS_IN_A_NETWORK = 400;
/** How far back from the newest post each range of ids the newest matches are looked for in reaches (see matchingThreads). */
const SEARCH_WINDOWS = [100_000];

/** The markers ts_headline puts around a matched word; taken out of the text first, so only it puts them there. */
const MARKERS = '\u0001\u0002';
const HEADLINE = 'StartSel=\u0001, StopSel=\u0002, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

const configOf = (lang: RawBuilder<unknown>) =>
  sql`(case ${lang} when 'sv' then 'swedish'::regconfig when 'da' then 'danish'::regconfig else 'english'::regconfig end)`;
/** The query as the document's own language reads it (q is the readings' row). */
const readingFor = (lang: RawBuilder<unknown>) => sql`(case ${lang} when 'sv' then q.sv when 'da' then q.da else q.en end)`;

const CONFIGS = { sv: 'swedish', da: 'danish', en: 'english' } as const;
/**
 * The text read in one language's configuration, written out where a plan is made: the planner folds
 * it into a constant, so it can tell a word in every fourth post from a name in a few, and the index
 * of that language's posts can answer for it (see matches).
 */
const readingIn = (lang: keyof typeof CONFIGS, text: string) => sql`websearch_to_tsquery(${sql.lit(CONFIGS[lang])}::regconfig, ${text})`;
/** readingFor without q. */
const readingOf = (lang: RawBuilder<unknown>, text: string) =>
  sql`(case ${lang} when 'sv' then ${readingIn('sv', text)} when 'da' then ${readingIn('da', text)} else ${readingIn('en', text)} end)`;
/**
 * The post's document matches the query as its own language reads it, said one language at a time:
 * each arm is answered by that language's partial GIN index alone (migrations/2026-12-02T1100_search_speed.ts),
 * so no matching row's document is read again to check it, and the planner, seeing each reading as a
 * constant, can choose between those indexes and reading the newest posts backwards until enough match.
 */
const matches = (post: string, text: string) => {
  const p = sql.ref(post);
  return sql`((${p}.lang = 'sv' and ${p}.search_document @@ ${readingIn('sv', text)})
    or (${p}.lang = 'da' and ${p}.search_document @@ ${readingIn('da', text)})
    or (${p}.lang = 'en' and ${p}.search_document @@ ${readingIn('en', text)}))`;
};

/** The visibility rule in SQL: a post's text is readable when not hidden, or by its author or a moderator of its network. */
function readable(reader: SearchReader, post: string, thread: string) {
  const p = sql.ref(post);
  const t = sql.ref(thread);
  if (reader.isAdmin) return sql`true`;
  const convened = reader.convenes.length ? sql`${t}.network_id = any(${[...reader.convenes]}::integer[])` : sql`false`;
  const own = reader.accountId === null ? sql`false` : sql`${p}.author_id = ${reader.accountId}`;
  return sql`(${p}.hidden_at is null or ${own} or ${convened})`;
}

/** A gentle boost for recent matches: twice the rank today, 1.5 × at three months, fading towards 1 ×. */
const recencyBoost = (at: RawBuilder<unknown>, asOf: Date) => sql`(1 + 1 / (1 + extract(epoch from (${asOf}::timestamptz - ${at})) / 7776000))`;

/**
 * The threads matching `text` that the reader may see, one row each with its best-matching post, in
 * the sort's order after `after`, at most `limit`.
 */
export async function matchingThreads(
  db: Kysely<DB>,
  text: string,
  reader: SearchReader,
  filters: SearchFilters,
  sort: SearchSort,
  window: SearchWindow,
  after: SearchPosition | null,
  limit: number,
): Promise<ThreadMatch[]> {
  const conditions = sql.join(
    [
      sql`p.deleted_at is null`,
      sql`p.id <= ${window.upToPostId}`,
      readable(reader, 'p', 't'),
      ...(filters.titlesOnly ? [sql`p.parent_id is null`, sql`ts_filter(p.search_document, '{a}') @@ ${readingOf(sql.ref('p.lang'), text)}`] : []),
      ...(filters.networkId === undefined ? [] : [sql`t.network_id = ${filters.networkId}`]),
      ...(filters.authorId === undefined ? [] : [sql`p.author_id = ${filters.authorId}`]),
      ...(filters.after === undefined ? [] : [sql`p.created_at >= ${filters.after}`]),
      ...(filters.before === undefined ? [] : [sql`p.created_at < ${filters.before}`]),
    ],
    sql` and `,
  );
  // An opening post's document holds its thread's title (weight A, which ts_rank_cd counts 2.5 times a
  // body's B): a thread is one document with its title, so `-word` in the body keeps it out and words
  // split between title and body find it. A query of only `-words` (querytree 'T') matches nothing:
  // every post would match it, and no index can find them. Only the newest posts chosen are ranked.
  const ranked = filters.networkId === undefined ? RANKED_POSTS : RANKED_POSTS_IN_A_NETWORK;
  const newestIn = (range: RawBuilder<unknown>) => sql`(
      select p.thread_id, p.id as post_id, p.lang, p.search_document, p.created_at as at
      from posts p join threads t on t.id = p.thread_id
      where querytree(${readingIn('sv', text)} || ${readingIn('da', text)} || ${readingIn('en', text)}) <> 'T'
        and ${matches('p', text)} and ${conditions} and ${range}
      order by p.id desc
      limit ${ranked})`;
  // The newest posts are looked for in ranges of ids, newest first, each only when those before it held
  // too few (a LIMIT over UNION ALL runs its parts in order and stops when it has enough). A word in
  // every fourth post is found in the first; three words together in one post in thirty in the first
  // two, each a small slice of every word's index entries instead of all of their rows; a rare name
  // goes through them all, a few index lookups each.
  const windows: RawBuilder<unknown>[] = [];
  let upper = window.upToPostId;
  for (const back of SEARCH_WINDOWS) {
    const lower = window.upToPostId - back;
    if (lower <= 0) break;
    windows.push(newestIn(sql`p.id > ${lower} and p.id <= ${upper}`));
    upper = lower;
  }
  windows.push(newestIn(sql`p.id <= ${upper}`));
  const hits = sql`
    select newest.thread_id, newest.post_id, ts_rank_cd(newest.search_document, ${readingFor(sql.ref('newest.lang'))}) as rank, newest.at
    from q, (select * from (${sql.join(windows, sql` union all `)}) as windows limit ${ranked}) as newest`;
  const key =
    sort === 'relevance' ? sql`(best.rank * ${recencyBoost(sql.ref('best.at'), window.asOf)})::float8` : sql`(extract(epoch from best.at) * 1000)::float8`;
  const bestFirst = sort === 'relevance' ? sql`rank desc, post_id` : sql`at desc, post_id desc`;
  const { rows } = await sql<ThreadMatch>`${planPerRun}
    with q as (select websearch_to_tsquery('swedish', ${text}) as sv, websearch_to_tsquery('danish', ${text}) as da, websearch_to_tsquery('english', ${text}) as en),
    hits as (${hits}),
    best as (select distinct on (thread_id) thread_id, post_id, rank, at from hits order by thread_id, ${bestFirst}),
    page as (
      select best.thread_id, best.post_id, ${key} as key from best
      ${after ? sql`where (${key}, best.thread_id) < (${after.key}::float8, ${after.threadId}::integer)` : sql``}
      order by key desc, best.thread_id desc
      limit ${limit})
    select page.thread_id, page.post_id, page.key,
      ts_headline(${configOf(sql.ref('p.lang'))}, translate(regexp_replace(p.html, '<[^>]*>', ' ', 'g'), ${MARKERS}, ''), ${readingFor(sql.ref('p.lang'))}, ${HEADLINE}) as excerpt
    from page, q, posts p
    where p.id = page.post_id
    order by page.key desc, page.thread_id desc`.execute(db);
  return rows;
}

/** The newest post's id: a search's first page fixes its window with it. */
export async function newestPostId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id ?? 0;
}

/**
 * Threads of the network whose titles share words with `title` (any of them, in any language's reading),
 * answered questions first (those whose answer all may read), then best first, that the reader may see: for "Has this been asked before?" while a new thread's title is
 * typed. Only titles are read: the lookup runs on every pause in typing.
 */
export async function similarThreadIds(db: Kysely<DB>, networkId: number, title: string, reader: SearchReader, limit: number): Promise<number[]> {
  // Any of the title's words: "word or word or …" in the web syntax, with nothing else of it kept.
  const words = title.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  if (words.length === 0) return [];
  const text = words.join(' or ');
  const { rows } = await sql<{ id: number }>`${planPerRun}
    with q as (select websearch_to_tsquery('swedish', ${text}) as sv, websearch_to_tsquery('danish', ${text}) as da, websearch_to_tsquery('english', ${text}) as en)
    select t.id
    from q, threads t join posts opening on opening.thread_id = t.id and opening.parent_id is null
    where t.network_id = ${networkId} and t.title_document @@ (q.sv || q.da || q.en) and t.title_document @@ ${readingFor(sql.ref('t.lang'))}
      and opening.deleted_at is null and ${readable(reader, 'opening', 't')}
    order by ${answeredQuestion('t')} desc,
      ts_rank(t.title_document, ${readingFor(sql.ref('t.lang'))}) desc, t.last_activity_at desc
    limit ${limit}`.execute(db);
  return rows.map((row) => row.id);
}
