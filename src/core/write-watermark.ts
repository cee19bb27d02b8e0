// Read-your-writes for what this instance keeps in memory (cached pages, sessions, unread counts).
// Events are dispatched asynchronously, even on the instance whose request wrote them. So every write
// request, as its response leaves (its transaction has committed), marks where the events table is and
// asks the event bus to read it (EventBus.markCommitted); until that read has handed every event up to
// the table's end to the listeners here, caches answer from the database instead. A write costs no query
// of its own: under load one read of the events serves the writes of many requests. While the database
// is away the read fails and caches keep answering from it (which fails too) until a read succeeds.
// Writes on other instances reach the caches as soon as their events do.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';

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
    let mark = 0;
    app.decorate('writeWatermark', { behind: () => !app.events.reached(mark) } satisfies WriteWatermark);

    app.addHook('onSend', (request, _reply, payload, done) => {
      // A write committed (or failed) in this request: its events are in the table by now.
      if (isWrite(request)) mark = app.events.markCommitted();
      done(null, payload);
    });
  },
  { name: 'write-watermark', dependencies: ['database'] },
);
