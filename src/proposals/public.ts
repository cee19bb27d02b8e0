// What other features use of proposals: the notices at the top of a member's /notifications (and
// marking them all read with the rest), and what deleting an account does to its proposals. The rest of
// proposals/ is its own.
import type { Kysely } from 'kysely';
import type { Translate } from '../core/i18n/index.js';
import type { DB } from '../db/schema.js';
import { noticeJson, type ProposalNoticeView } from './present.js';
import * as queries from './proposals.queries.js';

export { ProposalNoticeJson } from './proposals.schemas.js';

/** Notices shown at most; read ones stay this many days. */
const NOTICES_SHOWN = 20;
const READ_NOTICES_DAYS = 14;

/** The account's proposal notices, newest first: the unread ones, and those read lately. */
export async function proposalNoticesOf(db: Kysely<DB>, accountId: number, t: Translate): Promise<ProposalNoticeView[]> {
  const rows = await queries.listNoticesOf(db, accountId, NOTICES_SHOWN, READ_NOTICES_DAYS);
  return rows.map((row) => noticeJson(row, t));
}

/** Marks every proposal notice of the account read, inside the caller's transaction ("mark all read"); how many changed. */
export function markAllProposalNoticesRead(tx: Kysely<DB>, accountId: number, at: Date): Promise<number> {
  return queries.markNoticesRead(tx, accountId, at);
}

/**
 * Deleting an account, inside its transaction: its open proposals are withdrawn (nobody is left to
 * convene them: they go, with who would join and the admins' notices of them); those decided stay,
 * signed "a former member", as its posts do. Whom it would join with and its notices go; the decisions
 * it made as an admin stand, by nobody named. Answers the accounts whose unread counts changed.
 */
export async function forgetProposalsOf(tx: Kysely<DB>, accountId: number): Promise<number[]> {
  const told = await queries.deleteOpenProposalsOf(tx, accountId);
  await queries.forgetAccount(tx, accountId);
  return told;
}
