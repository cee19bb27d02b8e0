// Until src/threads imports it from feeds/public.ts (its own commit, last).
export { threadFeedLink } from '../feeds/public.js';
