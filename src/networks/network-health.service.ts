// A convener's view of how their network is doing: the last twelve weeks (Monday to Sunday on the
// forum's clocks, this week last and so far) in figures, and the threads waiting for an answer.
import type { Kysely } from 'kysely';
import type { Translate } from '../core/i18n/index.js';
import { instantOfWallClock, zoneOffsetMs } from '../core/time.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { moderationWeeks } from '../moderation/public.js';
import { personName, threadPath, threadTitleFor } from '../posts/present.js';
import { unansweredThreads, weekFigures, type HealthWindow } from './network-health.queries.js';
import type { NetworkHealthJson } from './network-health.schemas.js';
import type { NetworkRow } from './networks.queries.js';

export const HEALTH_WEEKS = 12;
/** A thread is waiting for an answer once it is this old. */
export const ANSWER_WITHIN_MS = 48 * 3600 * 1000;
/** How many of the waiting threads the page lists (the figures count them all). */
export const UNANSWERED_LISTED = 50;

const DAY_MS = 24 * 3600 * 1000;

/** The weeks the view covers at `now`: from Monday 00:00, `HEALTH_WEEKS - 1` weeks before this week's, on the zone's clocks. */
export function healthWindow(networkId: number, now: Date, timeZone: string): HealthWindow {
  // The zone's calendar day today, as a UTC date (whose weekday is the zone's).
  const local = new Date(now.getTime() + zoneOffsetMs(timeZone, now));
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  const firstMonday = local.getUTCDate() - daysSinceMonday - 7 * (HEALTH_WEEKS - 1);
  // instantOfWallClock takes day numbers past the month's ends (Date.UTC does), and finds the zone's
  // own midnight on that day, summer time or not.
  const since = instantOfWallClock(timeZone, local.getUTCFullYear(), local.getUTCMonth() + 1, firstMonday);
  return { networkId, since, timeZone, weekCount: HEALTH_WEEKS, unansweredBefore: new Date(now.getTime() - ANSWER_WITHIN_MS) };
}

/** The ISO date of the Monday of the week holding `at`, on the zone's clocks. */
function weekStartOf(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + zoneOffsetMs(timeZone, at));
  return new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/** Hours to one decimal: what a person reads, and what scripts get. */
const tenths = (hours: number) => Math.round(hours * 10) / 10 || 0; // never -0

/**
 * The view's figures and waiting threads: three queries (the weekly posting figures, moderation's
 * weekly flags and hides, the waiting threads), run side by side.
 */
export async function readNetworkHealth(
  db: Kysely<DB>,
  network: NetworkRow,
  viewer: Viewer,
  t: Translate,
  now: Date,
  timeZone: string,
): Promise<NetworkHealthJson> {
  const window = healthWindow(network.id, now, timeZone);
  const [weeks, moderation, waiting] = await Promise.all([
    weekFigures(db, window),
    moderationWeeks(db, network.id, window.since, timeZone),
    unansweredThreads(db, window, UNANSWERED_LISTED),
  ]);
  const moderationOf = new Map(moderation.map((row) => [row.week, row]));
  return {
    network: { slug: network.slug, name: network.name },
    timeZone,
    weeks: weeks.map((row, index) => ({
      start: row.week,
      current: index === weeks.length - 1,
      threads: row.threads,
      replies: row.replies,
      posters: row.posters,
      newMembers: row.new_members,
      medianFirstReplyHours: row.median_first_reply_hours === null ? null : tenths(row.median_first_reply_hours),
      unanswered: row.unanswered,
      flags: moderationOf.get(row.week)?.flags ?? 0,
      hides: moderationOf.get(row.week)?.hides ?? 0,
    })),
    unanswered: {
      count: weeks.reduce((sum, row) => sum + row.unanswered, 0),
      threads: waiting.map((row) => {
        const heading = threadTitleFor(row, viewer, t);
        const author = personName(row.author_username, row.author_display_name, row.author_deleted_at);
        return {
          ...heading,
          path: threadPath(heading),
          createdAt: row.created_at.toISOString(),
          week: weekStartOf(row.created_at, timeZone),
          author: { username: author.username, displayName: author.displayName },
        };
      }),
    },
  };
}
