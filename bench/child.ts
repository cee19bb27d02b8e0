// A server under test in a child process of the bench: started from its compiled file, announcing its
// port over IPC ({ type: 'listening', port }), asked things over IPC, stopped with SIGTERM.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

export interface Child {
  name: string;
  process: ChildProcess;
  port: number;
  url(path: string): string;
  /** Sends `message` and resolves with the first message of type `answer` back; rejects after `timeoutMs`. */
  ask<T>(message: object, answer: string, timeoutMs: number): Promise<T>;
  /** SIGTERM, then SIGKILL after 15 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

export async function startChild(name: string, file: string, env: NodeJS.ProcessEnv, execArgv: string[] = []): Promise<Child> {
  const label = `${name} (${relative(ROOT, file)})`;
  // execArgv set explicitly: the bench runs under tsx, the servers run plain node.
  const child = fork(file, [], { env, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 120 s`)), 120_000);
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code} before listening`)));
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'listening') {
        clearTimeout(timer);
        resolve(message.port!);
      }
    });
  });
  child.removeAllListeners('exit');
  return {
    name,
    process: child,
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    ask: <T>(message: object, answer: string, timeoutMs: number) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} did not answer ${JSON.stringify(message)} within ${timeoutMs / 1000} s`)), timeoutMs);
        const onMessage = (received: { type?: string }) => {
          if (received.type !== answer) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(received as T);
        };
        child.on('message', onMessage);
        child.send(message);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * How production runs the forum: package.json's `start` script, `[NAME=value …] node [flags …]
 * dist/src/server.js` (the Dockerfile's ENV and CMD carry the same, test/core/node-options.test.ts checks
 * it), so the benches measure what production runs.
 */
function productionCommand(): { environment: Record<string, string>; nodeOptions: string[] } {
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts: { start: string } };
  const command = /(?:^|&&\s*)((?:[A-Z_][A-Z0-9_]*=\S+\s+)*)node\s+((?:--\S+\s+)*)dist\/src\/server\.js/.exec(pkg.scripts.start);
  if (!command) throw new Error(`package.json's start script does not run node … dist/src/server.js: ${pkg.scripts.start}`);
  const words = (text: string) => text.split(/\s+/).filter(Boolean);
  return {
    environment: Object.fromEntries(
      words(command[1]!).map((assignment) => [assignment.slice(0, assignment.indexOf('=')), assignment.slice(assignment.indexOf('=') + 1)]),
    ),
    nodeOptions: words(command[2]!),
  };
}

/** The node flags production runs the forum with. `--node-options` adds to them; later flags win. */
export const productionNodeOptions = (): string[] => productionCommand().nodeOptions;

/** The environment production's start sets for node itself (not the forum's settings: README, Configuration). */
export const productionEnvironment = (): Record<string, string> => productionCommand().environment;

/** VmRSS of a process, in MB (Linux /proc). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
/** CPU time (user + system) a process has used, in ms (Linux /proc; in steps of 10 ms). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command: state is index 0, so utime (field 14) is index 11 and stime index 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
