// Conveners in the open: admins appoint and remove, a convener (or an admin) invites a co-convener, who
// accepts or declines from their notifications; every change of who convenes is in the public log, and
// the network's page names its conveners. The convener's guide, for everyone, linked from every tool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, startThread } from '../helpers/forum.js';

interface LogEntry {
  action: string;
  actor: { username: string } | null;
  account: { username: string } | null;
}

describe('convener appointment and invitations', () => {
  let ctx: TestContext;
  let admin: Member;
  let karin: Member;
  let otherConvener: Member;
  let member: Member;
  let bo: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { displayName: 'Forum Admin' });
    karin = await signUp(ctx, { username: 'inv_karin', displayName: 'Karin Kajak' });
    otherConvener = await signUp(ctx, { username: 'inv_fiske' });
    member = await signUp(ctx, { username: 'inv_member' });
    bo = await signUp(ctx, { username: 'inv_bo', displayName: 'Bo Paddel' });
    await networksWithConveners(admin.agent, {
      kajak: { name: 'Kajak', convener: karin.username },
      fiske: { name: 'Fiske', convener: otherConvener.username },
    });
  });
  afterAll(() => ctx.close());

  const invite = (by: Member, username: string, network = 'kajak') =>
    by.agent.post(`/n/${network}/conveners/invitations`).set('accept', JSON_ACCEPT).send({ username });
  const answer = (by: Member, what: 'accept' | 'decline', network = 'kajak') =>
    by.agent.post(`/n/${network}/conveners/invitations/${what}`).set('accept', JSON_ACCEPT);
  const notifications = async (who: Member) => {
    const response = await who.agent.get('/notifications').set('accept', JSON_ACCEPT);
    expect(response.status).toBe(200);
    return response.body as { unread: number; convenerInvitations: Array<{ network: { slug: string; name: string }; invitedBy: { username: string } | null }> };
  };
  const conveners = async (network = 'kajak') => {
    const rows = await ctx.db
      .selectFrom('conveners')
      .innerJoin('networks', 'networks.id', 'conveners.network_id')
      .innerJoin('accounts', 'accounts.id', 'conveners.account_id')
      .select('accounts.username')
      .where('networks.slug', '=', network)
      .orderBy('accounts.username')
      .execute();
    return rows.map((row) => row.username);
  };
  const log = async (network = 'kajak') => {
    const response = await guest(ctx).get(`/n/${network}/log`).set('accept', JSON_ACCEPT);
    expect(response.status).toBe(200);
    return (response.body as { entries: LogEntry[] }).entries.map((entry) => ({
      action: entry.action,
      actor: entry.actor?.username ?? null,
      account: entry.account?.username ?? null,
    }));
  };
  const invitationRows = () => ctx.db.selectFrom('convener_invitations').selectAll().execute();

  it('shows a convener’s invitation in the invitee’s notifications until accepted, then logs the new convener', async () => {
    const sent = await invite(karin, bo.username);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ network: 'kajak', username: bo.username, invited: true });
    // Inviting again leaves the waiting invitation as it was.
    const again = await invite(karin, bo.username);
    expect(again.status).toBe(200);
    expect(again.body.invited).toBe(false);

    expect(await notifications(bo)).toMatchObject({
      unread: 1,
      convenerInvitations: [{ network: { slug: 'kajak', name: 'Kajak' }, invitedBy: { username: karin.username, displayName: 'Karin Kajak' } }],
    });
    const page = await bo.agent.get('/notifications').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('<a class="person-link" href="/u/inv_karin">Karin Kajak</a> invites you to convene Kajak together.');
    expect(page.text).toContain('action="/n/kajak/conveners/invitations/accept"');
    expect(page.text).toContain('action="/n/kajak/conveners/invitations/decline"');
    expect(page.text).toContain('href="/guide/conveners"');
    expect(page.text).toMatch(/<span class="unread-count"[^>]*>1<\/span>/);
    // Marking read does not answer it, so the page offers no such button.
    expect(page.text).not.toContain('action="/notifications/read"');
    expect((await notifications(member)).convenerInvitations).toEqual([]);
    // The conveners page lists it, with a way to take it back.
    const forKarin = await karin.agent.get('/n/kajak/conveners').set('accept', HTML).set('accept-language', 'en');
    expect(forKarin.text).toContain('Invitations waiting for an answer');
    expect(forKarin.text).toContain('Withdraw the invitation to Bo Paddel');
    // Nothing in the log yet: an invitation changes nobody's role.
    expect(await log()).toEqual([{ action: 'appoint', actor: admin.username, account: karin.username }]);

    // A guest's cached board names Karin alone, and drops that page when Bo accepts.
    expect((await guest(ctx).get('/n/kajak').set('accept', HTML)).text).not.toContain('href="/u/inv_bo"');
    const accepted = await bo.agent.post('/n/kajak/conveners/invitations/accept').set('accept', HTML).type('form').send({});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe('/guide/conveners');
    expect(await conveners()).toEqual([bo.username, karin.username]);
    // Whoever convenes a network is among its members, following its board.
    const members = await guest(ctx).get('/n/kajak/members').set('accept', JSON_ACCEPT);
    expect(members.body.members.map((person: { username: string }) => person.username)).toContain(bo.username);
    expect(await invitationRows()).toEqual([]);
    expect(await notifications(bo)).toMatchObject({ unread: 0, convenerInvitations: [] });
    expect(await log()).toEqual([
      { action: 'accept-convener', actor: bo.username, account: karin.username },
      { action: 'appoint', actor: admin.username, account: karin.username },
    ]);
    const logPage = await guest(ctx).get('/n/kajak/log').set('accept', HTML).set('accept-language', 'en');
    expect(logPage.text).toContain('accepted an invitation to convene, from');
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML);
    expect(board.text).toContain('<a class="person-link" href="/u/inv_bo">Bo Paddel</a>');
    // Bo convenes now: the conveners' tools open to him.
    expect((await bo.agent.get('/n/kajak/review').set('accept', JSON_ACCEPT)).status).toBe(200);
    // Already a convener: no second invitation.
    const twice = await invite(karin, bo.username);
    expect(twice.status).toBe(400);
    expect(Object.keys(twice.body.fields)).toEqual(['username']);
  });

  it('takes a declined invitation away with no convener and no log row', async () => {
    await invite(karin, member.username).expect(200);
    const declined = await answer(member, 'decline');
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({ network: 'kajak', accepted: false });
    expect(await invitationRows()).toEqual([]);
    expect(await conveners()).not.toContain(member.username);
    expect((await log()).map((entry) => entry.account)).not.toContain(member.username);
    expect((await log()).map((entry) => entry.actor)).not.toContain(member.username);
    expect(await notifications(member)).toMatchObject({ unread: 0, convenerInvitations: [] });
    // Without an invitation there is nothing to answer.
    expect((await answer(member, 'accept')).status).toBe(404);
    expect((await answer(member, 'decline')).status).toBe(404);
    // A browser's decline goes back to the notifications.
    await invite(karin, member.username).expect(200);
    const fromPage = await member.agent.post('/n/kajak/conveners/invitations/decline').set('accept', HTML).type('form').send({});
    expect(fromPage.status).toBe(303);
    expect(fromPage.headers.location).toBe('/notifications');
  });

  it('makes one convener and one log row when an invitation is accepted several times at once', async () => {
    const racer = await signUp(ctx, { username: 'inv_racer' });
    await invite(karin, racer.username, 'kajak').expect(200);
    const answers = await Promise.all([1, 2, 3].map(() => answer(racer, 'accept')));
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200]);
    expect((await conveners()).filter((username) => username === racer.username)).toEqual([racer.username]);
    expect((await log()).filter((entry) => entry.actor === racer.username)).toEqual([
      { action: 'accept-convener', actor: racer.username, account: karin.username },
    ]);
    expect(await invitationRows()).toEqual([]);
  });

  it('lets only the network’s conveners and admins invite and withdraw, and names the field for unknown, deleted and convening members', async () => {
    const target = await signUp(ctx, { username: 'inv_target' });
    // A member, and a convener of another network, may not.
    expect((await invite(member, target.username)).status).toBe(403);
    expect((await invite(otherConvener, target.username)).status).toBe(403);
    expect(await invitationRows()).toEqual([]);
    // An admin may, on any network.
    expect((await invite(admin, target.username, 'fiske')).status).toBe(200);
    expect((await notifications(target)).convenerInvitations.map((invitation) => invitation.network.slug)).toEqual(['fiske']);

    for (const username of ['nobody_here', karin.username]) {
      const refused = await invite(karin, username);
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.fields)).toEqual(['username']);
    }
    const gone = await signUp(ctx, { username: 'inv_gone' });
    await ctx.db.updateTable('accounts').set({ deleted_at: new Date(), email: null }).where('username', '=', gone.username).execute();
    expect((await invite(karin, gone.username)).status).toBe(400);

    // A browser sees the conveners page again, the message beside the field and the text kept.
    const page = await karin.agent
      .post('/n/kajak/conveners/invitations')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ username: 'nobody_here' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('There is no account with that username');
    expect(page.text).toContain('value="nobody_here"');

    // Withdrawing: the inviter's side only; 400 on username when nothing waits.
    expect((await member.agent.post('/n/fiske/conveners/invitations/withdraw').set('accept', JSON_ACCEPT).send({ username: target.username })).status).toBe(
      403,
    );
    const withdrawn = await otherConvener.agent.post('/n/fiske/conveners/invitations/withdraw').set('accept', JSON_ACCEPT).send({ username: target.username });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ network: 'fiske', username: target.username });
    expect(await notifications(target)).toMatchObject({ unread: 0, convenerInvitations: [] });
    const nothing = await otherConvener.agent.post('/n/fiske/conveners/invitations/withdraw').set('accept', JSON_ACCEPT).send({ username: target.username });
    expect(nothing.status).toBe(400);
    expect(Object.keys(nothing.body.fields)).toEqual(['username']);
    expect((await answer(target, 'accept', 'fiske')).status).toBe(404);
  });

  it('logs an admin’s appointing and removing, and an appointment answers a waiting invitation', async () => {
    await networksWithConveners(admin.agent, { klatter: { name: 'Klätter' } });
    const klara = await signUp(ctx, { username: 'inv_klara' });
    await invite(admin, klara.username, 'klatter').expect(200);
    await admin.agent.post('/n/klatter/conveners').set('accept', JSON_ACCEPT).send({ username: klara.username }).expect(200);
    expect(await invitationRows()).toEqual([]);
    expect(await notifications(klara)).toMatchObject({ unread: 0, convenerInvitations: [] });
    await admin.agent.post(`/n/klatter/conveners/${klara.username}/remove`).set('accept', JSON_ACCEPT).expect(200);
    expect(await log('klatter')).toEqual([
      { action: 'remove-convener', actor: admin.username, account: klara.username },
      { action: 'appoint', actor: admin.username, account: klara.username },
    ]);
    // Only admins appoint and remove; a convener invites instead.
    expect((await karin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: klara.username })).status).toBe(403);
    expect((await karin.agent.post(`/n/kajak/conveners/${bo.username}/remove`).set('accept', JSON_ACCEPT)).status).toBe(403);
  });

  it('offers conveners the invite form and admins also appointing at once, each linking the guide', async () => {
    const forConvener = await karin.agent.get('/n/kajak/conveners').set('accept', HTML).set('accept-language', 'en');
    expect(forConvener.status).toBe(200);
    expect(forConvener.text).toContain('action="/n/kajak/conveners/invitations"');
    expect(forConvener.text).not.toContain('formaction="/n/kajak/conveners"');
    expect(forConvener.text).toContain('href="/guide/conveners"');
    const forAdmin = await admin.agent.get('/n/kajak/conveners').set('accept', HTML).set('accept-language', 'en');
    expect(forAdmin.text).toContain('formaction="/n/kajak/conveners"');
    expect(forAdmin.text).toContain('Appoint at once');
    expect((await member.agent.get('/n/kajak/conveners').set('accept', HTML)).status).toBe(403);
    const json = await karin.agent.get('/n/kajak/conveners').set('accept', JSON_ACCEPT);
    expect(json.body).toEqual({ network: 'kajak', conveners: expect.any(Array), invitations: [] });

    // Every convener tool links the guide: the review queue, the hide form, the rules form, the board's Tools menu.
    const thread = await startThread(member.agent, 'kajak');
    for (const path of ['/n/kajak/review', `/p/${thread.posts[0]!.id}/hide`, '/n/kajak/rules', '/n/kajak']) {
      expect((await karin.agent.get(path).set('accept', HTML)).text, path).toContain('href="/guide/conveners"');
    }
  });

  it('serves the convener’s guide to anyone, in Swedish, Danish and English', async () => {
    const titles = { sv: 'Guide för sammankallande', da: 'Guide for tovholdere', en: 'A convener’s guide' };
    for (const [locale, title] of Object.entries(titles)) {
      const page = await guest(ctx).get('/guide/conveners').set('accept', HTML).set('accept-language', locale);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<h1>${title}</h1>`);
    }
    const json = await guest(ctx).get('/guide/conveners').set('accept', JSON_ACCEPT).set('accept-language', 'en');
    expect(json.body.sections.map((section: { id: string }) => section.id)).toEqual([
      'what',
      'sharing',
      'welcome',
      'meet',
      'relevant',
      'hide',
      'admin',
      'tools',
    ]);
    expect(json.body.sections.find((section: { id: string }) => section.id === 'hide').title).toBe('When to hide and when to talk');
  });
});
