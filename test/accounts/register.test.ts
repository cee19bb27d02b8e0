import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('registration', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('makes the first account admin, says so on the page, and every later one a member', async () => {
    const browser = guest(ctx);
    const first = await browser
      .post('/register')
      .set('accept', HTML)
      .type('form')
      .send({ username: 'Hamnkaptenen', displayName: 'Hamnkaptenen AB', email: 'hamn@example.test', password: 'a very long secret' });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const home = await browser.get('/').set('accept', HTML).set('accept-language', 'en');
    expect(home.text).toContain('You are the first account on this forum, so you are its administrator');
    expect(home.text).toContain('Hamnkaptenen AB');

    const second = await signUp(ctx);
    expect(second.role).toBe('member');
    const row = await ctx.db.selectFrom('accounts').select(['role']).where('username', '=', second.username).executeTakeFirstOrThrow();
    expect(row.role).toBe('member');
  });

  it('answers JSON 201 with the account and ignores fields it does not define', async () => {
    const response = await guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .send({ username: 'sneaky', displayName: 'Sneaky', email: 'sneaky@example.test', password: 'long enough pw', role: 'admin', id: 1 });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ username: 'sneaky', displayName: 'Sneaky', role: 'member', locale: null });
    const row = await ctx.db.selectFrom('accounts').select(['id', 'role']).where('username', '=', 'sneaky').executeTakeFirstOrThrow();
    expect(row.role).toBe('member');
    expect(row.id).not.toBe(1);
  });

  const valid = { username: 'valid_name', displayName: 'Valid', email: 'valid@example.test', password: 'long enough pw' };
  const badValues: Array<[string, Record<string, unknown>, string]> = [
    ['username too short', { username: 'ab' }, 'username'],
    ['username too long', { username: 'a'.repeat(31) }, 'username'],
    ['username with a space', { username: 'has space' }, 'username'],
    ['username with punctuation', { username: 'bad!name' }, 'username'],
    ['username missing', { username: undefined }, 'username'],
    ['display name empty', { displayName: '' }, 'displayName'],
    ['display name only spaces', { displayName: '   ' }, 'displayName'],
    ['display name too long', { displayName: 'x'.repeat(61) }, 'displayName'],
    ['email not an address', { email: 'not-an-email' }, 'email'],
    ['email missing', { email: undefined }, 'email'],
    ['password too short', { password: 'short' }, 'password'],
    ['password too long', { password: 'x'.repeat(257) }, 'password'],
    ['password not a string', { password: { $gt: '' } }, 'password'],
  ];
  it.each(badValues)('refuses %s with 400 naming the field', async (_label, change, field) => {
    const response = await guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .send({ ...valid, ...change });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('validation');
    expect(Object.keys(response.body.fields)).toContain(field);
    expect(typeof response.body.fields[field]).toBe('string');
  });

  it('accepts Swedish letters in usernames', async () => {
    const response = await guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .send({ ...valid, username: 'Åsa_Öberg', email: 'asa@example.test' });
    expect(response.status).toBe(201);
    expect(response.body.username).toBe('Åsa_Öberg');
  });

  it('treats usernames that differ only in case or NFKC form as the same', async () => {
    await signUp(ctx, { username: 'Fiskaren' });
    for (const twin of ['fiskaren', 'FISKAREN', 'ｆｉｓｋａｒｅｎ']) {
      const response = await guest(ctx)
        .post('/register')
        .set('accept', JSON_ACCEPT)
        .send({ ...valid, username: twin, email: `${Math.random()}@example.test` });
      expect(response.status, twin).toBe(400);
      expect(response.body.fields.username).toBeTruthy();
    }
    const count = await ctx.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username_key', '=', 'fiskaren')
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it('refuses an email that is taken in another case', async () => {
    await signUp(ctx, { email: 'Kajak@Example.test' });
    const response = await guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .send({ ...valid, username: 'other_kajak', email: 'kajak@example.TEST' });
    expect(response.status).toBe(400);
    expect(response.body.fields.email).toBeTruthy();
  });

  it('shows a browser the form again with the messages and the input kept, never the password', async () => {
    const response = await guest(ctx)
      .post('/register')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ username: 'x', displayName: 'Kept Name', email: 'kept@example.test', password: 'secret-123-but-short'.slice(0, 8) });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('value="Kept Name"');
    expect(response.text).toContain('value="kept@example.test"');
    expect(response.text).not.toContain('secret-1');
    expect(response.text).toMatch(/id="error-username"[^>]*>At least 3 characters/);
    expect(response.text).toMatch(/id="error-password"[^>]*>At least 10 characters/);
  });
});

describe('registration with ADMIN_EMAILS', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ ADMIN_EMAILS: 'chief@example.test, Second@Example.test, ＢＯＳＳ@Example.test' });
  });
  afterAll(() => ctx.close());

  it('makes exactly the listed addresses admin, whatever the order', async () => {
    const first = await signUp(ctx, { email: 'first@example.test' });
    const chief = await signUp(ctx, { email: 'chief@example.test' });
    const second = await signUp(ctx, { email: 'second@example.TEST' });
    expect([first.role, chief.role, second.role]).toEqual(['member', 'admin', 'admin']);
  });

  it('compares the addresses as one form on both sides: trimmed, NFKC-normalised, any case', async () => {
    const boss = await signUp(ctx, { email: 'BOSS@example.test' });
    const bossy = await signUp(ctx, { email: 'boss2@example.test' });
    expect([boss.role, bossy.role]).toEqual(['admin', 'member']);
  });
});
