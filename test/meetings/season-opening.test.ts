// The "done when", end to end: a convener of the kayak network invites to "Season opening 2027"
// with 20 places; 25 members answer and five wait; one cancels and the first waiting is moved up and
// told; the network's calendar URL has the meeting; those going are reminded the day before; afterwards
// the minutes are right under the agenda.
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply } from '../helpers/forum.js';
import { sendDueReminders } from '../../src/meetings/meetings.service.js';
import { hoursFromNow, startMeeting, toldOf } from './helpers.js';

describe('Season opening 2027, from invitation to minutes', () => {
  let ctx: TestContext;
  let admin: Member;
  let jonas: Member;
  let members: Member[];

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_season' });
    jonas = await signUp(ctx, { username: 'kajakboden_season', displayName: 'Jonas Ek' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket' });
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: jonas.username }).expect(200);
    members = [];
    for (let batch = 0; batch < 25; batch += 5) {
      members.push(...(await Promise.all(Array.from({ length: 5 }, (_, i) => signUp(ctx, { username: `season_${String(batch + i).padStart(2, '0')}` })))));
    }
  }, 120_000);
  afterAll(() => ctx.close());

  it('goes as the issue says', async () => {
    const threadId = await startMeeting(jonas.agent, 'kajak', {
      title: 'Season opening 2027',
      body: 'Agenda: the season, the new map, coffee.',
      startsAt: hoursFromNow(30),
      endsAt: hoursFromNow(33),
      capacity: 20,
    });
    // 25 answer one after the other: 20 get a place, 5 wait in that order.
    for (const member of members) await member.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    const counts = (await guest(ctx).get(`/t/${threadId}`).set('accept', JSON_ACCEPT)).body.meeting.counts;
    expect(counts).toMatchObject({ going: 20, waiting: 5, placesLeft: 0 });

    // One cancels: the first waiting (the 21st to answer) moves up and is told.
    await members[3]!.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'not_going' }).expect(200);
    expect(await toldOf(ctx, threadId, 'waitlist-promoted')).toEqual([members[20]!.username]);
    const moved = (await members[20]!.agent.get(`/t/${threadId}`).set('accept', JSON_ACCEPT)).body.meeting.yourAnswer;
    expect(moved).toEqual({ answer: 'going', headcount: 1, waiting: false, position: null });

    // The network's calendar URL has it, at its time.
    const calendar = await guest(ctx).get('/n/kajak/meetings.ics');
    const events = Object.values(ical.sync.parseICS(calendar.text)).filter((item): item is VEvent => item?.type === 'VEVENT');
    expect(events.map((event) => event.summary)).toEqual(['Season opening 2027']);
    const row = await ctx.db.selectFrom('meetings').select('starts_at').where('thread_id', '=', threadId).executeTakeFirstOrThrow();
    expect(new Date(events[0]!.start).getTime()).toBe(Math.floor(row.starts_at.getTime() / 1000) * 1000);

    // The day before: everyone going is reminded, once.
    expect(await sendDueReminders(ctx.db, new Date(Date.now() + 7 * 3600 * 1000))).toEqual([threadId]);
    const reminded = await toldOf(ctx, threadId, 'meeting-reminder');
    expect(reminded).toHaveLength(20);
    expect(reminded).not.toContain(members[3]!.username);
    expect(reminded).toContain(members[20]!.username);

    // Afterwards: the minutes are right under the agenda.
    await reply(members[0]!.agent, threadId, 'Thanks for a great evening!');
    const minutes = await reply(jonas.agent, threadId, 'Minutes: we open on **1 May**.');
    await jonas.agent.post(`/t/${threadId}/minutes`).set('accept', JSON_ACCEPT).send({ postId: minutes.id }).expect(200);
    const page = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    const agendaAt = page.text.indexOf('Agenda: the season');
    const minutesAt = page.text.indexOf('id="minutes"');
    expect(agendaAt).toBeGreaterThan(0);
    expect(minutesAt).toBeGreaterThan(agendaAt);
    expect(minutesAt).toBeLessThan(page.text.indexOf('Thanks for a great evening!'));
  }, 60_000);
});
