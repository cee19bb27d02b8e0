import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// TRUST_PROXY lets each test speak from its own addresses through X-Forwarded-For.
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('sign-in and registration limits', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMITS: 'on', TRUST_PROXY: 'on' });
  });
  afterAll(() => ctx.close());

  const attempt = (address: string, login: string, password: string) =>
    guest(ctx).post('/login').set(from(address)).set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ login, password });

  it('blocks an address after 10 failed sign-ins in 15 minutes, even with the right password', async () => {
    const member = await signUp(ctx);
    for (let i = 1; i <= 10; i += 1) {
      const response = await attempt('198.51.100.1', `nobody_${i}`, 'wrong password');
      expect(response.status, `attempt ${i}`).toBe(400);
    }
    const eleventh = await attempt('198.51.100.1', 'nobody_11', 'wrong password');
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error).toBe('rate_limited');
    const retryAfter = Number(eleventh.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(eleventh.body.message).toContain(`${retryAfter} seconds`);

    const rightPassword = await attempt('198.51.100.1', member.username, member.password);
    expect(rightPassword.status).toBe(429);
    expect(rightPassword.headers['set-cookie']).toBeUndefined();
    // Another address is not affected.
    expect((await attempt('198.51.100.2', member.username, member.password)).status).toBe(200);
  });

  it('blocks an account after 10 failed sign-ins from any addresses, by username or email', async () => {
    const member = await signUp(ctx);
    for (let i = 1; i <= 10; i += 1) {
      const login = i % 2 ? member.username.toUpperCase() : member.email;
      const response = await attempt(`203.0.113.${i}`, login, 'wrong password');
      expect(response.status, `attempt ${i}`).toBe(400);
    }
    const eleventh = await attempt('203.0.113.11', member.username, 'wrong password');
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    for (const login of [member.username, member.email]) {
      const rightPassword = await attempt('203.0.113.12', login, member.password);
      expect(rightPassword.status, login).toBe(429);
    }
    // Other accounts can still sign in from the same addresses.
    const other = await signUp(ctx);
    expect((await attempt('203.0.113.11', other.username, other.password)).status).toBe(200);
  });

  it('tells a browser on the sign-in form, keeping what it typed', async () => {
    for (let i = 1; i <= 10; i += 1) await attempt('198.51.100.3', `someone_${i}`, 'wrong password');
    const response = await guest(ctx)
      .post('/login')
      .set(from('198.51.100.3'))
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ login: 'someone_11', password: 'wrong password' });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('Too many attempts');
    expect(response.text).toContain('value="someone_11"');
  });

  it('allows 5 registrations an hour from one address; the 6th gets 429', async () => {
    const register = (i: number) =>
      guest(ctx)
        .post('/register')
        .set(from('192.0.2.50'))
        .set('accept', JSON_ACCEPT)
        .send({ username: `newcomer_${i}`, displayName: `Newcomer ${i}`, email: `newcomer_${i}@example.test`, password: 'long enough pw' });
    for (let i = 1; i <= 5; i += 1) expect((await register(i)).status, `registration ${i}`).toBe(201);
    const sixth = await register(6);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(59 * 60);
    const row = await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'newcomer_6').executeTakeFirst();
    expect(row).toBeUndefined();
  });
});

describe('limits with RATE_LIMITS=off', () => {
  let ctx: TestContext;
  let member: Member;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMITS: 'off' });
    member = await signUp(ctx);
  });
  afterAll(() => ctx.close());

  it('answers the 11th and later failed sign-ins with a plain 400, and the right password still works', async () => {
    for (let i = 1; i <= 12; i += 1) {
      const response = await guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login: member.username, password: 'wrong password' });
      expect(response.status, `attempt ${i}`).toBe(400);
      expect(response.body.error).toBe('validation');
    }
    const right = await guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login: member.username, password: member.password });
    expect(right.status).toBe(200);
  });

  it('lets one address register more than 5 accounts', async () => {
    for (let i = 1; i <= 7; i += 1) await signUp(ctx);
    const count = await ctx.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBeGreaterThanOrEqual(8);
  });
});
