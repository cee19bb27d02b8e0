// What other features use of follows and watches: the state a board's and a thread's pages show, and
// who is to be told about a post (the notifications worker, which also makes a post's author watch its
// thread), and following or leaving a board inside another feature's transaction (joining and leaving a
// network). The rest of following/ is its own.
export { audienceOf, followState, followUnlessFollowing, unfollow, watchAutomatically, watchState } from './following.queries.js';
