// What other features use of accounts besides its guards: the accounts a post's @mentions name
// (threads, when a post is written). The rest of accounts/ is its own.
export { findMentionedAccounts } from './accounts.queries.js';
