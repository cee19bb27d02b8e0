import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createDatabase } from '../../src/db/connect.js';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// TRUST_PROXY=1 (one proxy hop) lets each test speak from its own addresses through X-Forwarded-For.
const from = (address: string) => ({ 'x-forwarded-for': address });

let registered = 0;
/** Like signUp, from an address of its own: registrations are limited per address here. */
async function newMember(ctx: TestContext): Promise<Member> {
  registered += 1;
  const username = `limited_${process.pid}_${registered}`;
  const account = { username, displayName: username, email: `${username}@example.test`, password: 'correct horse battery' };
  const agent = guest(ctx);
  const response = await agent
    .post('/register')
    .set(from(`10.99.${registered}.1`))
    .set('accept', JSON_ACCEPT)
    .send(account);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { agent, ...account, role: response.body.role };
}

describe('sign-in and registration limits', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMITS: 'on', TRUST_PROXY: '1' });
  });
  afterAll(() => ctx.close());

  const attempt = (address: string, login: string, password: string) =>
    guest(ctx).post('/login').set(from(address)).set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ login, password });

  it('blocks an address after 10 failed sign-ins in 15 minutes, even with the right password', async () => {
    const member = await newMember(ctx);
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
    const member = await newMember(ctx);
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
    const other = await newMember(ctx);
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

  const signInAttempts = (key: string) => ctx.db.selectFrom('attempts').select('id').where('bucket', '=', 'sign-in').where('key', '=', key).execute();
  const accountId = async (username: string) =>
    (await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  it('checks 10 of 60 wrong passwords sent at the same moment for one account, from 60 addresses; 50 get 429', async () => {
    const member = await newMember(ctx);
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(`10.60.0.${i + 1}`, member.username, 'wrong password')));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(50);
    for (const response of responses.filter((r) => r.status === 429)) expect(Number(response.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // Every password check is a counted attempt, counted before the check: exactly 10 were made.
    expect(await signInAttempts(`account:${await accountId(member.username)}`)).toHaveLength(10);
  });

  it('checks 10 of 60 wrong sign-ins sent at the same moment from one address, whatever accounts they name', async () => {
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt('10.61.0.1', `unknown_${i}`, 'wrong password')));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(50);
    expect(await signInAttempts('ip:10.61.0.1')).toHaveLength(10);
  });

  it('takes back the attempt of a sign-in with the right password: only failed ones count', async () => {
    const member = await newMember(ctx);
    for (let i = 1; i <= 9; i += 1) expect((await attempt('10.62.0.1', member.username, 'wrong password')).status).toBe(400);
    for (let i = 1; i <= 3; i += 1) expect((await attempt('10.62.0.1', member.username, member.password)).status).toBe(200);
    expect((await attempt('10.62.0.1', member.username, 'wrong password')).status).toBe(400);
    expect((await attempt('10.62.0.1', member.username, member.password)).status).toBe(429);
  });

  it('counts a wrong current password on POST /me/password as a failed sign-in of the account', async () => {
    const member = await newMember(ctx);
    const change = (currentPassword: string) =>
      member.agent
        .post('/me/password')
        .set(from('10.63.0.1'))
        .set('accept', JSON_ACCEPT)
        .set('accept-language', 'en')
        .send({ currentPassword, newPassword: 'a brand new secret' });
    for (let i = 1; i <= 5; i += 1) expect((await change('not my password')).status, `change ${i}`).toBe(400);
    for (let i = 1; i <= 5; i += 1) expect((await attempt(`10.63.1.${i}`, member.username, 'wrong password')).status, `sign-in ${i}`).toBe(400);
    const eleventh = await change('still not it');
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect((await change(member.password)).status).toBe(429);
    expect((await attempt('10.63.2.1', member.username, member.password)).status).toBe(429);
    // The browser sees its account page again, with the message.
    const page = await member.agent
      .post('/me/password')
      .set(from('10.63.0.1'))
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ currentPassword: 'x', newPassword: 'a brand new secret' });
    expect(page.status).toBe(429);
    expect(page.text).toContain('Too many attempts');
    expect(page.text).toContain(`@${member.username}`);
  });

  it('does not count a password change with the right current password', async () => {
    const member = await newMember(ctx);
    const response = await member.agent
      .post('/me/password')
      .set(from('10.64.0.1'))
      .set('accept', JSON_ACCEPT)
      .send({ currentPassword: member.password, newPassword: 'a brand new secret' });
    expect(response.status).toBe(200);
    expect(await signInAttempts(`account:${await accountId(member.username)}`)).toHaveLength(0);
  });

  const registerFrom = (address: string, name: string, email = `${name}@example.test`) =>
    guest(ctx).post('/register').set(from(address)).set('accept', JSON_ACCEPT).send({ username: name, displayName: name, email, password: 'long enough pw' });

  it('lets 5 of 20 registrations sent at the same moment from one address through', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => registerFrom('10.65.0.1', `burst_${i}`)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    const created = await ctx.db.selectFrom('accounts').select('id').where('username', 'like', 'burst\\_%').execute();
    expect(created).toHaveLength(5);
  });

  it('counts a refused registration (a taken name or address) toward the address\u2019s budget', async () => {
    const taken = await newMember(ctx);
    for (let i = 1; i <= 3; i += 1) expect((await registerFrom('10.66.0.1', taken.username, `fresh_${i}@example.test`)).status).toBe(400);
    expect((await registerFrom('10.66.0.1', `fresh_name_${process.pid}`, taken.email)).status).toBe(400);
    expect((await registerFrom('10.66.0.1', `welcome_${process.pid}`)).status).toBe(201);
    const refused = await registerFrom('10.66.0.1', `one_too_many_${process.pid}`);
    expect(refused.status).toBe(429);
  });
});

describe('limits across instances', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMITS: 'on', TRUST_PROXY: '1' });
  });
  afterAll(() => ctx.close());

  /** Another instance of the forum on the same database, as behind a load balancer (on PostgreSQL, its own pool). */
  async function otherInstance() {
    const database = ctx.databaseUrl ? await createDatabase({ databaseUrl: ctx.databaseUrl, dataDir: '' }) : ctx.database;
    const app = await buildApp(ctx.config, { database, logger: false });
    await app.ready();
    return {
      app,
      async close() {
        await app.close();
        if (database !== ctx.database) await database.close();
      },
    };
  }

  const attemptOn = (app: FastifyInstance, address: string, login: string, password: string) =>
    supertest(app.server).post('/login').set(from(address)).set('accept', JSON_ACCEPT).send({ login, password });

  it('counts failed sign-ins on every instance against one budget, and a restart forgets none', async () => {
    const member = await newMember(ctx);
    const second = await otherInstance();
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => attemptOn(i % 2 ? second.app : ctx.app, `10.70.0.${i + 1}`, member.username, 'wrong password')),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(400));
      expect((await attemptOn(ctx.app, '10.70.1.1', member.username, member.password)).status).toBe(429);
      expect((await attemptOn(second.app, '10.70.1.2', member.username, member.password)).status).toBe(429);
    } finally {
      await second.close();
    }
    const restarted = await otherInstance();
    try {
      expect((await attemptOn(restarted.app, '10.70.1.3', member.username, member.password)).status).toBe(429);
    } finally {
      await restarted.close();
    }
  });

  it('counts registrations from one address on every instance against one budget', async () => {
    const second = await otherInstance();
    try {
      const register = (app: FastifyInstance, name: string) =>
        supertest(app.server)
          .post('/register')
          .set(from('10.71.0.1'))
          .set('accept', JSON_ACCEPT)
          .send({ username: name, displayName: name, email: `${name}@example.test`, password: 'long enough pw' });
      const statuses = [];
      for (let i = 0; i < 8; i += 1) statuses.push((await register(i % 2 ? second.app : ctx.app, `spread_${i}`)).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    } finally {
      await second.close();
    }
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
    const count = await ctx.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBeGreaterThanOrEqual(8);
  });
});
