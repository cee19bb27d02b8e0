// Meetings' rules: who starts and changes them, answers against the capacity with a waiting list, and
// whom each change is told. Every write is one transaction that records its events.
import type { Kysely } from 'kysely';
import { recordEvent, type DomainEvents } from '../core/events.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.js';
import { instantOfWallClock } from '../core/time.js';
import type { Viewer } from '../core/viewer.js';
import type { DB, MeetingAnswer, TextLanguage } from '../db/schema.js';
import { requireConfirmedAddress } from '../accounts/guards.js';
import { requireNotSuspended } from '../moderation/guards.js';
import { audienceOf } from '../following/public.js';
import { findNetworkBySlug, type NetworkRow } from '../networks/public.js';
import { canModerate } from '../posts/visibility.js';
import { threadsService } from '../threads/public.js';
import * as queries from './meetings.queries.js';
import type { EditMeetingBody, NewMeetingBody } from './meetings.schemas.js';

type Tx = Kysely<DB>;

/**
 * The instant a form's moment names: a `datetime-local` value ("2027-04-12T18:00") on the forum's
 * clocks (the offset of that very moment, so summer time is right), or an instant a script gave with
 * its offset. undefined for a day or time that does not exist.
 */
export function instantOf(text: string, timeZone: string): Date | undefined {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? undefined : at;
  }
  const [date = '', time = ''] = text.split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map(Number) as [number, number, number?];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour) return undefined;
  // Offsets change on the hour: the hour's instant, then its minutes.
  return new Date(instantOfWallClock(timeZone, year, month, day, hour).getTime() + (minute * 60 + Math.floor(second)) * 1000);
}

/** Start and end from the form: both real moments, the end after the start, the start not in the past (400 naming the field). */
function readTimes(input: { startsAt: string; endsAt: string }, timeZone: string, now: Date, allowPastStart: boolean) {
  const startsAt = instantOf(input.startsAt, timeZone);
  const endsAt = instantOf(input.endsAt, timeZone);
  const fields: Record<string, string> = {};
  if (!startsAt) fields.startsAt = 'meetings.error.noSuchTime';
  else if (!allowPastStart && startsAt.getTime() <= now.getTime()) fields.startsAt = 'meetings.error.inPast';
  if (!endsAt) fields.endsAt = 'meetings.error.noSuchTime';
  else if (startsAt && endsAt.getTime() <= startsAt.getTime()) fields.endsAt = 'meetings.error.endBeforeStart';
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  return { startsAt: startsAt!, endsAt: endsAt! };
}

/** Conveners of the meeting's network and admins start and change meetings; others 403. */
function requireMeetingOrganiser(viewer: Viewer, networkId: number): void {
  if (!canModerate(viewer, networkId)) throw new ForbiddenError('meetings.onlyConveners');
}

type NoticeKind = DomainEvents['meeting.notify']['kind'];

async function tell(
  tx: Tx,
  meeting: { thread_id: number; network_id: number; opening_id: number },
  kind: NoticeKind,
  accountIds: number[],
  actorId: number | null,
  postId?: number,
) {
  if (accountIds.length === 0) return;
  await recordEvent(tx, 'meeting.notify', {
    threadId: meeting.thread_id,
    networkId: meeting.network_id,
    postId: postId ?? meeting.opening_id,
    kind,
    accountIds: [...new Set(accountIds)].sort((a, b) => a - b),
    actorId,
  });
}

/**
 * Moves up those waiting who fit in the places free, first come first served: the first on the list
 * who fits goes first, and one whose headcount does not fit keeps their place while a smaller party
 * behind them may fit (a headcount of 3 does not take a place that is 1). Returns who moved up.
 */
async function promoteWaiting(tx: Tx, meeting: { thread_id: number; capacity: number | null }): Promise<number[]> {
  const waiting = await queries.waitingList(tx, meeting.thread_id);
  if (waiting.length === 0) return [];
  let free = meeting.capacity === null ? Number.POSITIVE_INFINITY : meeting.capacity - (await queries.placesTaken(tx, meeting.thread_id, 0));
  const promoted: number[] = [];
  for (const entry of waiting) {
    if (free <= 0) break;
    if (entry.headcount <= free) {
      promoted.push(entry.account_id);
      free -= entry.headcount;
    }
  }
  await queries.giveplaces(tx, meeting.thread_id, promoted);
  return promoted;
}

export interface MeetingsServiceOptions {
  db: Kysely<DB>;
  timeZone: string;
  postingLimits: boolean;
}

export function meetingsService({ db, timeZone, postingLimits }: MeetingsServiceOptions) {
  const threads = threadsService({ db, postingLimits });

  return {
    /**
     * Starts a meeting on the network's board: a thread (title, the agenda as its opening post) and its
     * meeting row in one transaction. Only the network's conveners and admins; only admins invite more
     * networks than the board's own.
     */
    async create(author: Viewer, network: NetworkRow, input: NewMeetingBody & { language: TextLanguage }) {
      requireMeetingOrganiser(author, network.id);
      const now = new Date();
      const { startsAt, endsAt } = readTimes(input, timeZone, now, false);
      const others = (input.networks ?? []).filter((slug) => slug !== network.slug);
      if (others.length > 0 && author.role !== 'admin') throw new ForbiddenError('meetings.onlyAdminsInvite');
      const invited = [network.id];
      for (const slug of new Set(others)) {
        const other = await findNetworkBySlug(db, slug);
        if (!other) throw new ValidationError({ networks: 'meetings.error.noSuchNetwork' });
        invited.push(other.id);
      }
      const started = await threads.createThread(
        author,
        network,
        { title: input.title, body: input.body, language: input.language, submissionKey: input.submission, kind: 'meeting' },
        async (tx, threadId) => {
          await queries.insertMeeting(
            tx,
            { thread_id: threadId, starts_at: startsAt, ends_at: endsAt, place: input.place, map_url: input.mapUrl ?? null, capacity: input.capacity ?? null },
            invited,
          );
        },
      );
      return started;
    },

    /**
     * Changes the time, place, map link or capacity. A new time or place bumps the calendar's SEQUENCE
     * and tells everyone who answered going (waiting too) or maybe; a larger capacity moves up those
     * waiting who now fit (and tells them). A smaller one takes no place from anyone who has one.
     */
    async edit(editor: Viewer, threadId: number, input: EditMeetingBody) {
      return db.transaction().execute(async (tx) => {
        const meeting = await queries.lockMeeting(tx, threadId);
        if (!meeting) throw new NotFoundError();
        requireMeetingOrganiser(editor, meeting.network_id);
        if (meeting.cancelled_at) throw new ConflictError('meetings.cancelledAlready');
        const now = new Date();
        // A meeting under way may have its end moved; a start already past stays allowed when unchanged.
        const { startsAt, endsAt } = readTimes(input, timeZone, now, instantOf(input.startsAt, timeZone)?.getTime() === meeting.starts_at.getTime());
        const mapUrl = input.mapUrl ?? null;
        const capacity = input.capacity ?? null;
        const timeOrPlace =
          startsAt.getTime() !== meeting.starts_at.getTime() ||
          endsAt.getTime() !== meeting.ends_at.getTime() ||
          input.place !== meeting.place ||
          mapUrl !== meeting.map_url;
        await queries.updateMeeting(tx, threadId, {
          starts_at: startsAt,
          ends_at: endsAt,
          place: input.place,
          map_url: mapUrl,
          capacity,
          sequence: meeting.sequence + (timeOrPlace ? 1 : 0),
        });
        const promoted =
          capacity === null || (meeting.capacity !== null && capacity > meeting.capacity) ? await promoteWaiting(tx, { thread_id: threadId, capacity }) : [];
        if (timeOrPlace) await tell(tx, meeting, 'meeting-changed', await queries.accountsAnswering(tx, threadId, ['going', 'maybe']), editor.id);
        await tell(tx, meeting, 'waitlist-promoted', promoted, null);
        await recordEvent(tx, 'meeting.changed', { threadId });
        return { changed: timeOrPlace, promoted };
      });
    },

    /** Cancels the meeting: it says so at the top, leaves the calendars (STATUS:CANCELLED) and tells those who answered going or maybe. */
    async cancel(actor: Viewer, threadId: number) {
      return db.transaction().execute(async (tx) => {
        const meeting = await queries.lockMeeting(tx, threadId);
        if (!meeting) throw new NotFoundError();
        requireMeetingOrganiser(actor, meeting.network_id);
        if (meeting.cancelled_at) return { cancelled: false };
        await queries.markCancelled(tx, threadId, new Date());
        await tell(tx, meeting, 'meeting-cancelled', await queries.accountsAnswering(tx, threadId, ['going', 'maybe']), actor.id);
        await recordEvent(tx, 'meeting.changed', { threadId });
        return { cancelled: true };
      });
    },

    /**
     * A member's answer. The meeting's row is locked first, so answers to one meeting go one at a time
     * and the places taken are counted with nobody else writing: 50 at once for 10 places leave exactly
     * 10 with a place and 40 waiting, in the order they committed. A `going` that does not fit waits
     * (keeping its place on the list when it was waiting already); one that gives up a place moves up
     * the first waiting who fit.
     */
    async answer(viewer: Viewer, threadId: number, input: { answer: MeetingAnswer; headcount?: number }) {
      return db.transaction().execute(async (tx) => {
        const meeting = await queries.lockMeeting(tx, threadId);
        if (!meeting) throw new NotFoundError();
        requireConfirmedAddress(viewer);
        await requireNotSuspended(tx, viewer.id, meeting.network_id, new Date());
        if (meeting.cancelled_at) throw new ConflictError('meetings.cancelledAlready');
        if (meeting.ends_at.getTime() <= Date.now()) throw new ConflictError('meetings.over');
        const before = await queries.findAnswer(tx, threadId, viewer.id);
        const headcount = input.answer === 'going' ? (input.headcount ?? before?.headcount ?? 1) : 1;
        const hadPlace = before?.answer === 'going' && before.queue === null;
        let queue: 'keep' | 'next' | null = null;
        if (input.answer === 'going' && meeting.capacity !== null) {
          const taken = await queries.placesTaken(tx, threadId, viewer.id);
          const fits = taken + headcount <= meeting.capacity;
          if (hadPlace && !fits) throw new ConflictError('meetings.noRoomForMore');
          // Waiting already: a place is given only by moving up, in the list's order.
          const wasWaiting = before?.answer === 'going' && before.queue !== null;
          if (wasWaiting) queue = fits && (await queries.waitingList(tx, threadId))[0]?.account_id === viewer.id ? null : 'keep';
          else queue = fits ? null : 'next';
        }
        await queries.writeAnswer(tx, { threadId, accountId: viewer.id, answer: input.answer, headcount, queue });
        const freed = hadPlace && (input.answer !== 'going' || headcount < before.headcount);
        const promoted = freed ? await promoteWaiting(tx, meeting) : [];
        await tell(tx, meeting, 'waitlist-promoted', promoted, null);
        await recordEvent(tx, 'meeting.changed', { threadId });
        const counts = (await queries.answerCounts(tx, [threadId])).get(threadId);
        const mine = (await queries.findAnswer(tx, threadId, viewer.id))!;
        return { meeting, counts, mine, position: await queries.waitingPosition(tx, threadId, mine.queue) };
      });
    },

    /** A convener marks one reply as the minutes: shown under the agenda; the thread's followers and those who answered are told. */
    async markMinutes(actor: Viewer, threadId: number, postId: number) {
      return db.transaction().execute(async (tx) => {
        const meeting = await queries.lockMeeting(tx, threadId);
        if (!meeting) throw new NotFoundError();
        requireMeetingOrganiser(actor, meeting.network_id);
        const post = await queries.findReplyOf(tx, threadId, postId);
        if (!post || post.deleted_at) throw new ValidationError({ postId: 'meetings.error.notAReply' });
        if (meeting.minutes_post_id === postId) return { changed: false };
        await queries.setMinutes(tx, threadId, postId);
        const { watchers, muted } = await audienceOf(tx, meeting.network_id, threadId);
        const answered = await queries.accountsAnswering(tx, threadId, ['going', 'maybe']);
        const told = [...new Set([...watchers, ...answered])].filter((id) => !muted.has(id));
        await tell(tx, meeting, 'minutes', told, actor.id, postId);
        await recordEvent(tx, 'meeting.changed', { threadId });
        return { changed: true };
      });
    },
  };
}

export type MeetingsService = ReturnType<typeof meetingsService>;

/**
 * Sends the reminders due (meetings starting within 24 hours): each meeting is claimed by one UPDATE
 * (queries.claimDueReminders) in the same transaction that records whom to tell, so whichever
 * instance runs first sends it and a restart or a second instance finds nothing left. Returns the
 * meetings reminded.
 */
export async function sendDueReminders(db: Kysely<DB>, now = new Date()): Promise<number[]> {
  return db.transaction().execute(async (tx) => {
    const claimed = await queries.claimDueReminders(tx, now, new Date(now.getTime() + 24 * 3600 * 1000));
    const ids = claimed.map((row) => row.thread_id);
    if (ids.length === 0) return [];
    const [openings, going] = [await queries.openingPosts(tx, ids), await queries.goingWithPlace(tx, ids)];
    for (const opening of openings) {
      const accountIds = going.filter((row) => row.thread_id === opening.thread_id).map((row) => row.account_id);
      await tell(tx, { thread_id: opening.thread_id, network_id: opening.network_id, opening_id: opening.opening_id }, 'meeting-reminder', accountIds, null);
    }
    return ids.sort((a, b) => a - b);
  });
}

/**
 * A deleted account's answers and calendar go (in the deletion's transaction): each meeting still to
 * come where it had a place moves up those waiting who now fit, and tells them. Meetings are locked in
 * id order, as answering locks one, so two deletions cannot deadlock over them.
 */
export async function forgetAccountInMeetings(tx: Kysely<DB>, accountId: number): Promise<void> {
  const held = await queries.meetingsWithPlaceOf(tx, accountId, new Date());
  await tx.deleteFrom('meeting_answers').where('account_id', '=', accountId).execute();
  await tx.deleteFrom('meeting_calendar_tokens').where('account_id', '=', accountId).execute();
  for (const threadId of held) {
    const meeting = await queries.lockMeeting(tx, threadId);
    if (!meeting) continue;
    await tell(tx, meeting, 'waitlist-promoted', await promoteWaiting(tx, meeting), null);
    await recordEvent(tx, 'meeting.changed', { threadId });
  }
}
