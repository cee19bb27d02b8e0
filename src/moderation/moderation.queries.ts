import type { Insertable, Kysely } from 'kysely';
import type { DB, HiddenKind, ModerationLogTable, ModerationReason } from '../db/schema.js';

/** A post with what moderating it needs to know: its thread's network and whether it is hidden. */
export function findPostForModeration(db: Kysely<DB>, postId: number) {
  return db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select(['posts.id', 'posts.thread_id', 'posts.author_id', 'posts.deleted_at', 'posts.hidden_at', 'posts.hidden_kind', 'threads.network_id'])
    .where('posts.id', '=', postId)
    .executeTakeFirst();
}

export type PostForModeration = NonNullable<Awaited<ReturnType<typeof findPostForModeration>>>;

export interface HideDecision {
  kind: HiddenKind;
  reason: ModerationReason;
  rule: number | null;
  note: string | null;
  byId: number | null;
}

export async function setPostHidden(db: Kysely<DB>, postId: number, decision: HideDecision): Promise<void> {
  await db
    .updateTable('posts')
    .set({
      hidden_at: new Date(),
      hidden_kind: decision.kind,
      hidden_reason: decision.reason,
      hidden_rule: decision.rule,
      hidden_note: decision.note,
      hidden_by_id: decision.byId,
    })
    .where('id', '=', postId)
    .execute();
}

export async function clearPostHidden(db: Kysely<DB>, postId: number): Promise<void> {
  await db
    .updateTable('posts')
    .set({ hidden_at: null, hidden_kind: null, hidden_reason: null, hidden_rule: null, hidden_note: null, hidden_by_id: null })
    .where('id', '=', postId)
    .execute();
}

export async function ruleExists(db: Kysely<DB>, networkId: number, number: number): Promise<boolean> {
  return !!(await db.selectFrom('network_rules').select('id').where('network_id', '=', networkId).where('number', '=', number).executeTakeFirst());
}

/** Closes the post's open flags with the convener's verdict. */
export async function resolveOpenFlags(db: Kysely<DB>, postId: number, resolution: 'agreed' | 'dismissed'): Promise<void> {
  await db.updateTable('flags').set({ resolution, resolved_at: new Date() }).where('post_id', '=', postId).where('resolution', 'is', null).execute();
}

export async function writeLog(db: Kysely<DB>, entry: Insertable<ModerationLogTable>): Promise<void> {
  await db.insertInto('moderation_log').values(entry).execute();
}

/** Adds the convener; false when they already were one. `appointedById` is null when whoever invited them is gone. */
export async function addConvener(db: Kysely<DB>, networkId: number, accountId: number, appointedById: number | null): Promise<boolean> {
  const result = await db
    .insertInto('conveners')
    .values({ network_id: networkId, account_id: accountId, appointed_by_id: appointedById })
    .onConflict((oc) => oc.columns(['network_id', 'account_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeConvener(db: Kysely<DB>, networkId: number, accountId: number): Promise<boolean> {
  const result = await db.deleteFrom('conveners').where('network_id', '=', networkId).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function listConveners(db: Kysely<DB>, networkIds: readonly number[]) {
  if (networkIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('conveners')
    .innerJoin('accounts', 'accounts.id', 'conveners.account_id')
    .select(['conveners.network_id', 'accounts.username', 'accounts.display_name'])
    .where('conveners.network_id', 'in', networkIds)
    .orderBy('accounts.display_name')
    .execute();
}

export async function convenedNetworkIds(db: Kysely<DB>, accountId: number): Promise<number[]> {
  const rows = await db.selectFrom('conveners').select('network_id').where('account_id', '=', accountId).execute();
  return rows.map((row) => row.network_id);
}
