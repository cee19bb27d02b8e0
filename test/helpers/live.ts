// A websocket client for /live that collects messages and waits for the ones a test expects.
import { CookieAccessInfo } from 'cookiejar';
import WebSocket from 'ws';
import type { Agent } from './agents.js';
import type { TestContext } from './context.js';

export interface LiveClient {
  socket: WebSocket;
  messages: Array<Record<string, any>>;
  send(message: unknown): void;
  /** Resolves with the first unread message matching `match`; rejects after the timeout. */
  next(match?: (message: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /**
   * Sends a ping and waits for its pong; resolves with the unread messages that came before it. What
   * the server sent before handling the ping has then arrived: proof that nothing else did.
   */
  settle(timeoutMs?: number): Promise<Array<Record<string, any>>>;
  /** Resolves at the server's next websocket ping (its heartbeat). */
  pinged(): Promise<void>;
  /** Stops reading from the connection (the server's output piles up), and starts again. */
  pause(): void;
  resume(): void;
  closed: Promise<number>;
  close(): void;
}

/** The Cookie header carrying the agent's session. */
export function sessionCookie(agent: Agent): string {
  const cookie = agent.jar.getCookie('session', new CookieAccessInfo('127.0.0.1', '/', false, false));
  if (!cookie) throw new Error('the agent has no session cookie');
  return `session=${cookie.value}`;
}

/** Starts the app listening on a free port (once) and returns its ws:// base. */
export async function liveUrl(ctx: TestContext): Promise<string> {
  if (!ctx.app.server.listening) await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `ws://127.0.0.1:${address.port}/live`;
}

export async function connectLive(ctx: TestContext, headers: Record<string, string> = {}): Promise<LiveClient> {
  const socket = new WebSocket(await liveUrl(ctx), { headers });
  const messages: Array<Record<string, any>> = [];
  let read = 0;
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse((data as Buffer).toString()));
    for (const wake of waiters) wake();
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    socket.once('error', reject);
  });
  // A connection the server cuts off errors on the client's next write; it ends in 'close' all the same.
  socket.on('error', () => undefined);
  // The underlying TCP socket: what pause() stops reading from.
  const tcp = (socket as unknown as { _socket: import('node:net').Socket })._socket;
  const client: LiveClient = {
    socket,
    messages,
    closed,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next(match = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          while (read < messages.length) {
            const message = messages[read++]!;
            if (match(message)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(message);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages.slice(-5))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async settle(timeoutMs = 5000) {
      const from = read;
      client.send({ type: 'ping' });
      await client.next((m) => m.type === 'pong', timeoutMs);
      return messages.slice(from, read - 1);
    },
    pinged: () => new Promise((resolve) => socket.once('ping', () => resolve())),
    pause: () => tcp.pause(),
    resume: () => tcp.resume(),
    close: () => socket.close(),
  };
  return client;
}
