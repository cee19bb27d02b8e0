// Limits on attempts (failed sign-ins, registrations), counted in the database: every instance sees the
// same count and a restart forgets none. The per-address flood guard in app.ts is separate, per instance.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { TooManyRequestsError } from './errors.js';

export interface AttemptLimit {
  /** What is counted ('sign-in', 'registration'); each key is counted per bucket. */
  bucket: string;
  max: number;
  windowSeconds: number;
}

/** Counted: the rows to release should the attempt turn out not to count. Refused: nothing was counted. */
export type AttemptReservation = { ids: number[] } | { retryAfterSeconds: number };

/** The first half of a two-key advisory lock (networks.queries.ts takes 4_242_003); two-key locks are a key space apart from the events' one-key lock. */
const ATTEMPTS_LOCK_CLASS = 4_242_002;

/** Seconds until the key has fewer than `max` attempts counting; undefined when it has fewer now. */
async function secondsUntilUnderLimit(tx: Kysely<DB>, limit: AttemptLimit, key: string): Promise<number | undefined> {
  // The max-th newest attempt still counting: the key is at its limit until that one expires.
  const row = await tx
    .selectFrom('attempts')
    .select(sql<number>`ceil(extract(epoch from expires_at - statement_timestamp()))::integer`.as('seconds'))
    .where('bucket', '=', limit.bucket)
    .where('key', '=', key)
    .where('expires_at', '>', sql<Date>`statement_timestamp()`)
    .orderBy('expires_at', 'desc')
    .limit(1)
    .offset(limit.max - 1)
    .executeTakeFirst();
  return row?.seconds;
}

/**
 * Counts one attempt for every key, before the work it guards — or refuses, counting nothing, when any
 * key already has `max` attempts in the window. Atomic: a per-key advisory lock (taken in sorted order,
 * so two sets of keys cannot deadlock) makes concurrent attempts on a key count one after another.
 * `db` must not be a transaction: the reservation commits at once, so the next attempt sees it.
 */
export async function reserveAttempt(db: Kysely<DB>, limit: AttemptLimit, keys: readonly string[]): Promise<AttemptReservation> {
  const sorted = [...new Set(keys)].sort();
  return db.transaction().execute(async (tx) => {
    for (const key of sorted) {
      await sql`select pg_advisory_xact_lock(${ATTEMPTS_LOCK_CLASS}, hashtext(${`${limit.bucket}:${key}`}))`.execute(tx);
    }
    let retryAfterSeconds = 0;
    for (const key of sorted) retryAfterSeconds = Math.max(retryAfterSeconds, (await secondsUntilUnderLimit(tx, limit, key)) ?? 0);
    if (retryAfterSeconds > 0) return { retryAfterSeconds };
    const expiresAt = sql<Date>`statement_timestamp() + make_interval(secs => ${limit.windowSeconds})`;
    const rows = await tx
      .insertInto('attempts')
      .values(sorted.map((key) => ({ bucket: limit.bucket, key, expires_at: expiresAt })))
      .returning('id')
      .execute();
    return { ids: rows.map((row) => row.id) };
  });
}

export async function releaseAttempt(db: Kysely<DB>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('attempts').where('id', 'in', ids).execute();
}

/**
 * Deletes the attempts that stopped counting before `olderThan` (pass now: rows know their own
 * window, so no earlier time is needed); the number deleted. For the housekeeping scheduler.
 */
export async function pruneAttempts(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('attempts').where('expires_at', '<=', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** One limit as a feature applies it: 429 with Retry-After when over; counts nothing while rate limits are off. */
export class AttemptLimiter {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly limit: AttemptLimit,
    private readonly enabled: boolean,
  ) {}

  /** Counts an attempt for every key, before the work it guards; the ids to release it by. */
  async reserve(keys: readonly string[]): Promise<number[]> {
    if (!this.enabled) return [];
    const reservation = await reserveAttempt(this.db, this.limit, keys);
    if ('retryAfterSeconds' in reservation) throw new TooManyRequestsError(reservation.retryAfterSeconds);
    return reservation.ids;
  }

  /** Takes back an attempt that turned out not to count (a sign-in with the right password). */
  release(ids: readonly number[]): Promise<void> {
    return releaseAttempt(this.db, ids);
  }
}
