// What other features and the pages use of offers: checking and writing an offer's terms inside the
// transaction that starts (or changes) its thread, the forum's day, and the lists of current offers.
import type { Kysely } from 'kysely';
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import type { Reading } from '../core/shared-reads.js';
import { findOffers, listCurrentOffers, upsertOffer } from './offers.queries.js';
import { checkOfferTerms, forumToday, offerJson } from './offers.service.js';
import { titleSeenAsAnyMember } from '../posts/present.js';

export { upsertOffer, checkOfferTerms, forumToday };
export { OfferJson } from './offers.schemas.js';

/** How many current offers a board's side column lists. */
const BOARD_OFFERS = 10;

/**
 * The network's current offers, newest first (a board's side column); `now` decides which day it is.
 * The rows are shared by every viewer until an offer or the board changes.
 */
export async function currentOffersOf({ db, reads }: Reading, networkId: number, viewer: Viewer | null, t: Translate, timeZone: string, now = new Date()) {
  const today = forumToday(timeZone, now);
  const rows = await reads.read(`offers ${networkId} ${today}`, ['boards'], () => listCurrentOffers(db, { today, networkId, limit: BOARD_OFFERS }));
  return {
    offers: rows.map((row) => offerJson(row, viewer, t, today)),
    /** Whether a signed-in viewer reads every title here as any member does (a guest: false). */
    titlesAsAnyMember: !!viewer && rows.every((row) => titleSeenAsAnyMember(row, viewer)),
  };
}

/**
 * The current offers made to this viewer, newest first: those to everyone, and a member's networks'
 * own (for the home page and /offers).
 */
export async function currentOffersFor(db: Kysely<DB>, viewer: Viewer | null, t: Translate, timeZone: string, now = new Date(), limit = 100) {
  const today = forumToday(timeZone, now);
  const rows = await listCurrentOffers(db, { today, memberId: viewer?.id, limit });
  return rows.map((row) => offerJson(row, viewer, t, today));
}

/** The thread's offer as this viewer may see it (its thread page), with whether they may change it; null when it is no offer. */
export async function offerOfThread(db: Kysely<DB>, threadId: number, viewer: Viewer | null, t: Translate, timeZone: string, now = new Date()) {
  return (await offerForReaders(db, threadId, timeZone, now))?.(viewer, t) ?? null;
}

/**
 * The thread's offer read once, shown to each reader as offerOfThread would (the live feed's many
 * readers); null when it is no offer.
 */
export async function offerForReaders(db: Kysely<DB>, threadId: number, timeZone: string, now = new Date()) {
  const [row] = await findOffers(db, [threadId]);
  if (!row || row.kind !== 'offer') return null;
  const today = forumToday(timeZone, now);
  return (viewer: Viewer | null, t: Translate) => {
    const canChange = !!viewer && (viewer.id === row.author_id || viewer.role === 'admin' || viewer.convenes.includes(row.network_id));
    return { ...offerJson(row, viewer, t, today), canChange };
  };
}
