// Network proposals: anyone signed in proposes (each field checked, a slug a network or an open proposal
// has refused), admins are told, members say "I'd join" (once each, however many at once), and only an
// admin decides — approving makes the network with the proposer convening and those who would join as
// members, all told; declining tells the proposer why. A proposal is decided once, whoever races.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';

interface Proposal {
  id: number;
  name: string;
  slug: string;
  status: string;
  supporters: number;
  supporting: boolean | null;
  network: { slug: string; name: string } | null;
  declineReason: string | null;
}

interface Notice {
  id: number;
  kind: string;
  unread: boolean;
  proposal: { id: number; name: string };
  network: { slug: string; name: string } | null;
  proposer: { username: string } | null;
  reason: string | null;
  text: string;
  href: string;
}

describe('network proposals', () => {
  let ctx: TestContext;
  let admin: Member;
  let secondAdmin: Member;
  let proposer: Member;
  let colleague: Member;
  let convener: Member;
  let sequence = 0;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'prop_admin', displayName: 'Maja Admin' });
    secondAdmin = await signUp(ctx, { username: 'prop_admin2' });
    await ctx.db.updateTable('accounts').set({ role: 'admin' }).where('username', '=', secondAdmin.username).execute();
    proposer = await signUp(ctx, { username: 'prop_nora', displayName: 'Nora Lind' });
    colleague = await signUp(ctx, { username: 'prop_amir', displayName: 'Amir Haddad' });
    convener = await signUp(ctx, { username: 'prop_jonas' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: convener.username }).expect(200);
  });
  afterAll(() => ctx.close());

  /** A complete proposal's fields, with a slug of its own unless given. */
  function fields(overrides: Record<string, unknown> = {}) {
    sequence += 1;
    return {
      name: `Nätverk ${sequence}`,
      slug: `forslag-${sequence}`,
      audience: 'food producers and restaurants',
      purpose: 'Sharing suppliers and menus.',
      notFor: 'Selling to guests.',
      ...overrides,
    };
  }

  const propose = (by: Member, body: Record<string, unknown>) =>
    by.agent.post('/networks/propose').set('accept', JSON_ACCEPT).set('accept-language', 'en').send(body);

  async function proposed(by: Member = proposer, overrides: Record<string, unknown> = {}): Promise<Proposal> {
    const response = await propose(by, fields(overrides));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as Proposal;
  }

  const act = (by: Member, id: number, action: 'support' | 'unsupport' | 'approve') =>
    by.agent.post(`/networks/proposals/${id}/${action}`).set('accept', JSON_ACCEPT).set('accept-language', 'en');
  const decline = (by: Member, id: number, reason?: string) =>
    by.agent
      .post(`/networks/proposals/${id}/decline`)
      .set('accept', JSON_ACCEPT)
      .send(reason === undefined ? {} : { reason });

  const notices = async (who: Member) => {
    const response = await who.agent.get('/notifications').set('accept', JSON_ACCEPT);
    expect(response.status).toBe(200);
    return response.body as { unread: number; proposalNotices: Notice[] };
  };
  const proposalPage = async (id: number, who?: Member) => {
    const response = await (who ? who.agent : guest(ctx)).get(`/networks/proposals/${id}`).set('accept', JSON_ACCEPT);
    expect(response.status).toBe(200);
    return response.body as { proposal: Proposal; supporters: Array<{ username: string }>; canDecide: boolean };
  };
  const accountId = async (username: string) =>
    (await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const membersOf = async (slug: string) => {
    const rows = await ctx.db
      .selectFrom('network_members')
      .innerJoin('networks', 'networks.id', 'network_members.network_id')
      .innerJoin('accounts', 'accounts.id', 'network_members.account_id')
      .select('accounts.username')
      .where('networks.slug', '=', slug)
      .orderBy('accounts.username')
      .execute();
    return rows.map((row) => row.username);
  };

  describe('proposing', () => {
    it('offers the form to members and sends guests to sign in', async () => {
      const form = await proposer.agent.get('/networks/propose').set('accept', HTML).set('accept-language', 'en');
      expect(form.status).toBe(200);
      expect(form.text).toContain('<form method="post" action="/networks/propose"');
      for (const name of ['name', 'slug', 'audience', 'purpose', 'notFor', 'wantsHelp']) expect(form.text).toContain(`name="${name}"`);
      const asGuest = await guest(ctx).get('/networks/propose').set('accept', HTML);
      expect(asGuest.status).toBe(303);
      expect(asGuest.headers.location).toBe('/login?next=%2Fnetworks%2Fpropose');
      expect((await guest(ctx).post('/networks/propose').set('accept', JSON_ACCEPT).send(fields())).status).toBe(401);
    });

    it.each([
      ['name', { name: 'A' }],
      ['name', { name: undefined }],
      ['slug', { slug: 'Not A Slug' }],
      ['slug', { slug: 'x' }],
      ['audience', { audience: undefined }],
      ['audience', { audience: 'x'.repeat(121) }],
      ['purpose', { purpose: undefined }],
      ['purpose', { purpose: 'x'.repeat(1001) }],
      ['notFor', { notFor: '   ' }],
      ['notFor', { notFor: 'x'.repeat(801) }],
    ])('answers 400 naming %s for %j', async (field, overrides) => {
      const body = Object.fromEntries(Object.entries(fields(overrides) as Record<string, unknown>).filter(([, value]) => value !== undefined));
      const response = await propose(proposer, body);
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual([field]);
    });

    it('refuses a slug a network has, or an open proposal claims, on the slug field; a declined proposal frees its slug', async () => {
      const network = await propose(proposer, fields({ slug: 'kajak' }));
      expect(network.status).toBe(400);
      expect(network.body.fields).toEqual({ slug: 'A network already has this address.' });
      const first = await proposed(proposer, { slug: 'smak' });
      const again = await propose(colleague, fields({ slug: 'smak' }));
      expect(again.status).toBe(400);
      expect(Object.keys(again.body.fields)).toEqual(['slug']);
      await decline(admin, first.id, 'Too close to Kajak').expect(200);
      expect((await propose(colleague, fields({ slug: 'smak' }))).status).toBe(201);
    });

    it('makes one proposal of two sent at once for one slug', async () => {
      const answers = await Promise.all([propose(proposer, fields({ slug: 'samtidig' })), propose(colleague, fields({ slug: 'samtidig' }))]);
      expect(answers.map((response) => response.status).sort()).toEqual([201, 400]);
      expect(await ctx.db.selectFrom('network_proposals').select('id').where('slug', '=', 'samtidig').execute()).toHaveLength(1);
    });

    it('refuses a member suspended from the forum (403 saying until when), not one barred from a network', async () => {
      const suspended = await signUp(ctx, { username: 'prop_suspended' });
      await admin.agent.post(`/u/${suspended.username}/suspend`).set('accept', JSON_ACCEPT).send({ days: 3, reason: 'Cooling off' }).expect(200);
      const refused = await propose(suspended, fields());
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('Cooling off');
      const barred = await signUp(ctx, { username: 'prop_barred' });
      await convener.agent.post('/n/kajak/bar').set('accept', JSON_ACCEPT).send({ username: barred.username, days: 3, reason: 'Off topic' }).expect(200);
      expect((await propose(barred, fields())).status).toBe(201);
    });

    it('shows a refused form again with the text kept and the error beside the field', async () => {
      const response = await proposer.agent
        .post('/networks/propose')
        .set('accept', HTML)
        .set('accept-language', 'en')
        .type('form')
        .send({ ...fields({ slug: 'kajak' }), wantsHelp: 'true' });
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/name="slug"[^>]*aria-invalid="true"/);
      expect(response.text).toContain('A network already has this address.');
      expect(response.text).toContain('Sharing suppliers and menus.');
      expect(response.text).toMatch(/name="wantsHelp" value="true"[^>]*checked/);
    });

    it('answers 201 with the proposal, or a browser the proposal’s page, and lists it first among the open ones', async () => {
      const body = fields({ name: 'Fotonätverket', wantsHelp: true });
      const created = await propose(proposer, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Fotonätverket',
        slug: body.slug,
        audience: body.audience,
        purpose: body.purpose,
        notFor: body.notFor,
        wantsHelp: true,
        status: 'open',
        proposer: { username: proposer.username, displayName: 'Nora Lind' },
        supporters: 0,
        supporting: true,
        decidedAt: null,
        decidedBy: null,
        declineReason: null,
        network: null,
      });
      const browser = await proposer.agent.post('/networks/propose').set('accept', HTML).type('form').send(fields());
      expect(browser.status).toBe(303);
      expect(browser.headers.location).toMatch(/^\/networks\/proposals\/\d+$/);
      const list = await guest(ctx).get('/networks/proposals').set('accept', JSON_ACCEPT);
      expect(list.status).toBe(200);
      expect(list.body.open[1]).toMatchObject({ id: created.body.id, supporting: null });
      const page = await guest(ctx).get('/networks/proposals').set('accept', HTML).set('accept-language', 'en');
      expect(page.text).toContain('Fotonätverket');
      expect(page.text).toContain('Sign in to propose a network');
    });

    it('tells every admin but the proposer of a new proposal, counted as unread until opened or marked read', async () => {
      const before = (await notices(admin)).unread;
      const proposal = await proposed(proposer, { name: 'Cykelnätverket' });
      const forAdmin = await notices(admin);
      expect(forAdmin.unread).toBe(before + 1);
      expect(forAdmin.proposalNotices[0]).toMatchObject({
        kind: 'proposed',
        unread: true,
        proposal: { id: proposal.id, name: 'Cykelnätverket' },
        proposer: { username: proposer.username },
        network: null,
        reason: null,
      });
      const page = await admin.agent.get('/notifications').set('accept', HTML).set('accept-language', 'en');
      expect(page.text).toContain('<a class="person-link" href="/u/prop_nora">Nora Lind</a> proposes a new network: Cykelnätverket.');
      expect((await notices(secondAdmin)).proposalNotices[0]).toMatchObject({ kind: 'proposed', proposal: { id: proposal.id } });
      expect((await notices(colleague)).proposalNotices.filter((notice) => notice.kind === 'proposed')).toEqual([]);
      // An admin's own proposal tells the other admins only.
      const own = await proposed(admin);
      expect((await notices(admin)).proposalNotices.map((notice) => notice.proposal.id)).not.toContain(own.id);
      expect((await notices(secondAdmin)).proposalNotices[0]).toMatchObject({ kind: 'proposed', proposal: { id: own.id } });

      // Opening it leads to the proposal and marks it read.
      const opened = await admin.agent.get(forAdmin.proposalNotices[0]!.href).set('accept', HTML);
      expect(opened.status).toBe(303);
      expect(opened.headers.location).toBe(`/networks/proposals/${proposal.id}`);
      expect((await notices(admin)).unread).toBe(before);
      // Someone else's notice is nobody's business.
      expect((await colleague.agent.get(forAdmin.proposalNotices[0]!.href).set('accept', HTML)).status).toBe(404);
      // "Mark all read" marks them read too.
      expect((await notices(secondAdmin)).unread).toBeGreaterThan(0);
      const marked = await secondAdmin.agent.post('/notifications/read').set('accept', JSON_ACCEPT).send({});
      expect(marked.status).toBe(200);
      expect(marked.body).toEqual({ unread: 0 });
      expect((await notices(secondAdmin)).proposalNotices.every((notice) => !notice.unread)).toBe(true);
    });
  });

  describe('saying “I’d join”', () => {
    it('is a toggle, one row per member, and the proposer supports by proposing', async () => {
      const proposal = await proposed();
      const first = await act(colleague, proposal.id, 'support');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ proposal: proposal.id, supporters: 1, supporting: true });
      expect((await act(colleague, proposal.id, 'support')).body).toEqual({ proposal: proposal.id, supporters: 1, supporting: true });
      expect((await proposalPage(proposal.id, colleague)).proposal).toMatchObject({ supporters: 1, supporting: true });
      expect((await proposalPage(proposal.id)).supporters.map((supporter) => supporter.username)).toEqual([colleague.username]);
      expect((await act(colleague, proposal.id, 'unsupport')).body).toEqual({ proposal: proposal.id, supporters: 0, supporting: false });
      expect((await act(colleague, proposal.id, 'unsupport')).body).toEqual({ proposal: proposal.id, supporters: 0, supporting: false });
      // The proposer counts already, without a row; taking it back is refused.
      expect((await act(proposer, proposal.id, 'support')).body).toEqual({ proposal: proposal.id, supporters: 0, supporting: true });
      expect((await act(proposer, proposal.id, 'unsupport')).status).toBe(409);
      expect(await ctx.db.selectFrom('network_proposal_supporters').select('account_id').where('proposal_id', '=', proposal.id).execute()).toEqual([]);
      // A guest is asked to sign in; a proposal that does not exist is not found.
      expect((await guest(ctx).post(`/networks/proposals/${proposal.id}/support`).set('accept', JSON_ACCEPT)).status).toBe(401);
      expect((await act(colleague, 999_999, 'support')).status).toBe(404);
      // A browser goes back to the proposal, which offers to take it back.
      const browser = await colleague.agent.post(`/networks/proposals/${proposal.id}/support`).set('accept', HTML).type('form').send({});
      expect(browser.status).toBe(303);
      expect(browser.headers.location).toBe(`/networks/proposals/${proposal.id}`);
      const page = await colleague.agent.get(`/networks/proposals/${proposal.id}`).set('accept', HTML).set('accept-language', 'en');
      expect(page.text).toContain(`action="/networks/proposals/${proposal.id}/unsupport"`);
      expect(page.text).toContain('1 more would join');
    });

    it('counts 20 members saying so at once as 20', async () => {
      const proposal = await proposed();
      const members = await Promise.all(Array.from({ length: 20 }, (_, index) => signUp(ctx, { username: `prop_many_${index}` })));
      const answers = await Promise.all(members.map((member) => act(member, proposal.id, 'support')));
      expect(answers.map((response) => response.status)).toEqual(Array(20).fill(200));
      const rows = await ctx.db.selectFrom('network_proposal_supporters').select('account_id').where('proposal_id', '=', proposal.id).execute();
      expect(rows).toHaveLength(20);
      expect((await proposalPage(proposal.id)).proposal.supporters).toBe(20);
    });
  });

  describe('deciding', () => {
    it('is for admins only: 403 for members and conveners, sign-in for guests', async () => {
      const proposal = await proposed();
      for (const who of [colleague, convener, proposer]) {
        expect((await act(who, proposal.id, 'approve')).status).toBe(403);
        expect((await decline(who, proposal.id, 'No')).status).toBe(403);
      }
      expect((await guest(ctx).post(`/networks/proposals/${proposal.id}/approve`).set('accept', JSON_ACCEPT)).status).toBe(401);
      const browser = await guest(ctx).post(`/networks/proposals/${proposal.id}/approve`).set('accept', HTML).type('form').send({});
      expect(browser.status).toBe(303);
      expect(browser.headers.location).toMatch(/^\/login/);
      expect((await proposalPage(proposal.id, colleague)).canDecide).toBe(false);
      expect((await proposalPage(proposal.id, admin)).canDecide).toBe(true);
      const page = await colleague.agent.get(`/networks/proposals/${proposal.id}`).set('accept', HTML);
      expect(page.text).not.toContain('/approve"');
      expect((await proposalPage(proposal.id)).proposal.status).toBe('open');
    });

    it('approving makes the network, its convener (logged) and members following it, and tells them', async () => {
      const proposal = await proposed(proposer, { name: 'Vinnätverket', audience: 'wine makers', purpose: 'Tastings together.', notFor: 'Beer.' });
      await act(colleague, proposal.id, 'support').expect(200);
      const adminNotice = (await notices(admin)).proposalNotices.find((notice) => notice.proposal.id === proposal.id)!;
      expect(adminNotice.unread).toBe(true);

      const approved = await act(admin, proposal.id, 'approve');
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        network: { slug: proposal.slug, name: 'Vinnätverket' },
        decidedBy: { username: admin.username },
        declineReason: null,
      });
      const network = await guest(ctx).get(`/n/${proposal.slug}`).set('accept', JSON_ACCEPT);
      expect(network.status).toBe(200);
      expect(network.body.network).toMatchObject({ name: 'Vinnätverket', audience: 'wine makers', posting: 'anyone' });
      expect(network.body.network.description).toContain('Tastings together.');
      expect(network.body.network.description).toContain('Beer.');
      expect(await membersOf(proposal.slug)).toEqual([colleague.username, proposer.username].sort());
      const follows = await ctx.db
        .selectFrom('follows')
        .innerJoin('networks', 'networks.id', 'follows.network_id')
        .innerJoin('accounts', 'accounts.id', 'follows.account_id')
        .select(['accounts.username', 'follows.level'])
        .where('networks.slug', '=', proposal.slug)
        .orderBy('accounts.username')
        .execute();
      expect(follows).toEqual([colleague.username, proposer.username].sort().map((username) => ({ username, level: 'threads' })));
      const conveners = await ctx.db
        .selectFrom('conveners')
        .innerJoin('networks', 'networks.id', 'conveners.network_id')
        .select(['conveners.account_id', 'conveners.appointed_by_id'])
        .where('networks.slug', '=', proposal.slug)
        .execute();
      expect(conveners).toEqual([{ account_id: await accountId(proposer.username), appointed_by_id: await accountId(admin.username) }]);
      const log = await guest(ctx).get(`/n/${proposal.slug}/log`).set('accept', JSON_ACCEPT);
      expect(
        (log.body.entries as Array<{ action: string; actor: { username: string }; account: { username: string } }>).map((entry) => ({
          action: entry.action,
          actor: entry.actor.username,
          account: entry.account.username,
        })),
      ).toEqual([{ action: 'appoint', actor: admin.username, account: proposer.username }]);
      // The proposer convenes: the conveners' tools open to them.
      expect((await proposer.agent.get(`/n/${proposal.slug}/review`).set('accept', JSON_ACCEPT)).status).toBe(200);

      const forProposer = (await notices(proposer)).proposalNotices.find((notice) => notice.proposal.id === proposal.id)!;
      expect(forProposer).toMatchObject({ kind: 'approved', unread: true, network: { slug: proposal.slug, name: 'Vinnätverket' } });
      const forColleague = (await notices(colleague)).proposalNotices.find((notice) => notice.proposal.id === proposal.id)!;
      expect(forColleague).toMatchObject({ kind: 'joined', unread: true, network: { slug: proposal.slug } });
      const opened = await colleague.agent.get(forColleague.href).set('accept', HTML);
      expect(opened.headers.location).toBe(`/n/${proposal.slug}`);
      // Decided, it waits for no admin.
      expect((await notices(admin)).proposalNotices.find((notice) => notice.proposal.id === proposal.id)!.unread).toBe(false);
      // The proposal says what became of it, and takes no more support.
      const page = await guest(ctx).get(`/networks/proposals/${proposal.id}`).set('accept', HTML).set('accept-language', 'en');
      expect(page.text).toContain(`Approved. The network is open: <a href="/n/${proposal.slug}">Vinnätverket</a>.`);
      expect((await act(convener, proposal.id, 'support')).status).toBe(409);
    });

    it('a browser’s approval lands on the new board', async () => {
      const proposal = await proposed();
      const response = await admin.agent.post(`/networks/proposals/${proposal.id}/approve`).set('accept', HTML).type('form').send({});
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(`/n/${proposal.slug}`);
    });

    it('declining needs a reason, and tells the proposer it', async () => {
      const proposal = await proposed(proposer, { name: 'Dubblettnätverket' });
      await act(colleague, proposal.id, 'support').expect(200);
      for (const reason of [undefined, '   ', 'x'.repeat(501)]) {
        const refused = await decline(admin, proposal.id, reason);
        expect(refused.status).toBe(400);
        expect(Object.keys(refused.body.fields)).toEqual(['reason']);
      }
      const form = await admin.agent.post(`/networks/proposals/${proposal.id}/decline`).set('accept', HTML).set('accept-language', 'en').type('form').send({});
      expect(form.status).toBe(400);
      expect(form.text).toMatch(/name="reason"[^>]*aria-invalid="true"/);
      expect(form.text).toContain('Dubblettnätverket');

      const declined = await decline(admin, proposal.id, 'Kajak already covers this.');
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Kajak already covers this.', network: null });
      const told = (await notices(proposer)).proposalNotices.find((notice) => notice.proposal.id === proposal.id)!;
      expect(told).toMatchObject({ kind: 'declined', unread: true, reason: 'Kajak already covers this.' });
      expect(told.text).toContain('Kajak already covers this.');
      expect((await notices(colleague)).proposalNotices.filter((notice) => notice.proposal.id === proposal.id)).toEqual([]);
      expect(await ctx.db.selectFrom('networks').select('id').where('slug', '=', proposal.slug).execute()).toEqual([]);
      const page = await guest(ctx).get(`/networks/proposals/${proposal.id}`).set('accept', HTML).set('accept-language', 'en');
      expect(page.text).toContain('Kajak already covers this.');
    });

    it('answers 409 to deciding twice', async () => {
      const approved = await proposed();
      await act(admin, approved.id, 'approve').expect(200);
      expect((await act(admin, approved.id, 'approve')).status).toBe(409);
      expect((await decline(secondAdmin, approved.id, 'Late')).status).toBe(409);
      const declined = await proposed();
      await decline(admin, declined.id, 'No').expect(200);
      expect((await act(secondAdmin, declined.id, 'approve')).status).toBe(409);
      expect((await decline(admin, declined.id, 'Still no')).status).toBe(409);
      expect((await proposalPage(declined.id)).proposal.declineReason).toBe('No');
    });

    it('lets exactly one of an approval and a decline sent at once win', async () => {
      for (let round = 0; round < 3; round++) {
        const proposal = await proposed();
        const [approving, declining] = await Promise.all([act(admin, proposal.id, 'approve'), decline(secondAdmin, proposal.id, 'Racing')]);
        expect([approving.status, declining.status].sort()).toEqual([200, 409]);
        const { status } = (await proposalPage(proposal.id)).proposal;
        expect(status).toBe(approving.status === 200 ? 'approved' : 'declined');
        const networks = await ctx.db.selectFrom('networks').select('id').where('slug', '=', proposal.slug).execute();
        expect(networks).toHaveLength(status === 'approved' ? 1 : 0);
      }
    });

    it('makes a member of everyone whose “I’d join” was accepted while the approval ran, and of nobody refused', async () => {
      const proposal = await proposed();
      const late = await Promise.all(Array.from({ length: 6 }, (_, index) => signUp(ctx, { username: `prop_late_${proposal.id}_${index}` })));
      const [approval, ...supports] = await Promise.all([act(admin, proposal.id, 'approve'), ...late.map((member) => act(member, proposal.id, 'support'))]);
      expect(approval.status).toBe(200);
      const members = await membersOf(proposal.slug);
      late.forEach((member, index) => {
        const status = supports[index]!.status;
        expect([200, 409]).toContain(status);
        expect({ member: member.username, joined: members.includes(member.username) }).toEqual({ member: member.username, joined: status === 200 });
      });
    });

    it('answers 409 and makes nothing when a network took the slug meanwhile', async () => {
      const proposal = await proposed();
      await act(colleague, proposal.id, 'support').expect(200);
      await createNetwork(admin.agent, { slug: proposal.slug, name: 'Made by hand' });
      const response = await act(admin, proposal.id, 'approve');
      expect(response.status).toBe(409);
      expect(response.body.message).toContain('A network has taken this address since the proposal was sent.');
      expect((await proposalPage(proposal.id)).proposal.status).toBe('open');
      expect(await membersOf(proposal.slug)).toEqual([]);
      expect((await notices(proposer)).proposalNotices.filter((notice) => notice.proposal.id === proposal.id)).toEqual([]);
      // It can still be declined, saying why.
      expect((await decline(admin, proposal.id, 'The address is taken now')).status).toBe(200);
    });
  });

  it('records the events that move header counts and drop cached pages, in the writes’ transactions', async () => {
    const eventsAfter = async (cursor: number) => {
      const rows = await ctx.db.selectFrom('events').select(['id', 'name', 'payload']).where('id', '>', cursor).orderBy('id').execute();
      return rows.map((row) => ({
        name: row.name,
        payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>,
      }));
    };
    const latest = async () => Number((await sql<{ id: number | string | null }>`select max(id) as id from events`.execute(ctx.db)).rows[0]!.id ?? 0);
    const admins = [await accountId(admin.username), await accountId(secondAdmin.username)].sort();

    let cursor = await latest();
    const proposal = await proposed();
    const onPropose = await eventsAfter(cursor);
    expect(onPropose.map((event) => event.name)).toEqual(['notifications.changed']);
    expect((onPropose[0]!.payload.accountIds as number[]).sort()).toEqual(admins);

    await act(colleague, proposal.id, 'support').expect(200);
    cursor = await latest();
    await act(admin, proposal.id, 'approve').expect(200);
    const onApprove = await eventsAfter(cursor);
    const names = onApprove.map((event) => event.name);
    expect(names).toContain('network.changed');
    expect(names).toContain('conveners.changed');
    expect(names.filter((name) => name === 'members.changed')).toHaveLength(2);
    const told = onApprove.find((event) => event.name === 'notifications.changed')!.payload.accountIds as number[];
    expect(told).toEqual(expect.arrayContaining([await accountId(proposer.username), await accountId(colleague.username), ...admins]));
  });

  it('done when: a member proposes Matnätverket, three colleagues would join, an admin approves, they are members with the proposer convening', async () => {
    const nora = await signUp(ctx, { username: 'mat_nora', displayName: 'Nora Saltsmak' });
    const colleagues = await Promise.all(['mat_amir', 'mat_elin', 'mat_olle'].map((username) => signUp(ctx, { username })));
    const proposal = await proposed(nora, {
      name: 'Matnätverket',
      slug: 'mat',
      audience: 'food producers, cafés and restaurants',
      purpose: 'Local produce, shared deliveries and menus for the season.',
      notFor: 'Advertising to guests.',
      wantsHelp: true,
    });
    for (const colleagueMember of colleagues) await act(colleagueMember, proposal.id, 'support').expect(200);
    expect((await proposalPage(proposal.id)).proposal.supporters).toBe(3);

    const adminNotice = (await notices(admin)).proposalNotices.find((notice) => notice.proposal.id === proposal.id)!;
    expect(adminNotice.kind).toBe('proposed');
    await act(admin, proposal.id, 'approve').expect(200);

    expect(await membersOf('mat')).toEqual(['mat_amir', 'mat_elin', 'mat_nora', 'mat_olle']);
    const members = await guest(ctx).get('/n/mat/members').set('accept', JSON_ACCEPT);
    expect(members.body.count).toBe(4);
    expect(
      (members.body.members as Array<{ username: string; convener: boolean }>).filter((member) => member.convener).map((member) => member.username),
    ).toEqual(['mat_nora']);
    for (const colleagueMember of colleagues) {
      const told = await notices(colleagueMember);
      expect(told.unread).toBe(1);
      expect(told.proposalNotices).toMatchObject([{ kind: 'joined', network: { slug: 'mat', name: 'Matnätverket' } }]);
      const board = await colleagueMember.agent.get('/n/mat').set('accept', JSON_ACCEPT);
      expect(board.status).toBe(200);
    }
    expect((await notices(nora)).proposalNotices).toMatchObject([{ kind: 'approved', network: { slug: 'mat' } }]);
    const board = await nora.agent.get('/n/mat').set('accept', HTML).set('accept-language', 'en');
    expect(board.text).toContain('Nora Saltsmak');
  });
});
