// Meetings as iCalendar (RFC 5545), written by ical-generator: each event in the forum's time zone with
// its VTIMEZONE (from @touch4it/ical-timezones), a UID that never changes, SEQUENCE bumped on every
// change of time or place and on cancellation, STATUS:CANCELLED once cancelled.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { zoneOffsetMs } from '../core/time.js';
import type { Viewer } from '../core/viewer.js';
import type { Translate } from '../core/i18n/index.js';
import { threadPath, threadTitleFor } from '../posts/present.js';
import { bodyIsReadable, postVisibility, visibilityFacts } from '../posts/visibility.js';
import type { ListedMeeting } from './meetings.queries.js';

export interface CalendarOptions {
  /** The calendar's name in the app that subscribes to it. */
  name: string;
  publicUrl: URL;
  timeZone: string;
  forumName: string;
}

/**
 * The Date ical-generator needs to write `at` on the zone's wall clock: with a time zone set it writes a
 * native Date's *local* fields (those of the process's zone), so the Date handed over is the one whose
 * local fields show the forum zone's clock at that instant. The process's own offset is taken at the
 * result (a second step), so this holds whatever TZ the server runs in, UTC included.
 */
export function wallClockDate(at: Date, timeZone: string): Date {
  const wall = at.getTime() + zoneOffsetMs(timeZone, at);
  const processOffset = (ms: number) => -new Date(ms).getTimezoneOffset() * 60_000;
  const first = wall - processOffset(wall);
  return new Date(wall - processOffset(first));
}

/** A meeting's UID: the same in every calendar and file, whatever changes (the host keeps it unique across forums). */
export function meetingUid(threadId: number, publicUrl: URL): string {
  return `meeting-${threadId}@${publicUrl.host}`;
}

/**
 * The calendar of these meetings as a guest (or, for a member's own calendar, that member) may read
 * them: a meeting whose agenda is hidden from the reader is named "Hidden thread" and carries no agenda.
 */
export function meetingsCalendar(meetings: readonly ListedMeeting[], reader: Viewer | null, t: Translate, options: CalendarOptions): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: options.forumName, product: 'meetings', language: 'SV' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: options.timeZone, generator: getVtimezoneComponent },
    // Calendar apps ask again this often.
    ttl: 60 * 60,
  });
  for (const meeting of meetings) {
    const heading = threadTitleFor(meeting, reader, t);
    const agendaReadable = bodyIsReadable(postVisibility(reader, visibilityFacts(meeting, 'opening_')));
    const url = new URL(threadPath(heading), options.publicUrl).toString();
    calendar.createEvent({
      id: meetingUid(meeting.thread_id, options.publicUrl),
      start: wallClockDate(meeting.starts_at, options.timeZone),
      end: wallClockDate(meeting.ends_at, options.timeZone),
      timezone: options.timeZone,
      stamp: meeting.updated_at,
      created: meeting.created_at,
      lastModified: meeting.updated_at,
      summary: heading.title,
      description: agendaReadable ? `${meeting.opening_body}\n\n${url}` : url,
      location: meeting.place,
      url,
      sequence: meeting.sequence,
      status: meeting.cancelled_at ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
