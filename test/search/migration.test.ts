// Posts written before search get their language in the migration that adds it: from their own text
// (an opening post's with its thread's title), else their author's language, and are then found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { migrator } from '../../src/db/migrate.js';

const BEFORE_SEARCH = '2026-12-01T1200_account_deletion';

describe('the search migration on a forum with posts', () => {
  let ctx: TestContext;
  /** The app started again on the upgraded schema. */
  let app: FastifyInstance;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    const admin = await signUp(ctx);
    const dane = await signUp(ctx, { username: 'dansk_guide' });
    await createNetwork(admin.agent, { slug: 'havet' });
    const swedish = await startThread(admin.agent, 'havet', {
      title: 'Öppettider i sommar',
      body: 'Vi har öppet varje dag hela sommaren, från nio på morgonen till sent på kvällen. Välkomna till bryggan!',
    });
    ids.swedishOpening = swedish.posts[0]!.id;
    ids.danishReply = (await reply(dane.agent, swedish.id, 'Vi holder også åbent hele sommeren, og vores kajakker kan lejes fra klokken ti.')).id;
    ids.shortReply = (await reply(dane.agent, swedish.id, 'Tak!')).id;
    await ctx.db.updateTable('accounts').set({ locale: 'da' }).where('username', '=', 'dansk_guide').execute();
    // Back to the schema before search, as a forum upgrading finds it, and up again — with the server
    // stopped, as a forum is upgraded: its workers (notifications, reminders) would hold locks on the
    // tables the migrations alter, and PostgreSQL would end one side of the deadlock.
    await ctx.app.close();
    const down = await migrator(ctx.db).migrateTo(BEFORE_SEARCH);
    expect(down.error).toBeUndefined();
    const up = await migrator(ctx.db).migrateToLatest();
    expect(up.error).toBeUndefined();
    app = await buildApp(ctx.config, { database: ctx.database, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('labels each existing post from its text, and a short one with its author’s language', async () => {
    const posts = await ctx.db.selectFrom('posts').select(['id', 'lang']).orderBy('id').execute();
    const langOf = (id: number) => posts.find((post) => post.id === id)?.lang;
    expect(langOf(ids.swedishOpening!)).toBe('sv');
    expect(langOf(ids.danishReply!)).toBe('da');
    expect(langOf(ids.shortReply!)).toBe('da');
    const thread = await ctx.db.selectFrom('threads').select('lang').executeTakeFirstOrThrow();
    expect(thread.lang).toBe('sv');
  });

  it('indexes them: the Swedish thread is found by an inflected word, the Danish reply by its own', async () => {
    const search = async (q: string) =>
      (await app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(q)}`, headers: { accept: JSON_ACCEPT } })).json<{
        results: Array<{ thread: { title: string }; post: { id: number } }>;
      }>();
    expect((await search('öppettiderna')).results.map((r) => r.thread.title)).toEqual(['Öppettider i sommar']);
    expect((await search('kajakkerne')).results.map((r) => r.post.id)).toEqual([ids.danishReply]);
  });
});
