// A member's data (GET /me/export) holds the network proposals they made, as they wrote them and what
// became of each, and those they said they would join — never who else would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('proposals in a member’s data', () => {
  let ctx: TestContext;
  let admin: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'export_admin' });
  });
  afterAll(() => ctx.close());

  it('exports the member’s proposals and those they would join', async () => {
    const member = await signUp(ctx, { username: 'export_nora' });
    const other = await signUp(ctx, { username: 'export_amir' });
    const body = { name: 'Matnätverket', slug: 'mat', audience: 'cafés', purpose: 'Local produce.', notFor: 'Ads.', wantsHelp: true };
    const mine = await member.agent.post('/networks/propose').set('accept', JSON_ACCEPT).send(body).expect(201);
    await admin.agent.post(`/networks/proposals/${mine.body.id}/decline`).set('accept', JSON_ACCEPT).send({ reason: 'Not yet' }).expect(200);
    const theirs = await other.agent
      .post('/networks/propose')
      .set('accept', JSON_ACCEPT)
      .send({ ...body, name: 'Cykelnätverket', slug: 'cykel', wantsHelp: false })
      .expect(201);
    await member.agent.post(`/networks/proposals/${theirs.body.id}/support`).set('accept', JSON_ACCEPT).expect(200);
    await signUp(ctx, { username: 'export_third' }).then((third) =>
      third.agent.post(`/networks/proposals/${theirs.body.id}/support`).set('accept', JSON_ACCEPT).expect(200),
    );

    const response = await member.agent.get('/me/export').expect(200);
    const data = JSON.parse(response.text) as { proposals: unknown[]; wouldJoin: unknown[] };
    expect(data.proposals).toEqual([
      {
        name: 'Matnätverket',
        slug: 'mat',
        audience: 'cafés',
        purpose: 'Local produce.',
        notFor: 'Ads.',
        wantsHelp: true,
        status: 'declined',
        createdAt: expect.any(String),
        decidedAt: expect.any(String),
        declineReason: 'Not yet',
      },
    ]);
    expect(data.wouldJoin).toEqual([{ proposal: 'Cykelnätverket', since: expect.any(String) }]);
    expect(response.text).not.toContain('export_third');
  });
});
