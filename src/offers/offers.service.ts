// Offers' rules: the day an offer stands until (on the forum's calendar, at most a year ahead), its
// state as of a moment, and changes by its author (end early, extend, taken) recorded as an event.
import type { Kysely } from 'kysely';
import { recordEvent } from '../core/events.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.js';
import { startOfDayIn } from '../core/time.js';
import type { Viewer } from '../core/viewer.js';
import type { DB, OfferAudience } from '../db/schema.js';
import { canModerate } from '../posts/visibility.js';
import { personName, threadTitleFor } from '../posts/present.js';
import type { Translate } from '../core/i18n/index.js';
import * as queries from './offers.queries.js';
import type { OfferJson } from './offers.schemas.js';

const isoDays = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();
const MINUTE_MS = 60_000;

/**
 * The day it is at `now` on the zone's calendar, as YYYY-MM-DD. Every board page asks (its offers), and
 * formatting was about 2 % of a member's board's CPU; a zone's days start on a whole minute, so the day
 * of the last minute asked is the answer until the minute changes.
 */
export function forumToday(timeZone: string, now: Date): string {
  const minute = Math.floor(now.getTime() / MINUTE_MS);
  let last = isoDays.get(timeZone);
  if (last?.minute === minute) return last.day;
  const format = last?.format ?? new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  isoDays.set(timeZone, (last = { format, minute, day: format.format(now) }));
  return last.day;
}

/** The same day a year on (29 February → 28 February): the latest an offer may stand until. */
export function aYearOn(today: string): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year + 1, month - 1, day));
  if (next.getUTCMonth() !== month - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/**
 * An offer's terms as sent (a new thread's, or a thread becoming an offer): a day from today to a year
 * ahead on the forum's calendar, and to whom (the network unless it says everyone). 400 naming `until`.
 */
export function checkOfferTerms(input: { until?: string; audience?: string }, timeZone: string, now: Date): { until: string; audience: OfferAudience } {
  const until = checkOfferDay(input.until, timeZone, now);
  return { until, audience: input.audience === 'everyone' ? 'everyone' : 'network' };
}

function checkOfferDay(until: string | undefined, timeZone: string, now: Date): string {
  if (!until) throw new ValidationError({ until: 'offers.untilRequired' });
  if (!startOfDayIn(timeZone, until)) throw new ValidationError({ until: 'validation.invalid' });
  const today = forumToday(timeZone, now);
  if (until < today) throw new ValidationError({ until: 'offers.untilPast' });
  if (until > aYearOn(today)) throw new ValidationError({ until: 'offers.untilTooFar' });
  return until;
}

/** open, ended (its author ended it, or its day has passed on the forum's calendar) or taken. */
export function offerState(row: Pick<queries.OfferRow, 'status' | 'ended_at' | 'until'>, today: string): 'open' | 'ended' | 'taken' {
  if (row.status === 'taken') return 'taken';
  return row.ended_at || row.until < today ? 'ended' : 'open';
}

/** An offer as this viewer may see it: its title is a placeholder when its opening post is hidden from them. */
export function offerJson(row: queries.OfferRow, viewer: Viewer | null, t: Translate, today: string): OfferJson {
  const heading = threadTitleFor(row, viewer, t);
  return {
    threadId: row.id,
    title: heading.title,
    slug: heading.slug,
    network: { slug: row.network_slug, name: row.network_name },
    author: personName(row.author_username, row.author_display_name, row.author_deleted_at),
    until: row.until,
    audience: row.audience,
    state: offerState(row, today),
    createdAt: row.created_at.toISOString(),
  };
}

export function offersService(db: Kysely<DB>, timeZone: string) {
  return {
    /** Its author (or a moderator of its network) ends the offer now, gives it a new day, or marks it taken. */
    async change(viewer: Viewer, threadId: number, input: { action: 'end' | 'extend' | 'taken'; until?: string }, now = new Date()) {
      return db.transaction().execute(async (tx) => {
        const [offer] = await queries.findOffers(tx, [threadId]);
        if (!offer) throw new NotFoundError();
        if (viewer.id !== offer.author_id && !canModerate(viewer, offer.network_id)) throw new ForbiddenError();
        if (offer.kind !== 'offer') throw new ConflictError('offers.notOffer');
        await queries.lockOffer(tx, threadId);
        if (input.action === 'end') await queries.endOffer(tx, threadId);
        else if (input.action === 'taken') await queries.markOfferTaken(tx, threadId);
        else await queries.extendOffer(tx, threadId, checkOfferDay(input.until, timeZone, now));
        await recordEvent(tx, 'offer.changed', { threadId, networkId: offer.network_id });
        const [changed] = await queries.findOffers(tx, [threadId]);
        return changed!;
      });
    },
  };
}
