// What other features use of accounts besides its guards: the accounts a post's @mentions name
// (threads, when a post is written), the account a username names (moderation, people), accounts as
// viewers and their conveners' column (notifications, email and live re-check who may read what). The
// rest of accounts/ is its own.
export { convenesColumn, findAccountByUsername, findMentionedAccounts, findViewers } from './accounts.queries.js';
export { addressChangeView } from './address-view.js';
