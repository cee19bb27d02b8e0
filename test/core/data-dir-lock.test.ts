// The embedded database is one process's: a second server on the same data folder is refused by name,
// and a lock left by a process that died is taken over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/db/connect.js';
import { LOCK_FILE } from '../../src/db/data-dir-lock.js';

describe.runIf(process.env.TEST_DB !== 'postgres')('the embedded database folder', () => {
  let dir: string;
  const snapshot = () => new Blob([readFileSync(inject('pgliteSnapshotPath'))]);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bryggan-lock-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused to a second process while one has it open, naming the holder', async () => {
    const first = await createDatabase({ databaseUrl: undefined, dataDir: dir, pgliteSnapshot: snapshot() });
    try {
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`in use by process ${process.pid}`);
      expect(second.stderr).not.toContain('    at ');
      // The first still works.
      await first.db.selectFrom('accounts').select('id').execute();
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('is taken over from a holder that died without letting go', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead.pid, host: hostname(), startedAt: new Date().toISOString(), command: 'killed' }));
    let database: Database | undefined;
    try {
      database = await createDatabase({ databaseUrl: undefined, dataDir: dir });
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    } finally {
      await database?.close();
    }
  });
});
