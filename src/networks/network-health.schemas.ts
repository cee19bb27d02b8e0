// What GET /n/:network/health answers scripts: the network's last weeks in figures and the threads
// waiting for an answer.
import { Type, type Static } from 'typebox';
import { Nullable } from '../core/schemas.js';
import { AccountName } from '../posts/posts.schemas.js';

export const HealthWeekJson = Type.Object({
  /** The week's Monday, on the forum's clocks (TIME_ZONE), as an ISO date; weeks run Monday to Sunday. */
  start: Type.String(),
  /** The week we are in: its figures are so far. */
  current: Type.Boolean(),
  threads: Type.Integer(),
  replies: Type.Integer(),
  /** Members who started a thread or replied. */
  posters: Type.Integer(),
  /** Members who joined the network that week and are still members. */
  newMembers: Type.Integer(),
  /** Over the week's threads that got an answer: the median hours to the first; null when none got one. */
  medianFirstReplyHours: Nullable(Type.Number()),
  /** The week's threads that nobody but their author has answered after 48 hours. */
  unanswered: Type.Integer(),
  flags: Type.Integer(),
  hides: Type.Integer(),
});
export type HealthWeekJson = Static<typeof HealthWeekJson>;

export const UnansweredThreadJson = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  titleHidden: Type.Boolean(),
  path: Type.String(),
  createdAt: Type.String(),
  /** The Monday of the week it was started in (a `weeks[].start`). */
  week: Type.String(),
  author: AccountName,
});

export const NetworkHealthJson = Type.Object({
  network: Type.Object({ slug: Type.String(), name: Type.String() }),
  /** The zone the weeks are counted in. */
  timeZone: Type.String(),
  /** Oldest first; the last is the current week. */
  weeks: Type.Array(HealthWeekJson),
  unanswered: Type.Object({
    /** All of the weeks' threads still unanswered after 48 hours… */
    count: Type.Integer(),
    /** …and the oldest of them (up to 50), oldest first. */
    threads: Type.Array(UnansweredThreadJson),
  }),
});
export type NetworkHealthJson = Static<typeof NetworkHealthJson>;
