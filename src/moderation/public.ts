// What other features and the pages use of moderation besides its guards: a network's rule titles (above
// the posting forms) and how many posts await its moderators' review. The rest of moderation/ is its own.
export { reviewCount } from './flags.queries.js';
export { listRuleTitles } from './rules.queries.js';
