import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, onPostgres, type TestContext } from '../helpers/context.js';

describe('transactions', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const account = (name: string) => ({
    username: name,
    username_key: name,
    display_name: name,
    email: `${name}@example.test`,
    password_hash: 'not-a-hash',
    role: 'member' as const,
  });
  const usernamesLike = async (prefix: string) =>
    (await ctx.db.selectFrom('accounts').select('username').where('username', 'like', `${prefix}%`).orderBy('username').execute()).map((row) => row.username);

  it('keep their statements apart when they run at the same time: a rollback takes only its own rows', async () => {
    const log: string[] = [];
    const keeper = ctx.db.transaction().execute(async (tx) => {
      for (const n of [1, 2, 3]) {
        await tx
          .insertInto('accounts')
          .values(account(`keeper_${n}`))
          .execute();
        log.push(`keeper ${n}`);
        await delay(20);
      }
    });
    const quitter = ctx.db.transaction().execute(async (tx) => {
      for (const n of [1, 2]) {
        await tx
          .insertInto('accounts')
          .values(account(`quitter_${n}`))
          .execute();
        log.push(`quitter ${n}`);
        await delay(25);
      }
      throw new Error('changed my mind');
    });
    const [kept, quit] = await Promise.allSettled([keeper, quitter]);

    expect(kept.status).toBe('fulfilled');
    expect(quit.status).toBe('rejected');
    expect(await usernamesLike('quitter_')).toEqual([]);
    expect(await usernamesLike('keeper_')).toEqual(['keeper_1', 'keeper_2', 'keeper_3']);
    if (!onPostgres) {
      // PGlite has one connection, so one transaction has it from begin to end.
      expect(log).toEqual(['keeper 1', 'keeper 2', 'keeper 3', 'quitter 1', 'quitter 2']);
    }
  });

  it('do not swallow a statement from outside that arrives while one is open', async () => {
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const doomed = ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto('accounts').values(account('doomed_1')).execute();
      inside();
      await delay(50);
      throw new Error('roll back');
    });
    await opened;
    const outsider = ctx.db.insertInto('accounts').values(account('outsider_1')).execute();
    await Promise.allSettled([doomed, outsider]);
    expect(await usernamesLike('doomed_')).toEqual([]);
    expect(await usernamesLike('outsider_')).toEqual(['outsider_1']);
  });

  it('release the connection after a failed statement, so the next work still runs', async () => {
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await tx.insertInto('accounts').values(account('dup_1')).execute();
        await tx.insertInto('accounts').values(account('dup_1')).execute();
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await usernamesLike('dup_')).toEqual([]);
    await ctx.db.insertInto('accounts').values(account('after_failure')).execute();
    expect(await usernamesLike('after_failure')).toEqual(['after_failure']);
  });

  it('many at once, each committing or rolling back, leave exactly the committed rows', async () => {
    const work = Array.from({ length: 12 }, (_, i) =>
      ctx.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('accounts')
          .values(account(`many_${String(i).padStart(2, '0')}_a`))
          .execute();
        await delay(i % 3);
        await tx
          .insertInto('accounts')
          .values(account(`many_${String(i).padStart(2, '0')}_b`))
          .execute();
        if (i % 2) throw new Error('odd ones roll back');
      }),
    );
    await Promise.allSettled(work);
    const expected = Array.from({ length: 12 }, (_, i) => i)
      .filter((i) => i % 2 === 0)
      .flatMap((i) => [`many_${String(i).padStart(2, '0')}_a`, `many_${String(i).padStart(2, '0')}_b`]);
    expect(await usernamesLike('many_')).toEqual(expected);
  });
});

describe('database constraints', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('refuse rows the application would never write', async () => {
    const base = { username: 'rule_test', username_key: 'rule_test', display_name: 'Rule', email: 'rule@example.test', password_hash: 'x' };
    await expect(
      ctx.db
        .insertInto('accounts')
        .values({ ...base, role: 'owner' as never })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      ctx.db
        .insertInto('accounts')
        .values({ ...base, username: 'ab', role: 'member' })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
    await ctx.db
      .insertInto('accounts')
      .values({ ...base, role: 'member' })
      .execute();
    await expect(
      ctx.db
        .insertInto('accounts')
        .values({ ...base, username_key: 'other', username: 'other', email: 'RULE@example.test', role: 'member' })
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(
      ctx.db
        .insertInto('sessions')
        .values({ id: 'x', account_id: 999_999, secret_hash: new Uint8Array(32), expires_at: new Date() })
        .execute(),
    ).rejects.toMatchObject({ code: '23503' });
  });
});

describe.runIf(onPostgres)('the PostgreSQL pool', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('survives the server dropping an idle connection (as on a restart)', async () => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(ctx.db);
    const pid = rows[0]!.pid;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    await delay(200);
    const after = await sql<{ one: number }>`select 1 as one`.execute(ctx.db);
    expect(after.rows).toEqual([{ one: 1 }]);
  });
});
