// A PostgreSQL server of a test's or a bench's own, in a temp dir on a free port, that it may stop,
// start and freeze: outages are never rehearsed on the shared server the other tests use.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.js';

export interface OwnPostgres {
  url: string;
  port: number;
  /** pg_ctl start, returning once the server accepts connections; blocks this process meanwhile. */
  start(): void;
  /** pg_ctl stop: `fast` ends sessions at once, as a restart does. Blocks this process meanwhile. */
  stop(mode?: 'fast' | 'immediate'): void;
  /** start() without blocking: requests this process sends keep going (and being timed) meanwhile. */
  startInBackground(): Promise<void>;
  /** stop() without blocking, likewise. */
  stopInBackground(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops every process of the server in place (SIGSTOP): connections stay open, nothing answers. */
  freeze(): void;
  thaw(): void;
  destroy(): void;
}

function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/** The command line of a server tool, run as the postgres user when we are root (PostgreSQL refuses to run as root). */
function serverTool(tool: string, args: string[]): [string, string[]] {
  const command = join(binDir(), tool);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function run(tool: string, args: string[]): void {
  execFileSync(...serverTool(tool, args), { stdio: 'pipe' });
}

async function runInBackground(tool: string, args: string[]): Promise<void> {
  await promisify(execFile)(...serverTool(tool, args));
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'bryggan-pg-'));
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const startArgs = ['-D', data, '-o', options, '-w', '-l', join(dir, 'log'), 'start'];
  const stopArgs = (mode: 'fast' | 'immediate') => ['-D', data, '-m', mode, '-w', 'stop'];
  const start = () => run('pg_ctl', startArgs);
  start();
  const pids = (): number[] => {
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map(Number);
    return [postmaster, ...children];
  };
  const signal = (name: NodeJS.Signals) => {
    for (const pid of pids()) {
      try {
        process.kill(pid, name);
      } catch {
        // Gone meanwhile.
      }
    }
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop: (mode = 'fast') => run('pg_ctl', stopArgs(mode)),
    startInBackground: () => runInBackground('pg_ctl', startArgs),
    stopInBackground: (mode = 'fast') => runInBackground('pg_ctl', stopArgs(mode)),
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    destroy() {
      try {
        signal('SIGCONT');
        run('pg_ctl', stopArgs('immediate'));
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
