// Reading a page as a member sees it: the parts of its HTML the page tests compare.

/** A listed thread's row on a board or home, from its <li> to its end; '' when it is not listed. */
export function threadRowOf(html: string, threadId: number): string {
  return new RegExp(`<li class="thread-row[^"]*">\\s*<a class="thread-title" href="[^"]*/(t/${threadId}|p/\\d+)\\b[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
}
