// The language switch on every page (POST /language): guests keep their choice in a cookie, members in their
// account; dates and numbers follow the language too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/core/i18n/index.js';
import { formatExact } from '../../src/core/time.js';
import { HTML, JSON_ACCEPT, guest, setCookie, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { announceAccountChange, untilEventsSeen } from '../helpers/events.js';
import { createNetwork, startThread } from '../helpers/forum.js';
import { createEmailContext, forgetSignUpEmails, parseMail, type SmtpListener, startSmtp } from '../email/support.js';

const ORIGIN = 'http://forum.test';

describe('the language switch', () => {
  let ctx: TestContext;
  let threadId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    const admin = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    threadId = (await startThread(admin.agent, 'kajak', { title: 'Paddlar till uthyrning', body: 'Vem har paddlar?' })).id;
  });
  afterAll(() => ctx.close());

  /** A guest's page in a language; the switch sends the cookie the browser would keep. */
  const page = (path: string, { cookie, language = 'sv' }: { cookie?: string; language?: string } = {}) => {
    const request = guest(ctx).get(path).set('accept', HTML).set('accept-language', language);
    return cookie === undefined ? request : request.set('cookie', `locale=${cookie}`);
  };

  it('is in the footer of every page: three languages, each named in itself, the current one marked', async () => {
    for (const path of ['/', '/login', '/register', '/n/kajak', `/t/${threadId}`, '/no-such-page']) {
      const { text } = await page(path, { language: 'da' });
      const footer = text.slice(text.indexOf('<footer'));
      expect(footer, path).toContain('<form method="post" action="/language"');
      expect(footer).toContain(`<input type="hidden" name="next" value="${path}">`);
      expect(footer).toContain('<button type="submit" name="locale" value="sv" lang="sv">Svenska</button>');
      expect(footer).toContain('<button type="submit" name="locale" value="da" lang="da" aria-current="true">Dansk</button>');
      expect(footer).toContain('<button type="submit" name="locale" value="en" lang="en">English</button>');
    }
  });

  it('takes a guest back to the page, in the language picked, and keeps it for a year in a cookie', async () => {
    const browser = guest(ctx);
    const answer = await browser.post('/language').set('accept', HTML).set('origin', ORIGIN).type('form').send({ locale: 'da', next: '/login?next=/n/kajak' });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/login?next=/n/kajak');
    const cookie = setCookie(answer, 'locale');
    expect(cookie?.value).toBe('da');
    expect(cookie?.attributes['max-age']).toBe(String(365 * 24 * 3600));
    expect(cookie?.attributes.samesite).toBe('Lax');
    expect(cookie?.attributes.path).toBe('/');

    // The browser asks for Swedish; the choice wins, and <html lang> and the strings agree.
    const after = await browser.get('/login').set('accept', HTML).set('accept-language', 'sv');
    expect(after.text).toContain('<html lang="da">');
    expect(after.text).toContain('<h1>Log ind</h1>');
    expect(after.text).not.toContain('Logga in');
  });

  it('answers scripts with the locale, and goes back to the page it came from when no next is given', async () => {
    const json = await guest(ctx).post('/language').set('accept', JSON_ACCEPT).send({ locale: 'en' });
    expect(json.status).toBe(200);
    expect(json.body).toEqual({ locale: 'en' });
    expect(setCookie(json, 'locale')?.value).toBe('en');

    const fromReferer = await guest(ctx).post('/language').set('accept', HTML).set('referer', `${ORIGIN}/n/kajak?page=2`).type('form').send({ locale: 'sv' });
    expect(fromReferer.status).toBe(303);
    expect(fromReferer.headers.location).toBe('/n/kajak?page=2');
  });

  it('never sends anyone to another site', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const answer = await guest(ctx).post('/language').set('accept', HTML).type('form').send({ locale: 'sv', next });
      expect(answer.status, next).toBe(303);
      expect(answer.headers.location).toBe('/');
    }
  });

  it('refuses a language it does not have, naming the field, and changes nothing', async () => {
    const json = await guest(ctx).post('/language').set('accept', JSON_ACCEPT).send({ locale: 'fr' });
    expect(json.status).toBe(400);
    expect(Object.keys(json.body.fields)).toEqual(['locale']);
    expect(setCookie(json, 'locale')).toBeUndefined();
    // A browser sees a page with the switch on it again.
    const html = await guest(ctx).post('/language').set('accept', HTML).set('accept-language', 'en').type('form').send({ locale: 'fr' });
    expect(html.status).toBe(400);
    expect(html.text).toContain('<html lang="en">');
    expect(html.text).toContain('action="/language"');
    expect(setCookie(html, 'locale')).toBeUndefined();
  });

  it('ignores a cookie naming a language it does not have', async () => {
    const { text } = await page('/login', { cookie: 'fr', language: 'en' });
    expect(text).toContain('<html lang="en">');
  });

  it("keeps a member's choice in the account, over the cookie and the browser, and shows it on /me", async () => {
    const member = await signUp(ctx);
    const answer = await member.agent.post('/language').set('accept', HTML).set('origin', ORIGIN).type('form').send({ locale: 'da', next: '/me' });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/me');
    const row = await ctx.db.selectFrom('accounts').select('locale').where('username', '=', member.username).executeTakeFirstOrThrow();
    expect(row.locale).toBe('da');

    // Another browser of the same member, which asks for English and holds a Swedish cookie.
    const me = await member.agent.get('/me').set('accept', HTML).set('accept-language', 'en').set('cookie', 'locale=sv');
    expect(me.text).toContain('<html lang="da">');
    expect(me.text).toContain('<h1>Din konto</h1>');
    expect(me.text).toContain('<option value="da" lang="da" selected>Dansk</option>');
    expect(me.text).toContain('<label for="field-locale">Sider og e-mail på</label>');
    expect(me.text).toContain('aria-describedby="hint-locale"');
    expect((await member.agent.get('/me').set('accept', JSON_ACCEPT)).body.locale).toBe('da');

    // The select on /me posts to the same route.
    await member.agent.post('/language').set('accept', HTML).type('form').send({ locale: 'en', next: '/me' }).expect(303);
    const english = await member.agent.get('/me').set('accept', HTML).set('accept-language', 'da');
    expect(english.text).toContain('<h1>Your account</h1>');
    expect(english.text).toContain('<option value="en" lang="en" selected>English</option>');
  });

  it('never serves a guest a cached page in another language than the one asked for', async () => {
    await untilEventsSeen(ctx);
    ctx.app.pageCache.drop('everything');
    for (const path of ['/', '/n/kajak', `/t/${threadId}`]) {
      // Filled in Swedish, and served from memory after that.
      const swedish = await page(path, { language: 'sv' });
      expect(swedish.text, path).toContain('<html lang="sv">');
      expect((await page(path, { language: 'sv' })).text).toBe(swedish.text);
      // A guest who picked Danish (whatever the browser says), one whose browser asks for English.
      const danish = await page(path, { cookie: 'da', language: 'sv' });
      expect(danish.text, path).toContain('<html lang="da">');
      expect(danish.text).toContain('Netværk');
      expect(danish.text).not.toContain('Nätverk');
      const english = await page(path, { language: 'en' });
      expect(english.text, path).toContain('<html lang="en">');
      expect(english.text).not.toContain('Nätverk');
      // And the Swedish page is still Swedish.
      expect((await page(path, { cookie: 'sv', language: 'da' })).text).toContain('<html lang="sv">');
    }
  });
});

describe('dates and numbers in the reader’s language', () => {
  let ctx: TestContext;
  let member: Member;
  let threadId: number;
  let openingId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'fiske', name: 'Fiske' });
    const thread = await startThread(member.agent, 'fiske', { title: 'Laxtrappan', body: 'Öppnar i maj.' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
  });
  afterAll(() => ctx.close());

  const threadPage = (language: string) => member.agent.get(`/t/${threadId}`).set('accept', HTML).set('cookie', `locale=${language}`);
  const setLocale = (locale: 'sv' | 'da' | 'en') => ctx.db.updateTable('accounts').set({ locale }).where('username', '=', member.username).execute();

  it('shows the date beside anything older than a week, in the language and on the forum’s calendar', async () => {
    // 23:30 UTC is already the 13th in Stockholm.
    await ctx.db
      .updateTable('posts')
      .set({ created_at: new Date('2026-11-12T23:30:00Z') })
      .where('id', '=', openingId)
      .execute();
    const expected = { sv: '13 nov. 2026', da: '13. nov. 2026', en: '13 Nov 2026' } as const;
    for (const [locale, date] of Object.entries(expected) as ['sv' | 'da' | 'en', string][]) {
      await setLocale(locale);
      const { text } = await threadPage(locale);
      expect(text, locale).toContain(`<time datetime="2026-11-12T23:30:00.000Z">`);
      expect(text).toContain(`<span class="time-exact"> · ${date}</span></time>`);
      expect(text).not.toMatch(/<time[^>]* title=/);
    }
  });

  it('shows the day and time beside a time within the week, with no hover title', async () => {
    const at = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    await ctx.db.updateTable('posts').set({ created_at: at }).where('id', '=', openingId).execute();
    // Changed behind the app's back: no event drops what pages share of the thread.
    ctx.app.sharedReads.drop([`thread:${threadId}`]);
    await setLocale('en');
    const { text } = await threadPage('en');
    const exact = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(
      at,
    );
    expect(text).toContain(`<time datetime="${at.toISOString()}">3 days ago<span class="time-exact"> · ${exact}</span></time>`);
  });

  it('shows when a member joined as a date, not as "now"', async () => {
    await setLocale('da');
    await ctx.db
      .updateTable('accounts')
      .set({ created_at: new Date('2026-11-02T10:00:00Z') })
      .where('username', '=', member.username)
      .execute();
    await announceAccountChange(ctx, member.username);
    const { text } = await member.agent.get('/me').set('accept', HTML);
    expect(text).toContain('<dt>Medlem siden</dt><dd><time datetime="2026-11-02T10:00:00.000Z">2. nov. 2026</time></dd>');
  });

  it('writes the exact time as briefly as is still exact: the clock today, day and clock this week, the date after', () => {
    const zone = 'Europe/Stockholm';
    // 00:30 on 28 November in Stockholm (23:30 UTC the day before).
    const at = new Date('2026-11-27T23:30:00Z');
    expect(formatExact(at, 'en', zone, Date.parse('2026-11-28T09:00:00Z'))).toBe('00:30');
    expect(formatExact(at, 'da', zone, Date.parse('2026-11-28T09:00:00Z'))).toBe('00.30');
    // Still the 27th in Stockholm: another day.
    expect(formatExact(at, 'en', zone, Date.parse('2026-11-27T22:00:00Z'))).toBe('28 Nov, 00:30');
    expect(formatExact(at, 'sv', zone, Date.parse('2026-12-01T09:00:00Z'))).toBe('28 nov. 00:30');
    expect(formatExact(at, 'en', zone, Date.parse('2026-12-05T09:00:00Z'))).toBe('28 Nov 2026');
    expect(formatExact(at, 'da', zone, Date.parse('2026-12-05T09:00:00Z'))).toBe('28. nov. 2026');
    // On another forum's clocks it is still the 27th.
    expect(formatExact(at, 'en', 'Atlantic/Reykjavik', Date.parse('2026-12-05T09:00:00Z'))).toBe('27 Nov 2026');
  });

  it('writes numbers in messages as the language does', () => {
    expect(translator('sv')('networks.threadCount', { count: 1234 })).toMatch(/^1\s234 trådar$/);
    expect(translator('da')('networks.threadCount', { count: 1234 })).toBe('1.234 tråde');
    expect(translator('en')('networks.threadCount', { count: 1234 })).toBe('1,234 threads');
    expect(translator('en')('networks.threadCount', { count: 1 })).toBe('1 thread');
  });
});

describe('words people use', () => {
  let ctx: TestContext;
  let member: Member;
  let threadId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'mat', name: 'Mat' });
    threadId = (await startThread(member.agent, 'mat', { title: 'Råvaror', body: 'Vem säljer svamp?' })).id;
  });
  afterAll(() => ctx.close());

  const asMember = (path: string, language: string) => member.agent.get(path).set('accept', HTML).set('cookie', `locale=${language}`);

  it('offers the feeds as a subscription, in every language', async () => {
    await ctx.db.updateTable('accounts').set({ locale: null }).where('username', '=', member.username).execute();
    const expected = { en: 'Subscribe (RSS/Atom)', sv: 'Prenumerera (RSS/Atom)', da: 'Abonnér (RSS/Atom)' };
    for (const [language, words] of Object.entries(expected)) {
      for (const path of [`/t/${threadId}`, '/n/mat']) {
        const { text } = await asMember(path, language);
        expect(text, `${language} ${path}`).toContain(`.atom">${words}</a>`);
        expect(text).not.toContain('Atom feed');
      }
    }
  });

  it('explains muting where it is offered, tied to the button', async () => {
    const { text } = await asMember(`/t/${threadId}`, 'en');
    const hint = new RegExp(
      `<p class="[^"]*" id="mute-hint-${threadId}">Mute: no notifications from this thread, not even when someone replies to you or mentions you in it.</p>`,
    );
    expect(text).toMatch(hint);
    expect(text).toContain(`aria-describedby="mute-hint-${threadId}">Mute</button>`);
    const danish = await asMember(`/t/${threadId}`, 'da');
    expect(danish.text).toContain(`aria-describedby="mute-hint-${threadId}">Slå notifikationer fra</button>`);
  });

  it('shows a formatting help with examples under the forms that write a post, and no "Markdown works"', async () => {
    for (const path of ['/n/mat', `/t/${threadId}`, `/t/${threadId}/reply`]) {
      const { text, status } = await asMember(path, 'sv');
      expect(status, path).toBe(200);
      expect(text, path).toContain('<details class="format-help">');
      expect(text).toContain('<summary>Hjälp med formatering</summary>');
      expect(text).toContain('<td><code>**viktigt**</code></td><td><strong>viktigt</strong></td>');
      expect(text).toContain('<td><code>&gt; det någon skrev</code></td><td><blockquote>det någon skrev</blockquote></td>');
      expect(text).toContain('<td><code>@elin</code></td>');
      expect(text).not.toContain('Markdown fungerar');
    }
  });
});

describe('email in the reader’s language', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('keeps the language a guest picked when they register, and writes their email in it', async () => {
    const admin = await signUp(ctx);
    await forgetSignUpEmails(ctx, smtp);
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    // A Danish visitor picks Dansk in the footer, then registers.
    const dorte = guest(ctx);
    await dorte.post('/language').set('accept', HTML).type('form').send({ locale: 'da', next: '/register' }).expect(303);
    await dorte
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .set('accept-language', 'sv')
      .send({ username: 'dorte', displayName: 'Dorte', email: 'dorte@example.test', password: 'correct horse battery' })
      .expect(201);
    const account = await ctx.db.selectFrom('accounts').select('locale').where('username', '=', 'dorte').executeTakeFirstOrThrow();
    expect(account.locale).toBe('da');
    // The confirmation link comes in Danish too, and signs her in.
    await ctx.app.email.accountEmailsSent();
    const [confirmation] = await smtp.waitFor(1);
    const confirmationMail = await parseMail(confirmation!.raw);
    expect(confirmationMail.subject).toContain('bekræft din e-mailadresse');
    await dorte
      .post(/\/email\/confirm\/[a-z2-7]+/.exec(confirmationMail.text ?? '')![0])
      .set('accept', JSON_ACCEPT)
      .expect(200);
    smtp.mails.length = 0;
    // A member who picked nothing has no setting (the browser decides their pages).
    expect((await ctx.db.selectFrom('accounts').select('locale').where('username', '=', admin.username).executeTakeFirstOrThrow()).locale).toBeNull();

    await dorte.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'instant' }).expect(200);
    await dorte.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' }).expect(200);
    await startThread(admin.agent, 'kajak', { title: 'Sæsonstart' });
    await ctx.app.notifications.runWorker();
    expect(await ctx.app.email.runSender(new Date(Date.now() + 11 * 60_000))).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['dorte@example.test']);
    const parsed = await parseMail(mail!.raw);
    expect(parsed.subject).toMatch(/^\[Kajak\] .+ startede “Sæsonstart” i Kajak$/);
    expect(parsed.html).toContain('<html lang="da">');
    expect(parsed.text).toContain('Du får denne e-mail, fordi du følger eller deltager i Kajak');
    expect(parsed.text).toContain('Afmeld');
    expect(parsed.text).not.toMatch(/\b(Avsluta|Unsubscribe|startade|started)\b/);
  });
});
