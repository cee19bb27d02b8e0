import { sql, type Kysely } from 'kysely';

// Search at a million posts (npm run bench -- --only search; README, Performance): one GIN index per
// language in place of one for all.
//
// A post matches when its document matches the query as its own language reads it. With one index,
// the index could only be asked for the posts matching any language's reading, and every one of those
// rows was then read again to check its language's: for a word in every fourth post, 240,000 rows,
// about 2 s. With an index per language (partial: `lang = 'sv'`, and deleted posts left out as
// before), each language's reading is asked of its own index, whose answer is exact: no row is read to
// check it, only the newest matches are read at all (search.queries.ts: matches). Together they are
// the size of the one they replace.
const LANGUAGES = ['sv', 'da', 'en'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const lang of LANGUAGES) {
    await sql`create index ${sql.raw(`posts_search_document_${lang}`)} on posts using gin (search_document)
      where deleted_at is null and lang = ${sql.lit(lang)}`.execute(db);
  }
  await sql`drop index posts_search_document`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index posts_search_document on posts using gin (search_document) where deleted_at is null`.execute(db);
  for (const lang of LANGUAGES) await sql`drop index ${sql.raw(`posts_search_document_${lang}`)}`.execute(db);
}
