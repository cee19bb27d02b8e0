// What a signed-in account's requests read on every page (its session, its unread count), kept in
// this instance's memory for a short while and dropped, by account, by the events that change it.
// Bounded: least recently used entries go first past `max`, and none outlives `ttlMs` (a bound on
// staleness should an event be lost). An index from account to keys lets one event drop all of an
// account's entries; whenever an entry leaves (evicted, expired, replaced, dropped), it leaves the index.
// Read-your-writes: nothing is served while this instance has written one of the events that drop
// entries (`droppedBy`) and not yet dispatched it (write-watermark.ts `behindOn`).
import { LRUCache } from 'lru-cache';
import { atMostEntries } from './lru-bounds.js';
import type { EventName } from './events.js';
import type { WriteWatermark } from './write-watermark.js';

export interface AccountCacheOptions {
  max: number;
  ttlMs: number;
  watermark: WriteWatermark;
  /** The events that drop entries: the cache waits only for this instance's writes of these. */
  droppedBy: readonly EventName[];
}

export class AccountCache<K extends string | number, V extends object | number> {
  readonly #entries: LRUCache<K, V>;
  readonly #keysByAccount = new Map<number, Set<K>>();
  #generation = 0;

  constructor(
    private readonly accountOf: (key: K, value: V) => number,
    private readonly options: AccountCacheOptions,
  ) {
    this.#entries = new LRUCache<K, V>({ ...atMostEntries(options.max), ttl: options.ttlMs, dispose: (value, key) => this.#unindex(key, value) });
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Accounts in the index; never more than the entries. */
  get indexedAccounts(): number {
    return this.#keysByAccount.size;
  }

  /**
   * Taken before reading what will be stored: a read that a drop overtook (it may have read the
   * database before the change the drop is for) is not stored.
   */
  get generation(): number {
    return this.#generation;
  }

  /** Undefined when missing, too old, or while this instance is behind its own writes. */
  get(key: K): V | undefined {
    return this.options.watermark.behindOn(this.options.droppedBy) ? undefined : this.#entries.get(key);
  }

  /** Stores unless something was dropped since `generation` was taken; `ttlMs` may shorten the entry's life. */
  set(key: K, value: V, generation: number, ttlMs?: number): void {
    if (generation !== this.#generation) return;
    this.#entries.set(key, value, ttlMs === undefined ? undefined : { ttl: ttlMs });
    // After set: replacing an entry disposes of the old one, which takes its key out of the index.
    const account = this.accountOf(key, value);
    let keys = this.#keysByAccount.get(account);
    if (!keys) this.#keysByAccount.set(account, (keys = new Set()));
    keys.add(key);
  }

  delete(key: K): void {
    this.#generation += 1;
    this.#entries.delete(key);
  }

  dropAccounts(accountIds: readonly number[]): void {
    this.#generation += 1;
    for (const accountId of accountIds) {
      for (const key of [...(this.#keysByAccount.get(accountId) ?? [])]) this.#entries.delete(key);
    }
  }

  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  #unindex(key: K, value: V): void {
    const account = this.accountOf(key, value);
    const keys = this.#keysByAccount.get(account);
    keys?.delete(key);
    if (keys?.size === 0) this.#keysByAccount.delete(account);
  }
}
