// Kysely builds a query's tree and compiles it to SQL on every run. On the hot paths (a reply's
// request, the event bus) that building was a fifth of the forum's CPU under ten writers (perf,
// 2026-12-03). A precompiled query is built and compiled once, with
// a slot where each value goes; a run copies the parameters and puts its values in the slots.
//
// Only for queries whose SQL text is the same for every run: a value that changes the text (a list
// written out as `in ($1, $2, …)`, a column chosen at run time) cannot be a slot; pass a list as one
// array parameter (`= any(...)`) instead. Every database the forum opens speaks PostgreSQL (PGlite's
// dialect compiles with PostgreSQL's compiler), so the text compiled once serves them all.
import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { DB } from './schema.js';

/** Stands for one of a run's values in the parameters of the compiled query. */
class Slot {
  constructor(readonly key: string) {}
}

/** A slot for every value asked for: a builder takes them as if they were the values. */
const slots: object = new Proxy({}, { get: (_, key) => new Slot(String(key)) });

export interface Precompiled<V, R> {
  /** Every row. */
  rows(db: Kysely<DB>, values: V): Promise<R[]>;
  /** The first row, if any. */
  first(db: Kysely<DB>, values: V): Promise<R | undefined>;
  /** The whole result: rows and, for a write without `returning`, the rows it changed. */
  result(db: Kysely<DB>, values: V): Promise<QueryResult<R>>;
}

/**
 * `build` writes the query once, taking `values` as they will be on every run (each one a slot). It
 * must use every value only as a parameter: never in a condition of its own that shapes the query, and
 * never spread or iterated (an insert names each column: the slots' holder has no keys to list).
 */
export function precompiled<V extends object, R>(build: (db: Kysely<DB>, values: V) => Compilable<R>): Precompiled<V, R> {
  let compiled: CompiledQuery<R> | undefined;
  const result = (db: Kysely<DB>, values: V): Promise<QueryResult<R>> => {
    compiled ??= build(db, slots as V).compile();
    const parameters = compiled.parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.key as keyof V] : parameter));
    return db.executeQuery<R>({ query: compiled.query, queryId: createQueryId(), sql: compiled.sql, parameters });
  };
  return {
    result,
    rows: async (db, values) => (await result(db, values)).rows,
    first: async (db, values) => (await result(db, values)).rows[0],
  };
}
