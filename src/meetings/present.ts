// Meetings as people see them: times on the forum's clocks in the reader's language, counts, who is
// coming (members only), the answer the viewer gave.
import type { Locale } from '../config.js';
import type { Viewer } from '../core/viewer.js';
import type { Translate } from '../core/i18n/index.js';
import { threadPath, threadTitleFor } from '../posts/present.js';
import type { AnswerCounts, ListedMeeting, MeetingRow } from './meetings.queries.js';
import type { MeetingListItemType } from './meetings.schemas.js';

const tag = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale);

/** "lördag 12 april 2027 18:00–21:00": a meeting's time on the zone's clocks, as the language writes a range. */
export function formatMeetingTime(startsAt: Date, endsAt: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'full', timeStyle: 'short', timeZone }).formatRange(startsAt, endsAt);
}

/** "12 apr. 18:00": short, for a board's line. */
export function formatMeetingShort(startsAt: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(startsAt);
}

/** "april 2027": a month heading, and its key ("2027-04") on the zone's calendar. */
export function monthOf(at: Date, locale: Locale, timeZone: string): { month: string; label: string } {
  const month = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', timeZone }).format(at);
  const label = new Intl.DateTimeFormat(tag(locale), { year: 'numeric', month: 'long', timeZone }).format(at);
  // A heading: "December 2026" in every language (Swedish and Danish write month names in lower case).
  return { month, label: label.charAt(0).toLocaleUpperCase(locale) + label.slice(1) };
}

/** "2027-04-12T18:00": a moment as a `datetime-local` input shows it on the zone's clocks. */
export function localInputValue(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(at).replace(' ', 'T');
}

export function countsJson(meeting: Pick<MeetingRow, 'capacity'>, counts: AnswerCounts | undefined) {
  const going = counts?.going ?? 0;
  return {
    going,
    goingAnswers: counts?.going_answers ?? 0,
    maybe: counts?.maybe ?? 0,
    notGoing: counts?.not_going ?? 0,
    waiting: counts?.waiting ?? 0,
    capacity: meeting.capacity,
    placesLeft: meeting.capacity === null ? null : Math.max(0, meeting.capacity - going),
  };
}

export function ownAnswerJson(mine: { answer: 'going' | 'maybe' | 'not_going'; headcount: number; queue: number | null } | undefined, position: number | null) {
  return mine ? { answer: mine.answer, headcount: mine.headcount, waiting: mine.queue !== null, position } : null;
}

/** A listed meeting as the viewer may see it: the title through the one visibility rule. */
export function listItemJson(row: ListedMeeting, viewer: Viewer | null, t: Translate): MeetingListItemType {
  const heading = threadTitleFor(row, viewer, t);
  return {
    threadId: row.thread_id,
    title: heading.title,
    path: threadPath(heading),
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    place: row.place,
    going: row.going,
    capacity: row.capacity,
    networks: row.networks.map((network) => ({ slug: network.slug, name: network.name })),
  };
}
