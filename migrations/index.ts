// Every migration, by name. Names sort by their ISO-date prefix; never rename or edit a landed one.
import type { Migration } from 'kysely';
import * as createAccounts from './2026-11-22T1200_create_accounts.js';
import * as createNetworksThreadsPosts from './2026-11-22T1300_create_networks_threads_posts.js';
import * as createEvents from './2026-11-22T1400_create_events.js';
import * as moderation from './2026-11-22T1500_moderation.js';
import * as following from './2026-11-22T1600_following.js';
import * as moderationLifting from './2026-11-23T1000_moderation_lifting.js';
import * as attempts from './2026-11-30T1000_attempts.js';
import * as slugsClearOfRoutes from './2026-11-30T1100_slugs_clear_of_routes.js';
import * as replyDepthCap from './2026-11-30T1200_reply_depth_cap.js';
import * as submissions from './2026-11-30T1300_submissions.js';
import * as moderationLogColumns from './2026-11-30T1400_moderation_log_columns.js';
import * as postMentions from './2026-11-30T1500_post_mentions.js';
import * as peopleAndBusinesses from './2026-12-01T1000_people_and_businesses.js';
import * as accountDeletion from './2026-12-01T1200_account_deletion.js';
import * as search from './2026-12-02T1000_search.js';
import * as searchSpeed from './2026-12-02T1100_search_speed.js';
import * as networkMembership from './2026-12-02T1200_network_membership.js';
import * as convenerInvitations from './2026-12-02T1300_convener_invitations.js';
import * as networkHealth from './2026-12-02T1400_network_health.js';
import * as networkProposals from './2026-12-03T1130_network_proposals.js';
import * as meetings from './2026-12-03T1215_meetings.js';
import * as readStateAndDefaultNetwork from './2026-12-03T1300_read_state_and_default_network.js';
import * as answersThanksOffers from './2026-12-04T0900_answers_thanks_offers.js';
import * as slugsClearOfKindAndOffer from './2026-12-04T0910_slugs_clear_of_kind_and_offer.js';
import * as eventsNumberedAtCommit from './2026-12-05T0900_events_numbered_at_commit.js';

export const migrations: Record<string, Migration> = {
  '2026-11-22T1200_create_accounts': createAccounts,
  '2026-11-22T1300_create_networks_threads_posts': createNetworksThreadsPosts,
  '2026-11-22T1400_create_events': createEvents,
  '2026-11-22T1500_moderation': moderation,
  '2026-11-22T1600_following': following,
  '2026-11-23T1000_moderation_lifting': moderationLifting,
  '2026-11-30T1000_attempts': attempts,
  '2026-11-30T1100_slugs_clear_of_routes': slugsClearOfRoutes,
  '2026-11-30T1200_reply_depth_cap': replyDepthCap,
  '2026-11-30T1300_submissions': submissions,
  '2026-11-30T1400_moderation_log_columns': moderationLogColumns,
  '2026-11-30T1500_post_mentions': postMentions,
  '2026-12-01T1000_people_and_businesses': peopleAndBusinesses,
  '2026-12-01T1200_account_deletion': accountDeletion,
  '2026-12-02T1000_search': search,
  '2026-12-02T1100_search_speed': searchSpeed,
  '2026-12-02T1200_network_membership': networkMembership,
  '2026-12-02T1300_convener_invitations': convenerInvitations,
  '2026-12-02T1400_network_health': networkHealth,
  '2026-12-03T1130_network_proposals': networkProposals,
  '2026-12-03T1215_meetings': meetings,
  '2026-12-03T1300_read_state_and_default_network': readStateAndDefaultNetwork,
  '2026-12-04T0900_answers_thanks_offers': answersThanksOffers,
  '2026-12-04T0910_slugs_clear_of_kind_and_offer': slugsClearOfKindAndOffer,
  '2026-12-05T0900_events_numbered_at_commit': eventsNumberedAtCommit,
};
