import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createDatabase, type Database } from '../../src/db/connect.js';
import { HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, onPostgres, type TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';
import { sendDueReminders } from '../../src/meetings/meetings.service.js';
import { hoursFromNow, startMeeting, toldOf } from './helpers.js';

describe('meetings: reminders the day before', () => {
  let ctx: TestContext;
  let admin: Member;
  let going: Member;
  let waiting: Member;
  let maybe: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_rem' });
    going = await signUp(ctx, { username: 'going_rem' });
    waiting = await signUp(ctx, { username: 'waiting_rem' });
    maybe = await signUp(ctx, { username: 'maybe_rem' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket' });
  });
  afterAll(() => ctx.close());

  it('tells everyone going with a place 24 hours before, exactly once with two runs at once and after a restart', async () => {
    const soon = await startMeeting(admin.agent, 'kajak', { title: 'Tomorrow', startsAt: hoursFromNow(20), endsAt: hoursFromNow(22), capacity: 1 });
    const later = await startMeeting(admin.agent, 'kajak', { title: 'In two days', startsAt: hoursFromNow(40), endsAt: hoursFromNow(42) });
    const cancelled = await startMeeting(admin.agent, 'kajak', { title: 'Off', startsAt: hoursFromNow(10), endsAt: hoursFromNow(12) });
    for (const threadId of [soon, later, cancelled])
      await going.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    await waiting.agent.post(`/t/${soon}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    await maybe.agent.post(`/t/${soon}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'maybe' }).expect(200);
    await admin.agent.post(`/t/${cancelled}/meeting/cancel`).set('accept', JSON_ACCEPT).expect(200);

    // Two instances at once (on PostgreSQL two connections; on PGlite one after the other).
    const [first, second] = await Promise.all([sendDueReminders(ctx.db), sendDueReminders(ctx.db)]);
    expect([...first, ...second]).toEqual([soon]);
    expect(await toldOf(ctx, soon, 'meeting-reminder')).toEqual([going.username]);
    // A restart: the claim is in the database, so nothing goes again.
    expect(await sendDueReminders(ctx.db)).toEqual([]);
    expect(await toldOf(ctx, soon, 'meeting-reminder')).toEqual([going.username]);
    expect(await toldOf(ctx, cancelled, 'meeting-reminder')).toEqual([]);

    // A day later the next one is due; the app's own job (every instance's housekeeping) sends it.
    expect(await sendDueReminders(ctx.db, new Date(Date.now() + 20 * 3600 * 1000))).toEqual([later]);
    expect(await toldOf(ctx, later, 'meeting-reminder')).toEqual([going.username]);
    const page = await going.agent.get('/notifications').set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('Reminder: the meeting');
  });

  it('runs in the app on a timer, and a meeting moved later is reminded again at its new time', async () => {
    const threadId = await startMeeting(admin.agent, 'kajak', { title: 'Moved', startsAt: hoursFromNow(5), endsAt: hoursFromNow(6) });
    await going.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    const ran = await ctx.app.housekeeping.runAll();
    expect(ran['meeting reminders']).toBe(1);
    expect(await toldOf(ctx, threadId, 'meeting-reminder')).toEqual([going.username]);
    await admin.agent
      .post(`/t/${threadId}/meeting`)
      .set('accept', JSON_ACCEPT)
      .send({ startsAt: hoursFromNow(30), endsAt: hoursFromNow(31), place: 'Kajakboden, Strandvägen 1' })
      .expect(200);
    expect(await sendDueReminders(ctx.db)).toEqual([]);
    expect(await sendDueReminders(ctx.db, new Date(Date.now() + 10 * 3600 * 1000))).toEqual([threadId]);
    expect(await toldOf(ctx, threadId, 'meeting-reminder')).toEqual([going.username, going.username]);
  });
});

describe.runIf(onPostgres)('meetings: reminders from two app instances on one PostgreSQL', () => {
  let a: TestContext;
  let secondDatabase: Database;
  let b: FastifyInstance;

  beforeAll(async () => {
    a = await createTestContext();
    secondDatabase = await createDatabase({ databaseUrl: a.databaseUrl, dataDir: '' });
    b = await buildApp(a.config, { database: secondDatabase, logger: false });
    await b.ready();
  });
  afterAll(async () => {
    await b.close();
    await secondDatabase.close();
    await a.close();
  });

  it('sends each reminder once when both instances run their job at the same moment, and none after a restart', async () => {
    const admin = await signUp(a, { username: 'admin_two' });
    const member = await signUp(a, { username: 'member_two' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket' });
    const threadIds = [];
    for (let i = 0; i < 5; i += 1)
      threadIds.push(await startMeeting(admin.agent, 'kajak', { title: `Soon ${i}`, startsAt: hoursFromNow(2 + i), endsAt: hoursFromNow(3 + i) }));
    for (const threadId of threadIds) await member.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    const [onA, onB] = await Promise.all([a.app.housekeeping.runAll(), b.housekeeping.runAll()]);
    expect(onA['meeting reminders']! + onB['meeting reminders']!).toBe(5);
    // A restart: a new instance on the same database finds nothing left to send.
    await b.close();
    b = await buildApp(a.config, { database: secondDatabase, logger: false });
    await b.ready();
    expect((await b.housekeeping.runAll())['meeting reminders']).toBe(0);
    await a.app.notifications.runWorker();
    const told = await a.db.selectFrom('notifications').select('thread_id').where('kind', '=', 'meeting-reminder').orderBy('thread_id').execute();
    expect(told.map((row) => row.thread_id)).toEqual(threadIds);
  });
});
