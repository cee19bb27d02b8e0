// PostgreSQL plans an unnamed statement again every time it runs. The forum's page queries join five or
// six tables and are planned in 2–4 ms and executed in 0.3 ms (the home page's thread lists, measured
// with EXPLAIN ANALYZE on the bench's forum), so planning was most of what a member's page cost the
// database. A named (prepared) statement is planned with its values for its first five runs; then, when
// a plan for any values costs no more than those did, PostgreSQL keeps that one (plan_cache_mode auto)
// and later runs skip planning: 0.02 ms. A query whose best plan depends on its values says so
// (PLANNED_PER_RUN) and goes unnamed, planned with its values every run: PostgreSQL's choice after five
// runs is made on estimates, and a generic plan of a search, which cannot see how common its words are or
// which range of ids it reads, cost a rare word 70 ms at a million posts instead of 3.
//
// Kysely sends every query as text and values; this pool hands it clients that send them as named
// statements, the name being the text's digest (node-postgres prepares a name once per connection).
// Bounded: at most MAX_NAMED distinct texts are ever named (queries with lists of varying length make
// new texts); the rest run unnamed, so no connection keeps more than that many statements.
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

const MAX_NAMED = 2000;

/**
 * The comment a query starts with to be planned with its values on every run, never named: for queries
 * whose plan depends on them (search's words and windows). Written first so the pool tells at once.
 */
export const PLANNED_PER_RUN = '/* planned per run */';

/** PostgreSQL refuses a prepared statement whose result columns changed under it (a migration ran). */
const CACHED_PLAN_CHANGED_RESULT = '0A000';

export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  /** The text's statement name; '' or undefined: run it unnamed. */
  const nameOf = (text: string): string | undefined => {
    if (text.startsWith(PLANNED_PER_RUN)) return undefined;
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED) {
      name = `k${createHash('sha1').update(text).digest('base64url')}`;
      names.set(text, name);
    }
    return name;
  };
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  function preparing(client: pg.PoolClient): PostgresPoolClient {
    // node-postgres types a result's command as any string; Kysely's as the commands it knows.
    async function named(text: string, values: readonly unknown[]): Promise<PostgresQueryResult<unknown>> {
      const name = nameOf(text);
      if (!name) return (await client.query(text, [...values])) as PostgresQueryResult<unknown>;
      try {
        return (await client.query({ name, text, values: [...values] })) as PostgresQueryResult<unknown>;
      } catch (error) {
        if ((error as { code?: string }).code !== CACHED_PLAN_CHANGED_RESULT) throw error;
        // Its statement is stale on this connection for good: from now on the text runs unnamed everywhere.
        names.set(text, '');
        return (await client.query(text, [...values])) as PostgresQueryResult<unknown>;
      }
    }
    function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query(
      sqlOrCursor: string | PostgresCursor<unknown>,
      parameters: readonly unknown[] = [],
    ): Promise<PostgresQueryResult<unknown>> | PostgresCursor<unknown> {
      // A cursor (Kysely's streaming) is node-postgres's own object: passed through as it came.
      return typeof sqlOrCursor === 'string'
        ? named(sqlOrCursor, parameters)
        : (client.query(sqlOrCursor as unknown as pg.Submittable) as unknown as PostgresCursor<unknown>);
    }
    return { query, release: () => client.release() };
  }

  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = preparing(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
