// How PostgreSQL runs a search: the plan and timing of matchingThreads' and similarThreadIds' SQL
// (src/search/search.queries.ts) on a generated forum, for a member who convenes nothing.
//
//   npx tsx bench/generate.ts --scale 1          (keeps the database; prints its URL)
//   DATABASE_URL=postgres://…/bryggan_bench_… npx tsx bench/search-explain.ts "fiskeguiden kommunen" [--network slug] [--latest] [--similar] [--times N]
//
// Prints EXPLAIN (ANALYZE, BUFFERS) of each statement the search sends, then the time of N more runs.
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/db/schema.js';
import { matchingThreads, newestPostId, similarThreadIds, type SearchReader } from '../src/search/search.queries.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    network: { type: 'string' },
    latest: { type: 'boolean', default: false },
    similar: { type: 'boolean', default: false },
    times: { type: 'string', default: '20' },
    member: { type: 'string', default: '2' },
  },
});
const text = positionals.join(' ');
if (!text || !process.env.DATABASE_URL) {
  console.error('usage: DATABASE_URL=… npx tsx bench/search-explain.ts <query> [--network slug] [--latest] [--similar] [--times N]');
  process.exit(2);
}

const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  log: (event: LogEvent) => {
    if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
  },
});

const reader: SearchReader = { accountId: Number(values.member), isAdmin: false, convenes: [] };
const networkId = values.network ? (await db.selectFrom('networks').select('id').where('slug', '=', values.network).executeTakeFirstOrThrow()).id : undefined;
const window = { upToPostId: await newestPostId(db), asOf: new Date() };
const search = () =>
  values.similar
    ? similarThreadIds(db, networkId ?? 1, text, reader, 5)
    : matchingThreads(db, text, reader, { networkId, titlesOnly: false }, values.latest ? 'latest' : 'relevance', window, null, 21);

captured.length = 0;
const found = await search();
console.log(`${found.length} rows`);
const statements = [...captured];
for (const statement of statements) {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${statement.sql}`, statement.parameters as unknown[]);
  console.log(rows.map((row) => row['QUERY PLAN']).join('\n'));
}
const times: number[] = [];
for (let i = 0; i < Number(values.times); i++) {
  const started = performance.now();
  await search();
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(
  `${times.length} runs: min ${times[0]?.toFixed(1)} ms, median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms`,
);
await sql`select 1`.execute(db);
await db.destroy();
