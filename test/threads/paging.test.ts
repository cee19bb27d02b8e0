// The list of pages under a thread page: short however long the thread, every page reachable from it.
import { describe, expect, it } from 'vitest';
import { linksToPages } from '../../src/threads/paging.js';

const listed = (count: number, current: number) =>
  linksToPages(count, current, (number) => `/t/1?page=${number}`).map((link) =>
    'gap' in link ? '…' : link.current ? `[${link.number}]` : String(link.number),
  );

describe('linksToPages', () => {
  it('lists nothing for a thread of one page, and every page of a short one', () => {
    expect(listed(1, 1)).toEqual([]);
    expect(listed(3, 2)).toEqual(['1', '[2]', '3']);
    expect(listed(7, 4)).toEqual(['1', '2', '3', '[4]', '5', '6', '7']);
  });

  it('shows the first, the last and the current page with two either side, gaps for the rest', () => {
    expect(listed(100, 50)).toEqual(['1', '…', '48', '49', '[50]', '51', '52', '…', '100']);
    expect(listed(100, 1)).toEqual(['[1]', '2', '3', '…', '100']);
    expect(listed(100, 100)).toEqual(['1', '…', '98', '99', '[100]']);
    // A gap of one page is that page's link: no "…" stands for a single number.
    expect(listed(100, 5)).toEqual(['1', '2', '3', '4', '[5]', '6', '7', '…', '100']);
  });

  it('never lists more than nine entries, and links each to its page', () => {
    for (const count of [2, 9, 10, 1000]) {
      for (const current of [1, 2, Math.ceil(count / 2), count - 1, count]) {
        const links = linksToPages(count, current, (number) => `/t/1?page=${number}`);
        expect(links.length).toBeLessThanOrEqual(9);
        for (const link of links) if (!('gap' in link)) expect(link.href).toBe(`/t/1?page=${link.number}`);
      }
    }
  });
});
