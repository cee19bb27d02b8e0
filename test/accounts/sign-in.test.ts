import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, sessionToken, setCookie, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('signing in and out', () => {
  let ctx: TestContext;
  let member: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx, { username: 'Kajakgruppen', email: 'kajak@example.test', displayName: 'Kajakgruppen AB' });
  });
  afterAll(() => ctx.close());

  it('signs in with the username, in any case, and answers the account as JSON', async () => {
    const browser = guest(ctx);
    const response = await browser.post('/login').set('accept', JSON_ACCEPT).send({ login: 'kajakgruppen', password: member.password });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ username: 'Kajakgruppen', displayName: 'Kajakgruppen AB', role: member.role, locale: null });
    const me = await browser.get('/me').set('accept', JSON_ACCEPT);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('Kajakgruppen');
  });

  it('signs in with the email address, in any case, from a form', async () => {
    const browser = guest(ctx);
    const response = await browser.post('/login').set('accept', HTML).type('form').send({ login: 'KAJAK@example.test', password: member.password });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    const me = await browser.get('/me').set('accept', HTML).set('accept-language', 'en');
    expect(me.status).toBe(200);
    expect(me.text).toContain('@Kajakgruppen');
    expect(me.text).toContain('Kajakgruppen AB');
  });

  it('signs out: clears the cookie, deletes the session, and /me answers 401 after', async () => {
    const { agent } = await signUp(ctx);
    const token = sessionToken(await agent.post('/login').set('accept', JSON_ACCEPT).send({ login: member.username, password: member.password }));
    const sessionId = token.split('.')[0]!;
    expect(await ctx.db.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst()).toBeDefined();

    const response = await agent.post('/logout').set('accept', HTML);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    const cleared = setCookie(response, 'session');
    expect(cleared?.value).toBe('');
    expect(new Date(String(cleared?.attributes.expires)).getTime()).toBeLessThan(Date.now());
    expect(await ctx.db.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst()).toBeUndefined();

    expect((await agent.get('/me').set('accept', JSON_ACCEPT)).status).toBe(401);
    // The old token is dead too, not merely forgotten by this browser.
    const replay = await guest(ctx).get('/me').set('accept', JSON_ACCEPT).set('cookie', `session=${token}`);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('unauthorized');
  });

  it('says the same thing for a wrong password and for an unknown account', async () => {
    const attempts = [
      { login: member.username, password: 'not the password at all' },
      { login: 'kajak@example.test', password: 'not the password at all' },
      { login: 'nobody_by_that_name', password: member.password },
      { login: 'nobody@example.test', password: member.password },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const response = await guest(ctx).post('/login').set('accept', JSON_ACCEPT).set('accept-language', 'en').send(attempt);
      answers.push({ status: response.status, body: response.body });
      expect(setCookie(response, 'session')).toBeUndefined();
    }
    expect(answers[0]).toEqual({ status: 400, body: { error: 'validation', fields: { credentials: 'Wrong username/email or password' } } });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('shows a browser the sign-in form again with the message and the login kept, never the password', async () => {
    const response = await guest(ctx)
      .post('/login')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ login: 'kajak@example.test', password: 'wrong-but-memorable' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('Wrong username/email or password');
    expect(response.text).toContain('value="kajak@example.test"');
    expect(response.text).not.toContain('wrong-but-memorable');
    // Neither field is marked as the wrong one; the form offers the way back in instead.
    expect(response.text).not.toContain('aria-invalid="true"');
    expect(response.text).toContain('href="/password/forgot"');
  });

  describe('where it goes after signing in', () => {
    const signInWithNext = (next: string) =>
      guest(ctx).post('/login').set('accept', HTML).type('form').send({ login: member.username, password: member.password, next });

    it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'evil.example/me'])(
      'goes home instead of to %s',
      async (next) => {
        const response = await signInWithNext(next);
        expect(response.status).toBe(303);
        expect(response.headers.location).toBe('/');
      },
    );

    it('goes to a local path', async () => {
      const response = await signInWithNext('/me');
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/me');
    });

    it('keeps only a local next in the sign-in form', async () => {
      // The sign-in form's own field; the footer's language switch goes back to this very page, as it is.
      const signInForm = (html: string) => /<form[^>]*action="\/login"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
      const local = await guest(ctx).get('/login?next=%2Fme').set('accept', HTML);
      expect(signInForm(local.text)).toContain('name="next" value="/me"');
      const foreign = await guest(ctx).get('/login?next=%2F%2Fevil.example').set('accept', HTML);
      expect(signInForm(foreign.text)).toContain('name="next" value="/"');
      expect(signInForm(foreign.text)).not.toMatch(/evil/);
    });

    it('sends a signed-out browser from /me to the sign-in page and back', async () => {
      const response = await guest(ctx).get('/me').set('accept', HTML);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/login?next=%2Fme');
    });
  });
});
