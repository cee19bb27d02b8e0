// After every action a browser's next page says what happened: beside the post acted on, or at the
// top of the page with the focus on it; the page after that no longer does. Scripts get the same JSON
// as before, and no notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, setCookie, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

/** The notices a page shows, each with the id of the post it sits in (null: at the top of the page). */
function notices(html: string): Array<{ text: string; post: number | null }> {
  const found: Array<{ text: string; post: number | null }> = [];
  for (const match of html.matchAll(/<p class="notice-flash"[^>]*>([^<]*)<\/p>/g)) {
    const before = html.slice(0, match.index);
    const opened = before.lastIndexOf('<article class="post');
    const closed = before.lastIndexOf('</article>');
    const post = opened > closed ? Number(/id="p-(\d+)"/.exec(before.slice(opened))![1]) : null;
    found.push({ text: match[1]!, post });
  }
  return found;
}

const page = (agent: Agent, path: string) => agent.get(path).set('accept', HTML).set('accept-language', 'en');
const form = (agent: Agent, path: string, body: object = {}) => agent.post(path).set('accept', HTML).set('accept-language', 'en').type('form').send(body);

describe('notices after actions', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let elin: Member;
  let threadId: number;
  let openingId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx, { username: 'noticeconvener', displayName: 'Kajsa Convener' });
    elin = await signUp(ctx, { username: 'elin', displayName: 'Elin' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: 'noticeconvener' } });
    const thread = await startThread(elin.agent, 'kajak', { title: 'Where to launch?' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
  });
  afterAll(() => ctx.close());

  it('after a reply: lands on #p-N with the notice inside that post, focused; the next page has none', async () => {
    const member = await signUp(ctx);
    const sent = await form(member.agent, `/t/${threadId}/replies`, { body: 'From the north beach', parentId: openingId });
    expect(sent.status).toBe(303);
    const postId = Number(/#p-(\d+)$/.exec(sent.headers.location!)![1]);
    const shown = await page(member.agent, sent.headers.location!.split('#')[0]!);
    expect(notices(shown.text)).toEqual([{ text: 'Your reply is posted.', post: postId }]);
    expect(shown.text).toMatch(/<p class="notice-flash" role="status" tabindex="-1" autofocus data-flash-notice>Your reply is posted\.<\/p>/);
    expect(shown.headers['set-cookie']?.toString()).toMatch(/^flash=;/);
    const again = await page(member.agent, `/t/${threadId}`);
    expect(notices(again.text)).toEqual([]);
    // Others reading the thread at the same time never see it.
    expect(notices((await page(elin.agent, `/t/${threadId}`)).text)).toEqual([]);
  });

  it('after starting a thread and editing a post: the notice sits at that post', async () => {
    const started = await form(elin.agent, '/n/kajak/threads', { title: 'Rentals this summer', body: 'Who rents out kayaks?' });
    expect(started.status).toBe(303);
    const id = Number(/^\/t\/(\d+)$/.exec(started.headers.location!)![1]);
    const opening = await ctx.db.selectFrom('posts').select('id').where('thread_id', '=', id).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    expect(notices((await page(elin.agent, started.headers.location!)).text)).toEqual([{ text: 'Your thread is posted.', post: opening.id }]);

    const edited = await form(elin.agent, `/p/${opening.id}/edit`, { title: 'Rentals this summer', body: 'Who rents out kayaks in June?' });
    expect(edited.status).toBe(303);
    // /p/:id sends the browser on to the post's place; the notice waits for the page that shows it.
    const permalink = await elin.agent.get(edited.headers.location!).set('accept', HTML);
    expect(permalink.status).toBe(302);
    expect(notices((await page(elin.agent, permalink.headers.location!.split('#')[0]!)).text)).toEqual([{ text: 'Your changes are saved.', post: opening.id }]);
    expect(notices((await page(elin.agent, `/t/${id}`)).text)).toEqual([]);
  });

  it('after flagging, hiding and unhiding: at the post acted on, not at the top', async () => {
    const post = await reply(elin.agent, threadId, 'Buy my boat!');
    const flagger = await signUp(ctx);
    const flagged = await form(flagger.agent, `/p/${post.id}/flag`, { reason: 'spam' });
    expect(flagged.status).toBe(303);
    expect(JSON.parse(setCookie(flagged, 'flash')!.value)).toEqual({ key: 'moderation.flag.thanks', post: post.id });
    const shown = await page(flagger.agent, `/t/${threadId}`);
    expect(notices(shown.text)).toEqual([{ text: expect.stringContaining('Thank you for flagging.') as string, post: post.id }]);

    await form(convener.agent, `/p/${post.id}/hide`, { reason: 'off-topic' }).expect(303);
    expect(notices((await page(convener.agent, `/t/${threadId}`)).text)).toEqual([{ text: 'The post is hidden. The moderation log says why.', post: post.id }]);
    await form(convener.agent, `/p/${post.id}/unhide`).expect(303);
    expect(notices((await page(convener.agent, `/t/${threadId}`)).text)).toEqual([{ text: 'The post is shown again.', post: post.id }]);
    expect(notices((await page(convener.agent, `/t/${threadId}`)).text)).toEqual([]);
  });

  it('after following a board, watching or locking a thread: at the top of the page, in the reader’s language', async () => {
    const member = await signUp(ctx);
    await form(member.agent, '/n/kajak/follow', { level: 'posts' }).expect(303);
    expect(notices((await page(member.agent, '/n/kajak')).text)).toEqual([{ text: 'You follow Kajak: you will be told about every post.', post: null }]);
    await form(member.agent, '/n/kajak/unfollow').expect(303);
    const sv = await member.agent.get('/n/kajak').set('accept', HTML).set('accept-language', 'sv');
    expect(notices(sv.text)).toEqual([{ text: 'Du följer inte längre Kajak.', post: null }]);

    await form(member.agent, `/t/${threadId}/mute`).expect(303);
    expect(notices((await page(member.agent, `/t/${threadId}`)).text)).toEqual([
      { text: 'This thread is muted: you will not be told about it, not even when someone answers you.', post: null },
    ]);
    await form(convener.agent, `/t/${threadId}/lock`).expect(303);
    const locked = await page(convener.agent, `/t/${threadId}`);
    expect(notices(locked.text)).toEqual([{ text: 'The thread is locked: no new replies.', post: null }]);
    // At the top of <main>, before the page's own content.
    expect(locked.text.indexOf('notice-flash')).toBeLessThan(locked.text.indexOf('<h1'));
    await form(convener.agent, `/t/${threadId}/unlock`).expect(303);

    await form(member.agent, '/notifications/read').expect(303);
    expect(notices((await page(member.agent, '/notifications')).text)).toEqual([{ text: 'Marked as read.', post: null }]);
  });

  it('after registering, saving the rules and signing out: at the top; a guest’s notice never reaches the cached page of others', async () => {
    const visitor = guest(ctx);
    const registered = await form(visitor, '/register', {
      username: 'nils',
      displayName: 'Nils',
      email: 'nils@example.test',
      password: 'correct horse battery',
    });
    expect(registered.status).toBe(303);
    expect(notices((await page(visitor, '/')).text)).toEqual([{ text: 'Welcome, Nils! Your account is ready.', post: null }]);

    await form(convener.agent, '/n/kajak/rules', { title: 'Stay on topic', body: 'Kayaking only.' }).expect(303);
    expect(notices((await page(convener.agent, '/n/kajak/rules')).text)).toEqual([{ text: 'The rules are saved.', post: null }]);

    // Fill the guests' cache first, then sign out: the signed-out page is the visitor's alone.
    expect(notices((await page(guest(ctx), '/')).text)).toEqual([]);
    await form(visitor, '/logout').expect(303);
    expect(notices((await page(visitor, '/')).text)).toEqual([{ text: 'You are signed out.', post: null }]);
    expect(notices((await page(guest(ctx), '/')).text)).toEqual([]);
    expect(notices((await page(visitor, '/')).text)).toEqual([]);
  });

  it('puts a notice about a post that is not on the page at the top, and shows nothing for a cookie it did not write', async () => {
    const flash = (value: object | string) => `flash=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`;
    const elsewhere = await page(guest(ctx), `/t/${threadId}`).set('cookie', flash({ key: 'notice.replied', post: 2_000_000 }));
    expect(notices(elsewhere.text)).toEqual([{ text: 'Your reply is posted.', post: null }]);
    for (const forged of [{ key: 'errors.server' }, { key: 'notice.nope<script>' }, 'not json', { key: 'notice.barred', values: { name: '<b>x</b>' } }]) {
      const shown = await page(guest(ctx), '/').set('cookie', flash(forged));
      expect(shown.status).toBe(200);
      expect(shown.text).not.toContain('<script>');
      expect(shown.text).not.toContain('<b>x</b>');
    }
  });

  it('answers scripts as before: the same JSON and no notice', async () => {
    const sent = await elin.agent.post(`/t/${threadId}/replies`).set('accept', JSON_ACCEPT).send({ body: 'From a script' });
    expect(sent.status).toBe(201);
    expect(Object.keys(sent.body as object).sort()).toEqual(['author', 'createdAt', 'html', 'id', 'parentId', 'threadId']);
    expect(setCookie(sent, 'flash')).toBeUndefined();
    const followed = await elin.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({});
    expect(followed.body).toEqual({ network: 'kajak', following: 'threads', followers: expect.any(Number) as number });
    expect(setCookie(followed, 'flash')).toBeUndefined();
  });
});
