// Read-your-writes for what this instance keeps in memory (cached pages, sessions, unread counts).
// Events are dispatched asynchronously, even on the instance whose request wrote them. So every write
// request, before its response leaves, raises the watermark to the newest event id a write here has
// taken (events.ts notes each as it is inserted, before its commit); until the bus has dispatched that
// far, caches answer from the database instead. It costs no query: events commit in id order, so once
// the bus is past the id, it is past every event this instance's answered writes committed. Writes on
// other instances reach the caches as soon as their events do. An id whose transaction rolled back is
// never dispatched; the bus passes it with the next event, and until then caches only answer less often.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newestEventRecordedHere } from './events.js';

export interface WriteWatermark {
  /** True while a write this instance answered has events not yet dispatched here: caches must not answer. */
  behind(): boolean;
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
    } satisfies WriteWatermark);

    // Written with done: every request passes at once, without a promise.
    app.addHook('onSend', (request, _reply, payload, done) => {
      // A write committed (or failed) in this request: its events, if any, have their ids by now.
      if (isWrite(request)) watermark = Math.max(watermark, newestEventRecordedHere(app.database.db));
      done(null, payload);
    });
  },
  { name: 'write-watermark', dependencies: ['database'] },
);
