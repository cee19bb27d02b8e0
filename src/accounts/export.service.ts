// The member's data as one JSON document (GET /me/export), built field by field from export.queries.ts.
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { DB } from '../db/schema.js';
import { emailSettingsOf } from '../email/public.js';
import type { AccountExport } from './export.schemas.js';
import * as queries from './export.queries.js';

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

type PostRow = Awaited<ReturnType<typeof queries.postsForExport>>[number];
type RevisionRow = Awaited<ReturnType<typeof queries.revisionsForExport>>[number];

function exportedPost(post: PostRow, revisions: readonly RevisionRow[]): Static<typeof AccountExport>['posts'][number] {
  return {
    id: post.id,
    threadId: post.thread_id,
    threadTitle: post.parent_id === null ? post.title : null,
    network: post.network,
    parentId: post.parent_id,
    createdAt: iso(post.created_at),
    editedAt: isoOrNull(post.edited_at),
    body: post.body,
    deleted: post.deleted_at ? { at: iso(post.deleted_at), byAuthor: post.deleted_by_id === post.author_id } : null,
    hidden:
      post.hidden_at && post.hidden_kind && post.hidden_reason
        ? { at: iso(post.hidden_at), by: post.hidden_kind, reason: post.hidden_reason, rule: post.hidden_rule, note: post.hidden_note }
        : null,
    revisions: revisions.map((revision) => ({ body: revision.body, title: revision.title, replacedAt: iso(revision.created_at) })),
  };
}

export async function exportAccount(db: Kysely<DB>, accountId: number, forumName: string, now = new Date()): Promise<Static<typeof AccountExport>> {
  const account = await queries.accountForExport(db, accountId);
  const profile = await queries.profileForExport(db, accountId);
  const businesses = await queries.businessesForExport(db, accountId);
  const posts = await queries.postsForExport(db, accountId);
  const revisions = new Map<number, RevisionRow[]>();
  for (const revision of await queries.revisionsForExport(db, accountId)) {
    const earlier = revisions.get(revision.post_id);
    if (earlier) earlier.push(revision);
    else revisions.set(revision.post_id, [revision]);
  }
  const follows = await queries.followsForExport(db, accountId);
  const watches = await queries.watchesForExport(db, accountId);
  const reads = await queries.readsForExport(db, accountId);
  const flags = await queries.flagsForExport(db, accountId);
  const thanks = await queries.thanksForExport(db, accountId);
  const { frequency } = await emailSettingsOf(db, accountId, true);
  const proposals = await queries.proposalsForExport(db, accountId);
  const supported = await queries.supportedProposalsForExport(db, accountId);
  const meetingAnswers = await queries.meetingAnswersForExport(db, accountId);
  return {
    forum: forumName,
    exportedAt: iso(now),
    account: {
      username: account.username,
      displayName: account.display_name,
      email: account.email,
      locale: account.locale,
      role: account.role,
      createdAt: iso(account.created_at),
      emailConfirmedAt: isoOrNull(account.email_confirmed_at),
    },
    profile: profile
      ? {
          presentation: profile.presentation,
          website: profile.website,
          phone: profile.phone,
          showPhone: profile.show_phone,
          showEmail: profile.show_email,
          updatedAt: iso(profile.updated_at),
        }
      : null,
    businesses: businesses.map((business) => ({
      slug: business.slug,
      name: business.name,
      role: business.role,
      isAdmin: business.is_admin,
      since: iso(business.created_at),
    })),
    posts: posts.map((post) => exportedPost(post, revisions.get(post.id) ?? [])),
    follows: follows.map((follow) => ({ network: follow.slug, level: follow.level, since: iso(follow.created_at) })),
    watches: watches.map((watch) => ({ threadId: watch.thread_id, state: watch.state, since: iso(watch.created_at) })),
    reads: reads.map((read) => ({ threadId: read.thread_id, readUpToPostId: read.last_read_post_id, at: iso(read.read_at) })),
    flags: flags.map((flag) => ({
      postId: flag.post_id,
      reason: flag.reason,
      rule: flag.rule,
      note: flag.note,
      createdAt: iso(flag.created_at),
      resolution: flag.resolution,
    })),
    thanks: thanks.map((row) => ({ postId: row.post_id, at: iso(row.created_at) })),
    emailNotifications: frequency,
    proposals: proposals.map((proposal) => ({
      name: proposal.name,
      slug: proposal.slug,
      audience: proposal.audience,
      purpose: proposal.purpose,
      notFor: proposal.not_for,
      wantsHelp: proposal.wants_help,
      status: proposal.status,
      createdAt: iso(proposal.created_at),
      decidedAt: isoOrNull(proposal.decided_at),
      declineReason: proposal.decline_reason,
    })),
    wouldJoin: supported.map((row) => ({ proposal: row.name, since: iso(row.created_at) })),
    meetingAnswers: meetingAnswers.map((row) => ({
      threadId: row.thread_id,
      startsAt: iso(row.starts_at),
      answer: row.answer,
      headcount: row.headcount,
      waiting: row.queue !== null,
      answeredAt: iso(row.answered_at),
    })),
  };
}
