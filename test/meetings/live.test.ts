import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';
import { connectLive, sessionCookie } from '../helpers/live.js';
import { startMeeting } from './helpers.js';

describe('meetings: live counts', () => {
  let ctx: TestContext;
  let admin: Member;
  let anna: Member;
  let bo: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_live' });
    anna = await signUp(ctx, { username: 'anna_live', displayName: 'Anna Ek' });
    bo = await signUp(ctx, { username: 'bo_live', displayName: 'Bo Lind' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket' });
  });
  afterAll(() => ctx.close());

  it('sends everyone looking the new counts through the one event path: names to members, counts to guests', async () => {
    const threadId = await startMeeting(admin.agent, 'kajak', { title: 'Live meeting', capacity: 1 });
    const guestSocket = await connectLive(ctx, { 'accept-language': 'en' });
    const memberSocket = await connectLive(ctx, { cookie: sessionCookie(bo.agent), 'accept-language': 'en' });
    for (const client of [guestSocket, memberSocket]) {
      client.send({ type: 'subscribe', topic: `thread:${threadId}` });
      await client.next((m) => m.type === 'subscribed');
    }
    await anna.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    const forGuest = await guestSocket.next((m) => m.type === 'meeting.changed');
    const forMember = await memberSocket.next((m) => m.type === 'meeting.changed');
    expect(forGuest.counts).toMatchObject({ going: 1, placesLeft: 0 });
    expect(forGuest.html).toContain('data-meeting-live');
    expect(forGuest.html).not.toContain('Anna Ek');
    expect(forMember.html).toContain('Anna Ek');
    // The next answer waits: the waiting count arrives too.
    await bo.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    const waiting = await guestSocket.next((m) => m.type === 'meeting.changed');
    expect(waiting.counts).toMatchObject({ going: 1, waiting: 1 });
    guestSocket.close();
    memberSocket.close();
  });
});
