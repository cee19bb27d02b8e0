// Read-your-writes for what this instance keeps in memory (cached pages, sessions, unread counts).
// Events are dispatched asynchronously, even on the instance whose request wrote them. So every write
// request, before its response leaves, raises the watermark to the newest event id a write here has
// committed (the server tells the writer's connection as the commit numbers it, events.ts); until the
// bus has dispatched that far, caches answer from the database instead. It costs no query: events
// commit in id order, so once the bus is past the id, it is past every event this instance's answered
// writes committed. Writes on other instances reach the caches as soon as their events do.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EventName } from './events.js';

export interface WriteWatermark {
  /** True while a write this instance answered has events not yet dispatched here: caches must not answer. */
  behind(): boolean;
  /**
   * behind() for a cache that only these events change (a viewer's session): true while an event of
   * these names that a write here committed has not been dispatched here, answered or not yet. Replies,
   * which change no session, then leave the session cache answering.
   */
  behindOn(names: readonly EventName[]): boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    writeWatermark: WriteWatermark;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isWrite(request: FastifyRequest): boolean {
  return !SAFE_METHODS.has(request.method);
}

export const writeWatermarkPlugin = fp(
  async (app: FastifyInstance) => {
    let watermark = 0;
    app.decorate('writeWatermark', {
      behind: () => app.events.cursor < watermark,
      behindOn: (names) => app.events.cursor < app.events.committedHere(names),
    } satisfies WriteWatermark);

    // Written with done: every request passes at once, without a promise.
    app.addHook('onSend', (request, _reply, payload, done) => {
      // A write committed (or failed) in this request: its events, if any, have their ids by now.
      if (isWrite(request)) watermark = Math.max(watermark, app.events.committedHere());
      done(null, payload);
    });
  },
  { name: 'write-watermark', dependencies: ['database'] },
);
