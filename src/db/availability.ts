// Telling "the database is away" from "this request is wrong": the first is answered 503 with
// Retry-After and waited out (at start, in the workers), the second is the request's or the code's.

/**
 * SQLSTATE classes and codes that say the server cannot work right now: connection exceptions (08),
 * insufficient resources (53: disk full, out of memory, too many connections), operator intervention
 * (57P01–57P05: shutdown, crash, starting up, idle session timeout), a statement cancelled by its
 * timeout (57014), system errors (58: I/O), and a standby that takes no writes (25006).
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|58)|^57P0[1-5]$|^57014$|^25006$/;

/** Errors of the socket under the driver: the server is down, unreachable or went away. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** What `pg` and `pg-pool` say, without a code, when a connection is lost, times out or cannot be had. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|is not queryable|Connection ended/i;

/** True when the error, or one it was caused by, says the database is unavailable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    // A connection refused by every address of a host comes as an AggregateError.
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}
