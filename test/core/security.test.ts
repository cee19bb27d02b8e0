import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { connectLive } from '../helpers/live.js';

describe('cross-site requests', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const register = (headers: Record<string, string>, username: string) =>
    guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .set(headers)
      .send({ username, displayName: username, email: `${username}@example.test`, password: 'long enough pw' });
  const accountExists = async (username: string) => !!(await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst());

  it('refuses a POST whose Origin is another site with 403, and writes nothing', async () => {
    const response = await register({ origin: 'https://evil.example' }, 'from_evil');
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('forbidden');
    expect(await accountExists('from_evil')).toBe(false);
  });

  it('refuses a POST from another site that names itself only in Referer', async () => {
    const response = await register({ referer: 'https://evil.example/innocent-page' }, 'referred_evil');
    expect(response.status).toBe(403);
    expect(await accountExists('referred_evil')).toBe(false);
  });

  it.each([
    ['the same host on another scheme', { origin: 'https://forum.test' }],
    ['the same host on another port', { origin: 'http://forum.test:8080' }],
    ['an opaque origin', { origin: 'null' }],
    ['an unreadable Referer', { referer: 'not a url' }],
    ['a foreign Origin with a local Referer', { origin: 'https://evil.example', referer: 'http://forum.test/register' }],
  ])('refuses %s', async (_label, headers) => {
    expect((await register(headers, 'nope_account')).status).toBe(403);
  });

  it('lets through a POST whose Origin is the forum', async () => {
    const response = await register({ origin: 'http://forum.test' }, 'same_origin');
    expect(response.status).toBe(201);
  });

  it('lets through a POST whose Referer is a page of the forum', async () => {
    const response = await register({ referer: 'http://forum.test/register' }, 'same_referer');
    expect(response.status).toBe(201);
  });

  it('lets through a POST with neither header (scripts, curl)', async () => {
    const response = await register({}, 'plain_script');
    expect(response.status).toBe(201);
  });

  it('refuses a cross-site sign-out too, leaving the session alive', async () => {
    const member = await signUp(ctx);
    const response = await member.agent.post('/logout').set('accept', HTML).set('origin', 'https://evil.example');
    expect(response.status).toBe(403);
    expect((await member.agent.get('/me').set('accept', JSON_ACCEPT)).status).toBe(200);
  });

  it('shows a browser a page saying why', async () => {
    const response = await guest(ctx)
      .post('/login')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .set('origin', 'https://evil.example')
      .type('form')
      .send({ login: 'someone', password: 'whatever it is' });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('This request came from another site and was refused.');
  });
});

describe('cross-site requests when PUBLIC_URL names this machine', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ PUBLIC_URL: 'http://localhost:3000' });
  });
  afterAll(() => ctx.close());

  const register = (origin: string, username: string) =>
    guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .set('origin', origin)
      .send({ username, displayName: username, email: `${username}@example.test`, password: 'long enough pw' });

  it.each([
    ['localhost', 'http://localhost:3000', 'via_localhost'],
    ['127.0.0.1, as the log may print it', 'http://127.0.0.1:3000', 'via_ipv4'],
    ['[::1]', 'http://[::1]:3000', 'via_ipv6'],
  ])('accepts a form sent from %s on the same port', async (_label, origin, username) => {
    expect((await register(origin, username)).status).toBe(201);
  });

  it('opens the live feed from 127.0.0.1 too, and still not from another site', async () => {
    const live = await connectLive(ctx, { origin: 'http://127.0.0.1:3000' });
    live.close();
    await expect(connectLive(ctx, { origin: 'http://127.0.0.1:3001' })).rejects.toThrow('upgrade refused: 403');
  });

  it('goes back to the page a form was sent from at 127.0.0.1, and not to a page of another port', async () => {
    const switchFrom = (referer: string) =>
      guest(ctx).post('/language').set('origin', 'http://127.0.0.1:3000').set('referer', referer).type('form').send({ locale: 'da' });
    expect((await switchFrom('http://127.0.0.1:3000/n/kajak?page=2')).headers.location).toBe('/n/kajak?page=2');
    expect((await switchFrom('http://127.0.0.1:3001/n/kajak')).headers.location).toBe('/');
  });

  it.each([
    ['another port', 'http://127.0.0.1:3001'],
    ['another scheme', 'https://127.0.0.1:3000'],
    ['another loopback address', 'http://127.0.0.2:3000'],
    ['a site whose name starts like localhost', 'http://localhost.evil.example:3000'],
  ])('still refuses a loopback spelling on %s', async (_label, origin) => {
    expect((await register(origin, 'nope_loopback')).status).toBe(403);
  });
});

describe('security headers and body limits', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('sends a Content-Security-Policy that allows no inline script, no plugins and no framing', async () => {
    for (const path of ['/', '/login', '/no-such-page']) {
      const response = await guest(ctx).get(path).set('accept', HTML);
      const csp = String(response.headers['content-security-policy']);
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name = '', ...values]) => [name, values]),
      );
      expect(directives['script-src'], path).toEqual(["'self'"]);
      expect(directives['object-src'], path).toEqual(["'none'"]);
      expect(directives['frame-ancestors'], path).toEqual(["'none'"]);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers['referrer-policy'], path).toBe('same-origin');
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('sends the same security headers on JSON errors, static files and pages served from the guests’ cache', async () => {
    const first = await guest(ctx).get('/').set('accept', HTML);
    const answers = [
      await guest(ctx).get('/').set('accept', HTML),
      await guest(ctx).get('/t/999999').set('accept', JSON_ACCEPT),
      await guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({}),
      await guest(ctx).get('/static/js/live.js'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 404, 400, 200]);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('does not send Strict-Transport-Security on an http forum', async () => {
    const response = await guest(ctx).get('/').set('accept', HTML);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  const twoMegabytes = 'x'.repeat(2 * 1024 * 1024);

  it('refuses a 2 MB JSON body with 413', async () => {
    const response = await guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .send({ username: 'big_body', displayName: twoMegabytes, email: 'big@example.test', password: 'long enough pw' });
    expect(response.status).toBe(413);
    expect(response.body.error).toBeTruthy();
    expect(await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'big_body').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a 2 MB form body with 413 and a page for the browser', async () => {
    const response = await guest(ctx)
      .post('/login')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ login: 'someone', password: twoMegabytes });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('That was too much to send at once.');
  });

  it('accepts a body just under 1 MB (and validates it as usual)', async () => {
    const response = await guest(ctx)
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .send({ username: 'big_but_ok', displayName: 'x'.repeat(1000 * 1000), email: 'ok@example.test', password: 'long enough pw' });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields)).toEqual(['displayName']);
  });
});

describe('security headers on an https forum', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ PUBLIC_URL: 'https://forum.test' });
  });
  afterAll(() => ctx.close());

  it('sends Strict-Transport-Security and only accepts posts from the https origin', async () => {
    const page = await guest(ctx).get('/').set('accept', HTML);
    expect(page.headers['strict-transport-security']).toContain('max-age=');
    const post = (origin: string) =>
      guest(ctx).post('/login').set('accept', JSON_ACCEPT).set('origin', origin).send({ login: 'nobody', password: 'whatever it is' });
    expect((await post('http://forum.test')).status).toBe(403);
    expect((await post('https://forum.test')).status).toBe(400);
  });
});
