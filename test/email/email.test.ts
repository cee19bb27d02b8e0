import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import type { TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { createEmailContext, forgetSignUpEmails, freePort, parseMail, startSmtp, type SmtpListener } from './support.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const later = (ms: number) => new Date(Date.now() + ms);

async function setEmail(member: Member, email: 'none' | 'instant' | 'daily') {
  const response = await member.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: email });
  expect(response.body).toEqual({ emailNotifications: email });
}

function unsubscribePath(url: string): string {
  const parsed = new URL(url);
  expect(parsed.origin).toBe('http://forum.test');
  return parsed.pathname;
}

describe('email through the outbox', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  let admin: Member;
  let anna: Member;
  let bo: Member;
  let cia: Member;

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url, FORUM_NAME: 'Bryggan' });
    admin = await signUp(ctx, { username: 'mail_admin' });
    anna = await signUp(ctx, { username: 'mail_anna', displayName: 'Anna', email: 'anna@example.test' });
    bo = await signUp(ctx, { username: 'mail_bo', displayName: 'Bo' });
    cia = await signUp(ctx, { username: 'mail_cia', displayName: 'Cia', email: 'cia@example.test' });
    await forgetSignUpEmails(ctx, smtp);
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await ctx.db.updateTable('accounts').set({ locale: 'en' }).execute();
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('offers the choice on /me (daily by default) and keeps it', async () => {
    const page = await anna.agent.get('/me').set('accept', HTML);
    expect(page.text).toContain('action="/me/email"');
    expect(page.text).toMatch(/value="daily" checked/);
    expect((await anna.agent.get('/me').set('accept', JSON_ACCEPT)).body.emailNotifications).toBe('daily');
    await setEmail(anna, 'instant');
    expect((await anna.agent.get('/me').set('accept', JSON_ACCEPT)).body.emailNotifications).toBe('instant');
    expect(
      await anna.agent
        .get('/me')
        .set('accept', HTML)
        .then((r) => r.text),
    ).toMatch(/value="instant" checked/);
    expect((await anna.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'hourly' })).status).toBe(400);
  });

  it('batches an instant burst into one email, with text and HTML parts, a thread link and one-click unsubscribe', async () => {
    // Bo writes here and takes no email: his daily digest (Cia's reply) would go with anna's whenever the
    // run's hour reaches 07:00 in Stockholm.
    await setEmail(bo, 'none');
    await anna.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' }).expect(200);
    const thread = await startThread(bo.agent, 'kajak', { title: 'Season opening' });
    await ctx.app.notifications.runWorker();
    // Within the 10 minutes nothing goes; more joins the batch.
    expect(await ctx.app.email.runSender(later(MINUTE))).toBe(0);
    await reply(bo.agent, thread.id, 'First reply');
    await reply(cia.agent, thread.id, 'Second reply');
    await ctx.app.notifications.runWorker();
    const batches = await ctx.db
      .selectFrom('email_outbox')
      .innerJoin('accounts', 'accounts.id', 'email_outbox.account_id')
      .selectAll('email_outbox')
      .where('accounts.username', '=', anna.username)
      .execute();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ kind: 'instant', status: 'open' });

    expect(await ctx.app.email.runSender(later(11 * MINUTE))).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['anna@example.test']);
    const parsed = await parseMail(mail!.raw);
    expect(parsed.subject).toBe('[Kajak] 3 new notifications');
    expect(parsed.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(parsed.text).toContain(`http://forum.test/t/${thread.id}/season-opening`);
    expect(parsed.text).toContain('2 new replies in “Season opening”');
    expect(parsed.text).toContain('Bo started “Season opening” in Kajak');
    expect(parsed.html).toContain(`href="http://forum.test/t/${thread.id}/season-opening"`);
    expect(parsed.html).toContain('2 new replies in <em>Season opening</em>');
    const unsubscribe = /^<(http:\/\/forum\.test\/unsubscribe\/[^>]+)>$/.exec(parsed.headers['list-unsubscribe'] ?? '');
    expect(unsubscribe).not.toBeNull();
    expect(parsed.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(parsed.text).toContain(unsubscribe![1]);
    expect(parsed.html).toContain(unsubscribe![1]);

    // Sent once: nothing more to send, however often the sender runs.
    expect(await ctx.app.email.runSender(later(HOUR))).toBe(0);
    expect(smtp.mails).toHaveLength(1);
    expect((await ctx.db.selectFrom('email_outbox').select('status').where('id', '=', batches[0]!.id).execute()).map((r) => r.status)).toEqual(['sent']);
    await setEmail(bo, 'daily');
  });

  it('sends the daily digest per network in the morning, in the reader\u2019s language, leaving out what was hidden since', async () => {
    smtp.mails.length = 0;
    await ctx.db.deleteFrom('email_outbox').execute();
    await ctx.db.updateTable('accounts').set({ locale: 'sv' }).where('username', '=', cia.username).execute();
    await cia.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    const kept = await startThread(bo.agent, 'kajak', { title: 'Kept thread' });
    const gone = await startThread(bo.agent, 'kajak', { title: 'Gone thread', body: 'SPAM-MARKER-91' });
    await ctx.app.notifications.runWorker();
    const batch = await ctx.db.selectFrom('email_outbox').selectAll().where('kind', '=', 'digest').executeTakeFirstOrThrow();
    // The next 07:00 in Stockholm.
    expect(batch.send_after.getTime()).toBeGreaterThan(Date.now());
    expect(batch.send_after.getTime()).toBeLessThanOrEqual(Date.now() + 24 * HOUR);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(batch.send_after)).toBe('07:00');

    await admin.agent.post(`/p/${gone.posts[0]!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    await ctx.app.notifications.runWorker();
    // Before its morning the digest waits (anna's instant email goes, unless the morning is under 11 minutes away).
    const beforeMorning = new Date(Math.min(Date.now() + 11 * MINUTE, batch.send_after.getTime() - 1000));
    const early = await ctx.app.email.runSender(beforeMorning);
    expect((await ctx.db.selectFrom('email_outbox').select('status').where('id', '=', batch.id).executeTakeFirstOrThrow()).status).toBe('open');
    // Then anna's instant email if it waited, cia's digest, and bo's (his thread was hidden: he is told why).
    const rest = await ctx.app.email.runSender(later(25 * HOUR));
    expect(early + rest).toBe(3);
    await smtp.waitFor(3);
    const digest = (await Promise.all(smtp.mails.map(async (m) => ({ to: m.to, mail: await parseMail(m.raw) })))).find((m) =>
      m.to.includes('cia@example.test'),
    )!;
    expect(digest.mail.subject).toBe('[Kajak] Dagens sammanfattning: 1 nyhet');
    expect(digest.mail.text).toContain('Bo startade “Kept thread” i Kajak');
    expect(digest.mail.text).toContain(`http://forum.test/t/${kept.id}/kept-thread`);
    expect(digest.mail.text).toContain('Avsluta prenumeration');
    for (const m of smtp.mails.filter((m) => !m.to.includes(`${bo.username}@example.test`))) {
      const { text, html } = await parseMail(m.raw);
      expect(`${text}${html}`).not.toContain('SPAM-MARKER-91');
      expect(`${text}${html}`).not.toContain('Gone thread');
    }
    const toBo = await parseMail(smtp.mails.find((m) => m.to.includes(`${bo.username}@example.test`))!.raw);
    expect(toBo.text).toContain('Your post in “Gone thread” was hidden');
    expect(toBo.text).toContain('spam');
    expect(digest.mail.text).not.toContain('Gone thread');
  });

  it('unsubscribes with one click, signed out, and refuses a tampered link', async () => {
    const mail = await parseMail(smtp.mails.find((m) => m.to.includes('cia@example.test'))!.raw);
    const path = unsubscribePath(/^<([^>]+)>$/.exec(mail.headers['list-unsubscribe']!)![1]!);
    const tampered = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const otherAccount = path.replace(/\/unsubscribe\/\d+/, '/unsubscribe/1');

    const stranger = guest(ctx);
    for (const bad of [tampered, otherAccount, '/unsubscribe/garbage']) {
      expect((await stranger.get(bad).set('accept', HTML)).status).toBe(400);
      expect((await stranger.post(bad).type('form').send('List-Unsubscribe=One-Click')).status).toBe(400);
    }
    const setting = () =>
      ctx.db
        .selectFrom('email_settings')
        .innerJoin('accounts', 'accounts.id', 'email_settings.account_id')
        .select('frequency')
        .where('accounts.username', '=', cia.username)
        .executeTakeFirst();
    expect(await setting()).toBeUndefined();

    // Opening the link only asks (mail scanners open links); the button does it.
    const asked = await stranger.get(path).set('accept', HTML).set('accept-language', 'en');
    expect(asked.status).toBe(200);
    expect(asked.text).toContain(`action="${path}"`);
    expect(await setting()).toBeUndefined();

    // A digest waiting to go is cancelled with it.
    await startThread(bo.agent, 'kajak', { title: 'After unsubscribing' });
    await ctx.app.notifications.runWorker();
    const done = await stranger.post(path).type('form').send('List-Unsubscribe=One-Click').set('accept', HTML).set('accept-language', 'en');
    expect(done.status).toBe(200);
    expect(done.text).toContain('you will get no more notification email');
    expect(await setting()).toEqual({ frequency: 'none' });
    const open = await ctx.db
      .selectFrom('email_outbox')
      .innerJoin('accounts', 'accounts.id', 'email_outbox.account_id')
      .select('status')
      .where('accounts.username', '=', cia.username)
      .where('status', 'in', ['open', 'retry'])
      .execute();
    expect(open).toEqual([]);
    // A mail provider's RFC 8058 POST (multipart) works too, and again is harmless.
    const provider = await stranger.post(path).field('List-Unsubscribe', 'One-Click').set('accept', JSON_ACCEPT);
    expect(provider.body).toEqual({ unsubscribed: true });
    await startThread(bo.agent, 'kajak', { title: 'Nothing for cia' });
    await ctx.app.notifications.runWorker();
    expect(
      await ctx.db
        .selectFrom('email_outbox')
        .innerJoin('accounts', 'accounts.id', 'email_outbox.account_id')
        .select('status')
        .where('accounts.username', '=', cia.username)
        .where('status', '=', 'open')
        .execute(),
    ).toEqual([]);
  });
});

describe('email while the mail server is down', () => {
  let ctx: TestContext;
  let port: number;
  let smtp: SmtpListener | undefined;

  beforeAll(async () => {
    port = await freePort();
    ctx = await createEmailContext({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { retryBaseMs: MINUTE });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp?.close();
  });

  it('waits, retries with backoff, and delivers exactly once when the server is back', async () => {
    const admin = await signUp(ctx, { username: 'down_admin' });
    const reader = await signUp(ctx, { username: 'down_reader', email: 'reader@example.test' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
    await setEmail(reader, 'instant');
    await reader.agent.post('/n/fiske/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    await startThread(admin.agent, 'fiske', { title: 'While the server is down' });
    await ctx.app.notifications.runWorker();

    const firstTry = later(11 * MINUTE);
    expect(await ctx.app.email.runSender(firstTry)).toBe(1);
    let row = await ctx.db.selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'retry', attempts: 1 });
    expect(row.last_error).toBeTruthy();
    expect(row.send_after.getTime()).toBe(firstTry.getTime() + MINUTE);
    // Before the retry is due nothing happens; the second failure waits twice as long.
    expect(await ctx.app.email.runSender(new Date(firstTry.getTime() + 30_000))).toBe(0);
    expect(await ctx.app.email.runSender(new Date(firstTry.getTime() + MINUTE))).toBe(1);
    row = await ctx.db.selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'retry', attempts: 2 });
    expect(row.send_after.getTime()).toBe(firstTry.getTime() + MINUTE + 2 * MINUTE);

    smtp = await startSmtp(port);
    const whenUp = later(HOUR);
    // Two runs at once on this instance, then again: one email.
    const settled = await Promise.all([ctx.app.email.runSender(whenUp), ctx.app.email.runSender(whenUp)]);
    expect(settled.reduce((a, b) => a + b)).toBe(1);
    await smtp.waitFor(1);
    // A run resolves once the mail server has taken what it sent: nothing more is on its way.
    expect(await ctx.app.email.runSender(later(2 * HOUR))).toBe(0);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['reader@example.test']);
    expect((await parseMail(smtp.mails[0]!.raw)).subject).toContain('[Fiske]');
    row = await ctx.db.selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('takes over an email whose sender died mid-send once its lease runs out, and sends it once', async () => {
    await smtp!.close();
    smtp = await startSmtp(port);
    const reader = await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'down_reader').executeTakeFirstOrThrow();
    await startThread((await signUp(ctx)).agent, 'fiske', { title: 'Orphaned send' });
    await ctx.app.notifications.runWorker();
    // As if another instance had claimed it and died: 'sending', lease running.
    const leaseEnds = later(20 * MINUTE);
    await ctx.db
      .updateTable('email_outbox')
      .set({ status: 'sending', attempts: 1, locked_until: leaseEnds })
      .where('account_id', '=', reader.id)
      .where('status', '=', 'open')
      .execute();
    expect(await ctx.app.email.runSender(later(15 * MINUTE))).toBe(0);
    expect(await ctx.app.email.runSender(new Date(leaseEnds.getTime() + 1000))).toBe(1);
    await smtp.waitFor(1);
    expect(await ctx.app.email.runSender(later(3 * HOUR))).toBe(0);
    expect(smtp.mails).toHaveLength(1);
  });
});

describe('email off', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createEmailContext({});
  });
  afterAll(() => ctx.close());

  it('writes no outbox rows without SMTP_URL, and says so on /me', async () => {
    const admin = await signUp(ctx);
    const reader = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'kultur' });
    await reader.agent.post('/n/kultur/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    await startThread(admin.agent, 'kultur');
    await ctx.app.notifications.runWorker();
    expect(await ctx.db.selectFrom('notifications').select('id').execute()).toHaveLength(1);
    expect(await ctx.db.selectFrom('email_outbox').select('id').execute()).toEqual([]);
    expect(await ctx.app.email.runSender()).toBe(0);
    expect((await reader.agent.get('/me').set('accept', HTML).set('accept-language', 'en')).text).toContain('This forum sends no email at the moment');
  });
});
