import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createEmailContext, forgetSignUpEmails, parseMail, startSmtp, type SmtpListener } from '../email/support.js';

const emailOf = (ctx: TestContext, username: string) =>
  ctx.db
    .selectFrom('accounts')
    .select('email')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
    .then((row) => row.email);

describe('changing the email address, with email', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  let anna: Member;

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url, FORUM_NAME: 'Bryggan' });
    anna = await signUp(ctx, { username: 'address_anna', displayName: 'Anna', email: 'anna@example.test' });
    await ctx.db.updateTable('accounts').set({ locale: 'en' }).execute();
  });
  beforeEach(() => forgetSignUpEmails(ctx, smtp));
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  const change = (member: Member, email: string, password = member.password) =>
    member.agent.post('/me/address').set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ email, password });

  async function linkTo(address: string): Promise<string> {
    await ctx.app.email.accountEmailsSent();
    const mail = smtp.mails.find((m) => m.to.includes(address));
    expect(mail, `a mail to ${address}`).toBeDefined();
    return /http:\/\/forum\.test(\/email\/change\/[a-z2-7]+)/.exec((await parseMail(mail!.raw)).text ?? '')![1]!;
  }

  it('shows the address and its form on /me', async () => {
    const page = await anna.agent.get('/me').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Your address is anna@example.test.');
    expect(page.text).toContain('action="/me/address"');
  });

  it('refuses a wrong password naming the field, and changes nothing', async () => {
    const response = await change(anna, 'new@example.test', 'not my password');
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields)).toEqual(['password']);
    await ctx.app.email.accountEmailsSent();
    expect(smtp.mails).toEqual([]);
  });

  it('mails the new address a link; the address changes only when it is used, and the old address is told', async () => {
    const response = await change(anna, 'anna.new@example.test');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ email: 'anna@example.test', pending: true });
    expect(await emailOf(ctx, anna.username)).toBe('anna@example.test');
    const path = await linkTo('anna.new@example.test');

    const page = await guest(ctx).get(path).set('accept', HTML);
    expect(page.status).toBe(200);
    expect(await emailOf(ctx, anna.username)).toBe('anna@example.test');
    const used = await guest(ctx).post(path).set('accept', JSON_ACCEPT);
    expect(used.body).toEqual({ email: 'anna.new@example.test', pending: false });
    expect(await emailOf(ctx, anna.username)).toBe('anna.new@example.test');

    await ctx.app.email.accountEmailsSent();
    const told = smtp.mails.find((m) => m.to.includes('anna@example.test'));
    const mail = await parseMail(told!.raw);
    expect(mail.subject).toBe('Bryggan: your email address was changed');
    expect(mail.text).toContain('anna.new@example.test');
    expect((await guest(ctx).post(path).set('accept', JSON_ACCEPT)).status).toBe(410);
  });

  it('refuses the link with a clear error when another account took the address meanwhile', async () => {
    await change(anna, 'wanted@example.test').expect(200);
    const path = await linkTo('wanted@example.test');
    await signUp(ctx, { username: 'address_bo', email: 'wanted@example.test' });
    const used = await guest(ctx).post(path).set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(used.status).toBe(400);
    expect(used.body.fields).toEqual({ email: 'Another account already uses that address' });
    expect(await emailOf(ctx, anna.username)).toBe('anna.new@example.test');
  });
});

describe('changing the email address, without email', () => {
  let ctx: TestContext;
  let bo: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    bo = await signUp(ctx, { username: 'address_now', email: 'bo@example.test' });
    await signUp(ctx, { username: 'address_other', email: 'taken@example.test' });
  });
  afterAll(() => ctx.close());

  it('changes at once with the password, and refuses an address another account has', async () => {
    const browser = await bo.agent.post('/me/address').set('accept', HTML).type('form').send({ email: 'bo.new@example.test', password: bo.password });
    expect(browser.status).toBe(303);
    expect(browser.headers.location).toBe('/me');
    expect(await emailOf(ctx, bo.username)).toBe('bo.new@example.test');
    const taken = await bo.agent
      .post('/me/address')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ email: 'TAKEN@example.test', password: bo.password });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('Another account already uses that address');
    expect(await emailOf(ctx, bo.username)).toBe('bo.new@example.test');
  });
});
