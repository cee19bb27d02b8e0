// The demo's answers, thanks and offers (issue 18): two questions with the reply their askers marked as
// the answer, thanks for the replies that helped, two threads that are discussions rather than questions,
// and two offers colleagues make to each other — a meeting room for the winter, to everyone, and a kayak
// trailer, to the kayak network. Written through the services as the members would.
import type { Kysely } from 'kysely';
import type { Viewer } from '../src/core/viewer.js';
import type { DB } from '../src/db/schema.js';
import { forumToday } from '../src/offers/public.js';
import { findNetworkBySlug } from '../src/networks/networks.queries.js';
import { answersService } from '../src/threads/answers.service.js';
import { thanksService } from '../src/threads/thanks.service.js';
import { threadsService } from '../src/threads/threads.service.js';

const DAY = 24 * 3600 * 1000;

/** Questions whose asker marks a reply (the first by someone else) as the answer; everyone the asker heard from is thanked. */
const ANSWERED = ['Företagsevent för 40 personer – kan jag hyra kajaker och flytvästar av flera av er?', 'Öppettider för turistinformationen i sommar?'];
/** Threads that are talk, not questions. */
const DISCUSSIONS = ['Catch & release för gädda – gemensamma riktlinjer?', 'Vad önskar ni att ni visste första året som företagare?'];

async function threadByTitle(db: Kysely<DB>, title: string) {
  return db.selectFrom('threads').select(['id', 'author_id']).where('title', '=', title).executeTakeFirstOrThrow();
}

/** Writes them; `posts` gets the new posts' dates, as the rest of the demo's (backdated by the caller). */
export async function addDemoAnswersAndOffers(db: Kysely<DB>, now: number, viewers: Map<string, Viewer>, posts: Map<number, Date>): Promise<void> {
  const timeZone = 'Europe/Stockholm';
  const answers = answersService(db, timeZone);
  const thanks = thanksService(db);
  const byId = new Map([...viewers.values()].map((viewer) => [viewer.id, viewer]));

  for (const title of ANSWERED) {
    const thread = await threadByTitle(db, title);
    const asker = byId.get(thread.author_id)!;
    const replies = await db
      .selectFrom('posts')
      .select(['id', 'author_id'])
      .where('thread_id', '=', thread.id)
      .where('parent_id', 'is not', null)
      .where('author_id', '<>', thread.author_id)
      .orderBy('id')
      .execute();
    await answers.accept(asker, replies[0]!.id);
    for (const reply of replies) await thanks.toggle(asker, reply.id);
  }
  for (const title of DISCUSSIONS) {
    const thread = await threadByTitle(db, title);
    await answers.changeKind(byId.get(thread.author_id)!, thread.id, { kind: 'discussion' });
  }

  const threads = threadsService({ db, postingLimits: false });
  const offers = [
    {
      by: 'hamncafeet',
      network: 'alla',
      title: 'Mötesrum att låna i vinter',
      body: 'Caféet är stängt för gäster november–mars, men rummet på övervåningen står varmt. **Tolv platser**, projektor och kaffe. Hör av er om ni vill ha en planeringsdag eller en nätverksträff där.',
      days: 110,
      audience: 'everyone' as const,
    },
    {
      by: 'kajakboden',
      network: 'kajak',
      title: 'Kajaksläp för sex kajaker att låna',
      body: 'Vårt släp står still tills i vår. Det tar sex kajaker; ni behöver B96 eller BE. Låna det gärna för en tur eller för att flytta utrustning.',
      days: 45,
      audience: 'network' as const,
    },
  ];
  for (const offer of offers) {
    const network = (await findNetworkBySlug(db, offer.network))!;
    const until = forumToday(timeZone, new Date(now + offer.days * DAY));
    const { threadId, post } = await threads.createThread(viewers.get(offer.by)!, network, { title: offer.title, body: offer.body, language: 'sv' });
    await answers.changeKind(viewers.get(offer.by)!, threadId, { kind: 'offer', until, audience: offer.audience }, new Date(now));
    posts.set(post.id, new Date(now - 2 * DAY));
  }
}
