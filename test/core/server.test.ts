// What the person starting the forum reads: the log names one address to open, PUBLIC_URL's.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/ports.js';

interface LogEntry {
  msg: string;
  req?: { url: string };
}

describe('starting the server', () => {
  it('logs one address to open, PUBLIC_URL, and not the address it is bound to; then one line per request, all written by the time it has stopped', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: 'memory://', LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    delete env.PUBLIC_URL;
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines: string[] = [];
      const entries: LogEntry[] = [];
      let logged: () => void = () => {};
      await new Promise<void>((resolve, reject) => {
        let buffered = '';
        server.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const complete = buffered.split('\n');
          buffered = complete.pop()!;
          for (const line of complete) {
            const entry = JSON.parse(line) as LogEntry;
            entries.push(entry);
            lines.push(entry.msg);
            if (line.includes('is up at')) resolve();
            if (entry.req?.url === '/healthz?probe=2') logged();
          }
        });
        server.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was up: ${lines.join(' | ')}`)));
      });
      expect(lines.filter((line) => /https?:\/\//.test(line))).toEqual([`Bryggan is up at http://localhost:${port}/ on pglite`]);

      // One line per request, when it is answered, with what both of Fastify's lines said; the second
      // request's line arriving proves the first wrote no more than one.
      const second = new Promise<void>((resolve) => (logged = resolve));
      expect((await fetch(`http://127.0.0.1:${port}/healthz?probe=1`)).status).toBe(200);
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

      // Lines are written in batches; stopping the server writes what was gathered: the line saying it
      // is closing, logged just before, is there when the process has exited.
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
      expect(lines).toContain('closing: finishing requests in flight');
    } finally {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
    }
  }, 60_000);
});
