// A precompiled query (src/db/precompiled.ts) is built once and run with each call's own values: the
// rows a run gets are its values' rows, in or out of a transaction, with a list as one parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompiled } from '../../src/db/precompiled.js';
import { createTestDatabase, type TestDatabase } from '../helpers/context.js';

describe('precompiled queries', () => {
  let own: TestDatabase;
  const statements: string[] = [];
  let builds = 0;
  const usernames = precompiled((db, v: { ids: number[]; after: number }) => {
    builds += 1;
    return db
      .selectFrom('accounts')
      .select(['id', 'username'])
      .where('id', '=', (eb) => eb.fn('any', [eb.val(v.ids)]))
      .where('id', '>', v.after)
      .orderBy('id');
  });
  const rename = precompiled((db, v: { id: number; displayName: string }) =>
    db.updateTable('accounts').set({ display_name: v.displayName }).where('id', '=', v.id),
  );

  beforeAll(async () => {
    own = await createTestDatabase((text) => {
      if (text.startsWith('select "id", "username"')) statements.push(text);
    });
    await own.database.db
      .insertInto('accounts')
      .values(
        ['ada_p', 'bo_p', 'cy_p'].map((username) => ({
          username,
          username_key: username,
          email: `${username}@example.se`,
          display_name: username,
          password_hash: 'x',
          locale: null,
          email_confirmed_at: null,
          deleted_at: null,
        })),
      )
      .execute();
  });
  afterAll(() => own.drop());

  it('answers each run with its own values, from one build and one statement text', async () => {
    const { db } = own.database;
    const ids = (await db.selectFrom('accounts').select('id').orderBy('id').execute()).map((row) => row.id);
    expect(await usernames.rows(db, { ids, after: 0 })).toEqual([
      { id: ids[0], username: 'ada_p' },
      { id: ids[1], username: 'bo_p' },
      { id: ids[2], username: 'cy_p' },
    ]);
    expect(await usernames.rows(db, { ids: [ids[2]!, ids[0]!], after: ids[0]! })).toEqual([{ id: ids[2], username: 'cy_p' }]);
    expect(await usernames.first(db, { ids: [], after: 0 })).toBeUndefined();
    expect(builds).toBe(1);
    expect(statements).toHaveLength(3);
    expect(new Set(statements).size).toBe(1);
  });

  it('runs in a transaction, and a write says how many rows it changed', async () => {
    const { db } = own.database;
    const [ada] = await db.selectFrom('accounts').select('id').where('username', '=', 'ada_p').execute();
    await expect(
      db.transaction().execute(async (tx) => {
        expect((await rename.result(tx, { id: ada!.id, displayName: 'Ada Berg' })).numAffectedRows).toBe(1n);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await db.selectFrom('accounts').select('display_name').where('id', '=', ada!.id).executeTakeFirst())?.display_name).toBe('ada_p');
    await rename.result(db, { id: ada!.id, displayName: 'Ada Berg' });
    expect((await db.selectFrom('accounts').select('display_name').where('id', '=', ada!.id).executeTakeFirst())?.display_name).toBe('Ada Berg');
    expect((await rename.result(db, { id: -1, displayName: 'Nobody' })).numAffectedRows).toBe(0n);
  });
});
