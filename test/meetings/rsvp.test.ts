import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';
import { accountId, startMeeting, toldOf } from './helpers.js';

describe('meetings: answers, capacity and the waiting list', () => {
  let ctx: TestContext;
  let admin: Member;
  let members: Member[];

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_rsvp' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket' });
    members = [];
    // Registered a few at a time: hashing passwords is the slow part.
    for (let batch = 0; batch < 50; batch += 10) {
      members.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => signUp(ctx, { username: `paddler_${String(batch + i).padStart(2, '0')}` })))));
    }
  }, 120_000);
  afterAll(() => ctx.close());

  const answer = (member: Member, threadId: number, body: Record<string, unknown>) =>
    member.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send(body);

  async function answers(threadId: number) {
    return ctx.db
      .selectFrom('meeting_answers')
      .innerJoin('accounts', 'accounts.id', 'meeting_answers.account_id')
      .select(['accounts.username', 'meeting_answers.answer', 'meeting_answers.headcount', 'meeting_answers.queue', 'meeting_answers.answered_at'])
      .where('thread_id', '=', threadId)
      .execute();
  }

  it('answers going, maybe and not going, changed at will; guests are sent to sign in', async () => {
    const threadId = await startMeeting(admin.agent, 'kajak', { title: 'Answers', capacity: 10 });
    const [a, b] = members as [Member, Member];
    const going = await answer(a, threadId, { answer: 'going', headcount: 3 });
    expect(going.status).toBe(200);
    expect(going.body).toEqual({
      threadId,
      counts: { going: 3, goingAnswers: 1, maybe: 0, notGoing: 0, waiting: 0, capacity: 10, placesLeft: 7 },
      yourAnswer: { answer: 'going', headcount: 3, waiting: false, position: null },
    });
    const maybe = await answer(b, threadId, { answer: 'maybe' });
    expect(maybe.body.counts).toMatchObject({ going: 3, maybe: 1 });
    const changed = await answer(a, threadId, { answer: 'not_going' });
    expect(changed.body.counts).toMatchObject({ going: 0, goingAnswers: 0, maybe: 1, notGoing: 1, placesLeft: 10 });
    expect((await answer(a, threadId, { answer: 'perhaps' })).status).toBe(400);
    const tooMany = await answer(a, threadId, { answer: 'going', headcount: 6 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields).toHaveProperty('headcount');
    expect((await guest(ctx).post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' })).status).toBe(401);
    const browser = await a.agent.post(`/t/${threadId}/rsvp`).set('accept', HTML).type('form').send({ answer: 'going', headcount: '2' });
    expect(browser.status).toBe(303);
    expect(browser.headers.location).toBe(`/t/${threadId}#meeting`);
    const page = await a.agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('You are going. Welcome!');
    expect(page.text).toContain('You are going (2 people).');
    expect((await answer(a, 999999, { answer: 'going' })).status).toBe(404);
  });

  it('50 members answering going at once for 10 places: exactly 10 places taken, 40 waiting in commit order', async () => {
    const threadId = await startMeeting(admin.agent, 'kajak', { title: 'Fifty at once', capacity: 10 });
    const responses = await Promise.all(members.map((member) => answer(member, threadId, { answer: 'going' })));
    expect(responses.map((response) => response.status)).toEqual(members.map(() => 200));
    expect(responses.filter((response) => !response.body.yourAnswer.waiting)).toHaveLength(10);
    const rows = await answers(threadId);
    const seated = rows.filter((row) => row.queue === null);
    const waiting = rows.filter((row) => row.queue !== null).sort((x, y) => x.queue! - y.queue!);
    expect(seated).toHaveLength(10);
    expect(waiting).toHaveLength(40);
    // The list's order is the order the answers were written, each after the one before had committed (the meeting's row was locked).
    const byTime = [...waiting].sort((x, y) => x.answered_at.getTime() - y.answered_at.getTime());
    expect(waiting.map((row) => row.username)).toEqual(byTime.map((row) => row.username));
    // Everyone seated answered before everyone waiting.
    const lastSeated = Math.max(...seated.map((row) => row.answered_at.getTime()));
    expect(waiting.every((row) => row.answered_at.getTime() >= lastSeated)).toBe(true);
    // Each was told their place on the list: 1 to 40, once each.
    const positions = responses.map((response) => response.body.yourAnswer.position).filter((position) => position !== null);
    expect([...positions].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const json = await guest(ctx).get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
    expect(json.body.meeting.counts).toMatchObject({ going: 10, waiting: 40, placesLeft: 0 });

    // One with a place cancels: the first waiting moves up and is told.
    const leaving = members.find((member) => member.username === seated[0]!.username)!;
    const left = await answer(leaving, threadId, { answer: 'not_going' });
    expect(left.body.counts).toMatchObject({ going: 10, waiting: 39 });
    const after = await answers(threadId);
    expect(after.find((row) => row.username === waiting[0]!.username)!.queue).toBeNull();
    expect(await toldOf(ctx, threadId, 'waitlist-promoted')).toEqual([waiting[0]!.username]);
    const promoted = members.find((member) => member.username === waiting[0]!.username)!;
    const seen = await promoted.agent.get('/notifications').set('accept', HTML).set('accept-language', 'en');
    expect(seen.text).toContain('A place came free: you are going to the meeting');
  });

  it('a headcount of 3 does not jump a queue of 1s when only 1 place frees, and waits its turn', async () => {
    const threadId = await startMeeting(admin.agent, 'kajak', { title: 'Headcounts', capacity: 4 });
    const [a, b, c, d, e] = members.slice(0, 5) as [Member, Member, Member, Member, Member];
    await answer(a, threadId, { answer: 'going', headcount: 3 });
    await answer(b, threadId, { answer: 'going', headcount: 1 });
    // Full: c (3 people) waits first, then d and e (1 each).
    expect((await answer(c, threadId, { answer: 'going', headcount: 3 })).body.yourAnswer).toMatchObject({ waiting: true, position: 1 });
    expect((await answer(d, threadId, { answer: 'going', headcount: 1 })).body.yourAnswer).toMatchObject({ waiting: true, position: 2 });
    expect((await answer(e, threadId, { answer: 'going', headcount: 1 })).body.yourAnswer).toMatchObject({ waiting: true, position: 3 });
    // b frees 1 place: c does not fit, d (the first who fits) moves up; c keeps the head of the list.
    await answer(b, threadId, { answer: 'not_going' });
    let rows = await answers(threadId);
    const state = (username: string) => rows.find((row) => row.username === username)!;
    expect(state(d.username).queue).toBeNull();
    expect(state(c.username).queue).not.toBeNull();
    expect(state(e.username).queue).not.toBeNull();
    expect(await toldOf(ctx, threadId, 'waitlist-promoted')).toEqual([d.username]);
    // a frees 3: c fits now and moves up before e; e still waits (4 taken).
    await answer(a, threadId, { answer: 'maybe' });
    rows = await answers(threadId);
    expect(state(c.username).queue).toBeNull();
    expect(state(e.username).queue).not.toBeNull();
    expect(await toldOf(ctx, threadId, 'waitlist-promoted')).toEqual([c.username, d.username].sort());
    // Someone with a place may not grow past the capacity (409); giving up a place by a smaller headcount moves e up.
    expect((await answer(c, threadId, { answer: 'going', headcount: 4 })).status).toBe(409);
    const smaller = await answer(c, threadId, { answer: 'going', headcount: 2 });
    expect(smaller.body.counts).toMatchObject({ going: 4, waiting: 0 });
    rows = await answers(threadId);
    expect(state(e.username).queue).toBeNull();
    // A larger capacity moves up those who now fit.
    await answer(b, threadId, { answer: 'going', headcount: 2 });
    expect((await answers(threadId)).find((row) => row.username === b.username)!.queue).not.toBeNull();
    const grown = await admin.agent
      .post(`/t/${threadId}/meeting`)
      .set('accept', JSON_ACCEPT)
      .send({
        startsAt: (await ctx.db.selectFrom('meetings').select('starts_at').where('thread_id', '=', threadId).executeTakeFirstOrThrow()).starts_at.toISOString(),
        endsAt: (await ctx.db.selectFrom('meetings').select('ends_at').where('thread_id', '=', threadId).executeTakeFirstOrThrow()).ends_at.toISOString(),
        place: 'Kajakboden, Strandvägen 1',
        capacity: 6,
      });
    expect(grown.body.counts).toMatchObject({ going: 6, waiting: 0, placesLeft: 0 });
    expect(await toldOf(ctx, threadId, 'waitlist-promoted')).toContain(b.username);
    // Nobody was told of a change: the time and place stayed.
    expect(await toldOf(ctx, threadId, 'meeting-changed')).toEqual([]);
    expect(await accountId(ctx, b.username)).toBeGreaterThan(0);
  });

  it('deleting an account gives up its places: the first waiting moves up and is told', async () => {
    const threadId = await startMeeting(admin.agent, 'kajak', { title: 'Deleted member', capacity: 1 });
    const [leaver, next] = members.slice(45, 47) as [Member, Member];
    await answer(leaver, threadId, { answer: 'going' });
    expect((await answer(next, threadId, { answer: 'going' })).body.yourAnswer).toMatchObject({ waiting: true, position: 1 });
    const deleted = await leaver.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: leaver.password });
    expect(deleted.status).toBe(200);
    const rows = await answers(threadId);
    expect(rows.map((row) => [row.username, row.queue])).toEqual([[next.username, null]]);
    expect(await toldOf(ctx, threadId, 'waitlist-promoted')).toEqual([next.username]);
  });
});
