// A test file's own forum: a database of its own and the app built on it. Making a migrated database
// costs a second or more (loading a PGlite snapshot) or a CREATE DATABASE (PostgreSQL); emptying one
// costs milliseconds. So each worker process (vitest runs files with isolate: false) keeps the
// databases its test files have closed, and hands one to the next file emptied: every table truncated
// and the rows the migrations wrote put back. A database whose schema a test changed (a trigger, a
// table of its own) is thrown away instead. Nothing a file wrote is seen by the next.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type BuildOptions } from '../../src/app.js';
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

/** A test's database: `drop` hands it back (or removes it), whatever `this` it is called with. */
export interface TestDatabase {
  database: Database;
  databaseUrl: string | undefined;
  drop: () => Promise<void>;
}

interface PooledDatabase {
  database: Database;
  databaseUrl: string | undefined;
  /** The query listener of the file using it (query-count tests); a database outlives its users. */
  hooks: { onQuery?: (sql: string) => void };
  /** The schema as migrated: what a reusable database still has. */
  fingerprint: string;
  /** Tables to empty, and the rows the migrations wrote to put back (`event_consumers`' cursors). */
  tables: string[];
  seeds: Array<{ table: string; rows: unknown[] }>;
  /** Removes the database (PostgreSQL) once it is closed; nothing to do for PGlite in memory. */
  dropClosed: () => Promise<void>;
}

async function destroy(pooled: PooledDatabase): Promise<void> {
  await pooled.database.close();
  await pooled.dropClosed();
}

const idle: PooledDatabase[] = [];

/** Counts of the schema's objects: a test that adds a table, a function or a trigger changes it. */
async function schemaFingerprint(db: Database['db']): Promise<string> {
  const { rows } = await sql<{ fingerprint: string }>`
    select concat_ws(':',
      (select count(*) from pg_class where relnamespace = 'public'::regnamespace),
      (select count(*) from pg_proc where pronamespace = 'public'::regnamespace),
      (select count(*) from pg_trigger where not tgisinternal)) as fingerprint`.execute(db);
  return rows[0]!.fingerprint;
}

async function openDatabase(): Promise<PooledDatabase> {
  const hooks: PooledDatabase['hooks'] = {};
  const onQuery = (query: string) => hooks.onQuery?.(query);
  let database: Database;
  let databaseUrl: string | undefined;
  let dropClosed = async () => {};
  if (!onPostgres) {
    const snapshot = new Blob([readFileSync(inject('pgliteSnapshotPath'))]);
    database = await createDatabase({ databaseUrl: undefined, dataDir: 'memory://', pgliteSnapshot: snapshot, onQuery });
  } else {
    const template = inject('postgresTemplate');
    if (!template) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
    const name = `${inject('testDatabasePrefix')}${randomBytes(6).toString('hex')}`;
    await withAdmin((client) => client.query(`create database ${name} template ${template}`));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.href;
    database = await createDatabase({ databaseUrl, dataDir: '', onQuery });
    dropClosed = () => withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined);
  }
  const tables = (
    await sql<{
      name: string;
    }>`select tablename as name from pg_tables where schemaname = 'public' and tablename not like 'kysely%' order by tablename`.execute(database.db)
  ).rows.map((row) => row.name);
  const seeds = [];
  for (const table of tables) {
    const { rows } = await sql<{ rows: unknown[] | null }>`select json_agg(t) as rows from ${sql.table(table)} t`.execute(database.db);
    if (rows[0]?.rows) seeds.push({ table, rows: rows[0].rows });
  }
  return { database, databaseUrl, hooks, fingerprint: await schemaFingerprint(database.db), tables, seeds, dropClosed };
}

/** Empties a used database for the next file; false when its schema changed, and it must go. */
async function emptied(pooled: PooledDatabase): Promise<boolean> {
  const { db } = pooled.database;
  if ((await schemaFingerprint(db)) !== pooled.fingerprint) return false;
  // Event ids go on from where the last file left them, as they do on a live forum: an instance keeps
  // the newest id its writes took (the write watermark), which must not run ahead of the new file's.
  await sql`truncate table events continue identity cascade`.execute(db);
  await sql`truncate table ${sql.join(pooled.tables.filter((table) => table !== 'events').map((table) => sql.table(table)))} restart identity cascade`.execute(
    db,
  );
  for (const { table, rows } of pooled.seeds) {
    await sql`insert into ${sql.table(table)} overriding system value select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
      db,
    );
  }
  return true;
}

/**
 * A migrated, empty database of the caller's own until it calls `close` (or `drop`): then it goes back
 * to this worker's pool. `databaseUrl` is its PostgreSQL URL (for a second app or a raw client);
 * undefined on PGlite.
 */
export async function createTestDatabase(onQuery?: (sql: string) => void): Promise<TestDatabase> {
  let pooled: PooledDatabase | undefined;
  for (let candidate = idle.pop(); candidate && !pooled; candidate = idle.pop()) {
    if (await emptied(candidate)) pooled = candidate;
    else await destroy(candidate);
  }
  pooled ??= await openDatabase();
  pooled.hooks.onQuery = onQuery;
  const taken = pooled;
  let returned = false;
  const giveBack = async () => {
    if (returned) return;
    returned = true;
    taken.hooks.onQuery = undefined;
    idle.push(taken);
  };
  return { database: { ...taken.database, close: giveBack }, databaseUrl: taken.databaseUrl, drop: giveBack };
}

/**
 * A migrated, empty database that is nobody else's, before or after: `close` really closes it (a test
 * that takes the database away from a running app), and `drop`, once it is closed, removes it.
 */
export async function createUnpooledTestDatabase(): Promise<TestDatabase> {
  const own = await openDatabase();
  return { database: own.database, databaseUrl: own.databaseUrl, drop: own.dropClosed };
}

/** Rate limits are off unless a test turns them on: most tests register many accounts from one address. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ PUBLIC_URL: 'http://forum.test', LOG_LEVEL: 'silent', RATE_LIMITS: 'off', ...env });
}

/**
 * Builds the app on a fresh database. `env` sets configuration as the environment would; `onQuery`
 * hears every query; `options` are buildApp's (timings and transports of workers, as tests need them).
 */
export async function createTestContext(
  env: Record<string, string> = {},
  onQuery?: (sql: string) => void,
  options: Omit<BuildOptions, 'database' | 'logger'> = {},
): Promise<TestContext> {
  const { database, databaseUrl, drop } = await createTestDatabase(onQuery);
  const config = testConfig(env);
  const app = await buildApp(config, { ...options, database, logger: false });
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

/**
 * A second app instance on the first's PostgreSQL database (two instances need a server both reach;
 * PGlite lives inside one process): its own connections, event listener and workers. `close` closes
 * this instance only; the first's `close` still ends the database.
 */
export async function secondInstance(first: TestContext): Promise<TestContext> {
  const database = await createDatabase({ databaseUrl: first.databaseUrl, dataDir: '' });
  const app = await buildApp(first.config, { database, logger: false });
  await app.ready();
  return {
    ...first,
    app,
    database,
    db: database.db,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
