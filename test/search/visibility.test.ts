// What search shows each viewer: a guest, a member, the post's author, a convener of the thread's
// network, a convener of another network and an admin. A post the viewer may not read never matches
// and never appears in an excerpt; a deleted post never matches anyone; a hidden opening post hides the
// thread's title; a moved thread is searched (and moderated) in its new network; markup in a post
// never breaks out of an excerpt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { foundThreads, hide, search, similar, tagsIn, unhide, type SearchAnswer } from './support.js';

type Viewer = 'guest' | 'member' | 'author' | 'convener' | 'otherConvener' | 'admin';
const VIEWERS: Viewer[] = ['guest', 'member', 'author', 'convener', 'otherConvener', 'admin'];
/** Who reads a hidden post of the kajak network: its author, kajak's convener, an admin. */
const READERS_OF_HIDDEN: Viewer[] = ['author', 'convener', 'admin'];

describe('search and the visibility rule', () => {
  let ctx: TestContext;
  let people: Record<Exclude<Viewer, 'guest'>, Member>;

  function agentOf(viewer: Viewer): Agent {
    return viewer === 'guest' ? guest(ctx) : people[viewer].agent;
  }

  /** The viewers whose first page of `q` contains the thread. */
  async function findersOf(threadId: number, q: string, filters: Record<string, string> = {}): Promise<Viewer[]> {
    const finders: Viewer[] = [];
    for (const viewer of VIEWERS) {
      if ((await foundThreads(agentOf(viewer), { q, ...filters })).includes(threadId)) finders.push(viewer);
    }
    return finders;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    const admin = await signUp(ctx, { username: 'admin_astrid', displayName: 'Astrid Admin' });
    people = {
      admin,
      convener: await signUp(ctx, { username: 'lena_kajak', displayName: 'Lena Lind' }),
      otherConvener: await signUp(ctx, { username: 'olof_fiske', displayName: 'Olof Ek' }),
      author: await signUp(ctx, { username: 'anna_author', displayName: 'Anna Berg' }),
      member: await signUp(ctx, { username: 'per_member', displayName: 'Per Holm' }),
    };
    await networksWithConveners(admin.agent, {
      kajak: { name: 'Kajak & kanot', convener: 'lena_kajak' },
      fiske: { name: 'Fiske', convener: 'olof_fiske' },
    });
  });
  afterAll(() => ctx.close());

  it('finds a word only in a hidden reply for its author, the network’s convener and admins; a guest finds nothing (done when)', async () => {
    const { author, convener } = people;
    const thread = await startThread(author.agent, 'kajak', {
      title: 'Parkering vid Grönviken i juli',
      body: 'Parkeringen vid Grönviken räcker inte till när alla gäster kommer samtidigt. Har någon pratat med kommunen om fler platser?',
    });
    const hidden = await reply(author.agent, thread.id, 'Jag ställer gästernas bilar hos bonden på Skräddarskär, men säg inget till kommunen.');
    expect(await findersOf(thread.id, 'skräddarskär')).toEqual(VIEWERS);
    await hide(convener.agent, hidden.id);

    expect(await findersOf(thread.id, 'skräddarskär')).toEqual(READERS_OF_HIDDEN);
    expect(await search(guest(ctx), 'skräddarskär')).toEqual({
      query: { q: 'skräddarskär', network: null, author: null, after: null, before: null, in: null, sort: 'relevance' },
      results: [],
      next: null,
    });
    for (const viewer of READERS_OF_HIDDEN) {
      const [hit] = (await search(agentOf(viewer), 'skräddarskär')).results;
      expect(hit!.post).toMatchObject({ id: hidden.id, isOpening: false, author: { username: 'anna_author', displayName: 'Anna Berg' } });
      expect(hit!.excerpt).toContain('<mark>Skräddarskär</mark>');
    }
    // The thread itself is still found by its visible words, with an excerpt from a post the viewer may read.
    for (const viewer of VIEWERS) {
      const answer = await search(agentOf(viewer), 'parkeringen grönviken');
      expect(answer.results.map((result) => result.thread.id)).toEqual([thread.id]);
      // The best match is the opening post: the hidden reply's words are in no one's excerpt.
      expect(answer.results[0]!.post.id).toBe(thread.posts[0]!.id);
      expect(JSON.stringify(answer).toLowerCase()).not.toContain('skräddarskär');
    }
  });

  it('never finds a deleted post, not for its author nor an admin', async () => {
    const { author } = people;
    const thread = await startThread(author.agent, 'kajak', {
      title: 'Gratis brygga för kvällsturerna',
      body: 'Vi letar efter en brygga där vi kan lägga till med grupperna efter klockan 18 utan att betala hamnavgift.',
    });
    const deleted = await reply(author.agent, thread.id, 'Vi har provat Fjärdholmens brygga också, den är gratis efter klockan 18 och har en toalett.');
    expect(await findersOf(thread.id, 'fjärdholmens')).toEqual(VIEWERS);
    await author.agent.post(`/p/${deleted.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    expect(await findersOf(thread.id, 'fjärdholmens')).toEqual([]);
    for (const viewer of VIEWERS) expect((await search(agentOf(viewer), 'fjärdholmens')).results).toEqual([]);
    // Hidden and then deleted: still nobody.
    const hiddenThenDeleted = await reply(author.agent, thread.id, 'Bryggan vid Kråkvikens camping tar 50 kr per kajak, men bara om någon är där.');
    await hide(people.convener.agent, hiddenThenDeleted.id);
    await author.agent.post(`/p/${hiddenThenDeleted.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    expect(await findersOf(thread.id, 'kråkvikens')).toEqual([]);
  });

  it('finds a thread by the title of its hidden opening post only for those who may read it; others get the placeholder title', async () => {
    const { author, member, convener } = people;
    const thread = await startThread(author.agent, 'kajak', {
      title: 'Billiga våtdräkter från Ormskär',
      body: 'Säljer fem våtdräkter från Ormskär Outdoor, storlek M och L, knappt använda. 400 kr styck eller alla för 1 800 kr.',
    });
    const visible = await reply(member.agent, thread.id, 'Har du någon i storlek XS också? Vår nya guide Ingalill behöver en till säsongen.');
    await hide(convener.agent, thread.posts[0]!.id);

    expect(await findersOf(thread.id, 'ormskär')).toEqual(READERS_OF_HIDDEN);
    expect(await findersOf(thread.id, 'våtdräkter', { in: 'titles' })).toEqual(READERS_OF_HIDDEN);
    // A visible reply's words find it for everyone: the title shown as the viewer may see it.
    expect(await findersOf(thread.id, 'ingalill')).toEqual(VIEWERS);
    for (const viewer of VIEWERS) {
      const answer = await search(agentOf(viewer), 'ingalill');
      const [hit] = answer.results;
      expect(hit!.post).toMatchObject({ id: visible.id, isOpening: false });
      if (READERS_OF_HIDDEN.includes(viewer)) {
        expect(hit!.thread, viewer).toEqual({
          id: thread.id,
          title: 'Billiga våtdräkter från Ormskär',
          slug: 'billiga-vatdrakter-fran-ormskar',
          titleHidden: false,
          path: `/t/${thread.id}/billiga-vatdrakter-fran-ormskar`,
        });
      } else {
        expect(hit!.thread, viewer).toEqual({ id: thread.id, title: 'Hidden thread', slug: '', titleHidden: true, path: `/t/${thread.id}` });
        expect(JSON.stringify(answer.results).toLowerCase(), viewer).not.toMatch(/ormsk|våtdräkt|vatdrakt/);
      }
    }
    // Searching both: those who may not read the title get the reply, and nothing of the opening post.
    for (const viewer of ['guest', 'member', 'otherConvener'] as const) {
      const answer = await search(agentOf(viewer), 'ormskär or ingalill');
      expect(answer.results.map((result) => [result.thread.id, result.post.id, result.thread.titleHidden])).toEqual([[thread.id, visible.id, true]]);
      expect(JSON.stringify(answer.results).toLowerCase()).not.toMatch(/ormsk|våtdräkt/);
    }
    // Nor is it offered as a similar thread to them.
    for (const viewer of VIEWERS) {
      const offered = (await similar(agentOf(viewer), 'kajak', 'Våtdräkter från Ormskär')).threads.map((found) => found.id);
      expect(offered.includes(thread.id), viewer).toBe(READERS_OF_HIDDEN.includes(viewer));
    }
  });

  it('searches a moved thread in its new network, where the old network’s convener no longer reads its hidden posts', async () => {
    const { author, admin, convener } = people;
    const thread = await startThread(author.agent, 'kajak', {
      title: 'Fiskeguide sökes till kajakturer',
      body: 'Vi vill kombinera kajak och fiske i sommar och söker en guide som kan båda. Hör av er till Tjärnbackens camping.',
    });
    const hidden = await reply(author.agent, thread.id, 'Betalningen sker kontant vid Lommaträsket, kvitto behövs inte.');
    await hide(convener.agent, hidden.id);
    expect(await findersOf(thread.id, 'lommaträsket')).toEqual(READERS_OF_HIDDEN);

    await admin.agent.post(`/t/${thread.id}/move`).set('accept', JSON_ACCEPT).send({ network: 'fiske', note: 'Mest om fiske' }).expect(200);
    expect(await findersOf(thread.id, 'tjärnbackens', { network: 'fiske' })).toEqual(VIEWERS);
    expect(await findersOf(thread.id, 'tjärnbackens', { network: 'kajak' })).toEqual([]);
    const [hit] = (await search(guest(ctx), { q: 'tjärnbackens', network: 'fiske' })).results;
    expect(hit!.network).toEqual({ slug: 'fiske', name: 'Fiske' });
    // The convener of fiske now reads the hidden reply; the convener of kajak does not.
    expect(await findersOf(thread.id, 'lommaträsket')).toEqual(['author', 'otherConvener', 'admin']);
  });

  it('follows hiding and unhiding at once', async () => {
    const { author, member, convener } = people;
    const thread = await startThread(author.agent, 'kajak', {
      title: 'Flytvästar till barngrupper',
      body: 'Hur många barnvästar har ni? Vi får en skolklass på besök i juni och har bara tio egna.',
    });
    const offer = await reply(member.agent, thread.id, 'Vi har tjugo västar i barnstorlek från Sälgrundet, ni får gärna låna dem.');
    const readersOfOffer = (): Viewer[] => ['member', 'convener', 'admin'];
    expect(await findersOf(thread.id, 'sälgrundet')).toEqual(VIEWERS);
    await hide(convener.agent, offer.id);
    // The member wrote it: the author of this reply is `member`.
    expect(await findersOf(thread.id, 'sälgrundet')).toEqual(readersOfOffer());
    await unhide(convener.agent, offer.id);
    expect(await findersOf(thread.id, 'sälgrundet')).toEqual(VIEWERS);
  });

  it('keeps markup in a post inside the excerpt: only <mark> is a tag, everything else escaped', async () => {
    const { member } = people;
    const body = [
      'Vår bokningssida skickar mejl där paketet Ripsaxa står som <img src=x onerror=alert(1)> och ibland som',
      '</mark><script>alert(2)</script> mitt i texten. I ämnesraden för Ripsaxa står det dessutom `&lt;` och &lt;b&gt; i stället för en pil.',
      'Känner någon igen det från Ripsaxa eller andra paket?',
    ].join(' ');
    const thread = await startThread(member.agent, 'fiske', { title: 'Konstig text i bokningsmejlet', body });
    for (const viewer of VIEWERS) {
      const answer: SearchAnswer = await search(agentOf(viewer), 'ripsaxa');
      expect(answer.results.map((result) => result.thread.id)).toEqual([thread.id]);
      const { excerpt } = answer.results[0]!;
      expect(new Set(tagsIn(excerpt))).toEqual(new Set(['<mark>', '</mark>']));
      expect(excerpt).toContain('<mark>Ripsaxa</mark>');
      expect(excerpt).not.toMatch(/<(img|script|b)\b/i);
      expect(excerpt).not.toMatch(/[\u0001\u0002]/);
      // What was written is shown as text, escaped once.
      expect(excerpt).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(excerpt).toContain('&lt;/mark&gt;&lt;script&gt;alert(2)&lt;/script');
      expect(excerpt).toContain('&amp;lt;');
      // Every < and > left is a mark's.
      expect(excerpt.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    }
    // And the page shows the same excerpt: no tag of the post's reaches the HTML.
    const page = await guest(ctx).get('/search').query({ q: 'ripsaxa' }).set('accept', HTML);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<mark>Ripsaxa</mark>');
    expect(page.text).not.toMatch(/<img src=x|<script>alert|<b>/i);
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
