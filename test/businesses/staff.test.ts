// A business's staff: invitations (shown in the invitee's notifications until answered), accepting and
// declining, removing, admin rights, leaving, and who takes over when the last admin goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { addToStaff, createBusiness, staffOf } from './support.js';

describe('business staff', () => {
  let ctx: TestContext;
  let owner: Member;
  let anna: Member;
  let bo: Member;
  let stranger: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    owner = await signUp(ctx, { username: 'staff_owner', displayName: 'Olle Ägare' });
    anna = await signUp(ctx, { username: 'staff_anna', displayName: 'Anna Guide' });
    bo = await signUp(ctx, { username: 'staff_bo', displayName: 'Bo Kock' });
    stranger = await signUp(ctx, { username: 'staff_stranger' });
  });
  afterAll(() => ctx.close());

  const invite = (by: Member, slug: string, username: string, role = 'guide') =>
    by.agent.post(`/b/${slug}/invitations`).set('accept', JSON_ACCEPT).send({ username, role });
  const notifications = async (member: Member) => {
    const response = await member.agent.get('/notifications').set('accept', JSON_ACCEPT);
    expect(response.status).toBe(200);
    return response.body as { invitations: Array<{ business: { slug: string; name: string }; role: string; invitedBy: { username: string } | null }> };
  };

  it('shows an invitation in the invitee’s notifications until it is accepted', async () => {
    const business = await createBusiness(owner.agent, { name: 'Kajakboden' });
    const sent = await invite(owner, business.slug, anna.username, 'guide');
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ slug: business.slug, username: anna.username, role: 'guide', invited: true });
    // Inviting again leaves the waiting invitation as it was.
    const again = await invite(owner, business.slug, anna.username, 'chef');
    expect(again.status).toBe(200);
    expect(again.body.invited).toBe(false);

    expect((await notifications(anna)).invitations).toEqual([
      {
        business: { slug: business.slug, name: 'Kajakboden' },
        role: 'guide',
        invitedBy: { username: owner.username, displayName: 'Olle Ägare' },
        createdAt: expect.any(String),
      },
    ]);
    const page = await anna.agent.get('/notifications').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('<a class="person-link" href="/u/staff_owner">Olle Ägare</a> invites you to join Kajakboden as guide.');
    expect(page.text).toContain(`action="/b/${business.slug}/invitations/accept"`);
    expect(page.text).not.toContain('No notifications yet');
    // It counts in the header's bell until answered; marking read does not answer it.
    expect(page.text).toMatch(/<span class="unread-count"[^>]*>1<\/span>/);
    expect(page.text).not.toContain('action="/notifications/read"');
    expect((await stranger.agent.get('/notifications').set('accept', HTML).set('accept-language', 'en')).text).toContain('No notifications yet');
    // The business page offers the invitee the same answer; others see nothing of it.
    expect((await anna.agent.get(`/b/${business.slug}`).set('accept', HTML)).text).toContain(`action="/b/${business.slug}/invitations/decline"`);
    expect((await stranger.agent.get(`/b/${business.slug}`).set('accept', HTML)).text).not.toContain('/invitations/accept');
    expect((await notifications(stranger)).invitations).toEqual([]);

    const accepted = await anna.agent.post(`/b/${business.slug}/invitations/accept`).set('accept', HTML).type('form').send({});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe(`/b/${business.slug}`);
    expect(await staffOf(guest(ctx), business.slug)).toEqual([
      { username: owner.username, displayName: 'Olle Ägare', role: 'owner', isAdmin: true },
      { username: anna.username, displayName: 'Anna Guide', role: 'guide', isAdmin: false },
    ]);
    expect((await notifications(anna)).invitations).toEqual([]);
    expect((await anna.agent.get('/notifications').set('accept', JSON_ACCEPT)).body.unread).toBe(0);
    expect(await ctx.db.selectFrom('business_invitations').selectAll().execute()).toEqual([]);
    // Already on the staff: no second invitation.
    const onStaff = await invite(owner, business.slug, anna.username);
    expect(onStaff.status).toBe(400);
    expect(Object.keys(onStaff.body.fields)).toEqual(['username']);
  });

  it('keeps one staff row when an invitation is accepted twice at the same moment', async () => {
    const business = await createBusiness(owner.agent, { name: 'Dubbelbryggan' });
    await invite(owner, business.slug, bo.username).expect(200);
    const answers = await Promise.all([1, 2, 3].map(() => bo.agent.post(`/b/${business.slug}/invitations/accept`).set('accept', JSON_ACCEPT)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const rows = await ctx.db
      .selectFrom('business_staff')
      .innerJoin('businesses', 'businesses.id', 'business_staff.business_id')
      .innerJoin('accounts', 'accounts.id', 'business_staff.account_id')
      .select('accounts.username')
      .where('businesses.slug', '=', business.slug)
      .execute();
    expect(rows.map((row) => row.username).sort()).toEqual([bo.username, owner.username].sort());
  });

  it('takes a declined invitation away without adding to the staff', async () => {
    const business = await createBusiness(owner.agent, { name: 'Nejtackbaren' });
    await invite(owner, business.slug, stranger.username).expect(200);
    const declined = await stranger.agent.post(`/b/${business.slug}/invitations/decline`).set('accept', JSON_ACCEPT);
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({ slug: business.slug, accepted: false });
    expect((await notifications(stranger)).invitations).toEqual([]);
    expect((await staffOf(guest(ctx), business.slug)).map((staff) => staff.username)).toEqual([owner.username]);
    // Without an invitation there is nothing to accept.
    expect((await stranger.agent.post(`/b/${business.slug}/invitations/accept`).set('accept', JSON_ACCEPT)).status).toBe(404);
  });

  it('lets only staff admins invite, and refuses unknown and deleted usernames with 400 on username', async () => {
    const business = await createBusiness(owner.agent, { name: 'Inbjudningsbyrån' });
    await addToStaff(owner.agent, anna.agent, business.slug, anna.username);
    expect((await invite(anna, business.slug, bo.username)).status).toBe(403);
    expect((await invite(stranger, business.slug, bo.username)).status).toBe(403);
    const unknown = await invite(owner, business.slug, 'nobody_here');
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.fields)).toEqual(['username']);

    const gone = await signUp(ctx, { username: 'staff_gone' });
    await ctx.db.updateTable('accounts').set({ deleted_at: new Date(), email: null }).where('username', '=', gone.username).execute();
    const deleted = await invite(owner, business.slug, gone.username);
    expect(deleted.status).toBe(400);
    expect(Object.keys(deleted.body.fields)).toEqual(['username']);

    // A browser sees the business page again, with the message beside the field.
    const page = await owner.agent
      .post(`/b/${business.slug}/invitations`)
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ username: 'nobody_here', role: 'guide' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('No member has this username');
    expect(page.text).toContain('value="nobody_here"');
    expect(await ctx.db.selectFrom('business_invitations').selectAll().execute()).toEqual([]);
  });

  it('lets staff admins remove staff and grant or revoke admin, but not leave the business without one', async () => {
    const business = await createBusiness(owner.agent, { name: 'Rättighetsverket' });
    await addToStaff(owner.agent, anna.agent, business.slug, anna.username);
    await addToStaff(owner.agent, bo.agent, business.slug, bo.username);
    expect((await anna.agent.post(`/b/${business.slug}/staff/remove`).set('accept', JSON_ACCEPT).send({ username: bo.username })).status).toBe(403);

    const granted = await owner.agent.post(`/b/${business.slug}/staff/grant-admin`).set('accept', JSON_ACCEPT).send({ username: anna.username });
    expect(granted.status).toBe(200);
    expect(granted.body.staff.filter((staff: { isAdmin: boolean }) => staff.isAdmin).map((staff: { username: string }) => staff.username)).toEqual([
      owner.username,
      anna.username,
    ]);
    // Now an admin, Anna may edit the page and remove Bo.
    expect((await anna.agent.post(`/b/${business.slug}/edit`).set('accept', JSON_ACCEPT).send({ name: 'Rättighetsverket' })).status).toBe(200);
    const removed = await anna.agent.post(`/b/${business.slug}/staff/remove`).set('accept', JSON_ACCEPT).send({ username: bo.username });
    expect(removed.status).toBe(200);
    expect(removed.body.staff.map((staff: { username: string }) => staff.username)).toEqual([owner.username, anna.username]);
    const notStaff = await anna.agent.post(`/b/${business.slug}/staff/remove`).set('accept', JSON_ACCEPT).send({ username: bo.username });
    expect(notStaff.status).toBe(400);
    expect(Object.keys(notStaff.body.fields)).toEqual(['username']);

    await owner.agent.post(`/b/${business.slug}/staff/revoke-admin`).set('accept', JSON_ACCEPT).send({ username: anna.username }).expect(200);
    const lastAdmin = await owner.agent.post(`/b/${business.slug}/staff/revoke-admin`).set('accept', JSON_ACCEPT).send({ username: owner.username });
    expect(lastAdmin.status).toBe(400);
    expect(Object.keys(lastAdmin.body.fields)).toEqual(['username']);
    expect((await staffOf(guest(ctx), business.slug)).filter((staff) => staff.isAdmin).map((staff) => staff.username)).toEqual([owner.username]);
  });

  it('hands the business to the staff member who joined first when its last admin leaves, and deletes it when nobody is left', async () => {
    const business = await createBusiness(owner.agent, { name: 'Arvingarna' });
    await addToStaff(owner.agent, anna.agent, business.slug, anna.username);
    await addToStaff(owner.agent, bo.agent, business.slug, bo.username);

    const left = await owner.agent.post(`/b/${business.slug}/leave`).set('accept', HTML).type('form').send({});
    expect(left.status).toBe(303);
    expect(await staffOf(guest(ctx), business.slug)).toEqual([
      { username: anna.username, displayName: 'Anna Guide', role: 'guide', isAdmin: true },
      { username: bo.username, displayName: 'Bo Kock', role: 'guide', isAdmin: false },
    ]);
    // Not on the staff any more: nothing to leave.
    expect((await owner.agent.post(`/b/${business.slug}/leave`).set('accept', JSON_ACCEPT)).status).toBe(404);

    expect((await bo.agent.post(`/b/${business.slug}/leave`).set('accept', JSON_ACCEPT)).body).toEqual({ slug: business.slug, businessDeleted: false });
    const last = await anna.agent.post(`/b/${business.slug}/leave`).set('accept', JSON_ACCEPT);
    expect(last.body).toEqual({ slug: business.slug, businessDeleted: true });
    expect((await guest(ctx).get(`/b/${business.slug}`).set('accept', HTML)).status).toBe(404);
    expect(await ctx.db.selectFrom('businesses').select('id').where('slug', '=', business.slug).executeTakeFirst()).toBeUndefined();
  });

  it('leaves the business with an admin when both its admins leave at the same moment', async () => {
    const business = await createBusiness(owner.agent, { name: 'Samtidigt' });
    await addToStaff(owner.agent, anna.agent, business.slug, anna.username);
    await addToStaff(owner.agent, bo.agent, business.slug, bo.username);
    await owner.agent.post(`/b/${business.slug}/staff/grant-admin`).set('accept', JSON_ACCEPT).send({ username: anna.username }).expect(200);

    const answers = await Promise.all([owner, anna].map((member) => member.agent.post(`/b/${business.slug}/leave`).set('accept', JSON_ACCEPT)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(await staffOf(guest(ctx), business.slug)).toEqual([{ username: bo.username, displayName: 'Bo Kock', role: 'guide', isAdmin: true }]);
  });

  it('shows its admins the tools and the waiting invitations, its staff the way out', async () => {
    const business = await createBusiness(owner.agent, { name: 'Verktygsladan' });
    await addToStaff(owner.agent, anna.agent, business.slug, anna.username);
    await invite(owner, business.slug, bo.username, 'kock').expect(200);

    const forAdmin = await owner.agent.get(`/b/${business.slug}`).set('accept', HTML).set('accept-language', 'en');
    expect(forAdmin.text).toContain('Make Anna Guide a staff admin');
    expect(forAdmin.text).toContain('Remove Anna Guide from the staff');
    expect(forAdmin.text).toContain('Invitations waiting for an answer');
    expect(forAdmin.text).toContain('<a class="person-link" href="/u/staff_bo">Bo Kock</a> <span>· kock</span>');
    expect(forAdmin.text).toContain(`action="/b/${business.slug}/invitations"`);
    expect(forAdmin.text).toContain('Withdraw the invitation to Bo Kock');
    expect((await anna.agent.post(`/b/${business.slug}/invitations/withdraw`).set('accept', JSON_ACCEPT).send({ username: bo.username })).status).toBe(403);

    // An admin takes an invitation back: it no longer waits in Bo's notifications.
    const withdrawn = await owner.agent.post(`/b/${business.slug}/invitations/withdraw`).set('accept', HTML).type('form').send({ username: bo.username });
    expect(withdrawn.status).toBe(303);
    expect((await notifications(bo)).invitations.map((invitation) => invitation.business.slug)).not.toContain(business.slug);
    const none = await owner.agent.post(`/b/${business.slug}/invitations/withdraw`).set('accept', JSON_ACCEPT).send({ username: bo.username });
    expect(none.status).toBe(400);
    expect(Object.keys(none.body.fields)).toEqual(['username']);

    const forStaff = await anna.agent.get(`/b/${business.slug}`).set('accept', HTML).set('accept-language', 'en');
    expect(forStaff.text).toContain(`action="/b/${business.slug}/leave"`);
    expect(forStaff.text).not.toContain('Remove Olle Ägare from the staff');
    expect(forStaff.text).not.toContain('Invitations waiting for an answer');
    expect(forStaff.text).not.toContain(`action="/b/${business.slug}/invitations"`);
  });
});
