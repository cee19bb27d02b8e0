import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

describe('networks', () => {
  let ctx: TestContext;
  let admin: Member;
  let member: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('tells visitors of an empty forum what to do next', async () => {
    const home = await guest(ctx).get('/').set('accept', HTML).set('accept-language', 'en');
    expect(home.status).toBe(200);
    expect(home.text).toContain('The first account to register becomes its administrator');
    admin = await signUp(ctx);
    member = await signUp(ctx);
    const adminHome = await admin.agent.get('/').set('accept', HTML).set('accept-language', 'en');
    expect(adminHome.text).toContain('create the first network');
  });

  it('lets an admin create a network (303 for browsers, 201 JSON for scripts)', async () => {
    const browser = await admin.agent
      .post('/networks')
      .set('accept', HTML)
      .type('form')
      .send({ slug: 'kajak', name: 'Kajaknätverket', description: 'Paddling och uthyrning.\n\nMer text.' });
    expect(browser.status).toBe(303);
    expect(browser.headers.location).toBe('/n/kajak');
    const json = await admin.agent.post('/networks').set('accept', JSON_ACCEPT).send({ slug: 'fiske', name: 'Fiskenätverket' });
    expect(json.status).toBe(201);
    expect(json.body).toMatchObject({ slug: 'fiske', name: 'Fiskenätverket', threadCount: 0 });
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML);
    expect(board.status).toBe(200);
    expect(board.text).toContain('<h1>Kajaknätverket</h1>');
  });

  it('refuses members with 403 and guests with 401', async () => {
    const byMember = await member.agent.post('/networks').set('accept', JSON_ACCEPT).send({ slug: 'klatter', name: 'Klätter' });
    expect(byMember.status).toBe(403);
    const byGuest = await guest(ctx).post('/networks').set('accept', JSON_ACCEPT).send({ slug: 'klatter', name: 'Klätter' });
    expect(byGuest.status).toBe(401);
    const edit = await member.agent.post('/n/kajak/edit').set('accept', JSON_ACCEPT).send({ name: 'Hijacked' });
    expect(edit.status).toBe(403);
    const row = await ctx.db.selectFrom('networks').select('name').where('slug', '=', 'kajak').executeTakeFirstOrThrow();
    expect(row.name).toBe('Kajaknätverket');
    expect(await ctx.db.selectFrom('networks').select('id').where('slug', '=', 'klatter').executeTakeFirst()).toBeUndefined();
  });

  it.each([
    ['a', 'slug'],
    ['Kajak', 'slug'],
    ['has space', 'slug'],
    ['å-net', 'slug'],
    ['x'.repeat(41), 'slug'],
  ])('refuses slug %j with 400', async (slug, field) => {
    const response = await admin.agent.post('/networks').set('accept', JSON_ACCEPT).send({ slug, name: 'Valid name' });
    expect(response.status).toBe(400);
    expect(response.body.fields[field]).toBeTruthy();
  });

  it('refuses a taken slug, a bad name and a long description with 400', async () => {
    const taken = await admin.agent.post('/networks').set('accept', JSON_ACCEPT).send({ slug: 'kajak', name: 'Another' });
    expect(taken.status).toBe(400);
    expect(taken.body.fields.slug).toBeTruthy();
    const name = await admin.agent.post('/networks').set('accept', JSON_ACCEPT).send({ slug: 'ok-slug', name: 'x' });
    expect(name.body.fields.name).toBeTruthy();
    const description = await admin.agent
      .post('/networks')
      .set('accept', JSON_ACCEPT)
      .send({ slug: 'ok-slug', name: 'Fine', description: 'd'.repeat(2001) });
    expect(description.body.fields.description).toBeTruthy();
  });

  it('lets an admin edit a network', async () => {
    const response = await admin.agent
      .post('/n/fiske/edit')
      .set('accept', JSON_ACCEPT)
      .send({ name: 'Fiske & vatten', description: '**Fiske** runt skärgården' });
    expect(response.status).toBe(200);
    expect(response.body.descriptionHtml).toContain('<strong>Fiske</strong>');
  });

  it('lists networks on the home page, most recently active first, with thread counts', async () => {
    type Listed = { slug: string; lastActivityAt: string | null };
    const fiskeThread = await startThread(member.agent, 'fiske');
    await startThread(member.agent, 'kajak');
    const home = await guest(ctx).get('/').set('accept', JSON_ACCEPT);
    expect(home.status).toBe(200);
    const slugs = home.body.networks.map((n: { slug: string }) => n.slug);
    expect(slugs.slice(0, 2)).toEqual(['kajak', 'fiske']);
    const kajak = home.body.networks.find((n: { slug: string }) => n.slug === 'kajak');
    expect(kajak).toMatchObject({ name: 'Kajaknätverket', summary: 'Paddling och uthyrning.', threadCount: 1 });
    // A reply is activity too: its network comes first again, with its thread's latest activity, and counts no thread.
    await reply(member.agent, fiskeThread.id, 'Gäddan nappar vid bryggan nu.');
    const after = (await guest(ctx).get('/').set('accept', JSON_ACCEPT).expect(200)).body.networks as Listed[];
    expect(after.slice(0, 2).map((n) => n.slug)).toEqual(['fiske', 'kajak']);
    const thread = await ctx.db.selectFrom('threads').select('last_activity_at').where('id', '=', fiskeThread.id).executeTakeFirstOrThrow();
    expect(after[0]).toMatchObject({ lastActivityAt: thread.last_activity_at.toISOString(), threadCount: 1 });
    expect(after[0]!.lastActivityAt! > after[1]!.lastActivityAt!).toBe(true);
    const page = await guest(ctx).get('/').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Paddling och uthyrning.');
    expect(page.text).not.toContain('Mer text.');
    expect(page.text).toContain('1 thread');
  });

  it('answers 404 for a missing network, as a page and as JSON', async () => {
    expect((await guest(ctx).get('/n/nowhere').set('accept', HTML)).status).toBe(404);
    const json = await guest(ctx).get('/n/nowhere').set('accept', JSON_ACCEPT);
    expect(json.status).toBe(404);
    expect(json.body.error).toBe('not_found');
  });
});

describe('board', () => {
  let ctx: TestContext;
  let admin: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'turism', name: 'Alla i turismen' });
  });
  afterAll(() => ctx.close());

  it('pages 30 threads at a time by cursor, pinned first, then latest activity', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 65; i += 1) ids.push((await startThread(admin.agent, 'turism', { title: `Fråga nummer ${i}` })).id);
    // The oldest thread gets a reply, so it moves to the top; one is pinned.
    await admin.agent.post(`/t/${ids[0]}/replies`).set('accept', JSON_ACCEPT).send({ body: 'Bump' }).expect(201);
    await ctx.db.updateTable('threads').set({ pinned: true }).where('id', '=', ids[10]!).execute();

    const seen: number[] = [];
    let url = '/n/turism';
    let pages = 0;
    for (;;) {
      const response = await admin.agent.get(url).set('accept', JSON_ACCEPT);
      expect(response.status).toBe(200);
      pages += 1;
      expect(response.body.threads.length).toBeLessThanOrEqual(30);
      seen.push(...response.body.threads.map((t: { id: number }) => t.id));
      if (!response.body.nextCursor) break;
      url = `/n/turism?before=${encodeURIComponent(response.body.nextCursor)}`;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(65);
    expect(new Set(seen).size).toBe(65);
    expect(seen[0]).toBe(ids[10]);
    expect(seen[1]).toBe(ids[0]);
    expect(seen[2]).toBe(ids[64]);
    expect(seen.at(-1)).toBe(ids[1]);
  });

  it('shows each row with title, author, reply count and the latest reply', async () => {
    const thread = await startThread(admin.agent, 'turism', { title: 'Gemensamt bokningssystem?' });
    const responder = await signUp(ctx, { displayName: 'Stugbyn Norr' });
    await responder.agent.post(`/t/${thread.id}/replies`).set('accept', JSON_ACCEPT).send({ body: 'Ja gärna!' }).expect(201);
    const board = await guest(ctx).get('/n/turism').set('accept', JSON_ACCEPT);
    const row = board.body.threads.find((t: { id: number }) => t.id === thread.id);
    expect(row).toMatchObject({ title: 'Gemensamt bokningssystem?', replyCount: 1, lastPoster: { displayName: 'Stugbyn Norr' } });
    const page = await guest(ctx).get('/n/turism').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Gemensamt bokningssystem?');
    expect(page.text).toContain(`latest by <a class="person-link" href="/u/${responder.username}">Stugbyn Norr</a>`);
  });

  it('refuses a forged cursor with 400', async () => {
    const response = await guest(ctx).get('/n/turism?before=garbage').set('accept', JSON_ACCEPT);
    expect(response.status).toBe(400);
    expect(response.body.fields.before).toBeTruthy();
  });
});
