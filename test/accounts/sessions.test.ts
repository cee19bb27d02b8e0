import { sha256 } from '@oslojs/crypto/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, guest, sessionToken, setCookie, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

const DAY = 24 * 60 * 60 * 1000;

describe('sessions', () => {
  let ctx: TestContext;
  let member: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx);
  });
  afterAll(() => ctx.close());

  const signIn = () => guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login: member.username, password: member.password });
  const me = (token: string) => guest(ctx).get('/me').set('accept', JSON_ACCEPT).set('cookie', `session=${token}`);
  const sessionRow = (token: string) => ctx.db.selectFrom('sessions').selectAll().where('id', '=', token.split('.')[0]!).executeTakeFirst();

  it('sets the cookie HttpOnly, SameSite=Lax, on the whole site, for 30 days, and not Secure on http', async () => {
    const response = await signIn();
    const cookie = setCookie(response, 'session')!;
    expect(cookie.attributes.httponly).toBe(true);
    expect(String(cookie.attributes.samesite).toLowerCase()).toBe('lax');
    expect(cookie.attributes.path).toBe('/');
    expect(cookie.attributes.secure).toBeUndefined();
    const expires = new Date(String(cookie.attributes.expires)).getTime();
    expect(Math.abs(expires - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
  });

  it('stores only a hash of the secret, never the token: its SHA-256, as sessions made earlier have it', async () => {
    const token = sessionToken(await signIn());
    const [id, secret] = token.split('.') as [string, string];
    const row = (await sessionRow(token))!;
    expect(row.id).toBe(id);
    // Computed here by @oslojs/crypto, which made the hashes stored before the forum hashed with Node's.
    expect(Buffer.from(row.secret_hash)).toEqual(Buffer.from(sha256(new TextEncoder().encode(secret))));
    expect(Buffer.from(row.secret_hash).toString('utf8')).not.toContain(secret);
    expect(Buffer.from(row.secret_hash).toString('base64')).not.toBe(secret);
  });

  it('starts a new session at every sign-in and ends the one the browser had before', async () => {
    const first = sessionToken(await signIn());
    const second = sessionToken(
      await guest(ctx).post('/login').set('accept', JSON_ACCEPT).set('cookie', `session=${first}`).send({ login: member.username, password: member.password }),
    );
    expect(second).not.toBe(first);
    expect(second.split('.')[0]).not.toBe(first.split('.')[0]);
    expect(await sessionRow(first)).toBeUndefined();
    expect(await sessionRow(second)).toBeDefined();
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(200);
  });

  it('treats an expired session as signed out and deletes it', async () => {
    const token = sessionToken(await signIn());
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', token.split('.')[0]!)
      .execute();
    const response = await me(token);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized');
    expect(setCookie(response, 'session')?.value).toBe('');
    expect(await sessionRow(token)).toBeUndefined();
  });

  it('treats a tampered token as signed out, and leaves the real session alone', async () => {
    const token = sessionToken(await signIn());
    const [id, secret] = token.split('.') as [string, string];
    const flipped = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    for (const forged of [flipped, `${id}.${'a'.repeat(secret.length)}`, `${id}.${secret}x`]) {
      const response = await me(forged);
      expect(response.status, forged).toBe(401);
    }
    expect(await sessionRow(token)).toBeDefined();
    expect((await me(token)).status).toBe(200);
  });

  it.each([
    ['garbage', 'garbage'],
    ['empty', ''],
    ['a lone dot', '.'],
    ['too many parts', 'a.b.c'],
    ['very long', `${'a'.repeat(5000)}.${'b'.repeat(5000)}`],
    ['a NUL byte', '%00abc.def'],
    ['broken percent-encoding', '%E0%A4%A.x'],
    ['non-ASCII', '%C3%A5%C3%A4%C3%B6.%F0%9F%90%9F'],
    ['SQL', "x' or '1'='1.y"],
  ])('treats a malformed cookie (%s) as signed out, not as an error', async (_label, value) => {
    const response = await guest(ctx).get('/me').set('accept', JSON_ACCEPT).set('cookie', `session=${value}`);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized');
    const home = await guest(ctx).get('/').set('accept', JSON_ACCEPT).set('cookie', `session=${value}`);
    expect(home.status).toBe(200);
  });

  it('pushes the expiry back to 30 days when less than 29 remain, and sends the cookie again', async () => {
    const token = sessionToken(await signIn());
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() + 20 * DAY) })
      .where('id', '=', token.split('.')[0]!)
      .execute();
    const response = await me(token);
    expect(response.status).toBe(200);
    const row = (await sessionRow(token))!;
    expect(Math.abs(row.expires_at.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    const cookie = setCookie(response, 'session')!;
    expect(cookie.value).toBe(token);
    expect(Math.abs(new Date(String(cookie.attributes.expires)).getTime() - row.expires_at.getTime())).toBeLessThan(2_000);
    expect(cookie.attributes.httponly).toBe(true);
  });

  it('leaves a fresh session alone: no write, no new cookie', async () => {
    const token = sessionToken(await signIn());
    const before = (await sessionRow(token))!.expires_at.getTime();
    const response = await me(token);
    expect(response.status).toBe(200);
    expect(setCookie(response, 'session')).toBeUndefined();
    expect((await sessionRow(token))!.expires_at.getTime()).toBe(before);
  });

  it('ends every session of an account when the account is deleted', async () => {
    const gone = await signUp(ctx);
    const token = sessionToken(await guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login: gone.username, password: gone.password }));
    await ctx.db.deleteFrom('accounts').where('username', '=', gone.username).execute();
    expect(await sessionRow(token)).toBeUndefined();
    expect((await me(token)).status).toBe(401);
  });
});

describe('sessions on an https forum', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ PUBLIC_URL: 'https://forum.test' });
  });
  afterAll(() => ctx.close());

  it('marks the session cookie Secure', async () => {
    const response = await guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .send({ username: 'secure_one', displayName: 'Secure', email: 'secure@example.test', password: 'long enough pw' });
    expect(response.status).toBe(201);
    const cookie = setCookie(response, 'session')!;
    expect(cookie.attributes.secure).toBe(true);
    expect(cookie.attributes.httponly).toBe(true);
    expect(String(cookie.attributes.samesite).toLowerCase()).toBe('lax');
  });
});
