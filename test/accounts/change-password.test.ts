import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('changing the password', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const signIn = (login: string, password: string) => {
    const agent = guest(ctx);
    return agent
      .post('/login')
      .set('accept', JSON_ACCEPT)
      .send({ login, password })
      .then((response) => ({ agent, status: response.status }));
  };

  it('refuses a wrong current password with 400 naming currentPassword, and changes nothing', async () => {
    const member = await signUp(ctx);
    const response = await member.agent
      .post('/me/password')
      .set('accept', JSON_ACCEPT)
      .set('accept-language', 'en')
      .send({ currentPassword: 'not my password', newPassword: 'a brand new secret' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'validation', fields: { currentPassword: 'That is not your current password' } });
    expect((await signIn(member.username, member.password)).status).toBe(200);
    expect((await signIn(member.username, 'a brand new secret')).status).toBe(400);
  });

  it('refuses a new password shorter than 10 characters', async () => {
    const member = await signUp(ctx);
    const response = await member.agent.post('/me/password').set('accept', JSON_ACCEPT).send({ currentPassword: member.password, newPassword: 'short' });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields)).toEqual(['newPassword']);
  });

  it('shows a browser the account page again with the message, never the passwords', async () => {
    const member = await signUp(ctx);
    const response = await member.agent
      .post('/me/password')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ currentPassword: 'typed-wrong-secret', newPassword: 'a brand new secret' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('That is not your current password');
    expect(response.text).toContain(`@${member.username}`);
    expect(response.text).not.toContain('typed-wrong-secret');
    expect(response.text).not.toContain('a brand new secret');
  });

  it('needs a signed-in account', async () => {
    const response = await guest(ctx)
      .post('/me/password')
      .set('accept', JSON_ACCEPT)
      .send({ currentPassword: 'whatever it is', newPassword: 'a brand new secret' });
    expect(response.status).toBe(401);
  });

  it('signs out every other device, keeps this one, and makes only the new password work', async () => {
    const member = await signUp(ctx);
    const laptop = member.agent;
    const { agent: phone } = await signIn(member.username, member.password);
    const { agent: tablet } = await signIn(member.email, member.password);
    expect((await phone.get('/me').set('accept', JSON_ACCEPT)).status).toBe(200);
    const account = await ctx.db.selectFrom('accounts').select('id').where('username', '=', member.username).executeTakeFirstOrThrow();
    const sessionsOf = () => ctx.db.selectFrom('sessions').select('id').where('account_id', '=', account.id).execute();
    expect(await sessionsOf()).toHaveLength(3);
    // Another account's sessions are none of this change's business.
    const other = await signUp(ctx);

    const response = await laptop
      .post('/me/password')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ currentPassword: member.password, newPassword: 'a brand new secret' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/me');
    const page = await laptop.get('/me').set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Your password is changed');

    expect(await sessionsOf()).toHaveLength(1);
    expect((await phone.get('/me').set('accept', JSON_ACCEPT)).status).toBe(401);
    expect((await tablet.get('/me').set('accept', JSON_ACCEPT)).status).toBe(401);
    expect((await other.agent.get('/me').set('accept', JSON_ACCEPT)).status).toBe(200);

    expect((await signIn(member.username, member.password)).status).toBe(400);
    expect((await signIn(member.username, 'a brand new secret')).status).toBe(200);
  });

  it('answers JSON with the account', async () => {
    const member = await signUp(ctx);
    const response = await member.agent
      .post('/me/password')
      .set('accept', JSON_ACCEPT)
      .send({ currentPassword: member.password, newPassword: 'another new secret' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ username: member.username, displayName: member.displayName, role: member.role });
    expect(JSON.stringify(response.body)).not.toContain('password');
  });
});
