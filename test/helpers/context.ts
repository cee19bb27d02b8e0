// A test file's own forum: a fresh database (a PGlite copy, or a PostgreSQL database made from the
// migrated template) and the app built on it. Nothing is shared between files.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/db/connect.js';

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  db: Database['db'];
  /** The PostgreSQL URL of this file's database; undefined on PGlite. */
  databaseUrl: string | undefined;
  config: Config;
  close(): Promise<void>;
}

export const onPostgres = process.env.TEST_DB === 'postgres';

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, migrated, empty database; `drop` removes it (PostgreSQL) or does nothing (PGlite in memory). */
export async function createTestDatabase(onQuery?: (sql: string) => void): Promise<{ database: Database; databaseUrl: string | undefined; drop(): Promise<void> }> {
  if (!onPostgres) {
    const snapshot = new Blob([readFileSync(inject('pgliteSnapshotPath'))]);
    const database = await createDatabase({ databaseUrl: undefined, dataDir: 'memory://', pgliteSnapshot: snapshot, onQuery });
    return { database, databaseUrl: undefined, drop: async () => {} };
  }
  const template = inject('postgresTemplate');
  if (!template) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `bryggan_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name} template ${template}`));
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const database = await createDatabase({ databaseUrl: url.href, dataDir: '', onQuery });
  return {
    database,
    databaseUrl: url.href,
    drop: () => withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** Rate limits are off unless a test turns them on: most tests register many accounts from one address. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ PUBLIC_URL: 'http://forum.test', LOG_LEVEL: 'silent', RATE_LIMITS: 'off', ...env });
}

/** Builds the app on a fresh database. `env` sets configuration as the environment would. */
export async function createTestContext(env: Record<string, string> = {}, onQuery?: (sql: string) => void): Promise<TestContext> {
  const { database, databaseUrl, drop } = await createTestDatabase(onQuery);
  const config = testConfig(env);
  const app = await buildApp(config, { database, logger: false });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    databaseUrl,
    config,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
