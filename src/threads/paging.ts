// How a thread is cut into pages, and a page into parts (README, Thread pages): a page holds 50
// top-level replies, each with all its replies; a page whose replies outnumber MAX_POSTS_PER_PART is
// cut again, in the order written, so that no page a reader opens holds more than that.

/** Top-level replies per thread page; each comes with all its replies. */
export const THREAD_PAGE_SIZE = 50;

/**
 * Replies one part of a page shows at most, besides the opening post every page shows. With replies
 * of about 800 characters a part is 260 kB of HTML for a guest and 480 kB for a member: quick to
 * render, and within what the page cache keeps (1 MB an entry). A page whose top-level replies have
 * three replies each on average is still one part.
 */
export const MAX_POSTS_PER_PART = 200;

/** Where in a thread a post is shown; part 1 is the whole page when the page is not cut. */
export interface ThreadPlace {
  page: number;
  part: number;
}

/** How many pages a thread with this many top-level replies has: always at least one. */
export function pagesOf(topLevelCount: number): number {
  return Math.max(1, Math.ceil(topLevelCount / THREAD_PAGE_SIZE));
}

/** The page of the top-level reply numbered so; the opening post (no number) is on page 1. */
export function pageOfTopLevelNumber(topLevelNumber: number | null): number {
  return topLevelNumber ? Math.ceil(topLevelNumber / THREAD_PAGE_SIZE) : 1;
}

/** The numbers of the top-level replies a page holds, first to last. */
export function topLevelNumbersOf(page: number): { first: number; last: number } {
  const first = (page - 1) * THREAD_PAGE_SIZE + 1;
  return { first, last: first + THREAD_PAGE_SIZE - 1 };
}

/** Which of a page's replies, in the order written, a part holds. */
export function repliesOfPart(part: number): { offset: number; limit: number } {
  return { offset: (part - 1) * MAX_POSTS_PER_PART, limit: MAX_POSTS_PER_PART };
}

/** How many parts a page with this many replies has: always at least one. */
export function partsOf(pageReplyCount: number): number {
  return Math.max(1, Math.ceil(pageReplyCount / MAX_POSTS_PER_PART));
}

/** The part holding the page's reply at this position in the order written (0 for the first). */
export function partOfPosition(position: number): number {
  return Math.floor(position / MAX_POSTS_PER_PART) + 1;
}

/** A thread page's address; page 1 and part 1 are the defaults and go unsaid. */
export function threadUrl(threadId: number, place: ThreadPlace, postId?: number): string {
  const query = [place.page > 1 ? `page=${place.page}` : '', place.part > 1 ? `part=${place.part}` : ''].filter(Boolean).join('&');
  return `/t/${threadId}${query ? `?${query}` : ''}${postId ? `#p-${postId}` : ''}`;
}

/** Pages either side of the current one that the list under a page links to. */
const NEIGHBOURS = 2;

/** One entry of the list of pages (or parts): a link, the current page, or a gap for pages left out. */
export type PageLink = { number: number; href: string; current: boolean } | { gap: true };

/**
 * The list of pages (or parts) 1…count under a page: the first, the last, and the current with its
 * neighbours, a gap standing for the pages left out (a gap of one page is that page's link instead).
 * At most nine entries however long the thread, so a phone shows them on a line or two and a page of a
 * long thread costs what a page of a short one does. None when there is only one.
 */
export function linksToPages(count: number, current: number, hrefOf: (number: number) => string): PageLink[] {
  if (count <= 1) return [];
  const shown = new Set([1, count]);
  for (let number = Math.max(1, current - NEIGHBOURS); number <= Math.min(count, current + NEIGHBOURS); number += 1) shown.add(number);
  const link = (number: number): PageLink => ({ number, href: hrefOf(number), current: number === current });
  const links: PageLink[] = [];
  let previous = 0;
  for (const number of [...shown].sort((a, b) => a - b)) {
    if (number - previous === 2) links.push(link(previous + 1));
    else if (number - previous > 2) links.push({ gap: true });
    links.push(link(number));
    previous = number;
  }
  return links;
}
