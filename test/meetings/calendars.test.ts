import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';
import { startMeeting } from './helpers.js';

/** The events of a calendar, parsed back by node-ical. */
function eventsOf(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((item): item is VEvent => item?.type === 'VEVENT');
}

describe('meetings: calendars', () => {
  let ctx: TestContext;
  let admin: Member;
  let anna: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_cal' });
    anna = await signUp(ctx, { username: 'anna_cal' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiskenätverket' });
  });
  afterAll(() => ctx.close());

  it('gives a meeting as valid iCalendar with the right instants in winter, in summer and across the change to summer time', async () => {
    // Stockholm: UTC+1 in winter, UTC+2 from 02:00 on 31 March 2030.
    const winter = await startMeeting(admin.agent, 'kajak', { title: 'Winter', startsAt: '2030-01-15T18:00', endsAt: '2030-01-15T20:00' });
    const summer = await startMeeting(admin.agent, 'kajak', { title: 'Summer', startsAt: '2030-07-01T18:00', endsAt: '2030-07-01T21:00' });
    const across = await startMeeting(admin.agent, 'kajak', { title: 'Overnight', startsAt: '2030-03-30T20:00', endsAt: '2030-03-31T10:00' });
    const expected: Record<number, [string, string]> = {
      [winter]: ['2030-01-15T17:00:00.000Z', '2030-01-15T19:00:00.000Z'],
      [summer]: ['2030-07-01T16:00:00.000Z', '2030-07-01T19:00:00.000Z'],
      [across]: ['2030-03-30T19:00:00.000Z', '2030-03-31T08:00:00.000Z'],
    };
    for (const [threadId, [start, end]] of Object.entries(expected)) {
      const response = await guest(ctx).get(`/t/${threadId}/meeting.ics`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(response.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm');
      expect(response.text).toContain('DTSTART;TZID=Europe/Stockholm:');
      const [event] = eventsOf(response.text);
      expect(event!.uid).toBe(`meeting-${threadId}@forum.test`);
      expect(new Date(event!.start).toISOString()).toBe(start);
      expect(new Date(event!.end!).toISOString()).toBe(end);
    }
    const overnight = (await guest(ctx).get(`/t/${across}/meeting.ics`)).text;
    // On the wall clock: 20:00 the evening before the change, 10:00 the morning after.
    expect(overnight).toContain('DTSTART;TZID=Europe/Stockholm:20300330T200000');
    expect(overnight).toContain('DTEND;TZID=Europe/Stockholm:20300331T100000');
    expect((await guest(ctx).get('/t/999999/meeting.ics')).status).toBe(404);
  });

  it('keeps the UID, bumps SEQUENCE on a change and says STATUS:CANCELLED once cancelled', async () => {
    const threadId = await startMeeting(admin.agent, 'kajak', {
      title: 'Changing',
      startsAt: '2030-05-10T18:00',
      endsAt: '2030-05-10T20:00',
      place: 'The shed',
    });
    const first = eventsOf((await guest(ctx).get(`/t/${threadId}/meeting.ics`)).text)[0]!;
    expect(first).toMatchObject({ summary: 'Changing', location: 'The shed', sequence: 0 });
    await admin.agent
      .post(`/t/${threadId}/meeting`)
      .set('accept', JSON_ACCEPT)
      .send({ startsAt: '2030-05-11T18:00', endsAt: '2030-05-11T20:00', place: 'The pier' })
      .expect(200);
    const changed = eventsOf((await guest(ctx).get(`/t/${threadId}/meeting.ics`)).text)[0]!;
    expect(changed).toMatchObject({ uid: first.uid, location: 'The pier', sequence: 1 });
    expect(new Date(changed.start).toISOString()).toBe('2030-05-11T16:00:00.000Z');
    await admin.agent.post(`/t/${threadId}/meeting/cancel`).set('accept', JSON_ACCEPT).expect(200);
    const cancelled = eventsOf((await guest(ctx).get(`/t/${threadId}/meeting.ics`)).text)[0]!;
    expect(cancelled).toMatchObject({ uid: first.uid, status: 'CANCELLED', sequence: 2 });
    const network = eventsOf((await guest(ctx).get('/n/kajak/meetings.ics')).text).find((event) => event.uid === first.uid);
    expect(network).toMatchObject({ status: 'CANCELLED' });
  });

  it('gives each network its meetings to subscribe to, those it is invited to included', async () => {
    const own = await startMeeting(admin.agent, 'fiske', { title: 'Fishing night' });
    const shared = await startMeeting(admin.agent, 'kajak', { title: 'Conference', networks: ['fiske'] });
    const response = await guest(ctx).get('/n/fiske/meetings.ics');
    expect(response.status).toBe(200);
    const uids = eventsOf(response.text).map((event) => event.uid);
    expect(uids).toEqual(expect.arrayContaining([`meeting-${own}@forum.test`, `meeting-${shared}@forum.test`]));
    expect(uids).toHaveLength(2);
    expect((await guest(ctx).get('/n/nowhere/meetings.ics')).status).toBe(404);
  });

  it('gives a member their own calendar at a secret URL shown on /me; renewing ends the old URL', async () => {
    const going = await startMeeting(admin.agent, 'kajak', { title: 'Anna goes' });
    const maybe = await startMeeting(admin.agent, 'kajak', { title: 'Anna maybe' });
    const notGoing = await startMeeting(admin.agent, 'kajak', { title: 'Anna stays home' });
    await anna.agent.post(`/t/${going}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    await anna.agent.post(`/t/${maybe}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'maybe' }).expect(200);
    await anna.agent.post(`/t/${notGoing}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'not_going' }).expect(200);

    const me = await anna.agent.get('/me').set('accept', HTML).set('accept-language', 'en');
    const url = /value="(http:\/\/forum\.test\/calendar\/[a-z2-7]+\/meetings\.ics)"/.exec(me.text)?.[1];
    expect(url).toBeDefined();
    const again = await anna.agent.get('/me').set('accept', HTML);
    expect(again.text).toContain(url);
    const path = new URL(url!).pathname;
    const mine = await guest(ctx).get(path);
    expect(mine.status).toBe(200);
    expect(
      eventsOf(mine.text)
        .map((event) => event.summary)
        .sort(),
    ).toEqual(['Anna goes', 'Anna maybe']);

    const renewed = await anna.agent.post('/me/calendar/renew').set('accept', JSON_ACCEPT);
    expect(renewed.status).toBe(200);
    expect(renewed.body.url).not.toBe(url);
    expect((await guest(ctx).get(path)).status).toBe(404);
    expect((await guest(ctx).get(new URL(renewed.body.url).pathname)).status).toBe(200);
    expect((await guest(ctx).get('/calendar/notasecretatallnotasecret/meetings.ics')).status).toBe(404);
    expect((await guest(ctx).post('/me/calendar/renew').set('accept', JSON_ACCEPT)).status).toBe(401);
  });
});
