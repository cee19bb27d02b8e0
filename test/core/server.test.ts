// What the person starting the forum reads: the log names one address to open, PUBLIC_URL's; and the
// server stops cleanly with every line written, even when whoever read its output has gone.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/ports.js';

interface LogEntry {
  msg: string;
  req?: { url: string };
}

type Server = ChildProcessByStdio<null, Readable, Readable>;

/** The forum started as `npm start` would, on an in-memory PGlite; resolves once it says it is up. */
async function startServer(onEntry: (entry: LogEntry) => void = () => {}) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: 'memory://', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  const server: Server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const entries: LogEntry[] = [];
  const up = new Promise<void>((resolve, reject) => {
    let buffered = '';
    server.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      for (const line of complete) {
        const entry = JSON.parse(line) as LogEntry;
        entries.push(entry);
        onEntry(entry);
        if (line.includes('is up at')) resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was up: ${entries.map((entry) => entry.msg).join(' | ')}`)));
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    return exited;
  };
  try {
    await up;
  } catch (error) {
    await stop();
    throw error;
  }
  return { server, port, entries, stop };
}

describe('starting the server', () => {
  it('logs one address to open, PUBLIC_URL, and not the address it is bound to; then one line per request, all written by the time it has stopped', async () => {
    let logged: () => void = () => {};
    const { port, entries, stop } = await startServer((entry) => {
      if (entry.req?.url === '/healthz?probe=2') logged();
    });
    try {
      const lines = () => entries.map((entry) => entry.msg);
      expect(lines().filter((line) => /https?:\/\//.test(line))).toEqual([`Bryggan is up at http://localhost:${port}/ on pglite`]);

      // Nothing that opens an account is written down: its session cookie as sent back, a cookie or an
      // authorization sent, a password.
      const registered = await fetch(`http://127.0.0.1:${port}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username: 'log_reader', displayName: 'Logga', email: 'log_reader@example.test', password: 'unlogged horse battery' }),
      });
      expect(registered.status).toBe(201);
      const session = /session=([^;]+)/.exec(registered.headers.get('set-cookie') ?? '')?.[1];
      expect(session).toBeTruthy();

      // One line per request, when it is answered, with what both of Fastify's lines said; the second
      // request's line arriving proves the first wrote no more than one.
      const second = new Promise<void>((resolve) => (logged = resolve));
      const secrets = { cookie: `session=${session}; other=cookie-secret`, authorization: 'Bearer authorization-secret' };
      expect((await fetch(`http://127.0.0.1:${port}/healthz?probe=1`, { headers: secrets })).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/healthz?probe=2`)).status).toBe(200);
      await second;
      const first = entries.filter((entry) => entry.req?.url === '/healthz?probe=1');
      expect(first).toEqual([
        expect.objectContaining({
          msg: 'request completed',
          reqId: expect.any(String),
          req: expect.objectContaining({ method: 'GET', url: '/healthz?probe=1', remoteAddress: '127.0.0.1' }),
          res: { statusCode: 200 },
          responseTime: expect.any(Number),
        }),
      ]);
      expect(entries.filter((entry) => entry.msg === 'incoming request')).toEqual([]);
      const written = JSON.stringify(entries);
      for (const secret of [session!, 'cookie-secret', 'authorization-secret', 'unlogged horse battery']) expect(written).not.toContain(secret);
      expect(entries.filter((entry) => entry.req?.url === '/register')).toHaveLength(1);

      // Lines are written in batches; stopping the server writes what was gathered: the line saying it
      // is closing, logged just before, is there when the process has exited.
      expect(await stop()).toBe(0);
      expect(lines()).toContain('closing: finishing requests in flight');
    } finally {
      await stop();
    }
  }, 60_000);

  it('stops at once when whoever read its log has gone, with lines still gathered to write', async () => {
    const { server, port, stop } = await startServer();
    try {
      server.stdout.destroy();
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      // A server that hangs on its way out is reported as such, not left to the test's timeout.
      const hanging = new Promise((resolve) => setTimeout(resolve, 20_000, 'still running after 20 s').unref());
      expect(await Promise.race([stop(), hanging])).toBe(0);
    } finally {
      server.kill('SIGKILL');
      await stop();
    }
  }, 60_000);
});
