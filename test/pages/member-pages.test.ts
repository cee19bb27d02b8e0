// A member's board, home and thread page are kept for them alone as they were last sent (core/member-pages.ts): asked
// for again, the page is answered from what was kept, with a new form key, until anything it shows
// changes — for anyone (an event), for them (their reading, their header), or who is asking.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guest, HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilEventsSeen, untilQuiet } from '../helpers/events.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { threadRowOf } from '../helpers/pages.js';

/** The form's one-time key on a page. */
const formKey = (html: string) => /name="submission" value="([^"]+)"/.exec(html)?.[1];

/** The page without its form key: what a kept page repeats. */
const withoutKey = (html: string) => html.replace(/name="submission" value="[^"]+"/, '');

/** The header's count of unread notifications, as the page shows it. */
const unreadShown = (html: string) => /<span class="unread-count" data-unread-count[^>]*>(\d*)<\/span>/.exec(html)?.[1];

describe('a member’s board, home and thread page, kept for them', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let asker: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx);
    asker = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: convener.username } });
    await startThread(asker.agent, 'kajak', { title: 'Var hyr man kajak i Grebbestad?' });
    await untilEventsSeen(ctx);
  });
  afterAll(() => ctx.close());

  const page = async (member: Member, path: string) => (await member.agent.get(path).set('accept', HTML).expect(200)).text;
  const member = async () => {
    const joined = await signUp(ctx);
    await joined.agent.post('/n/kajak/join').set('accept', JSON_ACCEPT).expect(200);
    await untilEventsSeen(ctx);
    return joined;
  };

  it('answers the same page from what was kept, with a new form key every time', async () => {
    const anna = await member();
    const board = await page(anna, '/n/kajak');
    const { served } = ctx.app.memberPages.stats();
    const again = [await page(anna, '/n/kajak'), await page(anna, '/n/kajak')];
    expect(ctx.app.memberPages.stats().served).toBe(served + 2);
    for (const kept of again) expect(withoutKey(kept)).toBe(withoutKey(board));
    const keys = [board, ...again].map(formKey);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(3);
    // Sent with the length of its parts.
    const sent = await anna.agent.get('/n/kajak').set('accept', HTML).expect(200);
    expect(Number(sent.headers['content-length'])).toBe(Buffer.byteLength(sent.text));
    // The home page has no form: the same bytes.
    const home = await page(anna, '/');
    expect(await page(anna, '/')).toBe(home);
    expect(ctx.app.memberPages.stats().served).toBe(served + 4);
  });

  it('never answers anyone else with it: another member, a guest, the same member in JSON or in another language', async () => {
    const anna = await member();
    const bo = await member();
    await page(anna, '/n/kajak');
    await page(anna, '/n/kajak');
    const bos = await page(bo, '/n/kajak');
    expect(bos).toContain(bo.displayName);
    expect(bos).not.toContain(anna.displayName);
    const guests = (await guest(ctx).get('/n/kajak').set('accept', HTML).expect(200)).text;
    expect(guests).not.toContain(anna.displayName);
    expect(guests).toContain('href="/login?next=/n/kajak"');
    const json = await anna.agent.get('/n/kajak').set('accept', JSON_ACCEPT).expect(200);
    expect(json.body.network.slug).toBe('kajak');
    const danish = (await anna.agent.get('/n/kajak').set('accept', HTML).set('accept-language', 'da').expect(200)).text;
    expect(danish).toContain('<html lang="da">');
    expect(await page(anna, '/n/kajak')).toContain('<html lang="sv">');
  });

  it('shows at once what changed: a new thread, a thread the member read, their follow and their unread count', async () => {
    const anna = await member();
    await page(anna, '/n/kajak');
    // Another member's thread: an event drops the boards.
    const thread = await startThread(asker.agent, 'kajak', { title: 'Paddla runt Väderöarna i maj' });
    await untilEventsSeen(ctx);
    const withThread = await page(anna, '/n/kajak');
    expect(threadRowOf(withThread, thread.id)).toContain('unread-badge');
    expect(await page(anna, '/')).toContain('Paddla runt Väderöarna i maj');
    // The member reads it here: their read states go, with no event.
    await anna.agent.get(`/t/${thread.id}`).set('accept', HTML).expect(200);
    expect(threadRowOf(await page(anna, '/n/kajak'), thread.id)).not.toContain('unread');
    // They stop following the board (joining followed it).
    expect(await page(anna, '/n/kajak')).toContain('action="/n/kajak/unfollow"');
    await anna.agent.post('/n/kajak/unfollow').set('accept', JSON_ACCEPT).expect(200);
    await untilEventsSeen(ctx);
    expect(await page(anna, '/n/kajak')).not.toContain('action="/n/kajak/unfollow"');
    // A reply to their thread tells them: the header's count is theirs on the page they had kept.
    const own = await startThread(anna.agent, 'kajak', { title: 'Var sjösätter man i Fjällbacka?' });
    await untilQuiet(ctx);
    const unread = Number(unreadShown(await page(anna, '/n/kajak')));
    expect(Number(unreadShown(await page(anna, '/n/kajak')))).toBe(unread);
    await reply(asker.agent, own.id, 'Vid gästhamnen, på norra sidan.');
    await untilQuiet(ctx);
    expect(Number(unreadShown(await page(anna, '/n/kajak')))).toBe(unread + 1);
    expect(Number(unreadShown(await page(anna, '/')))).toBe(unread + 1);
    // Reading them changes nothing anyone else sees (no page is dropped): only their header.
    await anna.agent.post('/notifications/read').set('accept', JSON_ACCEPT).send({}).expect(200);
    await untilEventsSeen(ctx);
    expect(unreadShown(await page(anna, '/n/kajak'))).toBe('0');
    expect(unreadShown(await page(anna, '/'))).toBe('0');
  });

  it('keeps a member’s thread page until the thread, their watch or their reading changes, and only when it is any member’s', async () => {
    const anna = await member();
    const thread = await startThread(asker.agent, 'kajak', { title: 'Hyr man kajak i Hamburgsund?' });
    // The worker's events (the author now watches the thread) would drop a page kept meanwhile.
    await untilQuiet(ctx);
    const path = `/t/${thread.id}`;
    const first = await page(anna, path);
    const { served } = ctx.app.memberPages.stats();
    const again = await page(anna, path);
    expect(ctx.app.memberPages.stats().served).toBe(served + 1);
    expect(withoutKey(again)).toBe(withoutKey(first));
    expect(formKey(again)).not.toBe(formKey(first));
    // Another member's reply: its event drops the page, and the page that shows it marks it read.
    await reply(asker.agent, thread.id, 'Vid campingen, hela sommaren.');
    await untilEventsSeen(ctx);
    expect(threadRowOf(await page(anna, '/n/kajak'), thread.id)).toContain('unread-badge');
    expect(await page(anna, path)).toContain('Vid campingen, hela sommaren.');
    const row = threadRowOf(await page(anna, '/n/kajak'), thread.id);
    expect(row).toContain('Hyr man kajak i Hamburgsund?');
    expect(row).not.toContain('unread');
    // Their watch button: watches.changed names them.
    expect(await page(anna, path)).toContain(`action="/t/${thread.id}/watch"`);
    await anna.agent.post(`/t/${thread.id}/watch`).set('accept', JSON_ACCEPT).expect(200);
    await untilEventsSeen(ctx);
    expect(await page(anna, path)).toContain(`action="/t/${thread.id}/unwatch"`);
    // Nobody else is answered with it: another member, a guest, JSON.
    const bo = await member();
    expect(await page(bo, path)).toContain(`action="/t/${thread.id}/watch"`);
    expect((await guest(ctx).get(path).set('accept', HTML).expect(200)).text).not.toContain(anna.displayName);
    expect((await anna.agent.get(path).set('accept', JSON_ACCEPT).expect(200)).body.id).toBe(thread.id);
    // The author sees their own post's tools: rendered for them every time, never kept.
    const { kept } = ctx.app.memberPages.stats();
    await page(asker, path);
    await page(asker, path);
    expect(ctx.app.memberPages.stats().kept).toBe(kept);
  });

  it('is passed by while a write answered here has events this instance has not seen', async () => {
    const anna = await member();
    const thread = await startThread(asker.agent, 'kajak', { title: 'Kajakpolo på torsdagar?' });
    await untilEventsSeen(ctx);
    await page(anna, '/n/kajak');
    expect(await page(anna, '/n/kajak')).toContain('Kajakpolo på torsdagar?');
    // A change whose event has not arrived yet (written here without one, so no event can drop the page).
    await ctx.db.updateTable('threads').set({ title: 'Kajakpolo på fredagar?' }).where('id', '=', thread.id).execute();
    const behind = vi.spyOn(ctx.app.writeWatermark, 'behind').mockReturnValue(true);
    try {
      const served = ctx.app.memberPages.stats().served;
      expect(await page(anna, '/n/kajak')).toContain('Kajakpolo på fredagar?');
      expect(ctx.app.memberPages.stats().served).toBe(served);
    } finally {
      behind.mockRestore();
    }
  });

  it('keeps nothing for a page with a notice, or for a moderator’s board', async () => {
    const anna = await member();
    await page(anna, '/n/kajak');
    // A notice is shown once, on the next page, never from what was kept.
    const flagged = await startThread(asker.agent, 'kajak', { title: 'Säljer min gamla kajak billigt' });
    await untilEventsSeen(ctx);
    await page(anna, '/n/kajak');
    await anna.agent.post(`/p/${flagged.posts[0]!.id}/flag`).type('form').send({ reason: 'spam' }).expect(303);
    const { served, kept } = ctx.app.memberPages.stats();
    const withNotice = await page(anna, '/n/kajak');
    expect(withNotice).toContain('role="status"');
    expect(ctx.app.memberPages.stats()).toMatchObject({ served, kept });
    expect(await page(anna, '/n/kajak')).not.toContain('role="status"');
    // A convener's board has the tools and the review count, rendered for them every time.
    const { kept: keptBefore } = ctx.app.memberPages.stats();
    expect(await page(convener, '/n/kajak')).toContain('href="/n/kajak/review"');
    expect(await page(convener, '/n/kajak')).toContain('href="/n/kajak/review"');
    expect(ctx.app.memberPages.stats().kept).toBe(keptBefore);
  });
});
