// The embedded database belongs to one process. PGlite does not notice a second one opening the same
// folder, and two writers corrupt it (two posts with one id, acknowledged replies lost), so the folder
// is locked before it is opened: a lock file created exclusively, naming its holder. A holder that
// died (kill -9, a power cut) leaves the file behind; a lock whose process is gone on this machine is
// taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'bryggan.lock';

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';

  constructor(dataDir: string, holder: Holder | undefined) {
    super(
      holder
        ? `The embedded database in ${dataDir} is in use by process ${holder.pid} on ${holder.host} (${holder.command}, started ${holder.startedAt}). ` +
            'Stop that process first, or give this one its own DATA_DIR.'
        : `The embedded database in ${dataDir} is locked by another process (${join(dataDir, LOCK_FILE)}).`,
    );
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The holder died: it was on this machine and its process is gone, or its pid is ours, which a
 * container restart hands out again (this process is only now taking the lock).
 */
function holderIsGone(holder: Holder | undefined): boolean {
  return !!holder && holder.host === hostname() && (holder.pid === process.pid || !isAlive(holder.pid));
}

/** Takes the folder's lock or throws DataDirInUseError; returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: process.argv.slice(1).join(' ') || process.argv0 };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (attempt === 0 && holderIsGone(holder)) {
        unlinkSync(path);
        continue;
      }
      throw new DataDirInUseError(dataDir, holder);
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    return () => {
      if (readHolder(path)?.pid === me.pid) unlinkSync(path);
    };
  }
  throw new DataDirInUseError(dataDir, readHolder(path));
}
