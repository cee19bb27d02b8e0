// The search pages as people and scripts meet them: /search (the form, its results with the matched
// words marked and everything else escaped, the 400s that name the field, "No threads match" with a
// link dropping each filter), the box in every page's header, /search/similar (JSON and its fragment),
// and a post's element carrying the language it is written in.
import { decodeHTML } from 'entities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { search, searchRequest, similar, tagsIn } from './support.js';

describe('the search pages', () => {
  let ctx: TestContext;
  let admin: Member;
  let member: Member;
  let kayakThread: number;
  let markupPost: number;
  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'pages_admin' });
    member = await signUp(ctx, { username: 'pages_member', displayName: 'Pia Paddlare' });
    await createNetwork(admin.agent, { slug: 'paddla', name: 'Paddling' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fishing' });
    const thread = await startThread(member.agent, 'paddla', { title: 'Renting kayaks for the summer', body: 'Where can guests rent a kayak in July?' });
    kayakThread = thread.id;
    markupPost = (await reply(member.agent, kayakThread, '<script>alert(1)</script> kajak <b>bold</b> & more')).id;
    // Seven threads about bait in one network, one in another: similar titles stay in their network.
    for (let i = 1; i <= 7; i += 1) await startThread(member.agent, 'fiske', { title: `Bait for pike number ${i}`, body: 'Which bait works?' });
    await startThread(member.agent, 'paddla', { title: 'Bait for pike from a kayak', body: 'Trolling from a kayak.' });
  });
  afterAll(() => ctx.close());

  const page = (query: string, agent = guest(ctx)) => agent.get(`/search${query}`).set('accept', HTML).set('accept-language', 'en');

  it('answers a blank query with the form alone: no results, no next page', async () => {
    const answer = await search(guest(ctx), { q: '   ' });
    expect(answer).toEqual({ query: { q: '', network: null, author: null, after: null, before: null, in: null, sort: 'relevance' }, results: [], next: null });
    const shown = await page('');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('<form method="get" action="/search" class="search-form" role="search"');
    expect(shown.text).not.toContain('search-result');
  });

  it('echoes the query as understood, the filters blank as null, an author without its @', async () => {
    const answer = await search(guest(ctx), { q: 'kayak', network: 'paddla', author: '@pages_member', in: 'titles', sort: 'latest', after: '', before: '' });
    expect(answer.query).toEqual({ q: 'kayak', network: 'paddla', author: 'pages_member', after: null, before: null, in: 'titles', sort: 'latest' });
  });

  it('shows results with the matched words marked, and a post’s markup escaped in its excerpt', async () => {
    const answer = await search(guest(ctx), 'kajak');
    const hit = answer.results.find((result) => result.post.id === markupPost);
    expect(hit, JSON.stringify(answer)).toBeDefined();
    expect(hit!.thread).toEqual({
      id: kayakThread,
      title: 'Renting kayaks for the summer',
      slug: expect.any(String),
      titleHidden: false,
      path: expect.stringMatching(`^/t/${kayakThread}/`),
    });
    expect(hit!.network).toEqual({ slug: 'paddla', name: 'Paddling' });
    expect(hit!.post).toEqual({
      id: markupPost,
      author: { username: 'pages_member', displayName: 'Pia Paddlare' },
      createdAt: expect.any(String),
      isOpening: false,
    });
    expect(new Date(hit!.post.createdAt).toISOString()).toBe(hit!.post.createdAt);
    expect(tagsIn(hit!.excerpt)).toEqual(['<mark>', '</mark>']);
    // The excerpt starts at a word; the tags written in the post are text in it, escaped.
    expect(hit!.excerpt).toContain('alert(1)&lt;/script&gt; <mark>kajak</mark> &lt;b&gt;bold&lt;/b&gt; &amp; more');
    expect(decodeHTML(hit!.excerpt.replace(/<\/?mark>/g, ''))).toContain('alert(1)</script> kajak <b>bold</b> & more');

    const shown = await page('?q=kajak');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(`<a class="thread-title" href="${hit!.thread.path}">Renting kayaks for the summer</a>`);
    expect(shown.text).toContain(`href="/p/${markupPost}"`);
    expect(shown.text).toContain('<a class="person-link" href="/u/pages_member">Pia Paddlare</a>');
    expect(shown.text).toMatch(/<p class="search-excerpt">[^<]*alert\(1\)&lt;\/script&gt; <mark>kajak<\/mark> &lt;b&gt;bold&lt;\/b&gt; &amp; more/);
    expect(shown.text).not.toContain('<script>alert(1)');
    expect(shown.text).not.toContain('<b>bold');
    // The page's title names the query.
    expect(shown.text).toMatch(/<title>Search: kajak · /);
    // The header's box says what was searched for.
    expect(shown.text).toMatch(/<input id="site-search-q" name="q" type="search" maxlength="200" value="kajak">/);
  });

  it('puts a search box in the header of every page', async () => {
    for (const path of ['/', '/n/paddla', `/t/${kayakThread}`, '/login']) {
      const shown = await guest(ctx).get(path).set('accept', HTML).set('accept-language', 'en');
      expect(shown.status, path).toBe(200);
      const header = shown.text.slice(shown.text.indexOf('<header class="site-header">'), shown.text.indexOf('</header>'));
      expect(header, path).toContain('<form class="site-search" role="search" action="/search" method="get">');
      expect(header).toContain('<label for="site-search-q" class="visually-hidden">Search the forum</label>');
      expect(header).toContain('<a href="/search" class="nav-item site-search-link">');
    }
    const swedish = await guest(ctx).get('/').set('accept', HTML).set('accept-language', 'sv');
    expect(swedish.text).toContain('<label for="site-search-q" class="visually-hidden">Sök i forumet</label>');
  });

  it.each([
    ['after', { after: '2026-02-30' }, 'Not a day in the calendar (YYYY-MM-DD)'],
    ['after', { after: '30/1/2026' }, 'Not a day in the calendar (YYYY-MM-DD)'],
    ['before', { before: '2026-13-01' }, 'Not a day in the calendar (YYYY-MM-DD)'],
    ['before', { after: '2026-05-02', before: '2026-05-01' }, 'Must be later than the date under From'],
    ['sort', { sort: 'best' }, 'Not a valid value'],
    ['in', { in: 'posts' }, 'Not a valid value'],
    ['network', { network: 'no-such-network' }, 'There is no network by that name'],
    ['author', { author: '@nobody_here' }, 'There is no member with that username'],
    ['cursor', { cursor: 'not-a-cursor' }, 'This page of results is no longer available. Search again.'],
    ['q', { q: 'k'.repeat(201) }, 'At most 200 characters'],
  ])('answers 400 naming %s for %j', async (field, params, message) => {
    const answer = await searchRequest(guest(ctx), { q: 'kajak', ...params });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'validation', fields: { [field]: message } });
  });

  it('shows a refused search’s form again with the field’s message beside it, the filters open', async () => {
    const shown = await page('?q=kajak&after=2026-02-30&sort=latest');
    expect(shown.status).toBe(400);
    expect(shown.text).toContain('<p class="field-error" id="error-after">Not a day in the calendar (YYYY-MM-DD)</p>');
    expect(shown.text).toContain('<a href="#field-after">From: Not a day in the calendar (YYYY-MM-DD)</a>');
    expect(shown.text).toContain('<details class="search-filters" open>');
    // What was typed is kept.
    expect(shown.text).toContain('id="field-q" name="q" type="search" value="kajak"');
    expect(shown.text).toContain('id="field-after" name="after" type="date" value="2026-02-30"');
    expect(shown.text).toContain('<option value="latest" selected>');
    const unknown = await page('?q=kajak&network=no-such-network');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<p class="field-error" id="error-network">There is no network by that name</p>');
  });

  it('says no threads match, and offers the same search without each filter set', async () => {
    const none = await page('?q=kajak&network=fiske&in=titles&author=pages_member');
    expect(none.status).toBe(200);
    expect(none.text).toContain('No threads match');
    const links = [...none.text.matchAll(/<ul class="search-drop-filters">([\s\S]*?)<\/ul>/g)][0]![1]!;
    const hrefs = [...links.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => [decodeHTML(match[1]!), decodeHTML(match[2]!)]);
    expect(hrefs).toEqual([
      ['/search?q=kajak&author=pages_member&in=titles', 'Remove the filter network: Fishing'],
      ['/search?q=kajak&network=fiske&in=titles', 'Remove the filter written by @pages_member'],
      ['/search?q=kajak&network=fiske&author=pages_member', 'Remove the filter titles only'],
    ]);
    // Without filters there is nothing to drop: other words are suggested.
    const nothing = await page('?q=zebrafinkar');
    expect(nothing.text).toContain('No threads match');
    expect(nothing.text).toContain('Try other words, or fewer.');
    expect(nothing.text).not.toContain('search-drop-filters');
  });

  it('links to the next page keeping the query and its filters', async () => {
    // 21 threads in one network make two pages.
    await createNetwork(admin.agent, { slug: 'bryggor', name: 'Jetties' });
    for (let i = 1; i <= 21; i += 1) await startThread(member.agent, 'bryggor', { title: `Jetty repairs, part ${i}`, body: 'Planks and nails.' });
    const first = await search(guest(ctx), { q: 'jetty', network: 'bryggor' });
    expect(first.results).toHaveLength(20);
    expect(first.next).toEqual(expect.any(String));
    const shown = await page('?q=jetty&network=bryggor');
    const next = /<a rel="next" href="([^"]+)">Next page<\/a>/.exec(shown.text);
    expect(next).not.toBeNull();
    const href = new URL(decodeHTML(next![1]!), 'http://forum.test');
    expect(href.pathname).toBe('/search');
    // The cursor is the page's own (its window starts when the page was asked for).
    expect(Object.fromEntries(href.searchParams)).toEqual({ q: 'jetty', network: 'bryggor', cursor: expect.any(String) });
    const second = await guest(ctx).get(`${href.pathname}${href.search}`).set('accept', HTML).set('accept-language', 'en');
    expect(second.status).toBe(200);
    expect(second.text.match(/class="search-result"/g)).toHaveLength(1);
    expect(second.text).not.toContain('rel="next"');
  });

  it('finds up to five similar threads of the same network only, as JSON and as a fragment', async () => {
    const found = await similar(guest(ctx), 'fiske', 'Best bait for pike?');
    expect(found.threads).toHaveLength(5);
    const inFishing = await ctx.db
      .selectFrom('threads')
      .innerJoin('networks', 'networks.id', 'threads.network_id')
      .select('threads.id')
      .where('networks.slug', '=', 'fiske')
      .execute();
    const fishingIds = new Set(inFishing.map((row) => row.id));
    for (const thread of found.threads) {
      expect(fishingIds.has(thread.id), thread.title).toBe(true);
      expect(thread).toEqual({
        id: thread.id,
        title: expect.stringMatching(/^Bait for pike number \d$/),
        path: expect.stringMatching(`^/t/${thread.id}/`),
        answered: false,
      });
    }
    expect((await similar(guest(ctx), 'paddla', 'Bait for pike?')).threads.map((thread) => thread.title)).toEqual(['Bait for pike from a kayak']);
    expect((await similar(guest(ctx), 'paddla', '')).threads).toEqual([]);

    const fragment = await guest(ctx).get('/search/similar?network=fiske&title=bait%20pike').set('accept', HTML).set('accept-language', 'en');
    expect(fragment.status).toBe(200);
    expect(fragment.text).toContain('<h1>Has this been asked before?</h1>');
    expect(fragment.text.match(/<li><a href="\/t\/\d+\/[^"]+">Bait for pike number \d<\/a><\/li>/g)).toHaveLength(5);
    const none = await guest(ctx).get('/search/similar?network=fiske&title=zebrafinkar').set('accept', HTML).set('accept-language', 'en');
    expect(none.text).toContain('No similar threads in the network.');

    const unknown = await guest(ctx).get('/search/similar?network=nope&title=bait').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: 'validation', fields: { network: 'There is no network by that name' } });
  });

  it('gives the new-thread form its "Has this been asked before?" slot and script', async () => {
    const form = await member.agent.get('/n/fiske/new').set('accept', HTML).set('accept-language', 'en');
    expect(form.status).toBe(200);
    expect(form.text).toContain(
      'data-similar-threads="/search/similar?network=fiske" data-heading="Has this been asked before?" data-answered-label="Answered" aria-live="polite"',
    );
    expect(form.text).toContain('<script src="/static/js/similar-threads.js" defer></script>');
  });

  it('marks a post’s element with the language it is written in', async () => {
    const danish = await startThread(member.agent, 'paddla', {
      title: 'Udlejning af kajakker om sommeren',
      body: 'Vi har brug for hjælp til at finde et godt sted at leje kajakker i sommerferien. Er der nogen, der kender et firma, som udlejer både og udstyr til hele familien? Tak for hjælpen.',
    });
    const english = await reply(
      member.agent,
      danish.id,
      'Thank you, we found a company that rents out kayaks and everything else the whole family needs for the summer.',
    );
    const shown = await guest(ctx).get(`/t/${danish.id}`).set('accept', HTML).set('accept-language', 'sv');
    expect(shown.status).toBe(200);
    expect(shown.text).toMatch(new RegExp(`<article class="post post-opening" id="p-${danish.posts[0]!.id}" lang="da"`));
    expect(shown.text).toMatch(new RegExp(`<article class="post" id="p-${english.id}" lang="en"`));
    // What the forum says around the post is in the reader's language.
    expect(shown.text).toContain('<header class="post-meta" lang="sv">');
    // Not in the JSON: the post's answer names its fields.
    const json = await guest(ctx).get(`/t/${danish.id}`).set('accept', JSON_ACCEPT);
    expect(JSON.stringify(json.body)).not.toContain('"lang"');
  });
});
