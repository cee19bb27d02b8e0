// A person's page /u/:username and the member's profile form /me/profile: what the member chose to
// show (and only that), their businesses and networks, their latest posts through the one visibility
// rule, the form's validation, and a deleted account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';
import { createBusiness } from '../businesses/support.js';

describe('a person\u2019s page', () => {
  let ctx: TestContext;
  let admin: Member;
  let jonas: Member;
  let convener: Member;
  let reader: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'people_admin' });
    jonas = await signUp(ctx, { username: 'jonas_ek', displayName: 'Jonas Ek', email: 'jonas@example.test' });
    convener = await signUp(ctx, { username: 'kajak_convener', displayName: 'Karin Convener' });
    reader = await signUp(ctx, { username: 'plain_reader' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: convener.username }, fiske: { name: 'Fiske', convener: jonas.username } });
    await jonas.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    await createBusiness(jonas.agent, { name: 'Kajakboden', slug: 'kajakboden', role: 'owner' });
  });
  afterAll(() => ctx.close());

  it('shows name, avatar, businesses with the role, networks and "member since", and no phone or email unless chosen', async () => {
    await jonas.agent
      .post('/me/profile')
      .set('accept', JSON_ACCEPT)
      .send({ presentation: 'We rent **kayaks**.\n\n<script>alert(1)</script>', website: 'https://kajakboden.example', phone: '+46 70 123 45 67' })
      .expect(200);

    const page = await guest(ctx).get('/u/jonas_ek').set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Jonas Ek</h1>');
    expect(page.text).toMatch(/<span class="avatar avatar-\d+ avatar-large" aria-hidden="true">JE<\/span>/);
    expect(page.text).toContain('<a href="/b/kajakboden">Kajakboden</a> · owner');
    expect(page.text).toContain('<strong>kayaks</strong>');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('<a href="https://kajakboden.example" rel="nofollow ugc noopener">');
    expect(page.text).toContain('<a href="/n/fiske">Fiske</a>');
    expect(page.text).toContain('<a href="/n/kajak">Kajak</a>');
    expect(page.text).toContain('Member since');
    expect(page.text).not.toContain('tel:');
    expect(page.text).not.toContain('mailto:');

    const json = await guest(ctx).get('/u/jonas_ek').set('accept', JSON_ACCEPT);
    expect(json.body).toEqual({
      username: 'jonas_ek',
      displayName: 'Jonas Ek',
      avatar: { initials: 'JE', colour: expect.stringMatching(/^#[0-9a-f]{6}$/) },
      memberSince: expect.any(String),
      presentation: 'We rent **kayaks**.\n\n<script>alert(1)</script>',
      presentationHtml: expect.stringContaining('<strong>kayaks</strong>'),
      website: 'https://kajakboden.example',
      businesses: [{ slug: 'kajakboden', name: 'Kajakboden', role: 'owner' }],
      // Following a board is not joining it; whoever convenes a network is its member, following its board.
      memberOf: [{ slug: 'fiske', name: 'Fiske' }],
      follows: [
        { slug: 'fiske', name: 'Fiske' },
        { slug: 'kajak', name: 'Kajak' },
      ],
      convenes: [{ slug: 'fiske', name: 'Fiske' }],
      threads: [],
      replies: [],
      // Over the last 12 months: answers marked and thanks received (counts only).
      recognition: { answers: 0, thanks: 0 },
    });
    expect(json.body).not.toHaveProperty('phone');
    expect(json.body).not.toHaveProperty('email');
  });

  it('shows phone and email as links once the member chooses to', async () => {
    await jonas.agent
      .post('/me/profile')
      .set('accept', HTML)
      .type('form')
      .send({ presentation: 'Kayaks.', phone: '+46 70 123 45 67', showPhone: 'true', showEmail: 'true' })
      .expect(303);
    const page = await guest(ctx).get('/u/jonas_ek').set('accept', HTML);
    expect(page.text).toContain('<a href="tel:+46 70 123 45 67">+46 70 123 45 67</a>');
    expect(page.text).toContain('<a href="mailto:jonas@example.test">jonas@example.test</a>');
    const json = await guest(ctx).get('/u/jonas_ek').set('accept', JSON_ACCEPT);
    expect(json.body).toMatchObject({ phone: '+46 70 123 45 67', email: 'jonas@example.test', website: null });
    // The form shows what was saved, boxes ticked.
    const form = await jonas.agent.get('/me/profile').set('accept', HTML);
    expect(form.text).toMatch(/name="showPhone" value="true" checked/);
    expect(form.text).toMatch(/name="showEmail" value="true" checked/);
    expect(form.text).toContain('value="+46 70 123 45 67"');
    expect(await ctx.db.selectFrom('profiles').select(['phone', 'show_phone', 'show_email', 'website']).execute()).toEqual([
      { phone: '+46 70 123 45 67', show_phone: true, show_email: true, website: null },
    ]);
  });

  it('refuses a bad website, phone or an overlong presentation: 400 naming the field, the form again with the error', async () => {
    for (const [body, field] of [
      [{ website: 'javascript:alert(1)' }, 'website'],
      [{ website: 'HTTPS://shouting.example' }, 'website'],
      [{ phone: 'call me' }, 'phone'],
      [{ presentation: 'x'.repeat(1001) }, 'presentation'],
    ] as const) {
      const json = await jonas.agent.post('/me/profile').set('accept', JSON_ACCEPT).send(body);
      expect(json.status, field).toBe(400);
      expect(Object.keys(json.body.fields ?? json.body.errors ?? {}), JSON.stringify(json.body)).toContain(field);
    }
    const page = await jonas.agent.post('/me/profile').set('accept', HTML).set('accept-language', 'en').type('form').send({ website: 'ftp://files.example' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('id="error-website"');
    expect(page.text).toContain('Give an address starting with https:// or http://');
    expect(page.text).toContain('value="ftp://files.example"');
    // Nothing was saved by the refused forms.
    expect((await ctx.db.selectFrom('profiles').select('website').executeTakeFirstOrThrow()).website).toBeNull();
    expect((await guest(ctx).post('/me/profile').set('accept', JSON_ACCEPT).send({})).status).toBe(401);
  });

  it('lists the latest threads and replies, a hidden one only to those who may read it', async () => {
    const kept = await startThread(jonas.agent, 'kajak', { title: 'Paddling at dawn' });
    const hiddenThread = await startThread(jonas.agent, 'kajak', { title: 'Cheap paddles SPAM' });
    const other = await startThread(reader.agent, 'kajak', { title: 'Who rents kayaks' });
    const visibleReply = await reply(jonas.agent, other.id, 'We do, at the harbour');
    const hiddenReply = await reply(jonas.agent, other.id, 'Buy my paddles');
    await convener.agent.post(`/p/${hiddenThread.posts[0]!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    await convener.agent.post(`/p/${hiddenReply.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);

    const listed = async (agent: ReturnType<typeof guest>) => {
      const body = (await agent.get('/u/jonas_ek').set('accept', JSON_ACCEPT)).body as {
        threads: Array<{ id: number; thread: { title: string } }>;
        replies: Array<{ id: number; thread: { title: string } }>;
      };
      return { threads: body.threads.map((post) => post.thread.title), replies: body.replies.map((post) => post.id) };
    };
    for (const viewer of [guest(ctx), reader.agent]) {
      expect(await listed(viewer)).toEqual({ threads: ['Paddling at dawn'], replies: [visibleReply.id] });
    }
    for (const viewer of [jonas.agent, convener.agent, admin.agent]) {
      expect(await listed(viewer)).toEqual({ threads: ['Cheap paddles SPAM', 'Paddling at dawn'], replies: [hiddenReply.id, visibleReply.id] });
    }
    const page = await guest(ctx).get('/u/jonas_ek').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain(`<a class="thread-title" href="/p/${kept.posts[0]!.id}">Paddling at dawn</a>`);
    expect(page.text).toContain('Reply in Who rents kayaks');
    expect(page.text).not.toContain('Cheap paddles');
    expect(page.text).not.toContain('Buy my paddles');
  });

  it('offers the member a link to edit, and admins their tools with the reset link when the forum sends no email', async () => {
    const own = await jonas.agent.get('/u/jonas_ek').set('accept', HTML);
    expect(own.text).toContain('href="/me/profile"');
    expect(own.text).not.toContain('/reset-link');
    const asAdmin = await admin.agent.get('/u/jonas_ek').set('accept', HTML);
    expect(asAdmin.text).toContain('action="/u/jonas_ek/reset-link"');
    expect(asAdmin.text).not.toContain('href="/me/profile"');
    expect((await convener.agent.get('/u/jonas_ek').set('accept', HTML)).text).not.toContain('/reset-link');
    expect((await guest(ctx).get('/u/jonas_ek').set('accept', HTML)).text).not.toContain('/reset-link');
  });

  it('answers 404 for a deleted account, whose posts say "a former member" with no link', async () => {
    const gone = await signUp(ctx, { username: 'gone_member', displayName: 'Gone Member' });
    const thread = await startThread(gone.agent, 'kajak', { title: 'Left behind' });
    await ctx.db.updateTable('accounts').set({ deleted_at: new Date(), email: null, display_name: '—' }).where('username', '=', 'gone_member').execute();
    expect((await guest(ctx).get('/u/gone_member').set('accept', HTML)).status).toBe(404);
    expect((await guest(ctx).get('/u/gone_member').set('accept', JSON_ACCEPT)).status).toBe(404);
    const page = await guest(ctx).get(`/t/${thread.id}`).redirects(1).set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<span class="person-former">a former member</span>');
    expect(page.text).toContain('<span class="avatar avatar-former" aria-hidden="true"></span>');
    expect(page.text).not.toContain('/u/gone_member');
    expect(page.text).not.toContain('@gone_member');
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(board.text).toContain('by <span class="person-former">a former member</span>');
    expect(board.text).not.toContain('/u/gone_member');
    const json = await guest(ctx).get(`/t/${thread.id}`).redirects(1).set('accept', JSON_ACCEPT);
    expect(json.body.posts[0].author).toEqual({ username: '', displayName: '' });
  });
});
