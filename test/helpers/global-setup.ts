// Runs once before the suite: migrates a PGlite database and a PostgreSQL template database, so each
// test file starts from a copy instead of running initdb and the migrations again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshotPath: string;
    postgresTemplate: string | null;
    /** Test databases on PostgreSQL are named with it; the run drops them all at its end. */
    testDatabasePrefix: string;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.href;
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'bryggan-test-'));
  const pglite = await createDatabase({ databaseUrl: undefined, dataDir: 'memory://' });
  await migrateToLatest(pglite.db);
  const snapshotPath = join(dir, 'pglite-snapshot.tar');
  const snapshot = await pglite.snapshot!();
  writeFileSync(snapshotPath, Buffer.from(await snapshot.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteSnapshotPath', snapshotPath);

  const serverUrl = process.env.TEST_DATABASE_URL;
  let template: string | null = null;
  if (serverUrl) {
    template = `bryggan_template_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = await createDatabase({ databaseUrl: withDatabase(serverUrl, template), dataDir: '' });
    await migrateToLatest(database.db);
    await database.close();
    await admin.end();
  }
  project.provide('postgresTemplate', template);
  const prefix = `bryggan_test_${randomBytes(3).toString('hex')}_`;
  project.provide('testDatabasePrefix', prefix);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (serverUrl && template) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      // Workers keep their databases to the end of the run (test/helpers/context.ts): they go here.
      const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    }
  };
}
