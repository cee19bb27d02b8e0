import { sql, type Kysely } from 'kysely';
// The one exception to "migrations never import app code": the posts written before search get their
// language from the same rule new posts get it from, so old and new posts are labelled alike.
import { detectPostLanguage, type PostLanguage } from '../src/search/language.js';

// Search (GET /search): every post knows its language, and PostgreSQL itself keeps the full-text index,
// in PGlite as on a server.
// - posts.lang / threads.lang: 'sv', 'da' or 'en', detected by the application when a post is written
//   or edited (a thread's is its opening post's).
// - posts.title: an opening post carries its thread's title (written with it, changed with it by the
//   edit that changes the title), so that a thread's opening is one document: `-word` in its body keeps
//   the thread out, and words split between its title and its body find it. Replies have none.
// - posts.search_document / threads.title_document: generated columns, so the database keeps them
//   current in the very statement that writes the text, whoever writes it (a reply, an edit, an
//   account's deletion erasing its posts, a bulk load): nothing can forget to. A post's document is
//   its title (weight A) and its stored HTML (weight B) read by the text-search parser, which skips tags
//   and entities, so a link counts by its text and never its URL, and a code block by its words. Each is
//   stemmed with its language's configuration. The thread's title document serves the similar-threads
//   lookup, which reads titles only.
// - GIN indexes; the posts' leaves deleted posts out, as search never shows them.
const CONFIG = (column: string) =>
  sql.raw(`case ${column} when 'sv' then 'swedish'::regconfig when 'da' then 'danish'::regconfig else 'english'::regconfig end`);

const BATCH = 2000;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table posts add column lang text, add column title text`.execute(db);
  await sql`update posts set title = threads.title from threads where threads.id = posts.thread_id and posts.parent_id is null`.execute(db);
  await sql`alter table posts add constraint posts_title_check check ((parent_id is null) = (title is not null))`.execute(db);
  await sql`alter table threads add column lang text`.execute(db);
  await labelExistingPosts(db);
  await sql`update threads set lang = opening.lang from posts opening where opening.thread_id = threads.id and opening.parent_id is null`.execute(db);
  // A thread is written with its opening post in one transaction; one without (never seen) reads as Swedish.
  await sql`update threads set lang = 'sv' where lang is null`.execute(db);
  for (const table of ['posts', 'threads']) {
    await sql`alter table ${sql.table(table)} alter column lang set not null`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.raw(`${table}_lang_check`)} check (lang in ('sv', 'da', 'en'))`.execute(db);
  }
  await sql`alter table posts add column search_document tsvector generated always as (
    setweight(to_tsvector(${CONFIG('lang')}, coalesce(title, '')), 'A') || setweight(to_tsvector(${CONFIG('lang')}, html), 'B')) stored`.execute(db);
  await sql`alter table threads add column title_document tsvector generated always as (to_tsvector(${CONFIG('lang')}, title)) stored`.execute(db);
  await sql`create index posts_search_document on posts using gin (search_document) where deleted_at is null`.execute(db);
  await sql`create index threads_title_document on threads using gin (title_document)`.execute(db);
}

/** Each post's language from its text (an opening post's with its thread's title), else its author's. */
async function labelExistingPosts(db: Kysely<any>): Promise<void> {
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ id: number; text: string; fallback: PostLanguage }>`
      select posts.id, coalesce(threads.title || E'\n\n', '') || posts.body as text, coalesce(author.locale, 'sv') as fallback
      from posts
      join accounts author on author.id = posts.author_id
      left join threads on threads.id = posts.thread_id and posts.parent_id is null
      where posts.id > ${after}
      order by posts.id
      limit ${BATCH}`.execute(db);
    if (rows.length === 0) return;
    const ids = rows.map((row) => row.id);
    const languages = rows.map((row) => detectPostLanguage(row.text, row.fallback));
    await sql`update posts set lang = labelled.lang
      from unnest(${ids}::integer[], ${languages}::text[]) as labelled(id, lang)
      where posts.id = labelled.id`.execute(db);
    after = ids[ids.length - 1]!;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index threads_title_document`.execute(db);
  await sql`drop index posts_search_document`.execute(db);
  await sql`alter table threads drop column title_document, drop column lang`.execute(db);
  await sql`alter table posts drop column search_document, drop column lang, drop column title`.execute(db);
}
