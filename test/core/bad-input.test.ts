// Bad input gets a clear 400 (or a safe redirect), never a 500: NUL bytes, names that normalise or
// render to something else, cursors past their column's range, and redirect targets a header can't carry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, startThread } from '../helpers/forum.js';

describe('bad input', () => {
  let ctx: TestContext;
  let admin: Member;
  let network: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    network = (await createNetwork(admin.agent, { slug: 'input' })).slug;
    await startThread(admin.agent, network);
  });
  afterAll(() => ctx.close());

  const registration = (overrides: Record<string, string>) => ({
    username: `u${Math.random().toString(36).slice(2, 10)}`,
    displayName: 'Someone',
    email: `${Math.random().toString(36).slice(2, 10)}@example.test`,
    password: 'correct horse battery',
    ...overrides,
  });

  describe('a NUL byte', () => {
    it.each(['/n/%00', '/u/%00', '/n/input?before=%00', '/t/1/%00', '/n/input/feed.atom?x=%00'])('in %s answers 400, as a page and as JSON', async (path) => {
      const page = await guest(ctx).get(path).set('accept', HTML);
      expect(page.status).toBe(400);
      expect(page.text).toContain('<html');
      const json = await guest(ctx).get(path).set('accept', JSON_ACCEPT);
      expect(json.status).toBe(400);
      expect(json.body.error).toBe('bad_request');
    });

    it('in a form field answers 400 naming the field, the form shown again with the rest kept', async () => {
      const json = await guest(ctx)
        .post('/register')
        .set('accept', JSON_ACCEPT)
        .send(registration({ displayName: 'Anna\u0000Berg' }));
      expect(json.status).toBe(400);
      expect(Object.keys(json.body.fields)).toEqual(['displayName']);

      const form = await guest(ctx)
        .post('/register')
        .set('accept', HTML)
        .type('form')
        .send(registration({ username: 'kept_name', displayName: 'Anna\u0000Berg' }));
      expect(form.status).toBe(400);
      expect(form.text).toContain('value="kept_name"');
      expect(form.text).toMatch(/aria-invalid="true"[^>]*name="displayName"|name="displayName"[^>]*aria-invalid="true"/);
    });

    it('in a thread title or a reply answers 400, and nothing is stored', async () => {
      const before = await ctx.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const thread = await admin.agent.post(`/n/${network}/threads`).set('accept', JSON_ACCEPT).send({ title: 'Null \u0000 title', body: 'Body' });
      expect(thread.status).toBe(400);
      expect(Object.keys(thread.body.fields)).toEqual(['title']);
      const after = await ctx.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });
  });

  describe('usernames are checked after NFKC normalisation', () => {
    it('refuses a name whose normal form has characters a username may not hold', async () => {
      // ⑴⑵⑶ normalises to "(1)(2)(3)".
      const response = await guest(ctx)
        .post('/register')
        .set('accept', JSON_ACCEPT)
        .send(registration({ username: '⑴⑵⑶' }));
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual(['username']);
      expect(await ctx.db.selectFrom('accounts').select('id').where('username', '=', '(1)(2)(3)').executeTakeFirst()).toBeUndefined();
    });

    it('refuses a name that grows past the limit when normalised (U+FDFA is 18 letters in NFKC)', async () => {
      const response = await guest(ctx)
        .post('/register')
        .set('accept', JSON_ACCEPT)
        .send(registration({ username: '\uFDFA'.repeat(30) }));
      expect(response.status).toBe(400);
      expect(response.body.fields.username).toMatch(/30/);
    });

    it.each([
      ['the Hangul filler U+3164', 'ab\u3164cd'],
      ['the halfwidth Hangul filler U+FFA0', 'ab\uFFA0cd'],
      ['a zero-width space', 'ab\u200Bcd'],
      ['a right-to-left override', 'ab\u202Ecd'],
    ])('refuses a name holding %s', async (_what, username) => {
      const response = await guest(ctx).post('/register').set('accept', JSON_ACCEPT).send(registration({ username }));
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual(['username']);
    });

    it('stores a full-width name in its normal form', async () => {
      const response = await guest(ctx)
        .post('/register')
        .set('accept', JSON_ACCEPT)
        .send(registration({ username: 'ｆｕｌｌｗｉｄｔｈ' }));
      expect(response.status).toBe(201);
      expect(response.body.username).toBe('fullwidth');
    });
  });

  describe('letters that render as nothing', () => {
    it('are stripped from display names, and a name of nothing else is refused', async () => {
      const stripped = await guest(ctx)
        .post('/register')
        .set('accept', JSON_ACCEPT)
        .send(registration({ displayName: 'An\u200Bna\u202E Berg\u3164' }));
      expect(stripped.status).toBe(201);
      expect(stripped.body.displayName).toBe('Anna Berg');
      const empty = await guest(ctx)
        .post('/register')
        .set('accept', JSON_ACCEPT)
        .send(registration({ displayName: '\u3164\u200B\u2066' }));
      expect(empty.status).toBe(400);
      expect(Object.keys(empty.body.fields)).toEqual(['displayName']);
    });

    it('are stripped from titles, while an emoji built with zero-width joiners stays whole', async () => {
      const response = await admin.agent
        .post(`/n/${network}/threads`)
        .set('accept', JSON_ACCEPT)
        .send({ title: 'Fam\u200Bily \u2067day\u2069 👨‍👩‍👧', body: 'Body' });
      expect(response.status).toBe(201);
      expect(response.body.title).toBe('Family day 👨‍👩‍👧');
    });
  });

  describe('cursors', () => {
    it.each([
      ['an id past the column', 'p0.2026-11-22T10:00:00.000Z.9999999999'],
      ['year 0, which PostgreSQL does not have', 'p0.0000-01-01T00:00:00.000Z.1'],
      ['a day that does not exist', 'p0.2026-02-30T10:00:00.000Z.1'],
      ['a month that does not exist', 'p0.2026-13-01T10:00:00.000Z.1'],
    ])('with %s answers 400 naming `before`', async (_what, before) => {
      const response = await guest(ctx).get(`/n/${network}?before=${before}`).set('accept', JSON_ACCEPT);
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual(['before']);
    });
  });

  describe("cursors of a member's lists", () => {
    it.each([
      ['/following?before=1700000000000.9999999999', 'before'],
      ['/notifications?before=99999999999999999999', 'before'],
      ['/n/input/log?before=9999999999', 'before'],
    ])('%s answers 400', async (path, field) => {
      const response = await admin.agent.get(path).set('accept', JSON_ACCEPT);
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual([field]);
    });
  });

  describe('where to go after signing in', () => {
    it('is percent-encoded when it holds characters a header cannot carry', async () => {
      const member = await signUp(ctx);
      const signIn = await guest(ctx)
        .post('/login')
        .set('accept', HTML)
        .type('form')
        .send({ login: member.username, password: member.password, next: '/sök?q=ö €' });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.location).toBe('/s%C3%B6k?q=%C3%B6%20%E2%82%AC');
    });

    it('is the home page when it cannot be encoded at all (a lone surrogate)', async () => {
      const member = await signUp(ctx);
      const signIn = await guest(ctx).post('/login').set('accept', HTML).send({ login: member.username, password: member.password, next: '/a\uD800b' });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.location).toBe('/');
    });

    it('renders the sign-in page for a `next` with any characters', async () => {
      const page = await guest(ctx).get('/login?next=%2F%E2%82%AC').set('accept', HTML);
      expect(page.status).toBe(200);
      expect(page.text).toContain('value="/%E2%82%AC"');
    });
  });
});
