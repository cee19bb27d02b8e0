import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A network's rules in their order, with the stored HTML of each explanation. */
export function listRules(db: Kysely<DB>, networkId: number) {
  return db.selectFrom('network_rules').select(['number', 'title', 'body', 'body_html']).where('network_id', '=', networkId).orderBy('number').execute();
}

export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];

/** Numbers and titles only: what the posting forms show ("Before you post: 1. …, 2. …"). */
export function listRuleTitles(db: Kysely<DB>, networkId: number) {
  return db.selectFrom('network_rules').select(['number', 'title']).where('network_id', '=', networkId).orderBy('number').execute();
}

/** The rule titles of several networks in one query (the review queue's items, each to hide by its network's rule). */
export function listRuleTitlesOf(db: Kysely<DB>, networkIds: readonly number[]) {
  if (networkIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('network_rules').select(['network_id', 'number', 'title']).where('network_id', 'in', networkIds).orderBy('number').execute();
}

/** Replaces the network's rules with these, numbered 1..n in the order given. */
export async function replaceRules(db: Kysely<DB>, networkId: number, rules: ReadonlyArray<{ title: string; body: string; bodyHtml: string }>): Promise<void> {
  await db.deleteFrom('network_rules').where('network_id', '=', networkId).execute();
  if (rules.length === 0) return;
  await db
    .insertInto('network_rules')
    .values(rules.map((rule, i) => ({ network_id: networkId, number: i + 1, title: rule.title, body: rule.body, body_html: rule.bodyHtml })))
    .execute();
}
