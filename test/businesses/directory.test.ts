// The directory /b: every business by name, filtered by network, searched by name, paged; and each
// network's side column listing the businesses active in it.
import { decodeHTML } from 'entities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';
import { createBusiness } from './support.js';

describe('the business directory', () => {
  let ctx: TestContext;
  let admin: Member;
  let owner: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'dir_admin' });
    owner = await signUp(ctx, { username: 'dir_owner' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'mat', name: 'Mat' });
    await createBusiness(owner.agent, { name: 'Kajakboden', place: 'Hamnen', networks: ['kajak'] });
    await createBusiness(owner.agent, { name: 'ängens Café', networks: ['mat'] });
    await createBusiness(owner.agent, { name: 'Bistro 100%', slug: 'bistro-100', networks: ['mat', 'kajak'] });
    await createBusiness(owner.agent, { name: 'Bistro_Nord', slug: 'bistro-nord' });
  });
  afterAll(() => ctx.close());

  const directory = async (query: string) => {
    const response = await guest(ctx).get(`/b${query}`).set('accept', JSON_ACCEPT);
    expect(response.status, query).toBe(200);
    return response.body as {
      businesses: Array<{ slug: string; name: string; staffCount: number; networks: unknown[] }>;
      page: number;
      nextPage: number | null;
    };
  };

  it('lists every business by name, any case', async () => {
    const all = await directory('');
    // Letters past z (ä, å, ö) come after it, as in the Swedish and Danish alphabets.
    expect(all.businesses.map((business) => business.name)).toEqual(['Bistro 100%', 'Bistro_Nord', 'Kajakboden', 'ängens Café']);
    expect(all.businesses.find((business) => business.slug === 'bistro-100')).toEqual({
      slug: 'bistro-100',
      name: 'Bistro 100%',
      place: null,
      networks: [
        { slug: 'kajak', name: 'Kajak' },
        { slug: 'mat', name: 'Mat' },
      ],
      staffCount: 1,
    });
    expect(all.nextPage).toBeNull();
  });

  it('filters by network and searches by name, taking % and _ as themselves', async () => {
    expect((await directory('?network=kajak')).businesses.map((business) => business.slug)).toEqual(['bistro-100', 'kajakboden']);
    expect((await directory('?q=BISTRO')).businesses.map((business) => business.slug)).toEqual(['bistro-100', 'bistro-nord']);
    expect((await directory('?q=%25')).businesses.map((business) => business.slug)).toEqual(['bistro-100']);
    expect((await directory('?q=_')).businesses.map((business) => business.slug)).toEqual(['bistro-nord']);
    expect((await directory('?q=bistro&network=mat')).businesses.map((business) => business.slug)).toEqual(['bistro-100']);
    expect((await directory('?q=zzz')).businesses).toEqual([]);
    // The form with nothing chosen sends its fields empty.
    expect((await directory('?q=&network=')).businesses).toHaveLength(4);
    const unknown = await guest(ctx).get('/b?network=nope').set('accept', JSON_ACCEPT);
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.fields)).toEqual(['network']);

    const page = await guest(ctx).get('/b?q=zzz').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('No businesses match the search.');
    expect(page.text).toContain('value="zzz"');
  });

  it('pages through many businesses, keeping the filter in its links', async () => {
    const member = await signUp(ctx, { username: 'dir_many' });
    for (let n = 1; n <= 31; n += 1) await createBusiness(member.agent, { name: `Zeta ${String(n).padStart(2, '0')}`, networks: ['mat'] });
    const first = await directory('?network=mat');
    expect(first.businesses).toHaveLength(30);
    expect(first.nextPage).toBe(2);
    const second = await directory('?network=mat&page=2');
    expect(second.businesses.map((business) => business.name)).toEqual(['Zeta 30', 'Zeta 31', 'ängens Café']);
    expect(second.nextPage).toBeNull();
    const html = await guest(ctx).get('/b?network=mat').set('accept', HTML);
    const next = /<a rel="next" href="([^"]+)"/.exec(html.text)?.[1] ?? '';
    expect(decodeHTML(next)).toBe('/b?network=mat&page=2');
  });

  it('lists a network’s businesses in its side column, linking to the filtered directory', async () => {
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(board.status).toBe(200);
    expect(board.text).toContain('Businesses in the network');
    expect(board.text).toContain('<a href="/b/kajakboden">Kajakboden</a>');
    expect(board.text).toContain('<a href="/b/bistro-100">Bistro 100%</a>');
    expect(board.text).not.toContain('/b/angens-cafe');
    expect(board.text).toContain('href="/b?network=kajak"');
  });

  it('shows a network’s new business on its board at once, also to guests served from the cache', async () => {
    await guest(ctx).get('/n/kajak').set('accept', HTML).expect(200);
    await createBusiness(owner.agent, { name: 'Paddelpalatset', networks: ['kajak'] });
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML);
    expect(board.text).toContain('<a href="/b/paddelpalatset">Paddelpalatset</a>');
  });

  it('has a link in the header menu', async () => {
    const home = await owner.agent.get('/').set('accept', HTML);
    expect(home.text).toContain('<a href="/b">');
  });
});
