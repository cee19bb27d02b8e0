import { sql, type Kysely } from 'kysely';

// Whom a post mentions, written by the transaction that writes the post (an edit replaces them), so
// the notifications worker reads them instead of parsing the post's HTML. `position` keeps the order
// of first mention: the worker tells the first ten. Posts written before are filled in from their
// HTML, where each mention of an account was linked as
// `<a class="mention" href="/u/<name>" data-mention="<account id>">` — markup no author could write
// (raw HTML was escaped, and the sanitizer dropped classes and data attributes from links).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('post_mentions')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_mentions_pkey', ['post_id', 'account_id'])
    .execute();
  await sql`
    insert into post_mentions (post_id, account_id, position)
    select mention.post_id, mention.account_id, row_number() over (partition by mention.post_id order by mention.first_at)
    from (
      select posts.id as post_id, link.captured[1]::integer as account_id, min(link.at) as first_at
      from posts
      cross join lateral regexp_matches(posts.html, '<a class="mention" href="[^"]*" data-mention="(\\d{1,9})">', 'g') with ordinality as link(captured, at)
      where posts.html like '%data-mention=%'
      group by posts.id, link.captured[1]::integer
    ) as mention
    where exists (select 1 from accounts where accounts.id = mention.account_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('post_mentions').execute();
}
