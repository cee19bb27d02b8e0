// A notification keeps the network it was written in, but what its reader may see of it follows the
// thread: once a thread moves, the old network's convener no longer reads its hidden posts or hidden
// title in notifications and emails, and the new network's convener does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import type { TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { createEmailContext, forgetSignUpEmails, parseMail, startSmtp, type SmtpListener } from '../email/support.js';

const TITLE_MARKER = 'TitleMarker7v3p';
const POST_MARKER = 'PostMarker2j6d';
const SLUG = `sofas-${TITLE_MARKER.toLowerCase()}`;

const later = (ms: number) => new Date(Date.now() + ms);

interface Group {
  kind: string;
  text: string;
  network: { slug: string; name: string };
  thread: { id: number; title: string | null; slug: string };
  post: { id: number; excerpt: string | null } | null;
}

describe('notifications about a thread that moved', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  let oldConvener: Member;
  let newConvener: Member;
  let threadId: number;
  let hiddenReplyId: number;

  async function notifications(member: Member): Promise<{ unread: number; notifications: Group[] }> {
    const response = await member.agent.get('/notifications').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url });
    const admin = await signUp(ctx);
    oldConvener = await signUp(ctx, { username: 'moved_old', email: 'old@example.test' });
    newConvener = await signUp(ctx, { username: 'moved_new', email: 'new@example.test' });
    const author = await signUp(ctx, { username: 'moved_author' });
    const replier = await signUp(ctx, { username: 'moved_replier', displayName: 'Rita' });
    await forgetSignUpEmails(ctx, smtp);
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: 'moved_old' }).expect(200);
    await admin.agent.post('/n/fiske/conveners').set('accept', JSON_ACCEPT).send({ username: 'moved_new' }).expect(200);
    // Appointed, they are members following their boards; this is about what mentions show, so they stop following.
    await oldConvener.agent.post('/n/kajak/unfollow').set('accept', JSON_ACCEPT).expect(200);
    await newConvener.agent.post('/n/fiske/unfollow').set('accept', JSON_ACCEPT).expect(200);
    await ctx.db.updateTable('accounts').set({ locale: 'en' }).execute();
    for (const convener of [oldConvener, newConvener]) {
      await convener.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'instant' }).expect(200);
    }

    // Both conveners are mentioned twice in the kajak thread, while nothing in it is hidden.
    const thread = await startThread(author.agent, 'kajak', { title: `Sofas ${TITLE_MARKER}`, body: 'Who sells sofas?' });
    threadId = thread.id;
    await reply(replier.agent, threadId, '@moved_old @moved_new A plain answer');
    hiddenReplyId = (await reply(replier.agent, threadId, `@moved_old @moved_new Cheap sofas ${POST_MARKER}`)).id;
    await ctx.app.notifications.runWorker();

    // Kajak's convener hides the opening post (and so the title) and the second reply: they still read
    // both; Fiske's convener no longer may.
    for (const postId of [thread.posts[0]!.id, hiddenReplyId]) {
      await oldConvener.agent.post(`/p/${postId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    }
    await ctx.app.notifications.runWorker();
    const before = await notifications(oldConvener);
    expect(JSON.stringify(before)).toContain(POST_MARKER);
    expect(before.unread).toBe(2);
    expect(JSON.stringify(await notifications(newConvener))).not.toContain(TITLE_MARKER);

    // Then the thread moves to Fiske.
    await oldConvener.agent.post(`/t/${threadId}/move`).set('accept', JSON_ACCEPT).send({ network: 'fiske', note: 'About fishing sofas' }).expect(200);
    await ctx.app.notifications.runWorker();
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('no longer shows the old network\u2019s convener the hidden reply or title, page and JSON, nor counts it', async () => {
    const json = await notifications(oldConvener);
    expect(JSON.stringify(json)).not.toContain(POST_MARKER);
    expect(JSON.stringify(json).toLowerCase()).not.toContain(TITLE_MARKER.toLowerCase());
    expect(json.unread).toBe(1);
    expect(json.notifications).toHaveLength(1);
    expect(json.notifications[0]).toMatchObject({
      kind: 'mention',
      text: 'Rita mentioned you in \u201c(hidden thread)\u201d',
      network: { slug: 'fiske', name: 'Fiske' },
      thread: { id: threadId, title: null, slug: '' },
      post: { excerpt: '@moved_old @moved_new A plain answer' },
    });
    const page = await oldConvener.agent.get('/notifications').set('accept', HTML);
    expect(page.text).not.toContain(POST_MARKER);
    expect(page.text.toLowerCase()).not.toContain(TITLE_MARKER.toLowerCase());
    expect(page.text).toContain('A plain answer');
  });

  it('shows the new network\u2019s convener the hidden reply and the title, page and JSON', async () => {
    const json = await notifications(newConvener);
    expect(json.unread).toBe(2);
    const hidden = json.notifications.find((group) => group.post?.id === hiddenReplyId);
    expect(hidden).toMatchObject({
      kind: 'mention',
      text: `Rita mentioned you in \u201cSofas ${TITLE_MARKER}\u201d`,
      network: { slug: 'fiske', name: 'Fiske' },
      thread: { id: threadId, title: `Sofas ${TITLE_MARKER}`, slug: SLUG },
    });
    expect(hidden!.post!.excerpt).toContain(POST_MARKER);
    const page = await newConvener.agent.get('/notifications').set('accept', HTML);
    expect(page.text).toContain(POST_MARKER);
    expect(page.text).toContain(`<em>Sofas ${TITLE_MARKER}</em>`);
  });

  it('mails the old network\u2019s convener neither, and the new network\u2019s convener both', async () => {
    expect(await ctx.app.email.runSender(later(11 * 60_000))).toBeGreaterThanOrEqual(2);
    await smtp.waitFor(2);
    const mailTo = (address: string) => parseMail(smtp.mails.find((m) => m.to.includes(address))!.raw);

    const toOld = await mailTo('old@example.test');
    for (const part of [toOld.subject, toOld.text!, toOld.html!]) {
      expect(part).not.toContain(POST_MARKER);
      expect(part.toLowerCase()).not.toContain(TITLE_MARKER.toLowerCase());
    }
    expect(toOld.text).toContain('Rita mentioned you in \u201c(hidden thread)\u201d');
    expect(toOld.text).toMatch(new RegExp(`http://forum\\.test/t/${threadId}\\s`));

    const toNew = await mailTo('new@example.test');
    expect(toNew.text).toContain(POST_MARKER);
    expect(toNew.text).toContain(`Rita mentioned you in \u201cSofas ${TITLE_MARKER}\u201d`);
    expect(toNew.text).toContain(`http://forum.test/t/${threadId}/${SLUG}`);
    expect(toNew.html).toContain(POST_MARKER);
  });
});
