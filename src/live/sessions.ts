// A connection lives no longer than the session it was opened with, and sees what its account may see
// now: when sessions end (`sessions.ended`, from any instance) or conveners change, and at every
// heartbeat, the connections concerned are checked against the database in one query. A connection whose
// session is gone is closed with CLOSE_SESSION_ENDED; the others take their account's role and conveners.
import type { FastifyInstance } from 'fastify';
import type { Hub, LiveConnection } from './hub.js';
import { CLOSE_SESSION_ENDED } from './limits.js';
import { currentSessions } from './live.queries.js';

export function liveSessions(app: FastifyInstance, hub: Hub) {
  const { db } = app.database;
  // One check at a time, so a later check's answer, read later, is also applied later.
  let checking = Promise.resolve();

  async function check(connections: readonly LiveConnection[]): Promise<void> {
    const signedIn = connections.filter((connection) => connection.sessionId !== null && connection.open);
    if (signedIn.length === 0) return;
    const sessions = await currentSessions(db, [...new Set(signedIn.map((connection) => connection.sessionId!))], new Date());
    for (const connection of signedIn) {
      const session = sessions.get(connection.sessionId!);
      const viewer = connection.audience.viewer;
      if (!session || !viewer) hub.end(connection, CLOSE_SESSION_ENDED, 'session ended');
      else connection.audience.viewer = { ...viewer, role: session.role, convenes: session.convenes };
    }
  }

  /** Checks these connections' sessions after any check already under way; never rejects. */
  function recheck(connections: readonly LiveConnection[]): Promise<void> {
    checking = checking.then(() => check(connections)).catch((error: unknown) => app.log.warn({ err: error }, 'checking live sessions failed'));
    return checking;
  }

  app.events.on('sessions.ended', ({ accountId }) => recheck(hub.connectionsOf(accountId)));
  // A removed convener stops seeing hidden posts at once, not at the next heartbeat.
  app.events.on('conveners.changed', ({ accountId }) => recheck(hub.connectionsOf(accountId)));

  return { recheck };
}
