// When batched emails go out.
import { nextHourIn } from '../core/time.js';

/** The destination's clock: digests arrive in the morning there, whatever the server's zone. */
const DIGEST_TIME_ZONE = 'Europe/Stockholm';
const DIGEST_HOUR = 7;

/** The next 07:00 in Stockholm, strictly after `now`. */
export function nextDigestAt(now: Date): Date {
  return nextHourIn(DIGEST_TIME_ZONE, now, DIGEST_HOUR);
}

/** Delay before the next attempt after `attempts` failed ones: doubling from baseMs, at most maxMs. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
