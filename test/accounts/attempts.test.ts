// The attempt counter under the sign-in and registration limits, on the database itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneAttempts, releaseAttempt, reserveAttempt, type AttemptLimit } from '../../src/core/rate-limit.js';
import { createTestDatabase } from '../helpers/context.js';

describe('counting attempts in the database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.database.close();
    await database.drop();
  });

  const limit = (bucket: string): AttemptLimit => ({ bucket, max: 3, windowSeconds: 600 });
  const rowsOf = (bucket: string) => database.database.db.selectFrom('attempts').selectAll().where('bucket', '=', bucket).execute();

  it('reserves exactly max of many attempts sent at the same moment, and tells the rest when to come back', async () => {
    const { db } = database.database;
    const results = await Promise.all(Array.from({ length: 12 }, () => reserveAttempt(db, limit('burst'), ['ip:192.0.2.1'])));
    const reserved = results.filter((result) => 'ids' in result);
    const refused = results.filter((result) => 'retryAfterSeconds' in result);
    expect(reserved).toHaveLength(3);
    expect(refused).toHaveLength(9);
    for (const result of refused) {
      expect(result.retryAfterSeconds).toBeGreaterThan(590);
      expect(result.retryAfterSeconds).toBeLessThanOrEqual(600);
    }
    expect(await rowsOf('burst')).toHaveLength(3);
  });

  it('counts every key of an attempt, refuses when any one is full, and counts nothing then', async () => {
    const { db } = database.database;
    for (let i = 0; i < 3; i += 1) expect(await reserveAttempt(db, limit('keys'), [`ip:198.51.100.${i}`, 'account:1'])).toHaveProperty('ids');
    expect(await reserveAttempt(db, limit('keys'), ['ip:198.51.100.9', 'account:1'])).toHaveProperty('retryAfterSeconds');
    expect(await reserveAttempt(db, limit('keys'), ['ip:198.51.100.9', 'account:2'])).toHaveProperty('ids');
    const keys = (await rowsOf('keys')).map((row) => row.key).sort();
    expect(keys).toEqual(['account:1', 'account:1', 'account:1', 'account:2', 'ip:198.51.100.0', 'ip:198.51.100.1', 'ip:198.51.100.2', 'ip:198.51.100.9']);
    // Another bucket counts the same key apart.
    expect(await reserveAttempt(db, limit('other'), ['account:1'])).toHaveProperty('ids');
  });

  it('gives a released attempt back, and forgets an expired one', async () => {
    const { db } = database.database;
    const reservations = [];
    for (let i = 0; i < 3; i += 1) reservations.push(await reserveAttempt(db, limit('release'), ['account:7']));
    expect(await reserveAttempt(db, limit('release'), ['account:7'])).toHaveProperty('retryAfterSeconds');
    const first = reservations[0]!;
    if (!('ids' in first)) throw new Error('the first attempt was refused');
    await releaseAttempt(db, first.ids);
    expect(await reserveAttempt(db, limit('release'), ['account:7'])).toHaveProperty('ids');

    await db
      .updateTable('attempts')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('bucket', '=', 'release')
      .execute();
    expect(await reserveAttempt(db, limit('release'), ['account:7'])).toHaveProperty('ids');
  });

  it('prunes the attempts that stopped counting, and keeps those that still count', async () => {
    const { db } = database.database;
    await reserveAttempt(db, limit('prune'), ['ip:203.0.113.1']);
    await reserveAttempt(db, limit('prune'), ['ip:203.0.113.2']);
    await db
      .updateTable('attempts')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('key', '=', 'ip:203.0.113.1')
      .execute();
    const before = (await db.selectFrom('attempts').select('id').execute()).length;
    expect(await pruneAttempts(db, new Date())).toBeGreaterThanOrEqual(1);
    expect((await rowsOf('prune')).map((row) => row.key)).toEqual(['ip:203.0.113.2']);
    expect((await db.selectFrom('attempts').select('id').execute()).length).toBeLessThan(before);
  });
});
