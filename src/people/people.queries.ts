// The queries of a person's page and its form. Each takes a Kysely instance first.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { selectPosts } from '../posts/posts.queries.js';

/** A live account with its profile (every profile column null when the member never filled one); undefined when deleted or unknown. */
export function findPerson(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('accounts')
    .leftJoin('profiles', 'profiles.account_id', 'accounts.id')
    .select([
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'accounts.email',
      'accounts.email_confirmed_at',
      'accounts.created_at',
      'profiles.presentation',
      'profiles.presentation_html',
      'profiles.website',
      'profiles.phone',
      'profiles.show_phone',
      'profiles.show_email',
    ])
    .where('accounts.id', '=', accountId)
    .where('accounts.deleted_at', 'is', null)
    .executeTakeFirst();
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

export interface ProfileFields {
  presentation: string;
  presentationHtml: string;
  website: string | null;
  phone: string | null;
  showPhone: boolean;
  showEmail: boolean;
}

/** Writes the account's profile: its one row, made the first time. */
export async function saveProfile(db: Kysely<DB>, accountId: number, fields: ProfileFields): Promise<void> {
  const columns = {
    presentation: fields.presentation,
    presentation_html: fields.presentationHtml,
    website: fields.website,
    phone: fields.phone,
    show_phone: fields.showPhone,
    show_email: fields.showEmail,
  };
  await db
    .insertInto('profiles')
    .values({ account_id: accountId, ...columns })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...columns, updated_at: sql<Date>`now()` }))
    .execute();
}

/** The networks the account follows or convenes (the forum's default first, then by name), with which it does. */
export function networksOfPerson(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('networks')
    .leftJoin('follows', (join) => join.onRef('follows.network_id', '=', 'networks.id').on('follows.account_id', '=', accountId))
    .leftJoin('conveners', (join) => join.onRef('conveners.network_id', '=', 'networks.id').on('conveners.account_id', '=', accountId))
    .select([
      'networks.slug',
      'networks.name',
      sql<boolean>`follows.account_id is not null`.as('follows'),
      sql<boolean>`conveners.account_id is not null`.as('convenes'),
    ])
    .where((eb) => eb.or([eb('follows.account_id', 'is not', null), eb('conveners.account_id', 'is not', null)]))
    .orderBy('networks.is_default', 'desc')
    .orderBy('networks.name')
    .execute();
}

/**
 * The account's latest posts of one kind — threads it opened (`opening`) or replies — newest first,
 * not deleted. Who may read each is for the visibility rule to say.
 */
export function latestPostsOf(db: Kysely<DB>, accountId: number, kind: 'opening' | 'reply', limit: number) {
  return selectPosts(db)
    .where('posts.author_id', '=', accountId)
    .where('posts.parent_id', kind === 'opening' ? 'is' : 'is not', null)
    .where('posts.deleted_at', 'is', null)
    .orderBy('posts.id', 'desc')
    .limit(limit)
    .execute();
}
