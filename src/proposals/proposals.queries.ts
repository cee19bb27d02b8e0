// Network proposals, those who would join them, and the notices about them: plain queries, the database
// (or a transaction) first. List queries take lists, so a page costs the same few queries however many
// proposals it shows.
import { sql, type Kysely } from 'kysely';
import type { DB, ProposalNoticeKind } from '../db/schema.js';

export interface NewProposal {
  proposerId: number;
  name: string;
  slug: string;
  audience: string;
  purpose: string;
  notFor: string;
  wantsHelp: boolean;
}

/** Files the proposal; two open proposals claiming one slug fail on network_proposals_open_slug. */
export async function insertProposal(db: Kysely<DB>, proposal: NewProposal): Promise<number> {
  const row = await db
    .insertInto('network_proposals')
    .values({
      proposer_id: proposal.proposerId,
      name: proposal.name,
      slug: proposal.slug,
      audience: proposal.audience,
      purpose: proposal.purpose,
      not_for: proposal.notFor,
      wants_help: proposal.wantsHelp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A proposal with its proposer, who decided it, the network it made and how many would join. */
function selectProposals(db: Kysely<DB>, viewerId: number | undefined) {
  return db
    .selectFrom('network_proposals as p')
    .innerJoin('accounts as proposer', 'proposer.id', 'p.proposer_id')
    .leftJoin('accounts as decider', 'decider.id', 'p.decided_by')
    .leftJoin('networks', 'networks.id', 'p.network_id')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.slug',
      'p.audience',
      'p.purpose',
      'p.not_for',
      'p.wants_help',
      'p.status',
      'p.proposer_id',
      'p.decided_at',
      'p.decline_reason',
      'p.created_at',
      'proposer.username as proposer_username',
      'proposer.display_name as proposer_display_name',
      'proposer.deleted_at as proposer_deleted_at',
      'proposer.locale as proposer_locale',
      'decider.username as decider_username',
      'decider.display_name as decider_display_name',
      'decider.deleted_at as decider_deleted_at',
      'networks.slug as network_slug',
      'networks.name as network_name',
      // Deleted accounts' rows are gone with them (proposals/public.ts forgetProposalsOf).
      eb
        .selectFrom('network_proposal_supporters as s')
        .select((inner) => inner.fn.countAll<number | string>().as('count'))
        .whereRef('s.proposal_id', '=', 'p.id')
        .as('supporter_count'),
      viewerId === undefined
        ? sql<boolean>`false`.as('viewer_supports')
        : eb
            .exists(
              eb
                .selectFrom('network_proposal_supporters as mine')
                .select('mine.account_id')
                .whereRef('mine.proposal_id', '=', 'p.id')
                .where('mine.account_id', '=', viewerId),
            )
            .as('viewer_supports'),
    ]);
}

export type ProposalRow = Awaited<ReturnType<ReturnType<typeof selectProposals>['execute']>>[number];

export function findProposal(db: Kysely<DB>, id: number, viewerId: number | undefined) {
  return selectProposals(db, viewerId).where('p.id', '=', id).executeTakeFirst();
}

/** The open proposals, newest first, and up to `decidedLimit` of the decided ones, the latest decided first. */
export async function listProposals(db: Kysely<DB>, viewerId: number | undefined, openLimit: number, decidedLimit: number) {
  const [open, decided] = await Promise.all([
    selectProposals(db, viewerId).where('p.status', '=', 'open').orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(openLimit).execute(),
    selectProposals(db, viewerId).where('p.status', '!=', 'open').orderBy('p.decided_at', 'desc').orderBy('p.id', 'desc').limit(decidedLimit).execute(),
  ]);
  return { open, decided };
}

/**
 * Locks the proposal against a decision for as long as the caller's transaction runs (FOR SHARE: many
 * supporters at once, but an approval's update waits for them, and they for it); its status, or
 * undefined for none. A support that commits first is among those the approval makes members; one that
 * comes after finds it decided.
 */
export async function lockProposalForSupport(db: Kysely<DB>, id: number) {
  return db.selectFrom('network_proposals').select(['id', 'status', 'proposer_id']).where('id', '=', id).forShare().executeTakeFirst();
}

/** Locks the proposal for its decision (FOR UPDATE: of two decisions at once, the second waits and finds it decided). */
export async function lockProposalForDecision(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('network_proposals')
    .select((eb) => [
      'id',
      'status',
      'proposer_id',
      'name',
      'slug',
      'audience',
      'purpose',
      'not_for',
      // A subquery: the proposer's row is read, not locked.
      eb.selectFrom('accounts').select('accounts.locale').whereRef('accounts.id', '=', 'network_proposals.proposer_id').as('proposer_locale'),
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Adds the supporter; false when they already were one. */
export async function insertSupporter(db: Kysely<DB>, proposalId: number, accountId: number): Promise<boolean> {
  const row = await db
    .insertInto('network_proposal_supporters')
    .values({ proposal_id: proposalId, account_id: accountId })
    .onConflict((oc) => oc.columns(['proposal_id', 'account_id']).doNothing())
    .returning('account_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteSupporter(db: Kysely<DB>, proposalId: number, accountId: number): Promise<void> {
  await db.deleteFrom('network_proposal_supporters').where('proposal_id', '=', proposalId).where('account_id', '=', accountId).execute();
}

export async function supporterCount(db: Kysely<DB>, proposalId: number): Promise<number> {
  const row = await db
    .selectFrom('network_proposal_supporters')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('proposal_id', '=', proposalId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Those who would join, the earliest first, with their names (live accounts only); `limit` at most. */
export function listSupporters(db: Kysely<DB>, proposalId: number, limit: number) {
  return db
    .selectFrom('network_proposal_supporters')
    .innerJoin('accounts', 'accounts.id', 'network_proposal_supporters.account_id')
    .select(['accounts.id', 'accounts.username', 'accounts.display_name', 'network_proposal_supporters.created_at'])
    .where('network_proposal_supporters.proposal_id', '=', proposalId)
    .where('accounts.deleted_at', 'is', null)
    .orderBy('network_proposal_supporters.created_at')
    .orderBy('accounts.id')
    .limit(limit)
    .execute();
}

/** Those who would join, as ids (under the decision's lock). */
export async function supporterIds(db: Kysely<DB>, proposalId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('network_proposal_supporters')
    .innerJoin('accounts', 'accounts.id', 'network_proposal_supporters.account_id')
    .select('accounts.id')
    .where('network_proposal_supporters.proposal_id', '=', proposalId)
    .where('accounts.deleted_at', 'is', null)
    .orderBy('network_proposal_supporters.created_at')
    .orderBy('accounts.id')
    .execute();
  return rows.map((row) => row.id);
}

export async function markApproved(db: Kysely<DB>, id: number, adminId: number, networkId: number): Promise<void> {
  await db
    .updateTable('network_proposals')
    .set({ status: 'approved', decided_by: adminId, decided_at: new Date(), network_id: networkId })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

export async function markDeclined(db: Kysely<DB>, id: number, adminId: number, reason: string): Promise<void> {
  await db
    .updateTable('network_proposals')
    .set({ status: 'declined', decided_by: adminId, decided_at: new Date(), decline_reason: reason })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Notices

/** Tells every live admin but the proposer of a new proposal; the admins told. One statement. */
export async function noticeAdmins(db: Kysely<DB>, proposalId: number, proposerId: number): Promise<number[]> {
  const rows = await db
    .insertInto('proposal_notices')
    .columns(['account_id', 'proposal_id', 'kind'])
    .expression((eb) =>
      eb
        .selectFrom('accounts')
        .select(['accounts.id', sql.lit(proposalId).as('proposal_id'), sql.lit('proposed').as('kind')])
        .where('accounts.role', '=', 'admin')
        .where('accounts.deleted_at', 'is', null)
        .where('accounts.id', '!=', proposerId),
    )
    .onConflict((oc) => oc.columns(['account_id', 'proposal_id', 'kind']).doNothing())
    .returning('account_id')
    .execute();
  return rows.map((row) => row.account_id);
}

export async function insertNotices(
  db: Kysely<DB>,
  proposalId: number,
  notices: ReadonlyArray<{ accountId: number; kind: ProposalNoticeKind }>,
): Promise<void> {
  if (notices.length === 0) return;
  await db
    .insertInto('proposal_notices')
    .values(notices.map((notice) => ({ account_id: notice.accountId, proposal_id: proposalId, kind: notice.kind })))
    .onConflict((oc) => oc.columns(['account_id', 'proposal_id', 'kind']).doNothing())
    .execute();
}

/** Once decided, a proposal waits for no admin: their notices of it are read. The admins whose count changed. */
export async function readProposedNotices(db: Kysely<DB>, proposalId: number, at: Date): Promise<number[]> {
  const rows = await db
    .updateTable('proposal_notices')
    .set({ read_at: at })
    .where('proposal_id', '=', proposalId)
    .where('kind', '=', 'proposed')
    .where('read_at', 'is', null)
    .returning('account_id')
    .execute();
  return rows.map((row) => row.account_id);
}

/** The account's notices for its /notifications: every unread one, and those read in the last `readDays` days; newest first. */
export function listNoticesOf(db: Kysely<DB>, accountId: number, limit: number, readDays: number) {
  return db
    .selectFrom('proposal_notices as n')
    .innerJoin('network_proposals as p', 'p.id', 'n.proposal_id')
    .innerJoin('accounts as proposer', 'proposer.id', 'p.proposer_id')
    .leftJoin('networks', 'networks.id', 'p.network_id')
    .select([
      'n.id',
      'n.kind',
      'n.created_at',
      'n.read_at',
      'p.id as proposal_id',
      'p.name as proposal_name',
      'p.decline_reason',
      'proposer.username as proposer_username',
      'proposer.display_name as proposer_display_name',
      'proposer.deleted_at as proposer_deleted_at',
      'networks.slug as network_slug',
      'networks.name as network_name',
    ])
    .where('n.account_id', '=', accountId)
    .where((eb) => eb.or([eb('n.read_at', 'is', null), eb('n.read_at', '>', sql<Date>`now() - make_interval(days => ${readDays})`)]))
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
}

export type NoticeRow = Awaited<ReturnType<typeof listNoticesOf>>[number];

/** One of the account's notices, with where it leads; undefined when it is not theirs. */
export function findNotice(db: Kysely<DB>, accountId: number, id: number) {
  return db
    .selectFrom('proposal_notices as n')
    .innerJoin('network_proposals as p', 'p.id', 'n.proposal_id')
    .leftJoin('networks', 'networks.id', 'p.network_id')
    .select(['n.id', 'n.kind', 'n.read_at', 'p.id as proposal_id', 'networks.slug as network_slug'])
    .where('n.account_id', '=', accountId)
    .where('n.id', '=', id)
    .executeTakeFirst();
}

/** Marks the account's notices read: this one, or (none named) all. How many changed. */
export async function markNoticesRead(db: Kysely<DB>, accountId: number, at: Date, id?: number): Promise<number> {
  let query = db.updateTable('proposal_notices').set({ read_at: at }).where('account_id', '=', accountId).where('read_at', 'is', null);
  if (id !== undefined) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// Deleting an account

/** The account's open proposals go (their supporters and notices with them); the accounts whose notices went. */
export async function deleteOpenProposalsOf(db: Kysely<DB>, accountId: number): Promise<number[]> {
  const open = db.selectFrom('network_proposals').select('id').where('proposer_id', '=', accountId).where('status', '=', 'open');
  const told = await db
    .selectFrom('proposal_notices')
    .select('account_id')
    .distinct()
    .where('proposal_id', 'in', open)
    .where('read_at', 'is', null)
    .where('account_id', '!=', accountId)
    .execute();
  await db.deleteFrom('network_proposals').where('proposer_id', '=', accountId).where('status', '=', 'open').execute();
  return told.map((row) => row.account_id);
}

/** What is the account's alone: whom it would join with, what it was told; and its name off the decisions it made. */
export async function forgetAccount(db: Kysely<DB>, accountId: number): Promise<void> {
  await db.deleteFrom('network_proposal_supporters').where('account_id', '=', accountId).execute();
  await db.deleteFrom('proposal_notices').where('account_id', '=', accountId).execute();
  await db.updateTable('network_proposals').set({ decided_by: null }).where('decided_by', '=', accountId).execute();
}
