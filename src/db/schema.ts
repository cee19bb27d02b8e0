// Table types, kept in step with migrations/. Generated<> marks columns the database fills in.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, Date>;

export type Role = 'admin' | 'member';

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  username_key: string;
  display_name: string;
  /** Null only once the account is deleted. */
  email: string | null;
  password_hash: string;
  role: ColumnType<Role, Role | undefined, Role>;
  locale: 'sv' | 'en' | 'da' | null;
  created_at: CreatedAt;
  /** When the address was proven (at registration when the forum sends no email); null until then. */
  email_confirmed_at: Date | null;
  deleted_at: Date | null;
}

export type TokenPurpose = 'password_reset' | 'email_confirmation' | 'email_change';

export interface AccountTokensTable {
  id: Generated<number>;
  account_id: number;
  purpose: TokenPurpose;
  secret_hash: Uint8Array;
  /** The address the link proves; null for a password reset. */
  email: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface ProfilesTable {
  account_id: number;
  presentation: ColumnType<string, string | undefined, string>;
  presentation_html: ColumnType<string, string | undefined, string>;
  website: string | null;
  phone: string | null;
  show_phone: ColumnType<boolean, boolean | undefined, boolean>;
  show_email: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: CreatedAt;
}

export interface BusinessesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  description_html: ColumnType<string, string | undefined, string>;
  website: string | null;
  place: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface BusinessNetworksTable {
  business_id: number;
  network_id: number;
}

export interface BusinessStaffTable {
  business_id: number;
  account_id: number;
  role: string;
  is_admin: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface BusinessInvitationsTable {
  business_id: number;
  account_id: number;
  invited_by_id: number | null;
  role: string;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  account_id: number;
  secret_hash: Uint8Array;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface NetworksTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  description_html: ColumnType<string, string | undefined, string>;
  thread_count: ColumnType<number, never, number>;
  last_activity_at: ColumnType<Date | null, never, Date>;
  flag_threshold: ColumnType<number | null, never, number | null>;
  /** Who may start threads and reply: any signed-in account, or only the network's members. */
  posting: ColumnType<NetworkPosting, NetworkPosting | undefined, NetworkPosting>;
  /** Whom the network is for, in its own words ("entrepreneurs up to 30"); '' when it does not say. */
  audience: ColumnType<string, string | undefined, string>;
  /** The forum's default network (the open board for everyone), first in every list; at most one is. */
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export type NetworkPosting = 'anyone' | 'members';

/** An account that joined a network. */
export type ProposalStatus = 'open' | 'approved' | 'declined';

/** A proposal that a network be started (src/proposals/). */
export interface NetworkProposalsTable {
  id: Generated<number>;
  proposer_id: number;
  name: string;
  slug: string;
  audience: string;
  purpose: string;
  not_for: string;
  wants_help: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
  /** The admin who decided; null while open, and once that account is deleted. */
  decided_by: number | null;
  /** Null exactly while open. */
  decided_at: Date | null;
  /** Present exactly when declined. */
  decline_reason: string | null;
  /** The network an approval made. */
  network_id: number | null;
  created_at: CreatedAt;
}

/** A member who would join the proposed network (the proposer never has a row). */
export interface NetworkProposalSupportersTable {
  proposal_id: number;
  account_id: number;
  created_at: CreatedAt;
}

export type ProposalNoticeKind = 'proposed' | 'approved' | 'declined' | 'joined';

export interface ProposalNoticesTable {
  id: Generated<number>;
  account_id: number;
  proposal_id: number;
  kind: ProposalNoticeKind;
  created_at: CreatedAt;
  read_at: Date | null;
}

export interface NetworkMembersTable {
  network_id: number;
  account_id: number;
  joined_at: CreatedAt;
}

/** How far a member has read a thread: every post up to last_read_post_id was shown to them (src/reading/). */
export interface ThreadReadsTable {
  account_id: number;
  thread_id: number;
  last_read_post_id: number;
  read_at: CreatedAt;
}

export interface ThreadsTable {
  id: Generated<number>;
  network_id: number;
  author_id: number;
  title: string;
  slug: string;
  pinned: ColumnType<boolean, boolean | undefined, boolean>;
  locked: ColumnType<boolean, boolean | undefined, boolean>;
  reply_count: ColumnType<number, never, number>;
  top_level_count: ColumnType<number, never, number>;
  last_poster_id: number | null;
  last_activity_at: ColumnType<Date, Date | undefined, Date>;
  moved_from_network_id: ColumnType<number | null, never, number | null>;
  moved_note: ColumnType<string | null, never, string | null>;
  moved_at: ColumnType<Date | null, never, Date | null>;
  created_at: CreatedAt;
  /** The opening post's language; the title is indexed in it. */
  lang: TextLanguage;
  /** Generated by the database from the title (migrations/2026-12-02T1000_search.ts); read only by search's SQL. */
  title_document: ColumnType<string, never, never>;
  /** What the thread is (migrations/2026-12-04T0900_answers_thanks_offers.ts): a question unless its author chose otherwise. */
  kind: ColumnType<ThreadKind, ThreadKind | undefined, ThreadKind>;
  /** A question's answer: the reply its asker or a convener marked; null when none (or that post is gone). */
  answer_post_id: ColumnType<number | null, never, number | null>;
}

export type ThreadKind = 'question' | 'discussion' | 'offer' | 'meeting';

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  parent_id: number | null;
  root_id: number | null;
  depth: number;
  top_level_number: number | null;
  author_id: number;
  body: string;
  html: string;
  created_at: CreatedAt;
  edited_at: Date | null;
  deleted_at: Date | null;
  deleted_by_id: number | null;
  hidden_at: ColumnType<Date | null, never, Date | null>;
  hidden_kind: ColumnType<HiddenKind | null, never, HiddenKind | null>;
  hidden_reason: ColumnType<ModerationReason | null, never, ModerationReason | null>;
  hidden_rule: ColumnType<number | null, never, number | null>;
  hidden_note: ColumnType<string | null, never, string | null>;
  hidden_by_id: ColumnType<number | null, never, number | null>;
  /** The language the post is written in, detected from its text (search/language.ts). */
  lang: TextLanguage;
  /** An opening post's copy of its thread's title, indexed with its body; null for a reply (a check says so). */
  title: string | null;
  /** Generated by the database from the HTML (migrations/2026-12-02T1000_search.ts); read only by search's SQL. */
  search_document: ColumnType<string, never, never>;
  /** How many members thanked it: kept by the statement that adds or removes a post_thanks row. */
  thanks_count: ColumnType<number, never, number>;
}

/** A member's thanks for a post: one per member and post (the primary key). */
export interface PostThanksTable {
  post_id: number;
  account_id: number;
  created_at: CreatedAt;
}

export type OfferAudience = 'network' | 'everyone';
export type OfferStatus = 'open' | 'taken';

/** An offer thread's terms (threads.kind = 'offer'). */
export interface OffersTable {
  thread_id: number;
  /** The last day it stands, on the forum's calendar (TIME_ZONE); a DATE, read as 'YYYY-MM-DD'. */
  until: ColumnType<string, string, string>;
  audience: OfferAudience;
  status: ColumnType<OfferStatus, OfferStatus | undefined, OfferStatus>;
  /** Set when its author ended it before its day. */
  ended_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** A language posts are written, stemmed and searched in. */
export type TextLanguage = 'sv' | 'da' | 'en';

export type HiddenKind = 'convener' | 'community';
export type ModerationReason = 'off-topic' | 'rule' | 'spam' | 'other';
export type ModerationAction =
  | 'hide'
  | 'unhide'
  | 'community-hide'
  | 'dismiss'
  | 'move'
  | 'lock'
  | 'unlock'
  | 'pin'
  | 'unpin'
  | 'appoint'
  | 'remove-convener'
  | 'suspend'
  | 'bar'
  | 'rules'
  | 'threshold'
  | 'unsuspend'
  | 'unbar'
  | 'accept-convener';

export interface ConvenersTable {
  network_id: number;
  account_id: number;
  appointed_by_id: number | null;
  created_at: CreatedAt;
}

/** A convener's (or an admin's) invitation to convene the network, waiting for the invitee's answer. */
export interface ConvenerInvitationsTable {
  network_id: number;
  account_id: number;
  /** null once the inviter's account is gone. */
  invited_by_id: number | null;
  created_at: CreatedAt;
}

export interface NetworkRulesTable {
  id: Generated<number>;
  network_id: number;
  number: number;
  title: string;
  body: string;
  body_html: string;
}

export interface FlagsTable {
  id: Generated<number>;
  post_id: number;
  /** Null once the flagger deleted their account: the flag still counts. */
  flagger_id: number | null;
  reason: ModerationReason;
  rule: number | null;
  note: string | null;
  counts: boolean;
  created_at: CreatedAt;
  resolution: 'agreed' | 'dismissed' | null;
  resolved_at: Date | null;
}

export interface SuspensionsTable {
  id: Generated<number>;
  account_id: number;
  network_id: number | null;
  until: Date;
  reason: string;
  created_by_id: number;
  created_at: CreatedAt;
}

export interface ModerationLogTable {
  id: Generated<number>;
  network_id: number | null;
  actor_id: number | null;
  action: ModerationAction;
  post_id: number | null;
  thread_id: number | null;
  target_account_id: number | null;
  reason: string | null;
  rule: number | null;
  note: string | null;
  /** A move's: the network the thread went to. */
  target_network_id: number | null;
  /** A suspension's or bar's: when it ends. */
  ends_at: Date | null;
  created_at: CreatedAt;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  editor_id: number;
  body: string;
  title: string | null;
  created_at: CreatedAt;
}

/** A counted attempt (a failed sign-in, a registration) against a limit; it stops counting at expires_at. */
export interface AttemptsTable {
  id: Generated<number>;
  bucket: string;
  key: string;
  expires_at: Date;
}

export interface EventsTable {
  id: Generated<number>;
  name: string;
  payload: ColumnType<unknown, string, never>;
  thread_id: number | null;
  network_id: number | null;
  created_at: CreatedAt;
}

/** Whom a post mentions (written with the post), in order of first mention. */
export interface PostMentionsTable {
  post_id: number;
  account_id: number;
  position: number;
}

export interface SubmissionsTable {
  account_id: number;
  key: string;
  post_id: number;
  created_at: CreatedAt;
}

export interface DB {
  accounts: AccountsTable;
  sessions: SessionsTable;
  networks: NetworksTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  events: EventsTable;
  attempts: AttemptsTable;
  conveners: ConvenersTable;
  convener_invitations: ConvenerInvitationsTable;
  network_rules: NetworkRulesTable;
  flags: FlagsTable;
  suspensions: SuspensionsTable;
  moderation_log: ModerationLogTable;
  follows: FollowsTable;
  thread_watches: ThreadWatchesTable;
  event_consumers: EventConsumersTable;
  email_settings: EmailSettingsTable;
  email_outbox: EmailOutboxTable;
  notifications: NotificationsTable;
  settings: SettingsTable;
  submissions: SubmissionsTable;
  post_mentions: PostMentionsTable;
  account_tokens: AccountTokensTable;
  profiles: ProfilesTable;
  businesses: BusinessesTable;
  business_networks: BusinessNetworksTable;
  business_staff: BusinessStaffTable;
  business_invitations: BusinessInvitationsTable;
  network_members: NetworkMembersTable;
  thread_reads: ThreadReadsTable;
  network_proposals: NetworkProposalsTable;
  network_proposal_supporters: NetworkProposalSupportersTable;
  proposal_notices: ProposalNoticesTable;
  post_thanks: PostThanksTable;
  offers: OffersTable;
  meetings: MeetingsTable;
  meeting_networks: MeetingNetworksTable;
  meeting_answers: MeetingAnswersTable;
  meeting_calendar_tokens: MeetingCalendarTokensTable;
}

export type FollowLevel = 'threads' | 'posts';
export type WatchState = 'watching' | 'muted';
export type EmailFrequency = 'none' | 'instant' | 'daily';
export type NotificationKind =
  | 'thread'
  | 'post'
  | 'watched'
  | 'reply'
  | 'mention'
  | 'hidden'
  | 'moved'
  | 'meeting-changed'
  | 'meeting-cancelled'
  | 'meeting-reminder'
  | 'waitlist-promoted'
  | 'minutes'
  | 'accepted'
  | 'thanked';
export type EmailStatus = 'open' | 'retry' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface FollowsTable {
  account_id: number;
  network_id: number;
  level: FollowLevel;
  created_at: CreatedAt;
}

export interface ThreadWatchesTable {
  account_id: number;
  thread_id: number;
  state: WatchState;
  created_at: CreatedAt;
}

export interface EventConsumersTable {
  name: string;
  cursor: number;
}

export interface EmailSettingsTable {
  account_id: number;
  frequency: EmailFrequency;
  updated_at: CreatedAt;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  account_id: number;
  network_id: number;
  kind: 'instant' | 'digest';
  status: ColumnType<EmailStatus, EmailStatus | undefined, EmailStatus>;
  send_after: Date;
  attempts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<number>;
  account_id: number;
  kind: NotificationKind;
  group_key: string;
  network_id: number;
  thread_id: number;
  post_id: number | null;
  actor_id: number | null;
  reason: string | null;
  rule: number | null;
  note: string | null;
  event_id: number;
  email_id: number | null;
  created_at: CreatedAt;
  read_at: Date | null;
  withdrawn_at: Date | null;
}

export interface SettingsTable {
  name: string;
  value: string;
}

/** A meeting: a thread with a time, a place and answers (migrations/2026-12-03T1215_meetings.ts). */
export interface MeetingsTable {
  thread_id: number;
  starts_at: Date;
  ends_at: Date;
  place: string;
  map_url: string | null;
  capacity: number | null;
  cancelled_at: Date | null;
  minutes_post_id: number | null;
  /** iCalendar SEQUENCE: bumped when the time or place changes, or the meeting is cancelled. */
  sequence: ColumnType<number, number | undefined, number>;
  /** Claimed once by the reminder job. */
  reminded_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface MeetingNetworksTable {
  thread_id: number;
  network_id: number;
}

export type MeetingAnswer = 'going' | 'maybe' | 'not_going';

export interface MeetingAnswersTable {
  thread_id: number;
  account_id: number;
  answer: MeetingAnswer;
  headcount: ColumnType<number, number | undefined, number>;
  /** The place on the waiting list (lower first); null unless a `going` answer waits. */
  queue: ColumnType<number | null, number | null | undefined, number | null>;
  answered_at: CreatedAt;
}

export interface MeetingCalendarTokensTable {
  account_id: number;
  /** Kept as it is: /me shows the URL again (the migration says why). */
  secret: string;
  created_at: CreatedAt;
}
