import type { Locale } from '../config.js';

const formatters = new Map<Locale, Intl.RelativeTimeFormat>();
/**
 * What the formatter said, per locale and "-3 hour": a page writes the age of every post on it, and
 * Intl's formatting is slow next to a lookup. Ages have few values (under 60 minutes, 24 hours, …);
 * only those under 100 of their unit are kept, so the map stays small however old the posts.
 */
const said = new Map<string, string>();
const KEPT_BELOW = 100;

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago" / "för 3 timmar sedan"; anything under a minute reads as "now". */
export function relativeTime(at: Date, locale: Locale, now = Date.now()): string {
  const seconds = Math.round((at.getTime() - now) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format(locale, Math.trunc(seconds / size), unit);
  }
  return format(locale, 0, 'second');
}

function format(locale: Locale, value: number, unit: Intl.RelativeTimeFormatUnit): string {
  const key = `${locale} ${value} ${unit}`;
  let text = said.get(key);
  if (text === undefined) {
    let formatter = formatters.get(locale);
    if (!formatter) {
      formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      formatters.set(locale, formatter);
    }
    text = formatter.format(value, unit);
    if (Math.abs(value) < KEPT_BELOW) said.set(key, text);
  }
  return text;
}

/** Milliseconds the zone is ahead of UTC at that instant. */
export function zoneOffsetMs(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the zone's clocks show that day (month 1–12) and hour; the offset of that instant itself, so a summer-time change in between is respected. */
export function instantOfWallClock(timeZone: string, year: number, month: number, day: number, hour = 0): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  const first = wall - zoneOffsetMs(timeZone, new Date(wall));
  return new Date(wall - zoneOffsetMs(timeZone, new Date(first)));
}

/** Midnight at the start of an ISO date ("2026-12-24") in the zone; undefined for a day that does not exist. */
export function startOfDayIn(timeZone: string, isoDate: string): Date | undefined {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return instantOfWallClock(timeZone, year, month, day);
}

/** The next time it is `hour`:00 in the zone, strictly after `now`. */
export function nextHourIn(timeZone: string, now: Date, hour: number): Date {
  const local = new Date(now.getTime() + zoneOffsetMs(timeZone, now));
  for (let days = 0; days <= 2; days += 1) {
    const candidate = instantOfWallClock(timeZone, local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate() + days, hour);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error('unreachable: a day always has the hour');
}

/**
 * The language tag Intl formats a locale's dates with: English as written in Britain and Ireland ("12 Nov
 * 2026, 14:05", a 24-hour clock, the day first), as the destination's English-speaking visitors read it.
 */
function intlTag(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale;
}

// Building an Intl.DateTimeFormat costs ~0.1 ms; toLocaleString builds one per call. One per locale, zone and style.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(style: string, locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag(locale), { ...options, timeZone });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** "12 nov. 2026" / "12. nov. 2026" / "12 Nov 2026": a day as the locale writes it, on the zone's calendar. */
export function formatDate(at: Date, locale: Locale, timeZone: string): string {
  return dateTimeFormat('date', locale, timeZone, { dateStyle: 'medium' }).format(at);
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The exact moment, as briefly as is still exact from where the reader stands: the clock ("14:05") for
 * today, the day and clock ("27 nov. 14:05") within a week, the date ("12 nov. 2026") beyond that.
 */
export function formatExact(at: Date, locale: Locale, timeZone: string, now = Date.now()): string {
  if (Math.abs(now - at.getTime()) >= WEEK_MS) return formatDate(at, locale, timeZone);
  const day = dateTimeFormat('isoDay', 'sv', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (day.format(at) === day.format(now)) return dateTimeFormat('clock', locale, timeZone, { timeStyle: 'short' }).format(at);
  return dateTimeFormat('dayAndClock', locale, timeZone, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
}

const isoLikeFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-12-24 07:00" on the zone's clocks: how a moment is written in messages, the same in every language. */
export function formatIsoLike(at: Date, timeZone: string): string {
  let format = isoLikeFormats.get(timeZone);
  if (!format) {
    // Swedish writes dates the ISO way.
    format = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone });
    isoLikeFormats.set(timeZone, format);
  }
  return format.format(at);
}
