// Read-your-writes for what this instance keeps in memory (cached pages, sessions, unread counts).
// Events are dispatched asynchronously, even on the instance whose request wrote them. So every write
// request, before its response leaves, notes the newest committed event id (the watermark); until the
// bus has dispatched that far, caches answer from the database instead. Writes on other instances reach
// the caches as soon as their events do.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { latestEventId } from './events.js';

export interface WriteWatermark {
  /** True while a write this instance answered has events not yet dispatched here: caches must not answer. */
  behind(): boolean;
  /**
   * Called when a write was answered but the newest event could not be read (the database is away):
   * nothing a cache held before that write may be served after it.
   */
  onUntracked(listener: () => void): void;
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
    const untracked = new Set<() => void>();
    app.decorate('writeWatermark', {
      behind: () => app.events.cursor < watermark,
      onUntracked: (listener) => void untracked.add(listener),
    } satisfies WriteWatermark);
    app.addHook('onClose', async () => untracked.clear());

    // Written with done: every read passes at once, without a promise.
    app.addHook('onSend', (request, _reply, payload, done) => {
      if (!isWrite(request)) {
        done(null, payload);
        return;
      }
      // A write committed (or failed) in this request: its event is in the table by now.
      latestEventId(app.database.db).then(
        (id) => {
          watermark = Math.max(watermark, id);
          done(null, payload);
        },
        () => {
          // The answer (likely a 503 already) still goes out.
          for (const listener of untracked) listener();
          done(null, payload);
        },
      );
    });
  },
  { name: 'write-watermark', dependencies: ['database'] },
);
