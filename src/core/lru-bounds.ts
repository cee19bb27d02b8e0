// lru-cache options for a cache of at most so many entries. With `max`, lru-cache allocates its arrays for
// every entry it may ever hold as it is made: 1.4 MB for 50,000 entries, kept whether the cache is used or
// not (README: Performance, Memory). Counted as a size of one each instead, its arrays grow with the
// entries it holds, to the same bound.

/** Evicts the least recently used entry past `entries`, as `max` would, without allocating for them all at once. */
export function atMostEntries(entries: number): { maxSize: number; sizeCalculation: () => number } {
  return { maxSize: entries, sizeCalculation: () => 1 };
}
