// On PostgreSQL the forum's queries go as named statements, so PostgreSQL can keep their plans
// (src/db/prepared-statements.ts); a statement made stale by a migration still answers.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/connect.js';
import { createUnpooledTestDatabase, onPostgres, type TestDatabase } from '../helpers/context.js';

describe.runIf(onPostgres)('named statements on PostgreSQL', () => {
  let own: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    own = await createUnpooledTestDatabase();
    await own.database.close();
    // One connection: what the statements below prepare is on the one the checks read.
    database = await createDatabase({ databaseUrl: own.databaseUrl!, dataDir: '', poolSize: 1 });
    await sql`create table prepared_probe (a integer)`.execute(database.db);
    await sql`insert into prepared_probe values (1)`.execute(database.db);
  });
  afterAll(async () => {
    await database.close();
    await own.drop();
  });

  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(database.db)).rows.map((row) => row.statement);

  it('prepares a query once and runs it again by name, with new values each time', async () => {
    const byValue = (value: number) => sql<{ a: number }>`select a from prepared_probe where a = ${value}`.execute(database.db);
    expect((await byValue(1)).rows).toEqual([{ a: 1 }]);
    expect((await byValue(2)).rows).toEqual([]);
    expect((await prepared()).filter((text) => text.includes('from prepared_probe where a ='))).toHaveLength(1);
  });

  it('answers a query whose result columns a migration changed after it was prepared', async () => {
    const everything = () => sql<Record<string, number>>`select * from prepared_probe`.execute(database.db);
    expect((await everything()).rows).toEqual([{ a: 1 }]);
    await sql`alter table prepared_probe add column b integer default 7`.execute(database.db);
    expect((await everything()).rows).toEqual([{ a: 1, b: 7 }]);
    expect((await everything()).rows).toEqual([{ a: 1, b: 7 }]);
  });
});
