// What the person starting the forum reads: the log names one address to open, PUBLIC_URL's.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/ports.js';

describe('starting the server', () => {
  it('logs one address to open, PUBLIC_URL, and not the address it is bound to', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: 'memory://', LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    delete env.PUBLIC_URL;
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        let buffered = '';
        server.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const complete = buffered.split('\n');
          buffered = complete.pop()!;
          for (const line of complete) {
            lines.push((JSON.parse(line) as { msg: string }).msg);
            if (line.includes('is up at')) resolve();
          }
        });
        server.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was up: ${lines.join(' | ')}`)));
      });
      expect(lines.filter((line) => /https?:\/\//.test(line))).toEqual([`Bryggan is up at http://localhost:${port}/ on pglite`]);
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
