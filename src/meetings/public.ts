// What the pages use of meetings: a thread's meeting as the viewer sees it, the line a board shows for a
// meeting thread, upcoming meetings for a list (the home page, a network's board, /meetings) and a
// member's calendar URL for /me. Small reads taking the database first; no HTTP.
import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { Locale } from '../config.js';
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import type { Reading } from '../core/shared-reads.js';
import { businessLinesOf } from '../businesses/public.js';
import { findPosts } from '../posts/posts.queries.js';
import { bodyIsReadable, canModerate, postVisibility, visibilityFacts } from '../posts/visibility.js';
import { titleSeenAsAnyMember } from '../posts/present.js';
import * as queries from './meetings.queries.js';
import { countsJson, formatMeetingShort, formatMeetingTime, listItemJson, ownAnswerJson } from './present.js';
import type { MeetingJsonType } from './meetings.schemas.js';

export { MeetingJson, MeetingListItem } from './meetings.schemas.js';
// Deleting an account: its answers and calendar go, and those waiting move up into its places.
export { forgetAccountInMeetings } from './meetings.service.js';

interface Clocks {
  locale: Locale;
  timeZone: string;
}

/**
 * The thread's meeting as this viewer sees it, or null when the thread is no meeting: `json` (counts
 * for all; who is coming, with businesses, for signed-in members only) and what the page adds (the
 * time written out, whether the viewer may answer or change it). Two queries for a guest (the meeting, its
 * counts); for a member also their answer (and place in the queue) and who is coming with their businesses;
 * one more for the minutes, and one for the organisers' choice of them.
 */
export async function readMeeting(db: Kysely<DB>, threadId: number, viewer: Viewer | null, clocks: Clocks) {
  const [meeting] = await queries.findMeetings(db, [threadId]);
  if (!meeting) return null;
  const counts = (await queries.answerCounts(db, [threadId])).get(threadId);
  const mine = viewer ? await queries.findAnswer(db, threadId, viewer.id) : undefined;
  const position = mine ? await queries.waitingPosition(db, threadId, mine.queue) : null;
  // Who is coming, with their businesses: members only.
  const attendees: MeetingJsonType['attendees'] = viewer ? await attendeesOf(db, threadId) : null;
  const now = Date.now();
  const json: MeetingJsonType = {
    threadId,
    startsAt: meeting.starts_at.toISOString(),
    endsAt: meeting.ends_at.toISOString(),
    place: meeting.place,
    mapUrl: meeting.map_url,
    cancelled: meeting.cancelled_at !== null,
    sequence: meeting.sequence,
    networks: meeting.networks.map((network) => ({ slug: network.slug, name: network.name })),
    counts: countsJson(meeting, counts),
    yourAnswer: ownAnswerJson(mine, position),
    attendees,
    minutesPostId: meeting.minutes_post_id,
  };
  const over = meeting.ends_at.getTime() <= now;
  const canOrganise = canModerate(viewer, meeting.network_id);
  // The minutes, right under the agenda: the marked reply as the visibility rule lets this viewer read it.
  const [minutesPost] = meeting.minutes_post_id === null ? [] : await findPosts(db, [meeting.minutes_post_id]);
  const minutes = minutesPost && bodyIsReadable(postVisibility(viewer, visibilityFacts(minutesPost))) ? { id: minutesPost.id, html: minutesPost.html } : null;
  return {
    json,
    when: formatMeetingTime(meeting.starts_at, meeting.ends_at, clocks.locale, clocks.timeZone),
    over,
    canAnswer: !!viewer && !json.cancelled && !over,
    canOrganise,
    minutes,
    // Organisers mark a reply as the minutes: the thread's newest replies to choose from.
    minutesChoices: canOrganise
      ? (await queries.minutesChoices(db, threadId)).map((reply) => ({
          id: reply.id,
          label: `${reply.display_name} · ${formatMeetingShort(reply.created_at, clocks.locale, clocks.timeZone)}`,
          selected: reply.id === meeting.minutes_post_id,
        }))
      : [],
    headcounts: [1, 2, 3, 4, 5].map((n) => ({ value: n, selected: n === (mine?.headcount ?? 1) })),
  };
}

/**
 * What the live feed sends when a meeting's answers change (src/live/): the counts and, for members, who
 * is coming, as views/partials/meeting-live.hbs shows them. Two groups of readers: guests (counts) and
 * members (counts and names). null when the thread is no meeting.
 */
export async function meetingLiveState(db: Kysely<DB>, threadId: number) {
  const [meeting] = await queries.findMeetings(db, [threadId]);
  if (!meeting) return null;
  const counts = countsJson(meeting, (await queries.answerCounts(db, [threadId])).get(threadId));
  return { counts, attendees: await attendeesOf(db, threadId) };
}

/** Who is going (with a place), maybe, and waiting, with their businesses: two queries. */
async function attendeesOf(db: Kysely<DB>, threadId: number): Promise<NonNullable<MeetingJsonType['attendees']>> {
  const people = await queries.answersWithPeople(db, threadId);
  const businesses = await businessLinesOf(
    db,
    people.map((person) => person.account_id),
  );
  const shown = (person: (typeof people)[number]) => ({
    username: person.username,
    displayName: person.display_name,
    headcount: person.headcount,
    business: businesses.get(person.account_id) ?? null,
  });
  return {
    going: people.filter((p) => p.answer === 'going' && p.queue === null).map(shown),
    maybe: people.filter((p) => p.answer === 'maybe').map(shown),
    waiting: people.filter((p) => p.queue !== null).map(shown),
  };
}

/** What a board's line shows for each meeting thread among these: its date and how many are coming. One query each for the meetings and their counts. */
export async function meetingLines({ db, reads }: Reading, threadIds: readonly number[], clocks: Clocks) {
  // Shared by every viewer of the board until a meeting or the board changes.
  const { meetings, counts } = await reads.read(`meetings of ${threadIds.join(',')}`, ['boards'], async () => {
    const meetings = await queries.findMeetings(db, threadIds);
    const counts = await queries.answerCounts(
      db,
      meetings.map((meeting) => meeting.thread_id),
    );
    return { meetings, counts: Object.fromEntries(counts) };
  });
  return new Map(
    meetings.map((meeting) => [
      meeting.thread_id,
      {
        when: formatMeetingShort(meeting.starts_at, clocks.locale, clocks.timeZone),
        startsAt: meeting.starts_at.toISOString(),
        going: counts[meeting.thread_id]?.going ?? 0,
        capacity: meeting.capacity,
        cancelled: meeting.cancelled_at !== null,
      },
    ]),
  );
}

/**
 * Upcoming meetings (not over, not cancelled) in order of their start, titles through the one visibility
 * rule, each with its time written out. `networkId` keeps one network's (those it is invited to);
 * `firstNetworkIds` puts the meetings of these networks first (the home page: a member's networks),
 * keeping the order of start within each part.
 */
export async function upcomingMeetings(
  { db, reads }: Reading,
  options: { viewer: Viewer | null; t: Translate; clocks: Clocks; networkId?: number; firstNetworkIds?: readonly number[]; limit?: number },
) {
  const limit = options.limit ?? 10;
  // The same rows for every viewer until a meeting changes (or a minute passes: one may have begun).
  const rows = await reads.read(`meetings upcoming ${options.networkId ?? 'all'} ${limit}`, ['boards', 'home'], () =>
    queries.listMeetings(db, { from: new Date(), networkId: options.networkId, limit }),
  );
  const first = new Set(options.firstNetworkIds ?? []);
  const mine = (row: (typeof rows)[number]) => row.networks.some((network) => first.has(network.id));
  const ordered = first.size > 0 ? [...rows.filter(mine), ...rows.filter((row) => !mine(row))] : rows;
  const { viewer } = options;
  return {
    meetings: ordered.map((row) => ({
      ...listItemJson(row, viewer, options.t),
      when: formatMeetingTime(row.starts_at, row.ends_at, options.clocks.locale, options.clocks.timeZone),
    })),
    /** Whether a signed-in viewer reads every title here as any member does (a guest: false). */
    titlesAsAnyMember: !!viewer && ordered.every((row) => titleSeenAsAnyMember(row, viewer)),
  };
}

/** A new calendar secret: 20 random bytes in base32 (32 characters). */
export function newCalendarSecret(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** The member's own calendar URL (made the first time it is asked for): the meetings they answered going or maybe. */
export async function calendarUrlOf(db: Kysely<DB>, accountId: number, publicUrl: URL): Promise<string> {
  const secret = await queries.calendarSecretOf(db, accountId, newCalendarSecret());
  return new URL(`/calendar/${secret}/meetings.ics`, publicUrl).toString();
}
