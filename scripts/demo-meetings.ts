// The demo's meetings (src/meetings/): a kayak network meeting three weeks ago with its minutes under the
// agenda, and two to come — the kayak network's season opening with places for 20, and the destination's
// annual conference that every network is invited to. Written through the meetings service as their
// convener and the administrator would, then the past one moved back in time.
import type { Kysely } from 'kysely';
import type { Viewer } from '../src/core/viewer.js';
import type { DB } from '../src/db/schema.js';
import { meetingsService } from '../src/meetings/meetings.service.js';
import { findNetworkBySlug } from '../src/networks/networks.queries.js';
import { threadsService } from '../src/threads/threads.service.js';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** "2027-04-12T18:00" on the forum's clocks, `days` from `now` at `hour` (a datetime-local value). */
function localMoment(now: number, days: number, hour: number): string {
  const day = new Date(now + days * DAY).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

/**
 * Writes the meetings and resolves with the dates their posts should carry (as the rest of the demo's
 * posts, `posts` is filled in and backdated by the caller). `networkSlugs` and `viewers` are the demo's.
 */
export async function addDemoMeetings(
  db: Kysely<DB>,
  now: number,
  networkSlugs: readonly string[],
  viewers: Map<string, Viewer>,
  posts: Map<number, Date>,
): Promise<void> {
  const timeZone = 'Europe/Stockholm';
  const meetings = meetingsService({ db, timeZone, postingLimits: false });
  const threads = threadsService({ db, postingLimits: false });
  const kajak = (await findNetworkBySlug(db, 'kajak'))!;
  const alla = (await findNetworkBySlug(db, 'alla'))!;
  // The convener of the kayak network, as the request's viewer would carry it.
  const jonas = { ...viewers.get('kajakboden')!, convenes: [kajak.id] };
  const maja = viewers.get('skarvik_turism')!;
  const answer = (username: string, threadId: number, answer: 'going' | 'maybe' | 'not_going', headcount = 1) =>
    meetings.answer(viewers.get(username)!, threadId, { answer, headcount });

  // Three weeks ago: announced first (with dates ahead, as any), then moved back to when it happened.
  const past = await meetings.create(jonas, kajak, {
    title: 'Nätverksträff: leder och säkerhet inför hösten',
    body: 'Dagordning:\n\n1. Höstens leder runt Kajakön\n2. Säkerhet när vattnet blir kallt\n3. Gemensam bokningskalender\n4. Fika',
    startsAt: localMoment(now, 1, 18),
    endsAt: localMoment(now, 1, 20),
    place: 'Kajakboden, Norra hamnen',
    language: 'sv',
  });
  for (const username of ['lisa_paddlar', 'battaxi_olle', 'lotsen', 'vindrosen_bb']) await answer(username, past.threadId, 'going');
  await answer('hamncafeet', past.threadId, 'maybe');
  const { post: question } = await threads.reply(viewers.get('lotsen')!, past.threadId, {
    body: 'Kan vi ta upp hur vi når gäster som bokar via vandrarhemmet?',
    language: 'sv',
  });
  const { post: minutes } = await threads.reply(jonas, past.threadId, {
    body: 'Minnesanteckningar:\n\n- Fyra höstleder, kartan uppdateras av Lisa.\n- Våtdräkt obligatoriskt från 1 oktober.\n- Vi provar en gemensam bokningskalender till våren.\n- Nästa träff: säsongsstart i vår.',
    language: 'sv',
  });
  await meetings.markMinutes(jonas, past.threadId, minutes.id);
  const pastStart = new Date(now - 21 * DAY);
  pastStart.setUTCHours(16, 0, 0, 0);
  await db
    .updateTable('meetings')
    .set({ starts_at: pastStart, ends_at: new Date(pastStart.getTime() + 2 * HOUR), reminded_at: new Date(pastStart.getTime() - DAY) })
    .where('thread_id', '=', past.threadId)
    .execute();
  posts.set(past.post.id, new Date(now - 28 * DAY));
  posts.set(question.id, new Date(now - 26 * DAY));
  posts.set(minutes.id, new Date(now - 20 * DAY));

  // In twelve days: the season opening, 20 places.
  const opening = await meetings.create(jonas, kajak, {
    title: 'Säsongsstart 2027',
    body: 'Vi öppnar säsongen tillsammans.\n\n1. Nya leder och kartan\n2. Samarbete om paketresor\n3. Prova-på-paddling för nya medlemmar\n4. Grillkväll på bryggan',
    startsAt: localMoment(now, 12, 17),
    endsAt: localMoment(now, 12, 21),
    place: 'Kajakboden, Norra hamnen',
    mapUrl: 'https://www.openstreetmap.org/',
    capacity: 20,
    language: 'sv',
  });
  await answer('lisa_paddlar', opening.threadId, 'going');
  await answer('battaxi_olle', opening.threadId, 'going', 2);
  await answer('vindrosen_bb', opening.threadId, 'going');
  await answer('hamncafeet', opening.threadId, 'maybe');
  await answer('lotsen', opening.threadId, 'going', 3);
  posts.set(opening.post.id, new Date(now - 3 * DAY));

  // In six weeks: the annual conference, every network invited.
  const conference = await meetings.create(maja, alla, {
    title: 'Destinationsträffen 2027',
    body: 'Årets konferens för alla nätverk: säsongen som gick, planerna framåt och gott om tid att träffas.\n\n1. Destinationens år i siffror\n2. Nätverken berättar\n3. Middag',
    startsAt: localMoment(now, 42, 13),
    endsAt: localMoment(now, 42, 21),
    place: 'Skärviks folkets hus',
    capacity: 120,
    networks: networkSlugs.filter((slug) => slug !== 'alla'),
    language: 'sv',
  });
  for (const username of ['kajakboden', 'fiskecampen', 'galleri_tang', 'saltsmak', 'mette_havn']) await answer(username, conference.threadId, 'going');
  await answer('elin_event', conference.threadId, 'going', 2);
  await answer('amir_kock', conference.threadId, 'maybe');
  posts.set(conference.post.id, new Date(now - 1 * DAY));
}
