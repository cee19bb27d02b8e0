// Values by key in a least-recently-used cache with a byte budget (lru-cache), and an index by tag so an
// event drops exactly the values it changes. However an entry leaves (evicted, replaced, dropped, too
// old), it leaves the index too. The guests' page cache and the shared reads keep theirs here.
import { LRUCache } from 'lru-cache';
import { EVERYTHING, type CacheTag, type Dropped } from './cache-invalidation.js';

export interface TaggedStoreOptions {
  /** Bytes of cached values and keys, at most. */
  maxBytes: number;
  /** A larger value is not cached. */
  maxEntryBytes: number;
  /** Age after which an entry is fetched again (served meanwhile, up to twice this age). */
  maxAgeMs: number;
}

export interface StoredEntry<V> {
  key: string;
  value: V;
  tags: readonly CacheTag[];
  bytes: number;
  storedAt: number;
  /** When a request set out to fetch this expired entry again; others are served it meanwhile. */
  refreshingSince?: number;
}

export class TaggedStore<V extends object> {
  readonly #entries: LRUCache<string, StoredEntry<V>>;
  readonly #byTag = new Map<string, Set<string>>();

  constructor(private readonly options: TaggedStoreOptions) {
    this.#entries = new LRUCache<string, StoredEntry<V>>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => entry.bytes,
      dispose: (entry) => this.#untag(entry),
    });
  }

  get bytes(): number {
    return this.#entries.calculatedSize;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The entry and whether it is younger than maxAgeMs; undefined when missing or older than twice that. */
  get(key: string, now: number): { entry: StoredEntry<V>; fresh: boolean } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const age = now - entry.storedAt;
    if (age > 2 * this.options.maxAgeMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return { entry, fresh: age <= this.options.maxAgeMs };
  }

  /** Keeps the value, of about `valueBytes`, unless it is larger than an entry may be; whether it did. */
  set(key: string, value: V, valueBytes: number, tags: readonly CacheTag[], now: number): boolean {
    const bytes = valueBytes + key.length * 2 + 200;
    if (valueBytes > this.options.maxEntryBytes || bytes > this.options.maxBytes) return false;
    this.#entries.set(key, { key, value, tags, bytes, storedAt: now });
    // After set: replacing an entry disposes of the old one, which takes its key out of the index.
    for (const tag of tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) this.#byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }

  drop(tags: Dropped): void {
    if (tags === EVERYTHING) {
      this.#entries.clear();
      return;
    }
    for (const tag of tags) {
      for (const key of [...(this.#byTag.get(tag) ?? [])]) this.#entries.delete(key);
    }
  }

  #untag(entry: StoredEntry<V>): void {
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(entry.key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }
}
