// Searching the forum's memory: what a search asks is resolved (network, author, dates, where a page
// starts), the database finds the threads (search.queries.ts), and every result is passed through the
// same functions the thread page uses — the visibility rule for the post the excerpt is from, the
// title rule for the thread — before anything of it is shown.
import type { Kysely } from 'kysely';
import { findAccountByUsername } from '../accounts/public.js';
import { ValidationError } from '../core/errors.js';
import type { Translate } from '../core/i18n/index.js';
import { zoneOffsetMs } from '../core/time.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { findNetworkBySlug } from '../networks/public.js';
import { findPosts, findThreads, type BusinessLine } from '../posts/posts.queries.js';
import { personName, threadTitleFor, visibilityOf, withThreadPath, type PersonName } from '../posts/present.js';
import { bodyIsReadable } from '../posts/visibility.js';
import { markedExcerpt } from './excerpt.js';
import * as queries from './search.queries.js';

/** Results on a page. */
export const SEARCH_PAGE_SIZE = 20;
/** Similar threads shown under a new thread's title. */
export const SIMILAR_THREADS = 5;

export interface SearchRequest {
  q: string;
  network?: string;
  author?: string;
  /** Days (YYYY-MM-DD) in the forum's time zone: from the start of `after`, up to the start of `before`. */
  after?: string;
  before?: string;
  in?: 'titles';
  sort?: queries.SearchSort;
  cursor?: string;
}

export interface SearchResult {
  thread: { id: number; title: string; slug: string; titleHidden: boolean; path: string };
  network: { slug: string; name: string };
  /** The best-matching post: whose it is, when it was written, and the excerpt from it (HTML: text and <mark> only). */
  post: { id: number; author: PersonName; authorBusiness: BusinessLine | null; createdAt: Date; isOpening: boolean };
  excerpt: string;
  /** A question whose answer all may read: such threads come first on each page (README, Answers). */
  answered: boolean;
}

export interface SearchPage {
  results: SearchResult[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
}

interface Cursor extends queries.SearchWindow, queries.SearchPosition {
  sort: queries.SearchSort;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.threadId, cursor.upToPostId, cursor.asOf.getTime()])).toString('base64url');
}

/** A cursor this forum made for the same sort; 400 on `cursor` for anything else. */
function decodeCursor(text: string, sort: queries.SearchSort): Cursor {
  try {
    const [cursorSort, key, threadId, upToPostId, asOf] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (cursorSort === sort && [key, threadId, upToPostId, asOf].every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return { sort, key: key as number, threadId: threadId as number, upToPostId: upToPostId as number, asOf: new Date(asOf as number) };
    }
  } catch {
    // Not ours: said below.
  }
  throw new ValidationError({ cursor: 'search.badCursor' });
}

/** The instant a day (YYYY-MM-DD) starts in the time zone. */
function startOfDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(year, month - 1, date);
  return new Date(utcMidnight - zoneOffsetMs(timeZone, new Date(utcMidnight)));
}

function readerOf(viewer: Viewer | null): queries.SearchReader {
  return { accountId: viewer?.id ?? null, isAdmin: viewer?.role === 'admin', convenes: viewer?.convenes ?? [] };
}

async function filtersOf(db: Kysely<DB>, request: SearchRequest, timeZone: string): Promise<queries.SearchFilters> {
  const filters: queries.SearchFilters = { titlesOnly: request.in === 'titles' };
  if (request.network) {
    const network = await findNetworkBySlug(db, request.network);
    if (!network) throw new ValidationError({ network: 'search.noSuchNetwork' });
    filters.networkId = network.id;
  }
  if (request.author) {
    const author = await findAccountByUsername(db, request.author.replace(/^@/, ''));
    if (!author) throw new ValidationError({ author: 'search.noSuchAuthor' });
    filters.authorId = author.id;
  }
  if (request.after) filters.after = startOfDay(request.after, timeZone);
  if (request.before) filters.before = startOfDay(request.before, timeZone);
  if (filters.after && filters.before && filters.after >= filters.before) throw new ValidationError({ before: 'search.beforeAfter' });
  return filters;
}

export async function searchThreads(
  db: Kysely<DB>,
  viewer: Viewer | null,
  request: SearchRequest,
  context: { t: Translate; timeZone: string },
): Promise<SearchPage> {
  const sort = request.sort ?? 'relevance';
  const from = request.cursor ? decodeCursor(request.cursor, sort) : null;
  const filters = await filtersOf(db, request, context.timeZone);
  const window = from ?? { upToPostId: await queries.newestPostId(db), asOf: new Date() };
  // One more than a page says whether another follows.
  const matches = await queries.matchingThreads(db, request.q, readerOf(viewer), filters, sort, window, from, SEARCH_PAGE_SIZE + 1);
  const page = matches.slice(0, SEARCH_PAGE_SIZE);
  const [threads, posts] = await Promise.all([
    findThreads(
      db,
      page.map((m) => m.thread_id),
    ),
    findPosts(
      db,
      page.map((m) => m.post_id),
    ),
  ]);
  const threadById = new Map(threads.map((thread) => [thread.id, thread]));
  const postById = new Map(posts.map((post) => [post.id, post]));
  const results: SearchResult[] = [];
  for (const match of page) {
    const thread = threadById.get(match.thread_id);
    const post = postById.get(match.post_id);
    // Both rules again, as the thread page asks them: the query's own reading of them never decides alone.
    if (!thread || !post || !bodyIsReadable(visibilityOf(post, viewer))) continue;
    results.push({
      thread: withThreadPath(threadTitleFor(thread, viewer, context.t)),
      network: { slug: thread.network_slug, name: thread.network_name },
      post: {
        id: post.id,
        author: personName(post.author_username, post.author_display_name, post.author_deleted_at),
        authorBusiness: post.author_deleted_at ? null : post.author_business,
        createdAt: post.created_at,
        isOpening: post.parent_id === null,
      },
      excerpt: markedExcerpt(match.excerpt),
      answered: thread.answered,
    });
  }
  // Answered questions first on each page, otherwise in the order found (a stable sort); the cursor
  // still continues after the page's last match as found, so no result is skipped or repeated.
  results.sort((a, b) => Number(b.answered) - Number(a.answered));
  const last = page[page.length - 1];
  const next = matches.length > SEARCH_PAGE_SIZE && last ? encodeCursor({ sort, ...window, key: last.key, threadId: last.thread_id }) : null;
  return { results, next };
}

/** Up to five threads of the network whose titles resemble `title`, as the viewer may see them. */
export async function similarThreads(db: Kysely<DB>, viewer: Viewer | null, request: { network: string; title: string }, t: Translate) {
  const network = await findNetworkBySlug(db, request.network);
  if (!network) throw new ValidationError({ network: 'search.noSuchNetwork' });
  const ids = await queries.similarThreadIds(db, network.id, request.title, readerOf(viewer), SIMILAR_THREADS);
  const threads = new Map((await findThreads(db, ids)).map((thread) => [thread.id, thread]));
  return ids.flatMap((id) => {
    const thread = threads.get(id);
    return thread ? [{ ...withThreadPath(threadTitleFor(thread, viewer, t)), answered: thread.answered }] : [];
  });
}
