import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, sessionToken, setCookie, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createEmailContext, forgetSignUpEmails, parseMail, startSmtp, type SmtpListener } from '../email/support.js';

const NEW_PASSWORD = 'a brand new secret';

/** The reset link in a mail's text part, as a path on the forum. */
async function resetPathIn(raw: string): Promise<string> {
  const { text } = await parseMail(raw);
  const link = /http:\/\/forum\.test(\/password\/reset\/[a-z2-7]+)/.exec(text ?? '')?.[1];
  expect(link).toBeDefined();
  return link!;
}

describe('a forgotten password, with email', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  let anna: Member;

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url, FORUM_NAME: 'Bryggan', RATE_LIMITS: 'on' });
    anna = await signUp(ctx, { username: 'reset_anna', displayName: 'Anna', email: 'anna@example.test' });
  });
  beforeEach(async () => {
    await ctx.app.email.accountEmailsSent();
    smtp.mails.length = 0;
    // Each test starts with no attempts counted (the limits have a test of their own).
    await ctx.db.deleteFrom('attempts').execute();
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  const forgot = (login: string, accept = JSON_ACCEPT) =>
    guest(ctx).post('/password/forgot').set('accept', accept).set('accept-language', 'en').send({ login });

  /** Asks for a link for anna and returns its path. */
  async function askForLink(login = anna.username): Promise<string> {
    expect((await forgot(login)).status).toBe(202);
    await ctx.app.email.accountEmailsSent();
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['anna@example.test']);
    return resetPathIn(mail.raw);
  }

  const signIn = (password: string) => guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login: anna.username, password });

  it('links to it from the sign-in page, and the form asks for a username or email', async () => {
    expect((await guest(ctx).get('/login').set('accept', HTML)).text).toContain('href="/password/forgot"');
    const page = await guest(ctx).get('/password/forgot').set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="login"');
  });

  it("mails a link in the account's language, with the forum in the subject; the link sets a new password and signs in", async () => {
    await ctx.db.updateTable('accounts').set({ locale: 'sv' }).where('username', '=', anna.username).execute();
    const path = await askForLink('ANNA@example.test');
    const mail = await parseMail(smtp.mails.at(-1)!.raw);
    expect(mail.subject).toBe('Bryggan: välj ett nytt lösenord');
    expect(mail.html).toContain(`http://forum.test${path}`);
    // Only the hash is stored: the link's secret is in no column.
    const secret = path.split('/').at(-1)!;
    const tokens = await ctx.db.selectFrom('account_tokens').selectAll().execute();
    expect(JSON.stringify(tokens)).not.toContain(secret);

    const form = await guest(ctx).get(path).set('accept', HTML);
    expect(form.status).toBe(200);
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    expect(form.text).toContain('name="newPassword"');

    const browser = guest(ctx);
    const done = await browser.post(path).set('accept', HTML).type('form').send({ newPassword: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/');
    expect(setCookie(done, 'session')).toBeDefined();
    expect((await browser.get('/me').set('accept', JSON_ACCEPT)).status).toBe(200);
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(anna.password)).status).toBe(400);
    anna.password = NEW_PASSWORD;
    await ctx.db.updateTable('accounts').set({ locale: null }).where('username', '=', anna.username).execute();
  });

  it('answers a missing account exactly as an existing one, and mails nobody', async () => {
    const existing = await forgot(anna.username);
    const missing = await forgot('nobody_here@example.test');
    expect(missing.status).toBe(202);
    expect(missing.body).toEqual(existing.body);
    expect(existing.body).toEqual({ requested: true });
    const [pageExisting, pageMissing] = [await forgot(anna.username, HTML), await forgot('nobody_at_all', HTML)];
    expect([pageExisting.status, pageMissing.status]).toEqual([303, 303]);
    expect(pageMissing.headers.location).toBe(pageExisting.headers.location);
    await ctx.app.email.accountEmailsSent();
    expect(smtp.mails.every((mail) => mail.to.includes('anna@example.test'))).toBe(true);
    const sent = await guest(ctx)
      .get(pageMissing.headers.location as string)
      .set('accept', HTML)
      .set('accept-language', 'en');
    expect(sent.text).toContain('If an account exists for what you entered');
  });

  it('refuses a used link, an expired link and a made-up one with 410 and a way to ask again; nothing changes', async () => {
    const used = await askForLink();
    expect((await guest(ctx).post(used).set('accept', JSON_ACCEPT).send({ newPassword: NEW_PASSWORD })).status).toBe(200);
    const again = await guest(ctx).post(used).set('accept', JSON_ACCEPT).send({ newPassword: 'someone else entirely' });
    expect(again.status).toBe(410);
    expect(again.body.error).toBe('link_expired');

    const expired = await askForLink();
    await ctx.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1000), created_at: new Date(Date.now() - 3_600_000) })
      .where('used_at', 'is', null)
      .execute();
    const page = await guest(ctx).get(expired).set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(410);
    expect(page.text).toContain('href="/password/forgot"');
    expect((await guest(ctx).post(expired).set('accept', HTML).type('form').send({ newPassword: 'someone else entirely' })).status).toBe(410);
    expect((await guest(ctx).get('/password/reset/notarealtokenatall').set('accept', HTML)).status).toBe(410);
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);
  });

  it('a link made for another account resets only that account', async () => {
    const bo = await signUp(ctx, { username: 'reset_bo', email: 'bo@example.test' });
    await forgetSignUpEmails(ctx, smtp);
    expect((await forgot('bo@example.test')).status).toBe(202);
    await ctx.app.email.accountEmailsSent();
    const boPath = await resetPathIn(smtp.mails.find((mail) => mail.to.includes('bo@example.test'))!.raw);
    const response = await anna.agent.post(boPath).set('accept', JSON_ACCEPT).send({ newPassword: 'bo has a new one now' });
    expect(response.body).toEqual({ username: 'reset_bo' });
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);
    expect((await guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login: bo.username, password: 'bo has a new one now' })).status).toBe(200);
  });

  it('ends every other session of the account, and the reset browser is signed in as the account', async () => {
    const phone = guest(ctx);
    const laptop = guest(ctx);
    for (const agent of [phone, laptop])
      await agent.post('/login').set('accept', JSON_ACCEPT).send({ login: anna.username, password: NEW_PASSWORD }).expect(200);
    const path = await askForLink();
    const reset = await guest(ctx).post(path).set('accept', JSON_ACCEPT).send({ newPassword: 'the third password' });
    expect(reset.status).toBe(200);
    const token = sessionToken(reset);
    for (const agent of [phone, laptop]) expect((await agent.get('/me').set('accept', JSON_ACCEPT)).status).toBe(401);
    const sessions = await ctx.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select('sessions.id')
      .where('accounts.username', '=', anna.username)
      .execute();
    expect(sessions.map((session) => session.id)).toEqual([token.split('.')[0]]);
    const events = await ctx.db.selectFrom('events').select('name').where('name', '=', 'sessions.ended').execute();
    expect(events.length).toBeGreaterThan(0);
    await guest(ctx).get('/').set('cookie', `session=${token}`);
    anna.password = 'the third password';
  });

  it('uses a link once when two browsers send it at the same moment', async () => {
    const path = await askForLink();
    const answers = await Promise.all(
      ['first of two passwords', 'second of two passwords'].map((newPassword) => guest(ctx).post(path).set('accept', JSON_ACCEPT).send({ newPassword })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
    anna.password = answers[0]!.status === 200 ? 'first of two passwords' : 'second of two passwords';
    expect((await signIn(anna.password)).status).toBe(200);
  });

  it('refuses a short new password naming the field, and keeps the link usable', async () => {
    const path = await askForLink();
    const short = await guest(ctx).post(path).set('accept', JSON_ACCEPT).send({ newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(Object.keys(short.body.fields)).toEqual(['newPassword']);
    expect((await guest(ctx).get(path).set('accept', HTML)).status).toBe(200);
  });

  it('mails an account at most 3 links an hour, answering the same after; an address gets 10 requests an hour', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => forgot(anna.username)));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
    for (const answer of answers) expect(answer.body).toEqual({ requested: true });
    await ctx.app.email.accountEmailsSent();
    expect(smtp.mails).toHaveLength(3);
    const more = await Promise.all(Array.from({ length: 6 }, () => forgot('nobody_by_this_name')));
    expect(more.map((answer) => answer.status).sort()).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('takes the link out of the table once it can no longer be used', async () => {
    await ctx.app.housekeeping.runAll(new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(await ctx.db.selectFrom('account_tokens').selectAll().where('purpose', '=', 'password_reset').execute()).toEqual([]);
  });

  it('refuses the admin reset link while the forum sends email', async () => {
    const admin = await ctx.db.selectFrom('accounts').select('username').where('role', '=', 'admin').executeTakeFirstOrThrow();
    expect(admin.username).toBe(anna.username);
    const browser = guest(ctx);
    await browser.post('/login').set('accept', JSON_ACCEPT).send({ login: anna.username, password: anna.password }).expect(200);
    const response = await browser.post(`/u/${anna.username}/reset-link`).set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/members ask for their own link/);
  });
});

describe('an admin reset link, without email', () => {
  let ctx: TestContext;
  let admin: Member;
  let bo: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    expect(ctx.app.email.enabled).toBe(false);
    admin = await signUp(ctx, { username: 'link_admin' });
    bo = await signUp(ctx, { username: 'link_bo' });
  });
  afterAll(() => ctx.close());

  it("shows the link once to an admin; it resets the member's password", async () => {
    const page = await admin.agent.post(`/u/${bo.username}/reset-link`).set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(201);
    expect(page.headers['cache-control']).toBe('no-store');
    const path = /http:\/\/forum\.test(\/password\/reset\/[a-z2-7]+)/.exec(page.text)?.[1];
    expect(path).toBeDefined();
    expect((await guest(ctx).post(path!).set('accept', JSON_ACCEPT).send({ newPassword: NEW_PASSWORD })).status).toBe(200);
    expect((await guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login: bo.username, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('refuses members (403), guests (401) and a missing or deleted account (404)', async () => {
    const cia = await signUp(ctx, { username: 'link_cia' });
    expect((await cia.agent.post(`/u/${admin.username}/reset-link`).set('accept', JSON_ACCEPT)).status).toBe(403);
    expect((await guest(ctx).post(`/u/${bo.username}/reset-link`).set('accept', JSON_ACCEPT)).status).toBe(401);
    expect((await admin.agent.post('/u/nobody_here/reset-link').set('accept', JSON_ACCEPT)).status).toBe(404);
    await ctx.db.updateTable('accounts').set({ deleted_at: new Date(), email: null }).where('username', '=', bo.username).execute();
    expect((await admin.agent.post(`/u/${bo.username}/reset-link`).set('accept', JSON_ACCEPT)).status).toBe(404);
  });
});
