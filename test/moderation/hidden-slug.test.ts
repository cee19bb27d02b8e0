// A thread's slug is made from its title, so it is the title too: when the opening post is hidden,
// whoever may not read the title gets `/t/:id` and an empty slug, on every path that names the thread
// — the Atom feeds, the redirects after watch/unwatch/mute, the reply form's JSON, /following,
// /notifications and the notification emails. Those who may read the title keep its slug.
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Agent, type Member } from '../helpers/agents.js';
import type { TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { createEmailContext, forgetSignUpEmails, parseMail, startSmtp, type SmtpListener } from '../email/support.js';

// Upper and lower case: the slug is made from the title, lower-cased.
const MARKER = 'SlugMarker4k8w';
const marker = MARKER.toLowerCase();
const SLUG = `cheap-sofas-${marker}`;

const later = (ms: number) => new Date(Date.now() + ms);

/** Every address an Atom document names: its links' href and its ids. */
function atomAddresses(xml: string): string[] {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const links = Array.from(document.getElementsByTagName('link')).map((link) => link.getAttribute('href') ?? '');
  const ids = Array.from(document.getElementsByTagName('id')).map((id) => id.textContent ?? '');
  return [...links, ...ids];
}

describe('a hidden opening post hides the thread\u2019s slug too', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  let convener: Member;
  let author: Member;
  let member: Member;
  let replier: Member;
  let threadId: number;
  let ordinaryId: number;

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url });
    const admin = await signUp(ctx);
    convener = await signUp(ctx, { username: 'slug_convener' });
    author = await signUp(ctx, { username: 'slug_author', email: 'author@example.test' });
    member = await signUp(ctx, { username: 'slug_member', email: 'member@example.test' });
    replier = await signUp(ctx, { username: 'slug_replier', displayName: 'Rita' });
    await forgetSignUpEmails(ctx, smtp);
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: 'slug_convener' }).expect(200);
    ordinaryId = (await startThread(author.agent, 'kajak', { title: 'An ordinary thread' })).id;
    const thread = await startThread(author.agent, 'kajak', { title: `Cheap sofas ${MARKER}`, body: 'Buy my sofa' });
    threadId = thread.id;
    await convener.agent.post(`/p/${thread.posts[0]!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);

    // The member follows the board and watches the thread; the author watches it as its starter. Both
    // get an email at once, and each a notification about a reply they may read.
    for (const who of [member, author]) await who.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'instant' }).expect(200);
    await member.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    await member.agent.post(`/t/${threadId}/watch`).set('accept', JSON_ACCEPT).expect(200);
    await reply(replier.agent, threadId, 'An ordinary reply');
    await ctx.app.notifications.runWorker();
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('leaves the slug out of the thread\u2019s Atom feed, and the thread out of the board\u2019s', async () => {
    const feed = await guest(ctx).get(`/t/${threadId}/feed.atom`);
    expect(feed.status).toBe(200);
    expect(feed.text.toLowerCase()).not.toContain(marker);
    const addresses = atomAddresses(feed.text);
    expect(addresses).toContain(`http://forum.test/t/${threadId}`);
    expect(addresses.filter((address) => address.startsWith(`http://forum.test/t/${threadId}/`))).toEqual([`http://forum.test/t/${threadId}/feed.atom`]);

    const board = await guest(ctx).get('/n/kajak/feed.atom');
    expect(board.text.toLowerCase()).not.toContain(marker);
    expect(atomAddresses(board.text)).toContain(`http://forum.test/t/${ordinaryId}/an-ordinary-thread`);

    // A thread whose title a guest may read keeps its slug.
    expect(atomAddresses((await guest(ctx).get(`/t/${ordinaryId}/feed.atom`)).text)).toContain(`http://forum.test/t/${ordinaryId}/an-ordinary-thread`);
  });

  it('sends a browser back to /t/:id after watch, unwatch and mute, and the author to the slug', async () => {
    for (const action of ['mute', 'unwatch', 'watch']) {
      const response = await member.agent.post(`/t/${threadId}/${action}`).type('form').send({});
      expect(response.status, action).toBe(303);
      expect(response.headers.location, action).toBe(`/t/${threadId}`);
    }
    for (const who of [author, convener]) {
      const response = await who.agent.post(`/t/${threadId}/watch`).type('form').send({});
      expect(response.headers.location).toBe(`/t/${threadId}/${SLUG}`);
    }
    await convener.agent.post(`/t/${threadId}/unwatch`).set('accept', JSON_ACCEPT).expect(200);
  });

  it('answers the reply form\u2019s JSON with the placeholder, an empty slug, and nothing else of the thread\u2019s row', async () => {
    const form = await member.agent.get(`/t/${threadId}/reply`).set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(form.status).toBe(200);
    expect(JSON.stringify(form.body).toLowerCase()).not.toContain(marker);
    expect(form.body).toEqual({
      thread: { id: threadId, title: 'Hidden thread', slug: '', titleHidden: true, network: { slug: 'kajak', name: 'Kajak' }, locked: false },
      rules: [],
      parent: null,
    });
    const forAuthor = await author.agent.get(`/t/${threadId}/reply`).set('accept', JSON_ACCEPT);
    expect(forAuthor.body.thread).toMatchObject({ title: `Cheap sofas ${MARKER}`, slug: SLUG, titleHidden: false });
  });

  it('lists the thread on /following without its slug, page and JSON', async () => {
    const json = await member.agent.get('/following').set('accept', JSON_ACCEPT);
    expect(JSON.stringify(json.body).toLowerCase()).not.toContain(marker);
    expect(json.body.threads.find((t: { id: number }) => t.id === threadId)).toMatchObject({ title: null, slug: '' });
    expect(json.body.threads.find((t: { id: number }) => t.id === ordinaryId)).toMatchObject({ slug: 'an-ordinary-thread' });
    const page = await member.agent.get('/following').set('accept', HTML).set('accept-language', 'en');
    expect(page.text.toLowerCase()).not.toContain(marker);
    expect(page.text).toContain(`<a class="thread-title" href="/t/${threadId}">(hidden thread)</a>`);
  });

  it('names the thread on /notifications without its slug, page and JSON; the author gets it', async () => {
    const json = await member.agent.get('/notifications').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(JSON.stringify(json.body).toLowerCase()).not.toContain(marker);
    const group = json.body.notifications.find((g: { thread: { id: number } }) => g.thread.id === threadId);
    expect(group).toMatchObject({ kind: 'watched', text: 'Rita replied in \u201c(hidden thread)\u201d', thread: { id: threadId, title: null, slug: '' } });
    const page = await member.agent.get('/notifications').set('accept', HTML).set('accept-language', 'en');
    expect(page.text.toLowerCase()).not.toContain(marker);
    expect(page.text).toContain('<em>(hidden thread)</em>');

    const forAuthor = await author.agent.get('/notifications').set('accept', JSON_ACCEPT);
    expect(forAuthor.body.notifications.find((g: { thread: { id: number } }) => g.thread.id === threadId).thread).toEqual({
      id: threadId,
      title: `Cheap sofas ${MARKER}`,
      slug: SLUG,
    });
  });

  it('links /t/:id in the notification email of whoever may not read the title, and the slug for the author', async () => {
    expect(await ctx.app.email.runSender(later(11 * 60_000))).toBeGreaterThanOrEqual(2);
    await smtp.waitFor(2);
    const mailTo = (address: string) => parseMail(smtp.mails.find((m) => m.to.includes(address))!.raw);
    const toMember = await mailTo('member@example.test');
    for (const part of [toMember.subject, toMember.text!, toMember.html!]) expect(part.toLowerCase()).not.toContain(marker);
    expect(toMember.text).toMatch(new RegExp(`http://forum\\.test/t/${threadId}\\s`));
    expect(toMember.html).toContain(`href="http://forum.test/t/${threadId}"`);
    const toAuthor = await mailTo('author@example.test');
    expect(toAuthor.text).toContain(`http://forum.test/t/${threadId}/${SLUG}`);
    expect(toAuthor.html).toContain(`href="http://forum.test/t/${threadId}/${SLUG}"`);
  });

  it('leaves the slug out of every page and JSON answer a guest or member gets about the thread', async () => {
    const texts = async (agent: Agent, signedIn: boolean) => {
      const paths = ['/n/kajak', `/t/${threadId}`, '/n/kajak/log', ...(signedIn ? [`/t/${threadId}/reply`, '/following', '/notifications'] : [])];
      const answers: string[] = [];
      for (const path of paths) {
        answers.push((await agent.get(path).set('accept', HTML)).text);
        answers.push(JSON.stringify((await agent.get(path).set('accept', JSON_ACCEPT)).body));
      }
      return answers;
    };
    for (const [agent, signedIn] of [
      [guest(ctx), false],
      [member.agent, true],
      [replier.agent, true],
    ] as const) {
      for (const text of await texts(agent, signedIn)) expect(text.toLowerCase()).not.toContain(marker);
    }
  });
});
