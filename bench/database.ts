// A fresh database for one benchmark run: a new database on the PostgreSQL server DATABASE_URL names,
// or a PGlite data directory in a temp dir. drop() removes it either way.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  kind: 'postgres' | 'pglite';
  /** Set on PostgreSQL. */
  databaseUrl: string | undefined;
  /** Set on PGlite. */
  dataDir: string | undefined;
  /** For people: the database's name or directory. */
  label: string;
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'bryggan-bench-'));
    const dataDir = join(dir, 'data');
    return {
      kind: 'pglite',
      databaseUrl: undefined,
      dataDir,
      label: `PGlite at ${dataDir}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `bryggan_bench_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    databaseUrl: url.href,
    dataDir: undefined,
    label: `PostgreSQL database ${name}`,
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}
