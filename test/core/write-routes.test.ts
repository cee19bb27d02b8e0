// Guests are served cached pages (core/page-cache.ts) that only a domain event drops. So every route
// that writes is either shown here to record an event when it succeeds, or named as changing no page a
// guest is served from the cache. A new write route fails this test until it is one or the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { listRoutes } from '../helpers/routes.js';

/** Writes that change nothing a cached guest page shows (home, boards, threads), and why. */
const NO_CACHED_PAGE: Record<string, string> = {
  'POST /register': 'accounts are not listed on cached pages',
  'POST /login': 'a session is no page',
  'POST /logout': 'a session is no page',
  'POST /me/password': 'a member’s own settings',
  'POST /me/email': 'a member’s own settings',
  'POST /notifications/read': 'a member’s own notifications',
  'POST /t/:id/watch': 'a member’s own watch state',
  'POST /t/:id/unwatch': 'a member’s own watch state',
  'POST /t/:id/mute': 'a member’s own watch state',
  'POST /unsubscribe/:token': 'a member’s own settings',
  'POST /u/:username/suspend': 'shown in the moderation log, which is not cached',
  'POST /u/:username/unsuspend': 'shown in the moderation log, which is not cached',
  'POST /n/:network/bar': 'shown in the moderation log, which is not cached',
  'POST /n/:network/unbar': 'shown in the moderation log, which is not cached',
  'POST /language': 'a reader’s own choice: cached pages are kept per language',
  'POST /me/profile': 'shown on the person’s page (/u/), which is not cached; posts show no profile field',
  'POST /me/address': 'an address is shown on no page but the member’s own',
  'POST /email/confirm/resend': 'a mail, no page',
  'POST /email/confirm/:token': 'an address proven is shown on no cached page',
  'POST /email/change/:token': 'an address is shown on no page but the member’s own',
  'POST /password/forgot': 'a mail, no page',
  'POST /password/reset/:token': 'a password and sessions are no page',
  'POST /u/:username/reset-link': 'a link shown once to the admin, no page',
  'POST /me/calendar/renew': 'a member’s own calendar address, shown on no page but /me',
  // Proposals are shown on /networks/proposals and their own pages, which are not cached (their notices: a member's own).
  'POST /networks/propose': 'proposals are shown on pages that are not cached',
  'POST /networks/proposals/:id/support': 'proposals are shown on pages that are not cached',
  'POST /networks/proposals/:id/unsupport': 'proposals are shown on pages that are not cached',
  'POST /networks/proposals/:id/decline': 'proposals are shown on pages that are not cached; no network is made',
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

describe('every write route', () => {
  let ctx: TestContext;
  let admin: Member;
  let member: Member;
  /** A member whose flags count: older than a day, with a post of their own. */
  let oldHand: Member;
  /** Invited to convene the network. */
  let coConvener: Member;
  let threadId: number;
  let replyId: number;
  let proposalId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    member = await signUp(ctx, { username: 'writer' });
    await createNetwork(admin.agent, { slug: 'writes' });
    await createNetwork(admin.agent, { slug: 'elsewhere' });
    threadId = (await startThread(member.agent, 'writes')).id;
    replyId = (await reply(member.agent, threadId, 'A reply')).id;
    coConvener = await signUp(ctx, { username: 'co_convener' });
    oldHand = await signUp(ctx, { username: 'old_hand' });
    await reply(oldHand.agent, threadId, 'Been here for years');
    await ctx.db
      .updateTable('accounts')
      .set({ created_at: new Date(Date.now() - 7 * 24 * 3600 * 1000) })
      .where('username', '=', 'old_hand')
      .execute();
  });
  afterAll(() => ctx.close());

  async function latestEvent(): Promise<number> {
    const row = await ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return row?.id ?? 0;
  }

  /**
   * The writes that change cached pages, in an order where each can succeed: each must record an
   * event. Flags and dismissals change a page only when they hide or restore a post, as they do here.
   */
  const changingWrites: Array<[route: string, send: () => ReturnType<Agent['post']>, prepare?: () => Promise<void>]> = [
    ['POST /networks', () => admin.agent.post('/networks').send({ slug: 'brand-new', name: 'Brand new' })],
    // Approving a proposal makes a network (the home page lists it), its convener and members.
    [
      'POST /networks/proposals/:id/approve',
      () => admin.agent.post(`/networks/proposals/${proposalId}/approve`),
      async () => {
        const response = await member.agent
          .post('/networks/propose')
          .set('accept', JSON_ACCEPT)
          .send({ name: 'Proposed', slug: 'proposed', audience: 'writers', purpose: 'Writing', notFor: 'Reading' });
        expect(response.status).toBe(201);
        proposalId = response.body.id;
      },
    ],
    ['POST /n/:network/edit', () => admin.agent.post('/n/writes/edit').send({ name: 'Writes, renamed' })],
    ['POST /n/:network/rules', () => admin.agent.post('/n/writes/rules').send({ title: ['Stay on topic'], body: ['Please.'] })],
    ['POST /n/:network/conveners', () => admin.agent.post('/n/writes/conveners').send({ username: 'writer' })],
    ['POST /n/:network/conveners/:username/remove', () => admin.agent.post('/n/writes/conveners/writer/remove')],
    // An invitation to convene counts in the invitee's header; accepting changes who convenes.
    ['POST /n/:network/conveners/invitations', () => admin.agent.post('/n/writes/conveners/invitations').send({ username: 'co_convener' })],
    ['POST /n/:network/conveners/invitations/withdraw', () => admin.agent.post('/n/writes/conveners/invitations/withdraw').send({ username: 'co_convener' })],
    ['POST /n/:network/conveners/invitations/decline', () => coConvener.agent.post('/n/writes/conveners/invitations/decline'), inviteCoConvener],
    ['POST /n/:network/conveners/invitations/accept', () => coConvener.agent.post('/n/writes/conveners/invitations/accept'), inviteCoConvener],
    ['POST /n/:network/flag-threshold', () => admin.agent.post('/n/writes/flag-threshold').send({ threshold: 1 })],
    ['POST /n/:network/follow', () => member.agent.post('/n/writes/follow').send({ level: 'threads' })],
    ['POST /n/:network/unfollow', () => member.agent.post('/n/writes/unfollow')],
    // A board shows its member count (and joining follows it).
    ['POST /n/:network/join', () => oldHand.agent.post('/n/writes/join')],
    ['POST /n/:network/leave', () => member.agent.post('/n/writes/leave')],
    ['POST /n/:network/threads', () => member.agent.post('/n/writes/threads').send({ title: 'Another thread', body: 'Body' })],
    ['POST /t/:id/replies', () => member.agent.post(`/t/${threadId}/replies`).send({ body: 'Another reply' })],
    ['POST /p/:postId/edit', () => member.agent.post(`/p/${replyId}/edit`).send({ body: 'An edited reply' })],
    ['POST /p/:postId/hide', () => admin.agent.post(`/p/${replyId}/hide`).send({ reason: 'off-topic' })],
    ['POST /p/:postId/unhide', () => admin.agent.post(`/p/${replyId}/unhide`)],
    ['POST /p/:postId/flag', () => oldHand.agent.post(`/p/${replyId}/flag`).send({ reason: 'spam' })],
    ['POST /p/:postId/dismiss', () => admin.agent.post(`/p/${replyId}/dismiss`)],
    ['POST /t/:id/lock', () => admin.agent.post(`/t/${threadId}/lock`)],
    ['POST /t/:id/unlock', () => admin.agent.post(`/t/${threadId}/unlock`)],
    ['POST /t/:id/pin', () => admin.agent.post(`/t/${threadId}/pin`)],
    ['POST /t/:id/unpin', () => admin.agent.post(`/t/${threadId}/unpin`)],
    ['POST /t/:id/move', () => admin.agent.post(`/t/${threadId}/move`).send({ network: 'elsewhere', note: 'Fits better there' })],
    // A meeting's date, counts, changes, minutes and cancellation show on its thread and its boards.
    [
      'POST /n/:network/meetings',
      () =>
        admin.agent
          .post('/n/writes/meetings')
          .send({ title: 'A meeting', body: 'Agenda', startsAt: hoursAhead(48), endsAt: hoursAhead(50), place: 'The harbour', capacity: 5 }),
    ],
    ['POST /t/:id/rsvp', () => member.agent.post(`/t/${meetingId}/rsvp`).send({ answer: 'going', headcount: 2 }), findMeeting],
    ['POST /t/:id/meeting', () => admin.agent.post(`/t/${meetingId}/meeting`).send({ startsAt: hoursAhead(72), endsAt: hoursAhead(74), place: 'The pier' })],
    [
      'POST /t/:id/minutes',
      () => admin.agent.post(`/t/${meetingId}/minutes`).send({ postId: minutesId }),
      async () => {
        minutesId = (await reply(admin.agent, meetingId, 'The minutes')).id;
      },
    ],
    ['POST /t/:id/meeting/cancel', () => admin.agent.post(`/t/${meetingId}/meeting/cancel`)],
    // A question's answer, thanks, the kind and an offer show on the thread and the boards.
    ['POST /p/:postId/accept', () => member.agent.post(`/p/${replyId}/accept`)],
    ['POST /p/:postId/unaccept', () => member.agent.post(`/p/${replyId}/unaccept`)],
    ['POST /p/:postId/thanks', () => oldHand.agent.post(`/p/${replyId}/thanks`)],
    ['POST /t/:id/kind', () => member.agent.post(`/t/${threadId}/kind`).send({ kind: 'offer', until: aMonthAhead(), audience: 'everyone' })],
    ['POST /t/:id/offer', () => member.agent.post(`/t/${threadId}/offer`).send({ action: 'end' })],
    ['POST /p/:postId/delete', () => member.agent.post(`/p/${replyId}/delete`)],
    ['POST /p/:postId/restore', () => member.agent.post(`/p/${replyId}/restore`)],
    // A name and a business line are shown beside every post of the member's.
    ['POST /me/name', () => member.agent.post('/me/name').send({ displayName: 'Writer, renamed' })],
    ['POST /b/new', () => member.agent.post('/b/new').send({ name: 'Writes & Co', slug: 'writes-co', role: 'Owner' })],
    ['POST /b/:slug/edit', () => member.agent.post('/b/writes-co/edit').send({ name: 'Writes & Co', description: 'Words for hire' })],
    ['POST /b/:slug/invitations', () => member.agent.post('/b/writes-co/invitations').send({ username: 'old_hand', role: 'Guide' })],
    ['POST /b/:slug/invitations/withdraw', () => member.agent.post('/b/writes-co/invitations/withdraw').send({ username: 'old_hand' })],
    ['POST /b/:slug/invitations/decline', () => oldHand.agent.post('/b/writes-co/invitations/decline'), inviteOldHand],
    ['POST /b/:slug/invitations/accept', () => oldHand.agent.post('/b/writes-co/invitations/accept'), inviteOldHand],
    ['POST /b/:slug/staff/grant-admin', () => member.agent.post('/b/writes-co/staff/grant-admin').send({ username: 'old_hand' })],
    ['POST /b/:slug/staff/revoke-admin', () => member.agent.post('/b/writes-co/staff/revoke-admin').send({ username: 'old_hand' })],
    ['POST /b/:slug/staff/remove', () => member.agent.post('/b/writes-co/staff/remove').send({ username: 'old_hand' })],
    ['POST /b/:slug/leave', () => member.agent.post('/b/writes-co/leave')],
    // Last: the member's posts are shown as a former member's.
    ['POST /me/delete', () => member.agent.post('/me/delete').send({ password: member.password })],
  ];

  /** A day a month ahead (an offer's `until`). */
  function aMonthAhead(): string {
    return new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  }

  let meetingId = 0;
  let minutesId = 0;

  /** The meeting just started (the newest). */
  async function findMeeting(): Promise<void> {
    meetingId = (await ctx.db.selectFrom('meetings').select('thread_id').orderBy('thread_id', 'desc').executeTakeFirstOrThrow()).thread_id;
  }

  /** A moment hours ahead, as a script sends it. */
  function hoursAhead(hours: number): string {
    return new Date(Date.now() + hours * 3600 * 1000).toISOString();
  }

  /** An invitation to convene for co_convener to answer. */
  async function inviteCoConvener(): Promise<void> {
    const response = await admin.agent.post('/n/writes/conveners/invitations').set('accept', JSON_ACCEPT).send({ username: 'co_convener' });
    expect(response.status).toBeLessThan(300);
  }

  /** An invitation for the invitee to answer. */
  async function inviteOldHand(): Promise<void> {
    const response = await member.agent.post('/b/writes-co/invitations').set('accept', JSON_ACCEPT).send({ username: 'old_hand', role: 'Guide' });
    expect(response.status).toBeLessThan(300);
  }

  it('is either shown to record an event or named as changing no cached page', () => {
    const writes = listRoutes(ctx.app)
      .filter((route) => !SAFE.has(route.method))
      .map((route) => `${route.method} ${route.url}`);
    const covered = new Set([...Object.keys(NO_CACHED_PAGE), ...changingWrites.map(([route]) => route)]);
    expect(
      writes.filter((route) => !covered.has(route)),
      'write routes with neither an event nor a reason',
    ).toEqual([]);
    expect(
      [...covered].filter((route) => !writes.includes(route)),
      'named here but not a route',
    ).toEqual([]);
  });

  it.each(changingWrites.map(([route], index) => [route, index] as const))('%s records an event', async (_route, index) => {
    // In order: each write acts on what the ones before it left.
    const [, send, prepare] = changingWrites[index]!;
    await prepare?.();
    const before = await latestEvent();
    const response = await send().set('accept', JSON_ACCEPT);
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    expect(await latestEvent()).toBeGreaterThan(before);
  });
});
