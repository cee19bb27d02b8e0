import { sql, type Kysely } from 'kysely';

// People and their businesses. The tables every part of the people issue builds on:
// - accounts learn whether their address is proven (email_confirmed_at) and whether they were deleted
//   (deleted_at). A deleted account's row stays so its posts keep an author ("a former member"), but
//   nothing personal is left in it: email is erased (hence nullable, and only then), the display name
//   and password hash are replaced by placeholders. Accounts that exist when this runs were made under
//   the old rules and count as confirmed.
// - account_tokens: password-reset, confirmation and email-change links. Only the SHA-256 of the
//   token's secret is stored; a token is single use (used_at), and the email-change ones carry the new
//   address, which takes effect only when the link is used.
// - profiles: what a member tells about themselves; one row per account, erased with the account.
// - businesses, their networks, staff (with a role and whether they administer the page), and pending
//   invitations to join a business's staff.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('email_confirmed_at', 'timestamptz').addColumn('deleted_at', 'timestamptz').execute();
  await sql`update accounts set email_confirmed_at = created_at`.execute(db);
  await sql`alter table accounts alter column email drop not null`.execute(db);
  await sql`alter table accounts add constraint accounts_email_unless_deleted check (email is not null or deleted_at is not null)`.execute(db);
  await sql`alter table accounts add constraint accounts_deleted_have_no_email check (deleted_at is null or email is null)`.execute(db);

  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('password_reset', 'email_confirmation', 'email_change')`))
    // SHA-256 of the secret the link carries; the link itself is never stored.
    .addColumn('secret_hash', 'bytea', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`octet_length(secret_hash) = 32`),
    )
    // The address the link proves (confirmation, email change); null for a password reset.
    .addColumn('email', 'text', (c) => c.check(sql`email is null or position('@' in email) > 1`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addCheckConstraint('account_tokens_email_for_purpose', sql`(purpose = 'password_reset') = (email is null)`)
    .addCheckConstraint('account_tokens_expire_after_creation', sql`expires_at > created_at`)
    .execute();
  await db.schema.createIndex('account_tokens_account_id').on('account_tokens').columns(['account_id', 'purpose']).execute();

  await db.schema
    .createTable('profiles')
    .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('presentation', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(presentation) <= 1000`),
    )
    .addColumn('presentation_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text', (c) => c.check(sql`website ~ '^https?://' and char_length(website) <= 200`))
    .addColumn('phone', 'text', (c) => c.check(sql`char_length(phone) between 3 and 30`))
    .addColumn('show_phone', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('show_email', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('businesses')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9-]{2,60}$'`),
    )
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 2 and 80`))
    .addColumn('description', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(description) <= 2000`),
    )
    .addColumn('description_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text', (c) => c.check(sql`website ~ '^https?://' and char_length(website) <= 200`))
    .addColumn('place', 'text', (c) => c.check(sql`char_length(place) between 1 and 120`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The directory's search by name, and its order.
  await db.schema
    .createIndex('businesses_name')
    .on('businesses')
    .expression(sql`lower(name)`)
    .execute();

  await db.schema
    .createTable('business_networks')
    .addColumn('business_id', 'integer', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('business_networks_pkey', ['business_id', 'network_id'])
    .execute();
  await db.schema.createIndex('business_networks_network_id').on('business_networks').column('network_id').execute();

  await db.schema
    .createTable('business_staff')
    .addColumn('business_id', 'integer', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`char_length(role) between 1 and 40`))
    // Staff admins edit the page and invite and remove staff.
    .addColumn('is_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('business_staff_pkey', ['business_id', 'account_id'])
    .execute();
  await db.schema.createIndex('business_staff_account_id').on('business_staff').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('business_invitations')
    .addColumn('business_id', 'integer', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('invited_by_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`char_length(role) between 1 and 40`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('business_invitations_pkey', ['business_id', 'account_id'])
    .execute();
  await db.schema.createIndex('business_invitations_account_id').on('business_invitations').column('account_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['business_invitations', 'business_staff', 'business_networks', 'businesses', 'profiles', 'account_tokens']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`alter table accounts drop constraint accounts_deleted_have_no_email, drop constraint accounts_email_unless_deleted`.execute(db);
  await sql`delete from accounts where email is null`.execute(db);
  await sql`alter table accounts alter column email set not null`.execute(db);
  await db.schema.alterTable('accounts').dropColumn('deleted_at').dropColumn('email_confirmed_at').execute();
}
