/**
 * Counts events per key in a sliding window, in this instance's memory. Unlike @fastify/rate-limit
 * it can be asked before counting, so a blocked sign-in is refused before its password is checked.
 */
export class AttemptLimiter {
  readonly #attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly enabled = true,
  ) {}

  /** Seconds until the key may try again; 0 when it may now. */
  retryAfterSeconds(key: string, now = Date.now()): number {
    if (!this.enabled) return 0;
    const recent = this.#recent(key, now);
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
  }

  record(key: string, now = Date.now()): void {
    if (!this.enabled) return;
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#attempts.set(key, recent);
    if (this.#attempts.size > 10_000) this.#sweep(now);
  }

  #recent(key: string, now: number): number[] {
    return (this.#attempts.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }

  #sweep(now: number): void {
    for (const [key, times] of this.#attempts) {
      if (times.every((at) => at <= now - this.windowMs)) this.#attempts.delete(key);
    }
  }
}
