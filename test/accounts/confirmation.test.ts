import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, setCookie, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, startThread } from '../helpers/forum.js';
import { createEmailContext, forgetSignUpEmails, parseMail, startSmtp, type SmtpListener } from '../email/support.js';

const PASSWORD = 'correct horse battery';

/** The path of the first forum link of `kind` in a mail's text part. */
async function linkIn(raw: string, kind: 'email/confirm' | 'password/reset'): Promise<string> {
  const { text } = await parseMail(raw);
  const path = new RegExp(`http://forum\\.test(/${kind}/[a-z2-7]+)`).exec(text ?? '')?.[1];
  expect(path, text).toBeDefined();
  return path!;
}

describe('proven addresses, with email', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  let admin: Member;
  let thread: { id: number; posts: Array<{ id: number }> };

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url, FORUM_NAME: 'Bryggan', RATE_LIMITS: 'on', ADMIN_EMAILS: 'boss@example.test' });
    admin = await signUp(ctx, { username: 'confirm_boss', email: 'boss@example.test' });
    expect(admin.role).toBe('admin');
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    thread = await startThread(admin.agent, 'kajak');
  });
  beforeEach(async () => {
    await forgetSignUpEmails(ctx, smtp);
    smtp.mails.length = 0;
    await ctx.db.deleteFrom('attempts').execute();
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  const register = (agent: Agent, fields: { username: string; email: string }, accept = JSON_ACCEPT) =>
    agent
      .post('/register')
      .set('accept', accept)
      .set('accept-language', 'en')
      .send({ ...fields, displayName: 'Jonas Ek', password: PASSWORD });

  async function mailTo(address: string) {
    await ctx.app.email.accountEmailsSent();
    const mail = smtp.mails.find((m) => m.to.includes(address));
    expect(mail, `a mail to ${address}`).toBeDefined();
    return mail!;
  }

  it('signs nobody in at registration; the member reads but cannot post or flag until the emailed link is used', async () => {
    const browser = guest(ctx);
    const registered = await register(browser, { username: 'confirm_jonas', email: 'jonas@example.test' });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ username: 'confirm_jonas', displayName: 'Jonas Ek', role: 'member', locale: null });
    expect(setCookie(registered, 'session')).toBeUndefined();
    const stored = await ctx.db.selectFrom('accounts').select(['email_confirmed_at', 'role']).where('username', '=', 'confirm_jonas').executeTakeFirstOrThrow();
    expect(stored.email_confirmed_at).toBeNull();

    const mail = await parseMail((await mailTo('jonas@example.test')).raw);
    expect(mail.subject).toBe('Bryggan: confirm your email address');

    // Signing in works; posting and flagging do not, and say why.
    await browser.post('/login').set('accept', JSON_ACCEPT).send({ login: 'confirm_jonas', password: PASSWORD }).expect(200);
    const post = await browser.post('/n/kajak/threads').set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ title: 'Hello there', body: 'First!' });
    expect(post.status).toBe(403);
    expect(post.body.message).toMatch(/Confirm your email address first/);
    expect((await browser.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'A reply' })).status).toBe(403);
    expect((await browser.post(`/p/${thread.posts[0]!.id}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'spam' })).status).toBe(403);
    expect(await ctx.db.selectFrom('posts').select('id').execute()).toHaveLength(1);
    expect(await ctx.db.selectFrom('flags').select('id').execute()).toHaveLength(0);

    // Every page says so and offers the link again.
    const home = await browser.get('/').set('accept', HTML).set('accept-language', 'en');
    expect(home.text).toContain('Confirm your address: we sent a link to jonas@example.test');
    expect(home.text).toContain('action="/email/confirm/resend"');

    // Opening the link confirms nothing (mail scanners open links); the button does, and signs in.
    const path = await linkIn(smtp.mails.at(-1)!.raw, 'email/confirm');
    const page = await guest(ctx).get(path).set('accept', HTML);
    expect(page.status).toBe(200);
    expect(page.text).toContain('jonas@example.test');
    expect(
      (await ctx.db.selectFrom('accounts').select('email_confirmed_at').where('username', '=', 'confirm_jonas').executeTakeFirstOrThrow()).email_confirmed_at,
    ).toBeNull();
    const phone = guest(ctx);
    const confirmed = await phone.post(path).set('accept', HTML).type('form').send({});
    expect(confirmed.status).toBe(303);
    expect(setCookie(confirmed, 'session')).toBeDefined();
    expect(
      (await ctx.db.selectFrom('accounts').select('email_confirmed_at').where('username', '=', 'confirm_jonas').executeTakeFirstOrThrow()).email_confirmed_at,
    ).not.toBeNull();
    await startThread(phone, 'kajak');
    expect((await phone.get('/').set('accept', HTML)).text).not.toContain('action="/email/confirm/resend"');
    // Used once.
    expect((await guest(ctx).post(path).set('accept', JSON_ACCEPT)).status).toBe(410);
  });

  it('sends the link again from the banner, three times an hour', async () => {
    const browser = guest(ctx);
    await register(browser, { username: 'confirm_resend', email: 'resend@example.test' }).expect(201);
    await browser.post('/login').set('accept', JSON_ACCEPT).send({ login: 'confirm_resend', password: PASSWORD }).expect(200);
    await forgetSignUpEmails(ctx, smtp);
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push((await browser.post('/email/confirm/resend').set('accept', JSON_ACCEPT)).status);
    expect(answers).toEqual([200, 200, 200, 429]);
    await ctx.app.email.accountEmailsSent();
    expect(smtp.mails.filter((m) => m.to.includes('resend@example.test'))).toHaveLength(3);
    // The newest link works; a member already confirmed is sent nothing.
    await browser
      .post(await linkIn(smtp.mails.at(-1)!.raw, 'email/confirm'))
      .set('accept', JSON_ACCEPT)
      .expect(200);
    expect((await browser.post('/email/confirm/resend').set('accept', JSON_ACCEPT)).body).toEqual({ sent: false });
  });

  it('makes an ADMIN_EMAILS address admin only once it is confirmed', async () => {
    await ctx.db.updateTable('accounts').set({ email: 'former-boss@example.test' }).where('username', '=', admin.username).execute();
    const browser = guest(ctx);
    await register(browser, { username: 'confirm_newboss', email: 'BOSS@example.test' }).expect(201);
    const role = () => ctx.db.selectFrom('accounts').select('role').where('username', '=', 'confirm_newboss').executeTakeFirstOrThrow();
    expect((await role()).role).toBe('member');
    const confirmed = await browser.post(await linkIn((await mailTo('BOSS@example.test')).raw, 'email/confirm')).set('accept', JSON_ACCEPT);
    expect(confirmed.body.role).toBe('admin');
    expect((await role()).role).toBe('admin');
  });

  it('answers a registration with a taken address exactly like a new one, and mails the owner a reset link instead', async () => {
    const owner = await signUp(ctx, { username: 'confirm_owner', email: 'owner@example.test' });
    await forgetSignUpEmails(ctx, smtp);
    const fresh = await register(guest(ctx), { username: 'confirm_stranger', email: 'fresh@example.test' });
    const taken = await register(guest(ctx), { username: 'confirm_stranger2', email: 'Owner@example.test' });
    expect(taken.status).toBe(fresh.status);
    expect({ ...taken.body, username: 'x' }).toEqual({ ...fresh.body, username: 'x' });
    expect(setCookie(taken, 'session')).toBeUndefined();
    const [freshPage, takenPage] = [
      await register(guest(ctx), { username: 'confirm_stranger3', email: 'fresh3@example.test' }, HTML).type('form'),
      await register(guest(ctx), { username: 'confirm_stranger4', email: 'owner@example.test' }, HTML).type('form'),
    ];
    expect([takenPage.status, takenPage.headers.location]).toEqual([freshPage.status, freshPage.headers.location]);
    expect(await ctx.db.selectFrom('accounts').select('id').where('username', 'in', ['confirm_stranger2', 'confirm_stranger4']).execute()).toEqual([]);

    const note = await mailTo('owner@example.test');
    // In the owner's language (none chosen: the forum's, Swedish), not the stranger's.
    expect((await parseMail(note.raw)).subject).toBe('Bryggan: någon försökte registrera sig med din adress');
    const reset = await guest(ctx)
      .post(await linkIn(note.raw, 'password/reset'))
      .set('accept', JSON_ACCEPT)
      .send({ newPassword: 'the owner chose anew' });
    expect(reset.body).toEqual({ username: owner.username });
    // A taken username is still said: usernames are public.
    await ctx.db.deleteFrom('attempts').execute();
    const name = await register(guest(ctx), { username: 'confirm_owner', email: 'other@example.test' });
    expect(name.status).toBe(400);
    expect(Object.keys(name.body.fields)).toEqual(['username']);
  });

  it('mails the owner of a taken address at most 3 notes an hour, answering the same after', async () => {
    await signUp(ctx, { username: 'confirm_popular', email: 'popular@example.test' });
    await forgetSignUpEmails(ctx, smtp);
    await ctx.db.deleteFrom('attempts').execute();
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await register(guest(ctx), { username: `confirm_again_${i}`, email: 'popular@example.test' })).status);
    expect(statuses).toEqual([201, 201, 201, 201]);
    await ctx.app.email.accountEmailsSent();
    expect(smtp.mails.filter((m) => m.to.includes('popular@example.test'))).toHaveLength(3);
  });

  it('takes about as long for a taken address as for a new one (the password is hashed in both)', async () => {
    const timed = async (email: string, username: string) => {
      await ctx.db.deleteFrom('attempts').execute();
      const start = performance.now();
      await register(guest(ctx), { username, email }).expect(201);
      return performance.now() - start;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const fresh: number[] = [];
    const taken: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      fresh.push(await timed(`timing${i}@example.test`, `confirm_timing_${i}`));
      taken.push(await timed('boss@example.test', `confirm_taken_${i}`));
    }
    expect(median(taken)).toBeLessThan(2 * median(fresh));
    expect(median(fresh)).toBeLessThan(2 * median(taken));
  });
});

describe('addresses without email', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('count as proven: registering signs in, and an account left unproven when email was turned off still posts', async () => {
    const admin = await signUp(ctx, { username: 'plain_admin' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    const stored = await ctx.db.selectFrom('accounts').select('email_confirmed_at').where('username', '=', admin.username).executeTakeFirstOrThrow();
    expect(stored.email_confirmed_at).not.toBeNull();
    await ctx.db.updateTable('accounts').set({ email_confirmed_at: null }).execute();
    await startThread(admin.agent, 'kajak');
    expect((await admin.agent.get('/').set('accept', HTML)).text).not.toContain('action="/email/confirm/resend"');
  });
});
