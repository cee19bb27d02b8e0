// When batched emails go out.
import { nextHourIn } from '../core/time.js';

const DIGEST_HOUR = 7;

/** The next 07:00 on the forum's clocks (TIME_ZONE), strictly after `now`: digests arrive in the destination's morning, whatever the server's zone. */
export function nextDigestAt(now: Date, timeZone: string): Date {
  return nextHourIn(timeZone, now, DIGEST_HOUR);
}

/** Delay before the next attempt after `attempts` failed ones: doubling from baseMs, at most maxMs. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
