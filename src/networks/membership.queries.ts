// Who is a member of which network. Each query takes a Kysely instance first (a transaction or the
// pool). A deleted account's rows stay (its posts keep an author) but it is nobody's member: every read
// here leaves it out.
import { sql, type Expression, type Kysely, type QueryCreator } from 'kysely';
import { precompiled } from '../db/precompiled.js';
import type { DB, NetworkPosting } from '../db/schema.js';

/** Adds the membership; false when the account was a member already (a double join is one row). */
export async function insertMember(db: Kysely<DB>, networkId: number, accountId: number): Promise<boolean> {
  const row = await db
    .insertInto('network_members')
    .values({ network_id: networkId, account_id: accountId })
    .onConflict((oc) => oc.columns(['network_id', 'account_id']).doNothing())
    .returning('account_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends the membership; false when there was none. */
export async function deleteMember(db: Kysely<DB>, networkId: number, accountId: number): Promise<boolean> {
  const rows = await db.deleteFrom('network_members').where('network_id', '=', networkId).where('account_id', '=', accountId).returning('account_id').execute();
  return rows.length > 0;
}

function liveMembers(db: Kysely<DB>) {
  return db
    .selectFrom('network_members')
    .innerJoin('accounts', (join) => join.onRef('accounts.id', '=', 'network_members.account_id').on('accounts.deleted_at', 'is', null));
}

/** Whether the account is a member of the network: one row by primary key. */
export async function isMember(db: Kysely<DB>, networkId: number, accountId: number): Promise<boolean> {
  const row = await db
    .selectFrom('network_members')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The network's member count and whether the account (if any) is one of them. One query, on the primary key's index. */
export async function membershipState(db: Kysely<DB>, networkId: number, accountId: number | undefined): Promise<{ members: number; member: boolean }> {
  const row = await liveMembers(db)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('members'),
      sql<boolean | null>`bool_or(network_members.account_id = ${accountId ?? 0})`.as('member'),
    ])
    .where('network_members.network_id', '=', networkId)
    .executeTakeFirstOrThrow();
  return { members: Number(row.members), member: row.member === true };
}

/**
 * Where a page of members continues: the last row's joined_at in whole microseconds since 1970 (the
 * column's precision, so no member shares a cursor it should not) and its account id.
 */
export interface MembersCursor {
  micros: bigint;
  accountId: number;
}

/** One page of the network's members, the newest first; conveners marked. `before` continues after a page's last row. */
export function listMembers(db: Kysely<DB>, networkId: number, limit: number, before?: MembersCursor) {
  let query = liveMembers(db)
    .leftJoin('conveners', (join) =>
      join.onRef('conveners.network_id', '=', 'network_members.network_id').onRef('conveners.account_id', '=', 'network_members.account_id'),
    )
    .select([
      'network_members.account_id',
      'network_members.joined_at',
      sql<string>`(extract(epoch from network_members.joined_at) * 1000000)::bigint::text`.as('joined_micros'),
      'accounts.username',
      'accounts.display_name',
      sql<boolean>`conveners.account_id is not null`.as('convener'),
    ])
    .where('network_members.network_id', '=', networkId);
  if (before) {
    const at = sql<Date>`timestamptz 'epoch' + ${before.micros.toString()}::bigint * interval '1 microsecond'`;
    query = query.where(sql<boolean>`(network_members.joined_at, network_members.account_id) < (${at}, ${before.accountId})`);
  }
  return query.orderBy('network_members.joined_at', 'desc').orderBy('network_members.account_id', 'desc').limit(limit).execute();
}

/** The networks the account is a member of: the forum's default first, then by name. */
export function networksOfMember(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('network_members')
    .innerJoin('networks', 'networks.id', 'network_members.network_id')
    .select(['networks.id', 'networks.slug', 'networks.name'])
    .where('network_members.account_id', '=', accountId)
    .orderBy('networks.is_default', 'desc')
    .orderBy('networks.name')
    .execute();
}

/** Who may post in the network — its setting, its words for whom it is for — and whether the account is a member. */
export interface PostingRule {
  name: string;
  posting: NetworkPosting;
  audience: string;
  member: boolean;
}

/** postingRule as JSON, for a statement that reads it beside its own work; `networkId` may be a column of that statement. */
export function postingRuleJson(db: QueryCreator<DB>, networkId: Expression<number>, accountId: number) {
  return db
    .selectFrom('networks')
    .select(
      sql<PostingRule>`json_build_object('name', networks.name, 'posting', networks.posting, 'audience', networks.audience, 'member', exists (
        select 1 from network_members m where m.network_id = networks.id and m.account_id = ${accountId}))`.as('rule'),
    )
    .where('networks.id', '=', networkId);
}

const postingRuleOf = precompiled((db, v: { networkId: number; accountId: number }) => postingRuleJson(db, sql<number>`${v.networkId}`, v.accountId));

/** The network's posting rule for the account; undefined for no such network. */
export async function postingRule(db: Kysely<DB>, networkId: number, accountId: number): Promise<PostingRule | undefined> {
  return (await postingRuleOf.first(db, { networkId, accountId }))?.rule;
}
