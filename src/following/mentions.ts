// Until src/threads imports it from notifications/public.ts (its own commit, last).
export { linkMentions } from '../notifications/public.js';
