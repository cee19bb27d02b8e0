// Every author name links to the person's page: beside posts (with the avatar and the business line
// "Jonas Ek · Kajakboden"), on boards, on the notifications page, in a notification email (an
// absolute address) and in the Atom feeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import type { TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { createBusiness } from '../businesses/support.js';
import { createEmailContext, parseMail, startSmtp, type ParsedMail, type SmtpListener } from '../email/support.js';

const later = (ms: number) => new Date(Date.now() + ms);

/** The first notification email to `address` (its subject names the network), waiting for more while there is none: sign-ups mail too. */
async function notificationMailTo(smtp: SmtpListener, address: string, network: string): Promise<ParsedMail> {
  for (let seen = 0; ; seen += 1) {
    if (seen === smtp.mails.length) await smtp.waitFor(seen + 1);
    const mail = smtp.mails[seen]!;
    const parsed = await parseMail(mail.raw);
    if (mail.to.includes(address) && parsed.subject.startsWith(`[${network}]`)) return parsed;
  }
}

describe('author names link to their page', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  let admin: Member;
  let jonas: Member;
  let anna: Member;
  let threadId: number;
  let openingId: number;

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url, FORUM_NAME: 'Bryggan' });
    admin = await signUp(ctx, { username: 'links_admin' });
    jonas = await signUp(ctx, { username: 'jonas_ek', displayName: 'Jonas Ek' });
    anna = await signUp(ctx, { username: 'anna_links', displayName: 'Anna', email: 'anna@example.test' });
    // Proven addresses, whatever the sign-up did: posting and mail need them.
    await ctx.db.updateTable('accounts').set({ locale: 'en', email_confirmed_at: new Date() }).execute();
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createBusiness(jonas.agent, { name: 'Kajakboden', slug: 'kajakboden' });
    await anna.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'instant' }).expect(200);
    await anna.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' }).expect(200);
    const thread = await startThread(jonas.agent, 'kajak', { title: 'Season opening' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
    await reply(anna.agent, threadId, 'Count me in');
    await reply(jonas.agent, threadId, 'Great, see you there @anna_links');
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('beside posts: the name links, with the avatar and the business the author works for', async () => {
    const page = await guest(ctx).get(`/t/${threadId}`).redirects(1).set('accept', HTML);
    expect(page.status).toBe(200);
    const header = new RegExp(`<article[^>]*id="p-${openingId}"[\\s\\S]*?</header>`).exec(page.text)![0];
    expect(header).toMatch(/<span class="avatar avatar-\d+" aria-hidden="true">JE<\/span>/);
    expect(header).toContain('<span class="post-author"><a class="person-link" href="/u/jonas_ek">Jonas Ek</a></span>');
    expect(header).toContain('<span class="post-business">· <a href="/b/kajakboden">Kajakboden</a></span>');
    // Anna works nowhere: her name has no business line.
    expect(page.text).toMatch(/<span class="post-author"><a class="person-link" href="\/u\/anna_links">Anna<\/a><\/span>\s*<span class="muted">@anna_links/);
    expect(page.text.match(/class="post-business"/g)).toHaveLength(2);
  });

  it('on the board, for who started a thread and who wrote last', async () => {
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(board.text).toContain('by <a class="person-link" href="/u/jonas_ek">Jonas Ek</a>');
    expect(board.text).toContain('latest by <a class="person-link" href="/u/jonas_ek">Jonas Ek</a>');
  });

  it('on the notifications page and in the notification email, as an absolute address', async () => {
    await ctx.app.notifications.runWorker();
    const page = await anna.agent.get('/notifications').set('accept', HTML);
    expect(page.text).toContain('<a class="person-link" href="/u/jonas_ek">Jonas Ek</a> · Kajak');

    expect(await ctx.app.email.runSender(later(11 * 60_000))).toBeGreaterThanOrEqual(1);
    const mail = await notificationMailTo(smtp, 'anna@example.test', 'Kajak');
    expect(mail.html).toContain('<a class="person-link" href="http://forum.test/u/jonas_ek">Jonas Ek</a>');
    expect(mail.text).toContain('Jonas Ek: http://forum.test/u/jonas_ek');
  });

  it('in the Atom feeds, as the author\u2019s <uri>', async () => {
    const board = await guest(ctx).get('/n/kajak/feed.atom');
    expect(board.text).toContain('<author><name>Jonas Ek</name><uri>http://forum.test/u/jonas_ek</uri></author>');
    const thread = await guest(ctx).get(`/t/${threadId}/feed.atom`);
    expect(thread.text).toContain('<author><name>Anna</name><uri>http://forum.test/u/anna_links</uri></author>');
  });
});
