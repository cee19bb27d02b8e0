// A reply's activity in its network does not make replies in the same network wait for each other.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, onPostgres, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

// PostgreSQL only: a second connection holds the network's row as another reply's transaction does;
// PGlite runs one transaction at a time, so nothing can wait there.
describe.runIf(onPostgres)("a reply and its network's row", () => {
  let ctx: TestContext;
  let member: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx);
    await createNetwork(member.agent, { slug: 'fiske' });
  });
  afterAll(() => ctx.close());

  /**
   * 'waited' as soon as a session waits for a lock `holder` (a backend's pid) holds; undefined once `finished`
   * says to stop looking. Only waits for the holder count: the forum's own workers may wait for a moment
   * for the reply's events lock, or the reply for theirs, which is not what this asks.
   */
  async function firstWaitFor(holder: number, finished: () => boolean): Promise<'waited' | undefined> {
    while (!finished()) {
      const waiting = await sql<{ count: string }>`select count(*) as count from pg_stat_activity
        where datname = current_database() and ${holder}::int = any(pg_blocking_pids(pid))`.execute(ctx.db);
      if (Number(waiting.rows[0]!.count) > 0) return 'waited';
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return undefined;
  }

  async function latestActivity(): Promise<string | null> {
    const board = await guest(ctx).get('/n/fiske').set('accept', JSON_ACCEPT).expect(200);
    return board.body.network.lastActivityAt;
  }

  it("is written without waiting for another writer's transaction that holds the row, and by the next reply", async () => {
    const held = await startThread(member.agent, 'fiske');
    const other = await startThread(member.agent, 'fiske');
    const network = await ctx.db.selectFrom('networks').select('id').where('slug', '=', 'fiske').executeTakeFirstOrThrow();
    const blocker = new pg.Client({ connectionString: ctx.databaseUrl });
    await blocker.connect();
    try {
      const { rows } = await blocker.query<{ pid: number }>('select pg_backend_pid() as pid');
      await blocker.query('begin');
      // What a reply in another thread of the network holds until its commit.
      await blocker.query('select id from networks where id = $1 for no key update', [network.id]);
      let answered = false;
      const replying = member.agent
        .post(`/t/${held.id}/replies`)
        .set('accept', JSON_ACCEPT)
        .send({ body: 'Gäddan nappar nu.' })
        .then((response) => {
          answered = true;
          return { status: response.status };
        });
      const watching = firstWaitFor(rows[0]!.pid, () => answered);
      expect(await Promise.race([replying, watching])).toEqual({ status: 201 });
      // The watch ends with the answer: nothing keeps asking the database after the test.
      expect(await watching).toBeUndefined();
    } finally {
      await blocker.query('commit');
      await blocker.end();
    }
    // With the row free again, the next reply moves the network's latest activity to its own.
    await reply(member.agent, other.id, 'Abborren också.');
    const thread = await ctx.db.selectFrom('threads').select('last_activity_at').where('id', '=', other.id).executeTakeFirstOrThrow();
    expect(await latestActivity()).toBe(thread.last_activity_at.toISOString());
  });
});
