// On PostgreSQL the forum's queries go as named statements, so PostgreSQL can keep their plans
// (src/db/prepared-statements.ts); a statement made stale by a migration still answers; search, whose
// plan depends on its words, is planned anew every run.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/connect.js';
import { matchingThreads, similarThreadIds } from '../../src/search/search.queries.js';
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

  it('sends search unnamed, so PostgreSQL plans it with its words every run, while the query beside it is prepared', async () => {
    const reader = { accountId: null, isAdmin: false, convenes: [] };
    // More than the five runs after which PostgreSQL may keep a generic plan of a prepared statement.
    for (let run = 0; run < 7; run += 1) {
      const words = run % 2 ? 'kajak brygga' : 'fiske';
      const matches = await matchingThreads(database.db, words, reader, { titlesOnly: false }, 'relevance', { upToPostId: 1_000, asOf: new Date() }, null, 20);
      expect(matches).toEqual([]);
      expect(await similarThreadIds(database.db, 1, `Hyra ${words}`, reader, 5)).toEqual([]);
      expect((await sql<{ a: number }>`select a from prepared_probe where a = ${run}`.execute(database.db)).rows).toHaveLength(run === 1 ? 1 : 0);
    }
    const statements = await prepared();
    expect(statements.filter((text) => text.includes('websearch_to_tsquery'))).toEqual([]);
    expect(statements.filter((text) => text.includes('from prepared_probe where a ='))).toHaveLength(1);
  });

  it('answers a query whose result columns a migration changed after it was prepared', async () => {
    const everything = () => sql<Record<string, number>>`select * from prepared_probe`.execute(database.db);
    expect((await everything()).rows).toEqual([{ a: 1 }]);
    await sql`alter table prepared_probe add column b integer default 7`.execute(database.db);
    expect((await everything()).rows).toEqual([{ a: 1, b: 7 }]);
    expect((await everything()).rows).toEqual([{ a: 1, b: 7 }]);
  });
});
