// What other features use of accounts besides its guards: the accounts a post's @mentions name
// (threads, when a post is written) and the account a username names (moderation, people). The rest of
// accounts/ is its own.
export { findAccountByUsername, findMentionedAccounts } from './accounts.queries.js';
