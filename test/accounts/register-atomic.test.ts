// Registering makes the account and its first session in one transaction: if the session cannot be
// made, no account is left behind to answer "that username is taken" when the person tries again.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, guest, sessionToken, signUp } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('registering', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const person = { username: 'all_or_nothing', displayName: 'All or Nothing', email: 'all@example.test', password: 'correct horse battery' };

  it('stores no account when its session cannot be made, so trying again works', async () => {
    await sql
      .raw(
        `
      create function refuse_sessions() returns trigger language plpgsql as $$
      begin raise exception 'disk full' using errcode = '53100'; end $$`,
      )
      .execute(ctx.db);
    await sql`create trigger refuse_sessions before insert on sessions for each row execute function refuse_sessions()`.execute(ctx.db);
    const refused = await guest(ctx).post('/register').set('accept', JSON_ACCEPT).send(person);
    expect(refused.status).toBe(503);
    expect(await ctx.db.selectFrom('accounts').select('id').where('username', '=', person.username).executeTakeFirst()).toBeUndefined();

    await sql`drop trigger refuse_sessions on sessions`.execute(ctx.db);
    const again = await guest(ctx).post('/register').set('accept', JSON_ACCEPT).send(person);
    expect(again.status).toBe(201);
    expect(sessionToken(again)).toBeTruthy();
  });

  it('ends the session the request came with, and starts a new one', async () => {
    const first = await signUp(ctx);
    const before = await ctx.db.selectFrom('sessions').select('id').execute();
    const second = await first.agent
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .send({ ...person, username: 'second_account', email: 'second@example.test' });
    expect(second.status).toBe(201);
    const after = await ctx.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select(['sessions.id', 'accounts.username'])
      .execute();
    expect(after.map((row) => row.username)).not.toContain(first.username);
    expect(after.filter((row) => !before.some((old) => old.id === row.id)).map((row) => row.username)).toEqual(['second_account']);
  });
});
