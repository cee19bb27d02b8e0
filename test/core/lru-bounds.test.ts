// A cache bounded by its number of entries keeps at most that many, the least recently used going first,
// without allocating room for them all when it is made.
import { LRUCache } from 'lru-cache';
import { describe, expect, it } from 'vitest';
import { atMostEntries } from '../../src/core/lru-bounds.js';

describe('atMostEntries', () => {
  it('keeps at most so many entries, evicting the least recently used', () => {
    const cache = new LRUCache<string, number>(atMostEntries(3));
    for (const key of ['a', 'b', 'c']) cache.set(key, 1);
    cache.get('a');
    cache.set('d', 1);
    expect([...cache.keys()].sort()).toEqual(['a', 'c', 'd']);
    for (let i = 0; i < 100; i += 1) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
  });

  it('sets aside no room for entries it does not hold', () => {
    const heapOf = (make: () => unknown) => {
      const before = process.memoryUsage().heapUsed;
      const kept = Array.from({ length: 20 }, make);
      const grown = process.memoryUsage().heapUsed - before;
      expect(kept).toHaveLength(20);
      return grown / 20;
    };
    // With `max: 50_000` each cache would set aside about 1.4 MB of arrays at once.
    expect(heapOf(() => new LRUCache<string, number>(atMostEntries(50_000)))).toBeLessThan(100 * 1024);
  });
});
