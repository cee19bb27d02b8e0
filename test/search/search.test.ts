// Searching the forum's memory through GET /search as members and guests do: every language's stemming,
// the web syntax, each filter, paging, an edit seen at once, "Has this been asked before?" and the
// language each post is stored with. One forum for the file; each test searches words only its own
// posts contain, so it can say exactly which threads come back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { allPages, foundThreads, hide, memberIn, search, searchRequest, similar, tagsIn, writtenAt } from './support.js';

describe('search', () => {
  let ctx: TestContext;
  let admin: Member;
  /** A Swedish, a Danish and an English member (their accounts' language set), and a second Swede. */
  let karin: Member;
  let mette: Member;
  let tom: Member;
  let erik: Member;

  /** Thread ids by a name each test uses. */
  const threads: Record<string, number> = {};

  async function thread(name: string, author: Member, network: string, title: string, body: string) {
    const started = await startThread(author.agent, network, { title, body });
    threads[name] = started.id;
    return started;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_sofia', displayName: 'Sofia Admin' });
    karin = await memberIn(ctx, 'sv', { username: 'karin_strand', displayName: 'Karin Strand' });
    mette = await memberIn(ctx, 'da', { username: 'mette_havgaard', displayName: 'Mette Havgaard' });
    tom = await memberIn(ctx, 'en', { username: 'tom_shore', displayName: 'Tom Shore' });
    erik = await memberIn(ctx, 'sv', { username: 'erik_paddel', displayName: 'Erik Paddel' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak & kanot' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
    await createNetwork(admin.agent, { slug: 'cafe', name: 'Kaféer' });
    await createNetwork(admin.agent, { slug: 'boende', name: 'Boende & stugor' });

    // Stemming: each post has the word in one form only.
    await thread(
      'svKajak',
      karin,
      'kajak',
      'Låna kajak vid Tallskär?',
      'Hej! Vi har en gäst som frågar var man kan låna en kajak för en förmiddag vid Tallskär. Vår egen kajak är på lagning hos varvet till nästa vecka. Någon som kan hjälpa till mot ersättning?',
    );
    await thread(
      'svNatverk',
      karin,
      'kajak',
      'Nätverk för småföretag i skärgården',
      'Vi är ett litet bageri på Kvarnö och undrar om det finns något nätverk för oss som bara har öppet på somrarna. Vad kostar det att vara med och hur ofta ses man?',
    );
    await thread(
      'daNetvaerk',
      mette,
      'kajak',
      'Erfaringer med netværk for turistvirksomheder',
      'Hej allesammen. Vi er en lille campingplads ved fjorden og overvejer at blive en del af et netværk for turistvirksomheder i kommunen. Hvad får I ud af jeres netværk i praksis, og hvor meget tid bruger I på det om måneden?',
    );
    await thread(
      'daNetvaerk2',
      mette,
      'kajak',
      'Nyt netværk for udlejere ved kysten',
      'Vi starter et netværk for alle, der lejer både og udstyr ud langs kysten. Første møde bliver på havnekontoret den anden tirsdag i april. Skriv her, hvis I vil være med.',
    );
    await thread(
      'daKajak',
      mette,
      'kajak',
      'Udlejning i højsæsonen',
      'Vi har fået spørgsmål fra flere gæster om at leje en kajak til en dagstur langs kysten. Er der nogen i området, der udlejer, og hvad tager I for en hel dag?',
    );
    await thread(
      'enKayak',
      tom,
      'kajak',
      'Where to store a kayak over winter',
      'We run a small guesthouse by the lake and a guest has asked whether they can leave their kayak with us until spring. Does anyone have experience with insurance for storing a kayak in an unheated barn?',
    );
    await thread(
      'enNetwork',
      tom,
      'kajak',
      'Joining the regional tourism network',
      'Our bakery joined the regional tourism network last spring and it has been worth every minute. If your business is thinking about it, the network meets on the first Tuesday of every month at the harbour office.',
    );
    await thread(
      'brand',
      erik,
      'kajak',
      'Vattentäta packpåsar som faktiskt håller',
      'Vi har köpt nya packpåsar av märket Glimberstrix till uthyrningen och de håller verkligen tätt, även när någon välter med kajaken. Rekommenderas!',
    );

    // The done-when case: summer opening hours.
    await thread(
      'hoursBoth',
      karin,
      'cafe',
      'Öppettider i sommar för kaféerna på Kvarnö',
      'Hej alla! Jag samlar ihop öppettider för sommaren så att vi kan hänvisa gästerna till varandra. Skriv era öppettider i sommar här nedanför, gärna med datum för när ni öppnar och stänger säsongen.',
    );
    await thread(
      'hoursOnce',
      erik,
      'cafe',
      'Personal till högsäsongen',
      'Vi söker två personer till kaféet i juli. Våra öppettider är längre då, så det blir kvällspass också. Hör av er om ni vet någon som vill jobba hos oss i sommar!',
    );
    await thread(
      'hoursWinter',
      erik,
      'cafe',
      'Öppettider i vinter',
      'Vi har stängt i januari men öppnar igen i februari, då med kortare öppettider på vardagarna.',
    );
    await thread(
      'summerJobs',
      karin,
      'cafe',
      'Sommarjobb för ungdomar',
      'Kommunen betalar halva lönen för ungdomar som jobbar hos oss i sommar. Anmälan senast 1 april.',
    );

    // Syntax.
    await thread(
      'phrase',
      erik,
      'fiske',
      'Bete till helgens gäster',
      'Finns det någon som säljer levande bete i Hällby? Våra gäster vill fiska från bryggan i helgen och frågar hela tiden.',
    );
    await thread(
      'wordsApart',
      karin,
      'fiske',
      'Maskar från kiosken',
      'Bete finns i kiosken vid hamnen, men de har inga levande maskar just nu. Prova igen på fredag när leveransen kommer.',
    );
    await thread(
      'perch',
      erik,
      'fiske',
      'Tips om abborre från land',
      'Var brukar ni hitta abborre när det är kallt i vattnet? Våra gäster har bara fått små hittills.',
    );
    await thread('pike', karin, 'fiske', 'Fluga för gäddfiske', 'Någon som guidar med fluga? Vi har en gäst som vill fånga sin första gädda i september.');
    await thread(
      'canoeRent',
      karin,
      'kajak',
      'Två familjer, en vecka i augusti',
      'Vi är två familjer som vill hyra en kanot i en vecka i augusti. Vem har kanoter att hyra ut och vad kostar det?',
    );
    await thread(
      'canoeSale',
      erik,
      'kajak',
      'Kanot till salu',
      'Säljer min gamla kanot i glasfiber, 4,7 meter, med två paddlar. Den har några repor men är helt tät. 3 500 kr.',
    );
  });
  afterAll(() => ctx.close());

  describe('stemming, in the language each post is written in', () => {
    it('finds a Swedish post about a kajak when searching kajaker, with the word marked', async () => {
      const answer = await search(karin.agent, 'kajaker');
      const hit = answer.results.find((result) => result.thread.id === threads.svKajak);
      expect(hit).toBeDefined();
      expect(hit!.excerpt).toMatch(/<mark>kajak<\/mark>/i);
      expect(hit!.network).toEqual({ slug: 'kajak', name: 'Kajak & kanot' });
      expect(hit!.post.author).toEqual({ username: 'karin_strand', displayName: 'Karin Strand' });
    });

    it('finds a Danish post about a kajak when searching kajakker', async () => {
      expect(await foundThreads(mette.agent, 'kajakker')).toContain(threads.daKajak);
    });

    it('finds an English post about a kayak when searching kayaks', async () => {
      expect(await foundThreads(tom.agent, 'kayaks')).toContain(threads.enKayak);
    });

    it('finds the Danish threads about networks when a Danish member searches netværkene (done when)', async () => {
      const found = await foundThreads(mette.agent, 'netværkene');
      expect(found).toEqual(expect.arrayContaining([threads.daNetvaerk, threads.daNetvaerk2]));
      expect(found).not.toContain(threads.daKajak);
    });

    it('finds a Swedish post about a nätverk when searching nätverken, and an English one about a network when searching networks', async () => {
      expect(await foundThreads(karin.agent, 'nätverken')).toContain(threads.svNatverk);
      expect(await foundThreads(tom.agent, 'networks')).toContain(threads.enNetwork);
    });

    it('matches a word no stemmer knows (a brand) exactly, whoever searches', async () => {
      for (const agent of [karin.agent, mette.agent, tom.agent, guest(ctx)]) {
        const answer = await search(agent, 'Glimberstrix');
        expect(answer.results.map((result) => result.thread.id)).toEqual([threads.brand]);
        expect(answer.results[0]!.excerpt).toContain('<mark>Glimberstrix</mark>');
      }
    });

    it('gives a Swedish member searching öppettider sommar the threads about summer opening hours, best first, marked (done when)', async () => {
      const answer = await search(karin.agent, 'öppettider sommar');
      // Both words in the title (and the body) above a thread with each word once in its body; the
      // winter hours and the summer jobs have only one of the words.
      expect(answer.results.map((result) => result.thread.id)).toEqual([threads.hoursBoth, threads.hoursOnce]);
      const [best, second] = answer.results;
      expect(best!.thread).toMatchObject({ title: 'Öppettider i sommar för kaféerna på Kvarnö', titleHidden: false });
      expect(best!.thread.path).toBe(`/t/${threads.hoursBoth}/${best!.thread.slug}`);
      expect(best!.post.isOpening).toBe(true);
      expect(best!.excerpt).toMatch(/<mark>öppettider<\/mark>/i);
      expect(best!.excerpt).toMatch(/<mark>sommar(en)?<\/mark>/i);
      expect(second!.excerpt).toContain('<mark>öppettider</mark>');
      expect(second!.excerpt).toContain('<mark>sommar</mark>');
      for (const result of answer.results) expect(new Set(tagsIn(result.excerpt))).toEqual(new Set(['<mark>', '</mark>']));
      expect(answer.query).toEqual({ q: 'öppettider sommar', network: null, author: null, after: null, before: null, in: null, sort: 'relevance' });
      expect(answer.next).toBeNull();
    });
  });

  describe('the web syntax', () => {
    it('matches "a phrase" only where its words stand together', async () => {
      const apart = await foundThreads(karin.agent, 'levande bete');
      expect(apart).toEqual(expect.arrayContaining([threads.phrase, threads.wordsApart]));
      expect(await foundThreads(karin.agent, '"levande bete"')).toEqual([threads.phrase]);
    });

    it('finds either word with or, and only both without it', async () => {
      const both = await foundThreads(karin.agent, 'abborre gädda');
      expect(both).not.toContain(threads.perch);
      expect(both).not.toContain(threads.pike);
      expect(new Set(await foundThreads(karin.agent, 'abborre or gädda'))).toEqual(new Set([threads.perch, threads.pike]));
    });

    it('leaves out the posts with -word, a Swedish post with hyra excluded by -hyra', async () => {
      expect(new Set(await foundThreads(karin.agent, 'kanot'))).toEqual(new Set([threads.canoeRent, threads.canoeSale]));
      expect(await foundThreads(karin.agent, 'kanot -hyra')).toEqual([threads.canoeSale]);
      // Whoever searches, in whatever language their pages are.
      expect(await foundThreads(tom.agent, 'kanot -hyra')).toEqual([threads.canoeSale]);
      expect(await foundThreads(guest(ctx), 'kanot -hyra')).toEqual([threads.canoeSale]);
    });

    // A thread's title and its opening post are one document (posts.title is indexed with the body).
    it('leaves out a thread whose title matches when its opening post has the -word', async () => {
      const started = await startThread(karin.agent, 'kajak', {
        title: 'Kanot en vecka i juli',
        body: 'Vi är tre vuxna som vill hyra en kanot en vecka i juli. Vem hyr ut och vad kostar det?',
      });
      expect(await foundThreads(karin.agent, 'kanot -hyra')).not.toContain(started.id);
      expect(await foundThreads(karin.agent, 'kanot')).toContain(started.id);
    });

    it('finds a thread with one word in its title and the other in its opening post', async () => {
      const started = await startThread(karin.agent, 'kajak', {
        title: 'Kajakpaddling för nybörjare',
        body: 'Vi kör kurser varje lördag i sommar, två timmar med fika på Tallskär efteråt.',
      });
      expect(await foundThreads(karin.agent, 'kajakpaddling sommar')).toContain(started.id);
    });

    it('finds nothing for a query of only -words, which every other post would match', async () => {
      expect(await foundThreads(karin.agent, 'kanot')).not.toEqual([]);
      expect(await foundThreads(karin.agent, '-kanot')).toEqual([]);
      expect(await foundThreads(karin.agent, '-kanot -hyra')).toEqual([]);
    });
  });

  describe('filters', () => {
    let kajakFuel: number;
    let fiskeFuel: number;

    beforeAll(async () => {
      kajakFuel = (
        await startThread(karin.agent, 'kajak', {
          title: 'Sjömacken i Hällby stänger tidigt',
          body: 'Sjömacken vid gästhamnen stänger redan klockan 16 i vår, så tanka innan ni åker ut med gästerna.',
        })
      ).id;
      fiskeFuel = (
        await startThread(erik.agent, 'fiske', {
          title: 'Bensin till båtarna',
          body: 'Vi tankar alltid vid sjömacken i Hällby, men priset har gått upp med nästan två kronor sedan förra året.',
        })
      ).id;
    });

    it('narrows to a network, and refuses one that does not exist', async () => {
      expect(new Set(await foundThreads(karin.agent, 'sjömacken'))).toEqual(new Set([kajakFuel, fiskeFuel]));
      const inFiske = await search(karin.agent, { q: 'sjömacken', network: 'fiske' });
      expect(inFiske.results.map((result) => result.thread.id)).toEqual([fiskeFuel]);
      expect(inFiske.results[0]!.network).toEqual({ slug: 'fiske', name: 'Fiske' });
      expect(inFiske.query.network).toBe('fiske');
      expect(await foundThreads(karin.agent, { q: 'sjömacken', network: 'kajak' })).toEqual([kajakFuel]);
      const unknown = await searchRequest(karin.agent, { q: 'sjömacken', network: 'segling' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toBe('validation');
      expect(Object.keys(unknown.body.fields)).toEqual(['network']);
    });

    it('narrows to an author, with or without @, and refuses one that does not exist', async () => {
      const byErik = await search(karin.agent, { q: 'sjömacken', author: 'erik_paddel' });
      expect(byErik.results.map((result) => result.thread.id)).toEqual([fiskeFuel]);
      expect(byErik.query.author).toBe('erik_paddel');
      const withAt = await search(karin.agent, { q: 'sjömacken', author: '@erik_paddel' });
      expect(withAt.results.map((result) => result.thread.id)).toEqual([fiskeFuel]);
      expect(withAt.query.author).toBe('erik_paddel');
      expect(await foundThreads(karin.agent, { q: 'sjömacken', author: '@karin_strand' })).toEqual([kajakFuel]);
      // An author who wrote a reply: found by the reply, not by the thread's opening post.
      await reply(tom.agent, fiskeFuel, 'Same here: the fuel dock at Hällby (the sjömacken) charged us more this year too.');
      expect(await foundThreads(karin.agent, { q: 'sjömacken', author: 'tom_shore' })).toEqual([fiskeFuel]);
      const unknown = await searchRequest(karin.agent, { q: 'sjömacken', author: '@nobody_by_that_name' });
      expect(unknown.status).toBe(400);
      expect(Object.keys(unknown.body.fields)).toEqual(['author']);
    });

    it('takes after and before as days in the forum’s time zone (after inclusive, before exclusive)', async () => {
      const late = await startThread(karin.agent, 'kajak', {
        title: 'Vinterförvaring av kajaker',
        body: 'Har någon plats över för vinterförvaring? Vi har tolv kajaker som behöver stå under tak från oktober till april.',
      });
      const midnight = await startThread(erik.agent, 'kajak', {
        title: 'Pris för vinterförvaring',
        body: 'Vad tar ni för vinterförvaring av en båt på land? Vi har fått förfrågningar från gästerna och vill inte ta för lite.',
      });
      const noon = await startThread(karin.agent, 'kajak', {
        title: 'Vinterförvaring i ladan',
        body: 'Vi har plats för vinterförvaring i vår gamla lada, torrt och låst. Hör av er före september om ni vill ha en plats.',
      });
      // Stockholm is UTC+1 in January: 23:30 on the 13th, 00:30 on the 14th, noon on the 15th.
      await writtenAt(ctx, late.posts[0]!.id, new Date('2026-01-13T22:30:00Z'));
      await writtenAt(ctx, midnight.posts[0]!.id, new Date('2026-01-13T23:30:00Z'));
      await writtenAt(ctx, noon.posts[0]!.id, new Date('2026-01-15T11:00:00Z'));
      const found = async (filters: { after?: string; before?: string }) => new Set(await foundThreads(karin.agent, { q: 'vinterförvaring', ...filters }));

      expect(await found({})).toEqual(new Set([late.id, midnight.id, noon.id]));
      expect(await found({ after: '2026-01-14' })).toEqual(new Set([midnight.id, noon.id]));
      expect(await found({ before: '2026-01-14' })).toEqual(new Set([late.id]));
      expect(await found({ after: '2026-01-14', before: '2026-01-15' })).toEqual(new Set([midnight.id]));
      expect(await found({ after: '2026-01-15', before: '2026-01-16' })).toEqual(new Set([noon.id]));
      expect(await found({ after: '2026-01-16' })).toEqual(new Set());
      const answer = await search(karin.agent, { q: 'vinterförvaring', after: '2026-01-14', before: '2026-01-15' });
      expect(answer.query).toMatchObject({ after: '2026-01-14', before: '2026-01-15' });
      expect(answer.results[0]!.post.createdAt).toBe('2026-01-13T23:30:00.000Z');

      for (const [filters, field] of [
        [{ after: '2026-02-30' }, 'after'],
        [{ before: '14/01/2026' }, 'before'],
        [{ after: '2026-1-4' }, 'after'],
        [{ after: '2026-01-15', before: '2026-01-14' }, 'before'],
        [{ after: '2026-01-15', before: '2026-01-15' }, 'before'],
      ] as const) {
        const refused = await searchRequest(karin.agent, { q: 'vinterförvaring', ...filters });
        expect(refused.status, JSON.stringify(filters)).toBe(400);
        expect(Object.keys(refused.body.fields), JSON.stringify(filters)).toEqual([field]);
      }
    });

    it('matches titles only with in=titles: a word only in a body is not found', async () => {
      const inTitle = await startThread(karin.agent, 'fiske', {
        title: 'Fiskekort för gästerna',
        body: 'Var köper ni till gästerna? Vi brukar skicka dem till Handlar’n, men de har kortare öppet nu.',
      });
      const inBody = await startThread(erik.agent, 'fiske', {
        title: 'Frågor inför säsongen',
        body: 'Har någon koll på om fiskekorten gäller även i Norrsjön? Gästerna undrar och jag hittar inget på kommunens sida.',
      });
      expect(new Set(await foundThreads(karin.agent, 'fiskekort'))).toEqual(new Set([inTitle.id, inBody.id]));
      const titles = await search(karin.agent, { q: 'fiskekort', in: 'titles' });
      expect(titles.results.map((result) => result.thread.id)).toEqual([inTitle.id]);
      expect(titles.results[0]!.post.isOpening).toBe(true);
      expect(titles.query.in).toBe('titles');
      const refused = await searchRequest(karin.agent, { q: 'fiskekort', in: 'bodies' });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.fields)).toEqual(['in']);
    });

    it('sorts by relevance by default and by the newest matching post with sort=latest', async () => {
      const about = await startThread(karin.agent, 'boende', {
        title: 'Solpaneler på sjöboden – erfarenheter av solpaneler?',
        body: 'Vi funderar på solpaneler på taket till sjöboden. Är solpaneler värda pengarna när man mest har öppet på somrarna? Vilken firma satte upp era solpaneler?',
      });
      const aside = await startThread(erik.agent, 'boende', {
        title: 'Elräkningen i vinter',
        body: 'Hur mycket har elräkningen gått upp hos er? Hos oss är den nästan dubbel mot förra vintern.',
      });
      const mention = await reply(karin.agent, aside.id, 'Vi sparade en del med paneler på ladan, men vintern är ju mörk. Solpaneler hjälper mest från april.');
      const relevance = await search(erik.agent, 'solpaneler');
      expect(relevance.results.map((result) => result.thread.id)).toEqual([about.id, aside.id]);
      expect(relevance.results[1]!.post).toMatchObject({ id: mention.id, isOpening: false });
      const latest = await search(erik.agent, { q: 'solpaneler', sort: 'latest' });
      expect(latest.results.map((result) => result.thread.id)).toEqual([aside.id, about.id]);
      expect(latest.query.sort).toBe('latest');
      expect(await foundThreads(erik.agent, { q: 'solpaneler', sort: 'relevance' })).toEqual([about.id, aside.id]);
      const refused = await searchRequest(erik.agent, { q: 'solpaneler', sort: 'oldest' });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.fields)).toEqual(['sort']);
    });

    it('answers a blank query with the query and no results, and refuses one over 200 characters', async () => {
      for (const q of [undefined, '', '   ']) {
        const answer = await search(guest(ctx), q === undefined ? {} : { q });
        expect(answer).toEqual({
          query: { q: '', network: null, author: null, after: null, before: null, in: null, sort: 'relevance' },
          results: [],
          next: null,
        });
      }
      const tooLong = await searchRequest(guest(ctx), { q: 'kajak '.repeat(34) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body).toMatchObject({ error: 'validation' });
      expect(Object.keys(tooLong.body.fields)).toEqual(['q']);
      // 200 is allowed.
      expect((await searchRequest(guest(ctx), { q: 'k'.repeat(200) })).status).toBe(200);
    });
  });

  describe('odd input', () => {
    it('answers any text in the web syntax without an error: stray quotes, operators, only stop words', async () => {
      for (const q of [
        '"',
        '-',
        '""',
        'or',
        '-kajak',
        'och i på',
        '!!! & | ( ) :* <->',
        "'; drop table posts; --",
        'kajak:*',
        '"kajak',
        'kajak -',
        '\u0001kajak\u0002',
      ]) {
        const response = await searchRequest(guest(ctx), { q });
        expect(response.status, q).toBe(200);
        expect(response.body.query.q, q).toBe(q.trim());
      }
    });

    it('refuses a NUL character in the query rather than failing', async () => {
      const response = await searchRequest(guest(ctx), { q: 'kajak\u0000' });
      expect(response.status).toBeLessThan(500);
    });
  });

  describe('a former member', () => {
    it('is shown as nobody beside their kept posts, and is no author to filter by; posts deleted with the account are gone', async () => {
      const keeper = await signUp(ctx, { username: 'gunnel_kvar', displayName: 'Gunnel Kvar' });
      const kept = await startThread(keeper.agent, 'kajak', {
        title: 'Tältplatser vid Ekudden',
        body: 'Vi har sex tältplatser vid Ekudden som kajakgästerna kan boka för en natt, med torrdass och färskvatten.',
      });
      const leaver = await signUp(ctx, { username: 'bertil_borta', displayName: 'Bertil Borta' });
      const erased = await reply(leaver.agent, kept.id, 'Vi har också tältplatser, vid Rävholmens udde, med eldstad och ved.');
      expect(await foundThreads(guest(ctx), 'rävholmens')).toEqual([kept.id]);

      await keeper.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: keeper.password }).expect(200);
      await leaver.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: leaver.password, deletePosts: true }).expect(200);

      const [hit] = (await search(guest(ctx), 'ekudden')).results;
      expect(hit!.thread.id).toBe(kept.id);
      expect(hit!.post.author).toEqual({ username: '', displayName: '' });
      expect(JSON.stringify(hit)).not.toMatch(/gunnel/i);
      const refused = await searchRequest(guest(ctx), { q: 'ekudden', author: 'gunnel_kvar' });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.fields)).toEqual(['author']);
      expect((await search(guest(ctx), 'rävholmens')).results).toEqual([]);
      // Deleted with the account (or gone with its thread): either way no longer a post anyone reads.
      const row = await ctx.db.selectFrom('posts').select('deleted_at').where('id', '=', erased.id).executeTakeFirst();
      expect(row === undefined || row.deleted_at !== null).toBe(true);
    });
  });

  describe('paging', () => {
    const bastu: number[] = [];

    beforeAll(async () => {
      await createNetwork(admin.agent, { slug: 'bastu', name: 'Bastu & bad' });
      for (let week = 1; week <= 45; week += 1) {
        const started = await startThread(week % 2 ? karin.agent : erik.agent, 'bastu', {
          title: `Bastuflotten vecka ${week}: lediga tider`,
          body: `Bastuflotten vid Tallskär har lediga tider vecka ${week}. Boka via oss, högst åtta personer per pass och ved ingår.`,
        });
        bastu.push(started.id);
      }
    });

    for (const sort of ['relevance', 'latest'] as const) {
      it(`walks 45 threads as 20 + 20 + 5 by ${sort}, without duplicates or gaps, next null on the last page`, async () => {
        const pages = await allPages(guest(ctx), { q: 'bastuflotten', sort });
        expect(pages.map((page) => page.results.length)).toEqual([20, 20, 5]);
        expect(pages.map((page) => page.next === null)).toEqual([false, false, true]);
        const ids = pages.flatMap((page) => page.results.map((result) => result.thread.id));
        expect(new Set(ids).size).toBe(45);
        expect([...ids].sort((a, b) => a - b)).toEqual([...bastu].sort((a, b) => a - b));
        // The same text everywhere, so the newest first either way.
        expect(ids).toEqual([...bastu].reverse());
      });
    }

    it('keeps pages 2 and 3 in step when a matching thread is written after page 1', async () => {
      for (const sort of ['relevance', 'latest'] as const) {
        const before = await allPages(karin.agent, { q: 'bastuflotten', sort });
        const first = await search(karin.agent, { q: 'bastuflotten', sort });
        expect(first.results.map((result) => result.thread.id)).toEqual(before[0]!.results.map((result) => result.thread.id));
        const newcomer = await startThread(erik.agent, 'bastu', {
          title: `Bastuflotten extra (${sort})`,
          body: 'Bastuflotten har fått en extra lördag i maj. Först till kvarn!',
        });
        const second = await search(karin.agent, { q: 'bastuflotten', sort, cursor: first.next! });
        const third = await search(karin.agent, { q: 'bastuflotten', sort, cursor: second.next! });
        expect(second.results.map((result) => result.thread.id)).toEqual(before[1]!.results.map((result) => result.thread.id));
        expect(third.results.map((result) => result.thread.id)).toEqual(before[2]!.results.map((result) => result.thread.id));
        expect(third.next).toBeNull();
        // A new search finds it first: the newest, with the same words.
        expect((await foundThreads(karin.agent, { q: 'bastuflotten', sort }))[0]).toBe(newcomer.id);
        bastu.push(newcomer.id);
      }
    });

    it('refuses a cursor from another sort, and one that is not a cursor, on `cursor`', async () => {
      const latest = await search(guest(ctx), { q: 'bastuflotten', sort: 'latest' });
      const relevance = await search(guest(ctx), { q: 'bastuflotten' });
      for (const [sort, cursor] of [
        ['relevance', latest.next!],
        ['latest', relevance.next!],
        ['relevance', 'not-a-cursor'],
        ['relevance', Buffer.from('{"a":1}').toString('base64url')],
      ] as const) {
        const refused = await searchRequest(guest(ctx), { q: 'bastuflotten', sort, cursor });
        expect(refused.status, cursor).toBe(400);
        expect(refused.body.error).toBe('validation');
        expect(Object.keys(refused.body.fields)).toEqual(['cursor']);
      }
    });

    it('shows up to five similar threads of the network for a new title', async () => {
      const answer = await similar(karin.agent, 'bastu', 'Är bastuflotten ledig i juni?');
      expect(answer.threads).toHaveLength(5);
      for (const found of answer.threads) {
        expect(bastu).toContain(found.id);
        expect(found.title).toMatch(/^Bastuflotten/);
        expect(found.path).toMatch(new RegExp(`^/t/${found.id}/bastuflotten-`));
      }
    });
  });

  describe('an edit', () => {
    it('changes what matches at once: a word taken out stops matching, a new word starts', async () => {
      const started = await startThread(karin.agent, 'kajak', {
        title: 'Packlista för dagsturerna',
        body: 'Glöm inte vattentät väska, extra paddel och en termos med kaffe till fikapausen.',
      });
      const tip = await reply(erik.agent, started.id, 'Ta med sjökortet från receptionen, det visar alla grund runt Tallskär.');
      expect(await foundThreads(guest(ctx), 'sjökortet')).toEqual([started.id]);

      const edited = await erik.agent
        .post(`/p/${tip.id}/edit`)
        .set('accept', JSON_ACCEPT)
        .send({ body: 'Ta med kompassen från receptionen, det finns inga bra sjömärken runt Tallskär.' });
      expect(edited.status).toBe(200);
      expect(await foundThreads(guest(ctx), 'sjökortet')).toEqual([]);
      expect(await foundThreads(guest(ctx), 'kompassen')).toEqual([started.id]);

      // A new title: the old title's word is gone from the index, the new one is found.
      const retitled = await karin.agent
        .post(`/p/${started.posts[0]!.id}/edit`)
        .set('accept', JSON_ACCEPT)
        .send({ title: 'Utrustning för dagsturerna', body: 'Glöm inte vattentät väska, extra paddel och en termos med kaffe till fikapausen.' });
      expect(retitled.status).toBe(200);
      expect(await foundThreads(guest(ctx), { q: 'packlista', in: 'titles' })).toEqual([]);
      const found = await search(guest(ctx), { q: 'utrustning', in: 'titles' });
      expect(found.results.map((result) => result.thread.id)).toEqual([started.id]);
      expect(found.results[0]!.thread.title).toBe('Utrustning för dagsturerna');
    });
  });

  describe('similar threads', () => {
    let cleaning: number;
    let laundry: number;
    let forSale: number;
    let fishingCabins: number;

    beforeAll(async () => {
      cleaning = (
        await startThread(karin.agent, 'boende', { title: 'Städning av stugorna mellan gästerna', body: 'Hur hinner ni städa när gästerna byts samma dag?' })
      ).id;
      laundry = (
        await startThread(erik.agent, 'boende', {
          title: 'Tvättservice för stugor och rum',
          body: 'Vi letar efter ett tvätteri som hämtar lakan två gånger i veckan.',
        })
      ).id;
      const sale = await startThread(erik.agent, 'boende', {
        title: 'Stugor till salu vid Norrsjön',
        body: 'Två stugor med egen brygga säljs till den som vill fortsätta hyra ut dem.',
      });
      forSale = sale.id;
      await hide(admin.agent, sale.posts[0]!.id);
      fishingCabins = (await startThread(karin.agent, 'fiske', { title: 'Stugor nära fiskevattnen', body: 'Vilka stugor ligger närmast Norrsjön?' })).id;
      await startThread(karin.agent, 'boende', { title: 'Frukost till gästerna', body: 'Serverar ni frukost eller har gästerna eget kök?' });
    });

    it('finds the network’s threads sharing an inflected word of a Swedish title, none of another network, none the viewer may not see', async () => {
      for (const agent of [karin.agent, guest(ctx)]) {
        const answer = await similar(agent, 'boende', 'Hur städar ni stugor snabbt mellan två bokningar?');
        expect(new Set(answer.threads.map((found) => found.id))).toEqual(new Set([cleaning, laundry]));
        expect(answer.threads.find((found) => found.id === cleaning)).toEqual({
          id: cleaning,
          title: 'Städning av stugorna mellan gästerna',
          path: `/t/${cleaning}/stadning-av-stugorna-mellan-gasterna`,
          answered: false,
        });
      }
      // Whoever may read the hidden opening post sees that thread too (its author, an admin).
      for (const agent of [erik.agent, admin.agent]) {
        const answer = await similar(agent, 'boende', 'Hur städar ni stugor snabbt mellan två bokningar?');
        expect(new Set(answer.threads.map((found) => found.id))).toEqual(new Set([cleaning, laundry, forSale]));
      }
      const inFiske = await similar(karin.agent, 'fiske', 'Hur städar ni stugor snabbt mellan två bokningar?');
      expect(inFiske.threads.map((found) => found.id)).toEqual([fishingCabins]);
    });

    it('finds nothing for a blank title or one without words, and refuses a network that does not exist', async () => {
      expect((await similar(karin.agent, 'boende', '')).threads).toEqual([]);
      expect((await similar(karin.agent, 'boende', '?! -- ""')).threads).toEqual([]);
      const refused = await karin.agent.get('/search/similar').query({ network: 'segling', title: 'Stugor' }).set('accept', JSON_ACCEPT);
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.fields)).toEqual(['network']);
    });
  });

  describe('the language a post is stored in', () => {
    const languageOf = async (postId: number) => (await ctx.db.selectFrom('posts').select('lang').where('id', '=', postId).executeTakeFirstOrThrow()).lang;
    const threadLanguageOf = async (threadId: number) =>
      (await ctx.db.selectFrom('threads').select('lang').where('id', '=', threadId).executeTakeFirstOrThrow()).lang;

    it('is detected from the text: a Danish post by a member whose pages are Swedish is Danish, thread and post', async () => {
      const swede = await signUp(ctx);
      const started = await startThread(swede.agent, 'kajak', {
        title: 'Hvem kan reparere en glasfiberkajak?',
        body: 'Vores ene kajak fik et hul i bunden i weekenden, da en gæst ramte en sten ved odden. Kender I nogen i nærheden, der kan lave glasfiber hurtigt, så den er klar til næste uge?',
      });
      expect(await languageOf(started.posts[0]!.id)).toBe('da');
      expect(await threadLanguageOf(started.id)).toBe('da');
      const english = await reply(
        swede.agent,
        started.id,
        'Try the boatyard at the north harbour, they fixed two of our kayaks last summer and were quick about it.',
      );
      expect(await languageOf(english.id)).toBe('en');
      expect(await languageOf(started.posts[0]!.id)).toBe('da');
    });

    it('takes the author’s language for a short post: the account’s, else the page’s cookie, else the forum’s', async () => {
      const started = await startThread(karin.agent, 'kajak', {
        title: 'Gemensam annons i turistbroschyren',
        body: 'Ska vi göra en gemensam annons för alla kajakuthyrare i nästa års broschyr? Det blir billigare för alla.',
      });
      expect(await languageOf(started.posts[0]!.id)).toBe('sv');
      expect(await languageOf((await reply(mette.agent, started.id, 'Tak!')).id)).toBe('da');
      expect(await languageOf((await reply(tom.agent, started.id, 'Count me in.')).id)).toBe('en');
      // An account that never chose a language: the language switch's cookie, then the forum's default (Swedish).
      const unset = await signUp(ctx);
      const byCookie = await unset.agent.post(`/t/${started.id}/replies`).set('accept', JSON_ACCEPT).set('cookie', 'locale=da').send({ body: 'Ja tak!' });
      expect(byCookie.status).toBe(201);
      expect(await languageOf(byCookie.body.id)).toBe('da');
      expect(await languageOf((await reply(unset.agent, started.id, 'Ja!')).id)).toBe('sv');
    });

    it('is detected again on an edit, the thread’s with its opening post', async () => {
      const started = await startThread(tom.agent, 'kajak', {
        title: 'Shared booking calendar',
        body: 'Would anyone like to share a booking calendar for the guided tours, so that we stop sending guests to tours that are already full?',
      });
      expect(await threadLanguageOf(started.id)).toBe('en');
      const answer = await reply(erik.agent, started.id, 'Gärna! Vi använder redan en delad kalender för bastun och den fungerar riktigt bra för oss.');
      expect(await languageOf(answer.id)).toBe('sv');

      await erik.agent
        .post(`/p/${answer.id}/edit`)
        .set('accept', JSON_ACCEPT)
        .send({ body: 'Happy to! We already share a calendar for the sauna and it works really well for us.' })
        .expect(200);
      expect(await languageOf(answer.id)).toBe('en');

      await tom.agent
        .post(`/p/${started.posts[0]!.id}/edit`)
        .set('accept', JSON_ACCEPT)
        .send({
          title: 'Fælles bookingkalender',
          body: 'Er der nogen, der vil dele en bookingkalender for de guidede ture, så vi holder op med at sende gæster til ture, der allerede er fulde?',
        })
        .expect(200);
      expect(await languageOf(started.posts[0]!.id)).toBe('da');
      expect(await threadLanguageOf(started.id)).toBe('da');
      // And is searched in it: the Danish stem of bookingkalenderen is the title's.
      expect(await foundThreads(guest(ctx), { q: 'bookingkalenderen', in: 'titles' })).toEqual([started.id]);
    });
  });
});
