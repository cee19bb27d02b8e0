import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('pages and JSON from the same routes', () => {
  let ctx: TestContext;
  let member: Member;
  beforeAll(async () => {
    ctx = await createTestContext({ FORUM_NAME: 'Bryggan <Test>' });
    member = await signUp(ctx, { displayName: 'Café "Skär" & Co' });
  });
  afterAll(() => ctx.close());

  it('answers GET /me with the account as JSON', async () => {
    const response = await member.agent.get('/me').set('accept', JSON_ACCEPT);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    // The four fields issue 2 names, plus the email choice that issue 7 added to the account page.
    expect(response.body).toEqual({ username: member.username, displayName: member.displayName, role: member.role, locale: null, emailNotifications: 'daily' });
  });

  it('answers GET /me with a page for a browser, its user text escaped', async () => {
    const response = await member.agent.get('/me').set('accept', HTML).set('accept-language', 'en');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('<h1>Your account</h1>');
    expect(response.text).toContain(`@${member.username}`);
    expect(response.text).toContain('Café &quot;Skär&quot; &amp; Co');
    expect(response.text).not.toContain('Café "Skär" & Co');
    expect(response.text).toContain('action="/me/password"');
  });

  it('answers a signed-out GET /me with 401 JSON, or sends a browser to sign in', async () => {
    const json = await guest(ctx).get('/me').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(json.status).toBe(401);
    expect(json.body).toEqual({ error: 'unauthorized', message: 'Please sign in first.' });
    const page = await guest(ctx).get('/me').set('accept', HTML);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fme');
  });

  it('answers GET / both ways', async () => {
    const json = await guest(ctx).get('/').set('accept', JSON_ACCEPT);
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.body).toBeTypeOf('object');
    const page = await guest(ctx).get('/').set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toMatch(/^<!doctype html>/i);
    expect(page.text.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page.text).toContain('<main id="main">');
    expect(page.text).toContain('Bryggan &lt;Test&gt;');
    expect(page.text).not.toContain('Bryggan <Test>');
  });

  it('prefers what the Accept header ranks higher', async () => {
    const json = await guest(ctx).get('/me').set('accept', 'text/html;q=0.5, application/json');
    expect(json.status).toBe(401);
    expect(json.headers['content-type']).toContain('application/json');
    const page = await guest(ctx).get('/').set('accept', 'application/json;q=0.5, text/html');
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('answers a script that sends JSON without an Accept header with JSON', async () => {
    const response = await guest(ctx)
      .post('/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ login: 'x', password: 'y' }));
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.status).toBe(400);
  });

  it('answers an unknown path with 404 JSON for scripts', async () => {
    const response = await guest(ctx).get('/no/such/page').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'not_found', message: 'We could not find that page.' });
  });

  it('answers an unknown path with the 404 page for browsers, in the layout', async () => {
    for (const method of ['get', 'post'] as const) {
      const response = await guest(ctx)[method]('/no/such/page').set('accept', HTML).set('accept-language', 'en');
      expect(response.status, method).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.text).toContain('<h1>Not found</h1>');
      expect(response.text).toContain('We could not find that page.');
      expect(response.text).toContain('class="site-header"');
    }
  });

  it('shows a browser the error page for a request it cannot parse, without internals', async () => {
    const response = await guest(ctx).post('/login').set('accept', HTML).set('content-type', 'application/json').send('{"login": ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).not.toMatch(/SyntaxError|at .*\.js:\d+|node_modules/);
  });

  it('refuses a content type it does not read with 415, not 500', async () => {
    const response = await guest(ctx).post('/login').set('accept', JSON_ACCEPT).set('content-type', 'application/xml').send('<login>x</login>');
    expect(response.status).toBe(415);
  });

  it('serves the stylesheet', async () => {
    const response = await guest(ctx).get('/static/css/forum.css');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/css');
  });
});
