// Domain events: a feature commits its write, then publishes; others (live, following) listen.
// Payloads are ids only, so a listener loads what it needs under its own rules.
import { EventEmitter } from 'node:events';

export interface DomainEvents {
  'thread.created': { threadId: number; networkId: number; postId: number };
  'post.created': { postId: number; threadId: number };
  'post.edited': { postId: number; threadId: number };
  'post.deleted': { postId: number; threadId: number };
  'network.changed': { networkId: number };
}

export type EventName = keyof DomainEvents;

declare module 'fastify' {
  interface FastifyInstance {
    events: EventBus;
  }
}

export class EventBus {
  readonly #emitter = new EventEmitter({ captureRejections: true });

  constructor(private readonly onListenerError: (error: unknown, name: EventName) => void) {
    this.#emitter.setMaxListeners(50);
  }

  publish<N extends EventName>(name: N, payload: DomainEvents[N]): void {
    this.#emitter.emit(name, payload);
  }

  /** A failing listener is reported, never thrown back at the publisher: the write has already committed. */
  on<N extends EventName>(name: N, listener: (payload: DomainEvents[N]) => void | Promise<void>): () => void {
    const wrapped = (payload: DomainEvents[N]) => {
      try {
        Promise.resolve(listener(payload)).catch((error: unknown) => this.onListenerError(error, name));
      } catch (error) {
        this.onListenerError(error, name);
      }
    };
    this.#emitter.on(name, wrapped);
    return () => this.#emitter.off(name, wrapped);
  }
}
