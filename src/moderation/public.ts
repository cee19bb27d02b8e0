// What other features and the pages use of moderation besides its guards: a network's rule titles (above
// the posting forms), its conveners (the side column), how many posts await its moderators' review and
// the header's moderator menu, and the invitations to convene waiting in a member's notifications. The
// rest of moderation/ is its own.
export { pendingConvenerInvitations } from './convener-invitations.present.js';
export { ConvenerInvitationJson } from './convener-invitations.schemas.js';
export { reviewCount } from './flags.queries.js';
export { listConveners } from './moderation.queries.js';
export { moderatorReviewCounts } from './review.queries.js';
export { listRuleTitles } from './rules.queries.js';
export { moderationWeeks, type ModerationWeekRow } from './weekly.queries.js';
