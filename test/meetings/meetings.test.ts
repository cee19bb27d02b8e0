import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply } from '../helpers/forum.js';
import { hoursFromNow, startMeeting, toldOf } from './helpers.js';

describe('meetings: starting, the pages, changing and cancelling', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let anna: Member;
  let bo: Member;
  let cai: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_mt' });
    convener = await signUp(ctx, { username: 'jonas_mt', displayName: 'Jonas Ek' });
    anna = await signUp(ctx, { username: 'anna_mt', displayName: 'Anna Ek' });
    bo = await signUp(ctx, { username: 'bo_mt', displayName: 'Bo Lind' });
    cai = await signUp(ctx, { username: 'cai_mt', displayName: 'Cai Berg' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiskenätverket' });
    await createNetwork(admin.agent, { slug: 'alla', name: 'Alla i turismen' });
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: convener.username }).expect(200);
  });
  afterAll(() => ctx.close());

  it('lets the network’s conveners and admins start a meeting, and nobody else (403)', async () => {
    const refused = await anna.agent
      .post('/n/kajak/meetings')
      .set('accept', JSON_ACCEPT)
      .send({ title: 'My meeting', body: 'Agenda', startsAt: hoursFromNow(48), endsAt: hoursFromNow(50), place: 'Here' });
    expect(refused.status).toBe(403);
    const elsewhere = await convener.agent
      .post('/n/fiske/meetings')
      .set('accept', JSON_ACCEPT)
      .send({ title: 'Not mine', body: 'Agenda', startsAt: hoursFromNow(48), endsAt: hoursFromNow(50), place: 'Here' });
    expect(elsewhere.status).toBe(403);
    expect(await guest(ctx).get('/n/kajak/meetings/new').set('accept', JSON_ACCEPT)).toHaveProperty('status', 401);
    expect((await anna.agent.get('/n/kajak/meetings/new').set('accept', JSON_ACCEPT)).status).toBe(403);

    const started = await convener.agent
      .post('/n/kajak/meetings')
      .set('accept', JSON_ACCEPT)
      .send({
        title: 'Season opening 2027',
        body: 'Agenda: **the season**',
        startsAt: hoursFromNow(72),
        endsAt: hoursFromNow(75),
        place: 'Kajakboden',
        capacity: 20,
      });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      title: 'Season opening 2027',
      network: 'kajak',
      meeting: {
        place: 'Kajakboden',
        cancelled: false,
        sequence: 0,
        networks: [{ slug: 'kajak', name: 'Kajaknätverket' }],
        counts: { going: 0, capacity: 20, placesLeft: 20 },
      },
    });
    const row = await ctx.db.selectFrom('meetings').selectAll().where('thread_id', '=', started.body.id).executeTakeFirstOrThrow();
    expect(row.capacity).toBe(20);
    const thread = await ctx.db.selectFrom('threads').select(['title', 'network_id']).where('id', '=', started.body.id).executeTakeFirstOrThrow();
    expect(thread.title).toBe('Season opening 2027');
  });

  it('refuses times that do not work, each with a 400 naming its field', async () => {
    const send = (fields: Record<string, unknown>) =>
      convener.agent
        .post('/n/kajak/meetings')
        .set('accept', JSON_ACCEPT)
        .send({ title: 'Times', body: 'Agenda', startsAt: hoursFromNow(48), endsAt: hoursFromNow(50), place: 'Here', ...fields });
    const endBefore = await send({ endsAt: hoursFromNow(47) });
    expect(endBefore.status).toBe(400);
    expect(endBefore.body.fields).toEqual({ endsAt: expect.any(String) });
    const sameTime = await send({ startsAt: '2030-05-01T18:00', endsAt: '2030-05-01T18:00' });
    expect(Object.keys(sameTime.body.fields)).toEqual(['endsAt']);
    const past = await send({ startsAt: hoursFromNow(-2), endsAt: hoursFromNow(1) });
    expect(past.status).toBe(400);
    expect(Object.keys(past.body.fields)).toEqual(['startsAt']);
    const noSuchDay = await send({ startsAt: '2030-02-30T18:00', endsAt: '2030-03-01T18:00' });
    expect(Object.keys(noSuchDay.body.fields)).toEqual(['startsAt']);
    const garbled = await send({ startsAt: 'tomorrow' });
    expect(garbled.status).toBe(400);
    expect(garbled.body.fields).toHaveProperty('startsAt');
    const noPlace = await send({ place: '' });
    expect(noPlace.body.fields).toHaveProperty('place');
    const badCapacity = await send({ capacity: 0 });
    expect(badCapacity.body.fields).toHaveProperty('capacity');
    const badMap = await send({ mapUrl: 'javascript:alert(1)' });
    expect(badMap.body.fields).toHaveProperty('mapUrl');
    expect(await ctx.db.selectFrom('threads').select('id').where('title', '=', 'Times').execute()).toEqual([]);
  });

  it('shows a browser its form again with the error beside the field', async () => {
    const refused = await convener.agent
      .post('/n/kajak/meetings')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ title: 'Form meeting', body: 'Agenda', startsAt: '2030-05-01T18:00', endsAt: '2030-05-01T17:00', place: 'Boathouse' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('The end must come after the start.');
    expect(refused.text).toContain('value="Boathouse"');
  });

  it('reads a datetime-local on the forum’s clocks, and a browser lands on the meeting', async () => {
    const started = await convener.agent
      .post('/n/kajak/meetings')
      .set('accept', HTML)
      .type('form')
      .send({ title: 'Summer paddle', body: 'Paddling.', startsAt: '2030-07-01T18:00', endsAt: '2030-07-01T21:30', place: 'The beach', capacity: '' });
    expect(started.status).toBe(303);
    const threadId = Number(started.headers.location!.split('/')[2]);
    const row = await ctx.db.selectFrom('meetings').select(['starts_at', 'ends_at', 'capacity']).where('thread_id', '=', threadId).executeTakeFirstOrThrow();
    // Stockholm in July is UTC+2.
    expect(row.starts_at.toISOString()).toBe('2030-07-01T16:00:00.000Z');
    expect(row.ends_at.toISOString()).toBe('2030-07-01T19:30:00.000Z');
    expect(row.capacity).toBeNull();
    const winter = await startMeeting(convener.agent, 'kajak', { title: 'Winter talk', startsAt: '2030-01-15T18:00', endsAt: '2030-01-15T20:00' });
    const winterRow = await ctx.db.selectFrom('meetings').select('starts_at').where('thread_id', '=', winter).executeTakeFirstOrThrow();
    expect(winterRow.starts_at.toISOString()).toBe('2030-01-15T17:00:00.000Z');
    const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('18:00');
    expect(page.text).toContain('21:30');
    expect(page.text).toContain('The beach');
  });

  it('lets only admins invite other networks; the meeting shows on each of their boards and lists', async () => {
    const refused = await convener.agent
      .post('/n/kajak/meetings')
      .set('accept', JSON_ACCEPT)
      .send({ title: 'Conference', body: 'Agenda', startsAt: hoursFromNow(100), endsAt: hoursFromNow(108), place: 'Town hall', networks: ['fiske'] });
    expect(refused.status).toBe(403);
    const threadId = await startMeeting(admin.agent, 'alla', {
      title: 'Annual conference',
      networks: ['kajak', 'fiske'],
      startsAt: hoursFromNow(100),
      endsAt: hoursFromNow(108),
    });
    const networks = await ctx.db.selectFrom('meeting_networks').select('network_id').where('thread_id', '=', threadId).execute();
    expect(networks).toHaveLength(3);
    const fiske = await guest(ctx).get('/meetings?network=fiske').set('accept', JSON_ACCEPT);
    expect(fiske.status).toBe(200);
    expect(fiske.body.months.flatMap((month: { meetings: Array<{ title: string }> }) => month.meetings.map((m) => m.title))).toEqual(['Annual conference']);
    const board = await guest(ctx).get('/n/fiske').set('accept', HTML).set('accept-language', 'en');
    expect(board.text).toContain('Annual conference');
  });

  it('shows the meeting on its thread page: counts for guests, names with businesses for members', async () => {
    const threadId = await startMeeting(convener.agent, 'kajak', { title: 'Names meeting', capacity: 10 });
    await ctx.db.insertInto('businesses').values({ slug: 'annas-kajak', name: 'Annas Kajak' }).execute();
    const business = await ctx.db.selectFrom('businesses').select('id').where('slug', '=', 'annas-kajak').executeTakeFirstOrThrow();
    const anna_ = await ctx.db.selectFrom('accounts').select('id').where('username', '=', anna.username).executeTakeFirstOrThrow();
    await ctx.db.insertInto('business_staff').values({ business_id: business.id, account_id: anna_.id, role: 'Owner' }).execute();
    await anna.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going', headcount: 2 }).expect(200);
    await bo.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'maybe' }).expect(200);

    const asGuest = await guest(ctx).get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
    expect(asGuest.body.meeting).toMatchObject({
      counts: { going: 2, goingAnswers: 1, maybe: 1, capacity: 10, placesLeft: 8 },
      attendees: null,
      yourAnswer: null,
    });
    const guestPage = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    expect(guestPage.text).toContain('2 going');
    expect(guestPage.text).not.toContain('Anna Ek');
    expect(guestPage.text).toContain('Sign in to answer');

    const asMember = await cai.agent.get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
    expect(asMember.body.meeting.attendees.going).toEqual([
      { username: anna.username, displayName: 'Anna Ek', headcount: 2, business: { slug: 'annas-kajak', name: 'Annas Kajak' } },
    ]);
    expect(asMember.body.meeting.attendees.maybe).toEqual([{ username: bo.username, displayName: 'Bo Lind', headcount: 1, business: null }]);
    const memberPage = await cai.agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    expect(memberPage.text).toContain('Anna Ek');
    expect(memberPage.text).toContain('Annas Kajak');
    expect(memberPage.text).toContain(`action="/t/${threadId}/rsvp"`);

    const board = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    expect(board.text).toContain('Names meeting');
    expect(board.text).toMatch(/2 going/);
  });

  it('a change of time or place bumps the sequence and tells exactly those who answered going or maybe', async () => {
    const threadId = await startMeeting(convener.agent, 'kajak', { title: 'Changing meeting' });
    await anna.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    await bo.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'maybe' }).expect(200);
    await cai.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'not_going' }).expect(200);
    expect(
      (
        await anna.agent
          .post(`/t/${threadId}/meeting`)
          .set('accept', JSON_ACCEPT)
          .send({ startsAt: hoursFromNow(80), endsAt: hoursFromNow(82), place: 'X' })
      ).status,
    ).toBe(403);

    const row = await ctx.db.selectFrom('meetings').select(['starts_at', 'ends_at']).where('thread_id', '=', threadId).executeTakeFirstOrThrow();
    // Only the capacity: no change of time or place, nobody told, the same sequence.
    const same = await convener.agent
      .post(`/t/${threadId}/meeting`)
      .set('accept', JSON_ACCEPT)
      .send({ startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), place: 'Kajakboden, Strandvägen 1', capacity: 30 });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ sequence: 0, counts: { capacity: 30 } });
    expect(await toldOf(ctx, threadId, 'meeting-changed')).toEqual([]);

    const moved = await convener.agent
      .post(`/t/${threadId}/meeting`)
      .set('accept', JSON_ACCEPT)
      .send({ startsAt: hoursFromNow(96), endsAt: hoursFromNow(99), place: 'The harbour', capacity: 30 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ sequence: 1, place: 'The harbour' });
    expect(await toldOf(ctx, threadId, 'meeting-changed')).toEqual([anna.username, bo.username]);
    const notifications = await anna.agent.get('/notifications').set('accept', HTML).set('accept-language', 'en');
    expect(notifications.text).toContain('changed the time or place of the meeting');

    const badEdit = await convener.agent
      .post(`/t/${threadId}/meeting`)
      .set('accept', JSON_ACCEPT)
      .send({ startsAt: hoursFromNow(96), endsAt: hoursFromNow(95), place: 'X' });
    expect(badEdit.status).toBe(400);
    expect(Object.keys(badEdit.body.fields)).toEqual(['endsAt']);
    const form = await convener.agent.get(`/t/${threadId}/meeting/edit`).set('accept', HTML);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="The harbour"');
  });

  it('cancelling says so at the top, refuses answers and tells those who answered going or maybe', async () => {
    const threadId = await startMeeting(convener.agent, 'kajak', { title: 'Cancelled meeting' });
    await anna.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    await bo.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'not_going' }).expect(200);
    expect((await anna.agent.post(`/t/${threadId}/meeting/cancel`).set('accept', JSON_ACCEPT)).status).toBe(403);
    const cancelled = await convener.agent.post(`/t/${threadId}/meeting/cancel`).set('accept', JSON_ACCEPT);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ cancelled: true, sequence: 1 });
    expect(await toldOf(ctx, threadId, 'meeting-cancelled')).toEqual([anna.username]);
    const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('This meeting is cancelled.');
    expect((await cai.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' })).status).toBe(409);
    const list = await guest(ctx).get('/meetings').set('accept', JSON_ACCEPT);
    expect(JSON.stringify(list.body)).not.toContain('Cancelled meeting');
  });

  it('a convener marks a reply as the minutes: shown under the agenda, followers and those who answered told', async () => {
    const threadId = await startMeeting(convener.agent, 'kajak', { title: 'Minutes meeting' });
    await anna.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    const question = await reply(bo.agent, threadId, 'Will there be coffee?');
    const minutes = await reply(convener.agent, threadId, 'Minutes: we agreed on **three trips**.');
    expect((await anna.agent.post(`/t/${threadId}/minutes`).set('accept', JSON_ACCEPT).send({ postId: minutes.id })).status).toBe(403);
    const otherThread = await startMeeting(convener.agent, 'kajak', { title: 'Other' });
    const notHere = await convener.agent.post(`/t/${otherThread}/minutes`).set('accept', JSON_ACCEPT).send({ postId: minutes.id });
    expect(notHere.status).toBe(400);
    expect(notHere.body.fields).toHaveProperty('postId');
    const marked = await convener.agent.post(`/t/${threadId}/minutes`).set('accept', JSON_ACCEPT).send({ postId: minutes.id });
    expect(marked.status).toBe(200);
    expect(marked.body.minutesPostId).toBe(minutes.id);
    // Bo watches the thread he replied in; Anna answered going; the convener marked them.
    expect(await toldOf(ctx, threadId, 'minutes')).toEqual([anna.username, bo.username]);
    const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    const minutesAt = page.text.indexOf('id="minutes"');
    expect(minutesAt).toBeGreaterThan(page.text.indexOf('Agenda: the season'));
    expect(minutesAt).toBeLessThan(page.text.indexOf('Will there be coffee?'));
    expect(page.text).toContain('<strong>three trips</strong>');
    expect(question.id).toBeGreaterThan(0);
  });

  it('a hidden agenda hides the meeting’s title in the list as a thread’s', async () => {
    const threadId = await startMeeting(convener.agent, 'kajak', { title: 'Secret meeting title' });
    const opening = await ctx.db.selectFrom('posts').select('id').where('thread_id', '=', threadId).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const hidden = await convener.agent.post(`/p/${opening.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' });
    expect(hidden.status).toBe(200);
    const list = await guest(ctx).get('/meetings').set('accept', JSON_ACCEPT);
    expect(JSON.stringify(list.body)).not.toContain('Secret meeting title');
    const ics = await guest(ctx).get('/n/kajak/meetings.ics');
    expect(ics.text).not.toContain('Secret meeting title');
    const asConvener = await convener.agent.get('/meetings').set('accept', JSON_ACCEPT);
    expect(JSON.stringify(asConvener.body)).toContain('Secret meeting title');
  });

  it('puts a member’s answers in their data export', async () => {
    const threadId = await startMeeting(convener.agent, 'kajak', { title: 'Exported meeting', capacity: 1 });
    await cai.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going', headcount: 1 }).expect(200);
    await bo.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going', headcount: 2 }).expect(200);
    const exported = await bo.agent.get('/me/export').set('accept', JSON_ACCEPT);
    const data = JSON.parse(exported.text) as { meetingAnswers: Array<Record<string, unknown>> };
    expect(data.meetingAnswers).toContainEqual({
      threadId,
      startsAt: expect.any(String),
      answer: 'going',
      headcount: 2,
      waiting: true,
      answeredAt: expect.any(String),
    });
  });
});
