// Who is asking: reads the session cookie on every request and sets request.viewer (null for guests),
// from this instance's session cache when it can (session-cache.ts), otherwise from the database.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../core/viewer.js';
import { endSession, sessionIdOf, startSessionIn, validateSessionToken } from './sessions.js';
import { deleteExpiredSessions, type SessionWithAccount } from './accounts.queries.js';
import { SessionCache } from './session-cache.js';

export const SESSION_COOKIE = 'session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The id of the session behind the request; null for guests. */
    sessionId: string | null;
  }
  interface FastifyInstance {
    sessionCache: SessionCache;
  }
  interface FastifyReply {
    /** Starts a new session for the account (never reusing one) and sets its cookie. */
    signIn(accountId: number): Promise<void>;
    /** Sets the cookie of a session started in a transaction of the caller's (startSessionIn). */
    useSession(session: { token: string; expiresAt: Date }): void;
    signOut(): Promise<void>;
  }
}

export const sessionsPlugin = fp(
  async (app) => {
    const { db } = app.database;
    const secure = app.config.publicUrl.protocol === 'https:';
    const setSessionCookie = (reply: FastifyReply, token: string, expires: Date) =>
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });

    app.decorateRequest('sessionId', null);
    // A session that expires while nobody uses it would otherwise stay in the table for good.
    app.housekeeping.every({ name: 'expired sessions', everyMs: 60 * 60 * 1000, run: (now) => deleteExpiredSessions(db, now) });

    const sessionCache = new SessionCache(app);
    app.decorate('sessionCache', sessionCache);
    // Frozen: one cached viewer serves many requests.
    const viewerOf = (session: SessionWithAccount): Viewer =>
      Object.freeze({
        id: session.account_id,
        username: session.username,
        displayName: session.display_name,
        role: session.role,
        locale: session.locale,
        createdAt: session.account_created_at,
        convenes: session.convenes,
        // Without email addresses count as proven: one left unproven when email was turned off is not stuck.
        emailConfirmed: session.email_confirmed_at !== null || !app.email.enabled,
      });

    /** Validates a token the cache did not hold against the database, and remembers the session. */
    const validate = async (request: FastifyRequest, reply: FastifyReply, token: string) => {
      const generation = sessionCache.generation;
      const valid = await validateSessionToken(db, token);
      if (!valid) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return;
      }
      const { session } = valid;
      const viewer = viewerOf(session);
      request.sessionId = session.id;
      request.viewer = viewer;
      sessionCache.remember({ sessionId: session.id, viewer, secretHash: session.secret_hash, expiresAt: session.expires_at }, generation);
      if (valid.renewedUntil) setSessionCookie(reply, token, valid.renewedUntil);
    };

    // With `done`: a guest and a cached session answer at once (core/http.ts: the cost of an async hook).
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
      const token = request.cookies[SESSION_COOKIE];
      const cached = token ? sessionCache.lookUp(token) : undefined;
      if (cached) {
        request.sessionId = cached.sessionId;
        request.viewer = cached.viewer;
      }
      if (!token || cached) {
        done();
        return;
      }
      validate(request, reply, token).then(() => done(), done);
    });

    app.decorateReply('useSession', function (this: FastifyReply, { token, expiresAt }: { token: string; expiresAt: Date }) {
      // The session the request came with was ended with the new one's start (startSessionIn).
      if (this.request.sessionId) sessionCache.forget(this.request.sessionId);
      this.request.sessionId = sessionIdOf(token);
      setSessionCookie(this, token, expiresAt);
    });

    app.decorateReply('signIn', async function (this: FastifyReply, accountId: number) {
      const previous = this.request.sessionId;
      this.useSession(await db.transaction().execute((tx) => startSessionIn(tx, accountId, previous)));
    });

    app.decorateReply('signOut', async function (this: FastifyReply) {
      const { sessionId } = this.request;
      if (sessionId) {
        await endSession(db, sessionId);
        // Before the response: the old cookie must not sign anyone in on this instance from now on.
        sessionCache.forget(sessionId);
      }
      this.request.sessionId = null;
      this.request.viewer = null;
      this.clearCookie(SESSION_COOKIE, { path: '/' });
    });
  },
  { name: 'sessions', dependencies: ['http', 'database', 'housekeeping', 'write-watermark'] },
);
