// When batched emails go out.

/** The destination's clock: digests arrive in the morning there, whatever the server's zone. */
export const DIGEST_TIME_ZONE = 'Europe/Stockholm';
export const DIGEST_HOUR = 7;

/** Milliseconds the zone is ahead of UTC at that instant. */
function zoneOffset(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** The next time it is `hour`:00 in the zone, strictly after `now`. */
export function nextDigestAt(now: Date, hour = DIGEST_HOUR, timeZone = DIGEST_TIME_ZONE): Date {
  const local = new Date(now.getTime() + zoneOffset(now, timeZone));
  for (let days = 0; days <= 2; days++) {
    const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, hour);
    // The offset of the candidate itself, so a change to or from summer time in between is respected.
    const candidate = new Date(wall - zoneOffset(new Date(wall), timeZone));
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error('unreachable: a day always has the hour');
}

/** Delay before the next attempt after `attempts` failed ones: doubling from baseMs, at most maxMs. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
