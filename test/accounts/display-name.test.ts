// /me: changing the name shown beside one's posts (POST /me/name), under the registration's rules, and
// what the page offers besides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, startThread } from '../helpers/forum.js';

describe('/me: the display name', () => {
  let ctx: TestContext;
  let member: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    const admin = await signUp(ctx, { username: 'name_admin' });
    member = await signUp(ctx, { username: 'renamer', displayName: 'Jonas Ek, Kajakboden' });
    await createNetwork(admin.agent, { slug: 'kajak' });
  });
  afterAll(() => ctx.close());

  const storedName = async () =>
    (await ctx.db.selectFrom('accounts').select('display_name').where('username', '=', 'renamer').executeTakeFirstOrThrow()).display_name;

  it('changes the name beside the member’s posts at once, for guests too', async () => {
    const thread = await startThread(member.agent, 'kajak', { title: 'Kayaks for hire' });
    expect((await guest(ctx).get(`/t/${thread.id}`).set('accept', HTML).expect(200)).text).toContain('Jonas Ek, Kajakboden');
    const response = await member.agent.post('/me/name').set('accept', JSON_ACCEPT).send({ displayName: '  Jonas Ek  ' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ username: 'renamer', displayName: 'Jonas Ek', role: 'member', locale: null });
    expect(await storedName()).toBe('Jonas Ek');
    const page = await guest(ctx).get(`/t/${thread.id}`).set('accept', HTML).expect(200);
    expect(page.text).toContain('Jonas Ek');
    expect(page.text).not.toContain('Jonas Ek, Kajakboden');
  });

  it('refuses an empty, too long or control-character name on displayName, keeping the old one', async () => {
    const before = await storedName();
    for (const displayName of ['   ', 'x'.repeat(61), 'Jonas\u0007Ek', '\u200B\u200B']) {
      const response = await member.agent.post('/me/name').set('accept', JSON_ACCEPT).send({ displayName });
      expect(response.status, JSON.stringify(displayName)).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual(['displayName']);
    }
    expect(await storedName()).toBe(before);
  });

  it('drops characters that show nothing', async () => {
    await member.agent.post('/me/name').set('accept', JSON_ACCEPT).send({ displayName: 'Jo\u200Bnas' }).expect(200);
    expect(await storedName()).toBe('Jonas');
  });

  it('in a browser: a refused name shows /me again with the error and the name as typed', async () => {
    const response = await member.agent
      .post('/me/name')
      .set('accept', HTML)
      .type('form')
      .send({ displayName: `Jonas ${'e'.repeat(60)}` });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/name="displayName"[^>]*aria-invalid="true"/);
    expect(response.text).toContain(`value="Jonas ${'e'.repeat(60)}"`);
    expect(response.text).toContain('action="/me/password"');
    const done = await member.agent.post('/me/name').set('accept', HTML).set('accept-language', 'en').type('form').send({ displayName: 'Jonas' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/me');
    const me = await member.agent.get('/me').set('accept', HTML).set('accept-language', 'en').expect(200);
    expect(me.text).toContain('Your name is changed.');
    expect(me.text).toContain('value="Jonas"');
  });

  it('links the profile editor, the member’s own page, the export and the deletion', async () => {
    const me = await member.agent.get('/me').set('accept', HTML).expect(200);
    for (const href of ['/me/profile', '/u/renamer', '/me/export', '/me/delete']) expect(me.text).toContain(`href="${href}"`);
  });

  it('asks a guest to sign in', async () => {
    expect((await guest(ctx).post('/me/name').set('accept', JSON_ACCEPT).send({ displayName: 'Anyone' })).status).toBe(401);
  });
});
