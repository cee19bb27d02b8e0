// Reading everything the forum keeps about one member, for GET /me/export: their account, profile,
// businesses, posts with every earlier version, follows, watches, how far they read threads, flags, thanks and network proposals. It reads other features'
// tables the way deletion.queries.ts erases them: only the member's own rows, one query per table.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export function accountForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('accounts')
    .select(['username', 'display_name', 'email', 'locale', 'role', 'created_at', 'email_confirmed_at'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
}

export function profileForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('profiles')
    .select(['presentation', 'website', 'phone', 'show_phone', 'show_email', 'updated_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export function businessesForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('business_staff')
    .innerJoin('businesses', 'businesses.id', 'business_staff.business_id')
    .select(['businesses.slug', 'businesses.name', 'business_staff.role', 'business_staff.is_admin', 'business_staff.created_at'])
    .where('business_staff.account_id', '=', accountId)
    .orderBy('business_staff.created_at')
    .execute();
}

/** Every post the member wrote, deleted and hidden ones too (they are theirs), oldest first. */
export function postsForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('networks', 'networks.id', 'threads.network_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'threads.title',
      'networks.slug as network',
      'posts.parent_id',
      'posts.author_id',
      'posts.created_at',
      'posts.edited_at',
      'posts.body',
      'posts.deleted_at',
      'posts.deleted_by_id',
      'posts.hidden_at',
      'posts.hidden_kind',
      'posts.hidden_reason',
      'posts.hidden_rule',
      'posts.hidden_note',
    ])
    .where('posts.author_id', '=', accountId)
    .orderBy('posts.id')
    .execute();
}

/** The earlier versions of the member's posts, oldest first. */
export function revisionsForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('post_revisions')
    .innerJoin('posts', 'posts.id', 'post_revisions.post_id')
    .select(['post_revisions.post_id', 'post_revisions.body', 'post_revisions.title', 'post_revisions.created_at'])
    .where('posts.author_id', '=', accountId)
    .orderBy('post_revisions.post_id')
    .orderBy('post_revisions.id')
    .execute();
}

export function followsForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('follows')
    .innerJoin('networks', 'networks.id', 'follows.network_id')
    .select(['networks.slug', 'follows.level', 'follows.created_at'])
    .where('follows.account_id', '=', accountId)
    .orderBy('follows.created_at')
    .execute();
}

export function watchesForExport(db: Kysely<DB>, accountId: number) {
  return db.selectFrom('thread_watches').select(['thread_id', 'state', 'created_at']).where('account_id', '=', accountId).orderBy('created_at').execute();
}

/** How far the member has read each thread they opened (reading/: thread_reads). */
export function readsForExport(db: Kysely<DB>, accountId: number) {
  return db.selectFrom('thread_reads').select(['thread_id', 'last_read_post_id', 'read_at']).where('account_id', '=', accountId).orderBy('thread_id').execute();
}

/** The posts the member thanked, and when (never who else did). */
export function thanksForExport(db: Kysely<DB>, accountId: number) {
  return db.selectFrom('post_thanks').select(['post_id', 'created_at']).where('account_id', '=', accountId).orderBy('created_at').orderBy('post_id').execute();
}

/** The flags the member made: which post, why, and what became of it; never who else flagged it. */
export function flagsForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('flags')
    .select(['post_id', 'reason', 'rule', 'note', 'created_at', 'resolution'])
    .where('flagger_id', '=', accountId)
    .orderBy('created_at')
    .execute();
}

/** The member's answers to meetings (whatever the meeting's title now shows, its thread id), oldest first. */
export function meetingAnswersForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('meeting_answers')
    .innerJoin('meetings', 'meetings.thread_id', 'meeting_answers.thread_id')
    .select([
      'meeting_answers.thread_id',
      'meeting_answers.answer',
      'meeting_answers.headcount',
      'meeting_answers.queue',
      'meeting_answers.answered_at',
      'meetings.starts_at',
    ])
    .where('meeting_answers.account_id', '=', accountId)
    .orderBy('meeting_answers.answered_at')
    .execute();
}

/** The network proposals the member made, oldest first. */
export function proposalsForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('network_proposals')
    .select(['name', 'slug', 'audience', 'purpose', 'not_for', 'wants_help', 'status', 'created_at', 'decided_at', 'decline_reason'])
    .where('proposer_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The proposals the member said they would join, oldest first. */
export function supportedProposalsForExport(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('network_proposal_supporters')
    .innerJoin('network_proposals', 'network_proposals.id', 'network_proposal_supporters.proposal_id')
    .select(['network_proposals.name', 'network_proposal_supporters.created_at'])
    .where('network_proposal_supporters.account_id', '=', accountId)
    .orderBy('network_proposal_supporters.created_at')
    .execute();
}
