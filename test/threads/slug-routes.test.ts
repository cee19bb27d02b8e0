// A thread's address is /t/:id/<slug>, and routes use words in the same place (/t/:id/move): a title
// that slugs to one of them must still open the thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_WORDS, slugify } from '../../src/threads/slug.js';
import { HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, startThread } from '../helpers/forum.js';
import { listRoutes } from '../helpers/routes.js';

describe('thread slugs never collide with routes', () => {
  let ctx: TestContext;
  let admin: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'slugs' });
  });
  afterAll(() => ctx.close());

  it('knows every word a route uses after /t/:id/', () => {
    const words = listRoutes(ctx.app)
      .map((route) => /^\/t\/:id\/([^/:]+)$/.exec(route.url)?.[1])
      .filter((word): word is string => word !== undefined);
    expect(words).toContain('move');
    // A word a slug could be (letters, digits, dashes) must be one slugify steers clear of.
    const slugShaped = [...new Set(words)].filter((word) => /^[a-z0-9-]+$/.test(word));
    expect(slugShaped.filter((word) => !ROUTE_WORDS.has(word))).toEqual([]);
    for (const word of slugShaped) expect(slugify(word)).not.toBe(word);
  });

  it.each(['Move!', 'Reply', 'LOCK', 'Watch'])('opens a thread titled %j at its own link', async (title) => {
    const thread = await startThread(admin.agent, 'slugs', { title });
    const json = await admin.agent.get(`/t/${thread.id}`).set('accept', JSON_ACCEPT).expect(200);
    expect(json.body.slug).toBe(`${title.toLowerCase().replace('!', '')}-thread`);
    const page = await admin.agent.get(`/t/${thread.id}/${json.body.slug}`).set('accept', HTML);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<h1`);
    expect(page.text).toContain(title);
  });

  it('keeps a slug clear of routes when a title is edited to such a word', async () => {
    const thread = await startThread(admin.agent, 'slugs', { title: 'Something else' });
    await admin.agent.post(`/p/${thread.posts[0]!.id}/edit`).set('accept', JSON_ACCEPT).send({ title: 'Pin', body: 'Edited' }).expect(200);
    const json = await admin.agent.get(`/t/${thread.id}`).set('accept', JSON_ACCEPT).expect(200);
    expect(json.body.slug).toBe('pin-thread');
    expect((await admin.agent.get(`/t/${thread.id}/pin-thread`).set('accept', HTML)).status).toBe(200);
  });
});

describe('the migration that moves stored slugs clear of routes', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('suffixes slugs that are route words and leaves the rest', async () => {
    const { up } = await import('../../migrations/2026-11-30T1100_slugs_clear_of_routes.js');
    const admin = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'old-slugs' });
    const collided = await startThread(admin.agent, 'old-slugs', { title: 'Collided' });
    const fine = await startThread(admin.agent, 'old-slugs', { title: 'Movement' });
    await ctx.db.updateTable('threads').set({ slug: 'move' }).where('id', '=', collided.id).execute();
    await up(ctx.db);
    const slugs = await ctx.db.selectFrom('threads').select(['id', 'slug']).where('id', 'in', [collided.id, fine.id]).orderBy('id').execute();
    expect(slugs.map((row) => row.slug)).toEqual(['move-thread', 'movement']);
  });
});
