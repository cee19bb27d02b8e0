// A board page is rendered once for every member who sees it as any member does (moderates nothing in
// its network, reads every title on it as any member does) and kept (core/shared-views.ts); their own
// parts (header, follow buttons, the new-thread form's key, each listed thread's read state) are theirs.
// Anyone who sees the page otherwise gets their own rendering, whoever was served first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilEventsSeen } from '../helpers/events.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { threadRowOf } from '../helpers/pages.js';

/** What the page shows inside <main>. */
function mainOf(html: string): string {
  return /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
}

/** The page without the member's own parts: the follow box, the form's key and each row's first line. */
function sharedPart(html: string): string {
  return mainOf(html)
    .replace(/<div class="follow-box">[\s\S]*?<\/div>/, '')
    .replace(/name="submission" value="[^"]+"/, '')
    .replace(/<li class="thread-row[^"]*">\s*<a class="thread-title" href="[^"]*">[^<]*<\/a>\s*(<span class="badge unread-badge">[^<]*<\/span>)?\s*/g, '<li>');
}

describe('a board page kept for every member who sees it alike', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let asker: Member;
  let readThreadId: number;
  let unreadThreadId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx);
    asker = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: convener.username } });
    // A member, as the members they are compared with: only what they wrote sets them apart.
    await asker.agent.post('/n/kajak/join').set('accept', JSON_ACCEPT).expect(200);
  });
  afterAll(() => ctx.close());

  const board = async (agent: Agent) => (await agent.get('/n/kajak').set('accept', HTML).expect(200)).text;
  const join = async (member: Member) => member.agent.post('/n/kajak/join').set('accept', JSON_ACCEPT).expect(200);

  it('serves one rendering to every such member, each with their own name, read states, follow buttons and form key', async () => {
    const first = await signUp(ctx);
    const second = await signUp(ctx);
    await join(first);
    await join(second);
    readThreadId = (await startThread(asker.agent, 'kajak', { title: 'Var hyr man kajak i Grebbestad?' })).id;
    unreadThreadId = (await startThread(asker.agent, 'kajak', { title: 'Paddla runt Väderöarna i maj' })).id;
    // The first member reads one thread to its end and stops following the board (joining followed it).
    await first.agent.get(`/t/${readThreadId}`).set('accept', HTML).expect(200);
    await first.agent.post('/n/kajak/unfollow').set('accept', JSON_ACCEPT).expect(200);
    await untilEventsSeen(ctx);

    const firstPage = await board(first.agent);
    const before = ctx.app.views.fragmentStats('board-thread');
    const secondPage = await board(second.agent);
    // Served from what was kept: no listed thread was rendered, or even looked up.
    expect(ctx.app.views.fragmentStats('board-thread')).toEqual(before);

    expect(secondPage).toContain(second.displayName);
    expect(secondPage).not.toContain(first.displayName);
    // Each member's own read state: read to its end for the first, new for the second.
    expect(threadRowOf(firstPage, readThreadId)).not.toContain('unread');
    expect(threadRowOf(secondPage, readThreadId)).toContain('unread-badge');
    expect(threadRowOf(firstPage, unreadThreadId)).toContain('unread-badge');
    expect(threadRowOf(secondPage, unreadThreadId)).toContain('unread-badge');
    // Their own follow buttons and form keys.
    expect(mainOf(secondPage)).toContain('action="/n/kajak/unfollow"');
    expect(mainOf(firstPage)).not.toContain('action="/n/kajak/unfollow"');
    const key = (html: string) => /name="submission" value="([^"]+)"/.exec(mainOf(html))?.[1];
    expect(key(secondPage)).toBeTruthy();
    expect(key(secondPage)).not.toBe(key(firstPage));
    expect(sharedPart(secondPage)).toBe(sharedPart(firstPage));
    expect(secondPage).toContain('Paddla runt Väderöarna i maj');
    // Who started each listed thread is the kept view's.
    expect(sharedPart(secondPage)).toContain(asker.displayName);
    // Sent in parts, with the length of them all.
    const again = await second.agent.get('/n/kajak').set('accept', HTML).expect(200);
    expect(Number(again.headers['content-length'])).toBe(Buffer.byteLength(again.text));
  });

  it('shows a thread read as soon as the member has read it', async () => {
    const reader = await signUp(ctx);
    await join(reader);
    const threadId = (await startThread(asker.agent, 'kajak', { title: 'Kajakpolo på torsdagar?' })).id;
    await untilEventsSeen(ctx);
    expect(threadRowOf(await board(reader.agent), threadId)).toContain('unread-badge');
    await reader.agent.get(`/t/${threadId}`).set('accept', HTML).expect(200);
    expect(threadRowOf(await board(reader.agent), threadId)).not.toContain('unread');
  });

  it('continues each member where their reading stopped, after a reply changed the board', async () => {
    const reader = await signUp(ctx);
    await join(reader);
    await reader.agent.get(`/t/${unreadThreadId}`).set('accept', HTML).expect(200);
    const replyId = (await reply(asker.agent, unreadThreadId, 'Ja, i maj är det lugnt på sjön')).id;
    await untilEventsSeen(ctx);
    const other = await signUp(ctx);
    await join(other);
    await board(other.agent);
    const readers = await board(reader.agent);
    expect(threadRowOf(readers, unreadThreadId)).toContain(`href="/p/${replyId}"`);
    expect(threadRowOf(readers, unreadThreadId)).toContain('unread-badge');
    expect(threadRowOf(await board(other.agent), unreadThreadId)).not.toContain(`/p/${replyId}`);
  });

  it('takes each member on to where their own reading stopped, in their own language, from first lines kept per reading', async () => {
    const early = await signUp(ctx);
    const late = await signUp(ctx);
    await join(early);
    await join(late);
    const threadId = (await startThread(asker.agent, 'kajak', { title: 'Tidvatten vid Koster' })).id;
    await early.agent.get(`/t/${threadId}`).set('accept', HTML).expect(200);
    const second = (await reply(asker.agent, threadId, 'Knappt märkbart.')).id;
    await late.agent.get(`/t/${threadId}`).set('accept', HTML).expect(200);
    const third = (await reply(asker.agent, threadId, 'Men strömmen i sundet!')).id;
    await untilEventsSeen(ctx);

    // Both are somewhere in the thread, each at a different post; asked twice, so the second asking is served from what was kept.
    for (let round = 0; round < 2; round += 1) {
      expect(threadRowOf(await board(early.agent), threadId)).toContain(`href="/p/${second}"`);
      expect(threadRowOf(await board(late.agent), threadId)).toContain(`href="/p/${third}"`);
    }
    const inDanish = (await early.agent.get('/n/kajak').set('accept', HTML).set('accept-language', 'da').expect(200)).text;
    expect(threadRowOf(inDanish, threadId)).toContain('>Ulæst<');
    expect(threadRowOf(await board(early.agent), threadId)).toContain('>Oläst<');
  });

  it('never serves it to whoever sees the page otherwise, nor theirs to anyone else', async () => {
    const hiddenThread = await startThread(asker.agent, 'kajak', { title: 'Säljer min gamla kajak billigt' });
    await convener.agent.post(`/p/${hiddenThread.posts[0]!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    await untilEventsSeen(ctx);
    const member = await signUp(ctx);
    await join(member);
    const plain = async () => board(member.agent);
    expect(await plain()).not.toContain('Säljer min gamla kajak billigt');
    // Its author reads their hidden thread's title, marked hidden; the convener and the admin have the board's tools.
    const askers = threadRowOf(await board(asker.agent), hiddenThread.id);
    expect(askers).toContain('Säljer min gamla kajak billigt');
    expect(askers).toContain('<span class="badge">Dold</span>');
    expect(await board(convener.agent)).toContain('href="/n/kajak/review"');
    expect(await board(admin.agent)).toContain('href="/n/kajak/review"');
    const seen = await plain();
    expect(seen).not.toContain('Säljer min gamla kajak billigt');
    expect(seen).not.toContain('href="/n/kajak/review"');
    // And the other way round: a plain member first, then the author.
    await reply(asker.agent, hiddenThread.id, 'Fortfarande till salu');
    await untilEventsSeen(ctx);
    expect(await plain()).not.toContain('Säljer min gamla kajak billigt');
    expect(threadRowOf(await board(asker.agent), hiddenThread.id)).toContain('<span class="badge">Dold</span>');
  });

  it('shows members Leave and non-members Join, each from a view of their own kind', async () => {
    const member = await signUp(ctx);
    const outsider = await signUp(ctx);
    await join(member);
    await untilEventsSeen(ctx);
    for (let round = 0; round < 2; round += 1) {
      const members = await board(member.agent);
      const outsiders = await board(outsider.agent);
      expect(members).toContain('action="/n/kajak/leave"');
      expect(members).not.toContain('action="/n/kajak/join"');
      expect(outsiders).toContain('action="/n/kajak/join"');
      expect(outsiders).not.toContain('action="/n/kajak/leave"');
    }
  });

  it('shows a new thread at once', async () => {
    const member = await signUp(ctx);
    await join(member);
    expect(await board(member.agent)).not.toContain('Vart paddlar vi i juni?');
    await startThread(asker.agent, 'kajak', { title: 'Vart paddlar vi i juni?' });
    expect(await board(member.agent)).toContain('Vart paddlar vi i juni?');
    await untilEventsSeen(ctx);
    expect(await board(member.agent)).toContain('Vart paddlar vi i juni?');
  });
});
