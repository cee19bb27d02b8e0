// The validated sessions of this instance's recent requests, so a signed-in request usually runs no
// session query (issue 19). Correctness, in order of the ways a session could be served wrongly:
//   1. A forged token: a hit still checks the token's secret against the stored hash, in constant time.
//   2. An expired session, or one due for its sliding renewal: an entry is served only until its
//      renewal is due (which comes before expiry), so the request after that validates against the
//      database, which renews it and sends the cookie again.
//   3. A session ended, or an account changed, on this instance: sign-out drops its entry before the
//      response; any other write is covered by the write watermark (the cache is bypassed while this
//      instance has writes of the events below it has not dispatched yet, which drop the entries).
//   4. The same on another instance: the events below drop every entry of the account concerned.
//   5. A lost event: no entry outlives TTL_MS.
import type { FastifyInstance } from 'fastify';
import { AccountCache } from '../core/account-cache.js';
import type { EventName } from '../core/events.js';
import type { Viewer } from '../core/viewer.js';
import { parseToken, renewalDueAt, secretMatches } from './sessions.js';

const MAX_SESSIONS = 10_000;
const TTL_MS = 30_000;

/** What changes a viewer (the session itself, name, language, role, proven address, networks convened). */
const DROPPED_BY = ['sessions.ended', 'account.changed', 'viewer.changed', 'conveners.changed'] as const satisfies readonly EventName[];

interface CachedSession {
  sessionId: string;
  viewer: Viewer;
  secretHash: Uint8Array;
  /** Served until then (ms since the epoch): the moment renewal is due, before the session expires. */
  servableUntil: number;
}

export class SessionCache {
  readonly #sessions: AccountCache<string, CachedSession>;

  constructor(app: FastifyInstance) {
    this.#sessions = new AccountCache((_sessionId, session) => session.viewer.id, {
      max: MAX_SESSIONS,
      ttlMs: TTL_MS,
      watermark: app.writeWatermark,
      droppedBy: DROPPED_BY,
    });
    for (const name of DROPPED_BY) app.events.on(name, ({ accountId }) => this.#sessions.dropAccounts([accountId]));
  }

  /** Take before validating a token against the database; hand it to remember. */
  get generation(): number {
    return this.#sessions.generation;
  }

  /** The session of a cached token, unless this instance has writes whose events it has not seen yet. */
  lookUp(token: string, now = Date.now()): CachedSession | undefined {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    const session = this.#sessions.get(parsed.id);
    if (!session || now >= session.servableUntil) return undefined;
    return secretMatches(parsed.secret, session.secretHash) ? session : undefined;
  }

  /** Remembers a session just validated against the database, while it needs no renewal. */
  remember(session: { sessionId: string; viewer: Viewer; secretHash: Uint8Array; expiresAt: Date }, generation: number, now = Date.now()): void {
    const servableUntil = renewalDueAt(session.expiresAt);
    const ttlMs = Math.min(TTL_MS, servableUntil - now);
    if (ttlMs < 1) return;
    const { sessionId, viewer, secretHash } = session;
    this.#sessions.set(sessionId, { sessionId, viewer, secretHash, servableUntil }, generation, ttlMs);
  }

  forget(sessionId: string): void {
    this.#sessions.delete(sessionId);
  }
}
