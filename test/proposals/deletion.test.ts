// Deleting an account and its proposals: an open proposal is withdrawn (nobody is left to convene it),
// with the admins' notices of it; a decided one stays, signed "a former member"; whom it would join with
// and what it was told go; a decision it made as an admin stands, by nobody named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('deleting an account with proposals', () => {
  let ctx: TestContext;
  let admin: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'del_admin' });
  });
  afterAll(() => ctx.close());

  async function propose(by: Member, slug: string): Promise<number> {
    const response = await by.agent
      .post('/networks/propose')
      .set('accept', JSON_ACCEPT)
      .send({ name: `Network ${slug}`, slug, audience: 'anyone', purpose: 'Talking', notFor: 'Shouting' });
    expect(response.status).toBe(201);
    return response.body.id as number;
  }
  const unread = async (who: Member) => (await who.agent.get('/notifications').set('accept', JSON_ACCEPT).expect(200)).body.unread as number;
  const deleteAccount = (who: Member) => who.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: who.password }).expect(200);
  const accountId = async (username: string) =>
    (await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  it('withdraws its open proposals, keeps its decided ones unsigned and forgets whom it would join with', async () => {
    const leaver = await signUp(ctx, { username: 'del_leaver', displayName: 'Leaving Lena' });
    const other = await signUp(ctx, { username: 'del_other' });
    const open = await propose(leaver, 'lena-open');
    const declined = await propose(leaver, 'lena-declined');
    const othersProposal = await propose(other, 'others');
    await other.agent.post(`/networks/proposals/${open}/support`).set('accept', JSON_ACCEPT).expect(200);
    await leaver.agent.post(`/networks/proposals/${othersProposal}/support`).set('accept', JSON_ACCEPT).expect(200);
    await admin.agent.post(`/networks/proposals/${declined}/decline`).set('accept', JSON_ACCEPT).send({ reason: 'Not now' }).expect(200);
    const adminUnread = await unread(admin);

    await deleteAccount(leaver);

    // The open one is gone, with who would join it and the admin's notice of it.
    expect((await guest(ctx).get(`/networks/proposals/${open}`).set('accept', JSON_ACCEPT)).status).toBe(404);
    expect(await ctx.db.selectFrom('network_proposal_supporters').select('account_id').where('proposal_id', '=', open).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('proposal_notices').select('id').where('proposal_id', '=', open).execute()).toEqual([]);
    expect(await unread(admin)).toBe(adminUnread - 1);
    // Its slug is free for someone else's proposal.
    expect(await propose(other, 'lena-open')).toBeGreaterThan(0);
    // The decided one stays, by a former member.
    const kept = await guest(ctx).get(`/networks/proposals/${declined}`).set('accept', JSON_ACCEPT);
    expect(kept.status).toBe(200);
    expect(kept.body.proposal).toMatchObject({ status: 'declined', proposer: { username: '', displayName: '' } });
    const page = await guest(ctx).get(`/networks/proposals/${declined}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('a former member');
    expect(page.text).not.toContain('Leaving Lena');
    // It would join nothing now, and was told nothing.
    const id = await accountId(leaver.username);
    expect(await ctx.db.selectFrom('network_proposal_supporters').select('proposal_id').where('account_id', '=', id).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('proposal_notices').select('id').where('account_id', '=', id).execute()).toEqual([]);
    expect((await guest(ctx).get(`/networks/proposals/${othersProposal}`).set('accept', JSON_ACCEPT)).body.proposal.supporters).toBe(0);
  });

  it('keeps an admin’s decisions, by nobody named', async () => {
    const otherAdmin = await signUp(ctx, { username: 'del_admin2' });
    await ctx.db.updateTable('accounts').set({ role: 'admin' }).where('username', '=', otherAdmin.username).execute();
    const proposer = await signUp(ctx, { username: 'del_proposer' });
    const proposal = await propose(proposer, 'decided-by-gone');
    await otherAdmin.agent.post(`/networks/proposals/${proposal}/approve`).set('accept', JSON_ACCEPT).expect(200);
    await deleteAccount(otherAdmin);
    const after = await guest(ctx).get(`/networks/proposals/${proposal}`).set('accept', JSON_ACCEPT);
    expect(after.body.proposal).toMatchObject({ status: 'approved', decidedBy: null, network: { slug: 'decided-by-gone' } });
    expect((await guest(ctx).get('/n/decided-by-gone').set('accept', JSON_ACCEPT)).status).toBe(200);
  });
});
