// A refused form on /me shows the whole page again, every form on it, with the error beside its field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('/me after a refused form', () => {
  let ctx: TestContext;
  let member: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    member = await signUp(ctx);
  });
  afterAll(() => ctx.close());

  function expectWholePage(html: string): void {
    expect(html).toContain('action="/me/password"');
    expect(html).toContain('action="/me/email"');
    expect(html).toContain(`@${member.username}`);
  }

  it('shows the whole page on GET', async () => {
    expectWholePage((await member.agent.get('/me').set('accept', HTML).expect(200)).text);
  });

  it('shows the whole page when the current password is wrong', async () => {
    const response = await member.agent
      .post('/me/password')
      .set('accept', HTML)
      .type('form')
      .send({ currentPassword: 'not my password', newPassword: 'a brand new password' });
    expect(response.status).toBe(400);
    expectWholePage(response.text);
    expect(response.text).toMatch(/name="currentPassword"[^>]*aria-invalid="true"/);
  });

  it('shows the whole page when the email choice is not one of the choices', async () => {
    const response = await member.agent.post('/me/email').set('accept', HTML).type('form').send({ emailNotifications: 'hourly' });
    expect(response.status).toBe(400);
    expectWholePage(response.text);
  });
});
